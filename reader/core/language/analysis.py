"""One article's Chinese side analysed on demand: words, readings in context, HSK levels.

`ArticleAnalysis` segments a paragraph when it is first asked for (the visible ones first)
and keeps a bounded number of them, so a 1 MB article costs only what is looked at; each
paragraph's `Analysis` computes readings one sentence at a time, on first need. The slow
parts (segmenter, reading model, dictionary) come from an `AnalysisServices` object, which
the window loads off its GUI thread; nothing here imports them, nor Qt.

Offsets are code points into the paragraph's text. A traditional-script article is
analysed through a same-length simplified copy (the dictionary and the models are
simplified), while its tokens carry the characters shown.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from reader.core.models import Paragraph, Reading, Token
from reader.core.text.han import has_han


def is_word(token: Token) -> bool:
    """Tokens worth a gloss: those with at least one Han character."""
    return has_han(token.text)


class Analysis:
    """One paragraph's words (code-point tokens) and HSK levels, with readings filled lazily.

    Readings cost a model run per sentence, so they are computed per sentence on first need
    (`reading(i)`) by the `reader` callback; `known_reading(i)` never computes (painting).
    """

    __slots__ = ("tokens", "_hsk", "_hsk_of", "_readings", "_reader", "_starts")

    def __init__(self, tokens: tuple[Token, ...], hsk: tuple[int | None, ...] | None = None,
                 reader: Callable[[Analysis, int], None] | None = None,
                 readings: tuple[Reading | None, ...] | None = None,
                 hsk_of: Callable[[Token], int | None] | None = None) -> None:
        self.tokens = tokens
        self._hsk = hsk
        self._hsk_of = hsk_of
        self._readings: list[Reading | None] = list(readings or (None,) * len(tokens))
        self._reader = reader
        self._starts = [t.start for t in tokens]

    def index_at(self, cp: int) -> int | None:
        """The index of the token covering code point `cp`, or None."""
        i = bisect_right(self._starts, cp) - 1
        if i >= 0 and self.tokens[i].start <= cp < self.tokens[i].end:
            return i
        return None

    @property
    def hsk(self) -> tuple[int | None, ...] | None:
        """HSK level per token (None: not a word or beyond HSK), looked up on first use."""
        if self._hsk is None and self._hsk_of is not None:
            self._hsk = tuple(self._hsk_of(t) if is_word(t) else None for t in self.tokens)
        return self._hsk

    def set_reading(self, index: int, reading: Reading | None) -> None:
        """Set token `index`'s reading (None: computed again on next need)."""
        self._readings[index] = reading

    def known_reading(self, index: int) -> Reading | None:
        return self._readings[index]

    def reading(self, index: int) -> Reading | None:
        """The token's reading in context, computing its sentence's readings if needed."""
        if self._readings[index] is None and self._reader is not None:
            self._reader(self, index)
        return self._readings[index]

    def missing(self) -> list[int]:
        """Indices of words whose reading is not computed yet."""
        return [i for i, r in enumerate(self._readings) if r is None and is_word(self.tokens[i])]

    @property
    def readings(self) -> list[Reading | None]:
        return [self.reading(i) if is_word(t) else self._readings[i]
                for i, t in enumerate(self.tokens)]


class AnalysisServices(Protocol):
    """What `ArticleAnalysis` needs from the loaded core (the window's `CoreServices`)."""

    @property
    def ready(self) -> bool:
        """True once the segmenter, the readings and the dictionary have loaded."""

    def tokenize(self, text: str) -> list[Token]: ...

    def readings(self, text: str, tokens: list[Token]) -> list[Reading]: ...

    def hsk(self, word: str) -> int | None: ...


def _simplified_copy(text: str) -> str:
    from reader.core.text.script import to_simplified

    out = to_simplified(text)
    return out if len(out) == len(text) else text


#: Paragraphs whose words and readings are kept (least recently used dropped first). A
#: screen shows ~10–30 paragraphs; keeping every paragraph ever scrolled past would cost
#: ~70 MB on a 1 MB article. A dropped paragraph is segmented again (about a millisecond)
#: and its readings refilled in idle time when it comes back into view.
CACHED_PARAGRAPHS = 256


