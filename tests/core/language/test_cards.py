"""Gloss card data: a word as read in its sentence, its entries and HSK level, and each of
its characters with the senses of its reading in the word."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.language.analysis import ArticleAnalysis
from reader.core.language.cards import (
    Card,
    CardSyllable,
    CharCard,
    card,
    card_syllable,
    span_card,
    word_card,
)
from reader.core.language.dictionary import Dictionary
from reader.core.language.segment import Segmenter
from reader.core.models import UNSURE_READING, Entry, Reading, Token
from tests.core.language.test_analysis import SIMPLE, TRADITIONAL, RealCore, paragraph


@pytest.fixture(scope="module")
def core(segmenter: Segmenter, dictionary: Dictionary, core_cache_dir: Path) -> RealCore:
    return RealCore.load(segmenter, dictionary, core_cache_dir)


def _index(analysis: ArticleAnalysis, word: str, nth: int = 0) -> int:
    tokens = analysis.get(0).tokens
    return [i for i, t in enumerate(tokens) if t.text == word][nth]


def test_a_word_card_reads_the_word_in_its_sentence(core: RealCore) -> None:
    analysis = ArticleAnalysis(core, (paragraph(SIMPLE),))
    bank = word_card(analysis, 0, _index(analysis, "银行"), core)
    assert (bank.word, bank.simplified, bank.traditional) == ("银行", "银行", "銀行")
    assert bank.syllables == (CardSyllable("yin2"), CardSyllable("hang2"))
    assert [e.pinyin for e in bank.entries] == ["yin2 hang2"]
    assert "bank" in bank.entries[0].senses
    assert bank.hsk == 3
    silver, firm = bank.chars
    assert (silver.char, silver.syllable) == ("银", CardSyllable("yin2"))
    assert "silver" in silver.senses
    # 行 as read in 银行 (hang2: a firm), not its first entry (xing2: to walk).
    assert firm.syllable == CardSyllable("hang2") and "commercial firm" in firm.senses
    assert "to walk" not in firm.senses
    repay = word_card(analysis, 0, _index(analysis, "还"), core)
    not_yet = word_card(analysis, 0, _index(analysis, "还", 1), core)
    assert [s.pinyin for s in repay.syllables] == ["huan2"]
    assert [s.pinyin for s in not_yet.syllables] == ["hai2"]
    assert repay.chars == ()                                 # one character: no breakdown


def test_a_card_of_traditional_text_shows_its_characters(core: RealCore) -> None:
    analysis = ArticleAnalysis(core, (paragraph(TRADITIONAL),), traditional=True)
    bank = word_card(analysis, 0, _index(analysis, "銀行"), core)
    assert (bank.word, bank.simplified, bank.traditional) == ("銀行", "银行", "銀行")
    assert [c.char for c in bank.chars] == ["銀", "行"]
    assert bank.hsk == 3 and bank.entries[0].simplified == "银行"


def test_a_span_card_before_segmentation_takes_the_dictionary_reading(core: RealCore) -> None:
    analysis = ArticleAnalysis(core, (paragraph(SIMPLE),))
    bank = span_card(analysis, 0, 3, 5, core)                # the longest match at 银
    assert bank.word == "银行" and bank.traditional == "銀行"
    assert bank.syllables == (CardSyllable("yin2"), CardSyllable("hang2"))
    # No reading in context: each character's senses are its first entry's.
    assert [c.syllable for c in bank.chars] == list(bank.syllables)
    assert "to walk" in bank.chars[1].senses
    assert analysis.get(0).known_reading(2) is None          # nothing was read for it


class Sources:
    """A two-entry dictionary: 中国 (Zhong1 guo2) and its characters."""

    ENTRIES = {
        "中国": [Entry("中国", "中國", "Zhong1 guo2", ("China",))],
        "中": [Entry("中", "中", "zhong1", ("middle",)), Entry("中", "中", "zhong4", ("to hit",))],
        "国": [Entry("国", "國", "guo2", ("country",))],
    }

    def lookup(self, word: str) -> list[Entry]:
        return list(self.ENTRIES.get(word, ()))

    def char_breakdown(self, word: str) -> list[tuple[str, list[Entry]]]:
        return [(ch, self.lookup(ch)) for ch in word]

    def hsk(self, word: str) -> int | None:
        return 1 if word in self.ENTRIES else None


def _reading(text: str, syllables: tuple[str | None, ...],
             confidence: tuple[float, ...] = ()) -> Reading:
    return Reading(Token(text, 0, len(text)), syllables, confidence)


def test_unsure_syllables_are_marked_and_an_unknown_one_never_is() -> None:
    low = UNSURE_READING - 0.01
    made = card("中国", "中国", _reading("中国", ("zhong4", None), (low, low)), Sources())
    assert made.syllables == (CardSyllable("zhong4", unsure=True), CardSyllable(""))
    # Each character's senses follow its syllable in the word: 中 read zhong4 is "to hit".
    assert made.chars == (CharCard("中", CardSyllable("zhong4", unsure=True), ("to hit",)),
                          CharCard("国", CardSyllable(""), ("country",)))
    assert card_syllable("hang2", UNSURE_READING) == CardSyllable("hang2", unsure=False)


def test_without_a_reading_the_first_entry_gives_the_syllables() -> None:
    made = card("中國", "中国", None, Sources())
    assert made == Card(word="中國", simplified="中国", traditional="中國",
                        syllables=(CardSyllable("zhong1"), CardSyllable("guo2")),
                        entries=tuple(Sources.ENTRIES["中国"]), hsk=1,
                        chars=(CharCard("中", CardSyllable("zhong1"), ("middle",)),
                               CharCard("國", CardSyllable("guo2"), ("country",))))


@pytest.mark.parametrize(("shown", "reading", "syllables", "traditional"), [
    ("中国", _reading("中国", (None, None)), ("", ""), "中國"),   # a reading of no syllables
    ("外星", None, (), "外星"),                                     # unknown to the dictionary
])
def test_words_the_core_cannot_read(shown: str, reading: Reading | None,
                                    syllables: tuple[str, ...], traditional: str) -> None:
    made = card(shown, shown, reading, Sources())
    assert tuple(s.pinyin for s in made.syllables) == syllables
    assert made.traditional == traditional
    assert made.hsk == (1 if shown == "中国" else None)


def test_a_card_ranks_its_senses_by_the_aligned_english(core: RealCore) -> None:
    text = "马云说阿里巴巴很忙。"
    analysis = ArticleAnalysis(core, (paragraph(text),))
    english = "Jack Ma said Alibaba is busy."
    ali = word_card(analysis, 0, _index(analysis, "阿里巴巴"), core, translation=english)
    assert ali.match is not None and english[ali.match.start:ali.match.end] == "Alibaba"
    assert ali.matched_sense == (0, 0)                       # the matched entry first
    assert "Alibaba" in ali.entries[0].senses[0]
    assert ali.syllables[0].pinyin == "A1"                   # a name: written Ālǐbābā
    plain = word_card(analysis, 0, _index(analysis, "阿里巴巴"), core)
    assert plain.match is None and plain.matched_sense is None
    ma = word_card(analysis, 0, _index(analysis, "马云"), core, translation=english)
    assert [s.pinyin for s in ma.syllables] == ["Ma3", "Yun2"]


def test_a_token_no_entry_has_shows_its_parts(core: RealCore) -> None:
    shown = card("打假联盟", "打假联盟", None, core, translation="the anti-fake alliance")
    assert shown.entries == ()
    assert [p.text for p in shown.parts] == ["打假", "联盟"]
    assert shown.parts[1].match is not None
