"""The benchmark's one-line format: `name: value unit (target op value) ok|MISSED`."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from reader.bench import Figure
from reader.cli import main


def test_a_figure_meeting_its_target_says_ok() -> None:
    assert Figure("hover p99", 4.25, "ms", "<", 10).line() == "hover p99: 4.25 ms (< 10) ok"


def test_a_missed_target_says_missed() -> None:
    figure = Figure("strict F1", 0.81, "", ">=", 0.86)
    assert not figure.ok
    assert figure.line() == "strict F1: 0.81 (>= 0.86) MISSED"


def test_an_informational_figure_is_always_ok() -> None:
    assert Figure("lexicon load", 1.5, "s").line() == "lexicon load: 1.5 s (info) ok"


def test_unknown_suite_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["bench", "nonsense"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_pinyin_headline_is_the_default_mode(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The headline accuracy comes from `duizhao pinyin --lines` with no options; the
    `--neutral particles` figure is a second line that names the option."""
    from reader.bench import pinyin

    folder = tmp_path / "eval" / "pinyin-cpp-dev"
    folder.mkdir(parents=True)
    (folder / "dev.sent").write_text("他\u2581得\u2581走\n我的\u2581东\u2581西\n关\u2581系\u2581\n",
                                     encoding="utf-8")
    (folder / "dev.lb").write_text("dei3\ndong1\nxi4\n", encoding="utf-8")
    calls: list[tuple[str, ...]] = []

    def fake_cli(texts: list[str], *options: str) -> list[list[str | None]]:
        calls.append(options)
        # default mode gets one of two right, particles mode both
        first = "dei3" if options else "de5"
        light = "xi4" if options else "xi5"    # CEDICT's light tone, CPP's citation tone
        return [[None, first, None], [None, None, "dong1", None], [None, light]]

    monkeypatch.setattr(pinyin, "shared_dir", lambda: tmp_path)
    monkeypatch.setattr(pinyin, "run_cli", fake_cli)
    monkeypatch.setattr(pinyin, "pypinyin_alone", lambda *a: 0.0)
    monkeypatch.setattr(pinyin, "g2pm_alone", lambda *a: 0.0)
    monkeypatch.setattr(pinyin, "everyday", lambda: (3, 4))
    figures = list(pinyin.run(argparse.Namespace(quick=False)))
    assert calls == [(), ("--neutral", "particles")]
    accuracy = [f for f in figures if "accuracy" in f.name]
    assert "default options" in accuracy[0].name and accuracy[0].value == 33.33
    assert not accuracy[0].ok                      # misses the 98.3 % target
    assert "--neutral particles" in accuracy[1].name and accuracy[1].value == 100.0
    # the targets: 98.3 % in the default mode, 98.8 % in CPP's convention
    assert (accuracy[0].op, accuracy[0].target) == (">=", 98.3)
    assert (accuracy[1].op, accuracy[1].target) == (">=", 98.8)
    # of the default mode's two misses, one is only CEDICT's light tone (de5 for dei3 is not)
    light = next(f for f in figures if "light tone" in f.name)
    assert "1 of 3 items" in light.name and light.value == 33.33 and light.target is None
    suite = figures[-1]
    assert "regression suite" in suite.name and suite.value == 75.0 and not suite.ok
