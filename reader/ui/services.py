"""The core's slow services as the window uses them, loaded once off the GUI thread.

jieba (≈0.7 s), the CC-CEDICT index and the reading model must not delay the first paint:
`CoreServices.start()` loads them in a daemon thread; until `ready`, the panes show text and
the popup simply waits. `ArticleAnalysis` segments and reads paragraphs on demand (the
visible ones first) and caches the result, so a 1 MB article costs only what is looked at.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.models import Alignment, Article, Bead, Entry, Paragraph, Reading, Token
from reader.ui.panes import Analysis, is_word


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

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="duizhao-core", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        try:
            from reader.core import pinyin
            from reader.core.dictionary import Dictionary
            from reader.core.segment import default_segmenter

            segmenter, dictionary = self._given
            segmenter = segmenter or default_segmenter()
            segmenter.ensure_ready()
            dictionary = dictionary or Dictionary.open()
            warm = getattr(pinyin, "warm_up", None)
            if warm is not None:
                warm()
            self.segmenter, self.dictionary, self.pinyin = segmenter, dictionary, pinyin
        except BaseException as exc:  # reported by the window, never silently
            self.error = exc
        finally:
            self._ready.set()

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

    def longest_match(self, text: str, pos: int) -> tuple[int, int] | None:
        """(start, end) of the longest dictionary word starting at `pos`, or None."""
        with self._lock:
            found = self.dictionary.longest_match(text, pos)
        if not found:
            return None
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], int):
            return found
        if isinstance(found, str):
            return pos, pos + len(found)
        first = found[0] if isinstance(found, list | tuple) else found
        word = getattr(first, "simplified", None) or getattr(first, "text", None)
        return (pos, pos + len(word)) if word else None

    def char_breakdown(self, word: str) -> list:
        with self._lock:
            return list(self.dictionary.char_breakdown(word))


def _simplified_copy(text: str) -> str:
    from reader.core.script import to_simplified

    out = to_simplified(text)
    return out if len(out) == len(text) else text


class ArticleAnalysis:
    """Per-paragraph words, readings and HSK levels for one article's Chinese side."""

    def __init__(self, services: CoreServices, paragraphs: tuple[Paragraph, ...],
                 traditional: bool = False) -> None:
        self.services = services
        self.paragraphs = paragraphs
        self.traditional = traditional
        self._cache: dict[int, Analysis] = {}
        self._tokens: dict[int, list[Token]] = {}
        self._stop = threading.Event()

    def analysed_text(self, block_no: int) -> str:
        """The text the core analyses: a same-length simplified copy for traditional text."""
        text = self.paragraphs[block_no].text
        return _simplified_copy(text) if self.traditional else text

    def tokens(self, block_no: int) -> list[Token] | None:
        found = self._tokens.get(block_no)
        if found is None:
            if not self.services.ready:
                return None
            found = self.services.tokenize(self.analysed_text(block_no))
            self._tokens[block_no] = found
        return found

    def get(self, block_no: int) -> Analysis | None:
        """The paragraph's analysis, computed now if needed; None until the core is loaded."""
        found = self._cache.get(block_no)
        if found is not None:
            return found
        if not 0 <= block_no < len(self.paragraphs) or not self.services.ready:
            return None
        text = self.analysed_text(block_no)
        tokens = self.tokens(block_no)
        readings = {r.token.start: r for r in self.services.readings(text, tokens)}
        shown = self.paragraphs[block_no].text
        display = tuple(Token(shown[t.start:t.end], t.start, t.end) for t in tokens)
        found = Analysis(
            tokens=display,
            readings=tuple(readings.get(t.start) or Reading(t, (None,) * len(t.text))
                           for t in tokens),
            hsk=tuple(self.services.hsk(t.text) if is_word(t) else None for t in tokens),
        )
        self._cache[block_no] = found
        return found

    def analysed_word(self, block_no: int, token: Token) -> str:
        return self.analysed_text(block_no)[token.start:token.end]

    def profile(self, should_stop: Callable[[], bool] | None = None) -> ArticleProfile:
        """Word count and HSK profile of the whole article (segments every paragraph)."""
        levels: Counter[int | None] = Counter()
        words = 0
        for i in range(len(self.paragraphs)):
            if should_stop and should_stop():
                break
            for tok in self.tokens(i) or ():
                if is_word(tok):
                    words += 1
                    levels[self.services.hsk(tok.text)] += 1
        return ArticleProfile(words, dict(levels))


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


def align(article: Article) -> Alignment:
    """The core's alignment, or paragraph-by-index pairing when align_article is missing."""
    try:
        from reader.core.align import align_article
    except ImportError:
        align_article = None
    if align_article is not None:
        return align_article(article)
    n = min(len(article.zh), len(article.en))
    return Alignment(paragraphs=tuple(Bead((i,), (i,), 0.0) for i in range(n)))


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
