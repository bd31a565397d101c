"""Titles: walking back from the first paragraph of running text over metadata and labels,
the nearest headline-shaped line of each language is its title (both on one line, or on
two adjacent lines). A headline broken over up to three lines after its colon is joined; a
headline just above a long one makes the long one a standfirst (text); a first paragraph
of one or two short sentences is the title when the other language has one and leaving it
out evens the two sides' counts (news headlines ending in 。)."""

from __future__ import annotations

import re
from collections import Counter

from reader.core.text import shapes
from reader.core.text.doc import Doc, headline_pair, is_open, title_shape
from reader.core.text.meta import find_date, loose_key
from reader.core.text.rows import Piece, Role

_WALK_MAX = 10            # units skipped at most between a title and the text


def find_titles(doc: Doc, first_text: int) -> None:
    found: dict[str, list[Piece]] = {}
    _walk(doc, first_text, found)
    for lang in ("zh", "en"):
        if lang in found:
            continue
        starts = [u for u in doc.order if any(is_open(p) and p.lang == lang and doc.is_prose(p)
                                              for p in doc.by_unit[u])]
        if starts and starts[0] > first_text:
            _walk(doc, starts[0], found, only=lang)
    if not found:
        _title_pair_at(doc, first_text, found)
    _weak_titles(doc, found, first_text)
    for parts in found.values():
        for p in parts:
            p.assign(Role.TITLE, 0.8 if len(parts) == 1 else 0.65,
                     "the headline nearest above the text")
    titles = {lang: loose_key("".join(p.text for p in parts)) for lang, parts in found.items()}
    for p in doc.pieces:           # the title printed again (above or below it)
        if is_open(p) and p.lang in titles and loose_key(p.text) == titles[p.lang]:
            p.assign(Role.CHROME, 0.8, "repeats the title")


def _title_pair_at(doc: Doc, first: int, found: dict[str, list[Piece]]) -> None:
    """The first text line is one or two short sentences and the line next to it is a
    headline in the other language: the two are the titles ("…出错。" / "Politicians…")."""
    k = doc.order.index(first)
    opens = [p for p in doc.by_unit[first] if is_open(p)]
    if len(opens) != 1 or title_shape(opens[0].text, opens[0].lang) is None:
        return
    p = opens[0]
    for j in (k + 1, k - 1):
        if not 0 <= j < len(doc.order):
            continue
        other = [q for q in doc.by_unit[doc.order[j]] if is_open(q)]
        if len(other) == 1 and other[0].lang not in (None, p.lang):
            shapes_ = {title_shape(p.text, p.lang), title_shape(other[0].text, other[0].lang)}
            if None not in shapes_ and "strong" in shapes_:
                found[p.lang or "zh"] = [p]
                found[other[0].lang or "en"] = [other[0]]
                return


def _walk(doc: Doc, start: int, found: dict[str, list[Piece]],
          only: str | None = None) -> None:
    """Collect titles walking back from unit `start` (see the module doc, rule 3)."""
    skipped = complete = 0
    anchor: int | None = None            # the unit of the first title found
    for u in reversed([u for u in doc.order if u < start]):
        group = doc.by_unit[u]
        opens = [p for p in group if is_open(p)]
        if not headline_pair(opens) and any(doc.is_prose(p) and title_shape(p.text, p.lang)
                                            is None for p in opens):
            return                       # running text: titles stand above it
        for p in opens:
            if find_date(p.text):           # "在…的演讲;伦敦,2009年12月10日": a dateline
                p.assign(Role.DATE, 0.7, "a line above the text with a date")
        opens = [p for p in opens if is_open(p)]
        pair = headline_pair(opens)
        heads = [p for p in opens if (pair or title_shape(p.text, p.lang))
                 and only in (None, p.lang) and p.split_conf >= 0.5]
        if len(heads) < len([p for p in opens if only in (None, p.lang)]) and any(
                p.split_conf < 0.5 for p in opens):
            return                       # a line left for review is text, not a title
        joinable = [p for p in group if p.role is Role.LABEL and p.lang in found
                    and p.text.rstrip()[-1:] in ":：" and _joins(doc, p, found[p.lang])]
        if joinable:
            found[joinable[0].lang].insert(0, joinable[0])
            continue
        if not heads:
            if opens:
                return                   # other text that is no headline
            skipped += 1
            if skipped > _WALK_MAX:
                return
            continue
        for p in heads:
            assert p.lang is not None
            if p.lang not in found:
                if anchor is not None and anchor - u > 1:
                    return               # not next to the other language's title
                found[p.lang] = [p]
                anchor = u if anchor is None else anchor
            elif loose_key(p.text) == loose_key("".join(x.text for x in found[p.lang])):
                p.assign(Role.CHROME, 0.8, "repeats the title")
            elif _joins(doc, p, found[p.lang]):
                found[p.lang].insert(0, p)
            elif _deck_below(doc, p, found):
                found[p.lang][0].assign(Role.BODY, 0.7, "a standfirst under the title")
                found[p.lang] = [p]
                if only is not None:
                    return
            else:
                return
        if only is None and len(found) == 2:
            complete += 1
            if complete > 1:             # one more headline looked at: a deck's title
                return


