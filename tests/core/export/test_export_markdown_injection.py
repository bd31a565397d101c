"""Hostile notes, quotes, tags and titles cannot reshape the Markdown handout.

The handout is rendered with markdown-it (CommonMark + tables + the footnote plugin, as GitHub
and Obsidian read it) and compared with the same handout holding harmless text of the same
shape: the block structure must be identical, every note must read as itself inside its own
footnote, and nothing may become a link, an image, HTML or a link definition.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from reader.core.export import Handout, NoteView, WordView
from reader.core.export.markdown import MarkdownExporter, MarkdownOptions, escape
from reader.core.models import Alignment, Anchor, Annotation, Article, Paragraph, Sentence, Title

WORDS = ("银行", "工作", "合作", "品牌", "市场", "公司", "声明", "技术")

HOSTILE = [
    "[^1]: hijacked footnote one",
    "first line\n[^2]: a second definition\n[^1]: and another",
    "```\nfenced code\n```",
    "~~~python\nx = 1\n~~~",
    "# heading one",
    "###### six",
    "title line\n===",
    "title line\n---",
    "- item\n* item\n+ item",
    "1. one\n2) two",
    "2017. was a year",
    "> quoted\n>> deeper",
    "[x]: http://example.com",
    "[x]: javascript:alert(1)\n\n[see][x]",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![img](javascript:alert(1))",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a | b\n--- | ---",
    "<div>\nraw html block\n</div>",
    "<script>alert(1)</script>",
    "<!-- a comment -->",
    "    indented code",
    "para\n\n    code after a blank line",
    "***",
    "* * *",
    "___",
    "_ _ _",
    "&lt;b&gt; &amp; &#106;avascript:alert(1)",
    "back\\slash \\[^1] \\",
    "two trailing spaces  \nnext line",
    "$x^2$ and $5",
    "==mark== ~~strike~~ %%hidden%%",
    "`code` and ``double``",
    "para one\n\n\npara two\n\n- a list after a blank line",
    "windows\r\nline\rends",
    "\t\ttabbed\n  \tmixed",
    "*emphasis* and **strong** and _under_",
    "家庭 👨\u200d👩\u200d👧 می\u200cخواهم",
    "[",
    "]:",
    "<",
    "\\",
]


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    # markdown-it drops `javascript:` links itself; other renderers may not, so the handout
    # must not rely on it: accept every link here and require that none is made.
    md.validateLink = lambda url: True
    return md


def paragraphs_of(note: str) -> int:
    """How many paragraphs a note is: runs of non-blank lines."""
    count, blank = 0, True
    for line in note.strip().splitlines():
        if line.strip() and blank:
            count += 1
        blank = not line.strip()
    return count


def benign(note: str) -> str:
    """Harmless text with the note's paragraph shape."""
    return "\n\n".join("plain words" for _ in range(max(1, paragraphs_of(note))))


def handout(notes: list[str], title: str = "标题", tags: tuple[str, ...] = ("tag",),
            english: str = "We go to the bank.") -> Handout:
    zh = "".join(WORDS[:len(notes)]) + "。"
    views, annotations, start = [], [], 0
    for number, (word, note) in enumerate(zip(WORDS, notes, strict=False), 1):
        views.append(WordView(word, start, start + len(word)))
        anchor = Anchor("zh", start, start + len(word), word)
        annotations.append(NoteView(Annotation(number, 1, anchor, note=note, tags=tags)))
        start += len(word)
    views.append(WordView("。", start, start + 1))
    article = Article(Title(title, "Title"), (Paragraph(zh, (Sentence(zh, 0, len(zh)),)),),
                      (Paragraph(english, (Sentence(english, 0, len(english)),)),))
    return Handout(article, Alignment(), tuple(annotations), (), (tuple(views),))


def render(h: Handout) -> str:
    return MarkdownExporter().render(h, MarkdownOptions())


def block_shape(text: str) -> list[tuple[str, str]]:
    return [(t.type, t.tag) for t in parser().parse(text) if t.type != "inline"]


def plain(text: str) -> str:
    """Text as read: whitespace collapsed, emphasis marks (kept as Markdown in notes) gone."""
    return " ".join(text.replace("*", "").replace("_", "").split())


def footnote_texts(text: str) -> dict[int, str]:
    """Each footnote's visible text, by its label."""
    out: dict[int, str] = {}
    label, parts = None, []
    for token in parser().parse(text):
        if token.type == "footnote_open":
            label, parts = token.meta["label"], []
        elif token.type == "footnote_close":
            out[int(label)] = " ".join(parts)
            label = None
        elif label is not None and token.type == "inline":
            parts.append("".join(_visible(c) for c in token.children))
    return out


