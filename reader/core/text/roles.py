"""Stage 3, roles: what each language run is, from its shape and from where it stands.

Shape first (`shapes.shape_role`): front matter, markup, vocabulary entries, labels, menus,
breadcrumbs, metadata lines, promotions, copyright. What is left is text, and its place
decides the rest, in an order where each rule can trust the ones before it:

1. a line mixing both languages that could not be cut cleanly, in a list or quote, is a
   note (grammar analysis, glosses); a list item or quote repeating words of the body is
   a note (a quotation of the text it comments on);
2. short lines following a vocabulary heading or entry belong to the vocabulary;
3. titles (`titles.find_titles`): the nearest headline-shaped line of each language above
   the first paragraph of running text, over metadata and labels;
4. everything above the title and the text is page chrome, except lines carrying a date;
   short lines below the last paragraph are chrome too;
5. inside the text, a short line without a counterpart in the other language (not part of
   a verse or list of several lines) is a label;
6. a bare name next to a date line is the byline.

Each decision records a confidence and a reason, shown in the review view.
"""

from __future__ import annotations

from collections import Counter

from reader.core.text import shapes
from reader.core.text.doc import Doc, is_open, title_shape
from reader.core.text.meta import bare_name, ends_sentence, find_date, loose_key
from reader.core.text.rows import Piece, Role, Unit
from reader.core.text.runs import script_weight
from reader.core.text.script import to_simplified
from reader.core.text.sentences import split_en, split_zh
from reader.core.text.titles import clean_title, find_titles

__all__ = ["assign_roles", "clean_title", "title_shape"]


def assign_roles(units: list[Unit], pieces: list[Piece], traditional: bool = False) -> None:
    """Give every piece a role, confidence and reason in place (module doc)."""
    _label_prefixes(pieces)
    _shapes(units, pieces, traditional)
    doc = Doc(units, pieces)
    _mixed_notes(doc)
    _quotations(doc)
    _vocab_sections(doc)
    _names_by_dates(doc)
    body = doc.text_units()
    if not body:
        _no_prose(doc)
        return
    _verse_above(doc, body[0])
    find_titles(doc, body[0])
    body = doc.text_units()
    if not body:
        _no_prose(doc)
        return
    _edges(doc, body[0], body[-1])
    _inner_labels(doc, body[0], body[-1])
    for p in pieces:
        if is_open(p):
            p.assign(Role.BODY, min(0.9, p.split_conf), "running text")


def _label_prefixes(pieces: list[Piece]) -> None:
    """"TEXT:In North Korea…" → the text, with the label kept aside."""
    for p in pieces:
        cut = shapes.label_prefix(p.text)
        if cut:
            p.extra["label"] = p.text[:cut].strip()
            p.text = p.text[cut:].strip()
            p.start += cut


def _shapes(units: list[Unit], pieces: list[Piece], traditional: bool) -> None:
    by_unit: dict[int, list[Piece]] = {}
    for p in pieces:
        by_unit.setdefault(p.unit, []).append(p)
    for u, group in by_unit.items():
        unit = units[u]
        whole = unit.text.strip()
        probe = to_simplified(whole) if traditional and len(whole) <= 400 else whole
        lang = group[0].lang if len(group) == 1 else "zh"
        if unit.kind in ("front", "rule", "cue", "code") or unit.container:
            found = shapes.shape_role(probe, unit, group[0].lang)
            if found:
                for p in group:
                    p.assign(*found)
            continue
        found = shapes.shape_role(probe, unit, lang) if len(group) > 1 else None
        if found and found[0] in (Role.PROMO, Role.COPYRIGHT, Role.CREDIT, Role.CHROME,
                                  Role.VOCAB, Role.SOURCE, Role.NOTE, Role.CAPTION):
            for p in group:
                p.assign(*found)
            continue
        for p in group:
            text = p.text
            piece_probe = to_simplified(text) if traditional and len(text) <= 400 else text
            if found := shapes.shape_role(piece_probe, unit, p.lang):
                p.assign(*found)


def _mixed_notes(doc: Doc) -> None:
    """Short lines mixing both languages (glosses, grammar notes) and unclear mixes."""
    for u in doc.order:
        group = [p for p in doc.by_unit[u] if is_open(p)]
        if not group:
            continue
        unit = doc.units[u]
        han, latin = script_weight(unit.text)
        mixed = han >= 2 and latin >= 3 and min(han * 3, latin) >= 0.15 * (han * 3 + latin)
        unclear = any(p.split_conf < 0.5 for p in group)
        short = len(unit.text) <= 160
        listed = unit.kind in ("item", "quote", "table")
        arrows = "→" in unit.text or "=" in unit.text
        prose = len(group) > 1 and all(doc.is_prose(p) for p in group)
        if short and (listed or arrows) and ((mixed and not prose) or unclear):
            for p in group:
                p.assign(Role.NOTE, 0.7, "mixes both languages in a short line")
        elif listed and all(not doc.is_prose(p) and _fragment(p) for p in group):
            for p in group:
                p.assign(Role.NOTE, 0.6, "a list fragment, not a sentence")


