"""The two reading panes: one QTextEdit block per paragraph, read-only and selectable.

Offsets handed to and from the core are code points; Qt positions (UTF-16) never leave this
module except through `offsets.OffsetMap`. Geometry helpers work on the block layouts
directly, so hit tests and pinyin painting only touch the visible paragraphs: a 1 MB
article never gets re-laid out per scroll step or per hover.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
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
    from PySide6.QtGui import QKeyEvent, QMouseEvent, QPaintEvent, QTextBlock, QTextLine

from reader.core.language.analysis import Analysis, is_word
from reader.core.models import UNSURE_READING, Paragraph, Token
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
        self._note_selections, self._sentence_selections = [], []
        self.setExtraSelections([])

    def set_note_selections(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Highlights of notes and saved words (drawn over the hovered sentence's tint)."""
        self._note_selections = list(selections)
        self.setExtraSelections(self._sentence_selections + self._note_selections)

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
        for sid in ids:
            if not 0 <= sid < self.sentence_count:
                continue
            block_no, start, end = self.sentence_location(sid)
            self.ensure_loaded(block_no)
            block = self.document().findBlockByNumber(block_no)
            omap = self.offset_map(block_no)
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(block)
            cursor.setPosition(block.position() + omap.to_qt(start))
            cursor.setPosition(block.position() + omap.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            sel.format = fmt
            selections.append(sel)
        self._sentence_selections = selections
        self.setExtraSelections(selections + self._note_selections)

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


Analyzer = Callable[[int], Analysis | None]
SyllableFormatter = Callable[[str], tuple[str, int]]   # syllable → (display text, tone)


class ChinesePane(TextPane):
    """The Chinese side: words under the mouse, keyboard stepping, pinyin above the text.

    Signals:
        wordPointed(int, int, bool): (paragraph, token index, by_keyboard) of the word the
            user points at; (-1, -1, False) when the pointer left every word.
        glossClosed(): the user pressed Esc.
    """

    wordPointed = Signal(int, int, bool)
    glossClosed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("zh", parent)
        self.setObjectName("zhPane")
        self.analyzer: Analyzer = lambda _block: None
        self.fallback_match: Callable[[int, int], tuple[int, int] | None] = lambda _b, _c: None
        self.trigger = "hover"
        self.current: tuple[int, int] | None = None
        self._fallback_span: tuple[int, int, int] | None = None
        self.ruby = False
        self.ruby_min_hsk = 0
        self.formatter: SyllableFormatter = lambda s: (s, 5)
        self.tone_colors: dict[int, QColor] | None = None
        self._ruby_font = QFont()
        self._ruby_height = 0.0
        # Readings of newly visible sentences are computed a slice at a time after a paint,
        # so scrolling never waits for the reading model.
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_readings)

    # ----- words -----------------------------------------------------------------------
    def word_at(self, vp: QPoint | QPointF) -> tuple[int, int] | None:
        """(paragraph, token index) of the word under a viewport point."""
        hit = self.char_at(vp)
        if hit is None:
            return None
        block_no, cp = hit
        analysis = self.analyzer(block_no)
        if analysis is None:
            return None
        i = analysis.index_at(cp)
        if i is None or not is_word(analysis.tokens[i]):
            return None
        return block_no, i

    def token(self, block_no: int, index: int) -> Token:
        analysis = self.analyzer(block_no)
        assert analysis is not None
        return analysis.tokens[index]

    def word_rect(self, block_no: int, index: int) -> QRect:
        """Global rectangle around a word (its first line when it wraps)."""
        tok = self.token(block_no, index)
        rects = self.span_rects(block_no, tok.start, tok.end)
        if not rects:
            return QRect(self.viewport().mapToGlobal(QPoint(0, 0)), self.viewport().size())
        r = rects[0].toAlignedRect()
        if self.ruby:  # the pinyin above belongs to the word: keep it uncovered too
            r.setTop(r.top() - int(self._ruby_height))
        return QRect(self.viewport().mapToGlobal(r.topLeft()), r.size())

    def point_at(self, vp: QPoint | QPointF) -> None:
        """Make the word under `vp` current (hover or click): emits wordPointed on change."""
        found = self.word_at(vp)
        if found is None:
            hit = self.char_at(vp)
            if hit is not None and self.analyzer(hit[0]) is None:
                span = self.fallback_match(*hit)  # not segmented yet: dictionary longest match
                if span is not None:
                    self.current = None
                    self._fallback_span = (hit[0], *span)
                    self.wordPointed.emit(hit[0], -2, False)
                    return
        if found != self.current:
            self.current = found
            self.wordPointed.emit(*(found or (-1, -1)), False)

    @property
    def fallback_span(self) -> tuple[int, int, int] | None:
        """(paragraph, start, end) of the last dictionary-longest-match fallback."""
        return self._fallback_span

    def step(self, delta: int) -> bool:
        """Move the current word to the next/previous word; returns False at the ends."""
        if self.current is None:
            return False
        block_no, index = self.current
        while 0 <= block_no < len(self.paragraphs):
            analysis = self.analyzer(block_no)
            if analysis is None:
                return False
            index += delta
            while 0 <= index < len(analysis.tokens):
                if is_word(analysis.tokens[index]):
                    self.current = (block_no, index)
                    self._reveal(block_no, index)
                    self.wordPointed.emit(block_no, index, True)
                    return True
                index += delta
            block_no += delta
            nxt = self.analyzer(block_no) if 0 <= block_no < len(self.paragraphs) else None
            if nxt is None:
                return False
            index = -1 if delta > 0 else len(nxt.tokens)
        return False

    def _reveal(self, block_no: int, index: int) -> None:
        tok = self.token(block_no, index)
        rects = self.span_rects(block_no, tok.start, tok.end)
        if not rects:
            return
        r = rects[0]
        h = self.viewport().height()
        bar = self.verticalScrollBar()
        if r.top() - self._ruby_height < 0:
            bar.setValue(int(bar.value() + r.top() - self._ruby_height - h * 0.2))
        elif r.bottom() > h:
            bar.setValue(int(bar.value() + r.bottom() - h * 0.8))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.trigger == "hover" and not event.buttons():
            self.point_at(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if (self.trigger == "click" and event.button() == Qt.MouseButton.LeftButton
                and not self.textCursor().hasSelection()):
            self.current = None  # a click always (re)opens the popup
            self.point_at(event.position())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.current is not None and key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self.step(1 if key == Qt.Key.Key_Right else -1)
            return
        if key == Qt.Key.Key_Escape and self.current is not None:
            self.current = None
            self.glossClosed.emit()
            return
        super().keyPressEvent(event)

    def clear_current(self) -> None:
        self.current = None

    def _fill_readings(self, budget: float = 0.008) -> None:
        """Compute missing readings of visible paragraphs for about `budget` seconds."""
        deadline = time.perf_counter() + budget
        for block_no in self.visible_blocks():
            analysis = self.analyzer(block_no)
            if analysis is None:
                continue
            for i in analysis.missing():
                analysis.reading(i)
                if time.perf_counter() > deadline:
                    self._fill_timer.start()
                    self.viewport().update()
                    return
        self.viewport().update()

    def readings_pending(self) -> bool:
        """True while visible words still lack their reading (tests, screenshots)."""
        return any((a := self.analyzer(b)) is not None and a.missing()
                   for b in self.visible_blocks())

    # ----- pinyin above ----------------------------------------------------------------
    def set_ruby(self, on: bool, font: QFont, min_hsk: int = 0) -> None:
        """Pinyin above each word: reserves a band above every line and paints into it."""
        self.ruby = on
        self.ruby_min_hsk = min_hsk
        self._ruby_font = QFont(font)
        self._ruby_font.setPointSizeF(max(7.0, font.pointSizeF() * 0.45))
        self._ruby_font.setStretch(QFont.Stretch.SemiCondensed)
        self._ruby_height = QFontMetricsF(self._ruby_font).height() if on else 0.0
        self._top_extra = self._ruby_height
        self._line_extra = self._ruby_height
        anchor = self.first_visible_block()
        self._apply_block_format(font)
        self.scroll_to_block(anchor)
        self.viewport().update()

    def _ruby_syllables(self, analysis: Analysis, index: int) -> list[tuple[str, int, bool]]:
        reading = analysis.known_reading(index)
        if reading is None:
            return []
        out = []
        for k, syl in enumerate(reading.syllables):
            if syl is None:
                out.append(("", 0, False))
                continue
            text, tone = self.formatter(syl)
            conf = reading.confidence[k] if k < len(reading.confidence) else 1.0
            out.append((text, tone, conf < UNSURE_READING))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        blocks = self.visible_blocks()
        painter = QPainter(self.viewport())
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        base = self.palette().text().color()
        muted = QColor(base)
        muted.setAlpha(150)
        painter.setFont(self._ruby_font)
        fm = QFontMetricsF(self._ruby_font)
        for block_no in blocks:
            analysis = self.analyzer(block_no)
            if analysis is None:
                continue
            if analysis.missing():
                self._fill_timer.start()
            block = self.document().findBlockByNumber(block_no)
            layout = block.layout()
            origin = layout.position()
            omap = self.offset_map(block_no)
            for i, tok in enumerate(analysis.tokens):
                if not is_word(tok):
                    continue
                syls = self._ruby_syllables(analysis, i)
                show = self.ruby
                if show and self.ruby_min_hsk:   # levels only when the filter needs them
                    level = analysis.hsk[i] if analysis.hsk else None
                    show = level is None or level > self.ruby_min_hsk
                groups: dict[int, list] = {}   # line number → [(x0, x1, top, syllable)]
                for k, (text, tone, unsure) in enumerate(syls):
                    q = omap.to_qt(tok.start + k)
                    line = layout.lineForTextPosition(q)
                    if not line.isValid():
                        continue
                    width = 2 if ord(tok.text[k]) > 0xFFFF else 1
                    x0, x1 = line.cursorToX(q)[0], line.cursorToX(q + width)[0]
                    top = origin.y() + line.y() - dy
                    left = origin.x() + x0 - dx
                    groups.setdefault(line.lineNumber(), []).append(
                        (left, left + (x1 - x0), top, text, tone, unsure))
                    if unsure:
                        painter.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
                        y = top + line.ascent() + fm.descent() + 1
                        painter.drawLine(QPointF(left + 1, y), QPointF(left + (x1 - x0) - 1, y))
                if show:
                    for parts in groups.values():
                        self._draw_ruby(painter, fm, parts, base)
        painter.end()

    def _draw_ruby(self, painter: QPainter, fm: QFontMetricsF, parts: list, base: QColor) -> None:
        """One word's syllables on one line, joined and centred over its characters."""
        sep = "" if self.formatter("a1")[0] == "ā" else " "
        labels = [(p[3] + ("?" if p[5] else ""), p[4]) for p in parts if p[3]]
        if not labels:
            return
        total = sum(fm.horizontalAdvance(t) for t, _ in labels) + \
            fm.horizontalAdvance(sep) * (len(labels) - 1)
        x = (parts[0][0] + parts[-1][1]) / 2 - total / 2
        baseline = parts[0][2] - fm.descent() - 1
        for n, (text, tone) in enumerate(labels):
            color = self.tone_colors.get(tone, base) if self.tone_colors else base
            painter.setPen(color)
            painter.drawText(QPointF(x, baseline), text)
            x += fm.horizontalAdvance(text) + (fm.horizontalAdvance(sep) if n < len(labels) - 1
                                                 else 0)


class EnglishPane(TextPane):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("en", parent)
        self.setObjectName("enPane")


__all__ = ["ChinesePane", "EnglishPane", "TextPane"]
