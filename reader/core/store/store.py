"""The library file: one SQLite database, reached only through this module.

Guarantees (each one is tested):
- Opening checks before writing: a file that is not SQLite, a damaged file (`PRAGMA
  quick_check`), or a database written by a newer Duizhao is refused with a `UserError`
  naming the latest backup, and its bytes are left untouched.
- The file is only ever opened by SQLite: closing any other descriptor of it would drop
  this process's locks, and another program would then delete the `-wal` still in use.
- WAL mode, a busy timeout (5 s by default) and `BEGIN IMMEDIATE` write transactions, so two
  running copies of the app share a library safely; a lock held past the timeout becomes
  a clear message, not a traceback.
- Every user action is one transaction (`Store.write()`): a crash loses at most the action
  in flight, never one that was reported as done. `synchronous = FULL`, so that holds for a
  power cut too. Measured on the development VM (`Library.add_note`, median of 50 saves,
  eight runs on a disk shared with other jobs): FULL 0.3–8 ms a save (worst single save
  24 ms), NORMAL 0.13 ms; well under the 20 ms that would have argued for NORMAL.
- Backups (`reader.core.store.backup`): daily, before a migration, and on closing a connection
  that wrote. A failed backup never stops the library opening: it is a warning
  (`Store.backup_warning`, and the `warn` callback). `restore()` puts one back, setting the
  current file aside with its `-wal` rather than deleting anything.
- `Store.open(path, readonly=True)` never writes (no migration, no backup): listings and
  exports work on a read-only library or a full disk.

SQLite errors that are the environment's fault (BUSY, LOCKED, FULL, CORRUPT, NOTADB,
READONLY, CANTOPEN, IOERR, PERM) become `UserError`s with what to do, as qutebrowser's
`misc/sql.py` does; anything else is a bug and keeps its traceback.

Restore by hand: quit every running Duizhao, move `library.sqlite` aside together with its
`library.sqlite-wal` and `-shm` (they hold its latest changes), then copy a file from
`backups/` to `library.sqlite`; or run `duizhao restore`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from reader.core.errors import UserError
from reader.core.notes.anchors import Anchor, Annotation, SavedWord
from reader.core.store import backup as _backup
from reader.core.store.backup import KEEP_BACKUPS, backups_dir, latest_backup
from reader.core.store.migrations import KNOWN_MIGRATIONS, SCHEMA_VERSION, migrations

BUSY_TIMEOUT = 5.0
MIGRATION_SET = "duizhao"
Warn = Callable[[str], None]


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------- errors


def _backup_hint(db_path: Path) -> str:
    backup = latest_backup(db_path)
    if backup:
        return (f"the latest backup is {backup}; quit Duizhao and restore it with "
                f"`restore()` or copy it over {db_path}")
    return "no backup was found; move the file aside to start a new library"


def sqlite_user_error(exc: sqlite3.Error, db_path: Path) -> UserError | None:
    """The UserError for an environment failure, or None when `exc` is a bug."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return UserError(f"the library {db_path} is locked by another program "
                         "(another Duizhao window?)",
                         "wait for it to finish or close it, then try again")
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return UserError(f"the disk holding {db_path} is full; nothing was saved",
                         "free some space and try again")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text \
            or "not a database" in text:
        return UserError(f"{db_path} is damaged or is not a Duizhao library; it was not changed",
                         _backup_hint(db_path))
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR",
                        "SQLITE_AUTH")) or "readonly" in text or "unable to open" in text:
        return UserError(f"cannot read or write the library {db_path} ({text})",
                         "check the file's permissions and the disk, or choose another "
                         "library with --db")
    return None


