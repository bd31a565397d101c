"""Backups: before a migration, on close after changes, daily; never in the way of opening.

A failed backup (unwritable `backups/`, full disk) is a warning the caller shows, and the
library opens and saves as usual. The full disk is real: the file-size limit of this
process (`RLIMIT_FSIZE`) is lowered below the backup's size, so SQLite's write fails.
"""

from __future__ import annotations

import datetime as dt
import resource
import signal
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils.migrations import Migrations

from reader.core.models import Anchor, Annotation
from reader.core.service import Library
from reader.core.store import migrations as migrations_module
from reader.core.store import store as store_module
from reader.core.store.backup import daily_backups, daily_path, latest_backup, pre_migration_path
from reader.core.store.store import Store

TODAY = dt.date.today()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "library.sqlite"


def add_note(store: Store, text: str) -> int:
    found = store.find_article("h")
    article_id = found["id"] if found else store.add_article(
        content_hash="h", title="t", raw_text="x" * 2000, parsed={})
    return store.add_annotation(Annotation(None, article_id, Anchor("zh", 0, 1, "x"),
                                           note=text)).id


def notes_in(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT note FROM annotations ORDER BY id")]
    finally:
        conn.close()


def test_unwritable_backups_folder_still_opens_with_one_warning(db):
    db.parent.mkdir(parents=True)
    (db.parent / "backups").write_text("a file where the folder should be")
    warnings: list[str] = []
    store = Store.open(db, warn=warnings.append)
    assert store.backup_warning is not None
    assert "could not back up the library" in store.backup_warning
    assert "\n" not in store.backup_warning
    assert warnings == [store.backup_warning]
    add_note(store, "saved all the same")
    store.close()                       # the refresh on close fails the same way: no repeat
    assert warnings == [store.backup_warning]
    assert notes_in(db) == ["saved all the same"]


@pytest.fixture
def small_file_limit():
    """Writing past 256 KiB fails with EFBIG, as on a full disk (only in this test)."""
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, old_limit[1]))

    try:
        yield apply
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)


def test_full_disk_during_the_backup_still_opens_with_a_warning(db, small_file_limit):
    with Store.open(db, backup=False) as store:
        store.add_article(content_hash="big", title="t", raw_text="字" * 200_000, parsed={})
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert db.stat().st_size > 512 * 1024
    small_file_limit()
    with Library.open(db) as library:         # used to raise UserError: locked out
        assert "could not back up the library" in library.backup_warning
        assert [a["title"] for a in library.articles()] == ["t"]
    assert not daily_path(db).exists()
    assert not list(daily_path(db).parent.glob("*.part"))   # no half copy left behind


def test_close_after_a_write_refreshes_todays_backup(db):
    store = Store.open(db)
    add_note(store, "before")
    store.close()
    assert notes_in(daily_path(db)) == ["before"]
    store = Store.open(db)
    add_note(store, "during the day")
    store.close()
    assert notes_in(daily_path(db)) == ["before", "during the day"]
    assert store.backup_warning is None


def test_close_without_a_write_leaves_the_backup_alone(db):
    with Store.open(db) as store:
        add_note(store, "kept")
    inode = daily_path(db).stat().st_ino         # a new copy would be a new file
    with Store.open(db) as store:
        assert len(store.annotations()) == 1
    assert daily_path(db).stat().st_ino == inode


def test_the_newest_seven_days_are_kept(db):
    folder = daily_path(db).parent
    folder.mkdir(parents=True)
    old_days = [TODAY - dt.timedelta(days=n) for n in range(1, 10)]
    for day in old_days:
        daily_path(db, day).write_bytes(b"")
    other = folder / "library-pre-migration-1-2020-01-01.sqlite"
    other.write_bytes(b"")
    stranger = folder / "notes-2020-01-01.sqlite"      # another library's backup
    stranger.write_bytes(b"")
    Store.open(db).close()
    assert daily_backups(db) == sorted(daily_path(db, d) for d in [*old_days[:6], TODAY])
    assert other.exists() and stranger.exists()
    assert latest_backup(db) == daily_path(db)


def with_extra_migration(monkeypatch) -> None:
    """This version knows one more migration than the library on disk was written with."""
    extended = Migrations(store_module.MIGRATION_SET)
    extended._migrations = list(migrations_module.migrations._migrations)

    @extended(name="0099_test_extra")
    def _extra(database) -> None:
        database["extra"].create({"id": int}, pk="id")

    monkeypatch.setattr(migrations_module, "migrations", extended)
    monkeypatch.setattr(migrations_module, "SCHEMA_VERSION", len(extended._migrations))
    monkeypatch.setattr(migrations_module, "KNOWN_MIGRATIONS",
                        frozenset(m.name for m in extended._migrations))


def test_a_migration_is_preceded_by_a_backup_of_the_old_schema(db, monkeypatch):
    with Store.open(db) as store:
        add_note(store, "old schema")
        old_version = store.conn.execute("PRAGMA user_version").fetchone()[0]
    with_extra_migration(monkeypatch)
    with Store.open(db) as store:
        assert "extra" in store.db.table_names()
    before = pre_migration_path(db, old_version)
    assert before.exists()
    conn = sqlite3.connect(before)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert "extra" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert notes_in(before) == ["old schema"]
    assert latest_backup(db) == daily_path(db)       # the daily one stays the default


def test_a_new_library_needs_no_pre_migration_backup(db):
    Store.open(db).close()
    assert [p.name for p in daily_path(db).parent.iterdir()] == [daily_path(db).name]


def test_synchronous_is_full(db):
    """A save reported done survives a power cut, not only a killed process."""
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_the_command_line_prints_a_failed_backup_as_one_warning_line(db, monkeypatch, capsys):
    from reader.cli import main
    from reader.core.service import library as library_module
    from tests.support import FakeAnalyzer

    monkeypatch.setattr(library_module, "Analyzer", FakeAnalyzer)
    article = db.parent.parent / "article.txt"
    article.write_text("标题\n\n我们去银行还钱。\n\nWe went to the bank.", encoding="utf-8")
    db.parent.mkdir(parents=True)
    (db.parent / "backups").write_text("a file where the folder should be")
    assert main(["--db", str(db), "words", "add", str(article), "银行"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("1\t银行\t")
    assert err.startswith("duizhao: warning: could not back up the library")
    assert err.count("\n") == 1
    assert main(["--db", str(db), "words", "list"]) == 0       # read-only: no backup tried
    assert capsys.readouterr().err == ""
