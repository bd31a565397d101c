"""Opening articles: files, Chinese + English pairs, pasted or dropped text, the library.

A small file (up to `SYNC_IMPORT_BYTES`) is parsed on the GUI thread, or taken from the
parse cache, so the first screen needs no thread hop; anything bigger, and every library
call, runs through `workers.run_op` with the status bar's busy indicator. A file opened is
filed in the library afterwards, in a worker, once the window has painted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from reader.core.service import parsecache
from reader.ui import crash, messages
from reader.ui.librarylist import LibraryItem, sample_path
from reader.ui.workers import run_op

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QMimeData
    from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

    from reader.core.errors import UserError
    from reader.core.models import Article
    from reader.ui.librarylist import LibraryList, LibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.notes.controller import AnnotationController
    from reader.ui.settings import Settings

# Smaller files are parsed on the GUI thread (milliseconds), and their parse is cached.
SYNC_IMPORT_BYTES = parsecache.MAX_FILE_BYTES


class Opening:
    """How `MainWindow` opens and imports articles and keeps its library list (a mixin:
    the results go to its panes through `show_article`)."""

    if TYPE_CHECKING:   # provided by MainWindow
        settings: Settings
        source: LibrarySource
        library: LibraryList
        current_item: LibraryItem | None
        busy: QProgressBar
        status_library: QLabel
        _pending: int
        _annotations: AnnotationController | None

        def show_article(self, article: Article, item: LibraryItem | None = None) -> None: ...
        def _when_painted(self, job: Callable[[], None]) -> None: ...

        def _when_glossable(self, job: Callable[[], None]) -> None: ...
        def _fill_recent(self) -> None: ...
        def statusBar(self) -> QStatusBar: ...

    # ----- choosing what to open ---------------------------------------------------------
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
        """File ▸ Paste article: the clipboard's HTML when it has any (its paragraphs,
        line breaks, headings and list items give the structure), else its text."""
        text = mime_article_text(QGuiApplication.clipboard().mimeData())
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
            self._when_glossable(lambda: _file_in_library(self, path))

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
            self._when_glossable(lambda: parsecache.save(path, article))
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
        """Open a Chinese file with its English translation, filed in the library."""
        self._run(f"Importing {Path(zh).name} + {Path(en).name}…",
                  lambda: self.source.import_pair(zh, en), self._opened)

    def open_item(self, item: LibraryItem) -> None:
        if self.current_item is not None and item.key == self.current_item.key:
            return
        self._run(f"Opening {item.title}…", lambda: self.source.open_item(item), self._opened)

    def open_dropped(self, data: QMimeData) -> None:
        """A file dropped on the window is opened; dropped text is imported as an article."""
        files = [u.toLocalFile() for u in data.urls() if u.isLocalFile()]
        if files:
            self.import_path(files[0])
        elif (text := mime_article_text(data)).strip():
            self._run("Importing dropped text…", lambda: self.source.import_text(text),
                      self._opened)

    def _remember(self, path: str) -> None:
        recent = [p for p in self.settings.get("library/recent") if p != path]
        self.settings.set("library/recent", [path, *recent][:10])
        self._fill_recent()

    # ----- running and reporting ----------------------------------------------------------
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


def mime_article_text(data: QMimeData | None) -> str:
    """What to import from pasted or dropped data: its HTML when it has some text (the
    importer reads <p>, <br>, headings and list items as structure and drops scripts,
    styles and frames; nothing is fetched), else its plain text."""
    if data is None:
        return ""
    if data.hasHtml():
        html = data.html()
        if _visible_text(html):
            return html
    return data.text() if data.hasText() else ""


def _visible_text(html: str) -> bool:
    """True when `html` has any text outside its tags (an image copied alone has none)."""
    import re

    body = re.sub(r"<(script|style|iframe)\b.*?</\1\s*>|<[^>]*>|&nbsp;", " ", html,
                  flags=re.S | re.I)
    return bool(body.strip())


def _file_in_library(window: Opening, path: str) -> None:
    """Stored, or, when it is an edited version of a stored article, asked about
    (`reader.ui.reimport`: update that article, its notes following, or import as new)."""
    from reader.ui.reimport import file_in_library

    file_in_library(window, path)


def _parse_file(path: str) -> Article:
    from reader.core.service import import_file  # the importer loads only when needed

    return import_file(path)


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
