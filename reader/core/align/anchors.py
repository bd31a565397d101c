"""Pass 1 of the aligner: anchors, and the band of the bead DP around them.

Every Chinese sentence looks up English sentences sharing rare keys (an inverted index, so a
translation of only half the text is still found), scores the best few as 1-1 pairs, and a
weighted longest increasing chain keeps a consistent subset. The band, a narrow corridor
around the path through the anchors, is what makes the bead DP (`dp`) linear in the text's
length. Its own module because it is a search of its own, tuned apart from the bead score.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from reader.core.align.features import Features
from reader.core.align.pairs import PairCache


def _rare_postings(en: Sequence[Features], max_df: int) -> dict[str, tuple[float, list[int]]]:
    """Key → (1/df, the en sentences holding it), for keys in few enough en sentences.

    Only rare keys vote, each with weight 1/df: decided once per key, not per sentence.
    """
    index: dict[str, list[int]] = defaultdict(list)
    for j, f in enumerate(en):
        for k in f.keys:
            index[k].append(j)
    cap = max(3, min(max_df, len(en) // 4 + 3))
    return {k: (1.0 / len(posting), posting) for k, posting in index.items()
            if len(posting) <= cap}


def _votes(keys: frozenset[str], rare: dict[str, tuple[float, list[int]]]
           ) -> dict[int, float]:
    """En sentence → summed weight of the rare keys it shares with a zh sentence's `keys`.

    Summed in sorted key order: a set's order follows the process's string hash seed, and
    float sums in another order differ in their last bits, which broke ties differently
    from one run to the next.
    """
    votes: dict[int, float] = defaultdict(float)
    for k in sorted(keys):
        hit = rare.get(k)
        if hit is not None:
            w, posting = hit
            for j in posting:
                votes[j] += w
    return votes


def find_anchors(pairs: PairCache, *, per_zh: int = 2, min_sim: float = 0.25,
                 max_df: int = 40) -> list[tuple[int, int]]:
    """1-1 pairs on a consistent monotone chain, found through rare shared keys."""
    zh, en = pairs.zh, pairs.en
    if not zh or not en:
        return []
    rare = _rare_postings(en, max_df)
    keep = per_zh + 2
    candidates: list[tuple[int, int, float]] = []
    for i, f in enumerate(zh):
        votes = _votes(f.keys, rare)
        if not votes:
            continue
        # Ties (a text repeating itself) go to the pair nearest the diagonal. Sentences
        # voted below the `keep`-th best vote cannot make the cut, so only the rest are
        # sorted (the same result as sorting them all, for a fraction of the work).
        centre = i * len(en) / len(zh)
        pool: Iterable[int] = votes
        if len(votes) > keep:
            cut = heapq.nlargest(keep, votes.values())[-1]
            pool = [j for j, v in votes.items() if v >= cut]
        best = sorted(pool, key=lambda j: (-votes[j], abs(j - centre)))[:keep]
        scored = sorted(((pairs.sim1(i, j), -abs(j - centre), j) for j in best), reverse=True)
        for s, _, j in scored[:per_zh]:
            if s >= min_sim:
                candidates.append((i, j, s))
    return _heaviest_chain(candidates, len(en))


class _PrefixMax:
    """A Fenwick tree over en indices: the heaviest chain ending below an index so far."""

    def __init__(self, n: int) -> None:
        self.size = n
        self.val = [0.0] * (n + 1)
        self.idx = [-1] * (n + 1)

    def query(self, j: int) -> tuple[float, int]:
        """Best chain (weight, candidate) ending at an en index < j."""
        best, idx = 0.0, -1
        k = j
        while k > 0:
            if self.val[k] > best:
                best, idx = self.val[k], self.idx[k]
            k -= k & -k
        return best, idx

    def update(self, j: int, val: float, idx: int) -> None:
        """A chain of weight `val` ending at en index j with candidate `idx`."""
        k = j + 1
        while k <= self.size:
            if val > self.val[k]:
                self.val[k], self.idx[k] = val, idx
            k += k & -k


def _heaviest_chain(cands: list[tuple[int, int, float]], n_en: int) -> list[tuple[int, int]]:
    """Weighted longest strictly increasing (i, j) chain, with a Fenwick tree over j."""
    tree = _PrefixMax(n_en + 1)
    cands.sort()
    back = [-1] * len(cands)
    total = [0.0] * len(cands)
    start = 0
    while start < len(cands):
        end = start
        while end < len(cands) and cands[end][0] == cands[start][0]:
            end += 1
        for c in range(start, end):            # candidates of one zh sentence: no chain
            best, idx = tree.query(cands[c][1])   # holds two of them
            total[c] = best + cands[c][2]
            back[c] = idx
        for c in range(start, end):
            tree.update(cands[c][1], total[c], c)
        start = end
    if not cands:
        return []
    c = max(range(len(cands)), key=total.__getitem__)
    chain = []
    while c >= 0:
        chain.append((cands[c][0], cands[c][1]))
        c = back[c]
    return chain[::-1]


def band_from_anchors(anchors: Sequence[tuple[int, int]], nz: int, ne: int,
                      width: int) -> tuple[list[int], list[int]]:
    """Per zh prefix length x (0..nz), the allowed en prefix range [lo[x], hi[x]]."""
    points = [(0, 0)]
    for i, j in anchors:
        points.append((i, j))
        points.append((i + 1, j + 1))
    points.append((nz, ne))
    cmin = [ne] * (nz + 1)
    cmax = [0] * (nz + 1)
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x1 == x0:
            cmin[x0] = min(cmin[x0], y0, y1)
            cmax[x0] = max(cmax[x0], y0, y1)
            continue
        for x in range(x0, x1 + 1):
            y = y0 + (y1 - y0) * (x - x0) / (x1 - x0)
            cmin[x] = min(cmin[x], math.floor(y))
            cmax[x] = max(cmax[x], math.ceil(y))
    lo = [max(0, cmin[x] - width) for x in range(nz + 1)]
    hi = [min(ne, cmax[x] + width) for x in range(nz + 1)]
    for x in range(nz - 1, -1, -1):                   # monotone and overlapping rows
        lo[x] = min(lo[x], lo[x + 1])
    for x in range(1, nz + 1):
        hi[x] = max(hi[x], hi[x - 1])
    for x in range(nz):
        hi[x] = max(hi[x], lo[x + 1])
    lo[0], hi[nz] = 0, ne
    return lo, hi
