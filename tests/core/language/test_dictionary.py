"""CC-CEDICT dictionary: lookups, parsed fields, order, HSK, the SQLite cache's robustness."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import UserError
from reader.core.language.dictionary import SCHEMA, Dictionary, build_database, tone_marks


def _readings(dictionary: Dictionary, word: str) -> list[str]:
    return [e.pinyin for e in dictionary.lookup(word)]


def test_lookup_by_traditional_and_simplified(dictionary: Dictionary) -> None:
    trad = dictionary.lookup("銀行")
    simp = dictionary.lookup("银行")
    assert trad == simp
    (entry,) = simp
    simp.clear()                                   # a caller's list, not the memo's
    assert len(dictionary.lookup("银行")) == 1
    assert (entry.simplified, entry.traditional, entry.pinyin) == ("银行", "銀行", "yin2 hang2")
    assert "bank" in entry.senses


def test_measure_words_are_parsed_out_of_senses(dictionary: Dictionary) -> None:
    (entry,) = dictionary.lookup("银行")
    assert entry.measure_words == ("家", "个")
    assert not any("CL:" in s for s in entry.senses)
    # An inline "(CL:...)" note is parsed too and removed from its sense.
    (ground,) = [e for e in dictionary.lookup("地") if e.pinyin == "di4"]
    assert "片" in ground.measure_words
    assert not any("CL:" in s for s in ground.senses)


def test_variants_are_parsed_and_listed_last(dictionary: Dictionary) -> None:
    entries = dictionary.lookup("个")
    assert entries[0].pinyin == "ge4" and entries[0].traditional == "個"
    variant = next(e for e in entries if e.traditional == "箇")
    assert variant.variants == ("个",)
    assert entries.index(variant) > 0


def test_usual_reading_first_and_surnames_last(dictionary: Dictionary) -> None:
    assert _readings(dictionary, "长")[:2] == ["chang2", "zhang3"]
    assert _readings(dictionary, "还")[0] == "hai2"
    assert _readings(dictionary, "还")[-1] == "Huan2"        # surname Huan
    assert _readings(dictionary, "了")[0] == "le5"
    assert set(_readings(dictionary, "行")[:2]) == {"xing2", "hang2"}
    assert dictionary.lookup("和")[-1].senses == ("surname He",)


def test_hsk_levels(dictionary: Dictionary) -> None:
    (entry,) = dictionary.lookup("银行")
    assert entry.hsk3 == 3 and entry.hsk2 == 3
    assert dictionary.hsk_level("银行") == 3
    assert dictionary.hsk_level("銀行") == 3              # traditional goes via simplified
    assert dictionary.hsk_level("银行", standard="2021") == 2
    assert dictionary.hsk_level("阿里巴巴") is None
    # A surname entry does not inherit the common word's level.
    assert dictionary.lookup("和")[-1].hsk3 is None


def test_longest_match_inside_an_unsegmented_run(dictionary: Dictionary) -> None:
    text = "阿里巴巴宣布"
    word, entries = dictionary.longest_match(text, 0)
    assert word == "阿里巴巴" and entries[0].pinyin == "A1 li3 Ba1 ba1"
    assert dictionary.longest_match(text, 4)[0] == "宣布"
    assert dictionary.longest_match(text, 5)[0] == "布"
    assert dictionary.longest_match("馬雲說", 0)[0] == "馬雲"
    assert dictionary.longest_match("abc", 0) is None
    assert dictionary.longest_match(text, 6) is None


def test_char_breakdown(dictionary: Dictionary) -> None:
    parts = dictionary.char_breakdown("银行")
    assert [c for c, _ in parts] == ["银", "行"]
    assert parts[0][1][0].pinyin == "yin2"


def test_unknown_word_has_no_entries(dictionary: Dictionary) -> None:
    assert dictionary.lookup("阿里巴巴宣布") == []
    assert "阿里巴巴宣布" not in dictionary
    assert "银行" in dictionary


def test_headwords_are_simplified_forms(dictionary: Dictionary) -> None:
    words = set(dictionary.headwords())
    assert "银行" in words and "銀行" not in words
    assert len(words) > 100_000


def test_cache_is_read_only(dictionary: Dictionary) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        dictionary._cache.query("DELETE FROM entry")
    assert dictionary.path.name.startswith("cedict-2023-11-07-v")


SMALL_CEDICT = """# CC-CEDICT excerpt for tests
#! date=2099-01-01T00:00:00Z
銀行 银行 [yin2 hang2] /bank/CL:家[jia1],個|个[ge4]/
長 长 [zhang3] /chief/head/
長 长 [chang2] /length/long/
"""


@pytest.fixture
def small_source(tmp_path: Path) -> Path:
    path = tmp_path / "small.txt.gz"
    path.write_bytes(gzip.compress(SMALL_CEDICT.encode("utf-8")))
    return path


def test_cache_is_named_by_version_and_schema(tmp_path: Path, small_source: Path) -> None:
    small = Dictionary.open(tmp_path / "cache", source=small_source)
    try:
        assert small.path.name == f"cedict-2099-01-01-v{SCHEMA}.sqlite"
        assert [e.pinyin for e in small.lookup("長")] == ["chang2", "zhang3"]
    finally:
        small.close()


def test_corrupt_cache_is_rebuilt(tmp_path: Path, small_source: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    broken = folder / f"cedict-2099-01-01-v{SCHEMA}.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x17" * 5000)   # garbage after the header
    rebuilt = Dictionary.open(folder, source=small_source)
    try:
        assert rebuilt.lookup("銀行")[0].pinyin == "yin2 hang2"
        assert [p.name for p in folder.iterdir()] == [broken.name]   # no temp files left
    finally:
        rebuilt.close()


def test_half_written_cache_is_rebuilt(tmp_path: Path, small_source: Path) -> None:
    # A database that opens but lacks its completion marks (as after a crash mid-build).
    folder = tmp_path / "cache"
    folder.mkdir()
    conn = sqlite3.connect(folder / f"cedict-2099-01-01-v{SCHEMA}.sqlite")
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("CREATE TABLE entry (simplified TEXT)")
    conn.commit()
    conn.close()
    rebuilt = Dictionary.open(folder, source=small_source)
    try:
        assert len(rebuilt.lookup("银行")) == 1
    finally:
        rebuilt.close()


def test_unwritable_cache_dir_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(UserError, match="dictionary cache"):
        Dictionary.open(blocker / "cache")


def test_build_leaves_no_file_when_the_source_is_bad(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        build_database(tmp_path / "out.sqlite", cedict_path=tmp_path / "missing.txt.gz")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("numbered, marked", [
    ("yin2 hang2", "yín háng"), ("lu:4", "lǜ"), ("nu:3 er2", "nǚ ér"), ("Lu:e4", "Lüè"),
    ("gui4", "guì"), ("liu2", "liú"), ("Zhang1", "Zhāng"), ("r5", "r"), ("de5", "de"),
    ("xiong2 mao1", "xióng māo"), ("hm5", "hm"), ("A1 li3 ba1 ba1", "Ā lǐ bā bā"),
])
def test_tone_marks(numbered: str, marked: str) -> None:
    assert tone_marks(numbered) == marked
