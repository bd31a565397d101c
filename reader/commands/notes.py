"""`duizhao notes add|list`: annotate an article from the command line.

`notes list FILE|ID --orphans` lists only the notes a re-import could not place again.

`notes add` prints the new note's id only once it is committed, so a script (or the crash
test) can rely on every printed id being in the library.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from reader.cli import open_article, positive_int, print_json, text_arg
from reader.commands import warn
from reader.core.service import Library, has_han, locate_quote, normalise, side_text

_SIDE = {"zh": "the article's Chinese text", "en": "the article's English text"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("notes", help="add or list notes on an article")
    sub = p.add_subparsers(dest="notes_command", metavar="ACTION", required=True,
                           parser_class=type(p))
    add = sub.add_parser("add", help="add a note on a quoted span; prints its id")
    add.add_argument("article", metavar="FILE|ID", help="an article file or library id")
    add.add_argument("--quote", required=True, type=text_arg,
                     help="the exact text to annotate")
    add.add_argument("--lang", choices=("zh", "en"),
                     help="which side the quote is on (default: guessed from the quote)")
    add.add_argument("--occurrence", type=positive_int, default=1, metavar="N",
                     help="annotate the N-th occurrence of the quote (default 1)")
    add.add_argument("--note", default="", type=text_arg,
                     help="the note (plain text; *emphasis* shows in Markdown handouts)")
    add.add_argument("--tag", action="append", default=[], type=text_arg,
                     help="a tag (repeatable)")
    add.add_argument("--color", default="yellow", help="highlight colour")
    add.set_defaults(func=run_add)
    lst = sub.add_parser("list", help="list an article's notes")
    lst.add_argument("article", metavar="FILE|ID")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.add_argument("--orphans", action="store_true",
                     help="only the orphaned notes: those an edit of the text left without "
                          "a place (place them again in the window, or delete them)")
    lst.set_defaults(func=run_list)


def run_add(args: argparse.Namespace) -> int:
    # The article's text was normalised on import (NFC, \n line ends, no stray controls):
    # so is the quote, or a quote pasted from a terminal or typed as NFD would never match.
    quote = normalise(args.quote)
    lang = args.lang or ("zh" if has_han(quote) else "en")
    with Library.open(args.db, warn=warn) as library:
        ref = open_article(library, args.article)
        start, end = locate_quote(side_text(ref.article, lang), quote, args.occurrence,
                                  _SIDE[lang])
        note = library.add_note(ref.id, lang, start, end, args.note, color=args.color,
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
    from reader.cli import changed_article
    from reader.core.service import ArticleRef

    with Library.open(args.db, readonly=True, warn=warn) as library:
        # A file edited since its import: its notes are on the stored article (listing
        # never makes a second article of it).
        changed = changed_article(library, args.article) if _is_file(args.article) \
            else None
        if changed is not None:
            ref = ArticleRef(changed, library.article(changed))
            warn(f"{args.article} changed since it was imported as article {changed}; "
                 f"these are its notes on the stored text. To update it (notes follow): "
                 f"duizhao import {args.article} --update")
        else:
            ref = open_article(library, args.article)
        notes = library.orphans(ref.id) if args.orphans else library.notes(ref.id)
        if args.json:
            print_json({"article_id": ref.id, "notes": [note_dict(library, n) for n in notes]})
            return 0
        for note in notes:
            flag = " (orphaned: not found in the edited text)" if note.orphaned else ""
            tags = f" [{', '.join(map(_visible, note.tags))}]" if note.tags else ""
            sys.stdout.write(f"{note.id}\t{note.anchor.lang}\t{note.anchor.start}-"
                             f"{note.anchor.end}\t{note.anchor.quote!r}{tags}{flag}\n")
            for line in note.note.splitlines():
                sys.stdout.write(f"\t{_visible(line)}\n")
    return 0


def _is_file(value: str) -> bool:
    try:
        return Path(value).is_file()
    except (OSError, ValueError):   # a name too long, or holding a NUL: not a file
        return False


_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    """One line with control characters shown as `\\x1b`: a note cannot move the terminal's
    cursor, recolour it or break the listing's one-line-per-field shape."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
