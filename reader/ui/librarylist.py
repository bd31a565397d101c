"""The library side list and the source behind it.

`LibrarySource` is the small interface the window needs (list, open, import). The default
`StoreLibrarySource` is the store helper's `reader.core.service.Library`, opened per call in
the calling thread (a SQLite connection belongs to the thread that opened it), sharing the
window's already-loaded segmenter and dictionary. `SessionLibrarySource` (the bundled sample
plus files opened this session) stands in when there is no store, and inside
`StoreLibrarySource` once its file cannot be opened (damaged, newer, not a library): the
window then says so once and keeps working for the session, never writing to that file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from reader.core.errors import UserError
from reader.core.models import Article
from reader.core.paths import RESOURCES


def sample_path() -> Path:
    """The bundled sample article (shown on first run)."""
    return RESOURCES.parent / "articles" / "fortune-2017-08-09-alibaba-kering.txt"


@dataclass(frozen=True)
class LibraryItem:
    key: str              # "id:3" for stored articles, "file:/path" for session ones
    title: str
    date: str = ""
    source: str = ""
    path: str = ""


class LibrarySource(Protocol):
    def items(self) -> list[LibraryItem]: ...
    def open_item(self, item: LibraryItem) -> tuple[LibraryItem, Article]: ...
    def import_file(self, path: str) -> tuple[LibraryItem, Article]: ...
    def import_text(self, text: str) -> tuple[LibraryItem, Article]: ...
    def import_pair(self, zh: str, en: str) -> tuple[LibraryItem, Article]: ...
    def search(self, query: str) -> list[str]: ...
    def rename(self, item: LibraryItem, title: str) -> LibraryItem: ...
    def delete(self, item: LibraryItem) -> Path | None: ...


def _item_from_article(key: str, article: Article, path: str = "") -> LibraryItem:
    return LibraryItem(key, article.title.zh or article.title.en or Path(path).stem or "Untitled",
                       article.date or "", article.source or "", path)


class SessionLibrarySource:
    """No database: the sample plus whatever was opened in this session."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[LibraryItem, Article]] = {}

    def items(self) -> list[LibraryItem]:
        return [item for item, _ in self._items.values()]

    def open_item(self, item: LibraryItem) -> tuple[LibraryItem, Article]:
        if item.key in self._items:
            return self._items[item.key]
        return self.import_file(item.path)

    def import_file(self, path: str) -> tuple[LibraryItem, Article]:
        from reader.core.service import import_file

        article = import_file(path)
        key = f"file:{Path(path).resolve()}"
        item = _item_from_article(key, article, str(path))
        self._items[key] = (item, article)
        return item, article

    def import_text(self, text: str) -> tuple[LibraryItem, Article]:
        from reader.core.service import parse_article

        article = parse_article(text, name="the pasted text")
        key = f"paste:{len(self._items)}"
        item = _item_from_article(key, article)
        self._items[key] = (item, article)
        return item, article

    def import_pair(self, zh: str, en: str) -> tuple[LibraryItem, Article]:
        from reader.core.service import import_pair

        article = import_pair(zh, en)
        key = f"pair:{Path(zh).resolve()}"
        item = _item_from_article(key, article, str(zh))
        self._items[key] = (item, article)
        return item, article

    def search(self, query: str) -> list[str]:
        """Keys of the articles whose title or text holds `query` (no index: substring)."""
        q = query.strip().lower()
        return [key for key, (item, article) in self._items.items()
                if q in item.title.lower() or any(q in p.text.lower() for p in
                                                  (*article.zh, *article.en))]

    def rename(self, item: LibraryItem, title: str) -> LibraryItem:
        renamed = replace(item, title=" ".join(title.split()) or item.title)
        if item.key in self._items:
            self._items[item.key] = (renamed, self._items[item.key][1])
        return renamed

    def delete(self, item: LibraryItem) -> Path | None:
        self._items.pop(item.key, None)
        return None


class _Unavailable(Exception):
    """The library file could not be opened (see `StoreLibrarySource.error`)."""


