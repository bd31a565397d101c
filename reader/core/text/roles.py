"""Stage 3, roles: what each language run is, from its shape and from where it stands.

Shape first (`shapes.shape_role`): front matter, markup, vocabulary entries, labels, menus,
breadcrumbs, metadata lines, promotions, copyright. What is left is text, and its place
decides the rest, in an order where each rule can trust the ones before it:

1. a line mixing both languages that could not be cut cleanly, in a list or quote, is a
   note (grammar analysis, glosses); a list item or quote repeating words of the body is
   a note (a quotation of the text it comments on);
2. short lines following a vocabulary heading or entry belong to the vocabulary;
3. titles: walking back from the first paragraph of running text over metadata and
   labels, the nearest headline-shaped line of each language (both on one line, or two
   adjacent lines; a headline broken over up to three short lines is joined);
4. everything above the title and the text is page chrome, except lines carrying a date;
   short lines below the last paragraph are chrome too;
5. inside the text, a short line without a counterpart in the other language (not part of
   a verse or list of several lines) is a label;
6. a bare name next to a date line is the byline.

Each decision records a confidence and a reason, shown in the review view.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.core.text import shapes
from reader.core.text.meta import bare_name, ends_sentence, find_date, loose_key
from reader.core.text.rows import Piece, Role, Unit
from reader.core.text.runs import script_weight
from reader.core.text.script import to_simplified
from reader.core.text.sentences import split_en, split_zh

_SKIP_IN_WALK = frozenset((Role.BYLINE, Role.DATE, Role.SOURCE, Role.CREDIT, Role.META,
                           Role.PROMO, Role.MARKUP, Role.LABEL, Role.VOCAB, Role.NOTE,
                           Role.CHROME, Role.COPYRIGHT, Role.OTHER_LANGUAGE))
_WALK_MAX = 10            # units skipped at most between a title and the text
_STRONG = {"zh": 80, "en": 200}
_WEAK = {"zh": 50, "en": 120}


def _open(p: Piece) -> bool:
    """Still undecided text (the stages below may give it a role)."""
    return p.role is Role.BODY and p.why == "" and p.lang in ("zh", "en")


def title_shape(text: str, lang: str) -> str | None:
    """"strong" (no sentence end, not too long), "weak" (one or two short sentences) or
    None: how much a line reads like a headline."""
    if not text or text.rstrip()[-1:] in ":：" or len(text) > _STRONG[lang]:
        return None
    if not ends_sentence(text) and not shapes.is_prose(text, lang):
        return "strong"
    if len(text) <= _WEAK[lang]:
        splitter = split_zh if lang == "zh" else split_en
        if len(splitter(text)) <= 2:
            return "weak"
    return None


def headline_pair(opens: list[Piece]) -> bool:
    """One line holding a headline in each language: one side has no sentence end, the
    other is at most one sentence ("中文标题, English summary headline.")."""
    if len(opens) != 2 or {p.lang for p in opens} != {"zh", "en"}:
        return False
    kinds = [title_shape(p.text, p.lang) for p in opens]
    if "strong" not in kinds:
        return False
    other = opens[kinds.index("strong") - 1] if kinds.count("strong") == 1 else opens[0]
    splitter = split_zh if other.lang == "zh" else split_en
    return len(other.text) <= _STRONG[other.lang or "en"] and len(splitter(other.text)) <= 1


class _Doc:
    """Pieces grouped by unit, with the prose flags the rules share."""

    def __init__(self, units: list[Unit], pieces: list[Piece]) -> None:
        self.units = units
        self.pieces = pieces
        self.by_unit: dict[int, list[Piece]] = {}
        for p in pieces:
            self.by_unit.setdefault(p.unit, []).append(p)
        self.order = sorted(self.by_unit)
        # A line whose split is unclear counts as text: it stays for the reader to review.
        self.prose = {id(p): p.split_conf < 0.5 or shapes.is_prose(p.text, p.lang)
                      for p in pieces}

    def is_prose(self, p: Piece) -> bool:
        return self.prose[id(p)]

    def text_units(self) -> list[int]:
        """Units holding undecided prose: the article's running text (a line holding a
        headline in each language is no running text)."""
        out = []
        for u in self.order:
            opens = [p for p in self.by_unit[u] if _open(p)]
            if not any(self.is_prose(p) for p in opens):
                continue
            if headline_pair(opens):
                continue
            out.append(u)
        return out


def assign_roles(units: list[Unit], pieces: list[Piece], traditional: bool = False) -> None:
    """Give every piece a role, confidence and reason in place (module doc)."""
    _label_prefixes(pieces)
    _shapes(units, pieces, traditional)
    doc = _Doc(units, pieces)
    _mixed_notes(doc)
    _quotations(doc)
    _vocab_sections(doc)
    _names_by_dates(doc)
    body = doc.text_units()
    if not body:
        _no_prose(doc)
        return
    _verse_above(doc, body[0])
    _titles(doc, body[0])
    body = doc.text_units()
    if not body:
        _no_prose(doc)
        return
    _edges(doc, body[0], body[-1])
    _inner_labels(doc, body[0], body[-1])
    for p in pieces:
        if _open(p):
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


def _mixed_notes(doc: _Doc) -> None:
    """Short lines mixing both languages (glosses, grammar notes) and unclear mixes."""
    for u in doc.order:
        group = [p for p in doc.by_unit[u] if _open(p)]
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


def _quotations(doc: _Doc, limit: int = 300) -> None:
    """A quote, list item or fragment whose words all occur inside a longer paragraph is a
    note quoting the text (a lead repeated above the text, a phrase being explained)."""
    open_pieces = [p for p in doc.pieces if _open(p)]
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


def _vocab_sections(doc: _Doc) -> None:
    """Short lines after a vocabulary heading or entry, up to the next running text; an
    example sentence ("例句：…") and the line translating it belong to the list too."""
    active = example = False
    text = doc.text_units()
    first = text[0] if text else len(doc.units)
    for u in doc.order:
        group = doc.by_unit[u]
        for p in group:                 # a heading after the text opens a list
            if u > first and _open(p) and not doc.is_prose(p) and \
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
        opens = [p for p in group if _open(p)]
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


def _names_by_dates(doc: _Doc) -> None:
    """A bare name on the line next to a date line is the byline ("Natasha Bach" /
    "2017-08-09"); the document's first line is more likely a title than a name."""
    for k, u in enumerate(doc.order):
        if not any(p.role is Role.DATE for p in doc.by_unit[u]):
            continue
        for j in (k - 1, k + 1):
            if not 0 < j < len(doc.order):
                continue
            group = doc.by_unit[doc.order[j]]
            if len(group) == 1 and _open(group[0]) and bare_name(group[0].text):
                group[0].assign(Role.BYLINE, 0.7, "a name next to the date")
                break