@contextlib.contextmanager
def _mapped(db_path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        error = sqlite_user_error(exc, db_path)
        if error is None:
            raise
        raise error from exc


# ---------------------------------------------------------------- opening


def _check_is_file(path: Path) -> None:
    """Refuse a folder or device given as the library (stat only: no descriptor opened)."""
    if path.exists() and not path.is_file():
        raise UserError(f"{path} is not a file", "choose a library file with --db")


def _check_header(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not SQLite: the connection's first read, before any write.

    SQLite itself checks the header (SQLITE_NOTADB). The file is never read with `open()`:
    closing any descriptor of a file drops all of this process's POSIX locks on it, also
    those of another connection to it in this process; another program would then think it
    was the last user, checkpoint and delete the `-wal` the window is still writing to.
    """
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_NOTADB":
            raise
        raise UserError(f"{path} is not a Duizhao library (not an SQLite database, or its "
                        "first page is damaged); it was not changed",
                        _backup_hint(path)) from exc


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a newer or foreign database (read-only checks)."""
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    newer = UserError(
        f"{path} was written by a newer version of Duizhao (schema {user_version}, this "
        f"version knows {SCHEMA_VERSION}); it was not changed",
        "upgrade Duizhao, or choose another library with --db")
    if user_version > SCHEMA_VERSION:
        raise newer
    tables = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "_sqlite_migrations" in tables:
        applied = {row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
        if applied - KNOWN_MIGRATIONS:
            raise newer
    elif tables:
        raise UserError(f"{path} is an SQLite database but not a Duizhao library; "
                        "it was not changed", "choose another file with --db")


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if rows != ["ok"]:
        raise UserError(f"{path} is damaged ({rows[0] if rows else 'no answer'}); "
                        "it was not changed", _backup_hint(path))


def _connect_readonly(path: Path, timeout: float) -> sqlite3.Connection:
    """A connection that cannot write (`mode=ro`); the caller's first read checks it.

    Where SQLite cannot make the `-shm` it needs (a full disk, a read-only folder) and the
    `-wal` holds nothing (so no committed change would be missed), the file is read as
    `immutable`: without the `-shm`, which is only shared memory, not data.
    """
    uri = path.absolute().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        name = getattr(exc, "sqlite_errorname", "")
        wal = path.with_name(path.name + "-wal")
        if not name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR")) or \
                (wal.exists() and wal.stat().st_size > 0):
            raise
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout,
                               isolation_level=None)
    except sqlite3.Error:
        pass    # not a database: `_check_header` says so
    return conn


class Store:
    """An open library. Belongs to the thread that opened it (as sqlite3 connections do).

    Use `Store.open(path)`; close with `close()` or a `with` block.

    Attributes:
        readonly: opened with `readonly=True`; `write()` is then a bug.
        backup_warning: the last failed backup's message (None when all went well); the
            same line went to `warn` when one was given.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False,
                 backups: bool = True, warn: Warn | None = None) -> None:
        self.conn = conn
        self.path = path
        self.db = Database(conn)
        self.readonly = readonly
        self.backup_warning: str | None = None
        self._backups = backups and not readonly
        self._warn = warn
        self._depth = 0
        self._dirty = False     # this connection committed something (backup on close)

    # -------------------------------------------------------- lifecycle

    @classmethod
    def open(cls, path: str | os.PathLike, *, timeout: float = BUSY_TIMEOUT,
             backup: bool = True, readonly: bool = False, warn: Warn | None = None) -> Store:
        """Open (or create) the library at `path`, check it, back it up, migrate it.

        Args:
            backup: take the daily and pre-migration backups, and refresh today's on close
                after a write. A failed backup never stops the opening: it sets
                `backup_warning` and calls `warn` with one line for the user.
            readonly: never write (no migration, backup or bookkeeping); a library that
                does not exist yet reads as an empty one, and one of an older schema is
                read from a migrated copy in memory. `write()` is then a bug.
            warn: called with each backup failure's message (e.g. the CLI's stderr line).

        Raises:
            UserError: not a library, damaged, newer, locked or unreadable; the file is
                never modified in those cases.
        """
        path = Path(path)
        _check_is_file(path)
        if readonly:
            return cls._open_readonly(path, timeout)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the folder {path.parent}: {exc.strerror}",
                            "choose another library with --db") from exc
        with _mapped(path):
            conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        store = cls(conn, path, backups=backup, warn=warn)
        try:
            with _mapped(path):
                _check_header(conn, path)
                _check_version(conn, path)
                _quick_check(conn, path)
                conn.execute("PRAGMA foreign_keys = ON")
                store.db.enable_wal()
                conn.execute("PRAGMA synchronous = FULL")
                store._migrate()
            if store._backups:
                store.daily_backup()
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def _open_readonly(cls, path: Path, timeout: float) -> Store:
        if not path.exists():           # nothing on disk is created: an empty library
            store = cls(sqlite3.connect(":memory:", isolation_level=None), path,
                        readonly=True)
            store._migrate()
        else:
            with _mapped(path):
                conn = _connect_readonly(path, timeout)
            try:
                with _mapped(path):
                    _check_header(conn, path)
                    _check_version(conn, path)
                    _quick_check(conn, path)
                    if migrations.pending(Database(conn)):   # an older schema: migrate a copy
                        memory = sqlite3.connect(":memory:", isolation_level=None)
                        conn.backup(memory)
                        conn.close()
                        conn = memory
            except BaseException:
                conn.close()
                raise
            store = cls(conn, path, readonly=True)
            if migrations.pending(store.db):
                store._migrate()
        store.conn.execute("PRAGMA foreign_keys = ON")
        store.conn.execute("PRAGMA query_only = ON")
        return store

    def _migrate(self) -> None:
        if migrations.pending(self.db):
            self._pre_migration_backup()
            # Serialise two instances creating the same library at once.
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("COMMIT")
            migrations.apply(self.db)
        if self.conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")

    def close(self) -> None:
        """Close; a connection that wrote something first refreshes today's backup (a
        failure there is only a warning: the writes are already safe in the library)."""
        if self._dirty and self._backups:
            self._dirty = False
            self.daily_backup(refresh=True)
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One user action = one transaction (`BEGIN IMMEDIATE`, so a second instance waits
        for the lock up to the busy timeout instead of failing half-way). Nests."""
        if self.readonly:
            raise RuntimeError(f"the library {self.path} was opened read-only")
        with _mapped(self.path):
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:   # a failed COMMIT leaves it open: undo it all
                    self.conn.execute("ROLLBACK")
                raise
            self._dirty = True

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        with _mapped(self.path):
            yield

    def integrity_check(self) -> str:
        """`PRAGMA integrity_check`: "ok" when the file is sound."""
        with self.read():
            rows = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
        return "\n".join(rows)

    # -------------------------------------------------------- backups

    def backup_to(self, target: Path) -> Path:
        """A consistent copy of the library at `target` (SQLite online backup API).

        Raises:
            UserError: the copy could not be written (the library is unchanged).
        """
        try:
            return _backup.copy_to(self.conn, Path(target))
        except _backup.BACKUP_ERRORS as exc:
            raise UserError(_backup.failure_message(exc, Path(target).parent)) from exc

    def daily_backup(self, keep: int = KEEP_BACKUPS, today: _dt.date | None = None, *,
                     refresh: bool = False) -> Path:
        """Today's backup (made if missing, remade when `refresh`); only the newest `keep`
        days are kept. A failure sets `backup_warning` instead of raising."""
        target = _backup.daily_path(self.path, today)

        def take() -> None:
            if refresh or not target.exists():
                _backup.copy_to(self.conn, target)
            _backup.prune(_backup.daily_backups(self.path), keep)

        self._safely(take)
        return target

    def _pre_migration_backup(self) -> None:
        """A copy from before the migration (not for a new, empty library)."""
        if not self._backups or not self.conn.execute(
                "SELECT count(*) FROM sqlite_master").fetchone()[0]:
            return
        schema = self.conn.execute("PRAGMA user_version").fetchone()[0]
        target = _backup.pre_migration_path(self.path, schema)

        def take() -> None:
            if not target.exists():     # the first copy is the one from before
                _backup.copy_to(self.conn, target)
            _backup.prune(_backup.pre_migration_backups(self.path))

        self._safely(take)

    def _safely(self, action: Callable[[], None]) -> None:
        try:
            action()
        except _backup.BACKUP_ERRORS as exc:
            message = _backup.failure_message(exc, backups_dir(self.path))
            if self._warn is not None and message != self.backup_warning:
                self._warn(message)         # once per store, not again on close
            self.backup_warning = message

    # -------------------------------------------------------- articles

    def find_article(self, content_hash: str) -> dict | None:
        with self.read():
            rows = list(self.db["articles"].rows_where("content_hash = ?", [content_hash]))
        return _article_row(rows[0]) if rows else None

    def get_article(self, article_id: int) -> dict:
        with self.read():
            rows = list(self.db["articles"].rows_where("id = ?", [article_id]))
        if not rows:
            raise UserError(f"there is no article {article_id} in the library",
                            "see the ids with `duizhao notes list` or import the file")
        return _article_row(rows[0])

    def articles(self) -> list[dict]:
        with self.read():
            return [
                {k: row[k] for k in ("id", "title", "content_hash", "source_path",
                                     "imported_at", "updated_at")}
                for row in self.db["articles"].rows_where(order_by="id")
            ]

    def add_article(self, *, content_hash: str, title: str, raw_text: str, parsed: dict,
                    meta: dict | None = None, source_path: str = "",
                    search: dict[str, str] | None = None) -> int:
        now = _now()
        record = {
            "content_hash": content_hash, "title": title, "source_path": source_path,
            "raw_text": raw_text, "parsed_json": json.dumps(parsed, ensure_ascii=False),
            "meta_json": json.dumps(meta or {}, ensure_ascii=False),
            "imported_at": now, "updated_at": now, **_search_columns(search),
        }
        with self.write():
            return int(self.db["articles"].insert(record).last_pk)

    def update_article(self, article_id: int, *, content_hash: str, title: str,
                       raw_text: str, parsed: dict, search: dict[str, str] | None = None,
                       source_path: str | None = None) -> None:
        """Replace an article's text (a re-import with edits); the caller re-anchors."""
        record = {
            "content_hash": content_hash, "title": title, "raw_text": raw_text,
            "parsed_json": json.dumps(parsed, ensure_ascii=False), "updated_at": _now(),
            **_search_columns(search),
        }
        if source_path is not None:
            record["source_path"] = source_path
        with self.write():
            self.get_article(article_id)
            self.db["articles"].update(article_id, record)

    def unindexed_articles(self) -> list[int]:
        """Articles whose search columns are not filled yet (indexing is lazy)."""
        with self.read():
            return [row[0] for row in self.conn.execute(
                "SELECT id FROM articles WHERE search_zh IS NULL ORDER BY id")]

    def set_search(self, article_id: int, search: dict[str, str]) -> None:
        with self.write():
            self.db["articles"].update(article_id, _search_columns(search))

    # -------------------------------------------------------- alignments

    def alignment(self, article_id: int) -> dict:
        """{"fixed": list | None, "result": dict | None} as stored."""
        with self.read():
            rows = list(self.db["alignments"].rows_where("article_id = ?", [article_id]))
        if not rows:
            return {"fixed": None, "result": None}
        row = rows[0]
        return {"fixed": json.loads(row["fixed_json"]) if row["fixed_json"] else None,
                "result": json.loads(row["result_json"]) if row["result_json"] else None}

    def set_alignment(self, article_id: int, *, fixed: list | None = None,
                      result: dict | None = None, keep_fixed: bool = True) -> None:
        """Store the user's fixed beads and/or the computed result."""
        current = self.alignment(article_id)
        record = {
            "article_id": article_id,
            "fixed_json": json.dumps(fixed if fixed is not None or not keep_fixed
                                     else current["fixed"]),
            "result_json": json.dumps(result if result is not None else current["result"]),
            "updated_at": _now(),
        }
        with self.write():
            self.db["alignments"].upsert(record, pk="article_id")

    # -------------------------------------------------------- annotations

    def add_annotation(self, annotation: Annotation) -> Annotation:
        """Insert (keeping `annotation.id` when set: undo of a delete) and return it."""
        now = _now()
        record = _annotation_record(annotation)
        record["created_at"] = annotation.created or now
        record["updated_at"] = now
        if annotation.id is None:
            record.pop("id")
        with self.write():
            self.get_article(annotation.article_id)
            pk = self.db["annotations"].insert(record).last_pk
        return self.get_annotation(int(pk))

    def get_annotation(self, annotation_id: int) -> Annotation:
        with self.read():
            rows = list(self.db["annotations"].rows_where("id = ?", [annotation_id]))
        if not rows:
            raise UserError(f"there is no note {annotation_id}",
                            "list the notes with `duizhao notes list`")
        return _annotation_from_row(rows[0])

    def annotations(self, article_id: int | None = None) -> list[Annotation]:
        with self.read():
            if article_id is None:
                rows = self.db["annotations"].rows_where(order_by="id")
            else:
                rows = self.db["annotations"].rows_where("article_id = ?", [article_id],
                                                         order_by="id")
            return [_annotation_from_row(row) for row in rows]

    def update_annotation(self, annotation: Annotation) -> Annotation:
        record = _annotation_record(annotation)
        record.pop("id")
        record["updated_at"] = _now()
        with self.write():
            self.get_annotation(annotation.id)  # type: ignore[arg-type]
            self.db["annotations"].update(annotation.id, record)
        return self.get_annotation(annotation.id)  # type: ignore[arg-type]

    def delete_annotation(self, annotation_id: int) -> Annotation:
        """Delete and return what was deleted (so it can be put back)."""
        with self.write():
            old = self.get_annotation(annotation_id)
            self.db["annotations"].delete(annotation_id)
        return old

    # -------------------------------------------------------- saved words

    def save_word(self, word: SavedWord) -> SavedWord:
        """Insert or update by headword (one entry per word in the vocabulary)."""
        now = _now()
        record = {
            "word": word.word, "reading": word.reading,
            "senses_json": json.dumps(list(word.senses), ensure_ascii=False),
            "sentence_zh": word.sentence_zh, "sentence_en": word.sentence_en,
            "article_id": word.article_id, "status": word.status, "note": word.note,
            "hsk": word.hsk, "updated_at": now,
        }
        with self.write():
            existing = self.get_word(word.word)
            if existing is None:
                record["created_at"] = word.created or now
                self.db["saved_words"].insert(record)
            else:
                self.db["saved_words"].update(existing.id, record)
        saved = self.get_word(word.word)
        assert saved is not None
        return saved

    def get_word(self, word: str) -> SavedWord | None:
        with self.read():
            rows = list(self.db["saved_words"].rows_where("word = ?", [word]))
        return _word_from_row(rows[0]) if rows else None

    def words(self, status: str | None = None) -> list[SavedWord]:
        with self.read():
            if status:
                rows = self.db["saved_words"].rows_where("status = ?", [status], order_by="id")
            else:
                rows = self.db["saved_words"].rows_where(order_by="id")
            return [_word_from_row(row) for row in rows]

    def delete_word(self, word: str) -> SavedWord | None:
        with self.write():
            old = self.get_word(word)
            if old is not None:
                self.db["saved_words"].delete(old.id)
        return old

    # -------------------------------------------------------- the user's fixes

    def set_reading_override(self, article_id: int, word: str,
                             syllables: str | None) -> None:
        """Lock `word`'s reading in one article ("chang2 jiang1"); None removes the lock."""
        with self.write():
            if syllables is None:
                self.conn.execute("DELETE FROM reading_overrides WHERE article_id = ? "
                                  "AND word = ?", [article_id, word])
            else:
                self.db["reading_overrides"].upsert(
                    {"article_id": article_id, "word": word, "syllables": syllables},
                    pk=("article_id", "word"))

    def reading_overrides(self, article_id: int) -> dict[str, str]:
        with self.read():
            return {row["word"]: row["syllables"] for row in
                    self.db["reading_overrides"].rows_where("article_id = ?", [article_id])}

    def set_segmentation_override(self, text: str, kind: str,
                                  parts: list[str] | None = None) -> None:
        """Make `text` one word ("join") or split it into `parts` ("split") everywhere."""
        if kind not in ("join", "split"):
            raise ValueError(kind)
        with self.write():
            self.db["segmentation_overrides"].upsert(
                {"text": text, "kind": kind, "parts_json": json.dumps(parts or [text],
                                                                      ensure_ascii=False),
                 "created_at": _now()}, pk="text")

    def delete_segmentation_override(self, text: str) -> None:
        with self.write():
            self.conn.execute("DELETE FROM segmentation_overrides WHERE text = ?", [text])

    def segmentation_overrides(self) -> list[dict]:
        with self.read():
            return [{"text": row["text"], "kind": row["kind"],
                     "parts": json.loads(row["parts_json"])}
                    for row in self.db["segmentation_overrides"].rows_where(order_by="rowid")]

    # -------------------------------------------------------- settings

    def setting(self, key: str, default: Any = None) -> Any:
        with self.read():
            rows = list(self.db["settings"].rows_where("key = ?", [key]))
        return json.loads(rows[0]["value_json"]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.write():
            self.db["settings"].upsert({"key": key, "value_json": json.dumps(value)}, pk="key")

    # -------------------------------------------------------- search

    def search(self, terms: list[str], columns: tuple[str, ...], *, prefix: bool = False,
               limit: int = 50) -> list[dict]:
        """Articles whose `columns` contain every term (FTS5; terms are quoted, so user
        text can never be read as query syntax)."""
        terms = [t for t in terms if t.strip()]
        if not terms:
            return []
        star = "*" if prefix else ""
        quoted = " ".join('"' + t.replace('"', '""') + '"' + star for t in terms)
        match = "{" + " ".join(columns) + "} : (" + quoted + ")"
        sql = ("SELECT articles.id, articles.title, "
               "snippet(articles_fts, -1, '[', ']', '…', 12) AS snippet "
               "FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
               "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
        with self.read():
            return [{"id": r[0], "title": r[1], "snippet": r[2]}
                    for r in self.conn.execute(sql, [match, limit])]


# ---------------------------------------------------------------- rows ↔ dataclasses


_SEARCH_COLUMNS = ("search_zh", "search_pinyin", "search_tones", "search_en")


def _search_columns(search: dict[str, str] | None) -> dict[str, str | None]:
    """The FTS source columns; all None (= not indexed yet) when `search` is None."""
    if search is None:
        return dict.fromkeys(_SEARCH_COLUMNS)
    return {column: search.get(column.removeprefix("search_"), "")
            for column in _SEARCH_COLUMNS}


def _article_row(row: dict) -> dict:
    return {
        "id": row["id"], "content_hash": row["content_hash"], "title": row["title"],
        "source_path": row["source_path"], "raw_text": row["raw_text"],
        "parsed": json.loads(row["parsed_json"]), "meta": json.loads(row["meta_json"] or "{}"),
        "imported_at": row["imported_at"], "updated_at": row["updated_at"],
    }


def _annotation_record(a: Annotation) -> dict:
    return {
        "id": a.id, "article_id": a.article_id, "lang": a.anchor.lang,
        "start": a.anchor.start, "end": a.anchor.end, "quote": a.anchor.quote,
        "prefix": a.anchor.prefix, "suffix": a.anchor.suffix, "sentence": a.anchor.sentence,
        "note": a.note, "color": a.color,
        "tags_json": json.dumps(list(a.tags), ensure_ascii=False),
        "orphaned": int(a.orphaned),
    }


def _annotation_from_row(row: dict) -> Annotation:
    anchor = Anchor(lang=row["lang"], start=row["start"], end=row["end"], quote=row["quote"],
                    prefix=row["prefix"] or "", suffix=row["suffix"] or "",
                    sentence=row["sentence"])
    return Annotation(id=row["id"], article_id=row["article_id"], anchor=anchor,
                      note=row["note"] or "", color=row["color"] or "yellow",
                      tags=tuple(json.loads(row["tags_json"] or "[]")),
                      orphaned=bool(row["orphaned"]), created=row["created_at"],
                      updated=row["updated_at"])


def _word_from_row(row: dict) -> SavedWord:
    return SavedWord(id=row["id"], word=row["word"], reading=row["reading"] or "",
                     senses=tuple(json.loads(row["senses_json"] or "[]")),
                     sentence_zh=row["sentence_zh"] or "", sentence_en=row["sentence_en"] or "",
                     article_id=row["article_id"], status=row["status"], note=row["note"] or "",
                     hsk=row["hsk"], created=row["created_at"], updated=row["updated_at"])


# ---------------------------------------------------------------- restore


def restore(backup: str | os.PathLike, db_path: str | os.PathLike) -> Path | None:
    """Put `backup` back as the library at `db_path`. Quit every running Duizhao first.

    The backup is checked first. The current file (damaged or not) is set aside beside it
    as `<name>.replaced-<time>` (`-2`, `-3`... when that name is taken), never deleted nor
    overwritten; committed changes still in its `-wal` stay with it (folded in when the
    file is sound, else moved along as `<name>.replaced-<time>-wal`, the name SQLite pairs
    with it). Returns the set-aside path (None when there was no file).

    Raises:
        UserError: the backup is missing or damaged, or another program has the library
            open (nothing is changed then).
    """
    backup, db_path = Path(backup), Path(db_path)
    if not backup.is_file():
        raise UserError(f"there is no backup file {backup}", "list the folder "
                        f"{backups_dir(db_path)} for the available backups")
    if db_path.exists() and backup.samefile(db_path):
        raise UserError(f"{backup} is the library itself, not a backup",
                        f"choose a file from {backups_dir(db_path)}")
    with _mapped(backup):
        source = _connect_readonly(backup, BUSY_TIMEOUT)
        try:
            _check_header(source, backup)
            _quick_check(source, backup)
            set_aside = _set_aside(db_path)
            dest = sqlite3.connect(str(db_path))
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
    return set_aside


def _set_aside(db_path: Path) -> Path | None:
    """Move the library and its `-wal`/`-shm` to one unique set-aside name."""
    sides = [db_path.with_name(db_path.name + side) for side in ("", "-wal", "-shm")]
    if not any(side.exists() for side in sides):
        return None
    existed = db_path.exists()
    if existed:
        _fold_wal(db_path)
    target = _backup.set_aside_name(db_path, re.sub(r"[^0-9]", "", _now())[:14])
    _backup.move_with_sidecars(db_path, target)
    return target if existed else None


def _fold_wal(db_path: Path) -> None:
    """Checkpoint a sound library's WAL into the file, so the set-aside copy holds every
    committed change on its own. A damaged file is left as it is (its WAL moves with it):
    it is checked through a read-only connection, whose close never checkpoints.

    Raises:
        UserError: another program still has the library open (its WAL outlives our
            connection, which would otherwise have been the last one and removed it).
    """
    wal = db_path.with_name(db_path.name + "-wal")
    if not wal.exists():
        return
    try:
        check = _connect_readonly(db_path, BUSY_TIMEOUT)
        try:
            _check_header(check, db_path)
            _quick_check(check, db_path)
            in_wal = check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            check.close()
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    except (sqlite3.Error, UserError):
        return
    if in_wal and wal.exists():
        raise UserError(f"the library {db_path} is open in another program (another "
                        "Duizhao window?); nothing was restored",
                        "quit every Duizhao, then restore again")
