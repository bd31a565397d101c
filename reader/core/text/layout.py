"""Stage 4, layout: how the two languages' text is arranged, which paragraph translates
which when the arrangement shows it, and what text has no counterpart at all.

Layouts: `zh-then-en` / `en-then-zh` (one block each), `interleaved-zh-first` /
`interleaved-en-first` (paragraph by paragraph), `sections` (several blocks each way, as in
a page of items), `same-line` (a paragraph and its translation on one line), `sentences`
(sentences alternating inside lines), `cues` (subtitles), and `zh-only` / `en-only`.

Pairs read off an interleaved or same-line layout are shown to the reader (the review
view's `pair`); the aligner still aligns the article itself, so a layout misread costs
nothing but the hint. Text after the last switch of language that a break (a rule, a label,
a vocabulary list) separates from the rest, and without which the two sides' counts come
closer, is commentary on the text rather than the text: a note ("my thoughts on the talk").
"""

from __future__ import annotations

from bisect import bisect_right

from reader.core.text.rows import Layout, Piece, Role, Unit

_BREAKS = frozenset((Role.MARKUP, Role.LABEL, Role.VOCAB, Role.NOTE, Role.PROMO,
                     Role.CHROME, Role.COPYRIGHT))


def _body_units(pieces: list[Piece]) -> list[tuple[int, str | None]]:
    """(unit, language) of each unit with body text; language None when it holds both."""
    out: dict[int, set[str]] = {}
    for p in pieces:
        if p.role is Role.BODY and p.lang in ("zh", "en"):
            out.setdefault(p.unit, set()).add(p.lang)
    return [(u, next(iter(langs)) if len(langs) == 1 else None)
            for u, langs in sorted(out.items())]


def _island(pieces: list[Piece], units: list[tuple[int, str | None]], breaks: set[int],
            at_end: bool) -> tuple[list[int], str] | None:
    """The body units beyond the last (first) break, when they are of one language and both
    languages stand on the other side of it."""
    order = units[::-1] if at_end else units
    marks = sorted(breaks)
    island: list[int] = []
    for k, (u, _) in enumerate(order[:-1]):
        island.append(u)
        nxt = order[k + 1][0]
        lo, hi = (nxt, u) if at_end else (u, nxt)
        j = bisect_right(marks, lo)
        if j < len(marks) and marks[j] < hi:
            langs = {x for _, x in order[:k + 1]}
            rest = {x for _, x in order[k + 1:]}
            if len(langs) == 1 and None not in langs and (None in rest or rest >= {"zh", "en"}):
                return island, next(iter(langs))
            return None
    return None


def commentary_tail(pieces: list[Piece]) -> None:
    """Mark one-language text after a break at the end as notes (module doc)."""
    units = _body_units(pieces)
    breaks = {p.unit for p in pieces if p.role in _BREAKS}
    if len(units) >= 3 and (found := _island(pieces, units, breaks, at_end=True)):
        _drop_if_evens(pieces, units, found[0], found[1],
                       "one-language text after the translated text")


def lead_island(pieces: list[Piece]) -> None:
    """One-language text at the top that a break separates from translated text below it,
    and without which the two sides' counts come closer: a lead or excerpt, not the text."""
    units = _body_units(pieces)
    breaks = {p.unit for p in pieces if p.role in _BREAKS | {Role.SOURCE, Role.CREDIT}}
    if len(units) >= 3 and (found := _island(pieces, units, breaks, at_end=False)):
        _drop_if_evens(pieces, units, found[0], found[1],
                       "one-language text before the translated text")


