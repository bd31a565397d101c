"""The library file: schema, refusals that leave the file untouched, locks, backups, search."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from reader.core.errors import UserError
from reader.core.models import Anchor, Annotation, SavedWord
from reader.core.service import Library
from reader.core.store.migrations import SCHEMA_VERSION
from reader.core.store.store import Store, latest_backup, restore
from tests.support import FakeAnalyzer, sample_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DUIZHAO_HOME", str(tmp_path / "home"))
    return tmp_path / "lib" / "library.sqlite"


def make_library(path: Path, content: str = "content") -> tuple[Store, int]:
    store = Store.open(path)
    article_id = store.add_article(content_hash=content, title="t", raw_text="x",
                                   parsed={"k": 1})
    return store, article_id


def note(article_id: int, text: str = "note") -> Annotation:
    return Annotation(None, article_id, Anchor("zh", 0, 1, "x"), note=text)


def closed_library_file(path: Path) -> None:
    store, article_id = make_library(path)
    store.add_annotation(note(article_id))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


def test_new_library_is_wal_versioned_and_sound(db):
    with Store.open(db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.integrity_check() == "ok"
        tables = set(store.db.table_names())
    assert {"articles", "alignments", "annotations", "saved_words", "reading_overrides",
            "segmentation_overrides", "settings", "articles_fts"} <= tables


def test_reopening_keeps_data_and_applies_no_migration_twice(db):
    store, article_id = make_library(db)
    store.add_annotation(note(article_id, "kept"))
    store.close()
    with Store.open(db) as store:
        assert [a.note for a in store.annotations(article_id)] == ["kept"]
        count = store.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    assert count == SCHEMA_VERSION


def test_newer_version_is_refused_and_untouched(db):
    closed_library_file(db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = digest(db)
    with pytest.raises(UserError, match="newer version of Duizhao"):
        Store.open(db)
    assert digest(db) == before


def test_unknown_migration_counts_as_newer(db):
    closed_library_file(db)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('duizhao', '0099_future', 'x')")
    conn.close()
    before = digest(db)
    with pytest.raises(UserError, match="newer version"):
        Store.open(db)
    assert digest(db) == before


def test_text_file_is_refused_untouched(db):
    db.parent.mkdir(parents=True)
    db.write_text("these are my shopping notes, not a database\n" * 20)
    before = digest(db)
    with pytest.raises(UserError, match="not a Duizhao library") as info:
        Store.open(db)
    assert "it was not changed" in str(info.value)
    assert digest(db) == before
    assert not db.with_name(db.name + "-wal").exists()


def test_truncated_database_is_refused_with_latest_backup(db):
    closed_library_file(db)
    Store.open(db).close()              # makes today's backup
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    before = digest(db)
    with pytest.raises(UserError) as info:
        Store.open(db)
    message = str(info.value)
    assert "damaged" in message
    assert str(latest_backup(db)) in message
    assert digest(db) == before


def test_foreign_sqlite_database_is_refused(db):
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = digest(db)
    with pytest.raises(UserError, match="not a Duizhao library"):
        Store.open(db)
    assert digest(db) == before


def test_daily_backup_keeps_last_n_and_restore_brings_data_back(db):
    store, article_id = make_library(db)
    store.add_annotation(note(article_id, "before backup"))
    for day in range(1, 6):
        store.daily_backup(keep=3, today=date(2026, 1, day))
    backups = sorted(p.name for p in (db.parent / "backups").glob("*.sqlite"))
    assert backups == ["library-2026-01-04.sqlite", "library-2026-01-05.sqlite",
                       f"library-{date.today().isoformat()}.sqlite"]
    store.add_annotation(note(article_id, "after backup"))
    store.close()
    chosen = db.parent / "backups" / "library-2026-01-05.sqlite"
    set_aside = restore(chosen, db)
    assert set_aside is not None and set_aside.exists()
    with Store.open(db, backup=False) as store:
        assert [a.note for a in store.annotations(article_id)] == ["before backup"]
    with Store.open(set_aside, backup=False) as old:   # nothing was lost by restoring
        assert [a.note for a in old.annotations(article_id)] == ["before backup",
                                                                 "after backup"]


def test_restore_refuses_a_damaged_backup(db, tmp_path):
    closed_library_file(db)
    bad = tmp_path / "bad.sqlite"
    bad.write_text("nope")
    before = digest(db)
    with pytest.raises(UserError):
        restore(bad, db)
    assert digest(db) == before


def test_lock_held_beyond_timeout_is_a_clear_message(db):
    store, article_id = make_library(db)
    other = Store.open(db, timeout=0.2)
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError, match="locked by another program"):
            other.add_annotation(note(article_id))
    finally:
        store.conn.execute("ROLLBACK")
    assert other.add_annotation(note(article_id)).id is not None  # works once released
    other.close()
    store.close()


def test_two_instances_writing_at_once_lose_nothing(db):
    store, article_id = make_library(db)
    store.close()
    ids: dict[int, list[int]] = {0: [], 1: []}

    def writer(n: int) -> None:
        with Store.open(db, backup=False) as mine:
            for i in range(40):
                ids[n].append(mine.add_annotation(note(article_id, f"{n}-{i}")).id)

    threads = [threading.Thread(target=writer, args=(n,)) for n in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Store.open(db) as store:
        stored = {a.id: a.note for a in store.annotations(article_id)}
        assert store.integrity_check() == "ok"
    assert sorted(stored) == sorted(ids[0] + ids[1])
    assert len(stored) == 80


def test_annotation_round_trip_and_missing_ids(db):
    store, article_id = make_library(db)
    anchor = Anchor("en", 3, 9, "quoted", "pre", "post", 2)
    saved = store.add_annotation(Annotation(None, article_id, anchor, "n", "green", ("a", "b")))
    assert store.get_annotation(saved.id).anchor == anchor
    assert store.get_annotation(saved.id).tags == ("a", "b")
    with pytest.raises(UserError, match="no note 999"):
        store.get_annotation(999)
    with pytest.raises(UserError, match="no article 42"):
        store.add_annotation(note(42))
    store.close()


def test_saved_words_unique_per_word(db):
    store, article_id = make_library(db)
    store.save_word(SavedWord(None, "银行", "yin2 hang2", ("bank",), status="new"))
    store.save_word(SavedWord(None, "银行", "yin2 hang2", ("bank",), status="known"))
    words = store.words()
    assert [(w.word, w.status) for w in words] == [("银行", "known")]
    assert store.words("new") == []
    store.close()


def test_overrides_and_settings_persist(db):
    store, article_id = make_library(db)
    store.set_reading_override(article_id, "长江", "chang2 jiang1")
    store.set_segmentation_override("阿里巴巴宣布", "join")
    store.set_segmentation_override("研究生命", "split", ["研究", "生命"])
    store.set_setting("font_size", 18)
    store.close()
    with Store.open(db) as store:
        assert store.reading_overrides(article_id) == {"长江": "chang2 jiang1"}
        assert store.segmentation_overrides() == [
            {"text": "阿里巴巴宣布", "kind": "join", "parts": ["阿里巴巴宣布"]},
            {"text": "研究生命", "kind": "split", "parts": ["研究", "生命"]}]
        assert store.setting("font_size") == 18
        assert store.setting("missing", "default") == "default"
        store.set_reading_override(article_id, "长江", None)
        assert store.reading_overrides(article_id) == {}


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "library.sqlite"
    library = Library(Store.open(path), FakeAnalyzer())
    ref = library.import_file(sample_path())
    other = library.import_text("另一篇\n\n我们去银行还钱。\n\nWe went to the bank.")
    yield library, ref.id, other.id
    library.close()


@pytest.mark.parametrize("query, expected", [
    ("阿里巴巴", "sample"),          # Chinese
    ("银行", "other"),
    ("yinhang", "other"),            # pinyin without tones
    ("yin2hang2", "other"),          # numbered tones
    ("yínháng", "other"),            # tone marks
    ("counterfeiters", "sample"),    # English
    ("bank", "other"),
])
def test_search_chinese_pinyin_english(searchable, query, expected):
    library, sample_id, other_id = searchable
    ids = [r["id"] for r in library.search(query)]
    assert ids == [sample_id if expected == "sample" else other_id]


@pytest.mark.parametrize("query", ['"', 'bank" OR "kering', "NEAR(", "*", "a:b", "'"])
def test_search_quotes_user_queries(searchable, query):
    library, *_ = searchable
    assert isinstance(library.search(query), list)   # no FTS5 syntax error escapes
    assert library.search('bank" OR "kering') == []
