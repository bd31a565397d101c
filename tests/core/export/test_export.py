"""Exports: the Markdown handout (golden file + a CommonMark parse) and the Anki file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.core import export
from reader.core.errors import UserError
from reader.core.export import Handout, NoteView, WordView, mark_syllable, marked_reading
from reader.core.export.anki import AnkiExporter, AnkiOptions
from reader.core.export.markdown import (
    MarkdownExporter,
    MarkdownOptions,
    escape,
    parse_pinyin_mode,
)
from reader.core.models import (
    Alignment,
    Anchor,
    Annotation,
    Article,
    Paragraph,
    SavedWord,
    Sentence,
    Title,
)
from reader.core.service import Library
from reader.core.store.store import Store
from tests.support import FakeAnalyzer, sample_path

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DUIZHAO_UPDATE_GOLDEN") == "1"   # regenerate after a deliberate change


def footnote_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    try:
        from mdit_py_plugins.footnote import footnote_plugin
    except ImportError:
        return md
    return md.use(footnote_plugin)


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "library.sqlite"
    library = Library(Store.open(path, backup=False), FakeAnalyzer())
    ref = library.import_file(sample_path())
    library.add_note_by_quote(ref.id, "阿里巴巴宣布",
                              "Announces: *not* a | pipe <script>x</script>", tags=["biz"])
    library.add_note_by_quote(ref.id, "Kering", "the French group", occurrence=2)
    library.add_note_by_quote(ref.id, "打假联盟", "anti-counterfeiting alliance\nsecond line")
    library.save_word(ref.id, "合作", note="x")
    library.save_word(ref.id, "品牌", status="learning")
    yield library, ref.id
    library.close()


def check_golden(name: str, text: str) -> None:
    """`text` equals the golden file `tests/core/export/golden/NAME`. A missing or different file
    fails; `DUIZHAO_UPDATE_GOLDEN=1` (re)writes it, to be reviewed and committed."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"golden file {path} is missing: run these tests once with "
                    f"DUIZHAO_UPDATE_GOLDEN=1 to write it, then review and commit it")
    assert text == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended, rerun with "
        f"DUIZHAO_UPDATE_GOLDEN=1 and review the diff before committing")


@pytest.mark.parametrize("name, options", [
    ("handout-hsk4.md", MarkdownOptions(pinyin="hsk-above:4")),
    ("handout-saved-zh-ruby.md", MarkdownOptions(pinyin="saved", layout="zh", ruby=True)),
])
def test_markdown_handout_matches_golden(sample_library, name, options):
    library, article_id = sample_library
    check_golden(name, MarkdownExporter().render(library.handout(article_id), options))


def test_markdown_handout_parses_with_table_and_footnotes(sample_library):
    library, article_id = sample_library
    text = MarkdownExporter().render(library.handout(article_id),
                                     MarkdownOptions(pinyin="hsk-above:4"))
    md = footnote_parser()
    tokens = md.parse(text)
    kinds = [t.type for t in tokens]
    assert kinds.count("table_open") == 1
    header = [t.children[0].content for t in tokens if t.type == "inline"
              and tokens[tokens.index(t) - 1].type == "th_open"]
    assert header == ["Word", "Pinyin", "Meaning", "HSK"]
    rows = sum(1 for t in tokens if t.type == "tr_open") - 1
    assert rows >= 2
    html = md.render(text)
    assert "<script>" not in html                         # user HTML is never injected
    assert "&lt;script&gt;" in html
    assert "brand | trademark" in html                    # a pipe stays inside its cell
    if "footnote_ref" in {c.type for t in tokens if t.children for c in t.children}:
        refs = re.findall(r'<sup class="footnote-ref">', html)
        assert len(refs) == 3
        assert html.count('<li id="fn') == 3
    else:   # plugin missing: the syntax is still right
        assert len(re.findall(r"^\[\^\d+\]: ", text, re.M)) == 3


