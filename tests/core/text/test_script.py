"""Traditional/simplified helpers: detection and the same-length simplified copy."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from opencc import OpenCC

from reader.core.text.script import is_traditional, script_counts, to_simplified

SAMPLE = Path(__file__).resolve().parents[3] / "articles" / "fortune-2017-08-09-alibaba-kering.txt"


def _sample_zh() -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    return text[:text.index("On Thursday")]


def test_sample_and_its_traditional_version_are_told_apart() -> None:
    zh = _sample_zh()
    trad = OpenCC("s2t").convert(zh)
    assert trad != zh
    assert is_traditional(trad)
    assert not is_traditional(zh)


def test_simplified_copy_of_traditional_sample_is_the_original() -> None:
    zh = _sample_zh()
    trad = OpenCC("s2t").convert(zh)
    assert len(trad) == len(zh)
    assert to_simplified(trad) == zh == OpenCC("t2s").convert(trad)


def test_ambiguous_characters_keep_the_length() -> None:
    assert to_simplified("乾") == "干"
    assert to_simplified("頭髮") == "头发"
    assert to_simplified("瞭解") == "了解"     # phrase table
    assert to_simplified("乾隆") == "乾隆"     # phrase where 乾 stays


def test_non_chinese_and_astral_characters_untouched() -> None:
    text = "𠮷 iPhone 15, 5.5% 銀行"
    assert to_simplified(text) == "𠮷 iPhone 15, 5.5% 银行"
    assert not is_traditional("iPhone 15")
    assert script_counts("銀行 银行") == (1, 1)
    assert script_counts("中國 中国") == (1, 1)


@given(st.text(alphabet=st.sampled_from(list("乾頭髮瞭解銀行后後发发干幹著着𠮷a1 ,。\n")),
               max_size=40))
def test_simplified_copy_always_has_the_same_length(text: str) -> None:
    assert len(to_simplified(text)) == len(text)
