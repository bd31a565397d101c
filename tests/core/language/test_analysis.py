"""Per-article analysis: words on demand, readings one sentence at a time, locked readings,
traditional text analysed through its simplified copy, the HSK profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.language.analysis import ArticleAnalysis, ArticleProfile, is_word
from reader.core.language.dictionary import Dictionary
from reader.core.language.pinyin import PinyinService
from reader.core.language.polyphone.resolver import Lexicon, Resolver
from reader.core.language.segment import Segmenter
from reader.core.models import Entry, Paragraph, Reading, Sentence, Token

SIMPLE = "我们去银行还钱。他还没来。"
TRADITIONAL = "我們去銀行還錢。他還沒來。"


def paragraph(text: str) -> Paragraph:
    """`text` as one paragraph, its sentences ending at each 。."""
    sentences, start = [], 0
    for end, ch in enumerate(text, 1):
        if ch == "。" or end == len(text):
            sentences.append(Sentence(text[start:end], start, end))
            start = end
    return Paragraph(text, tuple(sentences))


class RealCore:
    """The loaded core behind the protocols `ArticleAnalysis` and the cards use (what the
    window's `CoreServices` does, without its thread and locks)."""

    ready = True

    def __init__(self, segmenter: Segmenter, pinyin: PinyinService,
                 dictionary: Dictionary) -> None:
        self.segmenter, self.pinyin, self.dictionary = segmenter, pinyin, dictionary

    @classmethod
    def load(cls, segmenter: Segmenter, dictionary: Dictionary, cache: Path) -> RealCore:
        """Over the session's segmenter and dictionary, with its own reading service."""
        return cls(segmenter, PinyinService(segmenter, Resolver(Lexicon.load(cache))),
                   dictionary)

    def tokenize(self, text: str) -> list[Token]:
        return list(self.segmenter.tokenize(text))

    def readings(self, text: str, tokens: list[Token]) -> list[Reading]:
        return list(self.pinyin.readings(text, tokens))

    def lookup(self, word: str) -> list[Entry]:
        return list(self.dictionary.lookup(word))

    def char_breakdown(self, word: str) -> list[tuple[str, list[Entry]]]:
        return list(self.dictionary.char_breakdown(word))

    def hsk(self, word: str) -> int | None:
        return self.dictionary.hsk_level(word)



@pytest.fixture(scope="module")
def core(segmenter: Segmenter, dictionary: Dictionary, core_cache_dir: Path) -> RealCore:
    return RealCore.load(segmenter, dictionary, core_cache_dir)


class Recorder:
    """Two-character words; every reading "ma1"; records what it was asked to read, and
    leaves out the reading of a last token `leave_out`."""

    def __init__(self, ready: bool = True, leave_out: str = "") -> None:
        self.ready = ready
        self.leave_out = leave_out
        self.read: list[tuple[str, list[tuple[str, int, int]]]] = []
        self.looked_up: list[str] = []

    def tokenize(self, text: str) -> list[Token]:
        out, i = [], 0
        while i < len(text):
            n = 1 if text[i] == "。" else 2
            out.append(Token(text[i:i + n], i, min(i + n, len(text))))
            i += n
        return out

    def readings(self, text: str, tokens: list[Token]) -> list[Reading]:
        self.read.append((text, [(t.text, t.start, t.end) for t in tokens]))
        if tokens and tokens[-1].text == self.leave_out:   # fewer readings than tokens
            tokens = tokens[:-1]
        return [Reading(t, ("ma1",) * len(t.text), (0.5,) * len(t.text)) for t in tokens]

    def hsk(self, word: str) -> int | None:
        self.looked_up.append(word)
        return 2


# ----- words -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "word"), [
    ("银行", True), ("3个", True), ("𠮷", True), ("﨑", True), ("㐀", True),
    ("。", False), ("Alibaba", False), ("2017", False), ("", False), ("ー", False),
])
def test_a_word_has_a_han_character(text: str, word: bool) -> None:
    assert is_word(Token(text, 0, len(text))) is word


def test_words_and_readings_in_context(core: RealCore) -> None:
    analysis = ArticleAnalysis(core, (paragraph(SIMPLE),))
    result = analysis.get(0)
    assert [t.text for t in result.tokens] == ["我们", "去", "银行", "还", "钱", "。",
                                               "他", "还", "没来", "。"]
    first, second = (i for i, t in enumerate(result.tokens) if t.text == "还")
    assert result.reading(first).syllables == ("huan2",)     # 还钱: to pay back
    assert result.reading(second).syllables == ("hai2",)     # 还没: not yet
    assert result.index_at(4) == 2 and result.index_at(5) == 3   # 银行 covers 3-4
    assert result.hsk[2] == 3 and result.hsk[5] is None       # 银行; 。 is no word


