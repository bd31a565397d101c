"""`duizhao words add|list`: the saved-word list (vocabulary)."""

from __future__ import annotations

import argparse
import sys

from reader.cli import open_article, text_arg
from reader.commands import warn
from reader.core.errors import UserError
from reader.core.service import STATUSES, Library


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("words", help="save words from an article, list saved words")
    sub = p.add_subparsers(dest="words_command", metavar="ACTION", required=True,
                           parser_class=type(p))
    add = sub.add_parser("add", help="save a word with its reading and sentence in context")
    add.add_argument("article", metavar="FILE|ID", help="an article file or library id")
    add.add_argument("word", type=text_arg)
    add.add_argument("--status", choices=STATUSES, default="new")
    add.add_argument("--note", default="", type=text_arg)
    add.set_defaults(func=run_add)
    lst = sub.add_parser("list", help="list saved words")
    lst.add_argument("--status", choices=STATUSES)
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=run_list)


def word_dict(word) -> dict:
    return {"id": word.id, "word": word.word, "reading": word.reading,
            "senses": list(word.senses), "sentence_zh": word.sentence_zh,
            "sentence_en": word.sentence_en, "article_id": word.article_id,
            "status": word.status, "note": word.note, "hsk": word.hsk}


MAX_WORD = 100   # characters: a word or a set phrase, not a passage


def run_add(args: argparse.Namespace) -> int:
    if len(args.word.strip()) > MAX_WORD:
        raise UserError(f"the word is {len(args.word.strip())} characters long",
                        f"save a word or phrase of at most {MAX_WORD} characters")
    with Library.open(args.db, warn=warn) as library:
        ref = open_article(library, args.article)
        saved = library.save_word(ref.id, args.word, status=args.status, note=args.note)
        sys.stdout.write(f"{saved.id}\t{saved.word}\t{saved.reading}\t{saved.status}\n")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from reader.cli import print_json

    with Library.open(args.db, readonly=True, warn=warn) as library:
        words = library.words(args.status)
    if args.json:
        print_json([word_dict(w) for w in words])
        return 0
    from reader.core.service import marked_reading

    for w in words:   # tone marks for people ("sùsòng"); --json keeps the numbered form
        meaning = "; ".join(w.senses[:2])
        sys.stdout.write(f"{w.word}\t{marked_reading(w.reading)}\t{w.status}\t{meaning}\n")
    return 0
