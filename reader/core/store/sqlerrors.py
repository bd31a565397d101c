"""SQLite errors that are the environment's fault, as `UserError`s that say what to do.

BUSY, LOCKED, FULL, CORRUPT, NOTADB, READONLY, CANTOPEN, IOERR and PERM are the user's to fix
(qutebrowser's `misc/sql.py` draws the same line); anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reader.core.errors import UserError
from reader.core.store.backup import latest_backup


def backup_hint(db_path: Path) -> str:
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
                         backup_hint(db_path))
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR",
                        "SQLITE_AUTH")) or "readonly" in text or "unable to open" in text:
        return UserError(f"cannot read or write the library {db_path} ({text})",
                         "check the file's permissions and the disk, or choose another "
                         "library with --db")
    return None


@contextlib.contextmanager
def mapped(db_path: Path) -> Iterator[None]:
    """Raise the `UserError` for an environment failure inside the block; bugs pass."""
    try:
        yield
    except sqlite3.Error as exc:
        error = sqlite_user_error(exc, db_path)
        if error is None:
            raise
        raise error from exc
