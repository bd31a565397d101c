"""The handout a teacher prints: which words get pinyin, the glossary, highlights, notes once,
and Markdown that reads alike in CommonMark (markdown-it) and python-markdown."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from reader.core.export import Handout, NoteView, WordView
from reader.core.export.choices import above_level
from reader.core.export.markdown import MarkdownExporter, MarkdownOptions
from reader.core.models import Alignment, Anchor, Annotation, Article, Paragraph, Sentence, Title

ZH = "马云的两家公司上周四发表了2015份声明。"
EN = "Ma’s two companies issued 2015 statements last Thursday."


def words() -> tuple[WordView, ...]:
    spec = [("马云", "Ma3 Yun2", None, True, True), ("的", "de5", 1, True, False),
            ("两家", "liang3 jia1", None, False, False), ("公司", "gong1 si1", 2, True, False),
            ("上周四", "shang4 zhou1 si4", None, False, False),
            ("发表", "fa1 biao3", 5, True, False), ("了", "le5", 1, True, False),
            ("2015", "", None, False, False), ("份", "fen4", 3, True, False),
            ("声明", "sheng1 ming2", 7, True, False), ("。", "", None, False, False)]
    out, at = [], 0
    for text, reading, hsk, entry, name in spec:
        out.append(WordView(text, at, at + len(text), reading, hsk,
                            "to issue; to publish" if text == "发表" else "statement",
                            entry=entry, name=name))
        at += len(text)
    assert at == len(ZH)
    return tuple(out)


def handout(notes: tuple[NoteView, ...] = ()) -> Handout:
    article = Article(Title("标题", "Title"), (Paragraph(ZH, (Sentence(ZH, 0, len(ZH)),)),),
                      (Paragraph(EN, (Sentence(EN, 0, len(EN)),)),))
    return Handout(article, Alignment(), notes, (), (words(),))


def note(lang: str, quote: str, text: str, number: int) -> NoteView:
    body = ZH if lang == "zh" else EN
    start = body.index(quote)
    return NoteView(Annotation(number, 1, Anchor(lang, start, start + len(quote), quote),
                               note=text, tags=("t",)))


def render(h: Handout, **options) -> str:
    return MarkdownExporter().render(h, MarkdownOptions(**options))


def test_pinyin_above_a_level_is_for_dictionary_words_only():
    text = render(handout(), pinyin="hsk-above:4")
    assert "发表(fābiǎo)" in text and "声明(shēngmíng)" in text
    for bare in ("两家", "上周四", "公司", "马云", "2015"):
        assert f"{bare}(" not in text, bare
    named = render(handout(), pinyin="hsk-above:4", names=True)
    assert "马云(Mǎ Yún)" in named


def test_glossary_lists_each_word_once_with_one_sense_and_no_names():
    text = render(handout(), pinyin="hsk-above:2", names=True)
    rows = [line for line in text.splitlines() if line.startswith("| ")][2:]
    assert [r.split(" | ")[0][2:] for r in rows] == ["发表", "份", "声明"]
    assert "| 发表 | fābiǎo | to issue | 5 |" in rows
    assert "| 声明 | shēngmíng | statement | 7–9 |" in rows


def test_outside_the_lists_a_compound_of_easy_words_stays_bare():
    word = WordView("母公司", 0, 3, "mu3 gong1 si1", None, entry=True, parts_level=3)
    assert not above_level(word, 4) and above_level(word, 2)
    assert above_level(WordView("积怨", 0, 2, "ji1 yuan4", None), 6)   # outside, no parts


def test_a_note_appears_once_and_its_highlight_is_bold():
    notes = (note("zh", "两家公司", "two firms", 1), note("en", "issued", "past tense", 2))
    text = render(handout(notes), pinyin="hsk-above:4")
    assert text.count("two firms") == 1 and text.count("past tense") == 1
    assert "## Notes" not in text
    assert "**两家公司**[^1]" in text and "**issued**[^2]" in text
    html = MarkdownIt("commonmark").render(text)
    assert "<strong>两家公司</strong>" in html and "<strong>issued</strong>" in html
    assert "**" not in html


def test_a_highlight_with_pinyin_and_punctuation_stays_well_formed():
    notes = (note("zh", "发表了2015份声明。", "issued", 1),)
    for options in ({"pinyin": "hsk-above:4"}, {"pinyin": "all", "ruby": True}):
        text = render(handout(notes), **options)
        html = MarkdownIt("commonmark").render(text)
        assert "**" not in html, text
        assert "<strong>发表</strong>" in html


def test_notes_the_text_cannot_show_are_listed_with_four_space_indents():
    notes = (note("en", "issued", "past tense", 1),)
    text = render(handout(notes), layout="zh")
    assert re.search(r"^-   \*\*1\.\*\* issued\n\n    past tense\n\n    Tags: t$", text, re.M)


@pytest.mark.parametrize("options", [{"pinyin": "hsk-above:4"}, {"layout": "zh"}])
def test_markdown_reads_alike_in_commonmark_and_python_markdown(options):
    markdown = pytest.importorskip("markdown")
    notes = (note("zh", "两家公司", "two firms\nsecond line", 1),
             note("en", "issued", "past tense", 2))
    text = render(handout(notes), **options)
    ours = markdown.markdown(text, extensions=["footnotes", "tables"])
    theirs = MarkdownIt("commonmark").enable("table").use(footnote_plugin).render(text)
    ours, our_notes = ours.split('<div class="footnote">')
    theirs, their_notes = theirs.split('<section class="footnotes">')

    def shape(html: str) -> list[str]:
        return re.findall(r"<(/?(?:h\d|p|ul|ol|li|table|tr|strong|em|blockquote))\b", html)

    assert shape(ours) == shape(theirs)            # body, glossary and notes list alike
    assert shape(our_notes).count("li") == shape(their_notes).count("li") >= 1
    assert "second line" in our_notes and "second line" in their_notes


def test_the_printed_plan_makes_the_markdown_choices():
    from reader.core.export.plan import make_plan

    notes = (note("zh", "两家公司", "two firms", 1),)
    plan = make_plan(handout(notes), pinyin="hsk-above:4")
    runs = [r for zh, _en in plan.beads for p in zh for r in p]
    assert [r.text for r in runs if r.pinyin] == ["发表", "声明"]
    assert [r.text for r in runs if r.bold] == ["两家", "公司"]
    assert [r.notes for r in runs if r.notes] == [(1,)]
    assert [row[0] for row in plan.glossary] == ["发表", "声明"]
    assert [(f.number, f.text) for f in plan.footnotes] == [(1, "two firms")]


def test_side_by_side_markdown_is_a_table_of_beads_in_both_renderers():
    notes = (note("zh", "两家公司", "two | firms", 1), note("en", "issued", "past", 2))
    text = render(handout(notes), pinyin="hsk-above:4", arrangement="side-by-side",
                  glossary=False)
    tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(text)
    cells = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "td_open"]
    assert len(cells) == 2                                   # one bead: Chinese | English
    assert cells[0].startswith("马云的**两家公司**[^1]") and "发表(fābiǎo)" in cells[0]
    assert cells[1].startswith("Ma’s two companies **issued**[^2]")
    markdown = pytest.importorskip("markdown")
    html = markdown.markdown(text, extensions=["footnotes", "tables"])
    assert html.count("<td>") == 2 and "<strong>issued</strong>" in html
    assert text.count("two \\| firms") == 1                  # the note's pipe stays escaped
