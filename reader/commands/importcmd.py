"""`duizhao import`: split a raw bilingual article and show what came out.

`duizhao import FILE` or `duizhao import --zh F --en F`; FILE `-` reads the article from
standard input (text, Markdown or HTML: a page saved by a browser and piped in); `--json`
prints the article in the shape of `text.stored.article_to_dict` (other commands add keys
to that dict): metadata, the importer's `layout`, `confidence` and `messages`, and per
paragraph its `role`, source `lines` (first and last, 1-based) and `confidence`.

`duizhao import FILE --update [ID]` updates the stored article (ID, by default the one last
imported from FILE) with the file's edited text: notes re-anchored, the orphaned listed;
with --json the report is under "update". Importing a changed file without --update makes
a new article, and says so on stderr.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reader.cli import changed_file, import_path, print_json
from reader.commands import warn
from reader.core.errors import UserError
from reader.core.models import Article
from reader.core.service import article_to_dict, import_file, import_pair

if TYPE_CHECKING:
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import", help="split a bilingual article into metadata, paragraphs and sentences")
    p.add_argument("file", nargs="?",
                   help="article file (.txt, .md, .html; any encoding); - reads standard input")
    p.add_argument("--zh", metavar="FILE", help="the Chinese text, in its own file")
    p.add_argument("--en", metavar="FILE", help="the English text, in its own file")
    p.add_argument("--json", action="store_true", help="print the article as JSON")
    p.add_argument("--update", nargs="?", const="", metavar="ID",
                   help="update the stored article (default: the one last imported from "
                        "FILE) with the file's edited text; its notes follow")
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
    # the library keeps every imported article
    from reader.core.service import ArticleRef, Library

    if args.update is not None and (not args.file or args.file == "-" or args.zh or args.en):
        raise UserError("--update needs the article's FILE", "duizhao import FILE --update")
    update = None
    with Library.open(args.db, warn=warn) as library:
        if args.update is not None:
            report = library.update_file(args.file, _article_id(args.update))
            ref = ArticleRef(report.article_id, library.article(report.article_id))
            update = report.to_dict()
        elif args.file == "-" and args.zh is None and args.en is None:
            ref = library.import_text(_stdin_text())   # the raw text kept, as for a file
        elif args.file and args.zh is None and args.en is None:
            changed = changed_file(library, args.file)
            ref = import_path(library, args.file)   # keeps the raw text, found by its hash
            if changed is not None and ref.created:
                warn(changed)
        else:
            ref = library.import_article(load_article(args))
        if not args.json:
            sys.stdout.write(summary(ref.article) + f"\nlibrary id: {ref.id}\n")
            if update is not None:
                sys.stdout.write(update_summary(update))
            return 0
        from reader.core.service import alignment_to_dict

        # The library's alignment honours the user's fixed beads and is computed once.
        alignment = alignment_to_dict(library.alignment(ref.id))
    extra = {} if update is None else {"update": update}
    print_json({**article_to_dict(ref.article), "library_id": ref.id, "alignment": alignment,
                **extra})
    return 0


def _stdin_text() -> str:
    """Standard input decoded as an article file is (any encoding, size-limited)."""
    from reader.core.service import MAX_BYTES, decode_bytes

    if sys.stdin is None or sys.stdin.isatty():
        raise UserError("no article on standard input",
                        "pipe one in: duizhao import - < article.html")
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    return decode_bytes(data, "standard input")


def _article_id(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise UserError(f"--update {value!r}: an article id is a number",
                        "see the ids with `duizhao notes list FILE --json`")
    return int(value)


def update_summary(update: dict) -> str:
    """The update's outcome in lines a user reads: counts, then each orphaned note."""
    if update["unchanged"]:
        head = "the text is unchanged"
    else:
        head = (f"notes: {update['placed']} placed again ({update['moved']} moved), "
                f"{update['orphaned']} orphaned")
    lines = [head + (f"; {update['words']} saved words' sentences renewed"
                     if update["words"] else "")]
    lines += [f"orphaned note {o['id']} ({o['lang']}): {o['quote']!r}"
              for o in update["orphans"]]
    if update["orphans"]:
        lines.append("place them again in the window's notes panel, or "
                     "`duizhao notes list ID --orphans`")
    return "\n".join(lines) + "\n"
