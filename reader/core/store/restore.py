"""Putting a backup back as the library, without losing the file it replaces.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from reader.core.errors import UserError
from reader.core.store import backup as _backup
from reader.core.store.backup import backups_dir
from reader.core.store.checks import check_header, connect_readonly, quick_check
from reader.core.store.rows import utc_now
from reader.core.store.sqlerrors import mapped

BUSY_TIMEOUT = 5.0



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
    with mapped(backup):
        source = connect_readonly(backup, BUSY_TIMEOUT)
        try:
            check_header(source, backup)
            quick_check(source, backup)
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
    target = _backup.set_aside_name(db_path, re.sub(r"[^0-9]", "", utc_now())[:14])
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
        check = connect_readonly(db_path, BUSY_TIMEOUT)
        try:
            check_header(check, db_path)
            quick_check(check, db_path)
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
