"""The data of a gloss card: a word as read in its article, with everything the card shows.

A card holds the word as shown and as looked up (a traditional-script article is analysed
through a simplified copy), its reading in context (numbered syllables, each marked unsure
when the reading model was not confident), every CC-CEDICT entry, its HSK level and, for a
word of two or more characters, each character with its syllable and the senses of the
entry that matches that syllable. Given the aligned English sentence, the entries are
ranked by it (`reader.core.language.gloss.gloss_word`): the sense it shows comes first and is
the card's `match` (with its offsets into that English, which the window underlines); a long
token no entry has shows its `parts`; a name's syllables are cased ("Ma3", "Yun2") so it is
written Mǎ Yún. Syllables stay numbered (`"hang2"`): how they are shown (tone marks, numbers,
zhuyin) is the viewer's choice. Qt-free; `reader.ui.gloss` paints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from reader.core.models import UNSURE_READING, Entry, Reading

if TYPE_CHECKING:
    from reader.core.language.analysis import ArticleAnalysis
    from reader.core.language.gloss import Part
    from reader.core.language.senses import SenseMatch


@dataclass(frozen=True)
class CardSyllable:
    """One syllable of a card: numbered pinyin (`"hang2"`), "" when unknown."""

    pinyin: str
    unsure: bool = False


@dataclass(frozen=True)
class CharCard:
    """One character of a longer word, with its syllable in the word and its own senses."""

    char: str
    syllable: CardSyllable | None
    senses: tuple[str, ...]


@dataclass(frozen=True)
class Card:
    """Everything a gloss card shows about one word in context."""

    word: str                   # as shown in the article
    simplified: str             # as analysed and looked up
    traditional: str
    syllables: tuple[CardSyllable, ...]
    entries: tuple[Entry, ...]
    hsk: int | None = None
    chars: tuple[CharCard, ...] = field(default=())
    #: The sense the aligned English shows: `entries[0]` holds it (offsets index the
    #: translation the card was built with); None without a translation or a match.
    match: SenseMatch | None = None
    #: The dictionary words of a token no entry has (越来越近), each with its reading.
    parts: tuple[Part, ...] = ()

    @property
    def matched_sense(self) -> tuple[int, int] | None:
        """(entry, sense) indexes into `entries` of the matched sense, if any."""
        if self.match is None:
            return None
        for i, entry in enumerate(self.entries):
            if self.match.sense in entry.senses:
                return i, entry.senses.index(self.match.sense)
        return None


class CardSources(Protocol):
    """The dictionary calls a card needs (the window's `CoreServices` answers them)."""

    def lookup(self, word: str) -> list[Entry]: ...

    def char_breakdown(self, word: str) -> list[tuple[str, list[Entry]]]: ...

    def hsk(self, word: str) -> int | None: ...


def word_card(analysis: ArticleAnalysis, block: int, index: int,
              sources: CardSources, *, translation: str | None = None,
              sentence_start: int = 0) -> Card:
    """The card of token `index` of paragraph `block`, with its reading in context.

    The paragraph must be analysed already (`analysis.get(block)` is not None); its
    sentence is read now if it was not yet. `translation` is the English aligned with the
    word's sentence, which starts at code point `sentence_start` of the paragraph.
    """
    result = analysis.get(block)
    assert result is not None, "the paragraph is not analysed yet"
    token = result.tokens[index]
    before = analysis.analysed_text(block)[min(sentence_start, token.start):token.start]
    return card(token.text, analysis.analysed_word(block, token), result.reading(index),
                sources, translation=translation, before=before)


def span_card(analysis: ArticleAnalysis, block: int, start: int, end: int,
              sources: CardSources) -> Card:
    """The card of code points [start, end) of paragraph `block` with no reading in context:
    the dictionary's longest match before the segmenter is ready."""
    shown = analysis.paragraphs[block].text[start:end]
    return card(shown, analysis.analysed_text(block)[start:end], None, sources)


def card_syllable(pinyin: str | None, confidence: float = 1.0) -> CardSyllable:
    """A syllable of the reading model (numbered, None when unknown) and its confidence:
    unsure below `UNSURE_READING`; an unknown syllable is "" and never unsure."""
    if not pinyin:
        return CardSyllable("")
    return CardSyllable(pinyin, confidence < UNSURE_READING)


def card(shown: str, word: str, reading: Reading | None, sources: CardSources, *,
         translation: str | None = None, before: str = "") -> Card:
    """The card of `word` (shown as `shown`, same length), read as `reading` in context.

    Without a reading (or when the reading has no syllables and the dictionary knows the
    word) the syllables are the first dictionary entry's. A character's senses are those of
    its entry with the character's syllable in the word, else of its first entry. Entries
    are ranked by `translation` (see `gloss_word`); `before` is the sentence's Chinese
    before the word (a classifier after a numeral).
    """
    from reader.core.language.gloss import gloss_word

    read = reading.syllables if reading is not None else ()
    gloss = gloss_word(word, sources.lookup, read, translation=translation or None,
                       before=before)
    syllables: list[CardSyllable] = []
    if reading is not None:
        confidences = reading.confidence or (1.0,) * len(reading.syllables)
        # A name's syllables cased where its words start ("Ma3", "Yun2"): Mǎ Yún.
        cased = gloss.syllables if len(gloss.syllables) == len(read) else read
        syllables = [card_syllable(s, c) for s, c in zip(cased, confidences, strict=False)]
    entries = gloss.entries
    if not syllables and entries:
        syllables = [card_syllable(p) for p in entries[0].pinyin.lower().split()]
    chars: list[CharCard] = []
    if len(word) > 1:
        for k, (ch, ch_entries) in enumerate(sources.char_breakdown(word)):
            syllable = syllables[k] if k < len(syllables) else None
            raw = (read[k] or "") if k < len(read) else ""
            pick = next((e for e in ch_entries if e.pinyin.lower() == raw.lower()), None)
            pick = pick or (ch_entries[0] if ch_entries else None)
            shown_ch = shown[k] if k < len(shown) else ch
            chars.append(CharCard(shown_ch, syllable, pick.senses if pick else ()))
    traditional = shown if shown != word else (entries[0].traditional if entries else shown)
    return Card(word=shown, simplified=word, traditional=traditional,
                syllables=tuple(syllables), entries=entries, hsk=sources.hsk(word),
                chars=tuple(chars), match=gloss.match, parts=gloss.parts)
