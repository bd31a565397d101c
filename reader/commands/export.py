"""`duizhao export FILE|ID --format markdown|anki|pdf`: handouts and vocabulary files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli import open_article
from reader.commands import warn
from reader.core.errors import UserError
from reader.core.service import Library, display_path, export, parse_pinyin_mode

FORMATS = ("markdown", "anki", "pdf")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("export", help="write a Markdown/PDF handout or an Anki file")
    p.add_argument("article", metavar="FILE|ID", help="an article file or library id")
    p.add_argument("--format", choices=FORMATS, default="markdown")
    p.add_argument("--pinyin", default="none", metavar="none|saved|all|hsk-above:N",
                   help="which words get pinyin (default none)")
    p.add_argument("--names", action="store_true",
                   help="pinyin for names (people, places, brands) too")
    p.add_argument("--ruby", action="store_true", help="pinyin as <ruby> HTML (Markdown)")
    p.add_argument("--zh-only", action="store_true", help="leave out the English paragraphs")
    p.add_argument("--layout", choices=("interleaved", "side-by-side"), default="interleaved",
                   help="each Chinese paragraph then its English (default), or the two "
                   "side by side (PDF: two columns; Markdown: a table)")
    p.add_argument("--include-known", action="store_true",
                   help="Anki: words marked known become cards too")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: beside "
                   "the article, or the current folder)")
    p.set_defaults(func=run)


def _exporter(name: str):
    if name == "pdf":
        # PDF needs Qt: registered here, never from the core.
        export.register("pdf", "reader.ui.export.pdf:PdfExporter")
    return export.get(name)


def _output(given: str | None, default: str) -> Path:
    """Where to write: `given` (a file, or a folder to put `default` in), else `default`.

    Raises:
        UserError: the folder does not exist, the name is too long to be a path, or it
            names a device or pipe.
    """
    out = Path(given) if given else Path(default)
    try:
        if out.is_dir():
            out = out / default
        if out.exists() and not out.is_file():   # a device or pipe: never replace it
            raise UserError(f"cannot write {display_path(out)}: not a regular file",
                            "choose a file name with -o")
        if out.parent.is_dir():
            return out
    except OSError as exc:   # e.g. a name longer than the file system allows
        raise UserError(f"cannot write {display_path(out)}: {exc.strerror or exc}",
                        "choose a shorter name with -o") from exc
    raise UserError(f"cannot write {display_path(out)}: {display_path(out.parent)} is not a "
                    "folder", "choose an existing folder with -o")


def run(args: argparse.Namespace) -> int:
    parse_pinyin_mode(args.pinyin)   # a bad choice fails before any work
    exporter = _exporter(args.format)
    options = exporter.Options()
    if args.format in ("markdown", "pdf"):
        options.pinyin = args.pinyin
        options.ruby = args.ruby and args.format == "markdown"
        options.layout = "zh" if args.zh_only else "pairs"
        options.names = args.names
        options.arrangement = args.layout
    if args.format == "anki" and args.include_known:
        options.statuses = ()
    with Library.open(args.db, readonly=True, warn=warn) as library:
        ref = open_article(library, args.article)
        out = _output(args.output, f"article-{ref.id}{exporter.suffix}")
        written = exporter.export(library.handout(ref.id), options, out)
    sys.stdout.write(f"{display_path(written, limit=None)}\n")
    return 0
