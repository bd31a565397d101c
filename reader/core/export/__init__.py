"""Exporters, one module per format, registered by name (like Picard's format registry).

An exporter is a small class with a `name`, a file `suffix`, an `Options` dataclass and
`export(handout, options, path)`. Everything an exporter needs is gathered beforehand into
a `Handout` (by `build_handout`), so exporters are pure formatting and easy to test.
Formats that need Qt (PDF) live in `reader/ui/` and are registered by the command that
needs them, never imported from here.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from reader.core.errors import UserError
from reader.core.models import Alignment, Annotation, Article, SavedWord


@dataclass(frozen=True)
class NoteView:
    """A note as exported: the annotation plus its aligned other-language text."""

    annotation: Annotation
    aligned: str = ""


@dataclass(frozen=True)
class WordView:
    """One word of a Chinese paragraph, offsets into that paragraph's text."""

    text: str
    start: int
    end: int
    reading: str = ""        # numbered syllables, space-separated ("yin2 hang2")
    hsk: int | None = None
    meaning: str = ""
    unsure: bool = False     # the program's reading is a guess: the handout marks it "?"
    entry: bool = True       # a dictionary headword (两家, 上周四 are not: no pinyin, no row)
    name: bool = False       # a person, place or brand (pinyin only when asked)
    parts_level: int | None = None   # outside HSK but made of HSK words of this top level


@dataclass(frozen=True)
class Handout:
    """What an export shows, gathered from the library."""

    article: Article
    alignment: Alignment
    notes: tuple[NoteView, ...] = ()
    words: tuple[SavedWord, ...] = ()
    zh_words: tuple[tuple[WordView, ...], ...] = ()   # per Chinese paragraph
    extra: dict[str, Any] = field(default_factory=dict)


class Exporter(Protocol):
    name: str
    suffix: str
    Options: type

    def export(self, handout: Handout, options: Any, path: Path) -> Path: ...


_REGISTRY: dict[str, str | type] = {
    "markdown": "reader.core.export.markdown:MarkdownExporter",
    "anki": "reader.core.export.anki:AnkiExporter",
}


def register(name: str, exporter: str | type) -> None:
    """Register an exporter class, or a "module:Class" path imported on first use."""
    _REGISTRY[name] = exporter


def names() -> list[str]:
    return sorted(_REGISTRY)


def get(name: str) -> Any:
    """A new exporter instance for `name`.

    Raises:
        UserError: no such format.
    """
    target = _REGISTRY.get(name)
    if target is None:
        raise UserError(f"unknown export format {name!r}", f"use one of {', '.join(names())}")
    if isinstance(target, str):
        module, _, cls = target.partition(":")
        target = getattr(importlib.import_module(module), cls)
        _REGISTRY[name] = target
    return target()


def write_text_file(path: Path, text: str) -> Path:
    """Write atomically (temp file + rename) with a clear message when the place is bad.

    An existing device, pipe or socket is refused: the rename would replace it (as root,
    `-o /dev/null` would turn the device into a regular file).
    """
    from reader.core.text.decode import display_path

    path = Path(path)
    with contextlib.suppress(OSError):
        if path.exists() and not path.is_file():
            raise UserError(f"cannot write {display_path(path)}: not a regular file",
                            "choose a file name with -o")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise UserError(f"cannot write {display_path(path)}: {exc.strerror or exc}",
                        "choose a folder you can write to with -o") from exc
    return path


# ---------------------------------------------------------------- pinyin display

_SYLLABLE = re.compile(r"^([a-zü:]+)([1-5])$", re.IGNORECASE)


def mark_syllable(syllable: str) -> str:
    """"hang2" → "háng", "lv4" → "lǜ", "de5" → "de" (CEDICT's "u:" accepted too); a
    capital stays ("Ma3" → "Mǎ": a name's word start, see `marked_reading`)."""
    if not _SYLLABLE.match(syllable):
        return syllable.replace("v", "ü")
    from reader.core.language.pinyin import format_syllable

    capital = syllable[:1].isupper()
    marked = format_syllable(syllable.lower().replace("u:", "v").replace("ü", "v"), "marks")
    return marked[:1].upper() + marked[1:] if capital else marked


def marked_reading(reading: str) -> str:
    """"yin2 hang2" → "yínháng" (a word's syllables joined); a name's syllables cased by
    `reader.core.language.pinyin.name_syllables` are written in pinyin orthography, a
    capital starting each word: "Ma3 Yun2" → "Mǎ Yún", "Bei3 jing1" → "Běijīng"."""
    out = []
    for i, syllable in enumerate(reading.split()):
        if i and syllable[:1].isupper():
            out.append(" ")
        out.append(mark_syllable(syllable))
    return "".join(out)
