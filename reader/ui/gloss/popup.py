"""The gloss card: a word's forms, reading in context, every CC-CEDICT sense, HSK level and
its characters, shown beside the word (never over it, never off-screen).

`Gloss` is plain data built from core calls; `GlossPopup` renders it; `place()` is the pure
geometry, tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QGuiApplication,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from reader.core.models import Entry
from reader.core.service import Card, CardSyllable
from reader.ui.reading.pinyinfmt import format_syllable, tone_colors

if TYPE_CHECKING:   # the card's module imports it when a card is built, not before
    from reader.core.service import Part

POPUP_WIDTH = 380
GAP = 6


@dataclass(frozen=True)
class Syllable:
    text: str          # as displayed (tone marks, numbers or zhuyin)
    tone: int          # 1-4, 5 neutral, 0 unknown
    unsure: bool = False


@dataclass(frozen=True)
class CharGloss:
    char: str
    syllable: Syllable | None
    senses: tuple[str, ...]


@dataclass(frozen=True)
class PartGloss:
    """A dictionary word inside a token no entry has, with its reading and first senses."""

    text: str
    syllables: tuple[Syllable, ...]
    senses: tuple[str, ...]
    matched_en: str = ""       # the English words its matched sense stands for


@dataclass(frozen=True)
class Gloss:
    """Everything the card shows about one word in context."""

    word: str
    simplified: str
    traditional: str
    syllables: tuple[Syllable, ...]
    entries: tuple[Entry, ...]
    hsk: int | None = None
    chars: tuple[CharGloss, ...] = field(default=())
    loading: bool = False
    #: (entry, sense) indexes of the sense the aligned English shows, and those words.
    matched: tuple[int, int] | None = None
    matched_en: str = ""
    parts: tuple[PartGloss, ...] = field(default=())

    @property
    def pinyin_text(self) -> str:
        return " ".join(s.text for s in self.syllables if s.text)


def _part_senses(part: Part) -> tuple[str, ...]:
    """A part's first senses, its matched sense first."""
    senses = part.entries[0].senses[:3] if part.entries else ()
    if part.match is not None:
        senses = (part.match.sense, *(x for x in senses if x != part.match.sense))[:3]
    return senses


def syllable_of(syllable: CardSyllable, style: str) -> Syllable:
    """A card's numbered syllable as displayed in pinyin `style` (marks, numbers, zhuyin)."""
    if not syllable.pinyin:
        return Syllable("", 0)
    text, tone = format_syllable(syllable.pinyin, style)
    return Syllable(text, tone, syllable.unsure)


def gloss_of(card: Card, style: str) -> Gloss:
    """The core's card data (`reader.core.language.cards`) with its syllables in `style`."""
    chars = tuple(CharGloss(c.char, None if c.syllable is None else syllable_of(c.syllable, style),
                            c.senses) for c in card.chars)
    parts = tuple(PartGloss(p.text, tuple(syllable_of(CardSyllable(s or ""), style)
                                          for s in p.syllables),
                            _part_senses(p), p.match.en if p.match else "")
                  for p in card.parts)
    matched = card.matched_sense
    return Gloss(word=card.word, simplified=card.simplified, traditional=card.traditional,
                 syllables=tuple(syllable_of(s, style) for s in card.syllables),
                 entries=card.entries, hsk=card.hsk, chars=chars, matched=matched,
                 matched_en=card.match.en if matched and card.match else "", parts=parts)


def place(size: QSize, word: QRect, screen: QRect) -> QPoint:
    """Top-left for a popup of `size` next to `word`, inside `screen`, not covering `word`.

    Below the word when it fits, else above, else beside it; always clamped to the screen.
    """
    w, h = size.width(), size.height()
    x = min(max(word.left(), screen.left()), screen.right() + 1 - w)
    if word.bottom() + GAP + h <= screen.bottom():
        return QPoint(x, word.bottom() + 1 + GAP)
    if word.top() - GAP - h >= screen.top():
        return QPoint(x, word.top() - GAP - h)
    y = min(max(word.top(), screen.top()), screen.bottom() + 1 - h)
    if word.right() + GAP + w <= screen.right():
        return QPoint(word.right() + 1 + GAP, y)
    return QPoint(max(screen.left(), word.left() - GAP - w), y)


