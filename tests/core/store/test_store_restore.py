"""`restore()` keeps every committed change of the file it sets aside.

After a session that ended without closing (a crash, a kill), committed notes live only in
`library.sqlite-wal`. The set-aside copy must still hold them, and a second restore must
never overwrite the first set-aside copy (even within the same second).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.errors import UserError
from reader.core.store.store import Store, latest_backup, restore
from tests.support import REPO

_KILLED_SESSION = """
import os, sys
from reader.core.models import Anchor, Annotation
from reader.core.store.store import Store
store = Store.open(sys.argv[1], backup=False)
found = store.find_article("h")
article_id = found["id"] if found else store.add_article(
    content_hash="h", title="t", raw_text="x", parsed={})
store.add_annotation(Annotation(None, article_id, Anchor("zh", 0, 1, "x"), note=sys.argv[2]))
os._exit(0)     # killed: no close, no checkpoint
"""


def killed_session_saving(db: Path, note: str) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED_SESSION, str(db), note], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def notes_in(path: Path) -> list[str]:
    """The notes SQLite reads from `path` (with the `-wal` it pairs with, if any)."""
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT note FROM annotations ORDER BY id")]
    finally:
        conn.close()


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "library.sqlite"
    Store.open(path).close()            # an empty library and today's backup of it
    return path


def test_a_note_that_lived_only_in_the_wal_is_in_the_set_aside_copy(db):
    killed_session_saving(db, "only in the WAL")
    assert wal(db).stat().st_size > 0
    set_aside = restore(latest_backup(db), db)
    assert set_aside is not None
    assert not wal(set_aside).exists()            # folded in: the file alone is complete
    assert notes_in(set_aside) == ["only in the WAL"]
    assert notes_in(db) == []                      # the backup is the library now


def test_a_damaged_file_keeps_its_wal_under_the_name_sqlite_pairs(db):
    killed_session_saving(db, "in the WAL of a damaged file")
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\0" * (len(data) - 100))     # pages wiped, header kept
    wal_bytes = wal(db).read_bytes()
    set_aside = restore(latest_backup(db), db)
    assert set_aside is not None
    assert wal(set_aside).read_bytes() == wal_bytes
    assert not list(db.parent.glob("*.replaced"))


def test_two_restores_in_a_row_keep_both_set_aside_copies(db):
    killed_session_saving(db, "first session")
    first = restore(latest_backup(db), db)
    killed_session_saving(db, "second session")
    second = restore(latest_backup(db), db)          # within the same second, usually
    assert first is not None and second is not None and first != second
    assert notes_in(first) == ["first session"]
    assert notes_in(second) == ["second session"]


def test_restore_is_refused_while_the_library_is_open(db):
    backup = latest_backup(db)
    with Store.open(db, backup=False) as store:
        article_id = store.add_article(content_hash="h", title="t", raw_text="x", parsed={})
        with pytest.raises(UserError, match="open in another program"):
            restore(backup, db)
        assert store.get_article(article_id)["title"] == "t"    # still the same file
    assert not list(db.parent.glob("library.sqlite.replaced-*"))


def test_the_library_itself_is_not_a_backup(db):
    with pytest.raises(UserError, match="is the library itself"):
        restore(db, db)
