"""The library connection: how a library file is opened, checked, written and backed up.

The guarantees are listed in `reader.core.store.store`; the tables are `Store`'s.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Self

from sqlite_utils import Database

from reader.core.errors import UserError
from reader.core.store import backup as _backup
from reader.core.store import migrations as schema
from reader.core.store.backup import KEEP_BACKUPS, backups_dir
from reader.core.store.checks import (
    check_header,
    check_is_file,
    check_version,
    connect_readonly,
    quick_check,
)
from reader.core.store.restore import BUSY_TIMEOUT
from reader.core.store.sqlerrors import mapped

Warn = Callable[[str], None]



class Connection:
    """An open library file: opening, checks, transactions, backups. Belongs to the thread
    that opened it (as sqlite3 connections do).

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
             backup: bool = True, readonly: bool = False, warn: Warn | None = None) -> Self:
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
        check_is_file(path)
        if readonly:
            return cls._open_readonly(path, timeout)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the folder {path.parent}: {exc.strerror}",
                            "choose another library with --db") from exc
        with mapped(path):
            conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
        store = cls(conn, path, backups=backup, warn=warn)
        try:
            with mapped(path):
                check_header(conn, path)
                check_version(conn, path)
                quick_check(conn, path)
                conn.execute("PRAGMA foreign_keys = ON")
                _enable_wal(store, timeout)
                conn.execute("PRAGMA synchronous = FULL")
                store._migrate()
            if store._backups:
                store.daily_backup()
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def _open_readonly(cls, path: Path, timeout: float) -> Self:
        if not path.exists():           # nothing on disk is created: an empty library
            store = cls(sqlite3.connect(":memory:", isolation_level=None), path,
                        readonly=True)
            store._migrate()
        else:
            with mapped(path):
                conn = connect_readonly(path, timeout)
            try:
                with mapped(path):
                    check_header(conn, path)
                    check_version(conn, path)
                    quick_check(conn, path)
                    if schema.migrations.pending(Database(conn)):  # older schema: migrate a copy
                        memory = sqlite3.connect(":memory:", isolation_level=None)
                        conn.backup(memory)
                        conn.close()
                        conn = memory
            except BaseException:
                conn.close()
                raise
            store = cls(conn, path, readonly=True)
            if schema.migrations.pending(store.db):
                store._migrate()
        store.conn.execute("PRAGMA foreign_keys = ON")
        store.conn.execute("PRAGMA query_only = ON")
        return store

    def _migrate(self) -> None:
        if schema.migrations.pending(self.db):
            self._pre_migration_backup()
            # One writer migrates, holding the write lock throughout (each migration is a
            # savepoint inside it); a second program or thread creating the same library
            # waits for the lock, then finds nothing pending.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if schema.migrations.pending(self.db):
                    schema.migrations.apply(self.db)
                self._set_user_version()
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        else:
            self._set_user_version()

    def _set_user_version(self) -> None:
        if self.conn.execute("PRAGMA user_version").fetchone()[0] != schema.SCHEMA_VERSION:
            self.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION:d}")

    def close(self) -> None:
        """Close; a connection that wrote something first refreshes today's backup (a
        failure there is only a warning: the writes are already safe in the library)."""
        if self._dirty and self._backups:
            self._dirty = False
            self.daily_backup(refresh=True)
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One user action = one transaction (`BEGIN IMMEDIATE`, so a second instance waits
        for the lock up to the busy timeout instead of failing half-way). Nests."""
        if self.readonly:
            raise RuntimeError(f"the library {self.path} was opened read-only")
        with mapped(self.path):
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
        with mapped(self.path):
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


def _enable_wal(store: Connection, timeout: float) -> None:
    """Switch a new library to WAL, waiting out another connection doing the same.

    Changing the journal mode needs an exclusive lock, and SQLite answers BUSY at once
    rather than calling the busy handler: two programs (or the window's threads) opening
    a library that does not exist yet would otherwise fail with "locked". Retried until
    `timeout`, like every other wait for the lock.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            store.db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc).lower()
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
