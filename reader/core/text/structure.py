"""Stage 1, structure: the decoded text as `Unit`s, one per stretch of a source line, with
the block markup that framed it recorded and removed.

A unit is at most one line: pasted articles put a Chinese paragraph and its English on
adjacent lines with no blank between them, so Markdown's "consecutive lines are one
paragraph" would glue translations together. Hard-wrapped paragraphs are rejoined later
(`paragraphs`), where the language of each line is known.

Recognised, in plain text as in Markdown files: YAML/TOML front matter, ATX headings,
block quotes, list items (Markdown markers and Chinese numbering such as 一、 （二） 3、),
code fences, `:::` containers, thematic breaks, HTML comments and tags, Markdown tables
(one unit per cell), and subtitle files (SRT/WebVTT cue numbers and timings).
"""

from __future__ import annotations

import re

from reader.core.text.han import HAN_CLASS
from reader.core.text.markup import split_tags
from reader.core.text.rows import Unit

_FRONT_OPEN = {"---": "---", "+++": "+++"}
_FRONT_LINE = re.compile(r"^\s*(?:[\w.-]+\s*[:=]|-\s|#)|^\s*$")
_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_CONTAINER = re.compile(r"^\s{0,3}(:{3,})\s*([\w-]*)\s*(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_=])(?:\s*\1){2,}\s*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+\s*)?$")
_QUOTE = re.compile(r"^\s{0,3}((?:>\s?)+)")
_ITEM = re.compile(r"^(\s*)([-*+•·●◆■▪]|\d{1,3}[.)])\s+(?=\S)")
_ITEM_EMPTY = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s*$")
# Chinese and bracketed numbering: 一、 （二） (3) ① 1、 第一，
_CN_NUMBER = re.compile(
    r"^\s*((?:[一二三四五六七八九十百]+|\d{1,3})[、．]|[（(](?:[一二三四五六七八九十]+|\d{1,3})[)）]"
    r"|[①-⑳])\s*"
)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s+(?=[A-Za-z" + HAN_CLASS + r"“\"'‘《【])")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CUE_TIME = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}")
_COMMENT_OPEN = "<!--"
# LRC timestamps in front of a line, as listening pages print their transcripts:
# "[00:12.34]The river rises in spring."
_LRC = re.compile(r"^\s*(?:\[\d{1,3}:\d{2}(?:[.:]\d{1,3})?\]\s*)+")


def _front_matter_end(lines: list[str]) -> int:
    """Index of the closing delimiter of front matter at the top, or -1 if there is none.

    Only `key: value` lines, list entries and comments may sit between the delimiters, so a
    text that merely opens with a `---` rule is not swallowed.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or first > 2:
        return -1
    opener = lines[first].strip()
    if opener not in _FRONT_OPEN:
        return -1
    for i in range(first + 1, min(len(lines), first + 60)):
        if lines[i].strip() == _FRONT_OPEN[opener]:
            return i if i > first + 1 else -1
        if not _FRONT_LINE.match(lines[i]):
            return -1
    return -1


def _cells(line: str) -> list[tuple[str, int]]:
    """(cell text, column) of a Markdown table row `| a | b |`."""
    out: list[tuple[str, int]] = []
    col = line.index("|") + 1 if line.lstrip().startswith("|") else 0
    for cell in line[col:].rstrip().rstrip("|").split("|"):
        if cell.strip():
            out.append((cell, col + len(cell) - len(cell.lstrip())))
        col += len(cell) + 1
    return out


def _is_table(lines: list[str], i: int) -> bool:
    """A table row: starts and ends with a pipe, and a separator row is next to it or the
    row above/below is also a table row."""
    line = lines[i].strip()
    if not (line.startswith("|") and line.endswith("|") and line.count("|") >= 3):
        return False
    near = [lines[j].strip() for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return any(n.startswith("|") and n.endswith("|") for n in near)


class _Builder:
    """Collects units; `gap` counts the blank lines since the last unit."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.gap = 0

    def add(self, text: str, line: int, *, col: int = 0, kind: str = "text", level: int = 0,
            marker: str = "", strong: bool = False, container: str = "", raw: str = "") -> None:
        if not text.strip():
            return
        self.units.append(Unit(text=text, line=line, col=col, kind=kind, level=level,
                               marker=marker, gap=self.gap, strong=strong,
                               container=container, raw=raw or text))
        self.gap = 0


def _marker(body: str) -> tuple[str, str]:
    """(marker, rest) for Chinese or bracketed numbering at the start of `body`."""
    match = _CN_NUMBER.match(body)
    if match and match.end() < len(body):
        return match.group(1), body[match.end():]
    if match and match.end() == len(body):
        return "", body        # the numbering alone: a label line, kept as text
    return "", body


