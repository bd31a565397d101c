"""`duizhao restore`: the documented way back from a damaged library."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli import main
from reader.core.models import Anchor, Annotation
from reader.core.store.store import Store, latest_backup


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "library.sqlite"


def test_restore_brings_back_the_newest_backup_and_keeps_the_damaged_file(db, capsys):
    with Store.open(db) as store:          # opening makes today's backup of the empty library
        article_id = store.add_article(content_hash="h", title="t", raw_text="x", parsed={})
        store.add_annotation(Annotation(None, article_id, Anchor("zh", 0, 1, "x"), note="kept"))
    backup = latest_backup(db)
    assert backup is not None
    with Store.open(db) as store:
        store.backup_to(backup)            # the backup now holds the note
    damaged = b"this is not a database" * 10
    db.write_bytes(damaged)

    assert main(["--db", str(db), "restore"]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept as" in out
    with Store.open(db) as store:
        assert [a.note for a in store.annotations(article_id)] == ["kept"]
    set_aside = list(db.parent.glob("library.sqlite.replaced-*"))
    assert [p.read_bytes() for p in set_aside] == [damaged]


def test_restore_without_any_backup_is_a_clear_error(db, capsys):
    assert main(["--db", str(db), "restore"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("duizhao: there is no backup") and err.count("\n") == 1


def test_restore_names_the_wal_kept_with_a_damaged_file(db, capsys):
    from tests.core.store.test_store_restore import killed_session_saving

    Store.open(db).close()
    killed_session_saving(db, "in the WAL")
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\0" * (len(data) - 100))     # pages wiped, header kept
    assert main(["--db", str(db), "restore"]) == 0
    out = capsys.readouterr().out
    [set_aside] = db.parent.glob("library.sqlite.replaced-*[0-9]")
    wal = set_aside.with_name(set_aside.name + "-wal")
    assert f"kept as {set_aside}\n" in out and f"as {wal}\n" in out
    assert wal.stat().st_size > 0
