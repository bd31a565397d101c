"""The command line for a newcomer: help that shows the window too, several words to
`pinyin`, aligned texts as text, saved words with tone marks."""

from __future__ import annotations

import pytest

from reader.cli import main


def test_help_shows_the_window_usage_and_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for text in ("FILE", "--zh FILE --en FILE", "--screenshot OUT.png", "the window:",
                 "pinyin", "gloss", "export", "COMMAND"):
        assert text in out, text


def test_pinyin_takes_several_words(capsys):
    assert main(["pinyin", "我们", "一起"]) == 0
    assert capsys.readouterr().out == "wǒmen yīqǐ\n"


def test_pinyin_without_text_is_one_line_and_status_2(capsys):
    assert main(["pinyin"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_align_prints_the_aligned_texts(tmp_path, capsys):
    zh, en = tmp_path / "zh.txt", tmp_path / "en.txt"
    zh.write_text("我们去银行。他说天气很好。\n\n今天下雨。\n", encoding="utf-8")
    en.write_text("We go to the bank. He said the weather was fine.\n\nIt rains today.\n",
                  encoding="utf-8")
    assert main(["align", str(zh), str(en), "--format", "text"]) == 0
    assert capsys.readouterr().out == (
        "我们去银行。\nWe go to the bank.\n\n他说天气很好。\nHe said the weather was fine."
        "\n\n今天下雨。\nIt rains today.\n")


def test_words_list_shows_tone_marks(tmp_path, capsys):
    from tests.support import sample_path

    db = ["--db", str(tmp_path / "lib.sqlite")]
    assert main([*db, "words", "add", str(sample_path()), "诉讼"]) == 0
    capsys.readouterr()
    assert main([*db, "words", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("诉讼\tsùsòng\tnew\t") and "su4" not in out


def test_first_run_says_what_it_builds_on_stderr_only(tmp_path, monkeypatch, capsys):
    import json

    monkeypatch.setenv("DUIZHAO_HOME", str(tmp_path / "home"))
    assert main(["gloss", "银行", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["word"] == "银行"             # stdout stays clean JSON
    assert err == "duizhao: first run, building the dictionary (CC-CEDICT)…\n"
    assert main(["gloss", "银行", "--json"]) == 0           # built: nothing to tell
    assert capsys.readouterr().err == ""


def test_progress_is_silent_without_a_listener_and_timed_with_one():
    from reader.core import progress

    with progress.building("nothing"):
        pass
    heard = []
    previous = progress.set_listener(lambda what, seconds: heard.append((what, seconds)))
    try:
        with progress.building("a table"):
            pass
    finally:
        progress.set_listener(previous)
    assert heard[0] == ("a table", None) and heard[1][0] == "a table" and heard[1][1] >= 0


def test_a_command_help_names_the_command_not_the_window_usage(capsys):
    with pytest.raises(SystemExit):
        main(["notes", "add", "--help"])
    assert capsys.readouterr().out.startswith("usage: duizhao notes add ")
