"""Backups of the library file, in `<library dir>/backups/`.

Three moments, as Anki does it, so a bad day, a bad migration or a bad close each leave a
copy from before:
- `<stem>-YYYY-MM-DD.sqlite`: one file per day, made when the library is first opened that
  day and refreshed when a connection that wrote something closes, so it holds the library
  as it was at that day's last close. The newest `KEEP_BACKUPS` days are kept.
- `<stem>-pre-migration-<schema>-YYYY-MM-DD.sqlite`: taken before migrating a library from
  schema `<schema>`; never overwritten (the first copy is the one from before), and the
  newest `KEEP_BACKUPS` of them are kept.

Every copy goes through SQLite's online backup API into a private `.part` file that is then
renamed into place, so a reader of `backups/` never sees half a file and two programs
backing up at once never write the same file. Nothing here raises `UserError`: callers turn
a failed backup into a warning, because a backup must never stop the library opening.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import os
import re
import sqlite3
from pathlib import Path

KEEP_BACKUPS = 7
BACKUP_ERRORS = (OSError, sqlite3.Error)
_part_numbers = itertools.count()


def backups_dir(db_path: Path) -> Path:
    """Where the backups of a library file live."""
    return Path(db_path).parent / "backups"


def daily_path(db_path: Path, day: _dt.date | None = None) -> Path:
    """The daily backup of `day` (default today)."""
    day = day or _dt.date.today()
    return backups_dir(db_path) / f"{Path(db_path).stem}-{day.isoformat()}.sqlite"


def pre_migration_path(db_path: Path, schema: int, day: _dt.date | None = None) -> Path:
    """The copy taken before migrating from `schema`."""
    day = day or _dt.date.today()
    return backups_dir(db_path) / (f"{Path(db_path).stem}-pre-migration-{schema:d}-"
                                   f"{day.isoformat()}.sqlite")


def _listed(db_path: Path, pattern: str) -> list[Path]:
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    name = re.compile(re.escape(Path(db_path).stem) + pattern)
    return sorted(p for p in folder.iterdir() if name.fullmatch(p.name))


def daily_backups(db_path: Path) -> list[Path]:
    """The daily backups, oldest first."""
    return _listed(db_path, r"-\d{4}-\d{2}-\d{2}\.sqlite")


def pre_migration_backups(db_path: Path) -> list[Path]:
    """The pre-migration backups, oldest first (by date, then schema)."""
    found = _listed(db_path, r"-pre-migration-\d+-\d{4}-\d{2}-\d{2}\.sqlite")
    return sorted(found, key=lambda p: (p.name[-17:], p.name))


def latest_backup(db_path: Path) -> Path | None:
    """The newest daily backup of `db_path`, else the newest pre-migration one, else None."""
    found = daily_backups(db_path) or pre_migration_backups(db_path)
    return found[-1] if found else None


def copy_to(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of `conn`'s database at `target`, replacing it atomically.

    Raises:
        OSError, sqlite3.Error: the folder cannot be made or written, or the disk is full
            (`target` is then left as it was).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f"{target.name}.{os.getpid()}-{next(_part_numbers)}.part")
    try:
        dest = sqlite3.connect(str(part))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        os.replace(part, target)
    finally:
        if part.exists():
            part.unlink()
    return target


def prune(found: list[Path], keep: int = KEEP_BACKUPS) -> None:
    """Delete all but the newest `keep` of `found` (oldest first)."""
    for old in found[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)


def failure_message(exc: BaseException, folder: Path) -> str:
    """One line for the user: what failed and that the library itself is fine."""
    reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
    return (f"could not back up the library to {folder} ({reason}); the library itself is "
            "fine: free some disk space or make that folder writable")


def set_aside_name(db_path: Path, stamp: str) -> Path:
    """`<name>.replaced-<stamp>` beside `db_path`, made unique (`-2`, `-3`...) so that no
    earlier set-aside file, nor its `-wal`/`-shm`, is ever overwritten."""
    base = f"{db_path.name}.replaced-{stamp}"
    for n in itertools.count(1):
        name = base if n == 1 else f"{base}-{n}"
        candidate = db_path.with_name(name)
        if not any(candidate.with_name(name + side).exists() for side in ("", "-wal", "-shm")):
            return candidate
    raise AssertionError("unreachable")


def move_with_sidecars(db_path: Path, target: Path) -> None:
    """Rename `db_path` and its `-wal`/`-shm` to `target` and `target-wal`/`-shm`, the names
    SQLite pairs, so opening `target` still reads what the WAL holds."""
    for side in ("", "-wal", "-shm"):
        source = db_path.with_name(db_path.name + side)
        if source.exists():
            os.rename(source, target.with_name(target.name + side))
