"""Small values the service hands out and the helpers its parts share.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import UserError
from reader.core.models import (
    Alignment,
    Article,
    Bead,
    Lang,
)


def same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


_TONE_MARKS = {
    "ā": "a", "á": "a", "ǎ": "a", "à": "a", "ē": "e", "é": "e", "ě": "e", "è": "e",
    "ī": "i", "í": "i", "ǐ": "i", "ì": "i", "ō": "o", "ó": "o", "ǒ": "o", "ò": "o",
    "ū": "u", "ú": "u", "ǔ": "u", "ù": "u", "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v", "ü": "v",
}


def content_hash(text: str) -> str:
    """The identity of an article's source text (sha256 of its UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ArticleRef:
    """An article in the library: its id and parsed structure."""

    id: int
    article: Article
    created: bool = False


@dataclass(frozen=True)
class WordInfo:
    """One segmented word of the Chinese side, with what exports and glosses need."""

    text: str
    start: int          # offset into side_text(article, "zh")
    end: int
    syllables: tuple[str | None, ...]
    hsk: int | None = None
    unsure: bool = False      # the reading is a guess (and no teacher has locked it)

    @property
    def reading(self) -> str:
        return " ".join(s for s in self.syllables if s)


@dataclass
class Command:
    description: str
    undo: Callable[[], None]
    redo: Callable[[], None]


def alignment_to_stored(alignment: Alignment) -> dict:
    def beads(items: Iterable[Bead]) -> list:
        return [[list(b.zh), list(b.en), b.score] for b in items]
    return {"paragraphs": beads(alignment.paragraphs), "sentences": beads(alignment.sentences)}


def alignment_from_stored(data: dict) -> Alignment:
    def beads(items: list) -> tuple[Bead, ...]:
        return tuple(Bead(tuple(zh), tuple(en), float(score)) for zh, en, score in items)
    return Alignment(beads(data.get("paragraphs", [])), beads(data.get("sentences", [])))


def toneless(query: str) -> str:
    """"yínháng" → "yinhang" (tone marks stripped, ü as v)."""
    return "".join(_TONE_MARKS.get(ch, ch) for ch in query.lower())


def lang_value(value: str) -> str:
    try:
        return Lang(value).value
    except ValueError:
        raise UserError(f"unknown language {value!r}", "use zh or en") from None


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


def valid_beads(beads: tuple[Bead, ...], old: Article, new: Article) -> tuple[Bead, ...]:
    """Fixed beads still meaningful after an edit: every sentence they name is unchanged."""
    old_zh, old_en = old.sentences(Lang.ZH), old.sentences(Lang.EN)
    new_zh, new_en = new.sentences(Lang.ZH), new.sentences(Lang.EN)

    def same(ids: tuple[int, ...], before: list, after: list) -> bool:
        return all(i < len(before) and i < len(after) and before[i].text == after[i].text
                   for i in ids)

    return tuple(b for b in beads if same(b.zh, old_zh, new_zh) and same(b.en, old_en, new_en))
