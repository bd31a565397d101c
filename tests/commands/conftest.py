"""What the command tests share: `duizhao ARGS` run in this process."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.cli import main
from reader.core.service import library as library_module
from tests.support import FakeAnalyzer

Run = Callable[..., tuple[int, str, str]]


def fake_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """`duizhao ARGS` in-process with the quick `FakeAnalyzer` (the real segmenter, aligner
    and dictionary build caches that take seconds on a fresh home): (status, stdout,
    stderr); argparse's own exits count as statuses."""
    monkeypatch.setattr(library_module, "Analyzer", FakeAnalyzer)

    def call(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return call
