"""`duizhao notes|words|export` end to end.

Most tests swap in the quick `FakeAnalyzer` (the real segmenter, aligner and dictionary build
caches that take seconds on a fresh home); one slow test runs the real modules together.
"""

from __future__ import annotations

import json
import shutil

import pytest

from reader.cli import main
from tests.commands.conftest import fake_cli
from tests.support import sample_path


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-home")


@pytest.fixture
def run(home, monkeypatch, capsys):
    monkeypatch.setenv("DUIZHAO_HOME", str(home))
    return fake_cli(monkeypatch, capsys)


@pytest.fixture(scope="module")
def article(home):
    copy = home / "article.txt"
    shutil.copy(sample_path(), copy)
    return str(copy)


def test_notes_add_prints_only_the_id_and_list_shows_it(run, article):
    code, out, err = run("notes", "add", article, "--quote", "打假联盟", "--note", "fake *goods*",
                         "--tag", "law", "--tag", "brands")
    assert (code, err) == (0, "")
    note_id = int(out.strip())
    code, out, _ = run("notes", "list", article, "--json")
    data = json.loads(out)
    note = next(n for n in data["notes"] if n["id"] == note_id)
    assert (note["quote"], note["lang"], note["note"], note["tags"]) == (
        "打假联盟", "zh", "fake *goods*", ["law", "brands"])
    assert "aligned" in note      # (its content is checked with the real aligner below)
    # The same file again is found by content hash, not imported twice.
    code, out, _ = run("notes", "add", article, "--quote", "Kering", "--occurrence", "2",
                       "--note", "en side")
    assert code == 0
    code, out, _ = run("notes", "list", str(data["article_id"]), "--json")
    notes = json.loads(out)["notes"]
    assert [n["quote"] for n in notes][-2:] == ["打假联盟", "Kering"]
    assert notes[-1]["lang"] == "en"


def test_notes_add_on_text_that_does_not_exist_is_refused(run, article):
    code, out, _ = run("notes", "list", article, "--json")
    before = json.loads(out)["notes"]
    code, out, err = run("notes", "add", article, "--quote", "不存在的句子", "--note", "x")
    assert code == 2 and out == ""
    assert err.startswith("duizhao: ") and "does not occur" in err and err.count("\n") == 1
    code, out, _ = run("notes", "list", article, "--json")
    assert json.loads(out)["notes"] == before


def test_words_add_fills_reading_senses_and_sentences(run, article):
    code, out, err = run("words", "add", article, "合作", "--status", "learning",
                         "--note", "partnership")
    assert code == 0, err
    code, out, _ = run("words", "list", "--json")
    word = next(w for w in json.loads(out) if w["word"] == "合作")
    assert word["reading"] == "he2 zuo4"
    assert any("cooperat" in s for s in word["senses"])
    assert "合作" in word["sentence_zh"] and word["sentence_en"]
    assert (word["status"], word["note"]) == ("learning", "partnership")


def test_export_markdown_and_anki(run, article, tmp_path):
    run("words", "add", article, "品牌")
    code, out, err = run("export", article, "--format", "markdown", "--pinyin", "saved",
                         "-o", str(tmp_path / "h.md"))
    assert code == 0, err
    text = (tmp_path / "h.md").read_text(encoding="utf-8")
    assert "品牌(pǐnpái)" in text and "| Word | Pinyin | Meaning | HSK |" in text
    assert "打假联盟**[^" in text             # the highlight in bold, then its footnote
    code, out, err = run("export", article, "--format", "anki", "-o", str(tmp_path / "a.txt"))
    assert code == 0, err
    lines = (tmp_path / "a.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#separator:tab" and any(line.startswith("品牌\t") for line in lines)


def test_export_pdf_from_the_command_line(run, article, tmp_path, qapp):
    # With pytest-qt's QApplication already there, the exporter reuses it.
    code, out, err = run("export", article, "--format", "pdf", "-o", str(tmp_path / "h.pdf"))
    assert code == 0, err
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF-")


def test_export_bad_places_and_choices_are_clear(run, article, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("keep")
    code, out, err = run("export", article, "-o", str(blocker / "h.md"))
    assert code == 2 and "is not a folder" in err and blocker.read_text() == "keep"
    code, out, err = run("export", article, "--pinyin", "some")
    assert code == 2 and "pinyin" in err
    code, out, err = run("notes", "list", "9999")
    assert code == 2 and "no article 9999" in err


def test_db_option_pointing_at_a_text_file_is_refused(run, tmp_path):
    fake = tmp_path / "library.sqlite"
    fake.write_text("not a database")
    code, out, err = run("--db", str(fake), "words", "list")
    assert code == 2 and "not a Duizhao library" in err
    assert fake.read_text() == "not a database"


@pytest.mark.slow
def test_real_analysis_end_to_end(tmp_path, monkeypatch, capsys):
    """The real importer, segmenter, pinyin, dictionary and aligner behind the commands."""
    monkeypatch.setenv("DUIZHAO_HOME", str(tmp_path))
    article = str(sample_path())
    assert main(["words", "add", article, "合作"]) == 0
    assert main(["notes", "add", article, "--quote", "打假联盟", "--note", "n"]) == 0
    capsys.readouterr()
    assert main(["words", "list", "--json"]) == 0
    word = json.loads(capsys.readouterr().out)[0]
    assert (word["word"], word["reading"], word["hsk"] is not None) == ("合作", "he2 zuo4", True)
    assert "partnership" in word["sentence_en"] and "合作协议" in word["sentence_zh"]
    assert main(["notes", "list", article, "--json"]) == 0
    note = json.loads(capsys.readouterr().out)["notes"][0]
    assert "anti-counterfeiting alliance" in note["aligned"]


def test_import_command_stores_the_article_once(run, article):
    code, out, _ = run("import", article, "--json")
    library_id = json.loads(out)["library_id"]
    code, out, _ = run("import", article)
    assert out.splitlines()[-1] == f"library id: {library_id}"
    code, out, _ = run("notes", "list", article, "--json")
    assert json.loads(out)["article_id"] == library_id
