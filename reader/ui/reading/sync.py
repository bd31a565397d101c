"""Keeping the two panes level: sentence-level scroll sync and bead highlighting.

Scrolling one pane finds the sentence at its reading line (a quarter down the viewport) and
how far through it the line is; the other pane scrolls so its aligned sentences sit at the
same height, the same fraction through. Not proportional scrolling: a long English
paragraph against a short Chinese one stays matched sentence by sentence.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.core.models import Bead
from reader.ui.reading.textpane import LOW_CONFIDENCE, TextPane

READING_LINE = 0.25


class ScrollSync(QObject):
    def __init__(self, zh: TextPane, en: TextPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.zh, self.en = zh, en
        self.enabled = True
        self._busy = False
        self.beads: tuple[Bead, ...] = ()
        self._of: dict[str, dict[int, int]] = {"zh": {}, "en": {}}
        zh.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(zh, en))
        en.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(en, zh))
        for pane, other in ((zh, en), (en, zh)):
            pane.sentenceHovered.connect(
                lambda sid, p=pane, o=other: self.highlight(p, o, sid))
            pane.sentenceClicked.connect(
                lambda sid, p=pane, o=other: self.highlight(p, o, sid))

    def set_beads(self, beads: tuple[Bead, ...]) -> None:
        """Sentence beads (ids over each side's sentences); marks low-confidence ones."""
        self.beads = beads
        self._of = {"zh": {}, "en": {}}
        low_zh, low_en = set(), set()
        for i, bead in enumerate(beads):
            for s in bead.zh:
                self._of["zh"][s] = i
            for s in bead.en:
                self._of["en"][s] = i
            if bead.score < LOW_CONFIDENCE and bead.zh and bead.en:
                low_zh.update(bead.zh)
                low_en.update(bead.en)
        self.zh.set_marked_sentences(low_zh)
        self.en.set_marked_sentences(low_en)

    def partners(self, lang: str, sid: int) -> tuple[int, ...]:
        """Sentence ids of the other side aligned with sentence `sid` of side `lang`."""
        i = self._of[lang].get(sid)
        if i is None:
            return ()
        bead = self.beads[i]
        return bead.en if lang == "zh" else bead.zh

    def highlight(self, pane: TextPane, other: TextPane, sid: int) -> None:
        if sid < 0:
            pane.highlight_sentences(())
            other.highlight_sentences(())
            return
        i = self._of[pane.lang].get(sid)
        if i is None:
            pane.highlight_sentences((sid,))
            other.highlight_sentences(())
            return
        bead = self.beads[i]
        mine, theirs = (bead.zh, bead.en) if pane.lang == "zh" else (bead.en, bead.zh)
        pane.highlight_sentences(mine or (sid,))
        other.highlight_sentences(theirs)

    def _bead_near(self, lang: str, sid: int) -> Bead | None:
        """The bead holding `sid`, or the nearest earlier one with both sides."""
        i = self._of[lang].get(sid)
        while i is not None and i >= 0:
            bead = self.beads[i]
            if bead.zh and bead.en:
                return bead
            i -= 1
        return None

    def _follow(self, src: TextPane, dst: TextPane) -> None:
        if not self.enabled or self._busy or not self.beads or not dst.isVisible():
            return
        self._busy = True
        try:
            line = src.viewport().height() * READING_LINE
            y = src.verticalScrollBar().value() + line
            sid = src.sentence_at_y(y)
            bead = self._bead_near(src.lang, sid) if sid >= 0 else None
            if bead is None:
                return
            mine, theirs = (bead.zh, bead.en) if src.lang == "zh" else (bead.en, bead.zh)
            top, _ = src.sentence_y(min(mine))
            _, bottom = src.sentence_y(max(mine))
            frac = min(1.0, max(0.0, (y - top) / max(1.0, bottom - top)))
            otop, _ = dst.sentence_y(min(theirs))
            _, obottom = dst.sentence_y(max(theirs))
            target = otop + frac * (obottom - otop) - dst.viewport().height() * READING_LINE
            dst.verticalScrollBar().setValue(int(round(target)))
        finally:
            self._busy = False

    def sync_from(self, src: TextPane) -> None:
        """Level the other pane to `src` now (after loading, resizing, a font change)."""
        self._follow(src, self.en if src is self.zh else self.zh)
