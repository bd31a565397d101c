"""The `duizhao` command: no subcommand opens the window; subcommands run headless.

Each subcommand lives in `reader/commands/<name>.py` and exposes `register(subparsers)`,
which adds its parser and sets `func` (called with the parsed args, returns an exit code).
`UserError` becomes one line on stderr and exit status 2; anything else is a bug.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader import __version__
from reader.core.errors import UserError

if TYPE_CHECKING:
    from reader.core.service import ArticleRef, Library

EXIT_USAGE = 2

# Subcommand modules, in the order `duizhao --help` lists them. A module that is missing
# (a feature not built yet) is skipped rather than breaking the whole command.
COMMANDS = (
    "importcmd", "gloss", "pinyin", "align", "notes", "words", "export", "restore", "bench",
)
# The command names they register: `duizhao FILE` tells a file from a command without
# importing the command modules (they load the segmenter, the library... ~0.3 s before the
# window could start). A test keeps this in step with what the modules register.
COMMAND_NAMES = frozenset({"import", "gloss", "pinyin", "align", "notes", "words", "export",
                           "restore", "bench"})


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line (status 2) without the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"duizhao: {message} (see `duizhao --help`)\n")
        raise SystemExit(EXIT_USAGE)


USAGE = ("duizhao [--db PATH] [FILE | --zh FILE --en FILE] [--screenshot OUT.png]\n"
         "       duizhao [--db PATH] COMMAND [ARGS...]   (duizhao COMMAND --help for more)")
WINDOW_HELP = """\
the window:
  duizhao                       open the window on your library
  duizhao FILE                  open an article (a bilingual text, or Chinese and English
                                paragraphs one after the other), importing it if new
  --zh FILE --en FILE           open a Chinese file and its English translation
  --screenshot OUT.png          open, save a picture of the window once laid out, exit

