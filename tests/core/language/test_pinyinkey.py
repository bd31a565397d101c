"""Pinyin typed any way reduces to one key (letters, tones without the neutral tone)."""

from __future__ import annotations

import pytest

from reader.core.language.pinyinkey import looks_like_pinyin, pinyin_key


@pytest.mark.parametrize("typed", ["yin2 hang2", "yin2hang2", "yínháng", "Yín Háng"])
def test_every_spelling_gives_the_same_key(typed):
    assert pinyin_key(typed) == ("yinhang", "22")


def test_u_umlaut_neutral_tone_and_toneless():
    assert pinyin_key("lu:4") == pinyin_key("lǜ") == pinyin_key("lv4") == ("lv", "4")
    assert pinyin_key("peng2 you5") == pinyin_key("péngyou") == ("pengyou", "2")
    assert pinyin_key("yinhang") == ("yinhang", "")


def test_what_looks_like_pinyin():
    assert all(map(looks_like_pinyin, ["yinhang", "yín háng", "xi'an", "lv4"]))
    assert not any(map(looks_like_pinyin, ["银行", "123", "hello!", "", "a.b"]))
