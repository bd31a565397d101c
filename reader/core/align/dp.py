"""The bead DP behind `reader.core.align.api`, and the weights of its score.

Two passes, as Bertalign does without its embeddings:
1. *anchors* (`anchors`): every Chinese sentence looks up English sentences sharing rare
   keys, and a weighted longest increasing chain keeps a consistent subset of the pairs;
2. *beads* (here): a DP over bead types (1-1, 1-2, 2-1, 1-3, ..., 1-0, 0-1) restricted to a
   narrow band around the path through the anchors. Work is linear in the text's length.

A bead's lexical score is computed on the concatenated sentences (a token counts once even
when several sentences of the other side contain its translation), so merges are judged as
wholes rather than as sums of parts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from operator import or_

from reader.core.align.anchors import band_from_anchors, find_anchors
from reader.core.align.features import Features
from reader.core.align.pairs import PairCache

# Gale–Church length model, fitted on development data: English letters ≈ C × Chinese
# characters, with variance S2 per Chinese character.
LEN_C = 3.25
LEN_S2 = 27.0


@dataclass(frozen=True)
class Params:
    """Weights of the bead score; the defaults are tuned on development data."""

    sim_weight: float = 15.0
    len_weight: float = 0.4
    skip: float = -4.0
    # log-prior per bead type (zh count, en count), relative to 1-1: about half the log of
    # the types' relative frequencies in translated literature.
    priors: tuple[tuple[tuple[int, int], float], ...] = (
        ((1, 1), 0.0), ((1, 2), -0.55), ((2, 1), -0.8), ((1, 3), -1.2), ((3, 1), -1.75),
        ((2, 2), -1.3), ((1, 4), -1.6), ((2, 3), -1.8), ((3, 2), -2.1), ((1, 5), -2.2),
        ((2, 4), -2.4), ((3, 3), -2.6),
    )
    band: int = 8


DEFAULT = Params()
# Paragraphs: translators rarely merge or drop them, so merges cost more.
PARAGRAPHS = Params(sim_weight=8.0, len_weight=0.3, skip=-2.0,
                    priors=(((1, 1), 0.0), ((1, 2), -2.5), ((2, 1), -2.5), ((2, 2), -4.0)),
                    band=4)


# lz → le → length_logprob(lz, le), shared by both passes and every span: the two passes
# and neighbouring cells keep asking for the same length pairs. Cleared when it grows big.
_LEN_CACHE: dict[int, dict[int, float]] = {}


def _trim_len_cache() -> None:
    """Empty `_LEN_CACHE` when it holds more than a few MB."""
    if sum(map(len, _LEN_CACHE.values())) > 300_000:
        _LEN_CACHE.clear()


def length_logprob(lz: int, le: int) -> float:
    """Gale–Church: log P(|δ|) for a bead of lz Chinese characters and le English letters."""
    if lz == 0 and le == 0:
        return 0.0
    mean = (lz + le / LEN_C) / 2
    delta = (le - LEN_C * lz) / math.sqrt(LEN_S2 * max(mean, 1.0))
    p = math.erfc(abs(delta) / math.sqrt(2))
    return math.log(max(p, 1e-12))


# --- pass 2: beads ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RawBead:
    zh: range
    en: range
    score: float          # the bead's DP score
    sim: float            # lexical similarity of the concatenated sentences


def bead_score(pairs: PairCache, i0: int, i1: int, j0: int, j1: int,
               prior: float, params: Params) -> tuple[float, float]:
    if i0 == i1 or j0 == j1:
        return params.skip, 0.0
    sim = pairs.sim(i0, i1, j0, j1)
    lz = sum(pairs.zh[i].length for i in range(i0, i1))
    le = sum(pairs.en[j].length for j in range(j0, j1))
    score = params.sim_weight * sim + params.len_weight * length_logprob(lz, le) + prior
    return score, sim


def _prefix_totals(feats: Sequence[Features]) -> tuple[list[int], list[int]]:
    """Prefix sums of the sentences' token counts and lengths (index k: the first k)."""
    tokens = [0] * (len(feats) + 1)
    length = [0] * (len(feats) + 1)
    for i, f in enumerate(feats):
        tokens[i + 1] = tokens[i] + len(f.tokens)
        length[i + 1] = length[i] + f.length
    return tokens, length