def _visible(child) -> str:
    if child.type in ("softbreak", "hardbreak"):
        return " "
    return child.content if child.type in ("text", "code_inline") else ""


def inline_types(text: str) -> set[str]:
    return {c.type for t in parser().parse(text) if t.children for c in t.children}


def assert_contained(notes: list[str], text: str) -> None:
    """The shared checks: one intact footnote per note, nothing clickable or raw."""
    footnotes = footnote_texts(text)
    assert sorted(footnotes) == list(range(1, len(notes) + 1))
    for number, note in enumerate(notes, 1):
        # the note, then its tags: a note appears once, in its footnote
        assert plain(footnotes[number]) == plain(note + " Tags: tag"), (number, note, text)
    assert not inline_types(text) & {"link_open", "image", "html_inline", "code_inline"}
    env: dict = {}
    parser().parse(text, env)
    assert not env.get("references"), "a link reference definition came from user text"
    assert len(env["footnotes"]["list"]) == len(notes)
    html = parser().render(text)
    targets = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert all(t.startswith(("#fn", "#fnref")) for t in targets), targets
    assert "<script" not in html and "<div" not in html and "<!--" not in html


@pytest.mark.parametrize("note", HOSTILE)
def test_a_hostile_note_stays_in_its_footnote(note: str) -> None:
    notes = ["first note", note, "last note"]
    text = render(handout(notes))
    assert block_shape(text) == block_shape(render(handout(
        ["first note", benign(note), "last note"])))
    assert_contained(notes, text)


def test_every_hostile_note_together() -> None:
    for start in range(0, len(HOSTILE), len(WORDS)):
        notes = HOSTILE[start:start + len(WORDS)]
        text = render(handout(notes))
        assert block_shape(text) == block_shape(render(handout([benign(n) for n in notes])))
        assert_contained(notes, text)


@pytest.mark.parametrize("hostile", [h for h in HOSTILE if "\n" not in h.strip()])
def test_hostile_titles_tags_and_article_text_read_as_themselves(hostile: str) -> None:
    text = render(handout(["a note"], title=hostile, tags=(hostile, "ok"), english=hostile))
    assert block_shape(text) == block_shape(render(handout(
        ["a note"], title="plain words", tags=("plain", "ok"), english="plain words")))
    tokens = parser().parse(text)
    inline = [t for t in tokens if t.type == "inline"]
    assert plain("".join(map(_visible, inline[0].children))) == plain(hostile)
    tags_line = next(t for t in inline if t.content.startswith("Tags: "))
    assert plain("".join(map(_visible, tags_line.children))) == plain(
        f"Tags: {hostile}, ok")
    assert not inline_types(text) & {"link_open", "image", "html_inline", "code_inline"}


def test_escape_of_a_line_start_keeps_emphasis_only_in_notes() -> None:
    assert escape("*x*") == "\\*x\\*"
    text = render(handout(["*x* then\n* not a list"]))
    assert "[^1]: *x* then\n    \\* not a list" in text


# Hypothesis: notes built from the pieces Markdown is made of.
PIECES = st.sampled_from([
    "[^1]:", "[^2]", "[", "]", "(", ")", ":", "^", "#", "##", "-", "+", "*", "_", "=", "---",
    "===", ">", "<", "&", "&amp;", "&#35;", "`", "```", "~~~", "|", "!", "$", "%%", "\\",
    "1.", "2)", "2017.", "javascript:", "http://x.y", "<a href=x>", "<div>", " ", "  ",
    "    ", "\t", "\n", "\n\n", "\r\n", "word", "银行", "😀", "\u200d", "e", "x",
])
NOTES = st.lists(PIECES, min_size=1, max_size=24).map("".join).filter(lambda n: n.strip())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NOTES, min_size=1, max_size=4))
def test_any_note_stays_in_its_own_footnote(notes: list[str]) -> None:
    text = render(handout(notes))
    assert block_shape(text) == block_shape(render(handout([benign(n) for n in notes])))
    assert_contained(notes, text)


@pytest.mark.parametrize("hostile", [h for h in HOSTILE if h.strip()][:40])
def test_side_by_side_table_keeps_two_cells_whatever_the_text(hostile: str) -> None:
    h = handout(["a note", hostile], english=hostile)
    text = MarkdownExporter().render(h, MarkdownOptions(arrangement="side-by-side",
                                                        glossary=False))
    tokens = parser().parse(text)
    assert [t.type for t in tokens].count("td_open") == 2, text
    assert not inline_types(text) & {"link_open", "image", "html_inline", "code_inline"}
    assert len(footnote_texts(text)) == 2
