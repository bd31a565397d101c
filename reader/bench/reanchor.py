"""`duizhao bench reanchor`: do notes follow an edited article, through the real library?

For the bundled sample and two real articles (read from ../shared/eval at run time, skipped
with a line when absent), at 1, 5 and 15 % of sentences edited (`bench.edits`: sentences
deleted, inserted, rewritten, paragraphs moved, words changed): many random notes (Chinese
and English, 2–30 characters) are added, the edited text goes through
`Library.update_article`, and each note is judged by where its text really went:

* placed right: on (mostly) the same original characters; placed wrong: anywhere else;
* orphaned: reported to the user; lost: gone from the library;
* unchanged-text notes: those whose exact characters are still together in the new text.

Targets: 0 wrong, 0 lost, unchanged-text notes placed right >= 99 % at 1 and 5 %, >= 97 %
at 15 %.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.bench import Figure, shared_dir, timer
from reader.bench.edits import edit

RATES = (0.01, 0.05, 0.15)
UNCHANGED_TARGET = {0.01: 99.0, 0.05: 99.0, 0.15: 97.0}
REAL = ("01-chinadaily-xi-newyear-2024.txt", "02-chinadaily-xi-newyear-2022.txt")


@dataclass
class Tally:
    notes: int = 0
    right: int = 0
    wrong: int = 0
    orphaned: int = 0
    lost: int = 0
    unchanged: int = 0
    unchanged_right: int = 0
    seconds: float = 0.0
    wrong_examples: list[str] = field(default_factory=list)


def raw_offsets(raw: str, article, lang: str) -> list[int]:
    """For each character of the side's text, its index in `raw` (-1: not found)."""
    from reader.core.notes.anchors import PARAGRAPH_SEP

    paragraphs = article.zh if lang == "zh" else article.en
    out: list[int] = []
    pos = 0
    for n, paragraph in enumerate(paragraphs):
        if n:
            out += [-1] * len(PARAGRAPH_SEP)
        found = _line_occurrence(raw, paragraph.text, pos)
        if found < 0:
            found = _line_occurrence(raw, paragraph.text, 0)
        if found < 0:
            out += [-1] * len(paragraph.text)
            continue
        out += list(range(found, found + len(paragraph.text)))
        pos = found + len(paragraph.text)
    return out


def _line_occurrence(raw: str, text: str, pos: int) -> int:
    """Where `text` occurs from `pos`, one that starts a line first (a paragraph is a line;
    the same sentence quoted in a "> " summary above is not it), else the first, or -1."""
    first = found = raw.find(text, pos)
    while found >= 0:
        if found == 0 or raw[found - 1] == "\n":
            return found
        found = raw.find(text, found + 1)
    return first


def _spans(rng: random.Random, text: str, offsets: list[int], lang: str,
           count: int) -> list[tuple[int, int]]:
    """Random note spans a reader might select: English whole words, Chinese 2–30 chars."""
    spans: list[tuple[int, int]] = []
    tries = 0
    while len(spans) < count and tries < count * 50:
        tries += 1
        start = rng.randrange(len(text))
        if lang == "en":
            while start > 0 and text[start - 1].isalnum():
                start -= 1
            end = start
            for _ in range(rng.randint(1, 4)):
                nxt = text.find(" ", end + 1)
                end = len(text) if nxt < 0 else nxt
            end = min(end, start + 30)
            while end > start and not text[end - 1].isalnum():
                end -= 1
        else:
            end = start + (rng.randint(2, 8) if rng.random() < 0.7 else rng.randint(9, 30))
        end = min(end, len(text))
        piece = text[start:end]
        if not 2 <= len(piece) <= 30 or "\n" in piece or not piece.strip() \
                or piece[0].isspace() or -1 in offsets[start:end]:
            continue
        spans.append((start, end))
    return spans


