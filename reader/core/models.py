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


# -- the stored form: `duizhao import --json`, the library's rows, the parse cache -------------
def _paragraph_to_dict(p: Paragraph) -> dict:
    d: dict = {"text": p.text, "sentences": [s.text for s in p.sentences]}
    if p.lines is not None:
        d.update(role=p.role, lines=list(p.lines), confidence=p.confidence)
    return d


def _side_to_dict(paragraphs: tuple[Paragraph, ...]) -> dict:
    return {"paragraphs": [_paragraph_to_dict(p) for p in paragraphs]}


def article_to_dict(article: Article) -> dict:
    """The JSON shape of `duizhao import --json` (and what the library stores)."""
    return {
        "title": {"zh": article.title.zh, "en": article.title.en},
        "author": article.author,
        "date": article.date,
        "translator": article.translator,
        "source": article.source,
        "script": article.script,
        "zh": _side_to_dict(article.zh),
        "en": _side_to_dict(article.en),
        "layout": article.layout,
        "confidence": article.confidence,
        "messages": list(article.messages),
        "importer": article.importer,
    }


def article_identity(article: Article) -> dict:
    """The article's text and metadata only, in the shape the stored form had before the
    importer annotated it (layout, roles, source lines): the identity of an article
    imported from two files, whose content hash is taken over it."""
    def side(paragraphs: tuple[Paragraph, ...]) -> dict:
        return {"paragraphs": [{"text": p.text, "sentences": [s.text for s in p.sentences]}
                               for p in paragraphs]}

    return {
        "title": {"zh": article.title.zh, "en": article.title.en},
        "author": article.author, "date": article.date, "translator": article.translator,
        "source": article.source, "script": article.script,
        "zh": side(article.zh), "en": side(article.en),
    }


def _paragraph_from_dict(d: dict, lang: Lang) -> Paragraph:
    """Rebuild offsets by finding each stored sentence in order; re-split if they don't fit."""
    text = d["text"]
    lines = d.get("lines")
    extra = {"role": d.get("role") or "body",
             "lines": (int(lines[0]), int(lines[1])) if lines else None,
             "confidence": float(d.get("confidence", 1.0))}
    sentences: list[Sentence] = []
    pos = 0
    for sentence in d.get("sentences", []):
        start = text.find(sentence, pos)
        if start < 0 or not sentence:
            from reader.core.text.sentences import make_paragraph  # sentences imports us

            return Paragraph(text, make_paragraph(text, lang).sentences, **extra)
        pos = start + len(sentence)
        sentences.append(Sentence(sentence, start, pos))
    return Paragraph(text, tuple(sentences), **extra)


def article_from_dict(d: dict) -> Article:
    """Inverse of `article_to_dict`."""
    title = d.get("title") or {}
    return Article(
        title=Title(zh=title.get("zh"), en=title.get("en")),
        zh=tuple(_paragraph_from_dict(p, Lang.ZH)
                 for p in (d.get("zh") or {}).get("paragraphs", [])),
        en=tuple(_paragraph_from_dict(p, Lang.EN)
                 for p in (d.get("en") or {}).get("paragraphs", [])),
        author=d.get("author"),
        date=d.get("date"),
        translator=d.get("translator"),
        source=d.get("source"),
        script=d.get("script") or "simplified",
        layout=d.get("layout") or "",
        confidence=float(d.get("confidence", 1.0)),
        messages=tuple(d.get("messages") or ()),
        importer=int(d.get("importer") or 0),
    )
