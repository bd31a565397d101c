"""Hard-wrapped text (copied from a PDF, or saved by an editor that wraps): its paragraphs'
lines are rejoined into one unit before anything reads them, since a wrapped line alone
looks like a headline.

Wrapped files separate paragraphs by blank lines, and the lines inside a paragraph (all
but its last) come close to one maximum width and mostly stop mid-sentence. A file with a
paragraph per line has long lines, no multi-line blocks, or lines that end their
sentences; verse and lists keep their lines: they are short, or end their sentences.
"""

from __future__ import annotations

from dataclasses import replace

from reader.core.text.han import HAN
from reader.core.text.meta import ends_sentence
from reader.core.text.rows import Unit
from reader.core.text.runs import script_weight

_WRAP_MAX = 160  # columns: a file hard-wrapped wider than this is not recognised


def _columns(line: str) -> int:
    """Display width: a Han character takes two columns."""
    return len(line) + len(HAN.findall(line))


def wrap_width(lines: list[str]) -> int | None:
    """The column width a hard-wrapped file was wrapped at, or None if it is not wrapped.

    A file with a paragraph per line (most pasted pages) has long lines, no multi-line
    blocks, or lines that end their sentences.
    """
    nonblank = [line.strip() for line in lines if line.strip()]
    if not nonblank or len(nonblank) == len(lines):
        return None  # no blank lines: every line is a paragraph
    if any(len(line) > _WRAP_MAX for line in nonblank):
        return None
    width = max(_columns(line) for line in nonblank)
    if width > _WRAP_MAX:
        return None
    inner = [line.strip() for line, nxt in zip(lines, lines[1:], strict=False)
             if line.strip() and nxt.strip()]
    if len(inner) < 3:
        return None
    near_full = sum(_columns(line) >= 0.6 * width for line in inner)
    mid_sentence = sum(not ends_sentence(line) for line in inner)
    if near_full >= 0.7 * len(inner) and mid_sentence >= 0.5 * len(inner):
        return width
    return None


def _script(text: str) -> str:
    han, latin = script_weight(text)
    return "zh" if han * 3 >= latin else "en"


def _join(left: str, right: str) -> str:
    """No space between Han characters, one between words."""
    if HAN.match(left[-1]) or HAN.match(right[0]):
        return left + right
    return f"{left} {right}"


def rejoin(units: list[Unit], lines: list[str]) -> list[Unit]:
    """Units with a wrapped paragraph's lines joined (module doc); `lines` are the source
    lines, which give the wrap width."""
    width = wrap_width(lines)
    if width is None:
        return units
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (prev is not None and unit.gap == 0 and unit.kind == prev.kind == "text"
                and unit.col == 0 and (prev.last or prev.line) == unit.line - 1
                and _columns(lines[unit.line - 2].strip()) >= 0.6 * width
                and _script(prev.text) == _script(unit.text)):
            out[-1] = replace(prev, text=_join(prev.text, unit.text), last=unit.line,
                              raw=prev.raw + "\n" + unit.raw)
        else:
            out.append(unit)
    return out
