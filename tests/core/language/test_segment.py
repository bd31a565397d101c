"""Segmentation: exact offsets, CEDICT terms kept whole, user overrides, traditional text."""

from __future__ import annotations

import shutil
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from reader.core.errors import UserError
from reader.core.language.segment import Segmenter
from reader.core.models import Token
from reader.core.text.han import has_han

SAMPLE = Path(__file__).resolve().parents[3] / "articles" / "fortune-2017-08-09-alibaba-kering.txt"
HEADLINE = "上周四,马云的电子商务巨头阿里巴巴宣布与法国奢侈品集团开云达成合作协议"


def _sample_zh_paragraphs() -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    zh = text[:text.index("On Thursday")]
    return [p for p in zh.split("\n") if has_han(p)]


def _words(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def _assert_exact_cover(text: str, tokens: list[Token]) -> None:
    pos = 0
    for tok in tokens:
        assert tok.start == pos and tok.end > tok.start
        assert text[tok.start:tok.end] == tok.text
        pos = tok.end
    assert pos == len(text)


def test_names_and_terms_stay_whole(segmenter: Segmenter) -> None:
    words = _words(segmenter.tokenize(HEADLINE))
    for term in ("马云", "电子商务", "阿里巴巴", "奢侈品", "开云", "合作", "协议"):
        assert term in words


@pytest.fixture(scope="module")
def plain_jieba(segmenter: Segmenter, core_cache_dir: Path) -> jieba.Tokenizer:
    """jieba with its own dictionary only (its table is cached beside ours)."""
    plain = jieba.Tokenizer()
    plain.tmp_dir = str(core_cache_dir)
    plain.initialize()
    return plain


def test_cedict_words_join_jiebas_vocabulary(segmenter: Segmenter,
                                             plain_jieba: jieba.Tokenizer) -> None:
    plain = plain_jieba
    text = "公司的首席执行官在记者招待会上谈加密货币"
    assert "首席执行官" not in plain.lcut(text)   # what jieba alone does
    words = segmenter.cut(text)
    assert {"首席执行官", "记者招待会", "加密货币"} <= set(words)


@pytest.mark.parametrize("text, expected", [
    ("我去银行还钱", [["我", "去", "银行", "还钱"], ["我", "去", "银行", "还", "钱"]]),
    ("结婚的和尚未结婚的", [["结婚", "的", "和", "尚未", "结婚", "的"]]),
    ("他说的确实在理", [["他", "说", "的", "确实", "在理"]]),
    ("今天天气不错", [["今天天气", "不错"], ["今天", "天气", "不错"]]),
])
def test_everyday_sentences_segment_sensibly(segmenter: Segmenter, text: str,
                                             expected: list[list[str]]) -> None:
    assert segmenter.cut(text) in expected


def test_offsets_are_code_points_with_astral_latin_and_digits(segmenter: Segmenter) -> None:
    text = "𠮷野家的iPhone 15售价5,999元。\r\n银行"
    tokens = segmenter.tokenize(text)
    _assert_exact_cover(text, tokens)
    assert tokens[0] == Token("𠮷", 0, 1)
    assert Token("iPhone", 4, 10) in tokens
    assert Token("银行", len(text) - 2, len(text)) in tokens


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("银行马云电子商务的了𠮷銀頭aZ09 \t\n,。“”-%.")),
               max_size=60))
def test_tokens_always_cover_the_text_exactly(segmenter: Segmenter, text: str) -> None:
    _assert_exact_cover(text, segmenter.tokenize(text))


def test_whole_sample_is_covered(segmenter: Segmenter) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    _assert_exact_cover(text, segmenter.tokenize(text))


def test_tokenize_range_keeps_whole_text_offsets(segmenter: Segmenter) -> None:
    text = "前言。" + HEADLINE
    tokens = segmenter.tokenize_range(text, 3, len(text))
    assert tokens[0].start == 3
    assert [text[t.start:t.end] for t in tokens] == _words(tokens)
    assert _words(tokens) == segmenter.cut(HEADLINE)
    with pytest.raises(ValueError):
        segmenter.tokenize_range(text, 5, 2)


def test_traditional_text_tokens_carry_original_characters(segmenter: Segmenter) -> None:
    s2t = OpenCC("s2t")
    for para in _sample_zh_paragraphs():
        trad = s2t.convert(para)
        assert len(trad) == len(para)
        simp_tokens = segmenter.tokenize(para)
        trad_tokens = segmenter.tokenize(trad)
        _assert_exact_cover(trad, trad_tokens)
        # Same boundaries as the simplified text; texts in the original characters.
        assert [(t.start, t.end) for t in trad_tokens] == [(t.start, t.end) for t in simp_tokens]
    trad_words = segmenter.cut(s2t.convert(HEADLINE))
    assert {"馬雲", "電子商務", "奢侈品"} <= set(trad_words)


def test_jieba_alone_would_mangle_traditional_text(plain_jieba: jieba.Tokenizer) -> None:
    # Why the simplified copy exists: jieba's dictionary is simplified.
    assert "電子商務" not in plain_jieba.lcut("馬雲的電子商務巨頭")