def units(text: str) -> list[Unit]:
    """The text's units in reading order (see the module docstring)."""
    lines = text.split("\n")
    out = _Builder()
    front_end = _front_matter_end(lines)
    fence: str | None = None
    container = ""
    in_comment = False
    cue_text = False
    for i, raw in enumerate(lines):
        n = i + 1
        if i <= front_end:
            if i < front_end and raw.strip() and raw.strip() not in _FRONT_OPEN:
                out.add(raw.strip(), n, kind="front")
            elif raw.strip():
                out.add(raw.strip(), n, kind="rule")
            continue
        stripped = raw.strip()
        if in_comment:
            if "-->" in raw:
                in_comment = False
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
                out.add(stripped, n, kind="rule")
            else:
                out.add(stripped, n, kind="code", container=container or "code", raw=raw)
            continue
        if not stripped:
            out.gap += 1
            cue_text = False
            continue
        if stripped.startswith(_COMMENT_OPEN) and "-->" not in stripped:
            in_comment = True
            continue
        if match := _FENCE.match(raw):
            fence = match.group(1)[:3]
            out.add(stripped, n, kind="rule")
            continue
        if match := _CONTAINER.match(raw):
            if match.group(2) or match.group(3):
                container = match.group(2) or "box"
                out.add(match.group(3) or stripped, n, kind="container", container=container,
                        raw=raw)
            else:
                container = ""
                out.add(stripped, n, kind="rule")
            continue
        if _RULE.match(raw) or _TABLE_SEP.match(raw) and "|" in raw:
            out.add(stripped, n, kind="rule")
            continue
        if _CUE_TIME.match(raw) or (n == 1 and stripped.startswith("WEBVTT")):
            if out.units and out.units[-1].line == n - 1 and out.units[-1].text.isdigit():
                last = out.units.pop()
                out.units.append(Unit(last.text, last.line, kind="cue", gap=last.gap))
            out.add(stripped, n, kind="cue")
            cue_text = True
            continue
        _line(out, raw, n, container, "cue_text" if cue_text else "", lines, i)
    return _number_sequences(out.units)


def _line(out: _Builder, raw: str, n: int, container: str, cue: str, lines: list[str],
          i: int) -> None:
    """The units of one ordinary line: block markers first, then inline markup."""
    kind, level, marker, body = "text", 0, "", raw
    if match := _LRC.match(raw):
        cue, marker, body = "cue_text", match.group().strip(), raw[match.end():]
        if not body.strip():
            out.add(marker, n, kind="cue")
            return
    if _is_table(lines, i):
        for cell, col in _cells(raw):
            for piece in split_tags(cell):
                out.add(piece.text, n, col=col + piece.col, kind="table", strong=piece.strong,
                        container=container, raw=cell)
        return
    if match := _HEADING.match(body):
        kind, level, body = "heading", len(match.group(1)), match.group(2)
    elif match := _QUOTE.match(body):
        kind, level, body = "quote", match.group(1).count(">"), body[match.end():]
    if match := _ITEM.match(body):
        kind = "item" if kind == "text" else kind
        level = len(match.group(1).expandtabs(4)) // 2
        marker, body = match.group(2), body[match.end():]
    elif match := _ITEM_EMPTY.match(body):
        kind, marker, body = "item", match.group(2), ""
        out.add(match.group(2), n, kind="item", container=container, raw=raw)
        return
    if not marker or marker.startswith("["):
        number, body = _marker(body)
        marker = number or marker
    if cue:
        kind = "cue_text" if kind == "text" else kind
    col = len(raw) - len(body)
    for piece in split_tags(body):
        heading = piece.heading
        out.add(piece.text, n, col=col + piece.col,
                kind="heading" if heading else kind, level=heading or level, marker=marker,
                strong=piece.strong, container=container, raw=raw)


def _number_sequences(found: list[Unit]) -> list[Unit]:
    """Take a bare leading number ("2 It was the best…") as a list marker when the text
    numbers its items that way: the next or previous number also opens a unit."""
    numbers: dict[int, list[int]] = {}
    for k, unit in enumerate(found):
        if unit.kind in ("text", "heading") and not unit.marker:
            match = _BARE_NUMBER.match(unit.text)
            if match:
                numbers.setdefault(int(match.group(1)), []).append(k)
    if not numbers:
        return found
    out = list(found)
    for value, places in numbers.items():
        if value - 1 not in numbers and value + 1 not in numbers:
            continue
        for k in places:
            unit = out[k]
            match = _BARE_NUMBER.match(unit.text)
            assert match is not None
            out[k] = Unit(unit.text[match.end():], unit.line, unit.col + match.end(), unit.kind,
                          unit.level, match.group(1), unit.gap, unit.strong, unit.container,
                          unit.raw)
    return out
