"""What a printed handout shows, decided once for every page-drawing exporter (the PDF).

A `Plan` is the handout as runs of text: each Chinese word with the pinyin to print above it
(or none), highlights, footnote numbers after the runs they follow; the glossary rows; each
note once. The choices are the Markdown handout's (`reader.core.export.markdown`): the same
words get pinyin, the same rows, the same numbering. No Qt here: the PDF lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.export import Handout, NoteView, WordView, marked_reading
from reader.core.export.choices import (
    above_level,
    glossary_rows,
    highlight_spans,
    highlighted_words,
    level_label,
    paragraph_ends,
    paragraph_pairs,
)
from reader.core.export.markdown import parse_pinyin_mode
from reader.core.models import Lang
from reader.core.text.han import has_han


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: a Chinese word (with `pinyin` to print above it) or text."""

    text: str
    pinyin: str = ""
    bold: bool = False
    notes: tuple[int, ...] = ()     # footnote numbers printed after the run


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str                        # the note, else the quote
    quote: str = ""                  # what it is about (the notes list is far from it)
    tags: tuple[str, ...] = ()
    placed: bool = True              # its number is in the text


@dataclass
class Plan:
    title: str
    subtitle: str
    meta: list[tuple[str, str]]
    beads: list[tuple[list[list[Run]], list[list[Run]]]]   # (Chinese paragraphs, English)
    glossary: list[tuple[str, str, str, str]] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    unsure: bool = False


def make_plan(handout: Handout, *, pinyin: str = "none", zh_only: bool = False,
              names: bool = False, glossary: bool = True, notes: bool = True) -> Plan:
    """The handout as runs, rows and notes (see the module docstring)."""
    mode, level = parse_pinyin_mode(pinyin)
    saved = {w.word for w in handout.words}
    numbers: dict[int, int] = {}
    glossed: dict[str, WordView] = {}
    unsure = False

    def key(note: NoteView) -> int:
        return note.annotation.id if note.annotation.id is not None else id(note)

    def number(note: NoteView) -> int:
        return numbers.setdefault(key(note), len(numbers) + 1)

    def wants(word: WordView) -> bool:
        if mode == "none" or not word.reading or not has_han(word.text):
            return False
        if mode == "all":
            return True
        if mode == "saved":
            return word.text in saved
        return above_level(word, level, names=names)

    zh_ends = paragraph_ends(handout, Lang.ZH)
    en_ends = paragraph_ends(handout, Lang.EN)

    def zh_runs(index: int) -> list[Run]:
        nonlocal unsure
        text = handout.article.zh[index].text
        words = list(handout.zh_words[index]) if index < len(handout.zh_words) else []
        words = words or [WordView(text, 0, len(text))]
        ends = zh_ends.get(index, [])
        bold = highlighted_words(words, highlight_spans(ends, text))
        runs: list[Run] = []
        cursor = 0
        for i, word in enumerate(words):
            if word.start > cursor:
                runs.append(Run(text[cursor:word.start]))
            cursor = max(cursor, word.end)
            reading = ""
            if wants(word):
                glossed.setdefault(word.text, word)
                reading = marked_reading(word.reading) + ("?" if word.unsure else "")
                unsure |= word.unsure
            last = i == len(words) - 1
            marks = tuple(number(n) for end, n in ends
                          if word.start < end <= word.end or (last and end > word.end))
            runs.append(Run(word.text, reading, i in bold, marks))
        if cursor < len(text):
            runs.append(Run(text[cursor:]))
        return runs

    def en_runs(index: int) -> list[Run]:
        text = handout.article.en[index].text
        ends = en_ends.get(index, [])
        spans = highlight_spans(ends, text)
        cuts = sorted({0, len(text), *(a for s in spans for a in s), *(e for e, _n in ends)})
        runs = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            marks = tuple(number(n) for e, n in ends if e == b)
            runs.append(Run(text[a:b], bold=any(s <= a and b <= e for s, e in spans),
                            notes=marks))
        return [r for r in runs if r.text or r.notes]

    article = handout.article
    if zh_only:
        beads = [([zh_runs(i)], []) for i in range(len(article.zh))]
    else:
        beads = [([zh_runs(i) for i in zh], [en_runs(i) for i in en])
                 for zh, en in paragraph_pairs(handout)]
    plan = Plan(article.title.zh or article.title.en or "Untitled",
                article.title.en if article.title.zh else "",
                [(label, value) for label, value in (
                    ("Author", article.author), ("Translator", article.translator),
                    ("Date", article.date), ("Source", article.source)) if value],
                beads, unsure=unsure)
    if glossary:
        plan.glossary = glossary_rows(handout, glossed, mode, saved_senses=2,
                                      saved_level=level_label)
    if notes:
        by_key = {key(n): n for n in handout.notes}
        shown = set(numbers)
        for note in handout.notes:   # notes the text cannot show follow, numbered on
            if key(note) not in shown:
                number(note)
        for k, n in sorted(numbers.items(), key=lambda kv: kv[1]):
            a = by_key[k].annotation
            quote = " ".join(a.anchor.quote.split())
            plan.footnotes.append(Footnote(n, a.note.strip() or quote, quote, a.tags,
                                           k in shown))
    return plan
