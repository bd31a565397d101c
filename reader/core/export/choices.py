"""What a handout shows, shared by the Markdown and the printed (PDF) handouts: which words
get pinyin, the glossary's one sense, the highlighted spans, notes by paragraph, beads.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.core.export import Handout, NoteView, WordView, marked_reading
from reader.core.models import Lang
from reader.core.notes.anchors import PARAGRAPH_SEP

_NUMBER = re.compile(r"^[\d０-９.,%％零〇一二三四五六七八九十百千万亿两几第]+$")


def above_level(word: WordView, level: int, *, names: bool = False) -> bool:
    """Whether "pinyin above HSK `level`" annotates `word`: a dictionary word (not a run
    like 两家 the segmenter made), not a number, a name only when `names`, above `level`
    or outside the lists unless built from listed words of level ≤ `level` (母公司)."""
    if not word.entry or _NUMBER.match(word.text) or (word.name and not names):
        return False
    if word.name:
        return True
    if word.hsk is not None:
        return word.hsk > level
    return word.parts_level is None or word.parts_level > level


def one_sense(meaning: str) -> str:
    """The first sense of a one-line meaning ("to sue; to bring a lawsuit" → "to sue")."""
    return meaning.split("; ")[0].strip()


def level_label(hsk: int) -> str:
    return "7–9" if hsk >= 7 else str(hsk)


def highlight_spans(ends: list[tuple[int, NoteView]], text: str) -> list[tuple[int, int]]:
    """The highlighted spans of a paragraph (merged), trimmed to start and end on a letter
    so that `**` around them always opens and closes in CommonMark."""
    spans = []
    for end, note in ends:
        start = max(0, end - len(note.annotation.anchor.quote))
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if start < end:
            spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted_words(words: list[WordView], spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the words a highlight covers, from its first to its last word with a
    letter (a bold run never starts or ends on punctuation)."""
    out: set[int] = set()
    for start, end in spans:
        inside = [i for i, w in enumerate(words) if w.start < end and w.end > start
                  and any(ch.isalnum() for ch in w.text)]
        if inside:
            out.update(range(inside[0], inside[-1] + 1))
    return out


def paragraph_ends(handout: Handout, lang: Lang) -> dict[int, list[tuple[int, NoteView]]]:
    """Placed notes of one side keyed by the paragraph their quote ends in."""
    paragraphs = handout.article.zh if lang is Lang.ZH else handout.article.en
    starts, base = [], 0
    for paragraph in paragraphs:
        starts.append(base)
        base += len(paragraph.text) + len(PARAGRAPH_SEP)
    out: dict[int, list[tuple[int, NoteView]]] = {}
    for note in handout.notes:
        anchor = note.annotation.anchor
        if note.annotation.orphaned or anchor.lang != lang.value:
            continue
        for index in range(len(starts) - 1, -1, -1):
            if starts[index] < anchor.end or index == 0:
                end = min(anchor.end - starts[index], len(paragraphs[index].text))
                out.setdefault(index, []).append((end, note))
                break
    for items in out.values():
        items.sort(key=lambda item: (item[0], item[1].annotation.anchor.start))
    return out


def paragraph_pairs(handout: Handout) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Paragraph beads in reading order (index pairs when the alignment has none)."""
    article = handout.article
    beads = [(b.zh, b.en) for b in handout.alignment.paragraphs]
    if not beads:
        count = max(len(article.zh), len(article.en))
        beads = [(((i,) if i < len(article.zh) else ()), ((i,) if i < len(article.en) else ()))
                 for i in range(count)]
    covered_zh = {i for zh, _ in beads for i in zh}
    covered_en = {i for _, en in beads for i in en}
    beads += [((i,), ()) for i in range(len(article.zh)) if i not in covered_zh]
    beads += [((), (i,)) for i in range(len(article.en)) if i not in covered_en]
    return beads


def glossary_rows(handout: Handout, glossed: dict[str, WordView], mode: str, *,
                  saved_senses: int, saved_level: Callable[[int], str]
                  ) -> list[tuple[str, str, str, str]]:
    """(word, pinyin, meaning, level) rows: the saved words first, then, for the pinyin
    modes that annotate words, each annotated dictionary word once (names left out).

    Args:
        saved_senses: how many of a saved word's senses to show.
        saved_level: how a saved word's HSK level is written.
    """
    readings = {w.text: w for paragraph in handout.zh_words for w in paragraph}
    rows: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()
    for saved in handout.words:
        seen.add(saved.word)
        in_text = readings.get(saved.word)
        reading = in_text.reading if in_text and in_text.reading else saved.reading
        hsk = saved.hsk if saved.hsk is not None else (in_text.hsk if in_text else None)
        rows.append((saved.word, marked_reading(reading),
                     "; ".join(saved.senses[:saved_senses]),
                     "" if hsk is None else saved_level(hsk)))
    if mode in ("hsk-above", "saved"):
        for text, word in glossed.items():
            if text not in seen and word.entry and not word.name:
                seen.add(text)
                rows.append((text, marked_reading(word.reading), one_sense(word.meaning),
                             "" if word.hsk is None else level_label(word.hsk)))
    return rows