class ArticleAnalysis:
    """Per-paragraph words, readings and HSK levels for one article's Chinese side."""

    def __init__(self, services: AnalysisServices, paragraphs: tuple[Paragraph, ...],
                 traditional: bool = False, cached: int = CACHED_PARAGRAPHS) -> None:
        self.services = services
        self.paragraphs = paragraphs
        self.traditional = traditional
        self._limit = max(1, cached)
        self._cache: OrderedDict[int, Analysis] = OrderedDict()
        self._tokens: OrderedDict[int, list[Token]] = OrderedDict()
        self._word_counts: Counter[tuple[str, str]] | None = None
        self._locked: dict[str, tuple[str, ...]] = {}

    @staticmethod
    def _remember(cache: OrderedDict, key: int, value: object, limit: int) -> None:
        cache[key] = value
        while len(cache) > limit:
            cache.popitem(last=False)

    def analysed_text(self, block_no: int) -> str:
        """The text the core analyses: a same-length simplified copy for traditional text."""
        text = self.paragraphs[block_no].text
        return _simplified_copy(text) if self.traditional else text

    def tokens(self, block_no: int) -> list[Token] | None:
        """The paragraph's tokens over the analysed text; None until the core is loaded."""
        found = self._tokens.get(block_no)
        if found is not None:
            self._tokens.move_to_end(block_no)
            return found
        if not self.services.ready:
            return None
        found = self.services.tokenize(self.analysed_text(block_no))
        self._remember(self._tokens, block_no, found, self._limit)
        return found

    def get(self, block_no: int) -> Analysis | None:
        """The paragraph's words, segmented now if needed; None until the core is loaded.

        Readings are left to `Analysis.reading`, which computes one sentence at a time.
        """
        found = self._cache.get(block_no)
        if found is not None:
            self._cache.move_to_end(block_no)
            return found
        if not 0 <= block_no < len(self.paragraphs) or not self.services.ready:
            return None
        found = self._analysis(block_no, self.tokens(block_no))
        self._remember(self._cache, block_no, found, self._limit)
        return found

    def computed(self, block_no: int) -> tuple[str, tuple[Token, ...],
                                              tuple[Reading | None, ...]] | None:
        """The paragraph's analysed text, words and readings, all computed now: what
        `prime` takes in another process's analysis of the same article."""
        found = self.get(block_no)
        tokens = self.tokens(block_no)
        if found is None or tokens is None:
            return None
        readings = tuple(found.reading(i) if is_word(t) else found.known_reading(i)
                         for i, t in enumerate(found.tokens))
        return self.analysed_text(block_no), tuple(tokens), readings

    def prime(self, block_no: int, text: str, tokens: tuple[Token, ...],
              readings: tuple[Reading | None, ...]) -> bool:
        """Take a paragraph's words and readings computed elsewhere (the start-up's first
        screen, read in another process while this one loads its core).

        Taken only when `text` is still the paragraph's analysed text and the paragraph is
        not analysed here yet; the user's locked readings apply as to any reading.
        """
        if (not 0 <= block_no < len(self.paragraphs) or block_no in self._cache
                or self.analysed_text(block_no) != text or len(tokens) != len(readings)):
            return False
        self._remember(self._tokens, block_no, list(tokens), self._limit)
        found = self._analysis(block_no, tokens, readings)
        self._apply_locks(found)
        self._remember(self._cache, block_no, found, self._limit)
        return True

    def _analysis(self, block_no: int, tokens: tuple[Token, ...] | list[Token],
                  readings: tuple[Reading | None, ...] | None = None) -> Analysis:
        if self.traditional:   # tokens carry the characters shown, not the analysed ones
            shown = self.paragraphs[block_no].text
            display = tuple(Token(shown[t.start:t.end], t.start, t.end) for t in tokens)
            if readings is not None:
                readings = tuple(None if r is None else Reading(d, r.syllables, r.confidence)
                                 for d, r in zip(display, readings, strict=True))
        else:
            display = tuple(tokens)
        return Analysis(
            tokens=display,
            readings=readings,
            hsk_of=lambda t, b=block_no: self.services.hsk(self.analysed_word(b, t)),
            reader=lambda analysis, index, b=block_no: self._read_sentence(b, analysis, index),
        )

    def _read_sentence(self, block_no: int, analysis: Analysis, index: int) -> None:
        """Readings for the sentence holding token `index` (polyphones need only it)."""
        if not self.services.ready:   # a primed paragraph, before the core has loaded
            return
        text = self.analysed_text(block_no)
        cp = analysis.tokens[index].start
        start, end = 0, len(text)
        for s in self.paragraphs[block_no].sentences:
            if s.start <= cp < s.end:
                start, end = s.start, s.end
                break
        idx = [i for i, t in enumerate(analysis.tokens) if start <= t.start and t.end <= end]
        if index not in idx:   # a token straddling a sentence edge: read the paragraph
            start, end, idx = 0, len(text), list(range(len(analysis.tokens)))
        piece = text[start:end]
        local = [Token(piece[t.start - start:t.end - start], t.start - start, t.end - start)
                 for t in (analysis.tokens[i] for i in idx)]
        for i, r in zip(idx, self.services.readings(piece, local), strict=False):
            tok = analysis.tokens[i]
            analysis.set_reading(i, Reading(tok, r.syllables, r.confidence))
        for i in idx:   # anything the core left out: no reading, not asked again
            if analysis.known_reading(i) is None:
                tok = analysis.tokens[i]
                analysis.set_reading(i, Reading(tok, (None,) * len(tok.text)))
        self._apply_locks(analysis)

    # ----- locked readings ---------------------------------------------------------------
    def set_locked_readings(self, locked: Mapping[str, tuple[str, ...]]) -> None:
        """Readings the user locked in this article (shown word → syllables).

        Every reading computed from now on honours them (a lock whose length differs from
        its word's is ignored); the readings already computed of words locked before or now
        are dropped, to be read again (plain, then locked) on next need.
        """
        touched = set(self._locked) | set(locked)
        self._locked = dict(locked)
        for result in list(self._cache.values()):
            for i, tok in enumerate(result.tokens):   # read again: plain, then locks
                if tok.text in touched and result.known_reading(i) is not None:
                    result.set_reading(i, None)

    def locked_readings(self) -> dict[str, tuple[str, ...]]:
        return dict(self._locked)

    def _apply_locks(self, analysis: Analysis) -> None:
        if not self._locked:
            return
        for i, tok in enumerate(analysis.tokens):
            syllables = self._locked.get(tok.text)
            if syllables and len(syllables) == len(tok.text):
                analysis.set_reading(i, Reading(tok, syllables, (1.0,) * len(syllables)))

    # ----- the whole article ---------------------------------------------------------------
    def analysed_word(self, block_no: int, token: Token) -> str:
        return self.analysed_text(block_no)[token.start:token.end]

    def profile_steps(self) -> Iterator[ArticleProfile | None]:
        """Word count and HSK profile, one paragraph per step (None), then the profile.

        Driven from the GUI thread in idle time: a Python worker thread would hold the GIL
        that every PySide call re-acquires, and hovers would wait for it. The same pass
        fills `word_counts` (a few MB: one entry per distinct word, not per token).
        """
        levels: Counter[int | None] = Counter()
        level_of: dict[str, int | None] = {}
        counts: Counter[tuple[str, str]] = Counter()
        words = 0
        complete = True
        for i in range(len(self.paragraphs)):
            # Not cached: keeping every token of a 1 MB article would cost ~30 MB.
            tokens = self._tokens.get(i)
            if tokens is None and self.services.ready:
                tokens = self.services.tokenize(self.analysed_text(i))
            if tokens is None:
                complete = False
            shown = self.paragraphs[i].text
            for tok in tokens or ():
                if is_word(tok):
                    words += 1
                    counts[tok.text, shown[tok.start:tok.end]] += 1
                    level = level_of.get(tok.text, level_of)
                    if level is level_of:
                        level = level_of[tok.text] = self.services.hsk(tok.text)
                    levels[level] += 1
            yield None
        if complete:
            self._word_counts = counts
        yield ArticleProfile(words, dict(levels))

    def word_counts(self, compute: bool = True) -> Counter[tuple[str, str]] | None:
        """Every word of the article as (analysed, shown) → occurrences: article-wide
        counts (the share of known words) without keeping every paragraph's tokens.

        Filled by the profile pass; computed now when asked first unless `compute` is
        False (the window asks again when its idle-time profile ends). None until then.
        """
        if self._word_counts is None and compute and self.services.ready:
            for _step in self.profile_steps():
                pass
        return self._word_counts

    def profile(self) -> ArticleProfile:
        """The whole profile at once (headless use)."""
        result = None
        for result in self.profile_steps():  # noqa: B007 - the last step is the result
            pass
        assert result is not None
        return result


@dataclass(frozen=True)
class ArticleProfile:
    """The article's word count and how many of its words are at each HSK level."""

    words: int
    levels: dict[int | None, int]

    def summary(self) -> str:
        if not self.words:
            return "0 words"
        known = sorted(k for k in self.levels if k is not None)
        parts = [f"HSK{k} {100 * self.levels[k] / self.words:.0f}%" for k in known]
        other = self.levels.get(None, 0)
        if other:
            parts.append(f"beyond {100 * other / self.words:.0f}%")
        return f"{self.words:,} words · " + " ".join(parts)
