"""`duizhao pinyin TEXT`: the reading of a text in context, words joined, words spaced.

`--json` prints one object per token; `--lines` reads sentences from standard input and
prints one compact JSON array per line, one entry per character (the syllable, or null
for a non-Han character): the batch path the polyphone benchmark drives.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterator

from reader.cli import text_arg
from reader.core.errors import UserError

_STYLES = ("marks", "numbers", "zhuyin")
_NEUTRAL = ("dictionary", "particles")
_BATCH_LINES = 2000     # lines resolved together (one model batch), bounded memory


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "pinyin", help="pinyin of Chinese text in context (polyphones resolved)",
        description="Print the reading of TEXT: words joined, separated by spaces. Several "
        "arguments are read as one text, separated by spaces (`duizhao pinyin 我们 一起`).")
    p.add_argument("text", nargs="*", type=text_arg, metavar="TEXT",
                   help="Chinese text (omit with --lines)")
    p.add_argument("--style", default=None, metavar="STYLE",
                   help="marks (default), numbers (hang2, ü as v) or zhuyin")
    p.add_argument("--json", action="store_true",
                   help="one object per token: text, start, end, pinyin, confidence")
    p.add_argument("--sandhi", action="store_true",
                   help="show the tone changes of 一 and 不 (yí gè, bú duì)")
    p.add_argument("--neutral", default="dictionary", metavar="MODE",
                   help="dictionary (default: light tones as CC-CEDICT has them) or "
                        "particles (light tone only for particles; 朋友 péngyǒu)")
    p.add_argument("--lines", action="store_true",
                   help="read sentences from stdin, print one JSON array per line "
                        "(numbers style unless --style says otherwise)")
    p.set_defaults(func=run)


def _check(args: argparse.Namespace) -> str:
    if isinstance(args.text, list):   # several words: one text
        args.text = " ".join(args.text) if args.text else None
    style = args.style or ("numbers" if args.lines else "marks")
    if style not in _STYLES:
        raise UserError(f"unknown --style {style!r}: choose marks, numbers or zhuyin")
    if args.neutral not in _NEUTRAL:
        raise UserError(f"unknown --neutral {args.neutral!r}: choose dictionary or particles")
    if args.lines and args.text is not None:
        raise UserError("give TEXT or --lines, not both")
    if not args.lines:
        if args.text is None:
            raise UserError("no text given: `duizhao pinyin 银行` or `duizhao pinyin --lines`")
        if not args.text.strip():
            raise UserError("the text is empty")
    return style


def run(args: argparse.Namespace) -> int:
    style = _check(args)
    from reader.core.service import pinyin_service as service

    if args.lines:
        return _run_lines(service(), style, args.sandhi, args.neutral)
    svc = service()
    readings = svc.readings(args.text, neutral=args.neutral)
    if args.sandhi:
        readings = _with_sandhi(args.text, readings)
    if args.json:
        from reader.cli import print_json
        from reader.core.service import format_syllable

        print_json([{
            "text": r.token.text, "start": r.token.start, "end": r.token.end,
            "pinyin": [None if s is None else format_syllable(s, style) for s in r.syllables],
            "confidence": [round(c, 3) for c in r.confidence],
        } for r in readings])
        return 0
    sys.stdout.write(render(readings, style) + "\n")
    return 0


def render(readings: list, style: str) -> str:
    """Words joined, separated by spaces; punctuation sticks to the word before it."""
    from reader.core.service import format_reading

    out: list[str] = []
    prev = ""   # kind of the previous piece: "", "space", "open", "punct" or "word"
    for r in readings:
        text = r.token.text
        if any(s is not None for s in r.syllables):
            piece, kind = format_reading(r, style, names=True), "word"  # type: ignore[arg-type]
        elif text.isspace():
            piece, kind = text, "space"
        elif _punct(text):
            piece = text
            kind = "open" if unicodedata.category(text[-1]) in ("Ps", "Pi") else "punct"
        else:
            piece, kind = text, "word"
        if (prev == "word" and kind in ("word", "open")) or (prev == "punct" and kind == "word"):
            out.append(" ")
        out.append(piece)
        prev = kind
    return "".join(out).strip()


def _punct(text: str) -> bool:
    return all(unicodedata.category(ch).startswith("P") for ch in text)


def _with_sandhi(text: str, readings: list) -> list:
    from dataclasses import replace

    from reader.core.service import sandhi

    flat = [s for r in readings for s in r.syllables]
    chars = "".join(r.token.text for r in readings)
    changed = sandhi(flat, chars)
    out, i = [], 0
    for r in readings:
        n = len(r.syllables)
        out.append(replace(r, syllables=tuple(changed[i:i + n])))
        i += n
    return out


def _run_lines(svc, style: str, with_sandhi: bool, neutral: str) -> int:
    from reader.core.service import format_syllable, sandhi

    batch: list[str] = []

    def flush() -> None:
        results = svc.syllables_many(batch, neutral=neutral) if batch else []
        for line, chars in zip(batch, results, strict=True):
            syllables = [s for s, _c in chars]
            if with_sandhi:
                syllables = sandhi(syllables, line)
            shown = [None if s is None else format_syllable(s, style) for s in syllables]
            sys.stdout.write(json.dumps(shown, ensure_ascii=False, separators=(",", ":")) + "\n")
        sys.stdout.flush()
        batch.clear()

    for line in _stdin_lines():
        batch.append(line)
        if len(batch) >= _BATCH_LINES:
            flush()
    flush()
    return 0


def _stdin_lines() -> Iterator[str]:
    """Standard input line by line as UTF-8 (a BOM is dropped); bad bytes → UserError."""
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:                      # already text (tests, embedding)
        for raw in sys.stdin:
            yield raw.rstrip("\r\n")
        return
    for number, raw in enumerate(binary, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise UserError(f"standard input line {number} is not UTF-8 text "
                            f"(byte {exc.start + 1})") from exc
        yield text.rstrip("\r\n")