_CONTINUES = tuple(":：,，、—-")


def _joins(doc: Doc, p: Piece, parts: list[Piece]) -> bool:
    """A headline broken over up to three lines after its colon ("X的豪赌:" / "…" / "…"):
    `p` is the line just above `parts`, and it or the line above it ends in a colon."""
    below = parts[0]
    if len(parts) >= 3 or below.unit - p.unit != 1:
        return False
    if doc.units[p.unit].kind == "heading" or doc.units[below.unit].kind == "heading":
        return False
    size = shapes.han_count if p.lang == "zh" else shapes.word_count
    total = sum(size(x.text) for x in parts) + size(p.text)
    if total > (45 if p.lang == "zh" else 25):
        return False
    if p.text.rstrip().endswith(_CONTINUES):
        return True
    above = doc.by_unit.get(p.unit - 1, [])
    return len(parts) < 2 and any(q.lang == p.lang and q.text.rstrip().endswith(_CONTINUES)
                                  and (q.role is Role.LABEL or is_open(q)) for q in above)


def _deck_below(doc: Doc, p: Piece, found: dict[str, list[Piece]]) -> bool:
    """`p` is a headline just above the line taken for the title, and that line is long
    for a headline: a standfirst (deck) under the real title. Just above: the next line, or
    the one after the other language's title (titles and decks interleaved)."""
    parts = found[p.lang or "zh"]
    below = parts[0]
    between = {x.unit for lang, xs in found.items() if lang != p.lang for x in xs}
    gap = below.unit - p.unit
    if len(parts) != 1 or not (gap == 1 or (gap == 2 and p.unit + 1 in between)):
        return False
    size = shapes.han_count if p.lang == "zh" else shapes.word_count
    least, deck = (5, 15) if p.lang == "zh" else (3, 8)
    return size(p.text) >= least and size(below.text) >= deck


def _weak_titles(doc: Doc, found: dict[str, list[Piece]], first_text: int) -> None:
    """A first paragraph that is one or two short sentences is the title when the other
    language has one and leaving it out evens the two sides' paragraph counts."""
    taken = {id(p) for parts in found.values() for p in parts}
    counts = Counter(p.lang for p in doc.pieces if is_open(p) and p.lang in ("zh", "en")
                     and id(p) not in taken and p.unit >= first_text)
    for lang, other in (("zh", "en"), ("en", "zh")):
        if lang in found or other not in found or counts[lang] < 2:
            continue
        first = next(p for p in doc.pieces if is_open(p) and p.lang == lang
                     and id(p) not in taken and p.unit >= first_text)
        if title_shape(first.text, lang) != "weak":
            continue
        before = abs(counts[lang] - counts[other])
        after = abs(counts[lang] - 1 - counts[other])
        if after < before and after <= max(1, counts[other] // 10):
            found[lang] = [first]


_TITLE_NUMBER = re.compile(r"^(?:\d{1,3}(?:[.\-/]\d{1,2})*[.、)）]?\s*|[（(]\d{1,3}[)）]\s*)")
_TITLE_TAIL = re.compile(
    r"\s+\d{1,3}\s*[′']\s*\d{1,2}\s*[″\"]?$|\s+\(?\d{1,2}:\d{2}\)?$|[\s,，:：;；|/\-–—]+$")


def clean_title(text: str) -> str:
    """A title without the numbering, brackets and running time around it."""
    text = _TITLE_NUMBER.sub("", text.strip(), count=1)
    text = _TITLE_TAIL.sub("", text).strip()
    for opener, closer in (("【", "】"), ("[", "]"), ("〔", "〕")):
        if text.startswith(opener) and text.endswith(closer) and text.count(opener) == 1:
            text = text[1:-1].strip()
    return text