def _fragment(p: Piece) -> bool:
    """A phrase rather than a sentence or headline: English that starts in lower case."""
    return p.lang == "en" and p.text[:1].islower()


def _quotations(doc: Doc, limit: int = 300) -> None:
    """A quote, list item or fragment whose words all occur inside a longer paragraph is a
    note quoting the text (a lead repeated above the text, a phrase being explained)."""
    open_pieces = [p for p in doc.pieces if is_open(p)]
    prose_keys = [loose_key(p.text) for p in open_pieces if doc.is_prose(p)]
    exact = Counter(prose_keys)
    joined = "\x00".join(prose_keys)
    checked = 0
    for p in open_pieces:
        unit = doc.units[p.unit]
        if not (unit.kind in ("quote", "item") or _fragment(p)):
            continue
        key = loose_key(p.text)
        if len(key) < 6 or len(key) > 400:
            continue
        checked += 1
        if checked > limit:
            break
        if joined.count(key) > exact[key]:
            p.assign(Role.NOTE, 0.7, "repeats words of a longer paragraph")


def _vocab_sections(doc: Doc) -> None:
    """Short lines after a vocabulary heading or entry, up to the next running text; an
    example sentence ("例句：…") and the line translating it belong to the list too."""
    active = example = False
    text = doc.text_units()
    first = text[0] if text else len(doc.units)
    for u in doc.order:
        group = doc.by_unit[u]
        for p in group:                 # a heading after the text opens a list
            if u > first and is_open(p) and not doc.is_prose(p) and \
                    shapes.vocab_header(p.text) and shapes.is_short(p.text, p.lang):
                p.assign(Role.LABEL, 0.7, "heads a vocabulary list")
        if any(p.role is Role.VOCAB or (p.role is Role.LABEL and shapes.vocab_header(p.text))
               for p in group):
            active, example = True, False
            continue
        if doc.units[u].kind in ("heading", "rule"):
            active = False
            continue
        if not active:
            continue
        if any(p.role is Role.NOTE and p.why == "commentary under its label" for p in group):
            example = True
            continue
        opens = [p for p in group if is_open(p)]
        if example and opens and all(_one_sentence(p) for p in opens):
            for p in opens:
                p.assign(Role.VOCAB, 0.6, "translates an example in a vocabulary list")
            example = False
            continue
        example = False
        if any(doc.is_prose(p) for p in opens):
            active = False
            continue
        for p in opens:
            if shapes.han_count(p.text) <= 20 and shapes.word_count(p.text) <= 8:
                p.assign(Role.VOCAB, 0.7, "in a vocabulary list")


def _one_sentence(p: Piece) -> bool:
    splitter = split_zh if p.lang == "zh" else split_en
    return len(splitter(p.text)) <= 1


def _names_by_dates(doc: Doc) -> None:
    """A bare name on the line next to a date line is the byline ("Natasha Bach" /
    "2017-08-09"); the document's first line is more likely a title than a name."""
    for k, u in enumerate(doc.order):
        if not any(p.role is Role.DATE for p in doc.by_unit[u]):
            continue
        for j in (k - 1, k + 1):
            if not 0 < j < len(doc.order):
                continue
            group = doc.by_unit[doc.order[j]]
            if len(group) == 1 and is_open(group[0]) and bare_name(group[0].text):
                group[0].assign(Role.BYLINE, 0.7, "a name next to the date")
                break


def _verse_above(doc: Doc, first: int) -> None:
    """Four or more lines of one language and one length, without blank lines between
    them, right above the first paragraph: verse opening the text, not page chrome and a
    title (a menu above a title is followed by the title, not by the text)."""
    k = doc.order.index(first)
    run: list[Piece] = []
    for u in reversed(doc.order[:k]):
        opens = [p for p in doc.by_unit[u] if is_open(p)]
        if len(opens) != 1 or len(doc.by_unit[u]) != 1 or doc.is_prose(opens[0]) or (
                run and opens[0].lang != run[0].lang) or not shapes.is_short(
                    opens[0].text, opens[0].lang) or (run and (
                        run[-1].unit - u > 1 or doc.units[run[-1].unit].gap)):
            break
        run.append(opens[0])
    sizes = {len(p.text) for p in run}
    if len(run) >= 4 and max(sizes) - min(sizes) <= 1:
        for p in run:
            p.assign(Role.BODY, 0.6, "a line of verse or a list")


