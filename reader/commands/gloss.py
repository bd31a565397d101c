"""`duizhao gloss WORD…`: CC-CEDICT entries of words, as text or `--json`.

A WORD in pinyin ("yinhang", "yin2hang2", "yínháng") is looked up by sound: the words read
that way, common ones first (at most `PINYIN_SHOWN` printed, the count of the rest said).

With `--sentence ZH` and/or `--translation EN` the entries are ranked for the word in that
sentence (`reader.core.language.gloss`): its reading there, and the sense whose English the
translation uses; the first entry of a matched word carries `"match": {"sense", "en",
"start", "end"}` (code-point offsets into EN). Without a match there is no `match` key.

Exit status 0 when at least one word was found, 2 (one line on stderr) when none was.
"""

from __future__ import annotations

import argparse
import sys

from reader.cli import text_arg
from reader.core.errors import UserError
from reader.core.models import Entry
from reader.core.service import Dictionary, has_han, quoted, tone_marks

EXIT_NOT_FOUND = 2
PINYIN_SHOWN = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("gloss", help="look words up in CC-CEDICT",
                              description="Print the dictionary entries of Chinese words "
                              "(simplified or traditional), or of the words a pinyin spells.")
    p.add_argument("words", nargs="+", metavar="WORD", type=text_arg,
                   help="a Chinese word, e.g. 银行, or its pinyin: yinhang, yin2hang2, "
                   "yínháng")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--sentence", metavar="ZH", type=text_arg, default=None,
                   help="the Chinese sentence the word stands in (its reading there)")
    p.add_argument("--translation", metavar="EN", type=text_arg, default=None,
                   help="the sentence's English translation: senses it uses come first")
    p.set_defaults(func=run)


def entry_json(entry: Entry) -> dict:
    """The JSON shape of one entry (shared with other commands that print entries)."""
    return {
        "simplified": entry.simplified,
        "traditional": entry.traditional,
        "pinyin": tone_marks(entry.pinyin),
        "pinyin_numbers": entry.pinyin,
        "senses": list(entry.senses),
        "measure_words": list(entry.measure_words),
        "hsk2": entry.hsk2,
        "hsk3": entry.hsk3,
    }


def _suggestions(dictionary: Dictionary, word: str) -> list[str]:
    """Headwords found inside an unknown word, left to right by longest match."""
    out: list[str] = []
    pos = 0
    while pos < len(word):
        match = dictionary.longest_match(word, pos)
        if match is None:
            pos += 1
            continue
        out.append(match[0])
        pos += len(match[0])
    return list(dict.fromkeys(out))


def _in_context(dictionary: Dictionary, word: str, sentence: str | None,
                translation: str | None):
    """The word's gloss in its sentence: reading there, senses ranked by the translation."""
    from reader.core.service import gloss_word

    syllables: list[str | None] = []
    before = ""
    if sentence is not None:
        from reader.core.service import pinyin_service as service

        at = sentence.index(word)
        before = sentence[:at]
        per_char = service().syllables_many([sentence])[0]
        syllables = [s for s, _c in per_char[at:at + len(word)]]
    return gloss_word(word, dictionary.lookup, syllables, translation=translation,
                      before=before)


def _print_text(word: str, entries: list[Entry], suggestions: list[str],
                by_sound: bool = False) -> None:
    write = sys.stdout.write
    if not entries:
        hint = f" (contains: {' '.join(suggestions)})" if suggestions else ""
        write(f"{word}: not in the dictionary{hint}\n")
        return
    more = len(entries) - PINYIN_SHOWN if by_sound else 0
    if by_sound:
        write(f"{word}: {len(entries)} word{'s' if len(entries) != 1 else ''} read so\n\n")
        entries = entries[:PINYIN_SHOWN]
    for entry in entries:
        head = entry.simplified
        if entry.traditional != entry.simplified:
            head += f" ({entry.traditional})"
        levels = []
        if entry.hsk3 is not None:
            levels.append("HSK " + ("7-9" if entry.hsk3 >= 7 else str(entry.hsk3)))
        if entry.hsk2 is not None:
            levels.append(f"HSK2.0 {entry.hsk2}")
        suffix = f"  [{', '.join(levels)}]" if levels else ""
        write(f"{head}  {tone_marks(entry.pinyin)}  ({entry.pinyin}){suffix}\n")
        for number, sense in enumerate(entry.senses, 1):
            write(f"  {number}. {sense}\n")
        if entry.measure_words:
            write(f"  measure words: {', '.join(entry.measure_words)}\n")
    if more > 0:
        from reader.core.service import pinyin_key

        toned = bool(pinyin_key(word)[1])
        write(f"… and {more} more" + ("" if toned else
              " (give the tones to narrow: yin2hang2 or yínháng)") + "\n")
    write("\n")


def run(args: argparse.Namespace) -> int:
    from reader.core.service import looks_like_pinyin

    words = [w.strip() for w in args.words]
    sounds = {w for w in words if w and not has_han(w) and looks_like_pinyin(w)}
    for word in words:
        if not word:
            raise UserError("empty word", hint="give a Chinese word such as 银行")
        if not has_han(word) and word not in sounds:
            raise UserError(f"{quoted(word)} is neither Chinese nor pinyin",
                            hint="give a word such as 银行, or its pinyin: yinhang")
    sentence = getattr(args, "sentence", None)
    translation = getattr(args, "translation", None)
    if sounds and (sentence is not None or translation):
        raise UserError("--sentence and --translation need the word in characters",
                        hint="look the pinyin up first: `duizhao gloss yinhang`")
    if sentence is not None:
        for word in words:
            if word not in sentence:
                raise UserError(f"{quoted(word)} does not occur in the sentence",
                                hint="give the sentence the word stands in with --sentence")
    dictionary = Dictionary.open()
    results = []
    found = 0
    for word in words:
        match = None
        if word in sounds:
            entries = dictionary.by_pinyin(word)
        elif sentence is not None or translation:
            gloss = _in_context(dictionary, word, sentence, translation)
            entries, match = list(gloss.entries), gloss.match
        else:
            entries = dictionary.lookup(word)
        suggestions = [] if entries or word in sounds else _suggestions(dictionary, word)
        found += bool(entries)
        results.append((word, entries, suggestions, match))
    if args.json:
        from reader.cli import print_json

        out = []
        for word, entries, suggestions, match in results:
            item: dict = {"word": word, "entries": [entry_json(e) for e in entries]}
            if word in sounds:
                item["by_pinyin"] = True
            if match is not None:
                item["entries"][0]["match"] = {"sense": match.sense, "en": match.en,
                                               "start": match.start, "end": match.end}
            if not entries:
                item["suggestions"] = suggestions
            out.append(item)
        print_json(out)
    else:
        for word, entries, suggestions, match in results:
            _print_text(word, entries, suggestions, word in sounds)
            if match is not None:
                sys.stdout.write(f"matched: {match.sense}  ← “{match.en}” "
                                 f"({match.start}–{match.end})\n\n")
    if not found:
        missing = ", ".join(w for w, *_ in results)
        missing = missing if len(missing) <= 200 else missing[:200] + "…"
        sys.stderr.write(f"duizhao: not in the dictionary: {missing}\n")
        return EXIT_NOT_FOUND
    return 0
