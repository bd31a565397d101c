"""Senses chosen by the translation: rank a word's CC-CEDICT entries by its aligned English.

A reader hovering 打 in a sentence whose English says "she plays basketball" wants "to play
(a game)" first, not "to hit"; a handout glossing 三星 in an article about Samsung wants the
company, not "three major stars". When the sentence's translation is known, the senses whose
English words occur in it are the ones meant.

How a sense is matched:
- the English sentence is cut into words with their code-point offsets, and each word
  stands for its lemmas too (went → go, children → child, prices → price), from
  `lemminflect` (MIT, a small lexicon-based English lemmatiser shipped as a wheel);
- a CC-CEDICT sense is cut into its alternatives at ";" and "," ("big; large; great"), with
  notes in parentheses and Chinese cross-references dropped, and function words ("to", "sb",
  "the", "classifier for") left out; an alternative matches when all its content words
  occur among the sentence's lemmas (half of them, at least two, for a long description);
- a match is worth more for longer and rarer words (a match on "go" or "make" alone counts
  little), and more when it is the whole alternative;
- capitalised English favours proper-noun entries (CC-CEDICT writes their pinyin with a
  capital): "Alibaba" in the English puts 阿里巴巴 the company first; a proper-noun entry
  matched only by a lower-case word, or an ordinary one matched by a name, counts less;
- with no match, senses that name someone or something the translation does not mention
  ("Pope Vigilius", a township) go after the others, so a handout does not print them.

`rank_senses` returns the entries reordered (the matched entry first, its matched sense
first) and the match: which entry and sense, the English words, their span. Pure; the
lemmatiser loads on first use (~0.15 s).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from reader.core.models import Entry
from reader.core.text.han import HAN_CLASS


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_PAREN = re.compile(r"\([^)]*\)")
_CJK_REF = re.compile(rf"\S*[{HAN_CLASS}]\S*|\[[^\]]*\]")
#: Words of a CC-CEDICT gloss that say nothing about the sense in English text.
_STOP = _words(
    "aka to a an the of sb sth one one's oneself sb's sth's etc esp e.g. i.e. and or in on at "
    "for with by from as be is are was into onto up out off about over also used "
    "classifier measure word abbr abbreviation variant see old archaic literary lit fig "
    "figurative colloquial dialect usually often sometimes something someone somebody "
    "certain kind sort particle indicating expressing marker suffix prefix")
#: Lemmas that occur in most English sentences: a match on them alone is weak evidence.
_GENERIC = _words(
    "go come get make do have take give put be say see know want use become let keep "
    "thing person people way time place part day man woman make well good bad big small "
    "new old high low long")
#: Capitalised adjectives of nationality and language, not names of someone.
_NOT_NAMES = _words(
    "Chinese English Russian Japanese Korean French German American British Indian "
    "Buddhist Taoist Confucian Christian Islamic Muslim Western European African Asian "
    "Mongolian Tibetan Manchu Cantonese Mandarin PRC Taiwan Hong Kong Beijing")
MIN_SCORE = 0.5
_CLASSIFIER = re.compile(r"^\s*(?:classifier|measure word) for\s+")
#: Bonus of a classifier sense when the word follows a numeral or a demonstrative (三本书):
#: there the word is a classifier, so a matching classifier sense beats any other match.
CLASSIFIER_BONUS = 3.0
#: Share of a parenthetical match added to its sense's main match.
PAREN_JOIN = 0.5
#: Weight of a match inside a sense's parentheses (what the sense applies to).
PAREN_WEIGHT = 0.7
#: Bonus when the English word is the gloss's own form, not only its lemma (meeting the
#: noun, not meet the verb).
SAME_FORM = 0.2


@dataclass(frozen=True, slots=True)
class SenseMatch:
    """Where a word's translation shows which sense is meant.

    `entry` indexes the entries as given to `rank_senses`; `sense` is that entry's sense
    text; `words` the English words matched; `start`/`end` code-point offsets into the
    English sentence (`en` is that slice).
    """

    entry: int
    sense_index: int
    sense: str
    en: str
    start: int
    end: int
    words: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class RankedSenses:
    """Entries best first (the matched one first, its matched sense first) and the match."""

    entries: tuple[Entry, ...]
    match: SenseMatch | None = None

    @property
    def best_sense(self) -> str | None:
        """The sense a one-line gloss should show: the matched one, else the first."""
        if self.match is not None:
            return self.match.sense
        for entry in self.entries:
            if entry.senses:
                return entry.senses[0]
        return None


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int
    lemmas: frozenset[str]
    capital: bool           # capitalised and not the sentence's first word


@lru_cache(maxsize=8192)
def _unknown_english(word: str) -> bool:
    from lemminflect import getAllLemmas

    return not getAllLemmas(word.lower())


@lru_cache(maxsize=32768)
def lemmas(word: str) -> frozenset[str]:
    """Lower-case lemmas of an English word, itself included (went → {went, go})."""
    from lemminflect import getAllLemmas

    out = {word.lower()}
    for form in {word, word.lower()}:
        for found in getAllLemmas(form).values():
            out.update(x.lower() for x in found)
    return frozenset(out)


def warm_up() -> None:
    """Load the lemmatiser's tables now (~0.2 s, ~40 MB): call it in the core's loading
    thread, so the first hover with a translation does not pay for it."""
    lemmas("went")


def english_tokens(text: str) -> list[_Token]:
    """The English words of `text` with code-point offsets and lemmas."""
    out: list[_Token] = []
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group().replace("’", "'")
        if word.lower().endswith("'s"):                     # Ma's → Ma (same offsets)
            word = word[:-2]
        # A name: capitalised inside the sentence, or first but no English word.
        capital = word[:1].isupper() and (i > 0 or _unknown_english(word))
        out.append(_Token(word, m.start(), m.start() + len(word), lemmas(word), capital))
    return out


@lru_cache(maxsize=65536)
def _alternatives(sense: str) -> tuple[tuple[tuple[str, ...], bool, float], ...]:
    """A sense's alternatives as (content words, names something, weight) triples.

    The text in parentheses gives alternatives of its own at a lower weight: it names what
    the sense applies to (classifier for long thin things (ribbon, river, road …), line
    (bus etc), mister (Mr.)), which the English often says instead of the gloss.
    """
    notes = [_CJK_REF.sub(" ", m.group()[1:-1]) for m in _PAREN.finditer(sense)]
    text = _CJK_REF.sub(" ", _PAREN.sub(" ", sense))
    out = []
    for piece, weight in [(text, 1.0), *((n, PAREN_WEIGHT) for n in notes)]:
        alts = re.split(r"[;,]", piece)
        if _CLASSIFIER.match(piece):
            # "classifier for birds and certain animals, one of a pair": each item counts.
            alts = [x for a in alts for x in re.split(r"\band\b|\bor\b",
                                                      _CLASSIFIER.sub("", a))]
        for alt in alts:
            words = re.findall(r"[A-Za-z0-9]+(?:'[a-z]+)?", alt)
            content = tuple(w for w in words if w.lower() not in _STOP)
            if content:
                out.append((content, _names_something(words) and weight == 1.0, weight))
            if weight == 1.0 and _light_verb_phrase(content):
                out.append(((content[-1],), False, weight))
    return tuple(out)


#: Verbs that carry little meaning before a noun naming the action ("make a call").
_LIGHT_VERBS = _words("make take have give pay do")


def _light_verb_phrase(content: Sequence[str]) -> bool:
    """A light verb and a noun that is itself the verb English often says instead: "to make
    a telephone call" is "called", "to take a walk" "walked", "to pay a visit" "visited"."""
    if len(content) < 2 or content[0].lower() not in _LIGHT_VERBS:
        return False
    from lemminflect import getAllLemmas

    return "VERB" in getAllLemmas(content[-1].lower())


