"""Checks made before a library is written: is it a file, SQLite, sound, and not newer.

Each is read-only, so a refused file keeps its bytes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.errors import UserError
from reader.core.store import migrations as schema
from reader.core.store.sqlerrors import backup_hint

MIGRATION_SET = "duizhao"


def check_is_file(path: Path) -> None:
    """Refuse a folder or device given as the library (stat only: no descriptor opened)."""
    if path.exists() and not path.is_file():
        raise UserError(f"{path} is not a file", "choose a library file with --db")


def check_header(conn: sqlite3.Connection, path: Path) -> None:
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
                        backup_hint(path)) from exc


def check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a newer or foreign database (read-only checks)."""
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    newer = UserError(
        f"{path} was written by a newer version of Duizhao (schema {user_version}, this "
        f"version knows {schema.SCHEMA_VERSION}); it was not changed",
        "upgrade Duizhao, or choose another library with --db")
    if user_version > schema.SCHEMA_VERSION:
        raise newer
    tables = {row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "_sqlite_migrations" in tables:
        applied = {row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
        if applied - schema.KNOWN_MIGRATIONS:
            raise newer
    elif tables:
        raise UserError(f"{path} is an SQLite database but not a Duizhao library; "
                        "it was not changed", "choose another file with --db")


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    rows = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if rows != ["ok"]:
        raise UserError(f"{path} is damaged ({rows[0] if rows else 'no answer'}); "
                        "it was not changed", backup_hint(path))


def connect_readonly(path: Path, timeout: float) -> sqlite3.Connection:
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
        pass    # not a database: `check_header` says so
    return conn
