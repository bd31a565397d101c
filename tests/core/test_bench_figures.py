"""The benchmark's one-line format: `name: value unit (target op value) ok|MISSED`."""

from __future__ import annotations

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
