"""The core's slow services as the window uses them, loaded once off the GUI thread.

jieba, the CC-CEDICT index and the reading model must not delay the first paint:
`CoreServices.start()` loads them in a daemon thread, started by the GUI entry before Qt is
imported and released once the window has painted; until `ready`, the panes show text and
the popup simply waits. The article's words and readings are analysed on demand by
`reader.core.language.analysis.ArticleAnalysis`, which calls these services. Alignment runs
in a worker process (`align`).
"""

from __future__ import annotations

import threading

from reader.core.models import Alignment, Article, Bead, Entry, Paragraph, Reading, Token
from reader.ui.alignprocess import AlignProcess


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
#: The window's own core loading waits at most this long for the first screen's words from
#: the forked reader (it answers within ~50 ms of the first paint; a slower answer on a busy
#: machine is not worth holding the rest of the article's words back for).
HOLD_PATIENCE_S = 0.3


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

    def start(self, after: threading.Event | None = None, patience: float = 1.0,
              hold: threading.Event | None = None) -> None:
        """Load everything in a daemon thread (a second call does nothing).

        Args:
            after: loading waits until this is set, at most `patience` seconds. The GUI
                entry starts the thread before Qt is imported and sets `after` once the
                window has painted: loading is Python work that shares the GIL, and done
                alongside Qt's start-up it would only delay the first paint.
            hold: once the dictionary is open, the rest waits until this is set (at most
                `HOLD_PATIENCE_S`): the first screen's words, read in another process
                (`reader.ui.firstscreen`), are taken in by the GUI thread meanwhile.
        """
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, args=(after, patience, hold),
                                            name="duizhao-core", daemon=True)
            self._thread.start()

    def load_dictionary(self) -> None:
        """Open CC-CEDICT (milliseconds once cached): glosses by longest match work from here
        on, while jieba and the reading model are still loading."""
        if self.dictionary is None:
            from reader.core.service import Dictionary

            self.dictionary = self._given[1] or Dictionary.open()

    def _load(self, after: threading.Event | None = None, patience: float = 1.0,
              hold: threading.Event | None = None) -> None:
        with _loading:
            if after is not None:
                after.wait(patience)
            try:
                self.load_dictionary()
                if hold is not None:
                    hold.wait(HOLD_PATIENCE_S)
                from reader.core.service import default_segmenter, pinyin

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


_process: AlignProcess | None = None
_process_lock = threading.Lock()


def _align_process() -> AlignProcess:
    """The alignment worker, started on first use and kept for the session (a new one
    replaces a worker that died)."""
    global _process
    with _process_lock:
        if _process is None or not _process.alive():
            _process = AlignProcess()
        return _process


def shutdown_pool() -> None:
    """Stop the alignment process (on quit: an unfinished alignment is simply dropped)."""
    global _process
    with _process_lock:
        if _process is not None:
            _process.stop()
            _process = None


def align(article: Article, in_process: bool = False) -> Alignment:
    """The core's alignment, computed in the worker process (or here when there can be no
    worker process: a sandbox without subprocesses).

    Raises:
        AlignmentDropped: `shutdown_pool()` ran while we waited.
        AlignmentFailed: the aligner raised in the worker, or the worker died.
    """
    if not in_process:
        # Words and readings first: starting the process (imports, a spawned interpreter)
        # while the core loads would slow the first gloss on a machine with few cores.
        _loading.wait_idle(ALIGN_AFTER_CORE_S)
        try:
            worker = _align_process()
        except OSError:
            worker = None
        if worker is not None:
            return worker.call(_align_article, article)
    return _align_article(article)


def _align_article(article: Article) -> Alignment:
    """`reader.core.align.api.align_article`, imported where it runs: the window's process only
    sends the work (the aligner's modules stay out of its start-up and memory)."""
    from reader.core.service import align_article

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