def _type_reach(types: list[tuple[tuple[int, int], float]]) -> tuple[int, int, list[int]]:
    """The widest zh and en sides of the bead types with both sides, and need_b[a]: the widest
    en side of a type with at least a zh sentences (0 at a = 0)."""
    full = [(a, b) for (a, b), _ in types if a and b]
    max_a = max((a for a, _ in full), default=1)
    max_b = max((b for _, b in full), default=1)
    need_b = [0] + [max(b for a2, b in full if a2 >= a) for a in range(1, max_a + 1)]
    return max_a, max_b, need_b


def _first_row(x_lo: int, x_hi: int, skip: float) -> tuple[list[float], list[tuple[int, int]]]:
    """Row 0 of the DP table: no zh sentence used, so only 0-1 beads from the origin."""
    row = [-math.inf] * (x_hi - x_lo + 1)
    brow = [(0, 0)] * len(row)
    for y in range(x_lo, x_hi + 1):
        if y == 0:
            row[0] = 0.0
        elif y > x_lo and row[y - 1 - x_lo] + skip > -math.inf:
            row[y - x_lo], brow[y - x_lo] = row[y - 1 - x_lo] + skip, (0, 1)
    return row, brow


def _row_masks(pairs: PairCache, x: int, da_n: int, x_lo: int, x_hi: int, base: int,
               need_b: list[int]) -> tuple[list[list[int]], list[list[int]]]:
    """Masks of zh sentence x - da with en sentences base.. x_hi - 1 (`mz_of[da][j - base]`),
    and the en side's prefix sums (`en_hits[da]`, see `_fill`), for da in 1..da_n.

    Only the pairs some bead ending in row x uses are computed; the rest stay 0. The mask
    cache is read directly, `PairCache.masks` called only for pairs not yet in it.
    """
    masks = pairs.masks
    rows, erows = pairs._rows, pairs._erows
    width = max(0, x_hi - base)
    mz_of: list[list[int]] = [[]]
    en_hits: list[list[int]] = [[]]
    me_acc = [0] * width
    for da in range(1, da_n + 1):
        i = x - da
        crow = rows.get(i)
        if crow is None:
            crow = rows[i] = {}
            erow = erows[i] = {}
        else:
            erow = erows[i]
        mzl, mel = [0] * width, [0] * width
        for j in range(max(0, x_lo - need_b[da]), x_hi):
            hit = crow.get(j)
            if hit is None:
                mzl[j - base], mel[j - base] = masks(i, j)
            else:
                mzl[j - base], mel[j - base] = hit, erow[j]
        mz_of.append(mzl)
        me_acc = list(map(or_, me_acc, mel))
        en_hits.append(list(accumulate(map(int.bit_count, me_acc), initial=0)))
    return mz_of, en_hits


def _row_types(types: list[tuple[tuple[int, int], float]], x: int, da_n: int,
               lo: list[int], score: list[list[float]], tz: list[int], lz: list[int],
               en_hits: list[list[int]]) -> list[tuple]:
    """Per bead type whose zh side fits in row x: (a, b, prior, its previous row, the cells
    where it applies, zh tokens, zh length and the length cache row of the bead's zh side,
    the en-side prefix sums, the type's (a, b) tuple)."""
    row_types = []
    for ab, prior in types:
        a, b = ab
        if a and b and a <= da_n:
            px = x - a
            dlz = lz[x] - lz[px]
            lcache = _LEN_CACHE.get(dlz)
            if lcache is None:
                lcache = _LEN_CACHE[dlz] = {}
            # cells y where the bead fits (y >= b) and starts inside row px's band
            y_from = b + lo[px]
            y_to = y_from + len(score[px]) - 1
            row_types.append((a, b, prior, score[px], y_from, y_to, tz[x] - tz[px], dlz,
                              lcache, en_hits[a], ab))
    return row_types