def _trial(raw: str, rate: float, seed: int, per_side: int, tally: Tally) -> None:
    from reader.core.notes.anchors import side_text
    from reader.core.service import Library
    from reader.core.store.store import Store

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="duizhao-bench-") as tmp:
        library = Library(Store.open(Path(tmp) / "library.sqlite", backup=False))
        with library:
            ref = library.import_text(raw)
            notes: dict[int, tuple[str, set[int]]] = {}
            for lang in ("zh", "en"):
                text = side_text(ref.article, lang)
                offsets = raw_offsets(raw, ref.article, lang)
                for start, end in _spans(rng, text, offsets, lang, per_side):
                    note = library.add_note(ref.id, lang, start, end)
                    notes[note.id] = (lang, set(offsets[start:end]))
            edited = edit(raw, rate, seed)
            with timer() as took:
                library.update_article(ref.id, edited.text)
            tally.seconds += took[0]
            new = library.article(ref.id)
            where = {o: i for i, o in enumerate(edited.origin) if o is not None}
            after = {n.id: n for n in library.notes(ref.id)}
            new_offsets = {lang: raw_offsets(edited.text, new, lang) for lang in ("zh", "en")}
            for note_id, (lang, old) in notes.items():
                _judge(tally, after.get(note_id), old, where, edited.origin,
                       new_offsets[lang])


def _judge(tally: Tally, note, old: set[int], where: dict[int, int],
           origin: tuple[int | None, ...], offsets: list[int]) -> None:
    tally.notes += 1
    positions = sorted(where.get(o, -1) for o in old)
    unchanged = positions[0] >= 0 and positions[-1] - positions[0] == len(old) - 1
    tally.unchanged += unchanged
    if note is None:
        tally.lost += 1
        return
    if note.orphaned:
        tally.orphaned += 1
        return
    landed = {origin[i] for i in offsets[note.anchor.start:note.anchor.end]
              if i >= 0 and origin[i] is not None}
    surviving = {o for o in old if o in where}
    overlap = len(landed & old)
    if overlap and overlap >= 0.6 * max(len(surviving), 1) and \
            overlap >= 0.6 * max(len(landed), 1):
        tally.right += 1
        tally.unchanged_right += unchanged
    else:
        tally.wrong += 1
        if len(tally.wrong_examples) < 5:
            tally.wrong_examples.append(repr(note.anchor.quote))


def _articles() -> Iterator[tuple[str, str | None]]:
    """(name, raw text) of the sample, then of the real articles (None: absent)."""
    from reader.core.text.decode import read_text

    sample = Path(__file__).resolve().parents[2] / "articles" / \
        "fortune-2017-08-09-alibaba-kering.txt"
    yield "sample", read_text(sample)
    shared = shared_dir()
    folder = shared / "eval" / "real-articles" / "articles" if shared else None
    for name in REAL:
        path = folder / name if folder else None
        yield name, read_text(path) if path is not None and path.is_file() else None


def run(args: argparse.Namespace) -> Iterator[Figure]:
    quick = getattr(args, "quick", False)
    trials, per_side = (2, 20) if quick else (10, 40)
    texts = []
    for name, raw in _articles():
        if raw is None:
            yield Figure(f"reanchor.{name}_missing (../shared/eval/real-articles: skipped)",
                         0, "")
        else:
            texts.append(raw)
    for rate in RATES:
        tally = Tally()
        for n, raw in enumerate(texts):
            for trial in range(trials):
                _trial(raw, rate, 1000 * n + trial + int(rate * 100) * 7919, per_side, tally)
        pct = f"{round(rate * 100)}pct"
        share = 100.0 * tally.unchanged_right / max(tally.unchanged, 1)
        yield Figure(f"reanchor.edits_{pct}.notes", tally.notes, "notes")
        yield Figure(f"reanchor.edits_{pct}.placed_right", 100.0 * tally.right /
                     max(tally.notes, 1), "%")
        yield Figure(f"reanchor.edits_{pct}.orphaned", 100.0 * tally.orphaned /
                     max(tally.notes, 1), "%")
        wrong = f" (e.g. {', '.join(tally.wrong_examples)})" if tally.wrong_examples else ""
        yield Figure(f"reanchor.edits_{pct}.placed_wrong{wrong}", tally.wrong, "notes",
                     "<=", 0)
        yield Figure(f"reanchor.edits_{pct}.lost", tally.lost, "notes", "<=", 0)
        yield Figure(f"reanchor.edits_{pct}.unchanged_text_placed_right "
                     f"({tally.unchanged} notes)", share, "%", ">=",
                     UNCHANGED_TARGET[rate])
        yield Figure(f"reanchor.edits_{pct}.update_time_mean",
                     1000 * tally.seconds / max(len(texts) * trials, 1), "ms")
