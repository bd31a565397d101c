"""`duizhao bench core`: import, segmentation, jieba start-up and dictionary speed.

Every cache these figures touch lives in a temporary folder (never the user's), so "cold"
really is a first start. Targets, and why:

- sample import + segmentation < 0.5 s: opening the shipped article must feel instant.
- 1 MB (~350k characters) import + segmentation < 10 s: a novel-length paste stays usable
  while a worker segments it (jieba runs at roughly 0.4 MB/s on one core here; the UI
  segments lazily by paragraph anyway, see `Segmenter.tokenize_range`).
- jieba warm start < 1 s (the issue's figure; it is paid at every launch, in a worker).
  It is one CPU-bound load of the prefix table (~0.25 s of CPU from our table file; jieba's
  own marshal cache takes ~0.75 s), so its wall time grows when other processes share the
  cores: the CPU-time figure shows the code's part.
- jieba cold start < 15 s (once per CEDICT version: merged dictionary plus jieba's table).
- dictionary build < 30 s (once per CEDICT version); warm open < 0.2 s.
- lookup p99 < 1000 µs uncached ("well under a millisecond" for a hover card); the
  memoised repeat lookup is reported too.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from reader.bench import Figure, timer
from reader.core.language.dictionary import Dictionary
from reader.core.language.segment import Segmenter
from reader.core.models import Article
from reader.core.text.han import has_han

SAMPLE = "fortune-2017-08-09-alibaba-kering.txt"
LOOKUPS = 10_000


def _sample_path() -> Path:
    here = Path(__file__).resolve().parents[2] / "articles" / SAMPLE
    if not here.is_file():
        from reader.core.errors import UserError

        raise UserError(f"sample article {here} is missing", hint="run from a full checkout")
    return here


def _segment_article(segmenter: Segmenter, article: Article) -> int:
    traditional = article.script == "traditional"
    return sum(len(segmenter.tokenize(p.text, traditional=traditional)) for p in article.zh)


def _big_text(sample_text: str, size: int) -> str:
    """The sample's Chinese paragraphs repeated to ~`size` UTF-8 bytes, then its English."""
    lines = [line for line in sample_text.splitlines() if line.strip()]
    zh = [line for line in lines if has_han(line) and len(line) > 30]
    en = [line for line in lines if not has_han(line) and len(line) > 60]
    chunk = len("\n\n".join(zh).encode("utf-8"))
    repeat = max(1, size // chunk)
    return "\n\n".join(zh * repeat) + "\n\n" + "\n\n".join(en) + "\n"


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct))]


