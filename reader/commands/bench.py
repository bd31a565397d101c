"""`duizhao bench SUITE`: measured speed and accuracy, one line per figure.

Each line reads `name: value unit (target op value) ok|MISSED`. Suites live in
`reader/bench/<suite>.py` (`import` in `importer.py`: a keyword cannot name a module) and
expose `run(args) -> list[Figure]`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from reader.core.errors import UserError

SUITES = ("core", "align", "pinyin", "senses", "ui", "import", "reanchor")
_MODULES = {"import": "importer"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("bench", help="measure speed and accuracy against targets")
    p.add_argument("suite", choices=SUITES)
    p.add_argument("--quick", action="store_true", help="smaller inputs, for a smoke run")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module(
            f"reader.bench.{_MODULES.get(args.suite, args.suite)}")
    except ModuleNotFoundError as exc:
        raise UserError(f"benchmark suite {args.suite!r} is not available") from exc
    missed = 0
    for figure in module.run(args):
        sys.stdout.write(figure.line() + "\n")
        sys.stdout.flush()
        missed += not figure.ok
    return 1 if missed else 0
