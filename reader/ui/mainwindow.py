"""The reading window: library list, Chinese and English panes, notes dock, status bar.

`MainWindow` builds the frame, shows an article (`show_article`) and runs the start-up:
what the first paint needs comes first, the rest after it (`_when_painted`). Its other
concerns live beside it, as mixins over the same window: `opening.Opening` (files, pairs,
pasted and dropped text, the library list), `actions.WindowActions` (menus, shortcuts, view
settings) and `gloss.glossing.Glossing` (the card for the word pointed at).

Everything slow (import, alignment, dictionary and segmenter loading, the HSK profile) runs
through `workers.run_op`, `CoreServices`' loader thread or idle-time slices; this module only
wires results into widgets.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QProgressBar, QSplitter, QWidget

from reader.core.models import Alignment, Article
from reader.core.service import ArticleAnalysis
from reader.ui import crash
from reader.ui.actions import WindowActions
from reader.ui.alignprocess import AlignmentDropped
from reader.ui.building import BuildProgress
from reader.ui.calm import CalmWindow
from reader.ui.gloss.glossing import Glossing
from reader.ui.librarylist import LibraryItem, LibraryList, LibrarySource, SessionLibrarySource
from reader.ui.librarypanel import LibraryActions, LibraryPanel
from reader.ui.opening import Opening
from reader.ui.reading.enpane import EnglishPane
from reader.ui.reading.pinyinfmt import format_syllable, tone_qcolors
from reader.ui.reading.sync import ScrollSync
from reader.ui.reading.zhpane import ChinesePane
from reader.ui.services import CoreServices, align, sentence_beads
from reader.ui.settings import Settings
from reader.ui.workers import run_op

if TYPE_CHECKING:   # each PySide type costs up to 3 ms when first touched: not before paint
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QResizeEvent

    from reader.ui.gloss.popup import GlossPopup
    from reader.ui.notes.controller import AnnotationController

NOTES_WIDTH = 264      # the notes dock's width at start-up
LATE_START_MS = 1000   # the deferred start-up runs by then even if no article was painted
LOADING_BUSY_S = 1.5   # loading the core longer than this shows the busy indicator
GLOSSABLE_JOBS_MS = 100   # after the core is ready: time for the first screen's readings
LOADING_MESSAGE = "Preparing the dictionary and word segmenter (the first start takes a while)…"


class MainWindow(Opening, LibraryActions, WindowActions, CalmWindow, Glossing, QMainWindow):
    """Signals:
        articleShown(): an article's text is in both panes.
        settled(): text shown, core loaded, alignment applied, first screen analysed.
    """

    articleShown = Signal()
    settled = Signal()

    def __init__(self, services: CoreServices, settings: Settings,
                 source: LibrarySource | None = None, zh_family: str | None = None,
                 autostart: bool = True) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Duizhao 对照")
        self.setAcceptDrops(True)
        self.services = services
        self.settings = settings
        self.source: LibrarySource = source or SessionLibrarySource()
        unavailable = getattr(self.source, "unavailable", None)
        if unavailable is not None:   # queued: told from the event loop, not mid-call
            unavailable.connect(self._library_unavailable, Qt.ConnectionType.QueuedConnection)
        backup_failed = getattr(self.source, "backupFailed", None)
        if backup_failed is not None:   # direct on the GUI thread: told even while closing
            backup_failed.connect(self._backup_failed)
        self.zh_family = zh_family or ""
        self.article: Article | None = None
        self.alignment: Alignment | None = None
        self.analysis: ArticleAnalysis | None = None
        self.current_item: LibraryItem | None = None
        self._aligned = False
        self._pending = 0
        self._restoring: tuple[Article, float, int] | None = None

        self.library = LibraryList()
        self.library.itemChosen.connect(self.open_item)
        self.library_panel = LibraryPanel(self.library)
        self.zh = ChinesePane()
        self.zh.names_ready = lambda: self.services.ready
        self.en = EnglishPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.library_panel, self.zh, self.en):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([220, 600, 600])
        self.setCentralWidget(self.splitter)
        self.sync = ScrollSync(self.zh, self.en, self)
        self._wire_library()

        self._popup: GlossPopup | None = None   # built after the first paint, or on use
        self.zh.wordPointed.connect(self._on_word)
        self.zh.glossClosed.connect(self.hide_popup)
        self.zh.verticalScrollBar().valueChanged.connect(self._on_zh_scrolled)
        self.zh.fallback_match = self._fallback_match

        self.status_words = QLabel()
        self.status_words.setObjectName("statusWords")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(140)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.status_words)
        self.statusBar().addPermanentWidget(self.busy)
        self.status_library = QLabel()
        self.status_library.setObjectName("statusLibrary")
        self.status_library.hide()
        self.statusBar().addPermanentWidget(self.status_library)
        self.status_known = QLabel()
        self.status_known.setObjectName("statusKnown")
        self.statusBar().addPermanentWidget(self.status_known)
        # The frame of everything the first paint shows is built now (menu titles, the
        # notes dock) so nothing moves later; what fills it waits for `_after_first_paint`.
        self.menus = {key: self.menuBar().addMenu(title) for key, title in (
            ("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("gloss", "&Gloss"),
            ("help", "&Help"))}
        self.notes_dock = QDockWidget("Notes", self)
        self.notes_dock.setObjectName("notesDock")
        self.notes_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                    | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.notes_dock.setWidget(_NotesPlaceholder())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_dock)
        self._annotations: AnnotationController | None = None
        self._deferred: list[Callable[[], None]] | None = []
        # Menu items and the card are built before a click or a hover can need them, but
        # after the first screen's readings (or a second after the first paint, when the
        # core is slow: a first start building its caches).
        self._after_glossable: list[Callable[[], None]] | None = [self._build_menus,
                                                                  lambda: self.popup]
        self.zh.viewport().installEventFilter(self)
        QTimer.singleShot(LATE_START_MS, self._after_first_paint)

        self._apply_settings()
        self._profile_timer = QTimer(self)
        self._profile_timer.setInterval(0)
        self._profile_timer.timeout.connect(self._profile_slice)
        self._profile_of: ArticleAnalysis | None = None
        self._build_progress = BuildProgress(self)
        self._build_progress.stage.connect(self._on_building)
        self._build_progress.install()
        self._loading_since = time.perf_counter()
        self._loading_told = False
        self._ready_timer = QTimer(self)
        self._ready_timer.setInterval(15)
        self._ready_timer.timeout.connect(self._poll_services)
        self._ready_timer.start()
        # Load jieba/CEDICT/readings only after the first paint: the GIL is shared.
        if autostart:
            QTimer.singleShot(200, services.start)
        self.resize(1280, 800)

    # ----- start-up ----------------------------------------------------------------------
    @property
    def annotations(self) -> AnnotationController:
        """Notes, saved words and alignment fixes; built after the first paint (or on use)."""
        if self._annotations is None:
            from reader.ui.notes.controller import AnnotationController

            self._annotations = AnnotationController(self)
        return self._annotations

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and self.article is not None
                and watched is self.zh.viewport()):
            self.zh.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _after_first_paint(self) -> None:
        """The rest of start-up, once the article is on screen: the core's loading and the
        background work queued by `_when_painted`; what waits for the first screen's
        readings runs a second later at the latest."""
        work, self._deferred = self._deferred, None
        if work is None:
            return
        for job in work:
            job()
        QTimer.singleShot(LATE_START_MS, self._glossable_jobs)

    def _when_painted(self, job: Callable[[], None], *, first: bool = False) -> None:
        """Run `job` now, or after the first paint while start-up is still under way (so
        threads and processes do not compete with the first paint for the GIL); `first`
        puts it before the jobs already waiting (the core's loading)."""
        if self._deferred is None:
            job()
        elif first:
            self._deferred.insert(0, job)
        else:
            self._deferred.append(job)

    def _when_glossable(self, job: Callable[[], None]) -> None:
        """Run `job` now, or once the core has loaded and the first screen has its words
        and readings: work the reader does not wait for (filing the article in the library,
        caching its parse) must not share the GIL with the core's loading."""
        if self._after_glossable is None:
            job()
        else:
            self._after_glossable.append(job)

    def _glossable_jobs(self) -> None:
        jobs, self._after_glossable = self._after_glossable, None
        for job in jobs or ():
            job()

    def _core_settled(self) -> None:
        """The core has loaded and the first screen is read: tidy up, then the rest."""
        # jieba's and the dictionary's millions of long-lived objects would make every full
        # garbage collection a visible pause; move them out of the collector's sight.
        gc.collect()
        gc.freeze()
        self._glossable_jobs()

    # ----- settings & fonts ------------------------------------------------------------
    def zh_font(self) -> QFont:
        font = QFont(self.zh_family) if self.zh_family else QFont()
        font.setPointSize(self.settings.get("font/zh_size"))
        return font

    def en_font(self) -> QFont:
        font = QFont()
        font.setPointSize(self.settings.get("font/en_size"))
        return font

    def _apply_settings(self) -> None:
        s = self.settings
        self.zh.trigger = s.get("gloss/trigger")
        self.zh.formatter = lambda syl: format_syllable(syl, self.settings.get("pinyin/style"))
        if self._popup is not None:
            self._popup.show_tone_colors = s.get("pinyin/tone_colors")
        self.zh.tone_colors = tone_qcolors(self.palette()) if s.get("pinyin/tone_colors") else None
        self.zh.setVisible(s.get("view/show_zh"))
        self.en.setVisible(s.get("view/show_en"))
        self.library_panel.setVisible(s.get("view/show_library"))
        self.sync.enabled = s.get("view/sync_scroll")
        self._place_panes(s.get("view/swap_panes"))

    def _place_panes(self, swapped: bool) -> None:
        first, second = (self.en, self.zh) if swapped else (self.zh, self.en)
        self.splitter.insertWidget(1, first)
        self.splitter.insertWidget(2, second)

    # ----- the article -------------------------------------------------------------------
    def show_article(self, article: Article, item: LibraryItem | None = None) -> None:
        """Put an article into the panes now; alignment and analysis follow in the background."""
        self._save_progress()
        self.hide_popup()
        self.article = article
        self.current_item = item
        self.alignment = None
        self._aligned = False
        self.analysis = ArticleAnalysis(self.services, article.zh,
                                        traditional=article.script == "traditional")
        self.zh.analyzer = self.analysis.get
        self.zh.clear_current()
        self.zh.set_paragraphs(article.zh, self.zh_font())
        self.en.set_paragraphs(article.en, self.en_font())
        if self.settings.get("pinyin/above"):
            self.zh.set_ruby(True, self.zh_font(), self.settings.get("pinyin/min_hsk"))
        self.sync.set_beads(())
        self.level_starts()
        title = article.title.zh or article.title.en or (item.title if item else "")
        self.setWindowTitle(f"{title} — Duizhao 对照" if title else "Duizhao 对照")
        self.status_words.setText(f"{sum(len(p.text) for p in article.zh):,} characters")
        progress = self.settings.get("library/progress").get(_progress_key(item)) \
            if item else None
        if progress and float(progress) > 0.02:
            bar = self.zh.verticalScrollBar()

            def restore() -> None:
                self.zh.ensure_loaded()
                bar.setValue(int(float(progress) * bar.maximum()))
                self._restoring = (article, float(progress), bar.value())

            QTimer.singleShot(0, restore)
        self.zh.setFocus()
        if self._annotations is not None:
            self._annotations.article_changed()
        self.articleShown.emit()
        self._when_painted(lambda: self._align(article))
        if self.services.ready:
            self._start_profile()

    def _align(self, article: Article) -> None:
        if article is not self.article:
            return

        def failed(exc: BaseException) -> None:
            # AlignmentDropped: the app is quitting and stopped the alignment process;
            # expected, and nobody is left to tell. Anything else is reported, and the
            # article stays readable unaligned.
            if not isinstance(exc, AlignmentDropped):
                crash.report(exc, self, "The article could not be aligned")
            self._on_aligned(article, None)

        run_op(lambda: align(article), lambda al: self._on_aligned(article, al), failed,
               owner=self)

    def _on_aligned(self, article: Article, alignment: Alignment | None) -> None:
        if article is not self.article:
            return
        self._aligned = True
        alignment = self.annotations.fixes.fixed_alignment(article) or alignment
        if alignment is not None:
            self.alignment = alignment
            self.sync.set_beads(sentence_beads(article, alignment))
            self.level_starts()
            self.sync.sync_from(self.zh)
            if self.zh.highlighted:  # a sentence hovered while aligning: show its partner now
                self.sync.highlight(self.zh, self.en, self.zh.highlighted[0])
            self._refresh_popup()    # an open card: its sense chosen by the translation now
        self._check_settled()

    def level_starts(self) -> None:
        """Room above the text of the pane whose first aligned sentence sits higher (a
        Chinese lead without English, say), so both panes' aligned text starts level."""
        first = next((b for b in self.sync.beads if b.zh and b.en), None)
        margins = []
        for pane in (self.zh, self.en):
            frame = pane.document().rootFrame()
            fmt = frame.frameFormat()
            margins.append(fmt.topMargin())
        if first is None or not self.zh.isVisible() or not self.en.isVisible():
            gaps = (0.0, 0.0)
        else:
            ztop = self.zh.sentence_y(min(first.zh))[0] - margins[0]
            etop = self.en.sentence_y(min(first.en))[0] - margins[1]
            gaps = (max(0.0, etop - ztop), max(0.0, ztop - etop))
        base = self.zh.document().documentMargin()
        for pane, gap, margin in zip((self.zh, self.en), gaps, margins, strict=True):
            if abs(base + gap - margin) > 0.5:
                frame = pane.document().rootFrame()
                fmt = frame.frameFormat()
                fmt.setTopMargin(base + gap)
                frame.setFrameFormat(fmt)

    def _start_profile(self) -> None:
        """Compute the status bar's HSK profile in idle slices of ~3 ms (GUI thread)."""
        if self.analysis is None:
            return
        self._profile_steps = self.analysis.profile_steps()
        self._profile_of = self.analysis
        self._profile_timer.start(50)   # after the first screen; then back-to-back slices

    def _profile_slice(self) -> None:
        self._profile_timer.setInterval(0)
        if self._profile_of is not self.analysis:
            self._profile_timer.stop()
            return
        deadline = time.perf_counter() + 0.003
        for step in self._profile_steps:
            if step is not None:
                self._profile_timer.stop()
                self.status_words.setText(step.summary())
                if self._annotations is not None:   # the article's word counts are known now
                    self._annotations.update_known_share()
                return
            if time.perf_counter() > deadline:
                return
        self._profile_timer.stop()

    # ----- services --------------------------------------------------------------------
    def _poll_services(self) -> None:
        if not self.services._ready.is_set():
            if not self._loading_told and \
                    time.perf_counter() - self._loading_since > LOADING_BUSY_S:
                self._loading_told = True   # slow: the first start builds the caches
                self.statusBar().showMessage(LOADING_MESSAGE)
                self.busy.show()
            return
        self._ready_timer.stop()
        if self._loading_told:
            self.statusBar().clearMessage()
            if not self._pending:
                self.busy.hide()
        if self.services.error is not None:
            QTimer.singleShot(0, self._glossable_jobs)   # filing in the library still works
            crash.report(self.services.error, self,
                         "The dictionary or segmenter could not load; glosses and pinyin "
                         "are unavailable")
            return
        self.zh.viewport().update()
        if self.article is not None:
            self._start_profile()
        # A hover that arrived while loading gets its popup now.
        pos = self.zh.viewport().mapFromGlobal(self.cursor().pos())
        if (self.zh.viewport().underMouse() and self.zh.viewport().rect().contains(pos)
                and self.zh.trigger == "hover"):
            self.zh.point_at(pos)
        self._check_settled()
        # After the first screen's words and readings (the repaint just asked for).
        QTimer.singleShot(GLOSSABLE_JOBS_MS, self._core_settled)

    def _on_building(self, what: str, seconds: float | None) -> None:
        """A first-start cache build: say what is built while the busy indicator runs."""
        if seconds is None:
            self.statusBar().showMessage(f"Building {what} (first start only)…")
            self.busy.show()
        else:
            self.statusBar().showMessage(f"Built {what} in {seconds:.0f} s", 3000)

    def is_settled(self) -> bool:
        return (self.article is not None and self._aligned
                and self.services._ready.is_set() and not self._pending)

    def _check_settled(self) -> None:
        if self.is_settled():
            self._glossable_jobs()   # menus and card exist once the window has settled
            self.zh._fill_readings(budget=5.0)  # the first screen complete, pinyin included
            self._restore_again()
            self.settled.emit()

    # ----- window events ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dragged_from_inside(event):
            event.ignore()   # a selection dragged within a pane is not a new article
        elif event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if self._dragged_from_inside(event):
            event.ignore()
            return
        self.open_dropped(event.mimeData())
        event.acceptProposedAction()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._calm_key(event):   # keys no widget took: arrows step through words
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fold_for_width()
        QTimer.singleShot(0, self, self.level_starts)   # once the panes have re-wrapped

    def _restore_again(self) -> None:
        """The restored position once more, now the layout is final (alignment and
        readings change the text's height), unless the reader scrolled meanwhile."""
        restoring, self._restoring = self._restoring, None
        if restoring is None:
            return
        article, progress, value = restoring
        bar = self.zh.verticalScrollBar()
        if article is self.article and bar.value() == value:
            self.zh.ensure_loaded()
            bar.setValue(int(progress * bar.maximum()))

    def _save_progress(self) -> None:
        if self.current_item is None:
            return
        bar = self.zh.verticalScrollBar()
        progress = dict(self.settings.get("library/progress"))
        done = 1.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()
        progress[_progress_key(self.current_item)] = round(done, 3)
        self.settings.set("library/progress", progress)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._build_progress.remove()
        self._save_progress()
        self.settings.sync()
        self.hide_popup()
        if self._annotations is not None:
            self._annotations.close_library()   # the backup of this session's changes
        super().closeEvent(event)


class _NotesPlaceholder(QWidget):
    """The notes dock's content until the panel is built (`AnnotationController` keeps the
    dock's width when it swaps the panel in, so the panes do not jump)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notesPlaceholder")

    def sizeHint(self) -> QSize:
        return QSize(NOTES_WIDTH, 260)


def _progress_key(item: LibraryItem) -> str:
    return item.path or item.key
