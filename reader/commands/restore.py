"""`duizhao restore [BACKUP]`: put a backup back as the library (the documented restore)."""

from __future__ import annotations

import argparse
import sys

from reader.core import paths
from reader.core.errors import UserError
from reader.core.service import latest_backup, restore


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "restore", help="replace the library with a backup (the current file is kept aside)")
    p.add_argument("backup", nargs="?", help="backup file (default: the newest backup)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db = paths.db_path(args.db)
    backup = args.backup or latest_backup(db)
    if backup is None:
        raise UserError(f"there is no backup of {db} yet",
                        "backups are made when the library is first opened each day, "
                        "and when it is closed after changes")
    set_aside = restore(backup, db)
    sys.stdout.write(f"restored {db} from {backup}\n")
    if set_aside:
        sys.stdout.write(f"the previous file was kept as {set_aside}\n")
        wal = set_aside.with_name(set_aside.name + "-wal")
        if wal.exists():        # a damaged file's last changes, which SQLite pairs with it
            sys.stdout.write(f"with its -wal (changes not yet written into it) as {wal}\n")
    return 0
