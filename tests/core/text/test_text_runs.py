"""Stage 2, language runs: lines holding both languages cut at the right place (our texts)."""

from __future__ import annotations

import pytest

from reader.core.text.rows import Unit
from reader.core.text.runs import split_unit


def runs(text: str) -> list[tuple[str | None, str]]:
    return [(p.lang, p.text) for p in split_unit(0, Unit(text, 1))]


@pytest.mark.parametrize(("line", "expected"), [
    # no separator at all: the English sentence ends, the Chinese begins
    ("The bridge opened in 1998.大桥于1998年通车。",
     [("en", "The bridge opened in 1998."), ("zh", "大桥于1998年通车。")]),
    # Chinese first, then English, a space between
    ("大桥于1998年通车。 The bridge opened in 1998.",
     [("zh", "大桥于1998年通车。"), ("en", "The bridge opened in 1998.")]),
    # runs of spaces or a tab
    ("The rain stopped at noon.        雨在中午停了。",
     [("en", "The rain stopped at noon."), ("zh", "雨在中午停了。")]),
    ("雨在中午停了。\tThe rain stopped at noon.",
     [("zh", "雨在中午停了。"), ("en", "The rain stopped at noon.")]),
    # sentences alternating inside one line
    ("猫睡着了。The cat fell asleep. 狗还醒着。The dog is still awake.",
     [("zh", "猫睡着了。"), ("en", "The cat fell asleep."), ("zh", "狗还醒着。"),
      ("en", "The dog is still awake.")]),
    # a quoted English sentence ending the line
    ("他笑了。“I knew it,” he said.",
     [("zh", "他笑了。"), ("en", "“I knew it,” he said.")]),
])
def test_both_languages_on_one_line_are_cut(line: str, expected: list) -> None:
    assert runs(line) == expected


@pytest.mark.parametrize(("line", "expected"), [
    # a bilingual headline: comma, single space, or an English title in brackets first
    ("老城区的新公园, New Park in the Old Town",
     [("zh", "老城区的新公园,"), ("en", "New Park in the Old Town")]),
    ("老城区的新公园 New Park in the Old Town",
     [("zh", "老城区的新公园"), ("en", "New Park in the Old Town")]),
    ("2【New Park in the Old Town】老城区的新公园",
     [("en", "2【New Park in the Old Town】"), ("zh", "老城区的新公园")]),
])
def test_bilingual_headlines_are_cut(line: str, expected: list) -> None:
    assert runs(line) == expected


@pytest.mark.parametrize("line", [
    "我们在Google Maps上找到了那家小店。",           # names inside a sentence
    "Zhang Wei说，他明天会来。",
    "首席执行官玛丽(Mary Lopez)宣布了新的计划。",      # a name in brackets
    "据《城市日报》(The City Daily)报道，地铁将延长。",
    "会议讨论了“一带一路”(Belt and Road Initiative)的进展。",
    "他毕业于U.S.的一所大学。",
    "The word 你好 means hello in Chinese.",
    "详情请访问example.org。",
])
def test_names_and_glosses_stay_in_their_sentence(line: str) -> None:
    found = split_unit(0, Unit(line, 1))
    assert len(found) == 1 and found[0].text == line and found[0].split_conf == 1.0


def test_a_clause_of_each_language_without_a_clear_boundary_is_marked_unclear() -> None:
    line = "我们今天讨论的问题, which nobody in the room wanted to raise, 非常重要"
    found = split_unit(0, Unit(line, 1))
    assert len(found) == 1 and found[0].split_conf < 0.5


def test_japanese_and_korean_are_their_own_languages() -> None:
    assert runs("明日は雨が降るでしょう。") == [("ja", "明日は雨が降るでしょう。")]
    assert runs("내일은 비가 올 거예요.") == [("ko", "내일은 비가 올 거예요.")]
    assert runs("明天会下雨。明日は雨が降るでしょう。") == [
        ("zh", "明天会下雨。"), ("ja", "明日は雨が降るでしょう。")]


def test_a_lone_kana_mark_in_chinese_is_not_japanese() -> None:
    assert runs("这家の店很有名。") == [("zh", "这家の店很有名。")]


def test_lines_without_letters_have_no_language() -> None:
    assert runs("2020 — 2021") == [(None, "2020 — 2021")]


def test_offsets_point_into_the_unit() -> None:
    text = "Snow fell all night.  雪下了一整夜。"
    for p in split_unit(0, Unit(text, 1)):
        assert text[p.start:p.end].strip() == p.text


def test_long_mixed_lines_are_split_in_linear_time() -> None:
    import time

    line = "这是一个句子。This is a sentence. " * 4000
    start = time.perf_counter()
    found = split_unit(0, Unit(line, 1))
    assert len(found) == 8000
    assert time.perf_counter() - start < 2.0