def test_traditional_text_is_read_through_its_simplified_copy(core: RealCore) -> None:
    analysis = ArticleAnalysis(core, (paragraph(TRADITIONAL),), traditional=True)
    result = analysis.get(0)
    assert analysis.analysed_text(0) == SIMPLE
    assert [t.text for t in result.tokens][:5] == ["我們", "去", "銀行", "還", "錢"]
    assert result.reading(2).syllables == ("yin2", "hang2")
    assert result.reading(3).syllables == ("huan2",)
    assert analysis.analysed_word(0, result.tokens[2]) == "银行"
    assert result.hsk[2] == 3                               # looked up as 银行
    counts = analysis.word_counts()
    assert counts[("还", "還")] == 2 and counts[("银行", "銀行")] == 1


def test_nothing_is_analysed_until_the_core_has_loaded() -> None:
    services = Recorder(ready=False)
    analysis = ArticleAnalysis(services, (paragraph("银行还钱。"),))
    assert analysis.get(0) is None and analysis.tokens(0) is None
    services.ready = True
    assert analysis.get(0) is not None
    assert analysis.get(1) is None and analysis.get(-1) is None   # no such paragraph


# ----- readings, one sentence at a time ------------------------------------------------------
def test_a_reading_reads_its_sentence_only() -> None:
    services = Recorder()
    analysis = ArticleAnalysis(services, (paragraph("银行还钱。他还没来。"),))
    result = analysis.get(0)
    assert result.missing() == [0, 1, 3, 4]          # words only, nothing read yet
    index = result.index_at(6)                       # 还没 in the second sentence
    assert result.reading(index).syllables == ("ma1", "ma1")
    assert services.read == [("他还没来。", [("他还", 0, 2), ("没来", 2, 4), ("。", 4, 5)])]
    assert result.known_reading(0) is None           # the first sentence waits
    assert result.missing() == [0, 1]
    assert result.reading(index).confidence == (0.5, 0.5)
    assert len(services.read) == 1                   # kept, not read again


def test_a_token_across_a_sentence_end_reads_the_whole_paragraph() -> None:
    services = Recorder()
    text = "银行还钱。他还没来。"
    sentences = (Sentence(text[:3], 0, 3), Sentence(text[3:], 3, len(text)))   # cut 还|钱
    analysis = ArticleAnalysis(services, (Paragraph(text, sentences),))
    result = analysis.get(0)
    result.reading(1)                                # 还钱 straddles the cut
    assert [piece for piece, _tokens in services.read] == [text]
    assert result.missing() == []


def test_a_word_the_core_leaves_out_has_no_reading_and_is_not_asked_again() -> None:
    services = Recorder(leave_out="还钱")
    analysis = ArticleAnalysis(services, (paragraph("银行还钱"),))
    result = analysis.get(0)
    assert result.reading(1).syllables == (None, None)
    assert result.reading(1).syllables == (None, None)
    assert len(services.read) == 1 and result.missing() == []


def test_hsk_levels_are_looked_up_on_first_use_for_words_only() -> None:
    services = Recorder()
    analysis = ArticleAnalysis(services, (paragraph("银行还钱。"),))
    result = analysis.get(0)
    assert services.looked_up == []
    assert result.hsk == (2, 2, None)
    assert services.looked_up == ["银行", "还钱"]


# ----- locked readings ---------------------------------------------------------------------
def test_locked_readings_replace_the_computed_ones(core: RealCore) -> None:
    analysis = ArticleAnalysis(core, (paragraph(SIMPLE),))
    result = analysis.get(0)
    first, second = (i for i, t in enumerate(result.tokens) if t.text == "还")
    assert result.reading(first).syllables == ("huan2",)
    analysis.set_locked_readings({"还": ("hai2",)})
    assert result.known_reading(first) is None       # computed before the lock: read again
    assert result.reading(first).syllables == ("hai2",)
    assert result.reading(first).confidence == (1.0,)
    assert result.reading(second).syllables == ("hai2",)
    assert result.reading(2).syllables == ("yin2", "hang2")   # other words as they were
    analysis.set_locked_readings({})                  # unlocked: the reading in context
    assert result.reading(first).syllables == ("huan2",)
    assert analysis.locked_readings() == {}


