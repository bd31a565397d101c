"""`duizhao import`: split a raw bilingual article and show what came out.

`duizhao import FILE` or `duizhao import --zh F --en F`; `--json` prints the article in
the shape of `text.stored.article_to_dict` (other commands add keys to that dict): metadata, the
importer's `layout`, `confidence` and `messages`, and per paragraph its `role`, source
`lines` (first and last, 1-based) and `confidence`.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli import import_path, print_json
from reader.commands import warn
from reader.core.errors import UserError
from reader.core.models import Article
from reader.core.text.importer import article_to_dict, import_file, import_pair


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import", help="split a bilingual article into metadata, paragraphs and sentences")
    p.add_argument("file", nargs="?", help="article file (.txt, .md, .html; any encoding)")
    p.add_argument("--zh", metavar="FILE", help="the Chinese text, in its own file")
    p.add_argument("--en", metavar="FILE", help="the English text, in its own file")
    p.add_argument("--json", action="store_true", help="print the article as JSON")
    p.set_defaults(func=run)


def load_article(args: argparse.Namespace) -> Article:
    """The article named by FILE or by --zh/--en (exactly one of the two forms)."""
    pair = args.zh is not None or args.en is not None
    if args.file and pair:
        raise UserError("give either FILE or --zh/--en, not both")
    if pair:
        if not (args.zh and args.en):
            raise UserError("--zh and --en go together: give both files")
        return import_pair(args.zh, args.en)
    if not args.file:
        raise UserError("no article given", "duizhao import FILE, or --zh FILE --en FILE")
    return import_file(args.file)


def summary(article: Article) -> str:
    """A few human-readable lines: title, metadata, paragraph and sentence counts."""
    lines = [f"title (zh): {article.title.zh or '-'}", f"title (en): {article.title.en or '-'}"]
    for field in ("author", "date", "translator", "source", "script"):
        lines.append(f"{field}: {getattr(article, field) or '-'}")
    for label, paragraphs in (("zh", article.zh), ("en", article.en)):
        sentences = sum(len(p.sentences) for p in paragraphs)
        lines.append(f"{label}: {len(paragraphs)} paragraphs, {sentences} sentences")
    if article.layout:
        lines.append(f"layout: {article.layout} (confidence {article.confidence:.2f})")
    lines.extend(f"note: {message}" for message in article.messages)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from reader.core.service import Library  # the library keeps every imported article

    with Library.open(args.db, warn=warn) as library:
        if args.file and args.zh is None and args.en is None:
            ref = import_path(library, args.file)   # keeps the raw text, found by its hash
        else:
            ref = library.import_article(load_article(args))
        if not args.json:
            sys.stdout.write(summary(ref.article) + f"\nlibrary id: {ref.id}\n")
            return 0
        from reader.core.align.api import alignment_to_dict

        # The library's alignment honours the user's fixed beads and is computed once.
        alignment = alignment_to_dict(library.alignment(ref.id))
    print_json({**article_to_dict(ref.article), "library_id": ref.id, "alignment": alignment})
    return 0
