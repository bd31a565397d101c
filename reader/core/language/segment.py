"""Word segmentation: one jieba tokenizer, CC-CEDICT words added, user corrections applied.

jieba's own dictionary misses many names and terms a reader wants to click as one word
(首席执行官, 加密货币, 记者招待会). On first use we write a merged dictionary file into the
cache directory: jieba's `dict.txt` plus the CC-CEDICT headwords it lacks. The prefix table
jieba builds from it is packed into two arrays (`CompactFreq`, ~16 MB instead of jieba's
~95 MB dict) and saved beside it (`.table`, plain data), so a later start only reads those
arrays (~0.02 s instead of jieba's ~0.75 s marshal cache, or ~3 s to build).

An added CEDICT word gets frequency 3 (jieba's rare-word range) and is only added when it can
win against its own split at that frequency. Adding a word that would lose anyway only hurts:
jieba's HMM recognises unknown runs (在理, 将会) only when the run is *not* in its table.
Measured on the news/literary dev texts, this changes ~0.2 % of tokens, nearly all into whole
terms, and leaves everyday sentences as jieba cuts them (我/去/银行/还/钱).

Traditional text is analysed through a same-length simplified copy (`reader.core.text.script`)
and the tokens carry the original characters.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Iterable
from math import log
from pathlib import Path
from typing import IO

from reader.core import paths
from reader.core.errors import UserError
from reader.core.language.cedict import cedict_version, iter_cedict
from reader.core.language.jiebaload import jieba
from reader.core.language.jiebatable import CompactFreq, load_table, save_table
from reader.core.language.merges import split_function_words
from reader.core.models import Token
from reader.core.text.script import is_traditional, to_simplified

#: Bump when the way the merged dictionary is built changes (forces a rebuild).
SCHEMA = 1
#: Frequency of a CEDICT word jieba lacks (jieba's rare words sit around 3–10).
CEDICT_FREQ = 3
#: Frequency floor of a word the user merged: high enough to win in any context.
MERGE_FREQ = 1_000_000

# jieba only treats these as Han characters (re_han_default); words outside can never match.
_JIEBA_HAN = re.compile(r"[\u4e00-\u9fd5]+")   # jieba's own test (its re_han_default), not ours


def _merged_dict_path(cache_dir: Path) -> Path:
    return cache_dir / f"jieba-cedict-{cedict_version()}-v{SCHEMA}.dict.txt"


def build_merged_dictionary(cache_dir: Path) -> Path:
    """Write jieba's dict.txt plus the CEDICT words it lacks into `cache_dir` (atomically).

    Returns the path; an existing file is reused.
    """
    target = _merged_dict_path(cache_dir)
    if target.is_file() and target.stat().st_size > 0:
        return target
    from reader.core.progress import building

    with building("the word list of the segmenter"):
        _write_merged_dictionary(cache_dir, target)
    return target


def _write_merged_dictionary(cache_dir: Path, target: Path) -> None:
    base = jieba.Tokenizer()
    base.tmp_dir = str(cache_dir)
    base.initialize()
    with base.get_dict_file() as f:
        jieba_text = f.read().decode("utf-8")
    extra: set[str] = set()
    for entry in iter_cedict():
        for word in (entry.simplified, entry.traditional):
            if (len(word) > 1 and word not in extra and not base.FREQ.get(word)
                    and _JIEBA_HAN.fullmatch(word)
                    and base.suggest_freq(word) <= CEDICT_FREQ):
                extra.add(word)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".jieba-dict-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(jieba_text.rstrip("\n") + "\n")
            out.writelines(f"{w} {CEDICT_FREQ}\n" for w in sorted(extra))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Tokenizer(jieba.Tokenizer):
    """jieba's tokenizer, closing its dictionary file even when parsing it fails
    (jieba leaves it open on a malformed line)."""

    _dict_file = None

    def get_dict_file(self) -> IO[bytes]:
        self._dict_file = super().get_dict_file()
        return self._dict_file

    def close_dict_file(self) -> None:
        if self._dict_file is not None:
            self._dict_file.close()
            self._dict_file = None

    # jieba's DAG and route over a CompactFreq (same answers; see CompactFreq.dag).
    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        if isinstance(self.FREQ, CompactFreq):
            self.check_initialized()
            return self.FREQ.dag(sentence)
        return super().get_DAG(sentence)

    def calc(self, sentence: str, DAG: dict[int, list[int]],
             route: dict[int, tuple[float, int]]) -> None:
        counts = getattr(DAG, "counts", None)
        if counts is None:
            super().calc(sentence, DAG, route)
            return
        n = len(sentence)
        route[n] = (0, 0)
        logtotal = log(self.total)
        for idx in range(n - 1, -1, -1):
            route[idx] = max((log(c) - logtotal + route[x + 1][0], x)
                             for x, c in zip(DAG[idx], counts[idx], strict=True))


class Segmenter:
    """Owns one `jieba.Tokenizer`; initialised once (`ensure_ready`, from a worker).

    Thread-safe: several threads may tokenize at once (a long text in a worker never blocks
    a paragraph on the GUI thread); a tokenize running while `set_overrides` changes the
    corrections may see either set.

    Args:
        cache_dir: where the merged dictionary and jieba's table live (default
            `paths.cache_dir()`); tests and benchmarks pass their own.
        cedict: add CC-CEDICT headwords to jieba's vocabulary (default True).
    """

    def __init__(self, cache_dir: str | os.PathLike | None = None, *, cedict: bool = True):
        self._cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._cedict = cedict
        self._lock = threading.RLock()
        self._tokenizer: jieba.Tokenizer | None = None
        self._merges: frozenset[str] = frozenset()
        self._splits: dict[str, tuple[str, ...]] = {}
        self._saved_freq: dict[str, int | None] = {}   # words we changed → jieba's value
        self._words: object = None                     # the reading lexicon (`_known`)

    # -- set-up ---------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self._tokenizer is not None

    def ensure_ready(self) -> None:
        """Build (first run) or load (later runs) the tokenizer; call it from a worker."""
        if self._tokenizer is not None:
            return
        with self._lock:
            if self._tokenizer is not None:
                return
            cache_dir = self._cache_dir or paths.cache_dir()
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
                try:
                    tokenizer = self._load(cache_dir)
                except ValueError:
                    # jieba found a malformed line: the merged file is damaged. It is only a
                    # cache, so rebuild it (and jieba's table made from it) once.
                    merged = _merged_dict_path(cache_dir)
                    for path in (merged, merged.with_suffix(".cache"),
                                 merged.with_suffix(".table")):
                        path.unlink(missing_ok=True)
                    tokenizer = self._load(cache_dir)
            except OSError as exc:
                raise UserError(f"cannot prepare the word segmenter in {cache_dir}: "
                                f"{exc.strerror or exc}",
                                hint="check that the cache folder is writable") from exc
            self._tokenizer = tokenizer
            self._install_merges()
            if self._cedict:
                # The word list `split_function_words` asks (milliseconds from its cache;
                # built once, ~2 s, and shared with the reading resolver): loaded here so
                # the first tokenize does not pay for it.
                self._known("")

    def _load(self, cache_dir: Path) -> jieba.Tokenizer:
        table = None
        if self._cedict:
            merged = build_merged_dictionary(cache_dir)
            tokenizer = _Tokenizer(str(merged))
            # A name of our own, not jieba's md5 of the path: a copied cache stays warm.
            tokenizer.cache_file = merged.with_suffix(".cache").name
            table = merged.with_suffix(".table")
            loaded = load_table(table, newer_than=merged)
            if loaded is not None:
                tokenizer.FREQ, tokenizer.total = loaded
                tokenizer.initialized = True
                return tokenizer
        else:
            tokenizer = _Tokenizer()
        tokenizer.tmp_dir = str(cache_dir)
        from contextlib import nullcontext

        from reader.core.progress import building

        try:   # told only when our table is made (jieba's own dictionary loads each time)
            with building("the segmenter's word table") if table else nullcontext():
                tokenizer.initialize()
        finally:
            tokenizer.close_dict_file()
        if table is not None:
            try:
                tokenizer.FREQ = CompactFreq.from_dict(tokenizer.FREQ)
            except ValueError:   # a hand-edited dictionary with odd counts: keep jieba's dict
                return tokenizer
            if save_table(table, tokenizer.FREQ, tokenizer.total):
                # jieba's marshal copy of the same table is now redundant (12 MB).
                (cache_dir / tokenizer.cache_file).unlink(missing_ok=True)
        return tokenizer

    # -- user corrections -----------------------------------------------------------------
    def set_overrides(self, merges: Iterable[str] = (),
                      splits: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        """Replace the user's corrections; they apply to every later `tokenize` call.

        Args:
            merges: words that must come out as one token (e.g. "阿里巴巴宣布").
            splits: (word, parts) pairs: wherever `word` is a token it becomes `parts`
                (which must join to `word`). A word both merged and split is split.
        Raises:
            ValueError: a split whose parts do not join to its word.
        """
        new_splits: dict[str, tuple[str, ...]] = {}
        for word, parts in splits:
            parts = tuple(parts)
            if "".join(parts) != word or not all(parts):
                raise ValueError(f"split parts {parts!r} do not make up {word!r}")
            new_splits[to_simplified(word)] = tuple(to_simplified(p) for p in parts)
        new_merges = frozenset(to_simplified(w) for w in merges if len(w) > 1)
        with self._lock:
            self._merges = new_merges
            self._splits = new_splits
            if self._tokenizer is not None:
                self._install_merges()

    apply_overrides = set_overrides

    def _install_merges(self) -> None:
        """Restore words changed for earlier merges, then raise the current ones."""
        tok = self._tokenizer
        assert tok is not None
        for word, old in self._saved_freq.items():
            tok.total -= tok.FREQ.get(word, 0) - (old or 0)
            tok.FREQ[word] = old or 0   # 0 keeps it a harmless prefix entry
        self._saved_freq = {}
        for word in self._merges:
            if not _JIEBA_HAN.fullmatch(word):
                continue  # jieba cannot join across non-Han text; the token pass does it
            freq = max(tok.suggest_freq(word), MERGE_FREQ)
            self._saved_freq[word] = tok.FREQ.get(word)
            tok.total += freq - (tok.FREQ.get(word) or 0)
            tok.FREQ[word] = freq
            for i in range(1, len(word)):
                tok.FREQ.setdefault(word[:i], 0)

    def frequency(self, word: str) -> int:
        """How common `word` is: jieba's corpus count (0 when unknown or not loaded yet).

        A word the user merged counts as before the merge: its raised count only steers
        the segmentation.
        """
        with self._lock:
            tok = self._tokenizer
            if tok is None:
                return 0
            simple = to_simplified(word)
            if simple in self._saved_freq:
                return int(self._saved_freq[simple] or 0)
            return int(tok.FREQ.get(simple) or 0)

    # -- segmentation ---------------------------------------------------------------------
    def tokenize(self, text: str, *, traditional: bool | None = None) -> list[Token]:
        """Tokens covering `text` exactly, in order, with code-point offsets.

        Whitespace and punctuation come out as their own tokens (see `has_han`).
        Args:
            traditional: analyse through a simplified copy; None detects it from `text`.
        """
        if not text:
            return []
        self.ensure_ready()
        if traditional is None:
            traditional = is_traditional(text)
        analysed = to_simplified(text) if traditional else text
        with self._lock:  # a consistent snapshot; jieba itself runs unlocked
            tok, merges, splits = self._tokenizer, self._merges, self._splits
        assert tok is not None
        spans = [(start, end) for _w, start, end in tok.tokenize(analysed)]
        if self._cedict:   # 他盛 → 他 + 盛: see reader.core.language.merges
            spans = split_function_words(analysed, spans, self._known)
        if merges:
            spans = _join_merges(analysed, spans, merges)
        if splits:
            spans = _apply_splits(analysed, spans, splits)
        return [Token(text[s:e], s, e) for s, e in spans]

    def tokenize_range(self, text: str, start: int, end: int, *,
                       traditional: bool | None = None) -> list[Token]:
        """Tokens of `text[start:end]` with offsets into the whole `text` (lazy UI use)."""
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"range {start}:{end} outside text of length {len(text)}")
        return [Token(t.text, t.start + start, t.end + start)
                for t in self.tokenize(text[start:end], traditional=traditional)]

    def _known(self, word: str) -> bool:
        """A word of CC-CEDICT or pypinyin's phrase list (the reading lexicon, loaded on
        first use in milliseconds from its cache)."""
        if self._words is None:
            from reader.core.language.polyphone.lexicon import shared_lexicon

            self._words = shared_lexicon(self._cache_dir)
        return self._words.known(word)  # type: ignore[attr-defined]

    def cut(self, text: str) -> list[str]:
        """Just the token texts (convenience for callers that need no offsets)."""
        return [t.text for t in self.tokenize(text)]


def _join_merges(text: str, spans: list[tuple[int, int]],
                 merges: frozenset[str]) -> list[tuple[int, int]]:
    """Join runs of consecutive tokens whose text is a merged word (longest run first)."""
    longest = max(map(len, merges))
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        start = spans[i][0]
        best = i
        j = i
        while j < len(spans) and spans[j][1] - start <= longest:
            if j > i and text[start:spans[j][1]] in merges:
                best = j
            j += 1
        out.append((start, spans[best][1]))
        i = best + 1
    return out


def _apply_splits(text: str, spans: list[tuple[int, int]],
                  splits: dict[str, tuple[str, ...]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        parts = splits.get(text[start:end])
        if parts is None:
            out.append((start, end))
            continue
        pos = start
        for part in parts:
            out.append((pos, pos + len(part)))
            pos += len(part)
    return out


_default: Segmenter | None = None
_default_lock = threading.Lock()


def default_segmenter() -> Segmenter:
    """The process-wide segmenter on the user's cache directory (created on first call)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Segmenter()
        return _default
