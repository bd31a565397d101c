"""What both reading panes share: one QTextEdit block per paragraph, read-only and
selectable, filled first screen first; sentences under the mouse, their highlights and the
marks of low-confidence passages. `zhpane.ChinesePane` and `enpane.EnglishPane` build on it.

Offsets handed to and from the core are code points; Qt positions (UTF-16) never leave the
panes except through `offsets.OffsetMap`. Geometry helpers work on the block layouts
directly, so hit tests and pinyin painting only touch the visible paragraphs: a 1 MB
article never gets re-laid out per scroll step or per hover.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextEdit, QWidget

if TYPE_CHECKING:   # annotations only: each PySide type costs up to 3 ms when first touched
    from PySide6.QtGui import QMouseEvent, QPaintEvent, QTextBlock, QTextLine

from reader.core.models import Paragraph
from reader.ui.reading.offsets import OffsetMap

DOC_MARGIN = 18          # px; the left part holds the low-confidence marks
LOW_CONFIDENCE = 0.5     # bead score below which a passage is marked "look twice"
FIRST_CHUNK = 20_000     # characters put in the document before the first paint
APPEND_CHUNK = 40_000    # characters appended per idle step afterwards
FIRST_PAINT_DELAY = 50   # ms before background steps start (let the first screen show)


def _clean(text: str) -> str:
    # A newline inside a paragraph would split the block and shift every later offset.
    return text.replace("\n", " ").replace("\u2029", " ").replace("\r", " ")


class TextPane(QTextEdit):
    """One side of the article.

    Signals:
        sentenceHovered(int): global sentence id under the mouse, -1 when none.
        sentenceClicked(int): global sentence id clicked.
    """

    sentenceHovered = Signal(int)
    sentenceClicked = Signal(int)
    fullyLoaded = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.viewport().setMouseTracking(True)
        self.paragraphs: tuple[Paragraph, ...] = ()
        self._maps: list[OffsetMap | None] = []
        self._rest: list[str] = []
        self._sent_first: list[int] = []
        self._sent_starts: list[list[int]] = []
        self._marked: set[int] = set()
        self._highlight: tuple[int, ...] = ()
        self._note_selections: list[QTextEdit.ExtraSelection] = []
        self._sentence_selections: list[QTextEdit.ExtraSelection] = []
        self._underlines: list[QTextEdit.ExtraSelection] = []
        self._hover_sentence = -1
        self._line_extra = 0.0
        self._top_extra = 0.0
        self._loaded = 0
        self._append_timer = QTimer(self)
        self._append_timer.setSingleShot(True)
        self._append_timer.setInterval(0)
        self._append_timer.timeout.connect(self._append_more)

    # ----- content ---------------------------------------------------------------------
    def set_paragraphs(self, paragraphs: tuple[Paragraph, ...], font: QFont) -> None:
        """Show `paragraphs`, one block each; builds a fresh document off-screen first."""
        self.paragraphs = paragraphs
        self._maps = [None] * len(paragraphs)
        self._sent_first, self._sent_starts = [], []
        n = 0
        for p in paragraphs:
            self._sent_first.append(n)
            self._sent_starts.append([s.start for s in p.sentences])
            n += len(p.sentences)
        self._marked = set()
        self._highlight = ()
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(DOC_MARGIN)
        doc.setDefaultFont(font)
        cursor = QTextCursor(doc)
        cursor.setBlockFormat(self._block_format(font))
        # A long article is shown first screen first; the rest is appended in idle time.
        texts = [_clean(p.text) for p in paragraphs]
        k, size = 0, 0
        while k < len(texts) and size < FIRST_CHUNK:
            size += len(texts[k]) + 1
            k += 1
        cursor.insertText("\n".join(texts[:k]))
        self._rest = texts[k:]
        self._loaded = k
        self.setDocument(doc)  # deletes the previous document, which is our child
        if self._rest:  # after the first paint, then one chunk per idle step
            self._append_timer.start(FIRST_PAINT_DELAY)
        self._note_selections, self._sentence_selections, self._underlines = [], [], []
        self.setExtraSelections([])

    def set_note_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Highlights of notes and saved words (drawn over the hovered sentence's tint)."""
        self._note_selections = list(selections)
        self._apply_selections()

    def _apply_selections(self) -> None:
        self.setExtraSelections(self._sentence_selections + self._note_selections
                                + self._underlines)

    def _span_cursor(self, block_no: int, start: int, end: int) -> QTextCursor:
        self.ensure_loaded(block_no)
        block = self.document().findBlockByNumber(block_no)
        omap = self.offset_map(block_no)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + omap.to_qt(start))
        cursor.setPosition(block.position() + omap.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _span_selection(self, block_no: int, start: int, end: int,
                        fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        """`fmt` painted over code points [start, end) of paragraph `block_no`."""
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._span_cursor(block_no, start, end)
        sel.format = fmt
        return sel

    def set_underlines(self, spans: list[tuple[int, int, int]]) -> None:
        """Underline (paragraph, start, end) code-point spans in the accent colour: the
        words of this side the gloss card's matched sense stands for; [] removes them."""
        if not spans and not self._underlines:
            return
        selections = []
        color = self.palette().highlight().color()
        fmt = QTextCharFormat()
        fmt.setFontUnderline(True)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(color)
        fmt.setForeground(color)
        for block_no, start, end in spans:
            if 0 <= block_no < len(self.paragraphs) and start < end:
                selections.append(self._span_selection(block_no, start, end, fmt))
        self._underlines = selections
        self._apply_selections()

    @property
    def underlined(self) -> list[str]:
        """The underlined text, one string per span (tests, accessibility)."""
        return [u.cursor.selectedText() for u in self._underlines]

    def _block_format(self, font: QFont) -> QTextBlockFormat:
        fm = QFontMetricsF(font)
        fmt = QTextBlockFormat()
        fmt.setBottomMargin(fm.height() * 0.8)
        fmt.setTopMargin(self._top_extra)
        fmt.setLineHeight(fm.height() * (0.12 if self.lang == "zh" else 0.2) + self._line_extra,
                          QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value)
        return fmt

    def set_font_size(self, font: QFont) -> None:
        """Change the text size; keeps the reading position (first visible paragraph)."""
        anchor = self.first_visible_block()
        doc = self.document()
        doc.setDefaultFont(font)
        self._apply_block_format(font)
        self.scroll_to_block(anchor)

    def _apply_block_format(self, font: QFont) -> None:
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setBlockFormat(self._block_format(font))

    # ----- geometry --------------------------------------------------------------------
    def offset_map(self, block_no: int) -> OffsetMap:
        found = self._maps[block_no]
        if found is None:
            found = self._maps[block_no] = OffsetMap(self.paragraphs[block_no].text)
        return found

    @property
    def loaded_blocks(self) -> int:
        """Paragraphs already in the document (the rest is being appended)."""
        return self._loaded

    def _append_more(self) -> None:
        if self._rest:
            self._append(APPEND_CHUNK)
        if self._rest:
            self._append_timer.start(0)

    def _append(self, chars: int) -> None:
        k, size = 0, 0
        while k < len(self._rest) and size < chars:
            size += len(self._rest[k]) + 1
            k += 1
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("\n" + "\n".join(self._rest[:k]))
        del self._rest[:k]
        self._loaded += k
        if not self._rest:
            self.fullyLoaded.emit()

    def ensure_loaded(self, block_no: int | None = None) -> None:
        """Append now up to paragraph `block_no` (everything when None)."""
        while self._rest and (block_no is None or block_no >= self._loaded):
            self._append(APPEND_CHUNK * 4)

    def _doc_point(self, vp: QPoint | QPointF) -> QPointF:
        return QPointF(vp.x() + self.horizontalScrollBar().value(),
                       vp.y() + self.verticalScrollBar().value())

    def char_at(self, vp: QPoint | QPointF) -> tuple[int, int] | None:
        """(paragraph, code-point offset) of the character under a viewport point, or None."""
        doc = self.document()
        p = self._doc_point(vp)
        pos = doc.documentLayout().hitTest(p, Qt.HitTestAccuracy.FuzzyHit)
        if pos < 0:
            return None
        block = doc.findBlock(pos)
        if not block.isValid() or block.blockNumber() >= len(self._maps):
            return None
        layout = block.layout()
        origin = layout.position()
        x, y = p.x() - origin.x(), p.y() - origin.y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() <= y < line.y() + line.height():
                break
        else:
            return None
        rel = line.xToCursor(x)
        text = block.text()
        for c in (rel, rel - 1):
            if not line.textStart() <= c < line.textStart() + line.textLength():
                continue
            if 0xDC00 <= ord(text[c]) <= 0xDFFF if c < len(text) else False:
                continue
            width = 2 if 0xD800 <= ord(text[c]) <= 0xDBFF else 1
            x0, x1 = line.cursorToX(c)[0], line.cursorToX(c + width)[0]
            if min(x0, x1) <= x < max(x0, x1):
                return block.blockNumber(), self.offset_map(block.blockNumber()).to_cp(c)
        return None

    def _line_for(self, block: QTextBlock, qt_rel: int) -> QTextLine:
        return block.layout().lineForTextPosition(qt_rel)

    def span_rects(self, block_no: int, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles (one per line) covering code points [start, end) of a block."""
        block = self.document().findBlockByNumber(block_no)
        if not block.isValid() or end <= start:
            return []
        self._ensure_laid_out(block)
        omap = self.offset_map(block_no)
        qs, qe = omap.to_qt(start), omap.to_qt(end)
        layout = block.layout()
        origin = layout.position()
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        rects = []
        pos = qs
        while pos < qe:
            line = layout.lineForTextPosition(pos)
            if not line.isValid():
                break
            stop = min(qe, line.textStart() + line.textLength())
            x0, x1 = line.cursorToX(pos)[0], line.cursorToX(stop)[0]
            rects.append(QRectF(origin.x() + min(x0, x1) - dx, origin.y() + line.y() - dy,
                                abs(x1 - x0), line.height()))
            if stop <= pos:
                break
            pos = stop
        return rects

    def _ensure_laid_out(self, block: QTextBlock) -> None:
        # blockBoundingRect forces the lazy document layout up to this block.
        self.document().documentLayout().blockBoundingRect(block)

    def block_y(self, block_no: int, cp: int) -> tuple[float, float]:
        """Document y range (top, bottom) of the line holding code point `cp` of a block."""
        self.ensure_loaded(block_no)
        block = self.document().findBlockByNumber(block_no)
        self._ensure_laid_out(block)
        layout = block.layout()
        line = layout.lineForTextPosition(self.offset_map(block_no).to_qt(cp))
        if not line.isValid():
            rect = self.document().documentLayout().blockBoundingRect(block)
            return rect.top(), rect.bottom()
        top = layout.position().y() + line.y()
        return top, top + line.height()

    def first_visible_block(self) -> int:
        pos = self.document().documentLayout().hitTest(
            self._doc_point(QPointF(DOC_MARGIN, 1)), Qt.HitTestAccuracy.FuzzyHit)
        return max(0, self.document().findBlock(max(pos, 0)).blockNumber())

    def visible_blocks(self) -> list[int]:
        """Block numbers intersecting the viewport (already laid out, cheap)."""
        first = self.document().findBlockByNumber(self.first_visible_block())
        bottom = self.verticalScrollBar().value() + self.viewport().height()
        out = []
        block = first
        layout = self.document().documentLayout()
        while block.isValid() and block.blockNumber() < len(self._maps):
            rect = layout.blockBoundingRect(block)
            if rect.top() > bottom:
                break
            out.append(block.blockNumber())
            block = block.next()
        return out

    def scroll_to_block(self, block_no: int) -> None:
        self.ensure_loaded(block_no)
        block = self.document().findBlockByNumber(block_no)
        if block.isValid():
            rect = self.document().documentLayout().blockBoundingRect(block)
            self.verticalScrollBar().setValue(0 if block_no == 0 else int(rect.top()))

    # ----- sentences -------------------------------------------------------------------
    @property
    def sentence_count(self) -> int:
        return (self._sent_first[-1] + len(self._sent_starts[-1])) if self._sent_first else 0

    def sentence_at(self, block_no: int, cp: int) -> int:
        starts = self._sent_starts[block_no]
        if not starts:
            return -1
        i = max(0, bisect_right(starts, cp) - 1)
        return self._sent_first[block_no] + i

    def sentence_location(self, sid: int) -> tuple[int, int, int]:
        """(paragraph, start, end) of a global sentence id (code points)."""
        block_no = bisect_right(self._sent_first, sid) - 1
        s = self.paragraphs[block_no].sentences[sid - self._sent_first[block_no]]
        return block_no, s.start, s.end

    def sentence_y(self, sid: int) -> tuple[float, float]:
        block_no, start, end = self.sentence_location(sid)
        top, _ = self.block_y(block_no, start)
        _, bottom = self.block_y(block_no, max(start, end - 1))
        return top, bottom

    def sentence_at_y(self, doc_y: float) -> int:
        """The sentence whose lines cover document height `doc_y` (nearest when between)."""
        pos = self.document().documentLayout().hitTest(QPointF(DOC_MARGIN + 1, doc_y),
                                                       Qt.HitTestAccuracy.FuzzyHit)
        block = self.document().findBlock(max(pos, 0))
        block_no = block.blockNumber()
        if not 0 <= block_no < len(self._maps):
            return -1
        return self.sentence_at(block_no, self.offset_map(block_no).to_cp(pos - block.position()))

    def set_marked_sentences(self, ids: set[int]) -> None:
        """Sentences of low-confidence beads: a thin dotted bar in the left margin."""
        self._marked = set(ids)
        self.viewport().update()

    def highlight_sentences(self, ids: tuple[int, ...]) -> None:
        if tuple(ids) == self._highlight:
            return
        self._highlight = tuple(ids)
        selections = []
        color = self.palette().highlight().color()
        color.setAlpha(45)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        for sid in ids:
            if not 0 <= sid < self.sentence_count:
                continue
            selections.append(self._span_selection(*self.sentence_location(sid), fmt))
        self._sentence_selections = selections
        self._apply_selections()

    @property
    def highlighted(self) -> tuple[int, ...]:
        return self._highlight

    # ----- events ----------------------------------------------------------------------
    def _sentence_under(self, vp: QPoint | QPointF) -> int:
        hit = self.char_at(vp)
        return -1 if hit is None else self.sentence_at(*hit)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        sid = self._sentence_under(event.position())
        if sid != self._hover_sentence:
            self._hover_sentence = sid
            self.sentenceHovered.emit(sid)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            sid = self._sentence_under(event.position())
            if sid >= 0:
                self.sentenceClicked.emit(sid)

    def leaveEvent(self, event: object) -> None:
        super().leaveEvent(event)
        if self._hover_sentence != -1:
            self._hover_sentence = -1
            self.sentenceHovered.emit(-1)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marked:
            return
        painter = QPainter(self.viewport())
        color = QColor(self.palette().text().color())
        color.setAlpha(110)
        pen = QPen(color, 2, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        for block_no in self.visible_blocks():
            first = self._sent_first[block_no]
            for k in range(len(self._sent_starts[block_no])):
                if first + k in self._marked:
                    top, bottom = self.sentence_y(first + k)
                    dy = self.verticalScrollBar().value()
                    x = DOC_MARGIN // 2 - 2
                    painter.drawLine(QPointF(x, top - dy + 2), QPointF(x, bottom - dy - 2))
        painter.end()


__all__ = ["DOC_MARGIN", "LOW_CONFIDENCE", "TextPane"]
