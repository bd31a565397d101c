"""Paragraph and sentence alignment of a bilingual text: pure functions, no Qt.

`align_article` pairs paragraphs first, then sentences inside each paragraph pair, so the two
panes can scroll and highlight together. Evidence: Gale–Church length ratio, CC-CEDICT glosses,
numbers, months, Latin-script and pinyin-spelled names, quotation/question marks (see
`align_lexicon`); search: anchors then a banded DP over beads (see `align_dp`).

A bead is `Bead(zh ids, en ids, score)`, `score` a confidence in 0–1. Manual fixes are beads
passed as `fixed`: they are kept exactly and the DP is solved separately between them, so
re-running the aligner never undoes them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reader.core import align_dp
from reader.core.align_dp import DEFAULT, PairCache, Params, RawBead
from reader.core.align_lexicon import en_features_many, zh_features_many
from reader.core.models import Bead


def _confidence(raw: RawBead) -> float:
    """Map a bead's lexical similarity to 0–1; empty-sided beads are always doubtful."""
    if not raw.zh or not raw.en:
        return 0.2
    return round(1 / (1 + math.exp(-(raw.sim - 0.25) * 12)), 3)


def _check_fixed(fixed: Sequence[Bead], nz: int, ne: int) -> list[Bead]:
    """Fixed beads sorted, each side contiguous, in range, and mutually consistent."""
    out = sorted(fixed, key=lambda b: (b.zh[0] if b.zh else -1, b.en[0] if b.en else -1))
    for b in out:
        for ids, n, side in ((b.zh, nz, "zh"), (b.en, ne, "en")):
            if ids and (list(ids) != list(range(ids[0], ids[0] + len(ids)))
                        or ids[0] < 0 or ids[-1] >= n):
                raise ValueError(f"fixed bead {b}: {side} ids must be consecutive and in "
                                 f"range 0..{n - 1}")
        if not b.zh and not b.en:
            raise ValueError("a fixed bead needs at least one sentence")
    return out


def align_sentences(zh_sents: Sequence[str | object], en_sents: Sequence[str | object], *,
                    fixed: Sequence[Bead] = (), params: Params = DEFAULT) -> list[Bead]:
    """Beads covering every sentence of both sides once, in order.

    Items may be strings or objects with a `.text` (models.Sentence). `fixed` beads are kept
    as given and act as hard anchors: the text between two of them is aligned on its own.
    """
    zh = [s if isinstance(s, str) else s.text for s in zh_sents]   # type: ignore[attr-defined]
    en = [s if isinstance(s, str) else s.text for s in en_sents]   # type: ignore[attr-defined]
    fixed = _check_fixed(fixed, len(zh), len(en))
    zf = zh_features_many(zh)
    ef = en_features_many(en)
    out: list[Bead] = []
    zpos = epos = 0
    for fb in [*fixed, None]:
        if fb is None:
            zend, eend = len(zh), len(en)
        else:
            zend = fb.zh[0] if fb.zh else zpos
            eend = fb.en[0] if fb.en else epos
            if zend < zpos or eend < epos:
                raise ValueError(f"fixed bead {fb} overlaps or crosses another fixed bead")
        out.extend(_align_span(zf, ef, zpos, zend, epos, eend, params))
        if fb is not None:
            out.append(fb)
            zpos = fb.zh[-1] + 1 if fb.zh else zend
            epos = fb.en[-1] + 1 if fb.en else eend
    return out


def _align_span(zf, ef, z0: int, z1: int, e0: int, e1: int, params: Params) -> list[Bead]:
    pairs = PairCache(zf[z0:z1], ef[e0:e1])
    raw = align_dp.align_dp(pairs, params)
    return [Bead(tuple(z0 + i for i in r.zh), tuple(e0 + j for j in r.en), _confidence(r))
            for r in raw]