def test_merged_dictionary_is_cached_by_version(segmenter: Segmenter,
                                                core_cache_dir: Path) -> None:
    names = [p.name for p in core_cache_dir.iterdir()]
    assert any(n.startswith("jieba-cedict-2023-11-07-v") and n.endswith(".dict.txt")
               for n in names)
    assert any(n.startswith("jieba-cedict-") and n.endswith(".table") for n in names)
    assert not any(n.endswith(".tmp") for n in names)


# -- user overrides (own instance: the session segmenter must stay pristine) -------------------
@pytest.fixture(scope="module")
def own_segmenter(core_cache_dir: Path, segmenter: Segmenter) -> Segmenter:
    seg = Segmenter(core_cache_dir)
    seg.ensure_ready()
    return seg


def test_merge_and_split_overrides(own_segmenter: Segmenter) -> None:
    seg = own_segmenter
    before = seg.cut(HEADLINE)
    assert "阿里巴巴" in before and "电子商务" in before
    try:
        seg.set_overrides(merges=["阿里巴巴宣布"], splits=[("电子商务", ("电子", "商务"))])
        after = seg.cut(HEADLINE)
        assert "阿里巴巴宣布" in after
        assert after[after.index("电子"):after.index("电子") + 2] == ["电子", "商务"]
        assert "电子商务" not in after
        _assert_exact_cover(HEADLINE, seg.tokenize(HEADLINE))
        # Applies to traditional text too, given in either script.
        trad = OpenCC("s2t").convert(HEADLINE)
        assert "阿里巴巴宣佈" in seg.cut(trad)
        assert "電子商務" not in seg.cut(trad)
    finally:
        seg.set_overrides()
    assert seg.cut(HEADLINE) == before


def test_frequency_is_the_corpus_count_whatever_the_user_merged(
        own_segmenter: Segmenter, core_cache_dir: Path) -> None:
    seg = own_segmenter
    assert Segmenter(core_cache_dir).frequency("银行") == 0        # not loaded yet
    common, rare = seg.frequency("银行"), seg.frequency("诉讼")
    assert common > rare > 0
    assert seg.frequency("銀行") == common                       # either script
    assert seg.frequency("阿里巴巴宣布") == 0
    try:
        seg.set_overrides(merges=["阿里巴巴宣布", "银行"])
        assert seg.frequency("阿里巴巴宣布") == 0
        assert seg.frequency("银行") == common
    finally:
        seg.set_overrides()
    assert seg.frequency("银行") == common


def test_merge_across_non_han_text(own_segmenter: Segmenter) -> None:
    seg = own_segmenter
    text = "新款iPhone 15售价"
    try:
        seg.set_overrides(merges=["iPhone 15"])
        assert "iPhone 15" in seg.cut(text)
    finally:
        seg.set_overrides()
    assert "iPhone 15" not in seg.cut(text)


def test_overrides_set_before_initialisation(core_cache_dir: Path) -> None:
    seg = Segmenter(core_cache_dir)
    seg.apply_overrides(merges=["我去银行"], splits=[])
    assert seg.cut("我去银行还钱")[0] == "我去银行"


def test_bad_split_is_refused(own_segmenter: Segmenter) -> None:
    with pytest.raises(ValueError, match="do not make up"):
        own_segmenter.set_overrides(splits=[("电子商务", ("电子", "商"))])


def test_has_han() -> None:
    assert has_han("银行") and has_han("𠮷") and has_han("a銀")
    assert not has_han("iPhone 15") and not has_han("，。")


def test_concurrent_tokenize_gives_the_serial_result(segmenter: Segmenter) -> None:
    from concurrent.futures import ThreadPoolExecutor

    paragraphs = _sample_zh_paragraphs() * 3
    serial = [segmenter.tokenize(p) for p in paragraphs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(segmenter.tokenize, paragraphs))
    assert parallel == serial


def test_damaged_merged_dictionary_is_rebuilt(tmp_path: Path, segmenter: Segmenter,
                                              core_cache_dir: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copy2(core_cache_dir / "jieba.cache", cache / "jieba.cache")  # jieba's own table
    merged = next(core_cache_dir.glob("jieba-cedict-*.dict.txt")).name
    (cache / merged).write_text("银行 many\n", encoding="utf-8")   # a malformed line
    seg = Segmenter(cache)
    assert "电子商务" in seg.cut(HEADLINE)
    assert (cache / merged).stat().st_size > 1_000_000


def test_unusable_cache_dir_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="word segmenter"):
        Segmenter(blocker / "cache").ensure_ready()


def test_damaged_table_falls_back_to_jieba_and_is_rewritten(
        tmp_path: Path, segmenter: Segmenter, core_cache_dir: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    merged = next(core_cache_dir.glob("jieba-cedict-*.dict.txt"))
    shutil.copy2(merged, cache / merged.name)
    table = cache / merged.with_suffix(".table").name
    table.write_bytes(b"duizhao-jieba-table-1\n" + b"\xff" * 100)
    seg = Segmenter(cache)
    assert "电子商务" in seg.cut(HEADLINE)
    assert table.stat().st_size > 1_000_000
    again = Segmenter(cache)
    again.ensure_ready()
    # Against a fresh load of the session's table: the shared segmenter may carry a window
    # test's merges (their words stay behind as harmless zero-frequency prefixes).
    fresh = Segmenter(core_cache_dir)
    fresh.ensure_ready()
    assert again._tokenizer.FREQ == fresh._tokenizer.FREQ
