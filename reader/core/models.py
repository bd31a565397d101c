"""Frozen dataclasses passed between the core's functions and the UI.

Offsets are Python code-point indices (`str` indexing). The UI converts to Qt's UTF-16
positions in one helper; nothing here knows about UTF-16.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph; `start`/`end` index into `Paragraph.text`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of one side. `lines` are the 1-based first and last lines of the raw text
    it came from (None when unknown: a paragraph built in code, an older library row);
    `role` is what the importer took it for ("body"); `confidence` how sure it is (0–1)."""

    text: str
    sentences: tuple[Sentence, ...]
    role: str = "body"
    lines: tuple[int, int] | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Title:
    zh: str | None = None
    en: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A bilingual article after import: metadata plus each side's paragraphs.

    `script` is "simplified" or "traditional": the Chinese side is displayed as written,
    and analysed through a simplified copy when traditional.
    """

    title: Title
    zh: tuple[Paragraph, ...]
    en: tuple[Paragraph, ...]
    author: str | None = None
    date: str | None = None
    translator: str | None = None
    source: str | None = None
    script: str = "simplified"
    layout: str = ""                  # how the raw text arranged the languages (text.layout)
    confidence: float = 1.0           # the importer's overall confidence, 0–1
    messages: tuple[str, ...] = ()    # what the importer wants the user to know
    importer: int = 0                 # the importer's version (0: before versions were kept)

    def sentences(self, lang: Lang | str) -> list[Sentence]:
        """All sentences of one side in reading order (the ids alignment uses)."""
        paragraphs = self.zh if Lang(lang) is Lang.ZH else self.en
        return [s for p in paragraphs for s in p.sentences]


@dataclass(frozen=True, slots=True)
class Token:
    """A segmented word; `start`/`end` are code-point offsets into the analysed text."""

    text: str
    start: int
    end: int


UNSURE_READING = 0.75
"""Syllable confidence below which the popup, pinyin-above and handouts mark a reading."""


@dataclass(frozen=True, slots=True)
class Reading:
    """The reading of one token in context.

    `syllables` has one entry per character of the token: a syllable with tone number
    (`"hang2"`, neutral `"de5"`, ü as `"v"`), or None for a non-Han character.
    `confidence` is per syllable, 0–1.
    """

    token: Token
    syllables: tuple[str | None, ...]
    confidence: tuple[float, ...] = ()

    @property
    def unsure(self) -> bool:
        """Whether any syllable's reading is below the confidence the UI trusts."""
        return any(c < UNSURE_READING for c in self.confidence)


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT entry (one reading of a headword)."""

    simplified: str
    traditional: str
    pinyin: str                      # CEDICT numbered form, e.g. "yin2 hang2"
    senses: tuple[str, ...]
    measure_words: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    hsk2: int | None = None
    hsk3: int | None = None


@dataclass(frozen=True, slots=True)
class Bead:
    """An alignment unit: ids of one side paired with ids of the other (either may be empty)."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Alignment:
    paragraphs: tuple[Bead, ...] = ()
    sentences: tuple[Bead, ...] = ()
    extra: dict = field(default_factory=dict, compare=False)


# -- what the reader adds: notes and saved words --------------------------------------
@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation sits on one side: offsets into `side_text`, plus what heals it."""

    lang: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight with an optional note (plain text, Markdown allowed) and tags."""

    id: int | None
    article_id: int
    anchor: Anchor
    note: str = ""
    color: str = "yellow"
    tags: tuple[str, ...] = ()
    orphaned: bool = False
    created: str | None = None
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class SavedWord:
    """A word the reader saved, with its reading and the context it came from."""

    id: int | None
    word: str
    reading: str = ""                       # numbered pinyin, e.g. "yin2 hang2"
    senses: tuple[str, ...] = ()
    sentence_zh: str = ""
    sentence_en: str = ""
    article_id: int | None = None
    status: str = "new"
    note: str = ""
    hsk: int | None = None
    created: str | None = None
    updated: str | None = None
