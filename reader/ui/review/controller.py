"""The review split: View ▸ Review split, and a bar over the panes offering it when the
importer is unsure of an article (its `confidence` below `REVIEW_BELOW`).

The rows come from the core (`Library.import_review`, with the user's decisions applied);
each correction becomes a decision (`decisions`), saved with the article
(`Library.decide_import`, which parses the kept raw text again) and the panes show the
article as parsed with it. The raw text is kept by the library, so a newer importer's
re-parse keeps the decisions. An article not in the library (it is unavailable) is
reviewed from its file, in memory: the panes follow, nothing is saved, and the view says so.
Library calls run in workers (`run_op`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QPushButton, QToolBar

from reader.ui.review import decisions as edits
from reader.ui.review.view import ReviewView
from reader.ui.workers import run_op

if TYPE_CHECKING:
    from reader.core.models import Article
    from reader.ui.mainwindow import MainWindow

REVIEW_BELOW = 0.7        # offered for review below this (tidy articles parse at 0.85+,
#                           texts whose languages share lines at about 0.6)


class ReviewBar(QToolBar):
    """'The importer is unsure…' with Review… and Dismiss (object name reviewBar)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__("Import review", parent)
        self.setObjectName("reviewBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.label = QLabel()
        self.label.setObjectName("reviewBarLabel")
        self.label.setContentsMargins(6, 0, 12, 0)
        self.open_button = QPushButton("Review the import…")
        self.open_button.setObjectName("reviewOpen")
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.setObjectName("reviewDismiss")
        self.dismiss.clicked.connect(self.hide)
        for widget in (self.label, self.open_button, self.dismiss):
            self.addWidget(widget)


class ReviewController(QObject):
    """The window's review split (one per window; `review_of(window)` builds it)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.view = ReviewView()
        self.dock = QDockWidget("Import review", window)
        self.dock.setObjectName("reviewDock")
        self.dock.setWidget(self.view)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea
                                  | Qt.DockWidgetArea.TopDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self.bar = ReviewBar(window)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.hide()
        self.bar.open_button.clicked.connect(lambda: self.show_review(True))
        self.view.roleChosen.connect(
            lambda i, role, lang: self._decide(edits.with_role, i, role, lang))
        self.view.splitAt.connect(lambda i, at: self._decide(edits.with_split, i, at))
        self.view.mergeNext.connect(lambda i: self._decide(edits.with_merge, i))
        self.view.undoLast.connect(lambda: self._decide(None, -1))
        self.dock.visibilityChanged.connect(self._visibility)
        window.articleShown.connect(self.article_shown)
        self.article_id: int | None = None
        self.raw: str | None = None           # the file's text, when not in the library
        self.decisions: tuple[Any, ...] = ()
        self._reshowing = False
        self.busy = False

    # ----- showing ------------------------------------------------------------------------
    def show_review(self, on: bool) -> None:
        """View ▸ Review split: the rows under the panes (or hidden)."""
        self.bar.hide()
        self.dock.setVisible(on)
        if on:
            self.load()

    def _visibility(self, visible: bool) -> None:
        act = getattr(self.w, "act_review", None)
        if act is not None and act.isChecked() != visible:
            act.setChecked(visible)

    def article_shown(self) -> None:
        if self._reshowing:
            return
        article, item = self.w.article, self.w.current_item
        reviewable = item is not None and (item.key.startswith("id:") or bool(item.path))
        low = article is not None and 0 < article.confidence < REVIEW_BELOW
        if low and reviewable and not self.dock.isVisible():
            self.bar.label.setText(f"The importer is unsure how this text is laid out "
                                   f"(confidence {article.confidence:.2f}): check which "
                                   "lines are the article and which are not.")
            self.bar.show()
        else:
            self.bar.hide()
        if self.dock.isVisible():
            self.load()

    def load(self) -> None:
        """Fetch the rows of the article on screen (in a worker)."""
        item = self.w.current_item
        opener = getattr(self.w.source, "library", None)

        def fetch() -> tuple[int | None, str | None, tuple[Any, ...], Any]:
            if item is not None and item.key.startswith("id:") and opener is not None:
                lib = opener()
                if lib is not None:
                    with lib:
                        article_id = int(item.key.split(":", 1)[1])
                        return (article_id, None, lib.import_decisions(article_id),
                                lib.import_review(article_id))
            if item is not None and item.path:
                from reader.core.service import Analyzer

                analyzer = Analyzer()
                raw = analyzer.read_text(Path(item.path))
                return None, raw, (), analyzer.review(raw, ())
            return None, None, (), None

        self.busy = True
        run_op(fetch, self._loaded, self._failed, owner=self.w)

    def _loaded(self, got: tuple[int | None, str | None, tuple[Any, ...], Any]) -> None:
        self.busy = False
        self.article_id, self.raw, self.decisions, result = got
        if result is None:
            self.view.rows = ()
            self.view.table.setRowCount(0)
            self.view.summary.setText("This article was made from two files (or pasted "
                                      "while the library was unavailable): it has no "
                                      "single raw text to review.")
            return
        self.view.set_result(result, self._note())
        self.view.undo.setEnabled(bool(self.decisions))

    def _note(self) -> str:
        kept = "kept with the article" if self.article_id is not None else \
            "not saved: the article is not in the library"
        n = len(self.decisions)
        return f"{n} decision{'s' if n != 1 else ''}, {kept}" if n else ""

    def _failed(self, exc: BaseException) -> None:
        from reader.ui import crash

        self.busy = False
        crash.report(exc, self.w, "The import could not be reviewed")

    # ----- deciding -----------------------------------------------------------------------
    def _decide(self, edit: Any, index: int, *args: Any) -> None:
        """Add the user's correction of row `index` (`edit` None: take back the last one),
        save the decisions, parse again, show."""
        if self.busy:
            return
        if edit is None:
            if not self.decisions:
                return
            decisions = edits.without_last(self.decisions)
        elif 0 <= index < len(self.view.rows):
            decisions = edit(self.decisions, self.view.rows[index].key, *args)
        else:
            return
        article_id, raw = self.article_id, self.raw
        opener = getattr(self.w.source, "library", None)

        def apply() -> tuple[Article, Any, int]:
            if article_id is not None and opener is not None:
                lib = opener()
                if lib is not None:
                    with lib:
                        orphans = lib.decide_import(article_id, decisions)
                        return (lib.article(article_id), lib.import_review(article_id),
                                len(orphans))
            from reader.core.service import Analyzer

            result = Analyzer().review(raw or "", decisions)
            return result.article, result, 0

        def applied(got: tuple[Article, Any, int]) -> None:
            self.busy = False
            self.decisions = decisions
            article, result, orphans = got
            self._reshowing = True
            try:
                self.w.show_article(article, self.w.current_item)
            finally:
                self._reshowing = False
            note = self._note()
            if orphans:
                note += f"; {orphans} note{'s' if orphans != 1 else ''} lost their place"
            self.view.set_result(result, note)
            self.view.undo.setEnabled(bool(decisions))

        self.busy = True
        run_op(apply, applied, self._failed, owner=self.w)


def review_of(window: MainWindow) -> ReviewController:
    """The window's review split, built on first use."""
    found = getattr(window, "review", None)
    if found is None:
        found = window.review = ReviewController(window)
    return found
