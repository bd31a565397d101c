"""Sentence splitting for Chinese and English paragraphs, with exact code-point offsets.

Both splitters find candidate stops with one linear regex scan and then look only at the
characters around each candidate, so a 100,000-character line costs one pass. Every
sentence's text is stripped of surrounding whitespace and equals `text[start:end]`; the
sentences cover every non-space character of the paragraph, in order.
"""

from __future__ import annotations

import re

from reader.core.models import Lang, Paragraph, Sentence
from reader.core.text.han import is_han as _is_han

# Closing quotes and brackets stay with the sentence they close.
_CLOSERS = "”’」』）)》〉】〕\"'"
_ZH_CLOSERS = "”’」』）》〉】〕"  # unambiguous: never open a sentence
_ZH_STOPS = "。！？；…"
_ZH_HALF_STOPS = "!?;."
_ZH_CANDIDATE = re.compile(r"[。！？；…!?;.\n]+")
_EN_CANDIDATE = re.compile(r"[.!?…]+|\n")

# Words that end in a full stop without ending the sentence (compared lower-cased, no dot).
_EN_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "ft", "sen", "rep", "gov", "gen", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres", "jan", "feb", "apr", "aug", "sep", "sept",
    "oct", "nov", "dec", "tue", "tues", "thu", "thur", "thurs", "fri", "approx", "dept", "univ",
    "ave", "blvd", "vs", "cf", "al", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c",
    "ph.d",
))
# Abbreviations only before a number (No. 5, p. 12, Mar. 3); elsewhere ordinary words.
_EN_NUMERIC_ABBREVIATIONS = frozenset((
    "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "mar", "jun", "jul", "sat", "sun",
))
# Abbreviations that also end sentences often: a stop when the next word is capitalised.
_EN_SOFT_ABBREVIATIONS = frozenset((
    "etc", "inc", "ltd", "co", "corp", "jr", "sr",
))


def _closers_end(text: str, pos: int) -> int:
    """Index after any closing quotes/brackets starting at `pos`."""
    n = len(text)
    while pos < n and text[pos] in _CLOSERS:
        pos += 1
    return pos


def _sentences(text: str, cuts: list[int]) -> tuple[Sentence, ...]:
    """Cut `text` at the given positions; strip each piece, keep exact offsets."""
    out: list[Sentence] = []
    start = 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        left, right = start, cut
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if right > left:
            out.append(Sentence(text[left:right], left, right))
        start = cut
    return tuple(out)


def split_zh(text: str) -> tuple[Sentence, ...]:
    """Split a Chinese paragraph on 。！？；… (and !?;. used as Chinese punctuation).

    Half-width !?; count when they follow a Han character or a closing quote; a half-width
    full stop counts only after a Han character (so 3.5, U.S. and English quotes survive).
    """
    cuts: list[int] = []
    for match in _ZH_CANDIDATE.finditer(text):
        run = match.group()
        begin = match.start()
        if "\n" in run:
            cuts.append(match.end())
            continue
        if not any(ch in _ZH_STOPS for ch in run):
            before = text[begin - 1] if begin else ""
            if not before or not (_is_han(before) or before in "”’」』）》"):
                continue
            if set(run) <= {"."} and not _is_han(before):
                continue
            after = text[match.end()] if match.end() < len(text) else ""
            if run == "." and after.isdigit():
                continue
        end = _closers_end(text, match.end())
        # "。 ”": a curly closing quote after a stray space still closes this sentence
        after_space = end
        while after_space < len(text) and text[after_space] == " ":
            after_space += 1
        if after_space > end and after_space < len(text) and text[after_space] in _ZH_CLOSERS:
            end = _closers_end(text, after_space)
        cuts.append(end)
    return _sentences(text, cuts)


def _word_before(text: str, pos: int) -> str:
    """The non-space run ending at `pos` (bounded look-back keeps the scan linear)."""
    start = pos
    limit = max(0, pos - 20)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:pos]


def split_en(text: str) -> tuple[Sentence, ...]:
    """Split an English paragraph on . ! ? … leaving abbreviations, initials and decimals."""
    cuts: list[int] = []
    n = len(text)
    for match in _EN_CANDIDATE.finditer(text):
        if match.group() == "\n":
            cuts.append(match.end())
            continue
        end = _closers_end(text, match.end())
        if end < n and not text[end].isspace():
            continue  # 3.5, e.g.x, U.S.-China: no space, no stop
        nxt = end
        while nxt < n and text[nxt].isspace():
            nxt += 1
        following = text[nxt] if nxt < n else ""
        if following and (following.islower() or following == "."):
            continue  # lower case goes on; ". . ." is one spaced ellipsis
        if match.group() == ".":
            written = _word_before(text, match.start()).rstrip(".").lstrip("(\"“‘'[")
            bare = written.lower()
            if bare in _EN_ABBREVIATIONS:
                continue
            if bare in _EN_NUMERIC_ABBREVIATIONS and following.isdigit():
                continue
            if len(written) == 1 and written.isupper() and written != "I" and following.isupper():
                continue  # an initial: J. K. Rowling (but "so was I. At")
            if bare in _EN_SOFT_ABBREVIATIONS and not (following.isupper() or not following):
                continue
        cuts.append(end)
    return _sentences(text, cuts)


def make_paragraph(text: str, lang: Lang | str) -> Paragraph:
    """A paragraph with its sentences split by the language's rules."""
    splitter = split_zh if Lang(lang) is Lang.ZH else split_en
    return Paragraph(text, splitter(text))
