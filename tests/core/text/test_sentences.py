"""Sentence splitters: where they cut, what they leave alone, and their offset invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.text.sentences import split_en, split_zh


def texts(sentences) -> list[str]:
    return [s.text for s in sentences]


def assert_exact(paragraph: str, sentences) -> None:
    """Offsets index the paragraph, texts are stripped, and all non-space text is covered."""
    previous_end = 0
    for s in sentences:
        assert paragraph[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert paragraph[previous_end:s.start].strip() == ""
        previous_end = s.end
    assert paragraph[previous_end:].strip() == ""


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("两家公司之前积怨已久。2015年,开云起诉了阿里巴巴。",
         ["两家公司之前积怨已久。", "2015年,开云起诉了阿里巴巴。"]),
        ("他问:“你去吗?”我说:“去!”", ["他问:“你去吗?”", "我说:“去!”"]),
        ("真的吗？当然！好；走吧……", ["真的吗？", "当然！", "好；", "走吧……"]),
        ("增长了3.5%。利润为1.2亿元。", ["增长了3.5%。", "利润为1.2亿元。"]),
        ("他说「好」。她也说『行』。", ["他说「好」。", "她也说『行』。"]),
        ("（见附件。）下一句。", ["（见附件。）", "下一句。"]),
        ("美国U.S.公司和Apple Inc.合作。完了", ["美国U.S.公司和Apple Inc.合作。", "完了"]),
        ("这是中文.这也是.", ["这是中文.", "这也是."]),
        ("她说 Hello! 然后走了。", ["她说 Hello! 然后走了。"]),
        ("  前后有空格。  第二句。 ", ["前后有空格。", "第二句。"]),
        ("没有标点的标题", ["没有标点的标题"]),
        ("你不会摔交。 ”他道：“谁说不会？”", ["你不会摔交。 ”", "他道：“谁说不会？”"]),
    ],
)
def test_split_zh(paragraph: str, expected: list[str]) -> None:
    result = split_zh(paragraph)
    assert texts(result) == expected
    assert_exact(paragraph, result)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("The two companies had long been at odds. In 2015, Kering filed a lawsuit.",
         ["The two companies had long been at odds.", "In 2015, Kering filed a lawsuit."]),
        ("Mr. Smith met Dr. Jones and Mrs. Lee. They talked.",
         ["Mr. Smith met Dr. Jones and Mrs. Lee.", "They talked."]),
        ("Prices rose 3.5 percent in the U.S. and the U.K. last year. Next.",
         ["Prices rose 3.5 percent in the U.S. and the U.K. last year.", "Next."]),
        ("It opened on Jan. 13 and closed Feb. 2. Fine.",
         ["It opened on Jan. 13 and closed Feb. 2.", "Fine."]),
        ("Use tools, e.g. hammers, i.e. simple ones, etc. and more. Done.",
         ["Use tools, e.g. hammers, i.e. simple ones, etc. and more.", "Done."]),
        ("J. K. Rowling wrote it. She is British.",
         ["J. K. Rowling wrote it.", "She is British."]),
        ('He said "take action." Then he left. Was it “right?” Yes!',
         ['He said "take action."', "Then he left.", "Was it “right?”", "Yes!"]),
        ("(This is quoted.) Another one.", ["(This is quoted.)", "Another one."]),
        ("Wait... what? No way!", ["Wait... what?", "No way!"]),
        ("See No. 5 for details. I said no. Really.",
         ["See No. 5 for details.", "I said no.", "Really."]),
        ("A headline without a stop", ["A headline without a stop"]),
        ("Maybe he didn't. She had none. So was I. At last.",
         ["Maybe he didn't.", "She had none.", "So was I.", "At last."]),
        ("'Mine's . . . people call me Mike.' Fine.",
         ["'Mine's . . . people call me Mike.'", "Fine."]),
    ],
)
def test_split_en(paragraph: str, expected: list[str]) -> None:
    result = split_en(paragraph)
    assert texts(result) == expected
    assert_exact(paragraph, result)


def test_empty_and_blank_paragraphs_have_no_sentences() -> None:
    assert split_zh("") == () and split_en("") == ()
    assert split_zh("   ") == () and split_en(" \t ") == ()


def test_long_line_of_100k_characters() -> None:
    zh = "这是一个很长的句子" * 11_112  # 100,008 characters, no stop at all
    assert [(s.start, s.end) for s in split_zh(zh)] == [(0, len(zh))]
    zh_many = "短句。" * 33_334
    result = split_zh(zh_many)
    assert len(result) == 33_334 and result[-1].end == len(zh_many)
    en = "word " * 20_000 + "end."
    assert len(split_en(en)) == 1
    en_many = "It is. " * 15_000
    assert len(split_en(en_many)) == 15_000
    # abbreviation look-back is bounded: a 100,000-character "word" before a stop
    blob = "x" * 100_000 + ". Next."
    assert texts(split_en(blob)) == ["x" * 100_000 + ".", "Next."]


zh_alphabet = st.sampled_from(
    list("中文字句我他说了是的") + list("。！？；…,.!?;\"“”「」（）() \n3a"))
en_alphabet = st.sampled_from(list("abcXYZ") + list(" .!?…\"'“”()\n3") + ["Mr.", "U.S.", "e.g."])


@settings(max_examples=200, deadline=None)
@given(st.lists(zh_alphabet, max_size=60).map("".join))
def test_split_zh_invariants(paragraph: str) -> None:
    assert_exact(paragraph, split_zh(paragraph))


@settings(max_examples=200, deadline=None)
@given(st.lists(en_alphabet, max_size=60).map("".join))
def test_split_en_invariants(paragraph: str) -> None:
    assert_exact(paragraph, split_en(paragraph))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_any_text_keeps_invariants(paragraph: str) -> None:
    assert_exact(paragraph, split_zh(paragraph))
    assert_exact(paragraph, split_en(paragraph))
