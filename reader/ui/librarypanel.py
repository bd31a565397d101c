"""The library side panel: a search box over the list, and renaming or deleting articles.

`LibraryPanel` (object name `libraryPanel`) holds the search box (`librarySearch`) and the
`LibraryList`. `LibraryActions` is the window's side (a mixin of `MainWindow`): the search
runs through the source (`Library.search`: titles, Chinese, English, pinyin with or
without tones) in a worker; rename and delete ask first, and a delete is preceded by a copy
of the library in its backups folder (`Library.delete_article`), so notes are never lost
without one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from reader.ui import crash
from reader.ui.librarylist import LibraryItem, LibraryList
from reader.ui.workers import run_op

if TYPE_CHECKING:
    from reader.ui.librarylist import LibrarySource

SEARCH_DELAY_MS = 250   # typing pauses this long before the library is searched


class LibraryPanel(QWidget):
    """Search box over the library list.

    Signals:
        searchChanged(str): the query, once typing paused ("" when cleared).
    """

    searchChanged = Signal(str)

    def __init__(self, library: LibraryList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search: title, 中文, English, pinyin")
        self.search.setClearButtonEnabled(True)
        self.list = library
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.searchChanged.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda _t: self._timer.start())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(library, 1)


def confirm(parent: QWidget, title: str, text: str, button: str) -> bool:
    """Ask before an action that removes something (tests replace this)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(button, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def ask_title(parent: QWidget, title: str) -> str | None:
    """The new title, or None when cancelled (tests replace this)."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(parent, "Rename article", "Title:", text=title)
    return text if ok else None


class LibraryActions:
    """Search, rename and delete in the library panel (a mixin of `MainWindow`)."""

    if TYPE_CHECKING:   # provided by MainWindow
        source: LibrarySource
        library: LibraryList
        library_panel: LibraryPanel
        current_item: LibraryItem | None
        _annotations: Any

        def refresh_library(self) -> None: ...
        def statusBar(self) -> Any: ...

    def _wire_library(self) -> None:
        self.library_panel.searchChanged.connect(self.search_library)
        self.library.customContextMenuRequested.connect(self._library_menu)

    def search_library(self, query: str) -> None:
        """Show only the articles matching `query` (every article when it is empty)."""
        if not query:
            self.library.show_only(None)
            return
        search = getattr(self.source, "search", None)
        if search is None:
            return

        def done(keys: list[str]) -> None:
            if self.library_panel.search.text().strip() == query:   # not an older query
                self.library.show_only(set(keys))
                if not keys:
                    self.statusBar().showMessage(f"No article matches “{query}”", 4000)

        run_op(lambda: search(query), done, owner=self)

    def _library_menu(self, pos: QPoint) -> None:
        from PySide6.QtWidgets import QMenu

        row = self.library.itemAt(pos)
        if row is None:
            return
        item = row.data(Qt.ItemDataRole.UserRole)
        menu = QMenu(self.library)
        menu.addAction("&Rename…", lambda: self.rename_article(item))
        menu.addAction("&Delete…", lambda: self.delete_article(item))
        menu.popup(self.library.viewport().mapToGlobal(pos))

    def rename_article(self, item: LibraryItem, title: str | None = None) -> None:
        title = ask_title(self, item.title) if title is None else title   # type: ignore[arg-type]
        if title is None or not title.strip() or title.strip() == item.title:
            return

        def done(renamed: LibraryItem) -> None:
            if self.current_item is not None and self.current_item.key == item.key:
                self.current_item = LibraryItem(item.key, renamed.title,
                                                self.current_item.date,
                                                self.current_item.source,
                                                self.current_item.path)
            self.refresh_library()

        run_op(lambda: self.source.rename(item, title), done,
               lambda exc: crash.report(exc, self, "The article was not renamed"), owner=self)

    def delete_article(self, item: LibraryItem) -> None:
        if not confirm(self, "Delete article",   # type: ignore[arg-type]
                       f"Delete “{item.title}” from the library, with its notes?\n\n"
                       "A copy of the library as it is now is kept in its backups folder.",
                       "Delete"):
            return

        def done(copy: Any) -> None:
            if self.current_item is not None and self.current_item.key == item.key:
                self.current_item = None   # the text stays on screen, no longer filed
                if self._annotations is not None:
                    self._annotations.article_changed()
            where = f"; the library before it is in {copy}" if copy else ""
            self.statusBar().showMessage(f"Deleted “{item.title}”{where}", 10_000)
            self.refresh_library()

        run_op(lambda: self.source.delete(item), done,
               lambda exc: crash.report(exc, self, "The article was not deleted"), owner=self)