def test_notes_sit_at_the_quoted_spot(sample_library):
    library, article_id = sample_library
    text = MarkdownExporter().render(library.handout(article_id), MarkdownOptions())
    number = re.search(r"阿里巴巴宣布\*\*\[\^(\d+)\]", text)
    assert number, "the footnote follows the quote"
    assert re.search(rf"^\[\^{number.group(1)}\]: Announces", text, re.M)
    assert re.search(r"In 2015, \*\*Kering\*\*\[\^\d+\] filed", text)


def test_pinyin_modes_choose_words(sample_library):
    library, article_id = sample_library
    handout = library.handout(article_id)
    render = MarkdownExporter().render
    none = render(handout, MarkdownOptions(pinyin="none"))
    saved = render(handout, MarkdownOptions(pinyin="saved"))
    every = render(handout, MarkdownOptions(pinyin="all"))
    assert "(hézuò)" not in none and "合作(hézuò)" in saved and "银" not in saved
    assert "公司(gōngsī)" in every and "公司(gōngsī)" not in saved
    assert "<ruby>合作<rt>hézuò</rt></ruby>" in render(
        handout, MarkdownOptions(pinyin="saved", ruby=True))


def test_locked_reading_is_used_by_exports(sample_library):
    library, article_id = sample_library
    library.lock_reading(article_id, "合作", "he2 zuo5")
    try:
        text = MarkdownExporter().render(library.handout(article_id),
                                         MarkdownOptions(pinyin="saved"))
        assert "合作(hézuo)" in text
    finally:
        library.lock_reading(article_id, "合作", None)


def tiny_handout(note_text: str, word_note: str = "") -> Handout:
    zh = "我们去银行。"
    article = Article(Title("标题 | *x*", "Title"), (Paragraph(zh, (Sentence(zh, 0, 6),)),),
                      (Paragraph("We go to the bank.", (Sentence("We go to the bank.", 0, 18),)),))
    note = Annotation(1, 1, Anchor("zh", 3, 5, "银行"), note=note_text)
    words = (WordView("我们", 0, 2, "wo3 men5", 1), WordView("去", 2, 3, "qu4", 1),
             WordView("银行", 3, 5, "yin2 hang2", 3, "bank"), WordView("。", 5, 6))
    saved = SavedWord(1, "银行", "yin2 hang2", ("bank", 'the "central" one'), "我们去银行。",
                      "We go to the bank.", 1, "new", word_note, 3)
    return Handout(article, Alignment(), (NoteView(note, "We go to the bank."),), (saved,),
                   (words,))


@pytest.mark.parametrize("hostile", ["| a | b |", "**bold** _x_", "<script>alert(1)</script>",
                                     "[^1]: fake", "# heading\n- item", "`code` \\ end"])
def test_hostile_text_cannot_break_the_handout(hostile):
    handout = tiny_handout(hostile)
    handout = Handout(Article(Title(hostile), handout.article.zh, handout.article.en),
                      handout.alignment, handout.notes,
                      (SavedWord(1, "银行", "yin2 hang2", (hostile,), status="new"),),
                      handout.zh_words)
    text = MarkdownExporter().render(handout, MarkdownOptions(pinyin="saved"))
    tokens = footnote_parser().parse(text)
    cells = [t for t in tokens if t.type in ("td_open", "th_open")]
    assert len(cells) == 8                       # header + one row, 4 columns each
    assert "<script" not in footnote_parser().render(text)
    heading = next(t for t in tokens if t.type == "heading_open")
    assert heading.tag == "h1"


def test_escape_keeps_text_readable():
    assert escape("a | b * c <d>") == "a \\| b \\* c &lt;d&gt;"
    assert escape("1. not a list") == "1\\. not a list"
    assert escape("e-commerce") == "e-commerce"


def test_pinyin_marks():
    assert [mark_syllable(s) for s in ("hang2", "lv4", "de5", "gui4", "xiong2", "er2")] == [
        "háng", "lǜ", "de", "guì", "xióng", "ér"]
    assert marked_reading("yin2 hang2") == "yínháng"


