"""The aligner's fast paths give exactly what the plain definitions give.

`PairCache.masks` (key index + shared-key intersection), `PairCache.sim1` and
`learn_lexicon` (Counter-based) are checked against straightforward re-implementations
on random sentences whose tokens share keys often, so every branch is exercised.
"""

from __future__ import annotations

import random

import pytest

from reader.core.align import features as ft
from reader.core.align.pairs import PairCache

KEYS = [f"k{n}" for n in range(40)]


def _sentence(rng: random.Random, max_tokens: int = 70) -> ft.Features:
    """Up to 70 tokens (masks wider than 64 bits), 1–6 keys each, words for learning."""
    tokens = [frozenset(rng.sample(KEYS, rng.randint(1, 6)))
              for _ in range(rng.randint(0, max_tokens))]
    words = [f"w{rng.randint(0, 15)}" for _ in tokens]
    return ft._make(words, tokens, [], rng.randint(1, 200))


def _naive_masks(zf: ft.Features, ef: ft.Features) -> tuple[int, int]:
    mz = sum(1 << t for t, ks in enumerate(zf.tokens) if ks & ef.keys)
    me = sum(1 << u for u, ks in enumerate(ef.tokens) if ks & zf.keys)
    return mz, me


@pytest.fixture(scope="module")
def texts() -> tuple[list[ft.Features], list[ft.Features]]:
    rng = random.Random(20261129)
    return [_sentence(rng) for _ in range(30)], [_sentence(rng) for _ in range(30)]


def test_masks_match_the_definition(texts):
    zh, en = texts
    pairs = PairCache(zh, en)
    for i in range(len(zh)):
        for j in range(len(en)):
            assert pairs.masks(i, j) == _naive_masks(zh[i], en[j])
            assert pairs.masks(i, j) == _naive_masks(zh[i], en[j])      # cached path
    assert any(pairs.masks(i, j)[0] >> 64 for i in range(len(zh)) for j in range(len(en)))


def test_masks_survive_forget_before(texts):
    zh, en = texts
    pairs = PairCache(zh, en)
    before = [pairs.masks(i, 3) for i in range(len(zh))]
    pairs.forget_before(20)
    assert [pairs.masks(i, 3) for i in range(len(zh))] == before


def test_sim1_is_sim_of_one_to_one(texts):
    zh, en = texts
    pairs = PairCache(zh, en)
    for i in range(len(zh)):
        for j in range(len(en)):
            assert pairs.sim1(i, j) == pairs.sim(i, i + 1, j, j + 1)


def _naive_learn(zh, en, beads, min_count=3, min_dice=0.4):
    cz: dict[str, int] = {}
    ce: dict[str, int] = {}
    cze: dict[tuple[str, str], int] = {}
    for zs, es in beads:
        if not zs or not es or len(zs) > 2 or len(es) > 4:
            continue
        wz = {w for i in zs for w in zh[i].words}
        we = {w for j in es for w in en[j].words}
        for w in wz:
            cz[w] = cz.get(w, 0) + 1
            for e in we:
                cze[(w, e)] = cze.get((w, e), 0) + 1
        for e in we:
            ce[e] = ce.get(e, 0) + 1
    out: dict[str, set[str]] = {}
    for (w, e), n in cze.items():
        if n >= min_count and 2 * n / (cz[w] + ce[e]) >= min_dice:
            out.setdefault(w, set()).add(e)
    return {w: frozenset(es) for w, es in out.items()}


def test_learn_lexicon_matches_plain_counting(texts):
    zh, en = texts
    rng = random.Random(7)
    beads = [(tuple(range(i, i + rng.randint(0, 3))), tuple(range(i, i + rng.randint(0, 5))))
             for i in range(0, 25)]
    learned = ft.learn_lexicon(zh, en, beads, min_count=2, min_dice=0.2)
    assert learned                                   # the comparison is not vacuous
    assert learned == _naive_learn(zh, en, beads, min_count=2, min_dice=0.2)