def _fill(pairs: PairCache, params: Params, lo: list[int], hi: list[int],
          types: list[tuple[tuple[int, int], float]]
          ) -> tuple[list[list[float]], list[list[tuple[int, int]]]]:
    """The DP table inside the band; the inner loop is written for speed.

    Work that depends only on the row is done once per row, not once per cell, by the
    helpers above: the previous rows each bead type reaches back to, the zh side's token and
    length totals, the match masks of the row's sentence pairs (as lists over the en
    sentences), and, for the en side of the similarity, prefix sums over en sentences of how
    many of each one's tokens the last a zh sentences match. At each cell the zh side's
    masks are OR-ed incrementally, so every bead type costs a handful of popcounts and one
    subtraction. The per-cell loop stays here, inline: a function call per cell would cost
    more than the work it does.
    """
    nz = len(pairs.zh)
    tz, lz = _prefix_totals(pairs.zh)
    te, le = _prefix_totals(pairs.en)
    max_a, max_b, need_b = _type_reach(types)
    pz = [[0] * (max_b + 1) for _ in range(max_a + 1)]         # reused at every cell
    skip, sim_w, len_w = params.skip, params.sim_weight, params.len_weight
    _trim_len_cache()
    neg = -math.inf
    row, brow = _first_row(lo[0], hi[0], skip)
    score: list[list[float]] = [row]
    back: list[list[tuple[int, int]]] = [brow]
    for x in range(1, nz + 1):
        if x % 64 == 0:
            pairs.forget_before(x - max_a - 1)
        x_lo, x_hi = lo[x], hi[x]
        row = [neg] * (x_hi - x_lo + 1)
        brow = [(0, 0)] * len(row)
        da_n = min(max_a, x)
        up, up_lo = score[x - 1], lo[x - 1]
        up_n = len(up)
        base = max(0, x_lo - max_b)
        mz_of, en_hits = _row_masks(pairs, x, da_n, x_lo, x_hi, base, need_b)
        row_types = _row_types(types, x, da_n, lo, score, tz, lz, en_hits)
        for y in range(x_lo, x_hi + 1):
            best, arg = neg, (0, 0)
            k = y - up_lo                                       # 1-0
            if 0 <= k < up_n and up[k] + skip > best:
                best, arg = up[k] + skip, (1, 0)
            if y > x_lo and row[y - 1 - x_lo] + skip > best:    # 0-1
                best, arg = row[y - 1 - x_lo] + skip, (0, 1)
            db_n = min(max_b, y)
            if db_n:                                            # da_n >= 1 from row 1 on
                # pz[a][b]: zh tokens of the last a sentences matched by the last b en ones.
                t = y - base
                for da in range(1, da_n + 1):
                    acc = 0
                    mzl = mz_of[da]
                    prev_pz, cur_pz = pz[da - 1], pz[da]
                    for db in range(1, min(need_b[da], db_n) + 1):
                        acc |= mzl[t - db]
                        cur_pz[db] = prev_pz[db] + acc.bit_count()
                te_y, le_y = te[y], le[y]
                for a, b, prior, prow, y_from, y_to, dtz, dlz, lcache, hits, ab in row_types:
                    if not y_from <= y <= y_to:
                        continue
                    prev = prow[y - y_from]
                    if prev == neg:
                        continue
                    total = dtz + te_y - te[y - b]
                    # en tokens of the last b sentences matched by the last a zh ones
                    matched = pz[a][b] + hits[t] - hits[t - b]
                    sim = matched / total if total else 0.0
                    dle = le_y - le[y - b]
                    lp = lcache.get(dle)
                    if lp is None:
                        lp = lcache[dle] = length_logprob(dlz, dle)
                    s = prev + sim_w * sim + len_w * lp + prior
                    if s > best:
                        best, arg = s, ab        # a shared tuple: nothing for the GC
            row[y - x_lo] = best
            brow[y - x_lo] = arg
        score.append(row)
        back.append(brow)
    return score, back


def align_dp(pairs: PairCache, params: Params = DEFAULT,
             anchors: Sequence[tuple[int, int]] | None = None) -> list[RawBead]:
    """Best bead sequence covering every sentence of both sides, in order."""
    nz, ne = len(pairs.zh), len(pairs.en)
    if nz == 0 or ne == 0:
        return ([RawBead(range(i, i + 1), range(0), params.skip, 0.0) for i in range(nz)]
                + [RawBead(range(0), range(j, j + 1), params.skip, 0.0) for j in range(ne)])
    if anchors is None:
        anchors = find_anchors(pairs)
    lo, hi = band_from_anchors(anchors, nz, ne, params.band)
    types = [((1, 0), 0.0), ((0, 1), 0.0), *params.priors]
    score, back = _fill(pairs, params, lo, hi, types)
    beads: list[RawBead] = []
    x, y = nz, ne
    while x > 0 or y > 0:
        a, b = back[x][y - lo[x]]
        if (a, b) == (0, 0):
            raise RuntimeError("alignment band lost the path")   # a bug, not bad input
        prior = dict(types)[(a, b)]
        s, sim = bead_score(pairs, x - a, x, y - b, y, prior, params)
        beads.append(RawBead(range(x - a, x), range(y - b, y), s, sim))
        x, y = x - a, y - b
    beads.reverse()
    return beads