class StoreLibrarySource(QObject):
    """The persistent library (reader.core.service), one connection per call and thread.

    When the file cannot be opened (`Library.open` raises a `UserError`: damaged, newer,
    not a library, unreadable), the source keeps that error in `error`, emits `unavailable`
    once, and from then on serves this session from memory (`SessionLibrarySource`): the
    file is never opened again, so nothing is written to it.

    Signals:
        unavailable(object): the `UserError` that made the library unusable (emitted from
            whichever thread first failed to open it).
        backupFailed(str): a backup of the library failed (one line saying why and what
            to do; the library itself is fine). Once per distinct line and session: every
            `Library` opened retries today's backup.
    """

    unavailable = Signal(object)
    backupFailed = Signal(str)

    def __init__(self, db: str | None, services: Any = None) -> None:
        super().__init__()
        self.db = db
        self.services = services
        self.error: UserError | None = None
        self._session = SessionLibrarySource()
        self._lock = threading.Lock()
        self._backup_lines: set[str] = set()

    def _open(self) -> Any:
        """A new `Library`. Raises `_Unavailable` once the file is known to be unusable."""
        if self.error is not None:
            raise _Unavailable
        try:
            return self._open_library()
        except UserError as exc:
            with self._lock:
                first = self.error is None
                if first:
                    self.error = exc
            if first:
                self.unavailable.emit(exc)
            raise _Unavailable from exc

    def _open_library(self) -> Any:
        from reader.core.service import Analyzer, Library

        services = self.services

        class _Shared(Analyzer):
            """Reuses the window's loaded segmenter and dictionary instead of a second copy."""

            def segmenter(self) -> Any:
                if services is not None and services.wait(30):
                    return services.segmenter
                return super().segmenter()

            def dictionary(self) -> Any:
                if services is not None and services.wait(30):
                    return services.dictionary
                return super().dictionary()

        return Library.open(self.db, analyzer=_Shared(), warn=self._backup_failed)

    def _backup_failed(self, line: str) -> None:
        with self._lock:
            first = line not in self._backup_lines
            self._backup_lines.add(line)
        if first:
            self.backupFailed.emit(line)

    def library(self) -> Any:
        """A new `Library` for the calling thread (the window keeps one for undo/redo), or
        None when the library is unavailable."""
        try:
            return self._open()
        except _Unavailable:
            return None

    @staticmethod
    def _item(row: dict) -> LibraryItem:
        """The article's own date and source when it has them (else when and from which
        file it was imported)."""
        date = row.get("date") or str(row.get("imported_at") or "")[:10]
        source = row.get("source") or Path(row.get("source_path") or "").name
        return LibraryItem(f"id:{row['id']}", row.get("title") or "Untitled", date, source,
                           row.get("source_path") or "")

    def items(self) -> list[LibraryItem]:
        try:
            lib = self._open()
        except _Unavailable:
            return self._session.items()
        with lib:
            return [self._item(row) for row in lib.articles()]

    def open_item(self, item: LibraryItem) -> tuple[LibraryItem, Article]:
        if not item.key.startswith("id:"):
            return self._session.open_item(item)
        with self._library_for(item.title) as lib:
            article = lib.article(int(item.key.split(":", 1)[1]))
        return item, article

    def import_file(self, path: str) -> tuple[LibraryItem, Article]:
        try:
            lib = self._open()
        except _Unavailable:
            return self._session.import_file(path)
        with lib:
            ref = lib.import_file(path)
            row = next(r for r in lib.articles() if r["id"] == ref.id)
        item = self._item(row)
        return LibraryItem(item.key, item.title, ref.article.date or item.date,
                           item.source, item.path), ref.article

    def import_text(self, text: str) -> tuple[LibraryItem, Article]:
        try:
            lib = self._open()
        except _Unavailable:
            return self._session.import_text(text)
        with lib:
            ref = lib.import_text(text)
            row = next(r for r in lib.articles() if r["id"] == ref.id)
        return self._item(row), ref.article

    def import_pair(self, zh: str, en: str) -> tuple[LibraryItem, Article]:
        """A Chinese file and its English translation, stored as one article titled by
        its own title, else by the Chinese file's name."""
        try:
            lib = self._open()
        except _Unavailable:
            return self._session.import_pair(zh, en)
        from reader.core.service import import_pair

        article = import_pair(zh, en)
        with lib:
            ref = lib.import_article(article, source_path=str(zh))
            row = next(r for r in lib.articles() if r["id"] == ref.id)
            if ref.created and not row["title"]:
                lib.rename_article(ref.id, Path(zh).stem)
                row = {**row, "title": Path(zh).stem}
        return self._item(row), ref.article

    def search(self, query: str) -> list[str]:
        """Keys of the stored articles matching `query` (Chinese, pinyin with or without
        tones, English, titles: `Library.search`)."""
        try:
            lib = self._open()
        except _Unavailable:
            return self._session.search(query)
        with lib:
            return [f"id:{row['id']}" for row in lib.search(query, limit=500)]

    def rename(self, item: LibraryItem, title: str) -> LibraryItem:
        if not item.key.startswith("id:"):
            return self._session.rename(item, title)
        with self._library_for(item.title) as lib:
            lib.rename_article(int(item.key.split(":", 1)[1]), title)
            title = next(r["title"] for r in lib.articles() if f"id:{r['id']}" == item.key)
        return replace(item, title=title)

    def delete(self, item: LibraryItem) -> Path | None:
        """Delete a stored article; returns the copy of the library taken just before."""
        if not item.key.startswith("id:"):
            return self._session.delete(item)
        with self._library_for(item.title) as lib:
            return lib.delete_article(int(item.key.split(":", 1)[1]))

    def _library_for(self, title: str) -> Any:
        """An open library for a stored article, or a UserError saying why there is none."""
        try:
            return self._open()
        except _Unavailable:
            raise UserError(f"cannot open {title}: the library is unavailable",
                            "see the message about the library file") from None