examples:
  duizhao article.txt
  duizhao pinyin 我们 一起
  duizhao gloss 银行         (or by sound: duizhao gloss yinhang)
  duizhao export article.txt --format pdf --pinyin hsk-above:4 --layout side-by-side"""
_GLOBAL_WITH_VALUE = {"--db"}
_GUI_WITH_VALUE = {"--zh", "--en", "--screenshot"}


def _add_global(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"duizhao {__version__}")
    parser.add_argument("--db", metavar="PATH",
                        help="library file (default: per-user data dir, or $DUIZHAO_HOME)")


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="duizhao", description="Open the reading window.")
    _add_global(parser)
    parser.add_argument("file", nargs="?", help="article to open in the window")
    parser.add_argument("--zh", metavar="FILE", help="open a separate Chinese file")
    parser.add_argument("--en", metavar="FILE", help="open a separate English file")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="open the window, save a screenshot once laid out, and exit")
    parser.set_defaults(command=None)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The subcommand parser (`duizhao COMMAND ...`)."""
    parser = _Parser(
        prog="duizhao",
        usage=USAGE,
        description="Read Chinese/English parallel texts side by side: the window, or\n"
        "one of the commands below (they run without a window).",
        epilog=WINDOW_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_global(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=_Parser, prog="duizhao")  # not USAGE
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"reader.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"reader.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def print_json(value: object) -> None:
    """JSON to stdout, UTF-8, CJK unescaped (shared by every `--json` command)."""
    import json  # not at start-up: the window never needs it

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


_MAX_INT64 = 2**63 - 1   # SQLite's INTEGER is a signed 64-bit number


def _int64(value: str) -> int | None:
    """`value` as a number if it is only ASCII digits and fits SQLite's INTEGER, else None.

    `str.isdigit()` alone would accept "²" (which `int()` refuses) or "١٢" (read as 12),
    and `int()` of thousands of digits raises instead of answering.
    """
    if not (value.isascii() and value.isdigit()) or len(value) > 19:
        return None
    number = int(value)
    return number if number <= _MAX_INT64 else None


def parse_article_id(value: str) -> int | None:
    """The library id `value` spells, or None when it cannot be one (then it is a file)."""
    return _int64(value)


def positive_int(value: str) -> int:
    """argparse type for counts such as `--occurrence`: a whole number from 1 up."""
    number = _int64(value)
    if number is not None and number >= 1:
        return number
    shown = repr(value if len(value) <= 24 else value[:20] + "…")
    if value.isascii() and value.isdigit() and number is None:
        raise argparse.ArgumentTypeError(f"{shown} is too large")
    raise argparse.ArgumentTypeError(f"{shown} is not a whole number from 1 up")


def text_arg(value: str) -> str:
    """argparse type for free text (quotes, notes, tags, words): valid UTF-8 only.

    Python keeps argument bytes that are not UTF-8 as lone surrogates, which SQLite and a
    UTF-8 stdout refuse with a traceback; file names keep them (they must open the file).
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            "not valid UTF-8 text (is the terminal set to UTF-8?)") from None
    return value


def _exists(value: str) -> bool:
    try:
        return Path(value).exists()
    except (OSError, ValueError):   # a name too long for the system, or a NUL in it
        return False


def open_article(library: Library, value: str) -> ArticleRef:
    """The article FILE|ID names (shared by every command taking one): an id when `value`
    is a valid id and no such file exists, else a file, imported if new.

    Raises:
        UserError: no such article id, no such file, or a file that is not an article.
    """
    from reader.core.service import ArticleRef, display_path

    number = parse_article_id(value)
    exists = _exists(value)
    if number is not None and not exists:
        return ArticleRef(number, library.article(number))
    if not exists:
        raise UserError(f"{display_path(value)} is neither a file nor an article id",
                        "give a file to import or an id from `duizhao notes list`")
    from reader.commands import warn

    # A file edited since its import becomes a new article: say so, and how to update the
    # stored one instead (its notes and words would otherwise seem to have gone).
    changed = changed_file(library, value)
    ref = import_path(library, value)
    if changed is not None and ref.created:
        warn(changed)
    return ref


def changed_article(library: Library, path: str) -> int | None:
    """The article `path` was imported as, when the file has changed since (else None)."""
    try:
        return library.changed_file(path)
    except (OSError, ValueError, UserError):
        return None        # the import itself reports an unreadable file


def changed_file(library: Library, path: str) -> str | None:
    """A line telling that `path` was imported before and changed since (so opening it
    makes a new article, its notes left on the old one), with the command that updates."""
    article_id = changed_article(library, path)
    if article_id is None:
        return None
    return (f"{path} changed since it was imported as article {article_id}; this makes a "
            f"new article and its notes stay on {article_id}. To update {article_id} "
            f"instead (notes follow): duizhao import {path} --update")


def import_path(library: Library, value: str) -> ArticleRef:
    """Import a file (a name that is not UTF-8 is stored in its displayable form)."""
    return library.import_file(Path(value))


def _first_positional(argv: list[str]) -> str | None:
    """The first word that is not an option or an option's value: a command or a file."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _GLOBAL_WITH_VALUE or token in _GUI_WITH_VALUE:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def _tell_progress(what: str, seconds: float | None) -> None:
    """A first-run stage on stderr (stdout stays clean for --json): on a terminal one line
    per stage, finished in place with its time; elsewhere one short line when it starts."""
    err = sys.stderr
    tty = err.isatty()
    if seconds is None:
        err.write(f"duizhao: first run, building {what}…" + ("" if tty else "\n"))
    elif tty:
        err.write(f"\rduizhao: first run, built {what} in {seconds:.1f} s\033[K\n")
    err.flush()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = _first_positional(argv)
    if first in COMMAND_NAMES or "-h" in argv[:1] or "--help" in argv[:1]:
        args = build_parser().parse_args(argv)
    else:
        args = build_gui_parser().parse_args(argv)
    try:
        if args.command is None:
            from reader.app import run_gui  # Qt only when the window is wanted

            return run_gui(args)
        from reader.core import progress

        progress.set_listener(_tell_progress)
        try:
            return int(args.func(args) or 0)
        finally:
            progress.set_listener(None)
    except UserError as exc:
        sys.stderr.write(f"duizhao: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("duizhao: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
