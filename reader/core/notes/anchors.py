"""Annotations, saved words, and anchoring that heals when the text changes.

A position is a pair of code-point offsets into a side's *full text*: that side's paragraph
texts joined with "\\n\\n" (`side_text`). Each anchor also keeps the quoted text, up to
`CONTEXT` characters on each side, and the index of the sentence it starts in, so that when
the article is re-imported with edits the annotation can be placed again
(`notes.reanchor`). What cannot be placed with confidence is orphaned, never misplaced.

Pure functions (the dataclasses are in `models`): no SQLite, no Qt.
"""

from __future__ import annotations

from reader.core.errors import UserError
from reader.core.models import (
    Alignment,
    Anchor,
    Article,
    Lang,
)

CONTEXT = 32
PARAGRAPH_SEP = "\n\n"
COLORS = ("yellow", "green", "blue", "pink", "purple")
STATUSES = ("new", "learning", "known", "ignored")


# ---------------------------------------------------------------- text geometry


def side_text(article: Article, lang: Lang | str) -> str:
    """A side's full text: its paragraphs joined with a blank line (what offsets index)."""
    paragraphs = article.zh if Lang(lang) is Lang.ZH else article.en
    return PARAGRAPH_SEP.join(p.text for p in paragraphs)


def sentence_spans(article: Article, lang: Lang | str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of a side in `side_text` offsets, in reading order."""
    paragraphs = article.zh if Lang(lang) is Lang.ZH else article.en
    spans: list[tuple[int, int]] = []
    base = 0
    for paragraph in paragraphs:
        spans.extend((base + s.start, base + s.end) for s in paragraph.sentences)
        base += len(paragraph.text) + len(PARAGRAPH_SEP)
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> int | None:
    """Index of the sentence containing `offset` (or the last one starting before it)."""
    best = None
    for index, (start, end) in enumerate(spans):
        if start <= offset < end:
            return index
        if start <= offset:
            best = index
    return best


def sentences_in(spans: list[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the sentences a range touches."""
    hit = [i for i, (s, e) in enumerate(spans) if s < max(end, start + 1) and e > start]
    if not hit:
        first = sentence_at(spans, start)
        return [] if first is None else [first]
    return hit


def make_anchor(text: str, lang: Lang | str, start: int, end: int,
                spans: list[tuple[int, int]] | None = None) -> Anchor:
    """An anchor for `text[start:end]` with its context and sentence.

    Raises:
        ValueError: the range is empty or outside the text (the caller turns it into a
            UserError naming the range).
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"range {start}–{end} is outside the text (length {len(text)})")
    sentence = sentence_at(spans, start) if spans is not None else None
    return Anchor(
        lang=Lang(lang).value, start=start, end=end, quote=text[start:end],
        prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT],
        sentence=sentence,
    )


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The `occurrence`-th (1-based) exact occurrence of `quote`, or None."""
    if not quote or occurrence < 1:
        return None
    position = -1
    for _ in range(occurrence):
        position = text.find(quote, position + 1)
        if position < 0:
            return None
    return position, position + len(quote)


def times(count: int) -> str:
    """"once", "twice", "3 times": counts in messages read as English."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def quoted(text: str, limit: int = 60) -> str:
    """`text` in quotes for a message, control characters visible, at most `limit` long."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def locate_quote(text: str, quote: str, occurrence: int = 1,
                 where: str = "the text") -> tuple[int, int]:
    """`find_quote`, with a miss explained: how often the quote does occur in `where`.

    Raises:
        UserError: an empty quote, a count below 1, or fewer occurrences than asked for.
    """
    if not quote:
        raise UserError("the quote is empty", "give the exact text to annotate")
    if occurrence < 1:
        raise UserError(f"occurrence {occurrence} does not exist", "count from 1")
    found = find_quote(text, quote, occurrence)
    if found is not None:
        return found
    count, position = 0, text.find(quote)
    while position >= 0:       # counted as find_quote counts (overlapping), fewer than asked
        count += 1
        position = text.find(quote, position + 1)
    if count == 0:
        raise UserError(f"{quoted(quote)} does not occur in {where}",
                        "copy the quote exactly, or check which language it is in")
    raise UserError(f"{quoted(quote)} occurs only {times(count)} in {where}, so there is "
                    f"no occurrence {occurrence}",
                    "choose 1" if count == 1 else f"choose an occurrence from 1 to {count}")


def aligned_sentences(alignment: Alignment, lang: Lang | str,
                      sentence_ids: list[int]) -> list[int]:
    """The other side's sentence ids aligned to `sentence_ids` of side `lang`."""
    wanted = set(sentence_ids)
    zh_side = Lang(lang) is Lang.ZH
    out: list[int] = []
    for bead in alignment.sentences:
        mine, theirs = (bead.zh, bead.en) if zh_side else (bead.en, bead.zh)
        if wanted.intersection(mine):
            out.extend(i for i in theirs if i not in out)
    return sorted(out)