class LibraryList(QListWidget):
    """Side list of articles (object name `libraryList`).

    Signals:
        itemChosen(object): the LibraryItem the user clicked.
    """

    itemChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryList")
        self._only: set[str] | None = None
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemClicked.connect(lambda it: self.itemChosen.emit(it.data(Qt.ItemDataRole.UserRole)))
        self.itemActivated.connect(
            lambda it: self.itemChosen.emit(it.data(Qt.ItemDataRole.UserRole)))

    def set_items(self, items: list[LibraryItem], progress: dict[str, float],
                  current: str | None = None) -> None:
        self.clear()
        for item in items:
            meta = " · ".join(x for x in (item.date, item.source) if x)
            done = progress.get(item.path or item.key)
            if done is not None and round(100 * float(done)) > 0:   # "0% read" says nothing
                meta = (meta + " · " if meta else "") + f"{round(100 * float(done))}% read"
            row = QListWidgetItem(f"{item.title}\n{meta}" if meta else item.title)
            row.setData(Qt.ItemDataRole.UserRole, item)
            row.setToolTip(item.path or item.title)
            self.addItem(row)
            if item.key == current:
                self.setCurrentItem(row)
        self.show_only(self._only)   # a search in force still filters the new list
        self._size_rows()

    def _size_rows(self) -> None:
        """Each row as tall as its wrapped lines (Qt's own hint elides a row whose title
        fits on one line to that one line, dropping its date and progress)."""
        fm = self.fontMetrics()
        width = max(60, self.viewport().width() - 8)
        for i in range(self.count()):
            row = self.item(i)
            rect = fm.boundingRect(QRect(0, 0, width, 10_000),
                                   int(Qt.TextFlag.TextWordWrap), row.text())
            row.setSizeHint(QSize(width, rect.height() + 6))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_rows()

    def show_only(self, keys: set[str] | None) -> None:
        """Hide the rows whose key is not in `keys` (None shows every row)."""
        self._only = keys
        for i in range(self.count()):
            row = self.item(i)
            row.setHidden(keys is not None and row.data(Qt.ItemDataRole.UserRole).key
                          not in keys)

    def shown_keys(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole).key for i in range(self.count())
                if not self.item(i).isHidden()]

    def keys(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole).key for i in range(self.count())]