def test_bad_pinyin_mode_and_format_are_user_errors():
    with pytest.raises(UserError, match="hsk-above:N"):
        parse_pinyin_mode("hsk-above:x")
    with pytest.raises(UserError, match="unknown export format"):
        export.get("docx")
    assert {"markdown", "anki"} <= set(export.names())


def test_anki_file_has_headers_and_one_row_per_word(tmp_path):
    handout = tiny_handout("n")
    handout = Handout(handout.article, handout.alignment, handout.notes, handout.words,
                      handout.zh_words, {"traditional": {"银行": "銀行"}})
    out = AnkiExporter().export(handout, AnkiOptions(), tmp_path / "words.txt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["#separator:tab", "#html:true", "#notetype:Duizhao Chinese",
                         "#deck:Duizhao",
                         "#columns:Hanzi\tPinyin\tMeaning\tSentence\tSentence (en)\t"
                         "Traditional\tCloze\tTags", "#tags column:8"]
    fields = lines[6].split("\t")
    assert fields == ["银行", "yínháng", "bank; the &quot;central&quot; one",
                      "我们去<b>银行</b>。", "We go to the bank.", "銀行",
                      "我们去{{c1::银行}}。", "duizhao new HSK3"]
    assert len(lines) == 7


def test_anki_skips_known_words_unless_asked_and_flattens_fields():
    handout = tiny_handout("n")
    known = SavedWord(2, "我们", "wo3 men5", ("we",), status="known")
    tabbed = SavedWord(3, "去", "qu4", ("to go\tleave\n<there>",), status="learning")
    handout = Handout(handout.article, handout.alignment, (), (*handout.words, known, tabbed))
    rows = [r for r in AnkiExporter().render(handout, AnkiOptions()).splitlines()
            if not r.startswith("#")]
    assert [r.split("\t")[0] for r in rows] == ["银行", "去"]
    assert rows[1].split("\t")[2] == "to go leave &lt;there&gt;"
    assert rows[1].split("\t")[6] == "{{c1::去}}"              # no sentence: the word alone
    every = AnkiExporter().render(handout, AnkiOptions(statuses=()))
    assert "\n我们\twǒmen\t" in every


def test_export_into_a_path_under_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(UserError, match="cannot write"):
        MarkdownExporter().export(tiny_handout("n"), MarkdownOptions(), blocker / "out.md")
    assert blocker.read_text() == "x"


def test_unsure_readings_are_marked_for_the_teacher():
    sure = tiny_handout("n")
    words = tuple(WordView(w.text, w.start, w.end, w.reading, w.hsk, w.meaning,
                           unsure=w.text == "银行") for w in sure.zh_words[0])
    unsure = Handout(sure.article, sure.alignment, sure.notes, sure.words, (words,))
    options = MarkdownOptions(pinyin="all")
    plain, marked = (MarkdownExporter().render(h, options) for h in (sure, unsure))
    assert "**银行**(yínháng)" in plain and "best guess" not in plain
    assert "**银行**(yínháng?)" in marked and "我们(wǒmen)" in marked
    assert "best guess" in marked


def test_words_of_flags_guesses_unless_the_teacher_locked_them(tmp_path, monkeypatch):
    from reader.core.models import Reading
    from reader.core.service import Library
    from tests.support import FakeAnalyzer, sample_path

    class Unsure(FakeAnalyzer):
        def readings(self, text, tokens, overrides=None):
            return [Reading(r.token, r.syllables, (0.5,) * len(r.syllables))
                    for r in super().readings(text, tokens, overrides)]

    with Library.open(tmp_path / "lib.sqlite", analyzer=Unsure()) as library:
        article_id = library.import_file(sample_path()).id
        library.lock_reading(article_id, "合作", "he2 zuo4")
        words = {w.text: w for w in library.words_of(article_id)}
        assert words["合作"].unsure is False
        assert words["品牌"].unsure is True
