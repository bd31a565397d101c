"""Stage 1, structure: units with their markup recorded and removed (our own texts)."""

from __future__ import annotations

from reader.core.text.markup import split_tags, strip_inline
from reader.core.text.structure import units
from reader.core.text.wrap import rejoin


def _view(text: str) -> list[tuple[int, str, str, str]]:
    return [(u.line, u.kind, u.marker, u.text) for u in units(text)]


def test_front_matter_is_recorded_and_not_text() -> None:
    text = "---\ntitle: 山间小路\ndate: 2020-05-01\ntags:\n  - 散文\n---\n\n山间有一条小路。\n"
    assert _view(text) == [
        (1, "rule", "", "---"), (2, "front", "", "title: 山间小路"),
        (3, "front", "", "date: 2020-05-01"), (4, "front", "", "tags:"),
        (5, "front", "", "- 散文"), (6, "rule", "", "---"), (8, "text", "", "山间有一条小路。"),
    ]


def test_a_leading_rule_is_not_front_matter() -> None:
    text = "---\n这是正文的第一句话，并不是元数据。\n---\n"
    assert [u.kind for u in units(text)] == ["rule", "text", "rule"]


def test_headings_quotes_lists_and_numbering() -> None:
    text = ("## 第一章 Chapter One\n> 引用的一句话。\n* A bullet item\n  - 嵌套的项目\n"
            "3. Third step\n二、第二部分\n（三）第三部分\n")
    assert _view(text) == [
        (1, "heading", "", "第一章 Chapter One"), (2, "quote", "", "引用的一句话。"),
        (3, "item", "*", "A bullet item"), (4, "item", "-", "嵌套的项目"),
        (5, "item", "3.", "Third step"), (6, "text", "二、", "第二部分"),
        (7, "text", "（三）", "第三部分"),
    ]


def test_bare_numbers_are_markers_only_in_a_sequence() -> None:
    numbered = units("1 Rivers and Lakes\n\n2 Mountains rise above the plain.\n")
    assert [(u.marker, u.text) for u in numbered] == [
        ("1", "Rivers and Lakes"), ("2", "Mountains rise above the plain.")]
    single = units("15 people came to the meeting on Monday.\n")
    assert [(u.marker, u.text) for u in single] == [
        ("", "15 people came to the meeting on Monday.")]


def test_code_fences_and_containers_mark_their_lines() -> None:
    text = "```\nriver  n.河流\n```\n::: tip 小贴士\n山 mountain\n:::\n正文。\n"
    got = [(u.kind, u.container, u.text) for u in units(text)]
    assert got == [
        ("rule", "", "```"), ("code", "code", "river  n.河流"), ("rule", "", "```"),
        ("container", "tip", "小贴士"), ("text", "tip", "山 mountain"), ("rule", "", ":::"),
        ("text", "", "正文。"),
    ]


def test_html_block_tags_cut_a_line_and_inline_tags_go() -> None:
    text = ("<p>我们<b>一起</b>去吧。</p><p>Let&rsquo;s go <i>together</i>.</p>\n"
            "中文句子。<br/>An English one.\n")
    assert [(u.line, u.text) for u in units(text)] == [
        (1, "我们一起去吧。"), (1, "Let’s go together."), (2, "中文句子。"), (2, "An English one.")]


def test_html_comments_and_headings() -> None:
    text = "<!--more-->\n<h2>标题</h2>\n<!-- a comment\nover lines -->\n正文。\n"
    assert [(u.kind, u.level, u.text) for u in units(text)] == [
        ("heading", 2, "标题"), ("text", 0, "正文。")]


def test_markdown_emphasis_code_links_and_underline() -> None:
    text, strong = strip_inline("He **stood up** and `walked` to the [door](http://x.org/a_b).")
    assert (text, strong) == ("He stood up and walked to the door.", False)
    assert strip_inline("**一个粗体标题**") == ("一个粗体标题", True)
    assert strip_inline("snake_case_name stays") == ("snake_case_name stays", False)
    assert [p.text for p in split_tags("我<u>喜欢</u>它。")] == ["我喜欢它。"]


def test_table_rows_give_a_unit_per_cell() -> None:
    text = "| 中文 | English |\n|---|---|\n| 你好。 | Hello. |\n"
    assert [(u.line, u.kind, u.text) for u in units(text)] == [
        (1, "table", "中文"), (1, "table", "English"), (2, "rule", "|---|---|"),
        (3, "table", "你好。"), (3, "table", "Hello.")]


def test_subtitle_cues() -> None:
    text = ("1\n00:00:01,000 --> 00:00:02,500\n你好。\nHello.\n\n"
            "2\n00:00:03,000 --> 00:00:04,000\n再见。\nBye.\n")
    assert [(u.kind, u.text) for u in units(text)] == [
        ("cue", "1"), ("cue", "00:00:01,000 --> 00:00:02,500"), ("cue_text", "你好。"),
        ("cue_text", "Hello."), ("cue", "2"), ("cue", "00:00:03,000 --> 00:00:04,000"),
        ("cue_text", "再见。"), ("cue_text", "Bye.")]


def test_blank_lines_are_counted_as_gaps() -> None:
    assert [u.gap for u in units("一。\n\n\n二。\n三。\n")] == [0, 2, 0]


def test_hard_wrapped_paragraphs_become_one_unit_per_paragraph() -> None:
    en = ("The river runs past the old mill and the bakery, then under the stone bridge\n"
          "where the children fish on summer evenings until the light goes, and on to the\n"
          "sea.\n\n"
          "Nobody remembers who built the bridge, but everybody in the village has a story\n"
          "about it, and most of the stories are about the night of the great flood.\n")
    zh = ("\n河水流过老磨坊和面包店，从石桥下穿过，夏天的傍晚孩子们在桥下钓鱼，一直钓到天黑，\n"
          "然后河水一路流向大海。\n")
    text = en + zh
    found = rejoin(units(text), text.split("\n"))
    assert [(u.line, u.last, u.text[:20]) for u in found] == [
        (1, 3, "The river runs past "), (5, 6, "Nobody remembers who"),
        (8, 9, "河水流过老磨坊和面包店，从石桥下穿过，夏")]
    assert found[0].text.endswith("goes, and on to the sea.")
    assert found[2].text.endswith("钓到天黑，然后河水一路流向大海。")


def test_lines_of_verse_are_not_rejoined() -> None:
    text = "床前明月光\n疑是地上霜\n\n举头望明月\n低头思故乡\n"
    assert len(rejoin(units(text), text.split("\n"))) == 4


def test_lrc_timestamps_are_cue_markup() -> None:
    text = ("[00:00.00]江边的茶馆\n[00:02.10]The teahouse is old.\n"
            "[00:05.30][00:06.00]茶馆很老。\n[01:10]\n")
    assert [(u.kind, u.text) for u in units(text)] == [
        ("cue_text", "江边的茶馆"), ("cue_text", "The teahouse is old."),
        ("cue_text", "茶馆很老。"), ("cue", "[01:10]")]
