"""`duizhao bench senses`: does the aligned English pick the sense a reader means?

Each case of `reader.bench.senses_dev` (written for this project) is a word in a Chinese
sentence and its English translation. The word's CC-CEDICT entries are ranked by
`reader.core.language.senses.rank_senses`, with the word's reading in that sentence from
the polyphone resolver; a case is right when the matched sense is the expected one and the
matched English words are the expected ones. The dev set is where the matcher was tuned:
its figure is an upper bound, and a held-out set is scored elsewhere.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from reader.bench import Figure

TARGET = 90.0


def score() -> tuple[int, int, list[str]]:
    """(cases right, cases, descriptions of the misses)."""
    from reader.bench.senses_dev import SENSE_CASES
    from reader.core.language.dictionary import Dictionary
    from reader.core.language.pinyin import service
    from reader.core.language.senses import classifier_position, rank_senses

    dictionary = Dictionary.open()
    readings = service()
    right, misses = 0, []
    for word, zh, en, sense, words in SENSE_CASES:
        at = zh.find(word)
        reading = None
        if at >= 0:
            syllables = [s for s, _c in readings.syllables_many([zh])[0][at:at + len(word)]]
            if all(syllables):
                reading = " ".join(syllables)  # type: ignore[arg-type]
        ranked = rank_senses(dictionary.lookup(word), en, reading,
                             classifier=at > 0 and classifier_position(zh[:at]))
        match = ranked.match
        ok = match is not None and match.sense == sense and match.en == words
        right += ok
        if not ok:
            got = f"{match.sense!r} / {match.en!r}" if match else "no match"
            misses.append(f"{word} in {zh}: want {sense!r} / {words!r}, got {got}")
    return right, len(SENSE_CASES), misses


@dataclass(frozen=True)
class _DevFigure(Figure):
    """The dev set's line as the issue words it: `senses: dev set NN/NN (xx %) (target
    >= 90 %) ok`."""

    right: int = 0
    cases: int = 0

    def line(self) -> str:
        verdict = "ok" if self.ok else "MISSED"
        return (f"senses: dev set {self.right}/{self.cases} ({self.value:g} %) "
                f"(target {self.op} {self.target:g} %) {verdict}")


def run(args: argparse.Namespace) -> Iterator[Figure]:
    right, n, misses = score()
    for line in misses:
        sys.stdout.write(f"senses: miss: {line}\n")
    yield _DevFigure("senses: dev set", round(100.0 * right / n, 1), "%", ">=", TARGET,
                     right, n)
