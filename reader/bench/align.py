"""`duizhao bench align`: alignment accuracy (MAC dev, WMT24 news) and speed.

The scorer follows eval/README.md (Vecalign's definitions): strict = a predicted bead equals
a gold bead; recall leaves out beads with an empty side, on both the gold and the predicted
side; precision is over all predicted beads; counts are summed over chapters. Lax counts a
predicted bead right when it shares at least one zh and one en sentence with one gold bead.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.bench import Figure, shared_dir, timer

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]
_BEAD = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def parse_beads(text: str) -> list[BeadIds]:
    """Beads in vecalign's `[zh ids]:[en ids]` format, one a line."""
    beads = []
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _BEAD.match(line)
        if not m:
            raise ValueError(f"not a bead line: {line!r}")
        beads.append(tuple(tuple(int(x) for x in part.split(",") if x.strip())
                           for part in m.groups()))
    return beads  # type: ignore[return-value]


@dataclass
class Counts:
    """Summable counts behind strict and lax precision/recall."""

    pred: int = 0                 # all predicted beads (precision denominator)
    strict_right: int = 0         # predicted beads equal to a gold bead
    gold_full: int = 0            # gold beads with both sides non-empty (recall denominator)
    strict_found: int = 0         # such gold beads predicted exactly
    lax_right: int = 0            # predicted beads overlapping a gold bead on both sides
    lax_found: int = 0            # gold (non-empty) beads overlapped by some prediction

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def strict(self) -> tuple[float, float, float]:
        p = self.strict_right / self.pred if self.pred else 0.0
        r = self.strict_found / self.gold_full if self.gold_full else 0.0
        return p, r, self._f1(p, r)

    def lax(self) -> tuple[float, float, float]:
        p = self.lax_right / self.pred if self.pred else 0.0
        r = self.lax_found / self.gold_full if self.gold_full else 0.0
        return p, r, self._f1(p, r)


def score_beads(gold: Sequence[BeadIds], pred: Sequence[BeadIds]) -> Counts:
    """Counts for one text (sum them over texts, then read `strict()`/`lax()`)."""
    gold_set = {(tuple(z), tuple(e)) for z, e in gold}
    pred_set = {(tuple(z), tuple(e)) for z, e in pred}
    c = Counts(pred=len(pred))
    c.strict_right = sum(1 for b in pred if (tuple(b[0]), tuple(b[1])) in gold_set)
    full_gold = [g for g in gold if g[0] and g[1]]
    c.gold_full = len(full_gold)
    c.strict_found = sum(1 for g in full_gold if (tuple(g[0]), tuple(g[1])) in pred_set)
    zh_owner = {z: k for k, (zs, _) in enumerate(full_gold) for z in zs}
    en_owner = {e: k for k, (_, es) in enumerate(full_gold) for e in es}
    found = set()
    for zs, es in pred:
        hit = {zh_owner[z] for z in zs if z in zh_owner} & {en_owner[e] for e in es
                                                            if e in en_owner}
        if hit:
            c.lax_right += 1
            found |= hit
    c.lax_found = len(found)
    return c


# --- data ---------------------------------------------------------------------------------

