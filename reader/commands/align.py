"""`duizhao align ZH_FILE EN_FILE`: align a Chinese text with its English translation.

Without `--lines` both files are read like `duizhao import --zh/--en` (decoded, split into
paragraphs and sentences) and aligned paragraph by paragraph. With `--lines` every line is one
sentence, kept exactly as given, blank lines included, so ids are 0-based line numbers (the
convention of Vecalign and the MAC corpus); blank lines have no evidence and end up in a
neighbouring bead or alone.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli import print_json
from reader.core.models import Alignment, Lang
from reader.core.service import (
    align_article,
    align_sentences,
    alignment_to_dict,
    beads_to_vecalign,
    check_languages,
    import_pair,
    read_text,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "align", help="align a Chinese text with its English translation",
        description="Print sentence (and paragraph) beads: which Chinese sentences render "
        "which English ones. Ids are 0-based over all sentences of a side.")
    p.add_argument("zh_file", metavar="ZH_FILE", help="the Chinese text")
    p.add_argument("en_file", metavar="EN_FILE", help="the English text")
    p.add_argument("--lines", action="store_true",
                   help="one sentence per line, already split (every line kept, blank too)")
    p.add_argument("--format", choices=("json", "vecalign", "text"), default="json",
                   help="json: paragraph and sentence beads with scores (default; no "
                   "paragraph beads with --lines); "
                   "vecalign: one sentence bead per line as [zh ids]:[en ids]; "
                   "text: the aligned texts, each bead's Chinese line(s) then its English, "
                   "a blank line between beads")
    p.set_defaults(func=run)


def _align_lines(zh_file: str, en_file: str) -> Alignment:
    zh = read_text(zh_file).splitlines()
    en = read_text(en_file).splitlines()
    check_languages(zh, en)
    return Alignment(sentences=tuple(align_sentences(zh, en)))


def render_text(alignment: Alignment, zh: list[str], en: list[str]) -> str:
    """Each sentence bead as its Chinese sentence(s), one a line, then its English ones;
    beads separated by a blank line (a bead with one side empty shows the other alone)."""
    blocks = []
    for bead in alignment.sentences:
        lines = [" ".join(zh[i].split()) for i in bead.zh if i < len(zh)]
        lines += [" ".join(en[i].split()) for i in bead.en if i < len(en)]
        lines = [line for line in lines if line]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def run(args: argparse.Namespace) -> int:
    if args.lines:
        alignment = _align_lines(args.zh_file, args.en_file)
        zh = read_text(args.zh_file).splitlines()
        en = read_text(args.en_file).splitlines()
    else:
        article = import_pair(args.zh_file, args.en_file)
        alignment = align_article(article)
        zh = [s.text for s in article.sentences(Lang.ZH)]
        en = [s.text for s in article.sentences(Lang.EN)]
    if args.format == "text":
        sys.stdout.write(render_text(alignment, zh, en))
    elif args.format == "vecalign":
        sys.stdout.write(beads_to_vecalign(alignment.sentences))
    else:
        print_json(alignment_to_dict(alignment))
    return 0
