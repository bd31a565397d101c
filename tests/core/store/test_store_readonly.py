"""Reading commands never write: `notes list`, `words list` and `export`.

The tests run as root here, where a read-only file or folder does not stop a write, so
they watch for writes instead: a connection held open meanwhile sees every commit made by
another (`PRAGMA data_version` changes), and the library's files and `backups/` must keep
their bytes. The full disk is real: this process's file-size limit (`RLIMIT_FSIZE`) is
lowered so that SQLite cannot even make its `-shm`.
"""

from __future__ import annotations

import hashlib
import resource
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.service import Library
from reader.core.service import library as library_module
from reader.core.store.migrations import SCHEMA_VERSION
from reader.core.store.store import Store
from tests.core.store.test_store_backups import with_extra_migration
from tests.support import FakeAnalyzer

TEXT = ("标题\n\n我们去银行还钱。他在银行工作。\n\n合作很重要。\n\n"
        "We went to the bank to repay. He works at a bank.\n\nCooperation matters.")


@pytest.fixture
def run(monkeypatch, capsys):
    monkeypatch.setattr(library_module, "Analyzer", FakeAnalyzer)

    def call(*argv: str) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def library_with_a_note(tmp_path, run) -> tuple[Path, Path, int]:
    """A library holding one article (alignment not computed yet), a note and a word."""
    db = tmp_path / "lib" / "library.sqlite"
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, out, err = run("--db", db, "notes", "add", article, "--quote", "银行", "--note", "n")
    assert code == 0, err
    code, _, err = run("--db", db, "words", "add", article, "合作")
    assert code == 0, err
    with Store.open(db, backup=False) as store:
        article_id = store.articles()[0]["id"]
        store.conn.execute("DELETE FROM alignments")    # as if never computed: a listing
    return db, article, article_id                      # used to compute and store it


def files_state(folder: Path) -> dict[str, str]:
    """Every file under `folder` and its digest, leaving out what is not the library's
    data: the `-shm` (shared memory, where readers keep their read marks) and an empty
    `-wal` (SQLite's read-only connection makes one beside an idle library; the next
    writable close removes it)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith("-shm")
            and not (p.name.endswith("-wal") and p.stat().st_size == 0)}


def test_listing_and_exporting_write_nothing(library_with_a_note, run, tmp_path):
    db, article, article_id = library_with_a_note
    shutil.rmtree(db.parent / "backups")        # a backup made on opening would show
    watcher = sqlite3.connect(db)               # keeps the -wal, sees others' commits
    version = watcher.execute("PRAGMA data_version").fetchone()[0]
    before = files_state(db.parent)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for argv in (("notes", "list", article_id, "--json"), ("notes", "list", article),
                 ("words", "list", "--json"), ("words", "list"),
                 ("export", article_id, "-o", out_dir / "h.md"),
                 ("export", article, "--format", "anki", "-o", out_dir / "a.txt")):
        code, out, err = run("--db", db, *argv)
        assert (code, err) == (0, ""), argv
        assert out
        assert watcher.execute("PRAGMA data_version").fetchone()[0] == version, argv
    assert files_state(db.parent) == before
    watcher.close()
    assert "银行" in (out_dir / "h.md").read_text(encoding="utf-8")


def test_listing_a_file_not_in_the_library_imports_it_as_documented(library_with_a_note,
                                                                     run, tmp_path):
    db, _, _ = library_with_a_note
    other = tmp_path / "other.txt"
    other.write_text(TEXT.replace("标题", "另一篇"), encoding="utf-8")
    code, out, err = run("--db", db, "notes", "list", other)
    assert (code, out, err) == (0, "", "")
    with Store.open(db, backup=False) as store:
        assert len(store.articles()) == 2


def test_a_missing_library_reads_as_empty_and_is_not_created(tmp_path, run):
    db = tmp_path / "nothing-here" / "library.sqlite"
    assert run("--db", db, "words", "list", "--json") == (0, "[]\n", "")
    code, _, err = run("--db", db, "notes", "list", "3")
    assert code == 2 and "no article 3" in err
    assert not db.parent.exists()


def test_an_older_schema_is_read_through_a_migrated_copy(tmp_path, monkeypatch):
    db = tmp_path / "library.sqlite"
    with Library(Store.open(db), FakeAnalyzer()) as library:
        article_id = library.import_text(TEXT).id
        library.save_word(article_id, "银行")
    before = files_state(tmp_path)
    with_extra_migration(monkeypatch)
    with Library.open(db, analyzer=FakeAnalyzer(), readonly=True) as library:
        assert [w.word for w in library.words()] == ["银行"]
        assert "extra" in library.store.db.table_names()      # as this version expects
    assert files_state(tmp_path) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_writing_through_a_read_only_store_is_a_bug(tmp_path):
    db = tmp_path / "library.sqlite"
    Store.open(db).close()
    with Store.open(db, readonly=True) as store, pytest.raises(RuntimeError, match="read-only"):
        store.set_setting("k", 1)


def test_listing_works_on_a_full_disk(library_with_a_note, run):
    """SQLite cannot make its `-shm`; the idle library is then read without it."""
    db, _, article_id = library_with_a_note
    for side in ("-wal", "-shm"):
        assert not db.with_name(db.name + side).exists()     # closed: no one has it open
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, old_limit[1]))
        words = run("--db", db, "words", "list")
        notes = run("--db", db, "notes", "list", article_id)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert words[0] == 0 and words[1].startswith("合作\t"), words
    assert notes[0] == 0 and "'银行'" in notes[1], notes
