"""Read-only SQLite caches (the CC-CEDICT index): built atomically, opened read-only.

The store is the only place that opens SQLite, so that how a file is opened, written and
checked is decided once; the dictionary asks for a cache by its build script and rows and
gets back an object that answers queries. A cache is only a cache: one that fails its check
is deleted and built again by the caller.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path


class CacheInvalid(Exception):
    """The cache file is damaged, incomplete or of another schema: rebuild it."""


class CacheUnwritable(OSError):
    """SQLite could not write the cache (folder, permissions, disk); an `OSError`, as the
    folder's own failures are."""


def build_cache(target: Path, schema_sql: str, insert_sql: str, rows: Iterable[tuple],
                finish: Callable[[sqlite3.Connection], None]) -> None:
    """Write a cache to `target` atomically (temporary file, then rename).

    `schema_sql` creates the tables, `rows` fill them through `insert_sql`, `finish` adds
    what comes last (meta rows, indexes) in the same transaction.

    Raises:
        OSError: the folder or the disk refused (`CacheUnwritable` when SQLite said so), or
            reading the rows failed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;\n"
                               + schema_sql)
            with conn:
                conn.executemany(insert_sql, rows)
                finish(conn)
        finally:
            conn.close()
        os.replace(tmp, target)
    except sqlite3.OperationalError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CacheUnwritable(str(exc)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class ReadOnlyCache:
    """An open read-only cache; safe to share between threads (queries are serialised)."""

    def __init__(self, path: Path, check: Callable[[ReadOnlyCache], bool]) -> None:
        """Open `path` read-only; `check(cache)` says whether it is complete.

        Raises:
            CacheInvalid: it cannot be read or `check` refused it.
        """
        self.path = path
        self._lock = threading.Lock()
        try:
            self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise CacheInvalid(str(exc)) from exc
        try:
            ok = check(self)
        except sqlite3.Error as exc:
            self._conn.close()
            raise CacheInvalid(str(exc)) from exc
        if not ok:
            self._conn.close()
            raise CacheInvalid(f"unexpected cache contents in {path}")

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def close(self) -> None:
        self._conn.close()
