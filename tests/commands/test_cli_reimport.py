"""`duizhao import FILE --update [ID]` and `duizhao notes list FILE|ID --orphans`."""

from __future__ import annotations

import json

import pytest

from tests.commands.conftest import fake_cli

TEXT = ("标题\n\n我们去银行还钱。他在银行工作。\n\n合作很重要。\n\n"
        "We went to the bank to repay. He works at a bank.\n\nCooperation matters.")
EDITED = TEXT.replace("合作很重要。", "天气很好。").replace("我们去", "昨天我们去")


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DUIZHAO_HOME", str(tmp_path / "home"))
    return fake_cli(monkeypatch, capsys)


@pytest.fixture
def article(tmp_path, run):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, err = run("notes", "add", str(path), "--quote", "他在银行工作", "--note", "kept")
    assert code == 0, err
    code, out, err = run("notes", "add", str(path), "--quote", "合作很重要", "--note", "gone")
    assert code == 0, err
    return path


def test_update_moves_the_notes_and_reports_the_orphans_as_json(run, article):
    code, out, _ = run("notes", "list", str(article), "--json")
    first = json.loads(out)
    gone = next(n["id"] for n in first["notes"] if n["note"] == "gone")
    article.write_text(EDITED, encoding="utf-8")
    code, out, err = run("import", str(article), "--update", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["library_id"] == first["article_id"]
    assert {k: data["update"][k] for k in ("placed", "moved", "orphaned")} == {
        "placed": 1, "moved": 1, "orphaned": 1}
    assert data["update"]["orphans"] == [
        {"id": gone, "lang": "zh", "quote": "合作很重要", "note": "gone"}]
    code, out, _ = run("notes", "list", str(article), "--orphans", "--json")
    listed = json.loads(out)
    assert listed["article_id"] == first["article_id"]
    assert [n["id"] for n in listed["notes"]] == [gone]
    code, out, _ = run("notes", "list", str(first["article_id"]), "--orphans")
    assert "合作很重要" in out and "他在银行工作" not in out and "orphaned" in out


def test_update_by_id_prints_counts_and_orphans(run, article):
    code, out, _ = run("notes", "list", str(article), "--json")
    article_id = json.loads(out)["article_id"]
    article.write_text(EDITED, encoding="utf-8")
    code, out, err = run("import", str(article), "--update", str(article_id))
    assert code == 0, err
    assert f"library id: {article_id}" in out
    assert "1 placed again (1 moved), 1 orphaned" in out
    assert "orphaned note" in out and "'合作很重要'" in out


def test_opening_a_changed_file_without_update_says_how_to_update(run, article):
    article.write_text(EDITED, encoding="utf-8")
    code, out, err = run("import", str(article))
    assert code == 0
    assert err.count("\n") == 1 and "changed since it was imported as article" in err
    assert "--update" in err


def test_update_errors_are_one_line(run, article, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(EDITED, encoding="utf-8")
    assert run("import", str(other))[0] == 0               # the edited text, stored apart
    article.write_text(EDITED, encoding="utf-8")
    code, out, err = run("import", str(article), "--update")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "already in the library as article" in err
    assert "Traceback" not in err
    code, _, err = run("import", str(other), "--update", "x1")
    assert code == 2 and "an article id is a number" in err
    code, _, err = run("import", "--update")
    assert code == 2 and err.count("\n") == 1
    fresh = tmp_path / "fresh.txt"
    fresh.write_text(TEXT + "\n\nMore.", encoding="utf-8")
    code, _, err = run("import", str(fresh), "--update")
    assert code == 2 and "no article in the library was imported from" in err


def test_listing_a_changed_file_lists_the_stored_notes_without_a_new_article(run, article):
    code, out, _ = run("notes", "list", str(article), "--json")
    before = json.loads(out)
    article.write_text(EDITED, encoding="utf-8")
    code, out, err = run("notes", "list", str(article), "--json")
    assert code == 0 and "changed since it was imported as article" in err
    assert json.loads(out) == before
    code, out, _ = run("import", str(article), "--update", "--json")   # still the one
    assert json.loads(out)["library_id"] == before["article_id"]


def test_update_of_a_missing_file_says_it_is_missing(run, tmp_path):
    code, out, err = run("import", str(tmp_path / "gone.txt"), "--update")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "gone.txt" in err and "no article in the library" not in err


@pytest.mark.parametrize("command", [
    ("notes", "add", "{file}", "--quote", "天气", "--note", "new"),
    ("words", "add", "{file}", "天气"),
    ("export", "{file}", "--out", "{out}"),
])
def test_a_command_on_a_changed_file_says_it_makes_a_new_article(run, article, tmp_path,
                                                                 command):
    article.write_text(EDITED, encoding="utf-8")
    argv = [a.format(file=article, out=tmp_path / "h.md") for a in command]
    code, _out, err = run(*argv)
    assert code == 0, err
    told = [line for line in err.splitlines() if "changed since" in line]
    assert len(told) == 1 and "changed since it was imported as article" in told[0]
    assert "duizhao import" in told[0] and "--update" in told[0]
    code, _out, err = run(*argv)          # the new article exists now: nothing more to say
    assert code == 0 and "changed since" not in err
