"""Files beside the library: where a replaced library is set aside by `restore()`."""

from __future__ import annotations

import itertools
import os
from pathlib import Path


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
