"""The Chinese pane: the word under the mouse or the keyboard, pinyin painted above words.

Words come from the core's per-paragraph `Analysis` (through `analyzer`, None until the
core has loaded; before that `fallback_match` gives the dictionary's longest match). The
readings of newly visible sentences are filled a slice at a time after each paint. Names
above the text are written as pinyin writes them (Mǎ Yún, Ālǐbābā: `_name_syllables`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:   # annotations only: each PySide type costs up to 3 ms when first touched
    from PySide6.QtGui import QKeyEvent, QMouseEvent, QPaintEvent

from reader.core.models import UNSURE_READING, Reading, Token
from reader.core.service import Analysis, is_word
from reader.ui.reading.textpane import TextPane

Analyzer = Callable[[int], Analysis | None]
SyllableFormatter = Callable[[str], tuple[str, int]]   # syllable → (display text, tone)


@lru_cache(maxsize=4096)
def _name_syllables(text: str, syllables: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """A word's syllables with a name's word starts capitalised ("Ma3", "Yun2"), cached:
    every paint asks for every visible word. Only called once the core has loaded
    (`ChinesePane.names_ready`): importing the pinyin service from a paint while the core's
    thread is still importing it would wait for that whole load."""
    from reader.core.service import name_syllables

    try:
        return name_syllables(Reading(Token(text, 0, len(text)), syllables))
    except Exception:
        return syllables


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
        #: True once names can be cased (the core has loaded; see `_name_syllables`).
        self.names_ready: Callable[[], bool] = lambda: True
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
        syllables = reading.syllables
        if len(syllables) > 1 and self.names_ready():
            syllables = _name_syllables(reading.token.text, tuple(syllables))
        for k, syl in enumerate(syllables):
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
        if not sep and any(t[:1].isupper() for t, _ in labels[1:]):   # a name: Mǎ Yún
            labels = [((" " if n and t[:1].isupper() else "") + t, tone)
                      for n, (t, tone) in enumerate(labels)]
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


__all__ = ["Analyzer", "ChinesePane", "SyllableFormatter"]
