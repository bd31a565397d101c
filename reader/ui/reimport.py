"""Opening an article's file again after editing it: update the stored article, notes and all.

When a file opened in the window was imported before from the same path and its text has
changed since, a bar under the menus (`reimportBar`) asks: "Update the stored article
(notes follow)" (`reimportUpdate`) or "Import as new" (`reimportNew`). File ▸ Re-import
(`actReimport`) updates the article on screen from its file on demand. The work runs in a
worker (`Library.update_file`); the notes that could not be placed again are listed as
orphaned in the notes panel, to place again or delete.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolBar, QWidget

from reader.core.errors import UserError
from reader.ui import crash, messages
from reader.ui.librarylist import LibraryItem
from reader.ui.workers import run_op

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow


class ReimportBar(QToolBar):
    """The question asked when a changed file is opened (one per window, reused)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("File changed", parent)
        self.setObjectName("reimportBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.label = QLabel()
        self.label.setObjectName("reimportLabel")
        self.label.setContentsMargins(6, 0, 12, 0)
        self.update_button = QPushButton("Update the stored article (notes follow)")
        self.update_button.setObjectName("reimportUpdate")
        self.new_button = QPushButton("Import as new")
        self.new_button.setObjectName("reimportNew")
        for widget in (self.label, self.update_button, self.new_button):
            self.addWidget(widget)
        self.path = ""
        self.article_id: int | None = None

    def ask(self, path: str, article_id: int, title: str) -> None:
        self.path, self.article_id = path, article_id
        name = title or Path(path).name
        self.label.setText(f"“{Path(path).name}” changed since you imported it "
                           f"(as “{name}”).")
        self.show()


def _bar(window: MainWindow) -> ReimportBar:
    bar = getattr(window, "reimport_bar", None)
    if bar is None:
        bar = ReimportBar(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        bar.update_button.clicked.connect(lambda: _chosen(window, update=True))
        bar.new_button.clicked.connect(lambda: _chosen(window, update=False))
        window.articleShown.connect(lambda: _still_relevant(window))
        window.reimport_bar = bar
    return bar


def _still_relevant(window: MainWindow) -> None:
    """Another article on screen: the question about the changed file is dropped."""
    bar = window.reimport_bar
    item = window.current_item
    if bar.isVisible() and (item is None or not item.path or
                            Path(item.path).resolve() != Path(bar.path).resolve()):
        bar.hide()


def _library(window: MainWindow) -> Any:
    opener = getattr(window.source, "library", None)
    return opener() if opener is not None else None


def file_in_library(window: MainWindow, path: str) -> None:
    """File an opened file in the library (after the first paint), unless it is an edited
    version of a stored article: then ask whether to update that one."""
    def work() -> tuple[str, Any]:
        lib = _library(window)
        if lib is not None:
            with lib:
                try:
                    article_id = lib.changed_file(path)
                except (OSError, UserError):
                    article_id = None      # importing it says what is wrong
                if article_id is not None:
                    return "changed", (article_id, lib.store.get_article(article_id)["title"])
        return "stored", window.source.import_file(path)

    def done(result: tuple[str, Any]) -> None:
        kind, value = result
        if kind == "stored":
            window._stored(value)
        else:
            _bar(window).ask(path, *value)

    run_op(work, done, lambda exc: crash.report(exc, window, "Not saved to the library"),
           owner=window)


def _chosen(window: MainWindow, update: bool) -> None:
    bar = window.reimport_bar
    bar.hide()
    if update:
        update_from_file(window, bar.path, bar.article_id)
    else:
        path = bar.path
        run_op(lambda: window.source.import_file(path), window._stored,
               lambda exc: crash.report(exc, window, "Not saved to the library"),
               owner=window)


def reimport_current(window: MainWindow) -> None:
    """File ▸ Re-import: update the article on screen from the file it came from."""
    item = window.current_item
    if item is None or not item.path or not Path(item.path).is_file():
        messages.info(window, "This article has no file to re-import from.",
                      "Re-import works for an article opened from a file that still exists.")
        return
    article_id = int(item.key[3:]) if item.key.startswith("id:") else None
    update_from_file(window, item.path, article_id)


def update_from_file(window: MainWindow, path: str, article_id: int | None) -> None:
    """Update the stored article from its edited file, then show it with its notes."""
    def work() -> tuple[Any, Any, LibraryItem]:
        lib = _library(window)
        if lib is None:
            raise UserError("the library is not available, so there is nothing to update",
                            "open the file to read it without its notes")
        with lib:
            report = lib.update_file(path, article_id)
            row = lib.store.get_article(report.article_id)
            article = lib.article(report.article_id)
        item = LibraryItem(f"id:{report.article_id}", row["title"] or Path(path).stem,
                           article.date or "", article.source or "", path)
        return report, article, item

    def done(result: tuple[Any, Any, LibraryItem]) -> None:
        report, article, item = result
        own = window.annotations.library()
        if own is not None:
            own.forget_article(report.article_id)   # its copy of the old text is stale
        window.show_article(article, item)
        window.refresh_library()
        _tell(window, report)

    window._run(f"Updating from {Path(path).name}…", work, done)


def _tell(window: MainWindow, report: Any) -> None:
    if report.unchanged:
        window.statusBar().showMessage("The file has not changed since it was imported.",
                                       8000)
        return
    placed = f"{report.placed} note{'s' * (report.placed != 1)} placed again"
    if not report.orphaned:
        window.statusBar().showMessage(f"Article updated: {placed}.", 8000)
        return
    count = len(report.orphaned)
    window.annotations.dock.show()
    messages.info(window, f"Article updated: {placed}; {count} could not be placed "
                          f"again and {'is' if count == 1 else 'are'} listed as orphaned "
                          "in the notes panel.",
                  "Select where one belongs in a pane and press “Place again…”, "
                  "or delete it.")