def run(args: argparse.Namespace) -> Iterator[Figure]:
    from reader.core.text.importer import import_file

    quick = getattr(args, "quick", False)
    sample = _sample_path()
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
        cache = Path(tmp) / "cache"

        # -- start-up: cold (fresh cache) and warm (second start) ---------------------------
        with timer() as t:
            cold = Segmenter(cache)
            cold.ensure_ready()
        yield Figure("jieba init cold (merged CEDICT dictionary)", t[0], "s", "<=", 15)
        del cold
        warm, cpu = [], []
        for _ in range(3):  # best of 3: a start-up is one CPU-bound load, noisy when shared
            cpu_start = time.process_time()
            with timer() as t:
                segmenter = Segmenter(cache)
                segmenter.ensure_ready()
            warm.append(t[0])
            cpu.append(time.process_time() - cpu_start)
        yield Figure("jieba init warm (best of 3)", min(warm), "s", "<=", 1.0)
        # CPU time does not grow when other processes share the cores; wall time does.
        yield Figure("jieba init warm, CPU time (best of 3)", min(cpu), "s", "<=", 1.0)

        with timer() as t:
            built = Dictionary.open(cache)
        yield Figure("dictionary build", t[0], "s", "<=", 30)
        built.close()
        with timer() as t:
            dictionary = Dictionary.open(cache)
        yield Figure("dictionary open warm", t[0], "s", "<=", 0.2)

        # -- the sample ----------------------------------------------------------------------
        with timer() as t:
            article = import_file(sample)
            tokens = _segment_article(segmenter, article)
        yield Figure(f"sample import+segment ({tokens} tokens)", t[0], "s", "<=", 0.5)

        # -- a 1 MB text -----------------------------------------------------------------------
        size = 100_000 if quick else 1_000_000
        big = Path(tmp) / "big.txt"
        big.write_text(_big_text(sample.read_text(encoding="utf-8"), size), encoding="utf-8")
        label = f"{big.stat().st_size / 1e6:.2f} MB"
        with timer() as t_import:
            big_article = import_file(big)
        with timer() as t_seg:
            chars = sum(len(p.text) for p in big_article.zh)
            _segment_article(segmenter, big_article)
        yield Figure(f"{label} import", t_import[0], "s", "<=", 5)
        yield Figure(f"{label} segment ({chars} zh chars)", t_seg[0], "s", "<=", 6)
        yield Figure(f"{label} import+segment", t_import[0] + t_seg[0], "s", "<=", 10)

        from reader.core.text.script import to_simplified

        zh_text = "\n".join(p.text for p in big_article.zh)
        from opencc import OpenCC

        traditional = OpenCC("s2t").convert(zh_text[:50_000])
        traditional = traditional * max(1, len(zh_text) // max(1, len(traditional)))
        with timer() as t:
            segmenter.tokenize(traditional, traditional=True)
        yield Figure(f"traditional segment ({len(traditional)} chars, via simplified copy)",
                     t[0], "s", "<=", 6)
        with timer() as t:
            to_simplified(traditional)
        yield Figure("traditional to simplified copy", t[0], "s", "<=", 0.5)

        # -- lookups ---------------------------------------------------------------------------
        words = list(dict.fromkeys(
            tok.text for p in article.zh for tok in segmenter.tokenize(p.text)
            if has_han(tok.text)))
        headwords = list(dictionary.headwords())
        random.Random(0).shuffle(headwords)
        seen = set(words)
        words += [w for w in headwords[:LOOKUPS] if w not in seen]
        words = words[:LOOKUPS]
        # Each word is timed in 3 rounds on fresh instances (empty memo, so every lookup
        # reaches SQLite) and keeps its best time, as timeit does: on a shared machine a
        # single round's p99 measures the scheduler, not the lookup.
        uncached = _best_of(3, lambda: Dictionary.open(cache),
                            lambda d, w: d.lookup(w), words)
        yield Figure(f"lookup uncached mean ({len(words)} words)",
                     statistics.mean(uncached), "µs")
        yield Figure("lookup uncached p99", _percentile(uncached, 0.99), "µs", "<=", 1000)
        memoised = _best_of(3, lambda: dictionary, lambda d, w: d.lookup(w), words)
        yield Figure("lookup memoised p99", _percentile(memoised, 0.99), "µs", "<=", 50)
        text = "".join(words[:2000])
        positions = list(range(0, len(text), 3))
        matches = _best_of(3, lambda: Dictionary.open(cache),
                           lambda d, pos: d.longest_match(text, pos), positions)
        yield Figure(f"longest_match p99 ({len(positions)} positions)",
                     _percentile(matches, 0.99), "µs", "<=", 1000)
        dictionary.close()


def _best_of(rounds: int, make: Callable[[], Any], call: Callable[[Any, Any], object],
             items: list) -> list[float]:
    """Per item, the best of `rounds` timings in µs (each round on `make()`), GC paused."""
    best = [float("inf")] * len(items)
    for _ in range(rounds):
        target = make()
        gc.disable()
        try:
            for i, item in enumerate(items):
                start = time.perf_counter()
                call(target, item)
                best[i] = min(best[i], (time.perf_counter() - start) * 1e6)
        finally:
            gc.enable()
    return best