def _drop_if_evens(pieces: list[Piece], units: list[tuple[int, str | None]],
                   island: list[int], lang: str, why: str) -> None:
    count = {"zh": 0, "en": 0}
    for _, language in units:
        for side in (("zh", "en") if language is None else (language,)):
            count[side] += 1
    other = "en" if lang == "zh" else "zh"
    before = abs(count[lang] - count[other])
    after = abs(count[lang] - len(island) - count[other])
    if after < before and len(island) <= max(2, count[lang] // 5):
        for p in pieces:
            if p.unit in island and p.role is Role.BODY:
                p.assign(Role.NOTE, 0.6, why)


def sentence_blocks(pieces: list[Piece], units: list[Unit]) -> list[list[int]]:
    """Blocks, between blank lines, of lines alternating one short sentence of each
    language (zh, en, zh, en …): a paragraph given sentence by sentence with its
    translation. Found only when two or more blocks, most of the text, read so; a page
    alternating whole paragraphs line by line has no blank lines between them, or longer
    lines."""
    body = _body_units(pieces)
    if any(lang is None for _, lang in body):
        return []
    blocks: list[list[tuple[int, str]]] = []
    for u, lang in body:
        prev = blocks[-1][-1][0] if blocks else None
        if prev is not None and prev == u - 1 and units[u].gap == 0:
            blocks[-1].append((u, lang or ""))
        else:
            blocks.append([(u, lang or "")])
    texts = {p.unit: p.text for p in pieces if p.role is Role.BODY}
    found = [block for block in blocks if len(block) >= 4
             and all(a[1] != b[1] for a, b in zip(block, block[1:], strict=False))
             and all(_one_sentence(texts[u], lang) for u, lang in block)]
    if len(found) >= 2 and sum(map(len, found)) >= 0.6 * len(body):
        return [[u for u, _ in block] for block in found]
    return []


def _one_sentence(text: str, lang: str) -> bool:
    from reader.core.text.sentences import split_en, split_zh

    return len((split_zh if lang == "zh" else split_en)(text)) <= 1


def detect(pieces: list[Piece], units: list[Unit],
           blocks: list[list[int]] | None = None) -> Layout:
    """The layout of the body text, and the pairs it shows (set on the pieces)."""
    body = _body_units(pieces)
    if not body:
        return Layout("empty", 0.0)
    langs = {lang for _, lang in body}
    if langs == {"zh"} or langs == {"en"}:
        return Layout(f"{next(iter(langs))}-only", 1.0)
    if blocks:
        index = _index(pieces)
        for block in blocks:
            zh = [k for u in block for k in index[u] if pieces[k].lang == "zh"]
            en = [k for u in block for k in index[u] if pieces[k].lang == "en"]
            _link(pieces, zh, en)
        return Layout("sentences", round(sum(map(len, blocks)) / len(body), 2))
    if any(units[u].kind == "cue_text" for u, _ in body):
        _pair_adjacent(pieces, body)
        return Layout("cues", 0.8)
    mixed = [u for u, lang in body if lang is None]
    if len(mixed) * 2 >= len(body):
        switches = _switches_in_units(pieces)
        _pair_same_unit(pieces)
        kind = "sentences" if switches > len(mixed) else "same-line"
        return Layout(kind, round(len(mixed) / len(body), 2))
    seq = [lang for _, lang in body if lang is not None]
    blocks: list[list] = []
    for lang in seq:
        if blocks and blocks[-1][0] == lang:
            blocks[-1][1] += 1
        else:
            blocks.append([lang, 1])
    if len(blocks) == 2:
        if blocks[0][1] == blocks[1][1]:
            _pair_blocks(pieces, body)
        return Layout(f"{blocks[0][0]}-then-{blocks[1][0]}", 0.9)
    singles = sum(1 for _, n in blocks if n == 1)
    if singles >= 0.8 * len(blocks):
        _pair_adjacent(pieces, body)
        return Layout(f"interleaved-{blocks[0][0]}-first", round(singles / len(blocks), 2))
    return Layout("sections", 0.6)


def _switches_in_units(pieces: list[Piece]) -> int:
    switches = 0
    prev: Piece | None = None
    for p in pieces:
        if p.role is not Role.BODY:
            continue
        if prev is not None and prev.unit == p.unit and prev.lang != p.lang:
            switches += 1
        prev = p
    return switches


def _index(pieces: list[Piece]) -> dict[int, list[int]]:
    """unit → indices of its body pieces."""
    out: dict[int, list[int]] = {}
    for k, p in enumerate(pieces):
        if p.role is Role.BODY:
            out.setdefault(p.unit, []).append(k)
    return out


def _link(pieces: list[Piece], a: list[int], b: list[int]) -> None:
    if a and b:
        for k in a:
            pieces[k].pair = b[0]
        for k in b:
            pieces[k].pair = a[0]


def _pair_same_unit(pieces: list[Piece]) -> None:
    for idx in _index(pieces).values():
        zh = [k for k in idx if pieces[k].lang == "zh"]
        en = [k for k in idx if pieces[k].lang == "en"]
        _link(pieces, zh, en)


def _pair_adjacent(pieces: list[Piece], body: list[tuple[int, str | None]]) -> None:
    index = _index(pieces)
    k = 0
    while k + 1 < len(body):
        (u, a), (v, b) = body[k], body[k + 1]
        if a is not None and b is not None and a != b:
            _link(pieces, index[u], index[v])
            k += 2
        else:
            k += 1


def _pair_blocks(pieces: list[Piece], body: list[tuple[int, str | None]]) -> None:
    index = _index(pieces)
    single = [u for u, lang in body if lang is not None]
    half = len(single) // 2
    for u, v in zip(single[:half], single[half:], strict=False):
        _link(pieces, index[u], index[v])
