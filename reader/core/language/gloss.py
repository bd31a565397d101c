"""What the card shows for one word in context: entries ranked, the matched sense, the parts.

One function, `gloss_word`, gathers for a word as it stands in a sentence:
- its CC-CEDICT entries ranked by the aligned English (`senses.rank_senses`), by its reading
  in context and by its position (a classifier after a numeral), with the match;
- when no entry has the whole token (越来越近, 努力提高, 打假联盟), the dictionary words it is
  made of (`parts.split_parts`), each with its own reading in context (the token's
  syllables at those characters) and its own ranked entries: saving 努力 from inside 努力提高
  keeps nǔlì;
- the name form when it is a proper noun, and its pinyin in orthography (Mǎ Yún, Ālǐbābā).

The UI (card marking, the English pane's underline) and the CLI (`duizhao gloss --sentence
--translation`) call it; it is pure apart from the `lookup` it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.language.names import NameForm, capitals_of, cased, name_form
from reader.core.language.parts import split_parts
from reader.core.language.senses import (
    SenseMatch,
    classifier_position,
    rank_senses,
    short_meaning,
)
from reader.core.models import Entry, Reading, Token

Lookup = Callable[[str], Sequence[Entry]]


@dataclass(frozen=True, slots=True)
class Part:
    """A dictionary word inside a token; `start`/`end` are offsets into the token."""

    text: str
    start: int
    end: int
    syllables: tuple[str | None, ...]
    entries: tuple[Entry, ...]
    match: SenseMatch | None = None

    @property
    def reading(self) -> str:
        """Numbered syllables joined by spaces ("nu3 li4"), as a saved word stores them."""
        return " ".join(s for s in self.syllables if s)


@dataclass(frozen=True, slots=True)
class WordGloss:
    """A word in context: ranked entries, the sense its translation shows, its parts.

    `syllables` are the word's readings in context, a name's word starts capitalised
    ("Ma3", "Yun2"); `match.start`/`match.end` index the translation given.
    """

    word: str
    syllables: tuple[str | None, ...]
    entries: tuple[Entry, ...]
    match: SenseMatch | None = None
    parts: tuple[Part, ...] = ()
    name: NameForm | None = None
    #: One line for a handout or a word list: the matched sense, else the best entry's
    #: first senses; for a token without entry, its parts' ("努力: to make an effort; …").
    meaning: str = ""

    @property
    def best_sense(self) -> str | None:
        """The sense a one-line gloss shows: the matched one, else the first ranked."""
        if self.match is not None:
            return self.match.sense
        return next((e.senses[0] for e in self.entries if e.senses), None)

    def pinyin(self, style: str = "marks") -> str:
        """The word's pinyin in context, names in orthography ("Mǎ Yún", "yínháng")."""
        from reader.core.language.pinyin import format_reading

        token = Token(self.word, 0, len(self.word))
        return format_reading(Reading(token, self.syllables), style)  # type: ignore[arg-type]


def _reading(syllables: Sequence[str | None]) -> str | None:
    return " ".join(syllables) if syllables and all(syllables) else None  # type: ignore[arg-type]


def gloss_word(word: str, lookup: Lookup, syllables: Sequence[str | None] = (), *,
               translation: str | None = None, before: str = "", tag: str = "",
               ) -> WordGloss:
    """The card's content for `word` (simplified) standing in a sentence.

    Args:
        word: the token's analysed (simplified) text.
        lookup: CC-CEDICT lookup (`Dictionary.lookup`).
        syllables: the token's numbered syllables in context, one per character (may be
            empty before readings are known).
        translation: the aligned English sentence, when the article's alignment gives it.
        before: the Chinese text before the word in its sentence (for classifier position).
        tag: jieba's part-of-speech tag of the word ("nr", "ns" … for names), if known.
    """
    syllables = tuple(s.lower() if s else s for s in syllables)
    if syllables and len(syllables) != len(word):
        syllables = ()
    classifier = classifier_position(before)
    ranked = rank_senses(lookup(word), translation, _reading(syllables),
                         classifier=classifier)
    parts: tuple[Part, ...] = ()
    if not ranked.entries and len(word) >= 2:
        parts = word_parts(word, lookup, syllables, translation=translation, before=before)
    form = _name_form(word, syllables, ranked.entries, tag)
    shown = tuple(cased(syllables, form)) if form is not None and syllables else syllables
    if ranked.entries:
        meaning = short_meaning(ranked.entries, translation, classifier=classifier)
    elif form is not None:       # a name no dictionary has: its characters' senses mislead
        meaning = ""
    else:
        meaning = "; ".join(f"{p.text}: {p.entries[0].senses[0]}" for p in parts
                            if p.entries and p.entries[0].senses)
    return WordGloss(word, shown, ranked.entries, ranked.match, parts, form, meaning)


def word_parts(word: str, lookup: Lookup, syllables: Sequence[str | None] = (), *,
               translation: str | None = None, before: str = "") -> tuple[Part, ...]:
    """The dictionary words `word` is made of (longest first, fewest parts), each with its
    reading in context and its entries ranked; () when it is one word or unknown
    throughout (no part has an entry)."""
    spans = split_parts(word, lambda w: bool(lookup(w)))
    if len(spans) < 2:
        return ()
    out: list[Part] = []
    for a, b in spans:
        text = word[a:b]
        syl = tuple(syllables[a:b]) if syllables else ()
        ranked = rank_senses(lookup(text), translation, _reading(syl),
                             classifier=classifier_position(before + word[:a]))
        out.append(Part(text, a, b, syl, ranked.entries, ranked.match))
    if not any(p.entries for p in out):
        return ()
    return tuple(out)


def _name_form(word: str, syllables: Sequence[str | None], entries: Sequence[Entry],
               tag: str) -> NameForm | None:
    """From the first entry read as the word is read in context (its CC-CEDICT capitals),
    else from jieba's tag."""
    read = [s for s in syllables if s]
    for entry in entries:
        pinyin = entry.pinyin.lower().replace("u:", "v").split()
        if not read or pinyin == read:
            capitals = capitals_of(entry.pinyin)
            return name_form(word, tag, capitals, ordinary=not capitals)
    return name_form(word, tag)
