"""`duizhao notes add|list`: annotate an article from the command line.

`notes add` prints the new note's id only once it is committed, so a script (or the crash
test) can rely on every printed id being in the library.
"""

from __future__ import annotations

import argparse
import sys

from reader.core.library import Library


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("notes", help="add or list notes on an article")
    sub = p.add_subparsers(dest="notes_command", metavar="ACTION", required=True,
                           parser_class=type(p))
    add = sub.add_parser("add", help="add a note on a quoted span; prints its id")
    add.add_argument("article", metavar="FILE|ID", help="an article file or library id")
    add.add_argument("--quote", required=True, help="the exact text to annotate")
    add.add_argument("--lang", choices=("zh", "en"),
                     help="which side the quote is on (default: guessed from the quote)")
    add.add_argument("--occurrence", type=int, default=1, metavar="N",
                     help="annotate the N-th occurrence of the quote (default 1)")
    add.add_argument("--note", default="", help="the note (plain text, Markdown allowed)")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--color", default="yellow", help="highlight colour")
    add.set_defaults(func=run_add)
    lst = sub.add_parser("list", help="list an article's notes")
    lst.add_argument("article", metavar="FILE|ID")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=run_list)


def run_add(args: argparse.Namespace) -> int:
    with Library.open(args.db) as library:
        ref = library.resolve(args.article)
        note = library.add_note_by_quote(ref.id, args.quote, args.note, lang=args.lang,
                                         occurrence=args.occurrence, color=args.color,
                                         tags=args.tag)
        sys.stdout.write(f"{note.id}\n")
        sys.stdout.flush()
    return 0


def note_dict(library: Library, note) -> dict:
    a = note.anchor
    return {
        "id": note.id, "article_id": note.article_id, "lang": a.lang, "start": a.start,
        "end": a.end, "quote": a.quote, "note": note.note, "color": note.color,
        "tags": list(note.tags), "orphaned": note.orphaned,
        "aligned": "" if note.orphaned else library.aligned_text(note),
        "created": note.created, "updated": note.updated,
    }


def run_list(args: argparse.Namespace) -> int:
    from reader.cli import print_json

    with Library.open(args.db) as library:
        ref = library.resolve(args.article)
        notes = library.notes(ref.id)
        if args.json:
            print_json({"article_id": ref.id, "notes": [note_dict(library, n) for n in notes]})
            return 0
        for note in notes:
            flag = " (orphaned: not found in the edited text)" if note.orphaned else ""
            tags = f" [{', '.join(note.tags)}]" if note.tags else ""
            sys.stdout.write(f"{note.id}\t{note.anchor.lang}\t{note.anchor.start}-"
                             f"{note.anchor.end}\t{note.anchor.quote!r}{tags}{flag}\n")
            if note.note:
                sys.stdout.write(f"\t{note.note}\n")
    return 0
