"""The core's slow services as the window uses them, loaded once off the GUI thread.

jieba, the CC-CEDICT index and the reading model must not delay the first paint:
`CoreServices.start()` loads them in a daemon thread, started by the GUI entry before Qt is
imported and released once the window has painted; until `ready`, the panes show text and
the popup simply waits. `ArticleAnalysis` segments and reads paragraphs on demand (the
visible ones first) and caches the result, so a 1 MB article costs only what is looked at.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.models import Alignment, Article, Bead, Entry, Paragraph, Reading, Token

if TYPE_CHECKING:
    from reader.ui.reading.panes import Analysis


class _Loading:
    """Counts core loads under way; `wait_idle` blocks until there are none (or a timeout)."""

    def __init__(self) -> None:
        self._count = 0
        self._cond = threading.Condition()

    def __enter__(self) -> None:
        with self._cond:
            self._count += 1

    def __exit__(self, *_: object) -> None:
        with self._cond:
            self._count -= 1
            self._cond.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._count == 0, timeout)


_loading = _Loading()
#: The alignment process starts once the core has loaded (at most this many seconds later).
ALIGN_AFTER_CORE_S = 5.0


class CoreServices:
    """Segmenter, dictionary and pinyin readings; `ready` once all three have loaded."""

    def __init__(self, segmenter: object = None, dictionary: object = None) -> None:
        """Args: an already-loaded segmenter/dictionary to share (tests, benchmarks)."""
        self._ready = threading.Event()
        self._lock = threading.RLock()
        self._given = (segmenter, dictionary)
        self.segmenter = None
        self.dictionary = None
        self.pinyin = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def start(self, after: threading.Event | None = None, patience: float = 1.0) -> None:
        """Load everything in a daemon thread (a second call does nothing).

        Args:
            after: loading waits until this is set, at most `patience` seconds. The GUI
                entry starts the thread before Qt is imported and sets `after` once the
                window has painted: loading is Python work that shares the GIL, and done
                alongside Qt's start-up it would only delay the first paint.
        """
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, args=(after, patience),
                                            name="duizhao-core", daemon=True)
            self._thread.start()

    def load_dictionary(self) -> None:
        """Open CC-CEDICT (milliseconds once cached): glosses by longest match work from here
        on, while jieba and the reading model are still loading."""
        if self.dictionary is None:
            from reader.core.language.dictionary import Dictionary

            self.dictionary = self._given[1] or Dictionary.open()

    def _load(self, after: threading.Event | None = None, patience: float = 1.0) -> None:
        with _loading:
            if after is not None:
                after.wait(patience)
            try:
                self.load_dictionary()
                from reader.core.language import pinyin
                from reader.core.language.segment import default_segmenter

                segmenter = self._given[0] or default_segmenter()
                segmenter.ensure_ready()
                pinyin.warm_up()
                # First calls load lazy tables (jieba's HMM, the script tables).
                sample = "我们去银行还钱。"
                pinyin.readings(sample, segmenter.tokenize(sample))
                self.segmenter, self.pinyin = segmenter, pinyin
            except BaseException as exc:  # reported by the window, never silently
                self.error = exc
            finally:
                self._ready.set()
            if self.error is None:
                # The HSK lists (levels on the card, the status bar's profile) are not needed
                # to gloss the first screen: loaded once that is possible.
                self.dictionary.hsk_level("的")

    @property
    def ready(self) -> bool:
        return self._ready.is_set() and self.error is None

    def wait(self, timeout: float | None = None) -> bool:
        self.start()
        self._ready.wait(timeout)
        return self.ready

    # ----- calls (GUI or worker thread) --------------------------------------------------
    def tokenize(self, text: str) -> list[Token]:
        with self._lock:
            return list(self.segmenter.tokenize(text))

    def readings(self, text: str, tokens: list[Token]) -> list[Reading]:
        with self._lock:
            return list(self.pinyin.readings(text, tokens))

    def lookup(self, word: str) -> list[Entry]:
        with self._lock:
            return list(self.dictionary.lookup(word))

    def hsk(self, word: str) -> int | None:
        with self._lock:
            return self.dictionary.hsk_level(word)

    @property
    def dictionary_ready(self) -> bool:
        return self.dictionary is not None

    def longest_match(self, text: str, pos: int) -> tuple[int, int] | None:
        """(start, end) of the longest dictionary word starting at `pos`, or None."""
        if self.dictionary is None:
            return None
        with self._lock:
            found = self.dictionary.longest_match(text, pos)   # (word, entries) or None
        return (pos, pos + len(found[0])) if found else None

    def char_breakdown(self, word: str) -> list:
        with self._lock:
            return list(self.dictionary.char_breakdown(word))


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

    def __init__(self, services: CoreServices, paragraphs: tuple[Paragraph, ...],
                 traditional: bool = False, cached: int = CACHED_PARAGRAPHS) -> None:
        self.services = services
        self.paragraphs = paragraphs
        self.traditional = traditional
        self._limit = max(1, cached)
        self._cache: OrderedDict[int, Analysis] = OrderedDict()
        self._tokens: OrderedDict[int, list[Token]] = OrderedDict()
        self._word_counts: Counter[tuple[str, str]] | None = None
        self._stop = threading.Event()

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
        from reader.ui.reading.panes import Analysis

        tokens = self.tokens(block_no)
        if self.traditional:   # tokens carry the characters shown, not the analysed ones
            shown = self.paragraphs[block_no].text
            display = tuple(Token(shown[t.start:t.end], t.start, t.end) for t in tokens)
        else:
            display = tuple(tokens)
        found = Analysis(
            tokens=display,
            hsk_of=lambda t, b=block_no: self.services.hsk(self.analysed_word(b, t)),
            reader=lambda analysis, index, b=block_no: self._read_sentence(b, analysis, index),
        )
        self._remember(self._cache, block_no, found, self._limit)
        return found

    def _read_sentence(self, block_no: int, analysis: Analysis, index: int) -> None:
        """Readings for the sentence holding token `index` (polyphones need only it)."""
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

    def analysed_word(self, block_no: int, token: Token) -> str:
        return self.analysed_text(block_no)[token.start:token.end]

    def profile_steps(self) -> Iterator[ArticleProfile | None]:
        """Word count and HSK profile, one paragraph per step (None), then the profile.

        Driven from the GUI thread in idle time: a Python worker thread would hold the GIL
        that every PySide call re-acquires, and hovers would wait for it. The same pass
        fills `word_counts` (a few MB: one entry per distinct word, not per token).
        """
        from reader.ui.reading.panes import is_word

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


_pool = None
_pool_lock = threading.Lock()


def _align_pool():  # noqa: ANN202 - multiprocessing.pool.Pool
    """One spawned worker process for alignment, kept for the session.

    Alignment is pure Python and long on big articles; in a thread it would hold the GIL
    and make hovers and scrolling stutter, and its lexicon would swell the window's memory.
    """
    global _pool
    with _pool_lock:
        if _pool is None:
            import multiprocessing

            _pool = multiprocessing.get_context("spawn").Pool(1)
        return _pool


def shutdown_pool() -> None:
    """Stop the alignment process (on quit: an unfinished alignment is simply dropped)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.terminate()
            _pool.join()
            _pool = None


