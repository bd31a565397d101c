"""The words dock's behaviour: load saved words from the library, go to a word's sentence
(opening its article when another one is shown), change status, delete (undoable through
Edit ▸ Undo), export for Anki with the core's exporter.

The panel is built the first time the dock is shown, so start-up does not pay for it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel

from reader.core.errors import UserError
from reader.ui import messages

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow
    from reader.ui.words.panel import WordsPanel

WORDS_WIDTH = 460   # the dock's width when first shown


class WordsController(QObject):
    """Owns the `wordsDock` and its `WordsPanel`.

    Signals:
        exported(str): the Anki file written.
    """

    exported = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.panel: WordsPanel | None = None
        self._pending_jump: Any = None
        self.dock = QDockWidget("Words", window)
        self.dock.setObjectName("wordsDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.dock.setWidget(QLabel("Loading…"))
        self.dock.hide()   # added to the window when first shown: the notes dock keeps its size
        self._placed = False
        self.dock.visibilityChanged.connect(self._visible)
        window.articleShown.connect(self._article_shown)

    # ----- showing --------------------------------------------------------------------------
    def show(self, on: bool = True) -> None:
        if on and not self._placed:   # below the notes (a tab would hide the notes dock:
            self._placed = True       # its menu toggle follows its visibility)
            self.w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock,
                                 Qt.Orientation.Vertical)
        first = on and self.panel is None
        self.dock.setVisible(on)
        if on:
            self.dock.raise_()
            if first:   # wide enough for the sentence column, half the height beside notes
                self.w.resizeDocks([self.dock], [WORDS_WIDTH], Qt.Orientation.Horizontal)
                if self.w.notes_dock.isVisible():
                    half = max(200, self.w.height() // 2 - 40)
                    self.w.resizeDocks([self.w.notes_dock, self.dock], [half, half],
                                       Qt.Orientation.Vertical)
            self.reload()

    def _visible(self, on: bool) -> None:
        if on:
            self.reload()

    def _build(self) -> WordsPanel:
        if self.panel is None:
            from reader.core.service import marked_reading
            from reader.ui.words.panel import WordsPanel

            self.panel = WordsPanel(lambda r: marked_reading(r) if r else "",
                                    self._frequency)
            self.panel.wordChosen.connect(self.go_to)
            self.panel.statusChosen.connect(self.set_status)
            self.panel.deleteChosen.connect(self.delete)
            self.panel.exportChosen.connect(self.export_dialog)
            self.w.annotations.wordsChanged.connect(self.reload)
            self.dock.setWidget(self.panel)
        return self.panel

    def _frequency(self, word: str) -> int:
        """How common the word is (jieba's corpus count; 0 before the segmenter loads)."""
        services = self.w.services
        return services.segmenter.frequency(word) if services.ready else 0

    def reload(self) -> None:
        if not self.dock.isVisible() and self.panel is None:
            return
        panel = self._build()
        lib = self.w.annotations.library()
        if lib is None:
            panel.show_unavailable("Saved words live in the library, which is not "
                                   "available in this session.")
            return
        try:
            words = lib.words()
            titles = {row["id"]: row["title"] or "Untitled" for row in lib.articles()}
        except UserError as exc:
            messages.error(self.w, exc.message, exc.hint)
            return
        panel.set_words(words, titles)

    # ----- acting ---------------------------------------------------------------------------
    def go_to(self, word: Any) -> None:
        """Scroll to the word's sentence; open its article first when another is shown."""
        if word is None:
            return
        current = self.w.annotations.article_id()
        if word.article_id is not None and word.article_id != current:
            from reader.ui.librarylist import LibraryItem

            title = self.panel._titles.get(word.article_id, "") if self.panel else ""
            self._pending_jump = word
            self.w.open_item(LibraryItem(f"id:{word.article_id}", title))
            return
        self._jump(word)

    def _article_shown(self) -> None:
        word, self._pending_jump = self._pending_jump, None
        if word is not None:
            self.w.annotations.article_changed()   # learn the id now, not after settling
            self._jump(word)

    def _jump(self, word: Any) -> None:
        article = self.w.article
        if article is None:
            return
        found = _locate(article, word.sentence_zh, word.word)
        if found is None:
            self.w.statusBar().showMessage(f"{word.word} is not in this article", 4000)
            return
        block, cp = found
        zh, en, sync = self.w.zh, self.w.en, self.w.sync
        zh.ensure_loaded(block)
        top, _ = zh.block_y(block, cp)
        was, sync.enabled = sync.enabled, False
        try:
            zh.verticalScrollBar().setValue(int(top - zh.viewport().height() * 0.25))
            sid = zh.sentence_at(block, cp)
            partners = sync.partners(zh.lang, sid) if sid >= 0 else ()
            if partners and en.isVisible():
                otop, _ = en.sentence_y(min(partners))
                en.verticalScrollBar().setValue(int(otop - en.viewport().height() * 0.25))
            if sid >= 0:
                sync.highlight(zh, en, sid)
        finally:
            sync.enabled = was

    def set_status(self, words: list[Any], status: str) -> None:
        for word in words:
            self.w.annotations.set_word_status(word.word, status)
        self.reload()

    def delete(self, words: list[Any]) -> None:
        lib = self.w.annotations.library()
        if lib is None or not words:
            return
        try:
            for word in words:
                lib.delete_word(word.word)
        except UserError as exc:
            messages.error(self.w, exc.message, exc.hint)
        names = "、".join(w.word for w in words[:5]) + ("…" if len(words) > 5 else "")
        self.w.statusBar().showMessage(f"Deleted {names}; Edit ▸ Undo brings "
                                       f"{'it' if len(words) == 1 else 'them'} back", 6000)
        self.w.annotations.reload()   # tints, the known share and Edit ▸ Undo
        self.w.annotations.wordsChanged.emit()

    def export_dialog(self, words: list[Any]) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.w, "Export words for Anki",
                                              "duizhao-words.txt", "Text (*.txt)")
        if path:
            self.export(words, path)

    def export(self, words: list[Any], path: str) -> None:
        """Write `words` as an Anki import file (whatever their status), in a worker, with
        the status bar's busy indicator; a bad place is told as a message."""
        from reader.core.service import AnkiExporter, AnkiOptions, Handout

        handout = Handout(None, None, words=tuple(words))  # type: ignore[arg-type]

        def done(out: Path) -> None:
            self.w.statusBar().showMessage(f"Exported {len(words)} words to {out}", 6000)
            self.exported.emit(str(out))

        self.w._run(f"Exporting {len(words)} words…", lambda: AnkiExporter().export(
            handout, AnkiOptions(statuses=()), Path(path)), done)

def _locate(article: Any, sentence: str, word: str) -> tuple[int, int] | None:
    """(paragraph, code point) of `word` inside its saved sentence, else its first use."""
    for needle, inner in ((sentence, sentence.find(word)), (word, 0)):
        if not needle:
            continue
        for block, para in enumerate(article.zh):
            at = para.text.find(needle)
            if at >= 0:
                return block, at + max(0, inner)
    return None
