"""`duizhao export FILE|ID --format markdown|anki|pdf`: handouts and vocabulary files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.core import export
from reader.core.errors import UserError
from reader.core.export.markdown import parse_pinyin_mode
from reader.core.library import Library

FORMATS = ("markdown", "anki", "pdf")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("export", help="write a Markdown/PDF handout or an Anki file")
    p.add_argument("article", metavar="FILE|ID", help="an article file or library id")
    p.add_argument("--format", choices=FORMATS, default="markdown")
    p.add_argument("--pinyin", default="none", metavar="none|saved|all|hsk-above:N",
                   help="which words get pinyin (default none)")
    p.add_argument("--ruby", action="store_true", help="pinyin as <ruby> HTML (Markdown)")
    p.add_argument("--zh-only", action="store_true", help="leave out the English paragraphs")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: beside "
                   "the article, or the current folder)")
    p.set_defaults(func=run)


def _exporter(name: str):
    if name == "pdf":
        # PDF needs Qt: registered here, never from the core.
        export.register("pdf", "reader.ui.pdfexport:PdfExporter")
    return export.get(name)


def run(args: argparse.Namespace) -> int:
    parse_pinyin_mode(args.pinyin)   # a bad choice fails before any work
    exporter = _exporter(args.format)
    options = exporter.Options()
    if args.format in ("markdown", "pdf"):
        options.pinyin = args.pinyin
        options.ruby = args.ruby and args.format == "markdown"
        options.layout = "zh" if args.zh_only else "pairs"
    with Library.open(args.db) as library:
        ref = library.resolve(args.article)
        out = Path(args.output) if args.output else Path(f"article-{ref.id}{exporter.suffix}")
        if out.is_dir():
            out = out / f"article-{ref.id}{exporter.suffix}"
        if not out.parent.is_dir():
            raise UserError(f"cannot write {out}: {out.parent} is not a folder",
                            "choose an existing folder with -o")
        written = exporter.export(library.handout(ref.id), options, out)
    sys.stdout.write(f"{written}\n")
    return 0
