"""Placing a note again in an edited text, or saying it cannot be placed (orphaned).

The old position with its whole context intact; else the exact quote, when its context
(compared up to paragraph breaks, both sides) picks one occurrence by a margin; else, only
when the quote no longer occurs at all, a bounded fuzzy match scored by quote similarity,
context and nearness, as the Hypothesis annotator does. When unsure: None, never a guess.

Pure functions: no SQLite, no Qt.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from reader.core.models import Anchor
from reader.core.notes.anchors import PARAGRAPH_SEP, make_anchor
from reader.core.text.han import is_han

# Fuzzy acceptance: strict on purpose (an orphan is better than a misplaced note).
MIN_QUOTE_SIMILARITY = 0.75
MIN_QUOTE_SIMILARITY_IN_CONTEXT = 0.6   # a short quote with one edit, in intact context
MIN_SCORE = 0.70
SIDE_AGREES = 0.6      # a side of the context (up to a paragraph break) still agrees
SIDE_CLOSE = 0.85      # ... and agrees closely
MARGIN = 0.15          # the chosen place must beat the next one by this much in context
LONG_QUOTE = 12        # a quote this long, once in both versions, is its own evidence
_NGRAM = 3
_MAX_HITS_PER_GRAM = 64
_MAX_CANDIDATES = 8
_MAX_DP_QUOTE = 256   # longer quotes are matched by their head and tail only


@dataclass(frozen=True, slots=True)
class Match:
    """Where `reanchor` placed an anchor, how, and how sure it is (0–1)."""

    start: int
    end: int
    method: str             # "position" | "quote" | "fuzzy"
    score: float
    details: dict = field(default_factory=dict, compare=False)


# ---------------------------------------------------------------- re-anchoring


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) agrees with the stored prefix and suffix."""
    scores = []
    if anchor.prefix:
        scores.append(_similarity(anchor.prefix, text[max(0, start - len(anchor.prefix)):start]))
    if anchor.suffix:
        scores.append(_similarity(anchor.suffix, text[end:end + len(anchor.suffix)]))
    return sum(scores) / len(scores) if scores else 0.5


def _nearness(anchor: Anchor, text: str, start: int) -> float:
    return 1.0 - min(1.0, abs(start - anchor.start) / max(len(text), 1))


def _combined(similarity: float, context: float, near: float) -> float:
    return 0.6 * similarity + 0.3 * context + 0.1 * near


def _fuzzy_substring(pattern: str, window: str) -> tuple[int, int, int]:
    """Best approximate occurrence of `pattern` in `window` (semi-global edit distance).

    Returns (distance, start, end) in window offsets. O(len(pattern) * len(window)); the
    caller keeps both short.
    """
    m = len(pattern)
    # prev[j]: distance of pattern[:i] ending at window[:j]; starts[j]: where that match began
    prev = [0] * (len(window) + 1)
    starts = list(range(len(window) + 1))
    for i in range(1, m + 1):
        ch = pattern[i - 1]
        cur = [i] + [0] * len(window)
        cur_starts = [0] * (len(window) + 1)
        for j in range(1, len(window) + 1):
            cost = 0 if window[j - 1] == ch else 1
            best, origin = prev[j - 1] + cost, starts[j - 1]
            if prev[j] + 1 < best:
                best, origin = prev[j] + 1, starts[j]
            if cur[j - 1] + 1 < best:
                best, origin = cur[j - 1] + 1, cur_starts[j - 1]
            cur[j], cur_starts[j] = best, origin
        prev, starts = cur, cur_starts
    end = min(range(len(window) + 1), key=lambda j: (prev[j], -j))
    return prev[end], starts[end], end


