"""The window's side of glossing: the card for the word the reader points at.

The Chinese pane says which word is pointed at (hover, click or keys); the card's data
comes from the core (`reader.core.language.cards`), its syllables are written in the chosen
pinyin style and `popup.GlossPopup` shows it beside the word, while the sentence and its
partner are highlighted. The card is built with the English sentences aligned with the
word's sentence, so the sense they show comes first and is marked; while the card shows,
the English pane underlines those words. The popup and its module are built after the
first paint (or on first use), never before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint

if TYPE_CHECKING:
    from reader.core.service import ArticleAnalysis
    from reader.ui.gloss.popup import Gloss, GlossPopup, Syllable
    from reader.ui.notes.controller import AnnotationController
    from reader.ui.reading.enpane import EnglishPane
    from reader.ui.reading.sync import ScrollSync
    from reader.ui.reading.zhpane import ChinesePane
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings


class Glossing:
    """The gloss popup of `MainWindow` (a mixin: it reads the window's article analysis,
    panes and settings)."""

    if TYPE_CHECKING:   # provided by MainWindow
        services: CoreServices
        settings: Settings
        analysis: ArticleAnalysis | None
        zh: ChinesePane
        en: EnglishPane
        sync: ScrollSync
        zh_family: str
        _popup: GlossPopup | None
        _annotations: AnnotationController | None

    @property
    def popup(self) -> GlossPopup:
        """The gloss card (object name `glossPopup`)."""
        if self._popup is None:
            from reader.ui.gloss.popup import GlossPopup

            self._popup = GlossPopup(self)
            self._popup.zh_family = self.zh_family
            self._popup.show_tone_colors = self.settings.get("pinyin/tone_colors")
            self._popup.hidden.connect(lambda: self.en.set_underlines([]))
            if self._annotations is not None:
                self._popup.footer_for = self._annotations.popup_footer
        return self._popup

    def hide_popup(self) -> None:
        if self._popup is not None:
            self._popup.hide()

    # ----- the word pointed at ---------------------------------------------------------
    def _fallback_match(self, block: int, cp: int) -> tuple[int, int] | None:
        """Before the segmenter is ready: the dictionary's longest match at the pointer."""
        if not self.services.dictionary_ready or self.analysis is None:
            return None
        return self.services.longest_match(self.analysis.analysed_text(block), cp)

    def _syllable(self, syl: str | None, conf: float = 1.0) -> Syllable:
        """A numbered syllable as the card shows it in the chosen pinyin style."""
        from reader.core.service import card_syllable
        from reader.ui.gloss.popup import syllable_of

        return syllable_of(card_syllable(syl, conf), self.settings.get("pinyin/style"))

    def _translation(self, block: int, cp: int) -> tuple[str, int, list[tuple[int, int, int]]]:
        """The English aligned with the Chinese sentence at (block, cp), where that sentence
        starts in its paragraph, and for each English sentence (offset in the joined text,
        its paragraph, its start there)."""
        sid = self.zh.sentence_at(block, cp)
        if sid < 0:
            return "", 0, []
        zh_start = self.zh.sentence_location(sid)[1]
        pieces: list[str] = []
        where: list[tuple[int, int, int]] = []
        at = 0
        for eid in self.sync.partners("zh", sid):
            if not 0 <= eid < self.en.sentence_count:
                continue
            en_block, start, end = self.en.sentence_location(eid)
            text = self.en.paragraphs[en_block].text[start:end]
            where.append((at, en_block, start))
            pieces.append(text)
            at += len(text) + 1
        return " ".join(pieces), zh_start, where

    @staticmethod
    def _pane_spans(where: list[tuple[int, int, int]], start: int,
                    end: int) -> list[tuple[int, int, int]]:
        """Offsets [start, end) of the joined English as (paragraph, start, end) spans."""
        spans = []
        for n, (at, en_block, en_start) in enumerate(where):
            stop = where[n + 1][0] - 1 if n + 1 < len(where) else end
            a, b = max(start, at), min(end, stop)
            if a < b:
                spans.append((en_block, en_start + a - at, en_start + b - at))
        return spans

    def gloss_for(self, block: int, index: int) -> Gloss:
        """The card for token `index` of paragraph `block` (index -2: the fallback match);
        remembers where the English it matched is (`_match_spans`)."""
        from reader.core.service import span_card, word_card
        from reader.ui.gloss.popup import gloss_of

        analysis = self.analysis
        assert analysis is not None
        self._match_spans: list[tuple[int, int, int]] = []
        if index == -2:
            _, start, end = self.zh.fallback_span
            card = span_card(analysis, block, start, end, self.services)
        else:
            token = self.zh.token(block, index)
            english, zh_start, where = self._translation(block, token.start)
            card = word_card(analysis, block, index, self.services, translation=english,
                             sentence_start=zh_start)
            matches = [card.match] if card.match is not None else \
                [p.match for p in card.parts if p.match is not None]
            for match in matches:   # the word's, or those of the words it is made of
                self._match_spans += self._pane_spans(where, match.start, match.end)
        return gloss_of(card, self.settings.get("pinyin/style"))

    def _on_word(self, block: int, index: int, by_keyboard: bool) -> None:
        if block < 0:
            if self.zh.trigger == "hover" and not by_keyboard:
                self.hide_popup()
            return
        self.popup.set_gloss(self.gloss_for(block, index))
        if index == -2:
            _, start, end = self.zh.fallback_span
            rects = self.zh.span_rects(block, start, end)
            r = rects[0].toAlignedRect() if rects else self.zh.viewport().rect()
            rect = r.translated(self.zh.viewport().mapToGlobal(QPoint(0, 0)))
        else:
            rect = self.zh.word_rect(block, index)
        self.popup.show_at(rect)
        sid = self.zh.sentence_at(block, self.zh.token(block, index).start
                                  if index >= 0 else self.zh.fallback_span[1])
        self.sync.highlight(self.zh, self.en, sid)
        self.en.set_underlines(getattr(self, "_match_spans", []))

    def _refresh_popup(self) -> None:
        if self._popup is not None and self._popup.isVisible() and self.zh.current is not None:
            self._on_word(*self.zh.current, True)

    def _on_zh_scrolled(self, _value: int) -> None:
        if self._popup is not None and self._popup.isVisible() and self.zh.trigger == "hover":
            self.hide_popup()
            self.zh.clear_current()