def test_a_lock_of_the_wrong_length_is_ignored() -> None:
    analysis = ArticleAnalysis(Recorder(), (paragraph("银行还钱。"),))
    analysis.set_locked_readings({"银行": ("yin2",)})
    assert analysis.get(0).reading(0).syllables == ("ma1", "ma1")


# ----- the whole article -------------------------------------------------------------------
def test_profile_counts_words_by_hsk_level(core: RealCore) -> None:
    analysis = ArticleAnalysis(core, (paragraph(SIMPLE), paragraph("Alibaba。")))
    steps = list(analysis.profile_steps())
    assert steps[:-1] == [None, None]                 # one step per paragraph
    profile = steps[-1]
    assert profile == ArticleProfile(8, {1: 6, 3: 1, None: 1})   # 没来 is beyond HSK
    assert profile.summary() == "8 words · HSK1 75% HSK3 12% beyond 12%"


def test_profile_summary_of_an_article_without_words() -> None:
    assert ArticleProfile(0, {}).summary() == "0 words"
    assert ArticleProfile(4, {2: 4}).summary() == "4 words · HSK2 100%"


# ----- priming: the first screen read in another process ---------------------------------
def test_a_primed_paragraph_has_words_and_readings_before_the_core_loads(
        core: RealCore) -> None:
    """What the start-up's forked process computes (`computed`) another analysis of the
    same article takes in whole (`prime`): words and readings in context, nothing asked of
    its own core, which has not loaded."""
    paragraphs = (paragraph(SIMPLE), paragraph("他去银行了。"))
    there = ArticleAnalysis(core, paragraphs)
    here_core = Recorder(ready=False)
    here = ArticleAnalysis(here_core, paragraphs)
    assert here.prime(0, *there.computed(0))
    result = here.get(0)
    assert result is not None and not result.missing()
    assert [t.text for t in result.tokens][:4] == ["我们", "去", "银行", "还"]
    first, second = (i for i, t in enumerate(result.tokens) if t.text == "还")
    assert result.reading(first).syllables == ("huan2",)
    assert result.reading(second).syllables == ("hai2",)
    assert here.tokens(0) == list(there.tokens(0))
    assert here.get(1) is None            # not primed: waits for its own core
    assert here_core.read == []           # its own core was never asked


def test_prime_refuses_what_does_not_fit(core: RealCore) -> None:
    there = ArticleAnalysis(core, (paragraph(SIMPLE),))
    text, tokens, readings = there.computed(0)
    here = ArticleAnalysis(Recorder(ready=False), (paragraph("他去银行了。"),))
    assert not here.prime(0, text, tokens, readings)          # another paragraph's text
    assert not here.prime(3, text, tokens, readings)          # no such paragraph
    same = ArticleAnalysis(Recorder(), (paragraph(SIMPLE),))
    assert not same.prime(0, text, tokens, readings[:-1])     # readings do not match words
    own = same.get(0)
    assert not same.prime(0, text, tokens, readings)          # analysed here already
    assert same.get(0) is own and own.reading(0).syllables == ("ma1", "ma1")


def test_a_primed_paragraph_honours_locked_readings_and_traditional_text(
        core: RealCore) -> None:
    there = ArticleAnalysis(core, (paragraph(TRADITIONAL),), traditional=True)
    here = ArticleAnalysis(Recorder(ready=False), (paragraph(TRADITIONAL),), traditional=True)
    here.set_locked_readings({"還": ("hai2",)})
    assert here.prime(0, *there.computed(0))
    result = here.get(0)
    assert [t.text for t in result.tokens][:5] == ["我們", "去", "銀行", "還", "錢"]
    assert result.reading(2).syllables == ("yin2", "hang2")
    assert result.reading(2).token.text == "銀行"            # shown characters
    assert result.reading(3).syllables == ("hai2",)           # the user's lock
    assert result.reading(3).confidence == (1.0,)


def test_a_primed_reading_dropped_before_the_core_loads_waits_for_it() -> None:
    """A lock changed while the core is still loading drops the primed reading; it is read
    again once the core is there, not by a core that is not loaded."""
    services = Recorder()
    there = ArticleAnalysis(services, (paragraph("银行还钱。"),))
    here_core = Recorder(ready=False)
    here = ArticleAnalysis(here_core, (paragraph("银行还钱。"),))
    assert here.prime(0, *there.computed(0))
    here.set_locked_readings({"银行": ("yin2", "hang2")})
    result = here.get(0)
    assert result.known_reading(0) is None
    assert result.reading(0) is None and here_core.read == []
    here_core.ready = True
    assert result.reading(0).syllables == ("yin2", "hang2")