def _candidates(anchor: Anchor, text: str) -> list[int]:
    """Likely new start positions of the quote, voted for by exact n-gram hits.

    Every n-gram lookup is one `str.find` scan, capped in hits: linear in the text.
    """
    quote = anchor.quote
    probes: list[tuple[str, int]] = []   # (gram, offset of the gram relative to quote start)
    step = max(_NGRAM, len(quote) // 24)
    for i in range(0, max(len(quote) - _NGRAM, 0) + 1, step):
        gram = quote[i:i + _NGRAM]
        if gram.strip():
            probes.append((gram, i))
    for gram, offset in ((anchor.prefix[-_NGRAM * 2:], -len(anchor.prefix[-_NGRAM * 2:])),
                         (anchor.suffix[:_NGRAM * 2], len(quote))):
        if len(gram) >= _NGRAM and gram.strip():
            probes.append((gram, offset))
    votes: Counter[int] = Counter()
    for gram, offset in probes:
        position, hits = text.find(gram), 0
        while position >= 0 and hits < _MAX_HITS_PER_GRAM:
            votes[position - offset] += 1
            hits += 1
            position = text.find(gram, position + 1)
    # Merge votes that fall close together (insertions and deletions shift them).
    slack = max(4, len(quote) // 4)
    clusters: list[tuple[int, int]] = []
    for start, count in sorted(votes.items()):
        if clusters and start - clusters[-1][0] <= slack:
            first, total = clusters[-1]
            clusters[-1] = (first, total + count)
        else:
            clusters.append((start, count))
    clusters.sort(key=lambda c: (-c[1], abs(c[0] - anchor.start)))
    return [start for start, _ in clusters[:_MAX_CANDIDATES]]


def _fuzzy_at(anchor: Anchor, text: str, guess: int) -> Match | None:
    quote = anchor.quote
    slack = max(4, len(quote) // 4)
    lo = max(0, guess - slack)
    hi = min(len(text), guess + len(quote) + 2 * slack)
    window = text[lo:hi]
    if len(quote) <= _MAX_DP_QUOTE:
        distance, s, e = _fuzzy_substring(quote, window)
        start, end = lo + s, lo + e
        similarity = 1.0 - distance / len(quote)
    else:
        head, tail = quote[:64], quote[-64:]
        _, hs, _ = _fuzzy_substring(head, window[: len(head) + 2 * slack])
        tail_lo = max(0, len(window) - len(tail) - 2 * slack)
        _, _, te = _fuzzy_substring(tail, window[tail_lo:])
        start, end = lo + hs, lo + tail_lo + te
        similarity = _similarity(quote, text[start:end]) if end > start else 0.0
    if end <= start:
        return None
    context = _context_score(anchor, text, start, end)
    near = _nearness(anchor, text, start)
    return Match(start, end, "fuzzy", _combined(similarity, context, near),
                 {"similarity": similarity, "context": context, "nearness": near})


def _word_char(ch: str) -> bool:
    """A letter or digit of an alphabetic script: what a Latin word is made of."""
    return ch.isalnum() and not is_han(ch)


def _joins(anchor: Anchor) -> tuple[bool, bool]:
    """Whether the quote was glued to a word on its left / right ("an" inside "instant")."""
    q = anchor.quote
    return (bool(anchor.prefix) and _word_char(anchor.prefix[-1]) and _word_char(q[0]),
            bool(anchor.suffix) and _word_char(q[-1]) and _word_char(anchor.suffix[0]))


def _same_boundaries(anchor: Anchor, text: str, start: int, end: int) -> bool:
    """A candidate must sit on word boundaries exactly as the quote did (Latin text)."""
    left = start > 0 and _word_char(text[start - 1]) and _word_char(text[start])
    right = end < len(text) and _word_char(text[end - 1]) and _word_char(text[end])
    return (left, right) == _joins(anchor)


def _sides(anchor: Anchor, text: str, start: int, end: int) -> tuple[float | None, ...]:
    """How well each side of [start, end) agrees with the stored context, 0–1, or None when
    that side says nothing (the quote began the text and now does not).

    Context stops at a paragraph break (the break itself counts): a paragraph that moved
    keeps the context inside it, and only that is compared.
    """
    prefix, suffix = anchor.prefix, anchor.suffix
    cut = prefix.rfind(PARAGRAPH_SEP)
    prefix = prefix[cut:] if cut >= 0 else prefix
    cut = suffix.find(PARAGRAPH_SEP)
    suffix = suffix[:cut + len(PARAGRAPH_SEP)] if cut >= 0 else suffix
    out: list[float | None] = []
    for stored, found, at_edge in (
            (prefix, text[max(0, start - len(prefix)):start], start == 0),
            (suffix, text[end:end + len(suffix)], end == len(text))):
        if not stored:
            out.append(1.0 if at_edge else None)
        elif len(stored) <= 4:
            out.append(1.0 if stored == found else 0.0)
        else:
            out.append(_similarity(stored, found))
    return tuple(out)


def _strength(sides: tuple[float | None, ...]) -> tuple[bool, int, float]:
    """(every known side agrees, how many sides agree, mean agreement)."""
    known = [x for x in sides if x is not None]
    good = sum(x >= SIDE_AGREES for x in known)
    mean = sum(known) / len(known) if known else 0.0
    return bool(known) and good == len(known), good, mean


def _vouched(quote: str, sides: tuple[float | None, ...]) -> bool:
    """A word boundary lost to an edit right beside the quote (a letter typed against it)
    is forgiven only when the quote is a word's length and both sides agree closely."""
    return len(quote) >= 4 and all(x is not None and x >= 0.9 for x in sides)


def _occurrences(text: str, quote: str, limit: int = 1000) -> list[int]:
    found, position = [], text.find(quote)
    while position >= 0 and len(found) < limit:
        found.append(position)
        position = text.find(quote, position + 1)
    return found


def _exact(anchor: Anchor, text: str, old_count: int) -> Match | None:
    """Choose among the exact occurrences of the quote, or None (orphan) when unsure.

    An occurrence whose context agrees on every side wins if it clearly beats every other
    occurrence; a context-less occurrence is taken only when the quote occurs once in both
    versions and at least one side, or its own length (LONG_QUOTE), vouches for it.
    """
    quote = anchor.quote
    scored = []
    for start in _occurrences(text, quote):
        end = start + len(quote)
        sides = _sides(anchor, text, start, end)
        if _same_boundaries(anchor, text, start, end) or _vouched(quote, sides):
            scored.append((start, end, sides, *_strength(sides)))
    if not scored:
        return None
    scored.sort(key=lambda c: (-c[5], abs(c[0] - anchor.start)))
    start, end, sides, strong, good, mean = scored[0]
    runner_up = scored[1][5] if len(scored) > 1 else 0.0
    details = {"similarity": 1.0, "context": mean, "sides": sides,
               "occurrences": len(scored), "margin": mean - runner_up}
    if strong and mean - runner_up >= MARGIN:
        return Match(start, end, "quote", _combined(1.0, mean, 1.0), details)
    # Once in both versions: one side must agree closely (a rewritten sentence can keep a
    # few of its words together, loosely agreeing on one side), or the quote be long.
    close = any(x is not None and x >= SIDE_CLOSE for x in sides)
    if len(scored) == 1 and old_count <= 1 and (close or len(quote) >= LONG_QUOTE):
        return Match(start, end, "quote", _combined(1.0, mean, 1.0), details)
    return None


def _fuzzy(anchor: Anchor, text: str) -> Match | None:
    """The quote, slightly edited, in surroundings that still agree; None when unsure."""
    matches: list[Match] = []
    for guess in [*_candidates(anchor, text), anchor.start]:
        match = _fuzzy_at(anchor, text, guess)
        if match is None or not (
                _same_boundaries(anchor, text, match.start, match.end)
                or _vouched(anchor.quote, _sides(anchor, text, match.start, match.end))):
            continue
        if any(abs(m.start - match.start) < 2 and m.end == match.end for m in matches):
            continue
        matches.append(match)
    if not matches:
        return None
    matches.sort(key=lambda m: -m.score)
    best = matches[0]
    others = [m for m in matches[1:]
              if m.end <= best.start or m.start >= best.end]   # a different place
    similarity = best.details["similarity"]
    sides = _sides(anchor, text, best.start, best.end)
    strong, good, _mean = _strength(sides)
    best.details["sides"] = sides
    if best.score < MIN_SCORE or not strong:
        return None
    if others and best.score - others[0].score < MARGIN / 2:
        return None
    if similarity >= MIN_QUOTE_SIMILARITY:
        return best
    if similarity >= MIN_QUOTE_SIMILARITY_IN_CONTEXT and all(
            x is not None and x >= SIDE_CLOSE for x in sides):
        return best      # a quote edited this much needs both sides closely intact
    return None


def reanchor(anchor: Anchor, text: str, old_text: str | None = None) -> Match | None:
    """Place `anchor` in a (possibly edited) `text`, or None when it cannot be placed safely.

    `old_text`, the text the anchor was made on, tells whether the quote was unique there
    (a note whose text was deleted must not jump to another copy of it). Order: the old
    position with its whole context intact; else the exact quote, when its context (both
    sides) picks one occurrence by a margin; else, only when the quote no longer occurs
    at all, a fuzzy match in agreeing context. Latin quotes keep their word boundaries.
    Bounded: a few linear scans plus small edit-distance windows.
    """
    quote = anchor.quote
    if not quote:
        return None
    start, end = anchor.start, anchor.end
    if (text[start:end] == quote and text[max(0, start - len(anchor.prefix)):start]
            == anchor.prefix and text[end:end + len(anchor.suffix)] == anchor.suffix
            and len(_occurrences(text, anchor.prefix + quote + anchor.suffix, 2)) == 1):
        return Match(start, end, "position", 1.0, {"context": 1.0})
    old_count = 1 if old_text is None else len(_occurrences(old_text, quote, 2))
    occurrences = _occurrences(text, quote, 1000)
    if occurrences:
        exact = _exact(anchor, text, old_count)
        # The exact quote with some agreeing context beats any fuzzy match near the old
        # place; only copies in foreign surroundings leave room for one.
        if exact is not None or any(
                x is not None and x >= SIDE_AGREES
                for o in occurrences for x in _sides(anchor, text, o, o + len(quote))):
            return exact
    return _fuzzy(anchor, text)


def moved_anchor(anchor: Anchor, text: str, match: Match,
                 spans: list[tuple[int, int]] | None = None) -> Anchor:
    """The anchor rebuilt at its new place (quote and context refreshed from `text`)."""
    return make_anchor(text, anchor.lang, match.start, match.end, spans)