def _esc(text: str) -> str:
    # Not html.escape: importing `html` (and its entity tables) costs 3 ms at start-up.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _join_syllables(syllables: tuple[Syllable, ...], parts: list[str]) -> str:
    """Syllables joined by spaces; a name's (capitalised) ones as pinyin writes it: each
    word of the name one piece (Mǎ Yún, Ālǐbābā)."""
    shown = [s for s in syllables if s.text]
    if not any(s.text[:1].isupper() for s in shown):
        return " ".join(parts)
    out = ""
    for n, (s, html) in enumerate(zip(shown, parts, strict=False)):
        out += (" " if n and s.text[:1].isupper() else "") + html
    return out


class CardView(QWidget):
    """The card's rich text, laid out once per word and painted straight from its document.

    A QLabel lays rich text out again for its size hint, for heightForWidth and for the
    paint (about 2 ms a word); here one layout at the card's width serves all three.
    """

    MARGIN = 9

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossText")
        self.doc = QTextDocument(self)
        self.doc.setUndoRedoEnabled(False)
        self.doc.setDocumentMargin(self.MARGIN)
        self._html = ""

    def set_html(self, html: str, width: int) -> None:
        if html == self._html and width == self.width():
            return
        self._html = html
        if self.doc.defaultFont() != self.font():
            self.doc.setDefaultFont(self.font())
        self.doc.setHtml(html)
        self.fit(width)

    def fit(self, width: int) -> None:
        """Lay the text out `width` pixels wide and take its height."""
        self.doc.setTextWidth(width)
        self.setFixedSize(width, int(self.doc.size().height()) + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette = self.palette()
        ctx.clip = QRectF(event.rect())
        self.doc.documentLayout().draw(painter, ctx)
        painter.end()


class GlossPopup(QFrame):
    """Frameless tool-tip window showing a `Gloss` (object name `glossPopup`).

    Signals:
        hidden(): the card was hidden (the window removes the English underline then).
    """

    hidden = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("glossPopup")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAutoFillBackground(True)
        self.view = CardView()
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.view)
        self.scroll.setWidgetResizable(False)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.scroll)
        self.gloss: Gloss | None = None
        self.zh_family = ""
        self.show_tone_colors = True
        self.anchor = QRect()
        # A last grey line about the word (saved status, what keys do), from the window.
        self.footer_for: Callable[[Gloss], str] = lambda _g: ""

    def set_gloss(self, gloss: Gloss) -> None:
        self.gloss = gloss
        self.view.set_html(self.render(gloss), POPUP_WIDTH - self._chrome())

    def _syllables_html(self, syllables: tuple[Syllable, ...], size: str) -> str:
        colors = tone_colors(self.palette()) if self.show_tone_colors else {}
        parts = []
        for s in syllables:
            if not s.text:
                continue
            style = f"color:{colors[s.tone]};" if s.tone in colors else ""
            mark = ("<span style='color:#999' title='unsure reading'>?</span>"
                    if s.unsure else "")
            parts.append(f"<span style='{style}'>{_esc(s.text)}</span>{mark}")
        return f"<span style='font-size:{size}'>{_join_syllables(syllables, parts)}</span>"

    def _accent(self) -> str:
        return self.palette().highlight().color().name()

    def _part_senses_html(self, p: PartGloss) -> str:
        if not p.matched_en or not p.senses:
            return _esc("; ".join(p.senses))
        rest = "; ".join(p.senses[1:])
        return (f"<span style='color:{self._accent()}'>✓ <b>{_esc(p.senses[0])}</b></span>"
                f"<span style='color:#888'> — matches: “{_esc(p.matched_en)}”</span>"
                + (f"; {_esc(rest)}" if rest else ""))

    def _entry_html(self, k: int, entry: Entry, matched: tuple[int, int] | None,
                    matched_en: str) -> list[str]:
        """One entry: its pinyin, then its senses; the matched sense ticked and named."""
        accent = self._accent()
        out = [f"<div style='margin-top:6px;color:#888;font-size:9pt'>"
               f"{_esc(self.entry_pinyin(entry.pinyin))}</div><ol style='margin:0 0 0 -20px'>"]
        for n, sense in enumerate(entry.senses):
            if matched == (k, n):
                out.append(f"<li><span style='color:{accent}'>✓ <b>{_esc(sense)}</b></span>"
                           f"<span style='color:#888;font-size:9pt'> — matches: "
                           f"“{_esc(matched_en)}”</span></li>")
            else:
                out.append(f"<li>{_esc(sense)}</li>")
        out.append("</ol>")
        return out

    @staticmethod
    def entry_pinyin(pinyin: str) -> str:
        """CEDICT's numbered pinyin ("su4 song4") as tone marks."""
        from reader.ui.reading.pinyinfmt import format_syllable

        return " ".join(format_syllable(s, "marks")[0] if s[-1:].isdigit() else s
                        for s in pinyin.split())

    def render(self, g: Gloss) -> str:
        """The card's HTML (QLabel rich text)."""
        zh = f'font-family:"{self.zh_family}";' if self.zh_family else ""
        out = [f"<div><span style='{zh}font-size:24pt'>{_esc(g.simplified)}</span>"]
        if g.traditional and g.traditional != g.simplified:
            out.append(f"&nbsp;<span style='{zh}font-size:17pt;color:#888'>"
                       f"{_esc(g.traditional)}</span>")
        if g.hsk:
            level = "7–9" if g.hsk >= 7 else str(g.hsk)
            out.append(f"&nbsp;&nbsp;<span style='font-size:9pt;color:#888'>HSK {level}</span>")
        out.append("</div>")
        out.append(f"<div>{self._syllables_html(g.syllables, '15pt')}</div>")
        if g.loading:
            out.append("<p style='color:#888'>Loading the dictionary…</p>")
        elif not g.entries and g.parts:
            out.append("<p style='color:#888;font-size:9pt'>Not in CC-CEDICT as one word; "
                       "its words:</p><table cellspacing='2'>")
            for p in g.parts:
                out.append(f"<tr><td style='{zh}font-size:15pt'>{_esc(p.text)}</td>"
                           f"<td style='padding-left:6px'>"
                           f"{self._syllables_html(p.syllables, '10pt')}</td>"
                           f"<td style='padding-left:6px;font-size:9pt'>"
                           f"{self._part_senses_html(p)}</td></tr>")
            out.append("</table>")
        elif not g.entries:
            out.append("<p style='color:#888'>Not in CC-CEDICT.</p>")
        for k, e in enumerate(g.entries):
            out.extend(self._entry_html(k, e, g.matched, g.matched_en))
        if g.chars:
            out.append("<hr/><table cellspacing='2'>")
            for c in g.chars:
                syl = self._syllables_html((c.syllable,), "10pt") if c.syllable else ""
                senses = "; ".join(c.senses[:4])
                out.append(f"<tr><td style='{zh}font-size:15pt'>{_esc(c.char)}</td>"
                           f"<td style='padding-left:6px'>{syl}</td>"
                           f"<td style='padding-left:6px;font-size:9pt'>{_esc(senses)}</td></tr>")
            out.append("</table>")
        footer = self.footer_for(g)
        if footer:
            out.append(f"<p style='margin-top:6px;color:#888;font-size:8pt'>{_esc(footer)}</p>")
        return "".join(out)

    def _chrome(self) -> int:
        """Pixels the frame and the layout margins take from each dimension."""
        margins = self.layout().contentsMargins()
        return 2 * self.frameWidth() + margins.left() + margins.right()

    def show_at(self, word: QRect) -> None:
        """Show next to the global rectangle `word`, on its screen."""
        self.anchor = QRect(word)
        screen = QGuiApplication.screenAt(word.center()) or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry()
        room = max(word.top() - avail.top(), avail.bottom() - word.bottom()) - 2 * GAP
        chrome = self._chrome()
        inner = POPUP_WIDTH - chrome
        if self.view.width() != inner:
            self.view.fit(inner)
        limit = min(room, int(avail.height() * 0.7))
        if self.view.height() + chrome > limit:   # it will scroll: leave room for the bar
            self.view.fit(inner - self.scroll.verticalScrollBar().sizeHint().width())
        height = max(60, min(self.view.height() + chrome, limit))
        self.resize(POPUP_WIDTH, height)
        self.move(place(self.size(), word, avail))
        self.scroll.verticalScrollBar().setValue(0)
        if not self.isVisible():
            self.show()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.hidden.emit()

    def text(self) -> str:
        """Plain text of the card (what tests and accessibility read)."""
        return self.view.doc.toPlainText()