def _no_prose(doc: Doc) -> None:
    """A poem or a word list: every line is text; the first line of a language is its
    title when it reads like one and more lines of that language follow."""
    for lang in ("zh", "en"):
        lines = [p for p in doc.pieces if is_open(p) and p.lang == lang]
        if len(lines) > 1 and title_shape(lines[0].text, lang) == "strong":
            lines[0].assign(Role.TITLE, 0.6, "first line of a text without sentences")
    for p in doc.pieces:
        if is_open(p):
            p.assign(Role.BODY, 0.6, "a line of verse or a list")


# -- zones --------------------------------------------------------------------------------

def _edges(doc: Doc, first: int, last: int) -> None:
    """Above the text: chrome, unless it carries a date (or is a name beside one). Below
    it: short lines are chrome."""
    dates = {u for u in doc.order if any(p.role is Role.DATE for p in doc.by_unit[u])}
    top = [u for u in doc.order if u < first]
    for k, u in enumerate(top):
        for p in doc.by_unit[u]:
            if not is_open(p):
                continue
            if find_date(p.text):
                p.assign(Role.DATE, 0.7, "a line above the text with a date")
                dates.add(u)
            elif bare_name(p.text) and k > 0 and ({u - 1, u + 1} & dates):
                p.assign(Role.BYLINE, 0.7, "a name next to the date")
            else:
                p.assign(Role.CHROME, 0.6, "above the title and the text")
    below = [u for u in doc.order if u > last]
    for k, u in enumerate(below):
        for p in doc.by_unit[u]:
            if not is_open(p) or doc.is_prose(p):
                continue
            short = shapes.han_count(p.text) <= 12 and shapes.word_count(p.text) <= 6
            # links to other articles: headline-sized, with no translation next to them
            near = [q for j in (k - 1, k + 1) if 0 <= j < len(below)
                    for q in doc.by_unit[below[j]] if is_open(q) and q.lang != p.lang]
            headline = shapes.han_count(p.text) <= 40 and shapes.word_count(p.text) <= 20
            if short or (headline and not near):
                p.assign(Role.CHROME, 0.6, "a short line below the text" if short else
                         "a headline below the text (a link to another page)")
    for u in sorted(dates):        # a name line right below a date line at the top
        for p in doc.by_unit.get(u + 1, []):
            if is_open(p) and bare_name(p.text) and u + 1 < first:
                p.assign(Role.BYLINE, 0.7, "a name next to the date")


def _inner_labels(doc: Doc, first: int, last: int) -> None:
    """Short unpaired lines between paragraphs are labels (rule 5 of the module doc). When
    each language has as many such lines, in a layout of blocks, they translate each other
    (section headings, a short closing line) and stay text."""
    inner = [u for u in doc.order if first <= u <= last]
    at = {u: k for k, u in enumerate(inner)}
    short: list[int] = []
    for u in inner:
        opens = [p for p in doc.by_unit[u] if is_open(p)]
        if len(opens) == 1 and not doc.is_prose(opens[0]) and shapes.is_short(
                opens[0].text, opens[0].lang) | _headingish(doc, opens[0]):
            short.append(u)
    runs: list[list[int]] = []
    for u in short:
        if runs and at[u] - at[runs[-1][-1]] == 1 and \
                doc.by_unit[u][0].lang == doc.by_unit[runs[-1][-1]][0].lang:
            runs[-1].append(u)
        else:
            runs.append([u])
    short_set = set(short)
    lonely: list[Piece] = []
    for run in runs:
        if len(run) >= 3:
            continue                         # verse or a list of several lines
        for u in run:
            p = next(p for p in doc.by_unit[u] if is_open(p))
            k = at[u]
            near = [inner[j] for j in (k - 1, k + 1) if 0 <= j < len(inner)]
            paired = any(v in short_set and any(is_open(q) and q.lang != p.lang
                                                for q in doc.by_unit[v]) for v in near)
            if not paired:
                lonely.append(p)
    zh = [p for p in lonely if p.lang == "zh"]
    en = [p for p in lonely if p.lang == "en"]
    if zh and len(zh) == len(en) and _blocks(doc, inner):
        return                               # one each side, in order: translations
    for p in lonely:
        p.assign(Role.LABEL, 0.6, "a short line without translation between paragraphs")


def _blocks(doc: Doc, inner: list[int]) -> bool:
    """The text is laid out in blocks of one language (few switches between languages)."""
    langs = [p.lang for u in inner for p in doc.by_unit[u] if is_open(p)]
    switches = sum(1 for a, b in zip(langs, langs[1:], strict=False) if a != b)
    return 0 < switches <= max(1, len(langs) // 4)


def _headingish(doc: Doc, p: Piece) -> bool:
    return doc.units[p.unit].kind == "heading" and not ends_sentence(p.text)


