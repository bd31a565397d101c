"""Saved words and locked readings, as the notes controller offers them.

The word under the gloss is saved with its reading in context and its sentence in both
languages; its status (new, learning, known, ignored) tints it and counts in the status
bar's share of known words; a locked reading replaces the one in context for that word in
this article (the core's `ArticleAnalysis.set_locked_readings` applies it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.ui.notes.geometry import Geometry

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from reader.ui.mainwindow import MainWindow


class SavedWords:
    """The saved-word and locked-reading actions of `AnnotationController` (a mixin: they
    share its library, its article and its redraw)."""

    if TYPE_CHECKING:   # provided by AnnotationController
        w: MainWindow
        _lib: Any
        _article_id: int | None
        _statuses: dict[str, str]
        _locked: dict[str, tuple[str, ...]]
        known_share: float
        status_known: QLabel
        wordsChanged: SignalInstance

        def library(self) -> Any: ...
        def redraw(self) -> None: ...
        def _need(self) -> tuple[Any, int] | None: ...
        def _guard(self, fn: Callable[[], Any]) -> Any: ...

    def current_word(self) -> tuple[str, int] | None:
        """(word, side offset) of the word whose gloss is shown (keyboard/hover current)."""
        current = self.w.zh.current
        if current is None:
            return None
        block, index = current
        tok = self.w.zh.token(block, index)
        return tok.text, Geometry(self.w.zh).side_offset(block, tok.start)

    def save_word(self, word: str, at: int | None = None, status: str = "new",
                  note: str = "") -> Any:
        """Save a word with its reading in context and its sentence in both languages."""
        need = self._need()
        if need is None:
            return None
        lib, aid = need
        saved = self._guard(lambda: lib.save_word(aid, word, status=status, note=note, at=at))
        if saved is not None:
            self._statuses[saved.word] = saved.status
            from reader.core.service import marked_reading

            reading = marked_reading(saved.reading) if saved.reading else "—"
            self.w.statusBar().showMessage(
                f"Saved {saved.word} ({reading}) as {saved.status}", 4000)
            self.redraw()
            self.update_known_share()
            self.w._refresh_popup()   # its last line shows the saved status
            self.wordsChanged.emit()
        return saved

    def popup_footer(self, gloss: Any) -> str:
        """The popup's last line: the word's saved status and lock, and the keys to use."""
        if self._article_id is None:
            return ""
        parts = []
        status = self._statuses.get(gloss.simplified) or self._statuses.get(gloss.word)
        parts.append(f"Saved · {status}" if status else "S: save word")
        if gloss.simplified in self._locked or gloss.word in self._locked:
            parts.append("reading locked")
        parts.append("right-click: status, reading")
        return " · ".join(parts)

    def save_current_word(self) -> Any:
        found = self.current_word()
        if found is None:
            return None
        return self.save_word(*found)

    def set_word_status(self, word: str, status: str) -> Any:
        lib = self.library()
        if lib is None:
            return None
        saved = self._guard(lambda: lib.set_word_status(word, status))
        if saved is not None:
            self._statuses[word] = status
            self.redraw()
            self.update_known_share()
            self.w._refresh_popup()   # its last line shows the saved status
            self.wordsChanged.emit()
        return saved

    def word_status(self, word: str) -> str | None:
        return self._statuses.get(word)

    def lock_reading(self, word: str, syllables: str | None) -> bool:
        """Lock `word`'s reading in this article ("chang2 jiang1"; None unlocks)."""
        need = self._need()
        if need is None:
            return False
        lib, aid = need
        if self._guard(lambda: (lib.lock_reading(aid, word, syllables), True)[1]) is None:
            return False
        self._install_locks()
        if self.w.popup.isVisible() and self.w.zh.current is not None:
            self.w._on_word(*self.w.zh.current, True)
        self.w.zh.viewport().update()
        self.wordsChanged.emit()
        return True

    def locked_reading(self, word: str) -> tuple[str, ...] | None:
        return self._locked.get(word)

    def _install_locks(self) -> None:
        """Make the window's readings honour the article's locked readings."""
        lib = self._lib
        self._locked = {}
        if lib is not None and self._article_id is not None:
            self._locked = {w: tuple(s.split()) for w, s in
                            lib.store.reading_overrides(self._article_id).items()}
        if self.w.analysis is not None:
            self.w.analysis.set_locked_readings(self._locked)

    def reading_choices(self, word: str) -> list[str]:
        """CC-CEDICT's readings of `word` (numbered, lower case), each once."""
        out: list[str] = []
        for entry in self.w.services.lookup(word):
            reading = entry.pinyin.lower()
            if reading not in out and len(reading.split()) == len(word):
                out.append(reading)
        return out

    def update_known_share(self) -> None:
        """Status bar: share of the article's words marked known (ignored ones left out)."""
        analysis = self.w.analysis
        if analysis is None or not self.w.services.ready or self._article_id is None:
            self.status_known.setText("")
            return
        # Article-wide counts from the window's idle-time profile pass (it calls again when
        # it ends): segmenting a 1 MB article here would freeze the window for seconds.
        counts = analysis.word_counts(compute=False)
        if counts is None:
            self.status_known.setText("")
            return
        counted = known = 0
        for (word, shown), n in counts.items():
            status = self._statuses.get(word) or self._statuses.get(shown)
            if status == "ignored":
                continue
            counted += n
            known += n * (status == "known")
        share = known / counted if counted else 0.0
        self.status_known.setText(f"Known {100 * share:.0f}%")
        self.known_share = share