def _names_something(words: Sequence[str]) -> bool:
    return bool(words) and words[0][:1].isupper() and words[0] not in _NOT_NAMES


def _weight(word: str) -> float:
    low = word.lower()
    if low in _GENERIC:
        return 0.6
    return 1.0 + min(len(low), 10) / 10


def _match_alternative(content: Sequence[str], tokens: Sequence[_Token],
                       ) -> tuple[float, list[_Token]] | None:
    found: list[tuple[str, list[_Token]]] = []
    same = 0
    for word in content:
        want = lemmas(word)
        hits = [t for t in tokens if t.lemmas & want]
        if hits:
            found.append((word, hits))
            same += any(t.text.lower() == word.lower() for t in hits)
    need = len(content) if len(content) <= 3 else max(2, (len(content) + 1) // 2)
    if len(found) < need:
        return None
    chosen = _closest([hits for _w, hits in found])
    whole = len(found) == len(content)
    score = sum(_weight(w) for w, _h in found) * (1.0 if whole else 0.6)
    if whole and len(content) > 1:
        score += 0.5
    return score + SAME_FORM * same, chosen


def _closest(groups: list[list[_Token]]) -> list[_Token]:
    """One token per group, as close together as the first group's choices allow."""
    best: list[_Token] = []
    best_width = None
    for anchor in groups[0]:
        pick = [anchor] + [min(g, key=lambda t, a=anchor: abs(t.start - a.start))
                           for g in groups[1:]]
        width = max(t.end for t in pick) - min(t.start for t in pick)
        if best_width is None or width < best_width:
            best, best_width = pick, width
    return best


def _span(chosen: Sequence[_Token], text: str) -> tuple[int, int]:
    chosen = sorted(chosen, key=lambda t: t.start)
    start, end = chosen[0].start, chosen[-1].end
    if len(text[start:end].split()) > 6:          # far apart: the longest word alone
        word = max(chosen, key=lambda t: len(t.text))
        start, end = word.start, word.end
    return start, end


def _is_proper(entry: Entry) -> bool:
    return entry.pinyin[:1].isupper()


def rank_senses(entries: Sequence[Entry], translation: str | None,
                reading: str | None = None, *, classifier: bool = False) -> RankedSenses:
    """`entries` ranked by the English sentence `translation` (None or "": unchanged).

    Args:
        entries: the word's CC-CEDICT entries, in the dictionary's order.
        translation: the aligned English sentence.
        reading: the word's numbered syllables in context ("hang2"): entries read so come
            first, and win a tie.
        classifier: the word follows a numeral or a demonstrative (三本书, 这张): its
            classifier senses are preferred (`classifier_position` tells).
    Returns:
        The entries with the matched entry first and, inside it, the matched sense first;
        with no match, classifier senses first when `classifier`, and senses naming things
        the translation does not mention (and entries made only of them) last. `match` is
        None when nothing matched; its `entry` indexes `entries` as given.
    """
    given = tuple(entries)
    order = list(range(len(given)))
    if reading:
        want = reading.lower().replace("u:", "v").split()
        order.sort(key=lambda i: given[i].pinyin.lower().replace("u:", "v").split() != want)
    entries = tuple(given[i] for i in order)
    if not entries:
        return RankedSenses(entries)
    if not translation or not translation.strip():
        return RankedSenses(_classifiers_first(entries) if classifier else entries)
    tokens = english_tokens(translation)
    mentioned = {t.text.lower() for t in tokens}
    best: tuple[float, int, int, list[_Token]] | None = None
    for e, entry in enumerate(entries):
        for s, sense in enumerate(entry.senses):
            found = _score_sense(sense, tokens, _is_proper(entry))
            if found is None:
                continue
            score, chosen = found
            if classifier and _CLASSIFIER.match(sense):
                score += CLASSIFIER_BONUS
            if score >= MIN_SCORE and (best is None or score > best[0]):
                best = (score, e, s, chosen)
    if best is None:
        ranked = _demote_unmentioned(entries, mentioned)
        return RankedSenses(_classifiers_first(ranked) if classifier else ranked)
    score, e, s, chosen = best
    start, end = _span(chosen, translation)
    entry = entries[e]
    match = SenseMatch(order[e], s, entry.senses[s], translation[start:end], start, end,
                       tuple(t.text for t in sorted(chosen, key=lambda t: t.start)),
                       round(score, 3))
    senses = (entry.senses[s], *entry.senses[:s], *entry.senses[s + 1:])
    ordered = (replace(entry, senses=senses), *entries[:e], *entries[e + 1:])
    return RankedSenses(ordered, match)


def short_meaning(entries: Sequence[Entry], translation: str | None,
                  reading: str | None = None, *, classifier: bool = False) -> str:
    """The one-line meaning a handout or a vocabulary list prints for a word in a sentence:
    the sense its translation shows, else the first two senses of the best entry (senses
    naming what the translation does not mention left out: no "Pope Vigilius" for the
    维奇 of a brand name)."""
    ranked = rank_senses(entries, translation, reading, classifier=classifier)
    if ranked.match is not None:
        return ranked.match.sense
    if not ranked.entries:
        return ""
    senses = ranked.entries[0].senses[:2]
    if translation:
        mentioned = {t.text.lower() for t in english_tokens(translation)}
        senses = tuple(x for x in senses if not _names_absent(x, mentioned)) or senses[:1]
    return "; ".join(senses)


def _score_sense(sense: str, tokens: Sequence[_Token], proper: bool,
                 ) -> tuple[float, list[_Token]] | None:
    """The best alternative's score and English tokens; a matching note in parentheses adds
    a share of its score (开 "to write out (a prescription …)" in "wrote out a prescription")
    but not its words: the span is what translates the word."""
    main: tuple[float, list[_Token]] | None = None
    note: tuple[float, list[_Token]] | None = None
    for content, _naming, weight in _alternatives(sense):
        found = _match_alternative(content, tokens)
        if found is None:
            continue
        score, chosen = found
        score *= weight
        named = all(t.capital for t in chosen)
        if proper and named:
            score += 1.0
        elif proper:
            score -= 0.5
        elif named:
            score -= 0.3
        if weight == 1.0:
            if main is None or score > main[0]:
                main = (score, chosen)
        elif note is None or score > note[0]:
            note = (score, chosen)
    if main is None or note is None:
        return main or note
    return main[0] + PAREN_JOIN * note[0], main[1]


def classifier_position(before: str) -> bool:
    """Whether a word after the Chinese text `before` stands where a classifier does:
    after a numeral or a demonstrative (三本, 这张, 每只, 几口)."""
    return bool(before) and before[-1] in _COUNTING


_COUNTING = frozenset("一二三四五六七八九十百千万两几这那每哪某各半整0123456789")


def _classifiers_first(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Classifier senses first inside each entry, entries having one first (stable)."""
    out = []
    for entry in entries:
        first = [x for x in entry.senses if _CLASSIFIER.match(x)]
        rest = [x for x in entry.senses if not _CLASSIFIER.match(x)]
        out.append(replace(entry, senses=(*first, *rest)) if first else entry)
    return tuple(sorted(out, key=lambda e: not any(_CLASSIFIER.match(x) for x in e.senses)))


def _demote_unmentioned(entries: tuple[Entry, ...], mentioned: set[str]) -> tuple[Entry, ...]:
    """Senses that name something absent from the translation after the others; entries
    left with only such senses after the rest (order otherwise kept)."""
    def absent(sense: str) -> bool:
        return _names_absent(sense, mentioned)

    keep, late = [], []
    for entry in entries:
        good = [x for x in entry.senses if not absent(x)]
        bad = [x for x in entry.senses if absent(x)]
        changed = replace(entry, senses=(*good, *bad)) if good and bad else entry
        (keep if good or not entry.senses else late).append(changed)
    return (*keep, *late)


def _names_absent(sense: str, mentioned: set[str]) -> bool:
    """Whether every alternative of `sense` names someone or something (Pope Vigilius) not
    mentioned in the translation's words."""
    main = [(c, n) for c, n, weight in _alternatives(sense) if weight == 1.0]
    return bool(main) and all(naming and not any(w.lower() in mentioned for w in content)
                              for content, naming in main)
