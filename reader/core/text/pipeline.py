"""The importer, stage by stage: raw text → units → language runs → roles → layout →
paragraphs and metadata → an `Article`, plus the rows the review view shows.

    structure.units      markup removed, one unit per stretch of a source line
    runs.split_unit      a line holding both languages cut where the script changes
    roles.assign_roles   body, title, byline, date, source, credit, label, vocab, note, …
    decisions.apply      the user's corrections from the review view, kept across re-parses
    layout.detect        zh-then-en, interleaved, same-line, sentences, …; pairs; commentary
    paragraphs.build     runs of one line joined, hard-wrapped lines rejoined
    metadata.collect     titles, dates, bylines, translator, source

`parse` is pure: the same text and decisions always give the same result, so a re-parse
by a newer importer (or after a decision) is safe; the library keeps the raw text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from reader.core.errors import UserError
from reader.core.models import Article, Lang, Paragraph, Title
from reader.core.text import decisions as decisions_mod
from reader.core.text import layout as layout_mod
from reader.core.text import metadata, paragraphs, structure, wrap
from reader.core.text.decode import normalise
from reader.core.text.meta import trailing_source
from reader.core.text.roles import assign_roles
from reader.core.text.rows import Layout, Piece, Role, Row, Unit, text_key
from reader.core.text.runs import HAN, split_unit
from reader.core.text.script import is_traditional
from reader.core.text.sentences import make_paragraph

IMPORTER_VERSION = 2
"""Raise it when the importer's output changes: the library parses again the articles an
older importer parsed when they are imported again (their raw text is kept)."""

_NAMES = {"ja": "Japanese", "ko": "Korean"}
UNSURE = 0.5          # rows below this confidence are listed for review


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An import: the article, the rows behind it, its layout and overall confidence."""

    article: Article
    rows: tuple[Row, ...]
    layout: Layout
    confidence: float
    messages: tuple[str, ...]


def _traditional(text: str) -> bool:
    """True when the Chinese text is in traditional characters (a sample is checked)."""
    sample = "".join(m.group() for m in islice(HAN.finditer(text), 800))
    return bool(sample) and is_traditional(sample)


def _pieces(units: list[Unit], force: Sequence[tuple[int, str]] = ()) -> list[Piece]:
    """Language runs of every unit; `force` gives (first line, language) ranges whose lines
    are of one language whatever their script (the two files of a pair)."""
    out: list[Piece] = []
    for k, unit in enumerate(units):
        runs = split_unit(k, unit)
        lang = None
        for first, forced in force:
            if unit.line >= first:
                lang = forced
        if lang is not None:
            letters = any(r.lang is not None for r in runs)
            runs = [Piece(k, unit.text.strip(), lang if letters else None, 0, len(unit.text))]
        out.extend(runs)
    return out


def parse(text: str, *, name: str = "the text",
          decisions: Sequence[decisions_mod.Decision] = (),
          force: Sequence[tuple[int, str]] = ()) -> ImportResult:
    """Parse one raw article (see the module doc). Raises UserError without any Chinese or
    English text."""
    text = normalise(text)
    traditional = _traditional(text)
    units = wrap.rejoin(structure.units(text), text.split("\n"))
    pieces = _pieces(units, force)
    assign_roles(units, pieces, traditional)
    pieces = decisions_mod.apply(units, pieces, decisions)
    layout_mod.lead_island(pieces)
    layout_mod.commentary_tail(pieces)
    blocks = layout_mod.sentence_blocks(pieces, units)
    layout = layout_mod.detect(pieces, units, blocks)
    found = metadata.collect(units, pieces, traditional)
    paras = paragraphs.build(units, pieces, blocks)
    if not paras:
        raise UserError(f"{name}: no Chinese or English text found",
                        "choose a file with the article's text")
    zh = [p for p in paras if p.lang == "zh"]
    en = [p for p in paras if p.lang == "en"]
    meta = found.meta
    if zh:
        zh[-1].text, source = trailing_source(zh[-1].text)
        meta.offer("source", source)
        if not zh[-1].text:
            zh.pop()
    if en and meta.author is None:
        meta.offer("author", metadata.sign_off(en[-1].text))
    rows = _rows(units, pieces)
    messages = _messages(units, pieces, layout, bool(zh), bool(en))
    confidence = _confidence(zh + en, layout, rows)
    article = Article(
        title=Title(zh=found.title_zh, en=found.title_en),
        zh=tuple(_paragraph(p, Lang.ZH) for p in zh),
        en=tuple(_paragraph(p, Lang.EN) for p in en),
        author=meta.author, date=meta.date, translator=meta.translator, source=meta.source,
        script="traditional" if traditional else "simplified",
        layout=layout.kind, confidence=confidence, messages=messages,
        importer=IMPORTER_VERSION,
    )
    return ImportResult(article, rows, layout, confidence, messages)


def _paragraph(p: paragraphs.Para, lang: Lang) -> Paragraph:
    made = make_paragraph(p.text, lang)
    return Paragraph(made.text, made.sentences, "body", (p.first, p.last),
                     round(p.confidence, 2))


def _rows(units: list[Unit], pieces: list[Piece]) -> tuple[Row, ...]:
    out = []
    for p in pieces:
        unit = units[p.unit]
        text = p.text if p.role is not Role.BODY else " ".join(p.text.split())
        out.append(Row(text=text, role=p.role, lang=p.lang, confidence=round(p.conf, 2),
                       lines=(unit.line, unit.last or unit.line), pair=p.pair, why=p.why,
                       key=f"{unit.line}:{text_key(p.text)}",
                       cols=(unit.col + p.start, unit.col + p.end)))
    return tuple(out)


def _line_list(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:8]))
    return shown + (f" and {len(lines) - 8} more" if len(lines) > 8 else "")


def _messages(units: list[Unit], pieces: list[Piece], layout: Layout, has_zh: bool,
              has_en: bool) -> tuple[str, ...]:
    out: list[str] = []
    if has_zh != has_en:
        side = "Chinese" if has_zh else "English"
        out.append(f"only {side} text found: imported as a one-language article")
    other: dict[str, list[int]] = {}
    for p in pieces:
        if p.role is Role.OTHER_LANGUAGE and p.lang in _NAMES:
            other.setdefault(_NAMES[p.lang], []).append(units[p.unit].line)
    for language, lines in other.items():
        lines = sorted(set(lines))
        out.append(f"{len(lines)} line{'s' * (len(lines) > 1)} in {language} left out of both "
                   f"panes (line{'s' * (len(lines) > 1)} {_line_list(lines)})")
    unclear = sorted({units[p.unit].line for p in pieces
                      if p.role is Role.BODY and p.split_conf < UNSURE})
    if unclear:
        out.append(f"both languages on one line, split point unclear: check line"
                   f"{'s' * (len(unclear) > 1)} {_line_list(unclear)} in Review split")
    return tuple(out)


def _confidence(paras: list[paragraphs.Para], layout: Layout, rows: tuple[Row, ...]) -> float:
    """The mean confidence of the body, lowered by an irregular layout and by lines left
    for review."""
    if not paras:
        return 0.0
    body = sum(p.confidence for p in paras) / len(paras)
    unsure = sum(1 for r in rows if r.role is Role.BODY and r.confidence < UNSURE)
    value = body * (0.7 + 0.3 * layout.confidence) - 0.05 * min(unsure, 6)
    return round(max(0.0, min(1.0, value)), 2)