def _verse_above(doc: _Doc, first: int) -> None:
    """Four or more lines of one language and one length, without blank lines between
    them, right above the first paragraph: verse opening the text, not page chrome and a
    title (a menu above a title is followed by the title, not by the text)."""
    k = doc.order.index(first)
    run: list[Piece] = []
    for u in reversed(doc.order[:k]):
        opens = [p for p in doc.by_unit[u] if _open(p)]
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


def _no_prose(doc: _Doc) -> None:
    """A poem or a word list: every line is text; the first line of a language is its
    title when it reads like one and more lines of that language follow."""
    for lang in ("zh", "en"):
        lines = [p for p in doc.pieces if _open(p) and p.lang == lang]
        if len(lines) > 1 and title_shape(lines[0].text, lang) == "strong":
            lines[0].assign(Role.TITLE, 0.6, "first line of a text without sentences")
    for p in doc.pieces:
        if _open(p):
            p.assign(Role.BODY, 0.6, "a line of verse or a list")


# -- titles -------------------------------------------------------------------------------

def _titles(doc: _Doc, first_text: int) -> None:
    found: dict[str, list[Piece]] = {}
    _walk(doc, first_text, found)
    for lang in ("zh", "en"):
        if lang in found:
            continue
        starts = [u for u in doc.order if any(_open(p) and p.lang == lang and doc.is_prose(p)
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
        if _open(p) and p.lang in titles and loose_key(p.text) == titles[p.lang]:
            p.assign(Role.CHROME, 0.8, "repeats the title")


def _title_pair_at(doc: _Doc, first: int, found: dict[str, list[Piece]]) -> None:
    """The first text line is one or two short sentences and the line next to it is a
    headline in the other language: the two are the titles ("…出错。" / "Politicians…")."""
    k = doc.order.index(first)
    opens = [p for p in doc.by_unit[first] if _open(p)]
    if len(opens) != 1 or title_shape(opens[0].text, opens[0].lang) is None:
        return
    p = opens[0]
    for j in (k + 1, k - 1):
        if not 0 <= j < len(doc.order):
            continue
        other = [q for q in doc.by_unit[doc.order[j]] if _open(q)]
        if len(other) == 1 and other[0].lang not in (None, p.lang):
            shapes_ = {title_shape(p.text, p.lang), title_shape(other[0].text, other[0].lang)}
            if None not in shapes_ and "strong" in shapes_:
                found[p.lang or "zh"] = [p]
                found[other[0].lang or "en"] = [other[0]]
                return


def _walk(doc: _Doc, start: int, found: dict[str, list[Piece]],
          only: str | None = None) -> None:
    """Collect titles walking back from unit `start` (see the module doc, rule 3)."""
    skipped = complete = 0
    anchor: int | None = None            # the unit of the first title found
    for u in reversed([u for u in doc.order if u < start]):
        group = doc.by_unit[u]
        opens = [p for p in group if _open(p)]
        if not headline_pair(opens) and any(doc.is_prose(p) and title_shape(p.text, p.lang)
                                            is None for p in opens):
            return                       # running text: titles stand above it
        for p in opens:
            if find_date(p.text):           # "在…的演讲;伦敦,2009年12月10日": a dateline
                p.assign(Role.DATE, 0.7, "a line above the text with a date")
        opens = [p for p in opens if _open(p)]
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


def _joins(doc: _Doc, p: Piece, parts: list[Piece]) -> bool:
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
                                  and (q.role is Role.LABEL or _open(q)) for q in above)


def _deck_below(doc: _Doc, p: Piece, found: dict[str, list[Piece]]) -> bool:
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


def _weak_titles(doc: _Doc, found: dict[str, list[Piece]], first_text: int) -> None:
    """A first paragraph that is one or two short sentences is the title when the other
    language has one and leaving it out evens the two sides' paragraph counts."""
    taken = {id(p) for parts in found.values() for p in parts}
    counts = Counter(p.lang for p in doc.pieces if _open(p) and p.lang in ("zh", "en")
                     and id(p) not in taken and p.unit >= first_text)
    for lang, other in (("zh", "en"), ("en", "zh")):
        if lang in found or other not in found or counts[lang] < 2:
            continue
        first = next(p for p in doc.pieces if _open(p) and p.lang == lang
                     and id(p) not in taken and p.unit >= first_text)
        if title_shape(first.text, lang) != "weak":
            continue
        before = abs(counts[lang] - counts[other])
        after = abs(counts[lang] - 1 - counts[other])
        if after < before and after <= max(1, counts[other] // 10):
            found[lang] = [first]


# -- zones --------------------------------------------------------------------------------

def _edges(doc: _Doc, first: int, last: int) -> None:
    """Above the text: chrome, unless it carries a date (or is a name beside one). Below
    it: short lines are chrome."""
    dates = {u for u in doc.order if any(p.role is Role.DATE for p in doc.by_unit[u])}
    top = [u for u in doc.order if u < first]
    for k, u in enumerate(top):
        for p in doc.by_unit[u]:
            if not _open(p):
                continue
            if find_date(p.text):
                p.assign(Role.DATE, 0.7, "a line above the text with a date")
                dates.add(u)
            elif bare_name(p.text) and k > 0 and ({u - 1, u + 1} & dates):
                p.assign(Role.BYLINE, 0.7, "a name next to the date")
            else:
                p.assign(Role.CHROME, 0.6, "above the title and the text")
    for u in doc.order:
        if u <= last:
            continue
        for p in doc.by_unit[u]:
            if _open(p) and not doc.is_prose(p) and (
                    shapes.han_count(p.text) <= 12 and shapes.word_count(p.text) <= 6):
                p.assign(Role.CHROME, 0.6, "a short line below the text")
    for u in sorted(dates):        # a name line right below a date line at the top
        for p in doc.by_unit.get(u + 1, []):
            if _open(p) and bare_name(p.text) and u + 1 < first:
                p.assign(Role.BYLINE, 0.7, "a name next to the date")


def _inner_labels(doc: _Doc, first: int, last: int) -> None:
    """Short unpaired lines between paragraphs are labels (rule 5 of the module doc)."""
    inner = [u for u in doc.order if first <= u <= last]
    short: list[int] = []
    for u in inner:
        opens = [p for p in doc.by_unit[u] if _open(p)]
        if len(opens) == 1 and not doc.is_prose(opens[0]) and shapes.is_short(
                opens[0].text, opens[0].lang) | _headingish(doc, opens[0]):
            short.append(u)
    runs: list[list[int]] = []
    for u in short:
        if runs and inner.index(u) - inner.index(runs[-1][-1]) == 1 and \
                doc.by_unit[u][0].lang == doc.by_unit[runs[-1][-1]][0].lang:
            runs[-1].append(u)
        else:
            runs.append([u])
    short_set = set(short)
    for run in runs:
        if len(run) >= 3:
            continue                         # verse or a list of several lines
        for u in run:
            p = next(p for p in doc.by_unit[u] if _open(p))
            k = inner.index(u)
            near = [inner[j] for j in (k - 1, k + 1) if 0 <= j < len(inner)]
            paired = any(v in short_set and any(_open(q) and q.lang != p.lang
                                                for q in doc.by_unit[v]) for v in near)
            if not paired:
                p.assign(Role.LABEL, 0.6, "a short line without translation between paragraphs")


def _headingish(doc: _Doc, p: Piece) -> bool:
    return doc.units[p.unit].kind == "heading" and not ends_sentence(p.text)


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
