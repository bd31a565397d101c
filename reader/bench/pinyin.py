"""`duizhao bench pinyin`: polyphone accuracy on CPP dev through `duizhao pinyin --lines`.

The dev sentences (target character wrapped in U+2581) go, markers removed, through the
same command users run, as a subprocess, all lines on stdin; the marked character's
syllable is compared with the gold one (ü normalised: `u:` and `v` are the same).

The headline is the mode users get: `duizhao pinyin --lines` with default options, which
keeps CC-CEDICT's neutral tones (关系 guānxi). CPP annotates lexical light syllables with
their citation tone (关系 guānxì) and keeps the neutral tone for particles; the documented
user option `--neutral particles` follows that convention and is reported on its own line,
labelled as such.

An info line counts the default mode's misses that are only that convention (the light
tone where CPP writes the citation tone), so the two accuracy lines can be told apart.
For comparison (info): pypinyin alone on the whole sentence and g2pM's model alone. The
everyday sentences (`reader.bench.everyday`) are a regression suite: the context rules were
written from them, so their score says nothing about accuracy on new text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from reader.bench import Figure, shared_dir, timer

MARK = "\u2581"
#: Issue #13's targets on CPP dev: the default mode, and CPP's own tone convention.
TARGET_DEFAULT = 98.3
TARGET_CPP = 98.8
TARGET_SECONDS = 60.0


def load_cpp(folder: Path, limit: int | None = None) -> tuple[list[str], list[int], list[str]]:
    """(sentences without markers, target index, gold syllable in `v` form)."""
    sents = (folder / "dev.sent").read_text(encoding="utf-8").splitlines()
    gold = (folder / "dev.lb").read_text(encoding="utf-8").splitlines()
    if len(sents) != len(gold):
        raise ValueError(f"{folder}: dev.sent and dev.lb differ in length")
    if limit:
        sents, gold = sents[:limit], gold[:limit]
    texts, targets = [], []
    for line in sents:
        targets.append(line.index(MARK))
        texts.append(line.replace(MARK, ""))
    return texts, targets, [norm(g) for g in gold]


def norm(syllable: str | None) -> str | None:
    return None if syllable is None else syllable.strip().lower().replace("u:", "v")


def run_cli(texts: list[str], *options: str) -> list[list[str | None]]:
    """`python -m reader pinyin --lines [options]`, all texts on stdin."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "reader", "pinyin", "--lines", *options],
        input="\n".join(texts) + "\n", capture_output=True, text=True, encoding="utf-8",
        env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"duizhao pinyin --lines failed ({proc.returncode}): "
                           f"{proc.stderr.strip()[-500:]}")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    if len(rows) != len(texts):
        raise RuntimeError(f"expected {len(texts)} output lines, got {len(rows)}")
    return rows


def accuracy(rows: list[list[str | None]], targets: list[int], gold: list[str]) -> float:
    hits = sum(norm(row[t]) == g for row, t, g in zip(rows, targets, gold, strict=True))
    return 100.0 * hits / max(1, len(gold))


def light_tone_only(default: list[list[str | None]], cited: list[list[str | None]],
                    targets: list[int], gold: list[str]) -> int:
    """Items the default mode misses only by CC-CEDICT's light tone where CPP writes the
    citation tone (关系 guānxi / guānxì): `--neutral particles` reads them right."""
    count = 0
    for d, c, t, g in zip(default, cited, targets, gold, strict=True):
        got, want = norm(d[t]), norm(c[t])
        count += bool(got and got != g and want == g and got.endswith("5")
                      and got[:-1] == g[:-1])
    return count


def pypinyin_alone(texts: list[str], targets: list[int], gold: list[str]) -> float:
    from pypinyin import Style, lazy_pinyin

    hits = 0
    for text, t, g in zip(texts, targets, gold, strict=True):
        out = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                          errors=lambda chars: [""] * len(chars))
        if len(out) == len(text):
            hits += norm(out[t]) == g
        else:  # pragma: no cover - pypinyin grouped something: read the character alone
            hits += norm(lazy_pinyin(text[t], style=Style.TONE3,
                                     neutral_tone_with_five=True)[0]) == g
    return 100.0 * hits / max(1, len(gold))


def g2pm_alone(texts: list[str], targets: list[int], gold: list[str]) -> float:
    from reader.core.language.polyphone.model import PolyphoneModel

    probs = PolyphoneModel().probabilities(texts, [[t] for t in targets])
    hits = sum(max(p[0], key=p[0].get) == g for p, g in zip(probs, gold, strict=True))
    return 100.0 * hits / max(1, len(gold))


def everyday() -> tuple[int, int]:
    """(sentences read right, sentences) of the everyday regression suite."""
    from reader.bench.everyday import EVERYDAY
    from reader.core.language.pinyin import service

    out = service().syllables_many([s for s, _ in EVERYDAY])
    right = sum([s for s, _c in row] == want.split()
                for row, (_s, want) in zip(out, EVERYDAY, strict=True))
    return right, len(EVERYDAY)


def run(args: argparse.Namespace) -> Iterator[Figure]:
    quick = getattr(args, "quick", False)
    shared = shared_dir()
    folder = shared / "eval" / "pinyin-cpp-dev" if shared else None
    if folder is None or not (folder / "dev.sent").is_file():
        sys.stdout.write("pinyin: ../shared/eval/pinyin-cpp-dev is absent: "
                         "CPP accuracy and speed figures skipped\n")
    else:
        texts, targets, gold = load_cpp(folder, 1000 if quick else None)
        label = f"pinyin: CPP dev{' (--quick: first 1000)' if quick else ''}"
        with timer() as t:
            default = run_cli(texts)
        yield Figure(f"{label} polyphone accuracy, `duizhao pinyin --lines` with default "
                     f"options (what users get)", round(accuracy(default, targets, gold), 2),
                     "%", ">=", TARGET_DEFAULT)
        yield Figure(f"{label} {len(texts)} sentences through `duizhao pinyin --lines` (default "
                     f"options), total time from spawn", round(t[0], 1), "s", "<", TARGET_SECONDS)
        cited = run_cli(texts, "--neutral", "particles")
        yield Figure(f"{label} polyphone accuracy with `--neutral particles` (a user option: "
                     f"CPP's own convention, citation tones for light syllables)",
                     round(accuracy(cited, targets, gold), 2), "%", ">=", TARGET_CPP)
        light = light_tone_only(default, cited, targets, gold)
        yield Figure(f"{label} default-mode misses that are only CC-CEDICT's light tone where "
                     f"CPP writes the citation tone (关系 guānxi / guānxì), {light} of "
                     f"{len(gold)} items",
                     round(100.0 * light / max(1, len(gold)), 2), "points")
        yield Figure(f"{label} pypinyin alone, for comparison",
                     round(pypinyin_alone(texts, targets, gold), 2), "%")
        yield Figure(f"{label} g2pM model alone, for comparison",
                     round(g2pm_alone(texts, targets, gold), 2), "%")
    right, n = everyday()
    yield Figure(f"pinyin: everyday regression suite (sentences the rules were written from), "
                 f"{right}/{n} sentences right", round(100.0 * right / n, 1), "%", ">=", 100.0)