def mac_chapters(root: Path) -> Iterator[tuple[str, list[str], list[str], list[BeadIds]]]:
    for gold in sorted((root / "gold").glob("*.align")):
        name = gold.stem
        zh = (root / "zh" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        en = (root / "en" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        yield name, zh, en, parse_beads(gold.read_text(encoding="utf-8"))


def _ids(beads: Iterable) -> list[BeadIds]:
    return [(tuple(b.zh), tuple(b.en)) for b in beads]


def mac_figures(root: Path, quick: bool = False) -> Iterator[Figure]:
    from reader.core.align.api import align_sentences

    total = Counts()
    scored: list[tuple[float, bool]] = []
    chapters = list(mac_chapters(root))
    if quick:
        chapters = chapters[:2]
    for name, zh, en, gold in chapters:
        cpu = time.process_time()
        with timer() as t:
            beads = align_sentences(zh, en)
        cpu = time.process_time() - cpu
        pred = _ids(beads)
        counts = score_beads(gold, pred)
        total.add(counts)
        gold_set = set(gold)
        scored += [(b.score, (tuple(b.zh), tuple(b.en)) in gold_set) for b in beads]
        yield Figure(f"align.mac.{name}.strict_f1", round(counts.strict()[2], 4), "")
        # CPU time of this process = one core's work, whatever else the machine is doing.
        yield Figure(f"align.mac.{name}.cpu_time ({len(zh)}+{len(en)} sentences)",
                     round(cpu, 3), "s", "<", 0.5 if len(zh) <= 300 else None)
        yield Figure(f"align.mac.{name}.wall_time", round(t[0], 3), "s")
    p, r, f = total.strict()
    tag = "dev (quick: 2 chapters, no target)" if quick else "dev"
    yield Figure(f"align.mac.{tag}.strict_precision", round(p, 4), "")
    yield Figure(f"align.mac.{tag}.strict_recall", round(r, 4), "")
    yield Figure(f"align.mac.{tag}.strict_f1", round(f, 4), "", ">=", None if quick else 0.86)
    yield Figure(f"align.mac.{tag}.lax_f1", round(total.lax()[2], 4), "", ">=",
                 None if quick else 0.97)
    for label, keep in (("confidence<0.7", lambda x: x < 0.7), ("confidence>=0.9",
                                                                  lambda x: x >= 0.9)):
        part = [right for score, right in scored if keep(score)]
        yield Figure(f"align.mac.dev.precision_of_beads_with_{label} ({len(part)} beads)",
                     round(sum(part) / len(part), 3) if part else 0.0, "")


# --- news: import + paragraph alignment of rebuilt raw articles ---------------------------

LAYOUTS = ("zh-then-en", "en-then-zh", "interleaved")
#: Site chrome written for this benchmark (generic navigation and app promotion, no
#: article's own lines): the "chrome" variant wraps each document in it, as a page copied
#: from a website is; the "bare" variant uses the document's lines alone.
CHROME_TOP = ("返回首页",)
CHROME_BOTTOM = ("相关阅读", "扫描二维码下载客户端")
WRAPPINGS = ("bare", "chrome")


def news_documents(root: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """(name, zh lines, en lines) of each WMT24 document; line i ↔ line i, 0 the headline."""
    for zh_path in sorted(root.glob("*.zh.txt")):
        name = zh_path.name[: -len(".zh.txt")]
        zh = [x for x in zh_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        en = [x for x in (root / f"{name}.en.txt").read_text(encoding="utf-8").splitlines()
              if x.strip()]
        if len(zh) == len(en):
            yield name, zh, en


def raw_article(zh: Sequence[str], en: Sequence[str], layout: str,
                wrapping: str = "bare") -> str:
    """A raw article as pasted: headlines and body in `layout`; with `wrapping` "chrome",
    the synthetic site chrome lines (`CHROME_TOP`, `CHROME_BOTTOM`) around it."""
    body_zh, body_en = list(zh[1:]), list(en[1:])
    if layout == "zh-then-en":
        lines = [zh[0], *body_zh, en[0], *body_en]
    elif layout == "en-then-zh":
        lines = [en[0], *body_en, zh[0], *body_zh]
    else:
        lines = [zh[0], en[0]]
        for a, b in zip(body_zh, body_en, strict=True):
            lines += [a, b]
    if wrapping == "chrome":
        lines = [*CHROME_TOP, *lines, *CHROME_BOTTOM]
    return "\n\n".join(lines) + "\n"


def news_recovery(root: Path, wrapping: str = "bare") -> tuple[int, int, list[str]]:
    """(paragraph pairs recovered, pairs expected, failure notes) over documents × layouts.

    A pair is recovered when the aligned article has the 1-1 paragraph bead joining that
    Chinese paragraph with its English one (the headline counts when it stays a paragraph;
    taken as the title, it is compared with the titles instead).
    """
    from reader.core.align.api import align_article
    from reader.core.text.importer import parse_article

    found = expected = 0
    notes: list[str] = []
    for name, zh, en in news_documents(root):
        for layout in LAYOUTS:
            expected += len(zh)
            article = parse_article(raw_article(zh, en, layout, wrapping))
            alignment = align_article(article)
            zh_text = [p.text.strip() for p in article.zh]
            en_text = [p.text.strip() for p in article.en]
            got = {(zh_text[b.zh[0]], en_text[b.en[0]]) for b in alignment.paragraphs
                   if len(b.zh) == 1 and len(b.en) == 1}
            if article.title.zh and article.title.en:
                got.add((article.title.zh.strip(), article.title.en.strip()))
            missing = [k for k, pair in enumerate(zip(zh, en, strict=True))
                       if (pair[0].strip(), pair[1].strip()) not in got]
            found += len(zh) - len(missing)
            if missing:
                notes.append(f"{name} [{layout}, {wrapping}]: paragraphs {missing} not paired")
    return found, expected, notes


def news_figures(root: Path) -> Iterator[Figure]:
    for wrapping in WRAPPINGS:
        found, expected, notes = news_recovery(root, wrapping)
        for note in notes[:10]:
            yield Figure(f"align.news.miss {note}", 0, "")
        how = ("documents alone" if wrapping == "bare"
               else "wrapped in synthetic site chrome lines")
        yield Figure(f"align.news.paragraph_pairs_recovered, {how} ({found}/{expected}, "
                     f"{len(LAYOUTS)} layouts)", round(100 * found / max(expected, 1), 2), "%",
                     ">=", 100)


# --- speed ----------------------------------------------------------------------------------

def speed_figures(root: Path, quick: bool = False) -> Iterator[Figure]:
    from reader.core.align.api import align_sentences

    chapters = list(mac_chapters(root))
    zh_all = [s for _, zh, _, _ in chapters for s in zh]
    en_all = [s for _, _, en, _ in chapters for s in en]
    sizes = (1000,) if quick else (1000, 3000, 20000)
    for size in sizes:
        reps = -(-size // len(zh_all))
        zh = (zh_all * reps)[:size]
        en = (en_all * reps)[: round(size * len(en_all) / len(zh_all))]
        cpu = time.process_time()
        with timer() as t:
            align_sentences(zh, en)
        cpu = time.process_time() - cpu
        yield Figure(f"align.speed.{size}_zh_sentences ({len(en)} en) cpu_time", round(cpu, 2),
                     "s")
        yield Figure(f"align.speed.{size}_zh_sentences wall_time", round(t[0], 2), "s")
    yield Figure("align.peak_memory (whole bench process)", _peak_mb(), "MB")


def _peak_mb() -> float:
    try:
        import resource
    except ImportError:                                  # not on Windows
        return 0.0
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(args: argparse.Namespace) -> list[Figure] | Iterator[Figure]:
    return list(_run(getattr(args, "quick", False)))


def _run(quick: bool) -> Iterator[Figure]:
    from reader.core.align import features

    with timer() as t:
        features.warm_up()
    yield Figure("align.lexicon_load", round(t[0], 3), "s")
    shared = shared_dir()
    if shared is None:
        yield Figure("align.eval_data_missing (../shared/eval)", 0, "")
        return
    root = shared / "eval" / "align-mac-dev"
    if root.is_dir():
        yield from mac_figures(root, quick)
        yield from speed_figures(root, quick)
    news = shared / "eval" / "news-wmt24-dev"
    if news.is_dir():
        yield from news_figures(news)
