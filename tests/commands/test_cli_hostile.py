"""Hostile input to the article commands: one line on stderr and status 2, never a traceback.

FILE|ID arguments that are neither, file names that are not UTF-8, counts out of range,
quotes that are empty, missing or full of control characters, places that cannot be written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main, parse_article_id, positive_int
from tests.commands.conftest import fake_cli
from tests.support import sample_path

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(duizhao_home, monkeypatch, capsys):
    return fake_cli(monkeypatch, capsys)


@pytest.fixture
def article(tmp_path):
    copy = tmp_path / "article.txt"
    shutil.copy(sample_path(), copy)
    return str(copy)


def one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2, err
    assert out == "" and err.startswith("duizhao: ") and err.count("\n") == 1, err
    assert len(err) < 400, "a message names what is wrong, it does not echo megabytes"
    return err


# ---------------------------------------------------------------- FILE|ID

@pytest.mark.parametrize("value, expected", [
    ("12", 12), ("007", 7), ("0", 0), (str(2**63 - 1), 2**63 - 1), (str(2**63), None),
    ("99999999999999999999", None), ("9" * 5000, None), ("²", None), ("١٢", None),
    ("１２", None), ("-1", None), ("+1", None), (" 1", None), ("1e3", None), ("", None),
])
def test_article_ids_are_ascii_digits_within_sqlite_int64(value, expected):
    assert parse_article_id(value) == expected


COMMANDS = {
    "notes list": lambda value, out: ["notes", "list", value],
    "notes add": lambda value, out: ["notes", "add", value, "--quote", "x"],
    "words add": lambda value, out: ["words", "add", value, "合作"],
    "export": lambda value, out: ["export", value, "-o", out],
}


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "١٢", "9" * 5000, "a" * 5000,
                                   "no-such-file.txt"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_what_is_neither_a_file_nor_an_id_is_one_line(run, tmp_path, value, command):
    err = one_line_error(*run(*COMMANDS[command](value, str(tmp_path))))
    assert "neither a file nor an article id" in err


def test_an_id_that_is_not_in_the_library_says_so(run):
    err = one_line_error(*run("notes", "list", "0"))
    assert "no article 0" in err


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "empty.txt", "is empty"),
    (lambda d: d / "binary.dat", "binary data"),
    (lambda d: d, "is a directory"),
])
def test_files_that_are_not_articles(duizhao_home, tmp_path, capsys, make, message):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.dat").write_bytes(bytes(range(256)) * 8)
    for argv in (["notes", "list", str(make(tmp_path))], ["import", str(make(tmp_path))]):
        err = one_line_error(main(argv), *capsys.readouterr())
        assert message in err


# ---------------------------------------------------------------- a name that is not UTF-8

@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_works_everywhere(warm_cache, duizhao_home, tmp_path):
    folder = os.fsencode(tmp_path)
    bad = folder + b"/\xff\xfe article.txt"
    Path(os.fsdecode(bad)).write_bytes(sample_path().read_bytes())
    env = {**os.environ, "DUIZHAO_HOME": str(duizhao_home), "PYTHONPATH": str(REPO)}

    def duizhao(*argv: str | bytes) -> tuple[int, str, str]:
        done = subprocess.run([sys.executable, "-m", "reader", *argv], env=env, cwd=tmp_path,
                              capture_output=True, timeout=300)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        assert "Traceback" not in err, err
        return done.returncode, out, err

    code, out, err = duizhao("import", bad, "--json")
    assert code == 0, err
    library_id = json.loads(out)["library_id"]
    code, out, err = duizhao("notes", "add", bad, "--quote", "打假联盟", "--note", "n")
    assert code == 0, err
    code, out, err = duizhao("notes", "list", bad, "--json")
    assert code == 0 and json.loads(out)["article_id"] == library_id, err
    assert duizhao("words", "add", bad, "合作")[0] == 0
    code, out, err = duizhao("export", bad, "-o", folder + b"/\xff out.md")
    assert code == 0, err
    assert out.strip() == os.fsdecode(folder) + "/\\xff out.md"     # shown, not crashed on
    assert Path(os.fsdecode(folder + b"/\xff out.md")).read_text(encoding="utf-8")
    code, out, err = duizhao("notes", "list", folder + b"/\xff missing.txt")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "\\xff missing.txt is neither a file nor an article id" in err


def test_a_name_that_is_not_utf8_is_stored_in_a_form_sqlite_takes(run, tmp_path):
    bad = os.fsdecode(os.fsencode(tmp_path) + b"/\xe9t\xe9.txt")
    shutil.copy(sample_path(), bad)
    code, out, err = run("import", bad, "--json")
    assert code == 0, err
    from reader.core.service import Library

    with Library.open() as library:
        stored = {row["source_path"] for row in library.articles()}
    assert str(tmp_path / "\\xe9t\\xe9.txt") in stored


# ---------------------------------------------------------------- --occurrence and quotes

@pytest.mark.parametrize("value", ["0", "-1", "x", "1.5", "²", "99999999999999999999999"])
def test_occurrence_must_be_a_whole_number_from_one(run, article, value):
    err = one_line_error(*run("notes", "add", article, "--quote", "Kering",
                              f"--occurrence={value}"))
    assert "--occurrence" in err


def test_positive_int_accepts_counts():
    assert positive_int("1") == 1 and positive_int("12") == 12


def test_a_missing_occurrence_says_how_often_the_quote_occurs(run, article):
    err = one_line_error(*run("notes", "add", article, "--quote", "打假联盟",
                              "--occurrence", "2"))
    assert "occurs only once" in err and "(s)" not in err
    err = one_line_error(*run("notes", "add", article, "--quote", "Kering",
                              "--occurrence", "99"))  # 9 in the sample
    assert "'Kering' occurs only 9 times in the article's English text" in err
    err = one_line_error(*run("notes", "add", article, "--quote", "不存在的句子"))
    assert "does not occur in the article's Chinese text" in err and "(s)" not in err


def test_quotes_empty_long_or_with_control_characters(run, article):
    assert "the quote is empty" in one_line_error(*run("notes", "add", article, "--quote", ""))
    assert "the quote is empty" in one_line_error(
        *run("notes", "add", article, "--quote", "\x1b\x07"))
    err = one_line_error(*run("notes", "add", article, "--quote", "x" * 100_000))
    assert "does not occur" in err
    # The article was normalised on import (no controls, NFC, \n): so is the quote.
    code, out, err = run("notes", "add", article, "--quote", "打假\x07联盟", "--note",
                         "colour \x1b[31mred\x1b[0m\nsecond line")
    assert code == 0, err
    code, out, err = run("notes", "list", article)
    assert "\x1b" not in out and "\\x1b[31mred" in out
    assert "\tcolour \\x1b[31mred\\x1b[0m\n\tsecond line\n" in out
    code, out, err = run("notes", "list", article, "--json")
    note = json.loads(out)["notes"][-1]
    assert note["quote"] == "打假联盟" and note["note"].startswith("colour \x1b[31m")


# ---------------------------------------------------------------- places and choices

def test_export_to_places_that_cannot_be_written(run, article, tmp_path):
    for target, message in ((tmp_path / "missing" / "h.md", "is not a folder"),
                            (tmp_path / ("n" * 5000) / "h.md", "cannot write")):
        err = one_line_error(*run("export", article, "-o", str(target)))
        assert message in err
    code, out, err = run("export", article, "-o", str(tmp_path))
    assert code == 0 and Path(out.strip()).parent == tmp_path


def test_export_never_replaces_a_device_or_pipe(run, article, tmp_path):
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    err = one_line_error(*run("export", article, "-o", str(pipe)))
    assert "not a regular file" in err and pipe.is_fifo()
    from reader.core.errors import UserError
    from reader.core.export import write_text_file

    with pytest.raises(UserError, match="not a regular file"):
        write_text_file(pipe, "x")          # the same guard for the window's exports
    assert pipe.is_fifo()


def test_words_add_with_a_bad_status_or_word(run, article):
    assert "--status" in one_line_error(*run("words", "add", article, "合作", "--status", "x"))
    assert "empty" in one_line_error(*run("words", "add", article, "  "))
    one_line_error(*run("words", "add", article, "字" * 30_000))


# ---------------------------------------------------------------- text that is not UTF-8

BAD = os.fsdecode(b"bad \xff text")     # how Python hands over argument bytes that are not UTF-8


@pytest.mark.parametrize("argv", [
    ["notes", "add", "{article}", "--quote", "Kering", "--note", BAD],
    ["notes", "add", "{article}", "--quote", BAD],
    ["notes", "add", "{article}", "--quote", "Kering", "--tag", BAD],
    ["words", "add", "{article}", BAD],
    ["words", "add", "{article}", "合作", "--note", BAD],
    ["gloss", "银行", BAD],
    ["pinyin", BAD],
])
def test_text_arguments_that_are_not_utf8_are_refused(run, article, argv):
    err = one_line_error(*run(*(a.format(article=article) for a in argv)))
    assert "not valid UTF-8 text" in err
