"""The importer's working units and the rows it reports, one dataclass per stage's output.

A raw article goes through stages (`structure` → `runs` → `roles` → `layout` →
`paragraphs`); each stage reads and refines a list of `Piece`s, one per stretch of the
source that keeps a single role and language. The review view shows them as `Row`s: the
frozen, UI-ready form (text, role, language, confidence, counterpart, source lines).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a stretch of the source is. Only BODY reaches the reading panes."""

    BODY = "body"
    TITLE = "title"
    BYLINE = "byline"
    DATE = "date"
    SOURCE = "source"
    CREDIT = "credit"          # translator, editor, "excerpt from …", attributions
    LABEL = "label"            # 参考译文, TEXT:, 【…】, 一、, section numbers
    VOCAB = "vocab"            # word [phonetic] gloss, glossary entries
    NOTE = "note"              # commentary, grammar analysis, quotations of the body
    CAPTION = "caption"
    CHROME = "chrome"          # site menus, breadcrumbs, page titles, player times
    PROMO = "promo"            # subscribe, download the app, scan the code
    COPYRIGHT = "copyright"
    META = "meta"              # front matter, tag lines
    MARKUP = "markup"          # rules, fences, cue timings: structure without words
    OTHER_LANGUAGE = "other_language"   # Japanese, Korean: kept out of both panes


JUNK = frozenset(Role) - {Role.BODY}


@dataclass(frozen=True, slots=True)
class Unit:
    """One stretch of a source line after markup removal (`structure`'s output).

    `line` is 1-based; `col` is where the stretch starts in the source line, for lines cut
    into several units (`<br>`, table cells). `kind` is the block markup it came from:
    text, heading, quote, item, code, front, container, rule, comment, cue, table.
    """

    text: str
    line: int
    col: int = 0
    kind: str = "text"
    level: int = 0             # heading level, list depth
    marker: str = ""           # the list marker or numbering removed from the front
    gap: int = 0               # blank lines before it
    strong: bool = False       # the whole line was emphasised (**…**, <b>…</b>)
    container: str = ""        # the ::: container or code fence it sits in
    raw: str = ""              # the source text of the stretch, markup included
    last: int = 0              # the last source line of a rejoined paragraph (0: `line`)


@dataclass(slots=True)
class Piece:
    """A stretch of one language inside a unit, with the role the stages give it."""

    unit: int                  # index into the unit list
    text: str
    lang: str | None           # "zh", "en", "ja", "ko" or None (no letters)
    start: int = 0             # offsets into the unit's text
    end: int = 0
    split_conf: float = 1.0    # how sure the split that made this piece is
    role: Role = Role.BODY
    conf: float = 0.5
    why: str = ""
    pair: int | None = None    # index of the counterpart piece
    locked: bool = False       # a user's decision: later rules leave it alone
    extra: dict = field(default_factory=dict)

    def assign(self, role: Role, conf: float, why: str) -> None:
        if not self.locked:
            self.role, self.conf, self.why = role, conf, why


def text_key(text: str) -> str:
    """A short, stable hash of a row's text (whitespace ignored), for user decisions."""
    squeezed = "".join(text.split())
    return hashlib.blake2s(squeezed.encode("utf-8"), digest_size=6).hexdigest()


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the review view: a stretch of the source and what the importer made of it.

    `lines` are the 1-based first and last source lines (of the text the library keeps);
    `pair` is the index of the counterpart row (the translation) when the layout shows it;
    `key` identifies the row for a user's decision across re-parses (lines + text hash).
    """

    text: str
    role: Role
    lang: str | None
    confidence: float
    lines: tuple[int, int]
    pair: int | None = None
    why: str = ""
    key: str = ""
    cols: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """How the two languages are arranged: `kind` is one of zh-only, en-only,
    zh-then-en, en-then-zh, interleaved-zh-first, interleaved-en-first, sections,
    same-line, sentences (alternating inside lines), cues, mixed."""

    kind: str
    confidence: float