class AlignmentDropped(Exception):
    """The alignment process was stopped (the app is quitting) before it answered."""


def align(article: Article, in_process: bool = False) -> Alignment:
    """The core's alignment, computed in the worker process (or here when that fails).

    Raises:
        AlignmentDropped: `shutdown_pool()` ran while we waited. A plain `Pool.apply` would
            wait forever on a terminated pool and keep the interpreter from exiting.
    """
    import multiprocessing

    if not in_process:
        # Words and readings first: starting the process (imports, a spawned interpreter)
        # while the core loads would slow the first gloss on a machine with few cores.
        _loading.wait_idle(ALIGN_AFTER_CORE_S)
        try:
            pool = _align_pool()
            pending = pool.apply_async(_align_article, (article,))
        except (OSError, ValueError, AssertionError):
            pending = None  # no subprocess (sandbox, pool closing): align here instead
        while pending is not None:
            try:
                return pending.get(timeout=0.2)
            except multiprocessing.TimeoutError:
                if _pool is not pool:
                    raise AlignmentDropped("the alignment process was stopped") from None
    return _align_article(article)


def _align_article(article: Article) -> Alignment:
    """`reader.core.align.api.align_article`, imported where it runs: the window's process only
    sends the work (the aligner's modules stay out of its start-up and memory)."""
    from reader.core.align.api import align_article

    return align_article(article)


def sentence_beads(article: Article, alignment: Alignment) -> tuple[Bead, ...]:
    """Sentence beads, derived from paragraph beads when the alignment has none."""
    if alignment.sentences:
        return alignment.sentences

    def ids(paragraphs: tuple[Paragraph, ...]) -> list[list[int]]:
        out, n = [], 0
        for p in paragraphs:
            out.append(list(range(n, n + len(p.sentences))))
            n += len(p.sentences)
        return out

    zh_ids, en_ids = ids(article.zh), ids(article.en)
    return tuple(Bead(tuple(s for i in b.zh for s in zh_ids[i]),
                      tuple(s for i in b.en for s in en_ids[i]), b.score)
                 for b in alignment.paragraphs)
