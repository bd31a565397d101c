"""The compact prefix table answers exactly as jieba's dict did, so segmentation is unchanged."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.language.jiebatable import CompactFreq, load_table, save_table
from reader.core.language.segment import Segmenter, _merged_dict_path, _Tokenizer
from reader.core.text.han import has_han

SAMPLE = Path(__file__).resolve().parents[3] / "articles" / "fortune-2017-08-09-alibaba-kering.txt"

# Words and the prefixes jieba adds for them (count 0), long ones included (> 4 chars).
SMALL = {"中": 10, "中国": 50, "中国人": 20, "中华人民共和国": 30, "中华": 5, "中华人": 0,
         "中华人民": 0, "中华人民共": 0, "中华人民共和": 0, "人": 40, "人民": 25, "国": 8,
         "A": 0, "A股": 7, "银": 0, "银行": 60, "T恤": 3, "T": 0}


def _plain(freq: dict[str, int]) -> jieba.Tokenizer:
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = dict(freq), sum(freq.values()), True
    return tok


def test_mapping_answers_like_the_dict() -> None:
    table = CompactFreq.from_dict(SMALL)
    for word, count in SMALL.items():
        assert word in table and table[word] == count and table.get(word) == count
    for word in ("", "华", "中国国", "银行家", "中华人民共和国万岁", "\U00020000"):
        assert word not in table and table.get(word) is None and table.get(word, 3) == 3
        with pytest.raises(KeyError):
            table[word]
    table["银行家"] = 9
    assert table.setdefault("银行家", 0) == 9 and table.setdefault("银行业", 0) == 0
    assert table["银行家"] == 9 and "银行业" in table
    table["中国"] = 0        # a merge undone: a prefix again, no longer a word
    assert table.get("中国") == 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="中国人民华共和银行AT股恤x ", max_size=30))
def test_dag_and_route_match_jieba(sentence: str) -> None:
    plain = _plain(SMALL)
    tok = _Tokenizer()
    tok.FREQ, tok.total, tok.initialized = CompactFreq.from_dict(SMALL), plain.total, True
    assert dict(tok.get_DAG(sentence)) == plain.get_DAG(sentence)
    route_ours: dict = {}
    route_jieba: dict = {}
    tok.calc(sentence, tok.get_DAG(sentence), route_ours)
    plain.calc(sentence, plain.get_DAG(sentence), route_jieba)
    assert route_ours == route_jieba
    assert list(tok.cut(sentence)) == list(plain.cut(sentence))


def test_table_round_trip(tmp_path: Path) -> None:
    table = CompactFreq.from_dict(SMALL)
    path = tmp_path / "t.table"
    newer_than = tmp_path / "dict.txt"
    newer_than.write_text("x")
    assert save_table(path, table, 1234)
    loaded, total = load_table(path, newer_than)
    assert total == 1234 and loaded == table
    path.write_bytes(path.read_bytes()[:-40])          # truncated: refused, not half-read
    assert load_table(path, newer_than) is None


def test_a_table_packed_with_other_parameters_is_rebuilt(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.language import jiebatable

    table = CompactFreq.from_dict(SMALL)
    path, newer_than = tmp_path / "t.table", tmp_path / "dict.txt"
    newer_than.write_text("x")
    assert save_table(path, table, 1234)
    # Another hash mix would read without error and segment wrongly: the magic names it.
    other = jiebatable._TABLE_MAGIC.replace(f"{jiebatable._MIX:x}".encode(), b"9e3779b9")
    assert other != jiebatable._TABLE_MAGIC
    monkeypatch.setattr(jiebatable, "_TABLE_MAGIC", other)
    assert load_table(path, newer_than) is None


def test_segmenter_uses_the_compact_table_and_cuts_as_jieba(
        segmenter: Segmenter, core_cache_dir: Path, tmp_path: Path) -> None:
    tok = segmenter._tokenizer
    assert isinstance(tok.FREQ, CompactFreq)
    plain = jieba.Tokenizer(str(_merged_dict_path(core_cache_dir)))
    plain.tmp_dir = str(tmp_path)
    plain.cache_file = "plain-jieba-for-test.cache"
    plain.initialize()
    paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").splitlines() if has_han(p)]
    for text in paragraphs:
        assert list(tok.tokenize(text)) == list(plain.tokenize(text))
    for word in ("电子商务", "阿里巴巴宣布", "首席执行官"):
        assert tok.suggest_freq(word) == plain.suggest_freq(word)
