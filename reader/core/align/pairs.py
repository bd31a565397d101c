"""Which tokens of a sentence pair match the other side: the evidence both passes read.

The aligner asks the same question of tens of thousands of sentence pairs, twice per pair in
places (anchors, then beads): which of zh[i]'s tokens have a key in en[j], and which of
en[j]'s have one in zh[i]. `PairCache` answers it with bitmasks, computed on demand and
kept while the bead DP still needs them; it lives apart from the two passes because both
use it, and its layout (dicts of ints) is what keeps the DP fast.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.align.features import Features


class PairCache:
    """Token-level match masks of sentence pairs, computed on demand.

    A pair's masks come from the few keys the two sentences share (one C-level set
    intersection; none at all for most pairs) and a per-sentence index key → bitmask of the
    tokens carrying it. A Chinese token has dozens of gloss keys, so its index only holds the
    keys some English sentence of the text has at all. The cache keeps the two masks in two
    dicts of ints rather than a dict of tuples: ints are no work for the garbage collector,
    and a chapter has tens of thousands of pairs.
    """

    def __init__(self, zh: Sequence[Features], en: Sequence[Features]) -> None:
        self.zh, self.en = zh, en
        self._rows: dict[int, dict[int, int]] = {}     # zh mask of (i, j) at [i][j]
        self._erows: dict[int, dict[int, int]] = {}    # en mask of (i, j) at [i][j]
        self._zbits: dict[int, dict[str, int]] = {}
        self._ebits: list[dict[str, int] | None] = [None] * len(en)
        self._en_keys: frozenset[str] | None = None

    def forget_before(self, i: int) -> None:
        """Drop cached rows above zh sentence i (the DP has passed them): memory stays flat."""
        for k in [k for k in self._rows if k < i]:
            del self._rows[k]
            del self._erows[k]
        for k in [k for k in self._zbits if k < i]:
            del self._zbits[k]

    def masks(self, i: int, j: int) -> tuple[int, int]:
        """Bit t set when token t of zh[i] (resp. en[j]) has a match in the other sentence."""
        row = self._rows.get(i)
        if row is None:
            row = self._rows[i] = {}
            erow = self._erows[i] = {}
        else:
            erow = self._erows[i]
        hit = row.get(j)
        if hit is not None:
            return hit, erow[j]
        common = self.zh[i].keys & self.en[j].keys
        if not common:
            row[j] = erow[j] = 0
            return 0, 0
        zbits = self._zbits.get(i)
        if zbits is None:
            if self._en_keys is None:
                self._en_keys = frozenset().union(*(f.keys for f in self.en))
            zbits = self._zbits[i] = _key_bits(self.zh[i], self._en_keys)
        ebits = self._ebits[j]
        if ebits is None:
            ebits = self._ebits[j] = _key_bits(self.en[j], None)
        mz = me = 0
        for k in common:
            mz |= zbits[k]
            me |= ebits[k]
        row[j] = mz
        erow[j] = me
        return mz, me

    def sim1(self, i: int, j: int) -> float:
        """`sim(i, i + 1, j, j + 1)` (the same value), without the bookkeeping of merges."""
        mz, me = self.masks(i, j)
        total = len(self.zh[i].tokens) + len(self.en[j].tokens)
        return (mz.bit_count() + me.bit_count()) / total if total else 0.0

    def sim(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Dice-style share of tokens of zh[i0:i1] and en[j0:j1] matched by the other side."""
        total = 0
        matched = 0
        en_or = [0] * (j1 - j0)
        for i in range(i0, i1):
            acc = 0
            for k, j in enumerate(range(j0, j1)):
                mz, me = self.masks(i, j)
                acc |= mz
                en_or[k] |= me
            matched += acc.bit_count()
            total += len(self.zh[i].tokens)
        matched += sum(m.bit_count() for m in en_or)
        total += sum(len(self.en[j].tokens) for j in range(j0, j1))
        return matched / total if total else 0.0


def _key_bits(f: Features, only: frozenset[str] | None) -> dict[str, int]:
    """Key → bitmask of the sentence's tokens whose key set holds it (keys in `only`)."""
    bits: dict[str, int] = {}
    for t, ks in enumerate(f.tokens):
        bit = 1 << t
        for k in ks if only is None else ks & only:
            bits[k] = bits.get(k, 0) | bit
    return bits
