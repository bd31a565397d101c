"""Stage 5, paragraphs: body runs become each language's paragraphs.

Runs of one language from one unit are one paragraph: sentences alternating inside a line
give one paragraph per language. (Lines of a hard-wrapped file were already rejoined into
one unit by `wrap`, before roles were read: a wrapped line looks like a headline.)
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.text.han import HAN
from reader.core.text.rows import Piece, Role, Unit


@dataclass(slots=True)
class Para:
    """One paragraph of one language, with where it came from."""

    lang: str
    text: str
    first: int                  # 1-based source lines
    last: int
    confidence: float
    pieces: list[int]


def _join(left: str, right: str, lang: str) -> str:
    """Join two pieces: no space between Han characters, one between words."""
    if not left:
        return right
    if lang == "zh" and (HAN.match(left[-1]) or HAN.match(right[0])
                         or left[-1] in "。，；：！？”）"):
        return left + right
    return f"{left} {right}"


def _tidy(text: str) -> str:
    """Runs of spaces squeezed (long lines only stripped: splitting them is costly)."""
    return " ".join(text.split()) if len(text) < 1000 else text.strip()


def build(units: list[Unit], pieces: list[Piece],
          blocks: list[list[int]] | None = None) -> list[Para]:
    """The body paragraphs of both languages, in reading order. Units of one of `blocks`
    (`layout.sentence_blocks`) give one paragraph per language, like one unit."""
    group = {u: block[0] for block in blocks or () for u in block}
    out: list[Para] = []
    last_of: dict[str, Para] = {}
    prev_unit: dict[str, int] = {}
    for k, p in enumerate(pieces):
        if p.role is not Role.BODY or p.lang not in ("zh", "en"):
            continue
        unit = units[p.unit]
        lang = p.lang
        para = last_of.get(lang)
        prev = prev_unit.get(lang)
        same_unit = para is not None and prev is not None and (
            group.get(prev, prev) == group.get(p.unit, p.unit))
        if para is not None and same_unit:
            para.text = _join(para.text, p.text, lang)
            para.last = unit.last or unit.line
            para.confidence = min(para.confidence, p.conf)
            para.pieces.append(k)
        else:
            para = Para(lang, p.text, unit.line, unit.last or unit.line, p.conf, [k])
            out.append(para)
            last_of[lang] = para
        prev_unit[lang] = p.unit
    for para in out:
        para.text = _tidy(para.text)
    return [para for para in out if para.text]
