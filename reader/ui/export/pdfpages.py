"""Drawing a handout `Plan` on PDF pages with QPainter (the layout a teacher prints).

Chinese is laid out word by word, each annotated word with its pinyin in a small line above
it (ruby-like, as in the reading window); English goes through `QTextLayout` in a Latin
font (the CJK font's Latin glyphs space curly apostrophes badly: "Ma’ s"). A bead is a row
of two columns (side by side) or its Chinese then its English (interleaved); rows, glossary
and notes break across pages line by line. Every page has a header (title, source, date)
and its number. Content is measured first, then drawn, so "page 2 / 5" knows the count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
)

from reader.core.service import Footnote, Plan, Run

LATIN = ("Liberation Serif", "Times New Roman", "Noto Serif", "DejaVu Serif", "Georgia",
         "Liberation Sans", "Arial", "DejaVu Sans")
HIGHLIGHT = QColor("#fff0a0")
MARK = QColor("#1f4e9a")
RULE = QColor("#999999")
_OPENING = set("（《「『“‘([")
_CLOSING = set("，。、；：？！）》」』”’…—,.;:?!)")
_PIECE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%'’\-]*|\s+|.", re.S)


def latin_family(cjk: str) -> str:
    """An installed Latin font for English (serif first), else the CJK family itself."""
    available = set(QFontDatabase.families(QFontDatabase.WritingSystem.Latin))
    return next((f for f in LATIN if f in available), cjk)


@dataclass
class Line:
    height: float
    draw: Callable[[QPainter, float, float], None]


@dataclass
class Block:
    """Columns of lines drawn side by side: (x offset, lines); `space` after it."""

    columns: list[tuple[float, list[Line]]]
    space: float = 0.0
    keep: int = 1            # lines that must fit on the page where the block starts
    after: list[Line] = field(default_factory=list)


class Pages:
    """Lays a `Plan` out on a paint device (the PDF writer) and draws it."""

    def __init__(self, plan: Plan, device, cjk: str, size: float, side_by_side: bool,
                 header: str) -> None:
        self.plan, self.device, self.side = plan, device, side_by_side
        latin = latin_family(cjk)
        self.zh = QFont(cjk)
        self.zh.setPointSizeF(size * 1.1)
        self.py = QFont(latin)
        self.py.setPointSizeF(size * 0.62)
        self.en = QFont()
        self.en.setFamilies([latin, cjk])
        self.en.setPointSizeF(size)
        self.small = QFont(self.en)
        self.small.setPointSizeF(size * 0.8)
        self.header = header
        self.total = 0            # pages, known once measured: "2 / 5"
        self.fm = {name: QFontMetricsF(getattr(self, name), device)
                   for name in ("zh", "py", "en", "small")}

    # ------------------------------------------------------------- measuring

    def blocks(self, width: float) -> list[Block]:
        plan, em = self.plan, self.fm["en"].height()
        out = [self._title(width)]
        gap = em * 0.7
        for zh, en in plan.beads:
            zh_lines = [line for p in zh for line in self.zh_lines(p, width)]
            en_lines = [line for p in en for line in self.en_lines(p, width)]
            if self.side and en:
                left = width * 0.54
                zh_lines = [line for p in zh for line in self.zh_lines(p, left)]
                en_lines = [line for p in en for line in self.en_lines(p, width - left - em)]
                out.append(Block([(0, zh_lines), (left + em, en_lines)], gap * 1.2, 2))
            else:
                if zh_lines:
                    out.append(Block([(0, zh_lines)], gap * 0.5 if en_lines else gap, 2))
                if en_lines:
                    out.append(Block([(0, en_lines)], gap * 1.4, 2))
        if plan.unsure:
            out.append(Block([(0, self.text_lines(
                "A reading followed by ? is the program's best guess: check it before "
                "handing this out.", width, self.small, italic=True))], gap))
        if plan.glossary:
            out.append(self._heading("Glossary", width))
            out.append(Block([(0, self.glossary_lines(width))], gap))
        if plan.footnotes:
            out.append(self._heading("Notes", width))
            out.append(Block([(0, [line for n in plan.footnotes
                                    for line in self.note_lines(n, width)])], gap))
        return out

    def _title(self, width: float) -> Block:
        title = QFont(self.zh)
        title.setPointSizeF(self.zh.pointSizeF() * 1.5)
        title.setBold(True)
        lines = self.text_lines(self.plan.title, width, title)
        if self.plan.subtitle:
            lines += self.text_lines(self.plan.subtitle, width, self.en, italic=True)
        meta = " · ".join(v if k != "Translator" else f"tr. {v}" for k, v in self.plan.meta)
        if meta:
            lines += self.text_lines(meta, width, self.small)
        return Block([(0, lines)], self.fm["en"].height() * 1.2, len(lines))

    def _heading(self, text: str, width: float) -> Block:
        font = QFont(self.en)
        font.setBold(True)
        font.setPointSizeF(self.en.pointSizeF() * 1.2)
        return Block([(0, self.text_lines(text, width, font))], self.fm["en"].height() * 0.3,
                     keep=3)

    def zh_lines(self, runs: list[Run], width: float) -> list[Line]:
        """Chinese words wrapped to `width`, pinyin centred above annotated words."""
        zh, py = self.fm["zh"], self.fm["py"]
        units = _units(runs)
        ruby = py.height() * 0.85 if any(u.pinyin for u in units) else 0.0
        height = ruby + zh.height() * 1.25
        return [Line(height, self._zh_drawer(line, ruby)) for line in self._wrap(units, width)]

    def _wrap(self, units: list[Run], width: float) -> list[list[tuple[Run, float, float]]]:
        """Lines of (unit, width, space before it) no wider than `width`."""
        lines: list[list[tuple[Run, float, float]]] = [[]]
        used = 0.0
        for unit, w, pad in self._boxes(units):
            # closing punctuation never starts a line: it hangs in the margin instead
            if used + w > width and lines[-1] and unit.text not in _CLOSING:
                # an opening quote or bracket never ends a line: it moves down too
                carried = [lines[-1].pop()] if lines[-1][-1][0].text in _OPENING else []
                lines.append(carried)
                used = sum(box[1] for box in carried)
            if not lines[-1] and unit.text.isspace():
                continue
            lines[-1].append((unit, w, pad))
            used += w
        return [line for line in lines if line]

    def _boxes(self, units: list[Run]) -> list[tuple[Run, float, float]]:
        """(unit, width, space before its characters). Pinyin wider than its word first
        overhangs the neighbours that have none (up to half a character each side, as
        ruby does), and only the rest widens the word: no gaps around every annotated
        word."""
        zh, py = self.fm["zh"], self.fm["py"]
        widths = [zh.horizontalAdvance(u.text) + self._marks_width(u) for u in units]
        half = zh.horizontalAdvance("中") / 2
        gap = py.horizontalAdvance(" ") * 0.6

        def room(i: int) -> float:
            if not 0 <= i < len(units) or units[i].pinyin or units[i].text.isspace():
                return 0.0
            return min(half, widths[i] / 2)

        out = []
        for i, unit in enumerate(units):
            need = (py.horizontalAdvance(unit.pinyin) + gap - widths[i]) if unit.pinyin else 0
            if need <= 0:
                out.append((unit, widths[i], 0.0))
                continue
            left = need / 2 - min(need / 2, room(i - 1))
            right = need / 2 - min(need / 2, room(i + 1))
            out.append((unit, widths[i] + left + right, left))
        return out

    def _marks_width(self, unit: Run) -> float:
        if not unit.notes:
            return 0.0
        return self.fm["py"].horizontalAdvance(",".join(map(str, unit.notes)))

    def _zh_drawer(self, line: list[tuple[Run, float, float]], ruby: float):
        def draw(p: QPainter, x: float, y: float) -> None:
            zh, py = self.fm["zh"], self.fm["py"]
            base = y + ruby + zh.ascent() * 0.92   # CJK ascent has room above the glyphs
            for unit, w, pad in line:
                text_w = zh.horizontalAdvance(unit.text)
                tx = x + pad
                if unit.bold:
                    p.fillRect(QRectF(tx, y + ruby, text_w, zh.height()), HIGHLIGHT)
                p.setFont(self.zh)
                p.setPen(Qt.GlobalColor.black)
                p.drawText(QPointF(tx, base), unit.text)
                if unit.pinyin:
                    p.setFont(self.py)
                    p.setPen(QColor("#444444"))
                    pw = py.horizontalAdvance(unit.pinyin)
                    p.drawText(QPointF(tx + (text_w - pw) / 2, y + py.ascent()), unit.pinyin)
                if unit.notes:
                    p.setFont(self.py)
                    p.setPen(MARK)
                    p.drawText(QPointF(tx + text_w, base - zh.ascent() * 0.45),
                               ",".join(map(str, unit.notes)))
                x += w
        return draw

    def en_lines(self, runs: list[Run], width: float) -> list[Line]:
        text, formats = "", []
        for run in runs:
            if run.bold:
                formats.append(_format(len(text), len(run.text), background=HIGHLIGHT))
            text += run.text
            if run.notes:
                marks = ",".join(map(str, run.notes))
                formats.append(_format(len(text), len(marks), superscript=True))
                text += marks
        return self._layout(text, width, self.en, formats)

    def text_lines(self, text: str, width: float, font: QFont, italic: bool = False
                   ) -> list[Line]:
        if italic:
            font = QFont(font)
            font.setItalic(True)
        return self._layout(text, width, font, [])

    def _layout(self, text: str, width: float, font: QFont, formats: list) -> list[Line]:
        layout = QTextLayout(text, font, self.device)
        layout.setFormats(formats)
        layout.beginLayout()
        lines = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(line)
        layout.endLayout()
        spacing = 1.25

        def drawer(line, layout=layout):
            # `layout` is kept alive by this closure: a QTextLine dies with its layout
            def draw(p: QPainter, x: float, y: float) -> None:
                p.setPen(Qt.GlobalColor.black)
                line.draw(p, QPointF(x - line.x(), y - line.y()))
            draw.layout = layout  # type: ignore[attr-defined]
            return draw

        return [Line(line.height() * spacing, drawer(line)) for line in lines]

    def glossary_lines(self, width: float) -> list[Line]:
        """Rows: word, pinyin, meaning (wrapped), HSK level; two columns of rows."""
        em = self.fm["en"].height()
        half = (width - em) / 2
        cols = (half * 0.22, half * 0.3, half * 0.38)
        lift = self.fm["zh"].ascent() - self.fm["small"].ascent()   # small cells' baseline
        rows = []
        for word, pinyin, meaning, hsk in self.plan.glossary:
            cells = [self.text_lines(word, cols[0], self.zh),
                     self.text_lines(pinyin, cols[1], self.small),
                     self.text_lines(meaning, cols[2], self.small),
                     self.text_lines(hsk, half - sum(cols), self.small)]
            height = max(sum(line.height for line in c) + (lift if i else 0)
                         for i, c in enumerate(cells))
            rows.append((height, cells))
        # Two rows side by side, read left to right: the order survives a page break.
        pairs = [(rows[i], rows[i + 1] if i + 1 < len(rows) else None)
                 for i in range(0, len(rows), 2)]
        offsets = [0, cols[0], cols[0] + cols[1], sum(cols)]

        def line_for(left, right) -> Line:
            def draw(p: QPainter, x: float, y: float) -> None:
                for base, row in ((x, left), (x + half + em, right)):
                    if row is None:
                        continue
                    for i, (dx, cell) in enumerate(zip(offsets, row[1], strict=True)):
                        cy = y + (lift if i else 0)   # one baseline for the row
                        for line in cell:
                            line.draw(p, base + dx, cy)
                            cy += line.height
                    p.setPen(QPen(RULE, 0))
                    p.drawLine(QPointF(base, y + row[0]), QPointF(base + half, y + row[0]))
            return Line(max(left[0], right[0] if right else 0) + em * 0.15, draw)

        return [line_for(left, right) for left, right in pairs]

    def note_lines(self, note: Footnote, width: float) -> list[Line]:
        body = note.text
        if note.quote and note.quote != note.text:
            body = f"{note.quote} — {body}"
        if note.tags:
            body += "  [" + ", ".join(note.tags) + "]"
        text = f"{note.number}. {' '.join(body.split())}"
        return self._layout(text, width, self.small, []) + [
            Line(self.fm["small"].height() * 0.3, lambda p, x, y: None)]

    # ------------------------------------------------------------- paging

    def paint(self, painter: QPainter | None, page_rect: QRectF, new_page) -> int:
        """Lay the blocks out page by page; draw when `painter` is given. Returns pages."""
        small = self.fm["small"]
        top = page_rect.top() + small.height() * 2.2
        bottom = page_rect.bottom() - small.height() * 2
        pages = 1
        y = top
        total = self.total

        def frame(page: int) -> None:
            if painter is None:
                return
            painter.setFont(self.small)
            painter.setPen(QColor("#555555"))
            head = QRectF(page_rect.left(), page_rect.top(), page_rect.width(), small.height())
            right = " · ".join(v for k, v in self.plan.meta if k in ("Source", "Date"))
            painter.drawText(head, Qt.AlignmentFlag.AlignRight, right)
            painter.drawText(QRectF(head.left(), head.top(), head.width() * 0.65,
                                    head.height()), Qt.AlignmentFlag.AlignLeft,
                             small.elidedText(self.header, Qt.TextElideMode.ElideRight,
                                              head.width() * 0.65))
            painter.setPen(QPen(RULE, 0))
            rule_y = page_rect.top() + small.height() * 1.4
            painter.drawLine(QPointF(page_rect.left(), rule_y),
                             QPointF(page_rect.right(), rule_y))
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(page_rect.left(), bottom + small.height() * 0.8,
                                    page_rect.width(), small.height()),
                             Qt.AlignmentFlag.AlignHCenter, f"{page} / {total}")

        frame(1)
        for block in self.blocks(page_rect.width()):
            columns = [(dx, list(lines)) for dx, lines in block.columns]
            need = max(sum(line.height for line in lines[:block.keep])
                       for _dx, lines in columns)
            if y > top and y + need > bottom:
                pages += 1
                new_page()
                frame(pages)
                y = top
            while any(lines for _dx, lines in columns):
                used = 0.0
                for dx, lines in columns:
                    h = 0.0
                    while lines and (y + h + lines[0].height <= bottom or (h == 0 and y == top)):
                        if painter is not None:
                            lines[0].draw(painter, page_rect.left() + dx, y + h)
                        h += lines.pop(0).height
                    used = max(used, h)
                y += used
                if any(lines for _dx, lines in columns):
                    pages += 1
                    new_page()
                    frame(pages)
                    y = top
            y += block.space
        return pages


def _units(runs: list[Run]) -> list[Run]:
    """Runs cut where a line may break: an annotated word whole, other text per character
    (Latin words and numbers whole)."""
    out: list[Run] = []
    for run in runs:
        pieces = [run.text] if run.pinyin else _PIECE.findall(run.text)
        for i, piece in enumerate(pieces):
            notes = run.notes if i == len(pieces) - 1 else ()
            out.append(Run(piece, run.pinyin, run.bold, notes))
    return out


def _format(start: int, length: int, *, background: QColor | None = None,
            superscript: bool = False) -> QTextLayout.FormatRange:
    fmt = QTextCharFormat()
    if background is not None:
        fmt.setBackground(background)
    if superscript:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        fmt.setForeground(MARK)
    span = QTextLayout.FormatRange()
    span.start, span.length, span.format = start, length, fmt
    return span
