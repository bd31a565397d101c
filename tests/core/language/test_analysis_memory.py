"""ArticleAnalysis keeps a bounded number of paragraphs, so a long article's words and
readings do not pile up as the reader scrolls through it."""

from __future__ import annotations

from reader.core.language.analysis import ArticleAnalysis
from reader.core.models import Paragraph, Reading, Sentence, Token


class FakeServices:
    """Segments one token per character and counts how often it was asked."""

    ready = True

    def __init__(self) -> None:
        self.tokenized = 0

    def tokenize(self, text: str) -> list[Token]:
        self.tokenized += 1
        return [Token(ch, i, i + 1) for i, ch in enumerate(text)]

    def readings(self, text: str, tokens: list[Token]) -> list[Reading]:
        return [Reading(t, ("zhong1",) * len(t.text), (1.0,) * len(t.text)) for t in tokens]

    def hsk(self, word: str) -> int | None:
        return 1


def _paragraphs(n: int) -> tuple[Paragraph, ...]:
    text = "中文句子。"
    return tuple(Paragraph(text, (Sentence(text, 0, len(text)),)) for _ in range(n))


def test_cache_is_bounded_and_keeps_the_recently_used() -> None:
    services = FakeServices()
    analysis = ArticleAnalysis(services, _paragraphs(50), cached=8)
    first = analysis.get(0)
    for block in range(1, 30):
        analysis.get(block)
        assert analysis.get(0) is first   # touched every time: never the one dropped
    assert len(analysis._cache) == 8
    assert len(analysis._tokens) <= 8
    assert 5 not in analysis._cache


def test_dropped_paragraph_comes_back_identical() -> None:
    services = FakeServices()
    analysis = ArticleAnalysis(services, _paragraphs(20), cached=2)
    before = analysis.get(3)
    assert before is not None
    assert before.reading(0).syllables == ("zhong1",)
    for block in range(4, 10):
        analysis.get(block)
    asked = services.tokenized
    again = analysis.get(3)
    assert again is not before and services.tokenized == asked + 1
    assert again.tokens == before.tokens
    assert again.known_reading(0) is None          # readings are filled again on demand
    assert again.reading(0).syllables == ("zhong1",)


def test_simplified_text_shares_its_tokens() -> None:
    analysis = ArticleAnalysis(FakeServices(), _paragraphs(3))
    result = analysis.get(1)
    assert list(result.tokens) == analysis.tokens(1)
    assert all(a is b for a, b in zip(result.tokens, analysis.tokens(1), strict=True))


def test_profile_counts_every_paragraph_without_caching_them() -> None:
    analysis = ArticleAnalysis(FakeServices(), _paragraphs(40), cached=4)
    profile = analysis.profile()
    assert profile.words == 40 * 4          # four Han characters per paragraph
    assert len(analysis._tokens) == 0 and len(analysis._cache) == 0


def test_word_counts_cover_the_article_without_its_tokens() -> None:
    services = FakeServices()
    analysis = ArticleAnalysis(services, _paragraphs(40), cached=4)
    counts = analysis.word_counts()
    assert counts == {("中", "中"): 40, ("文", "文"): 40, ("句", "句"): 40, ("子", "子"): 40}
    asked = services.tokenized
    assert analysis.word_counts() is counts and services.tokenized == asked   # kept
    assert len(analysis._tokens) == 0


def test_word_counts_pair_analysed_and_shown_words_of_traditional_text() -> None:
    text = "這個句子。"
    paragraphs = (Paragraph(text, (Sentence(text, 0, len(text)),)),)
    analysis = ArticleAnalysis(FakeServices(), paragraphs, traditional=True)
    counts = analysis.word_counts()
    assert counts[("这", "這")] == 1 and counts[("个", "個")] == 1
    assert sum(counts.values()) == analysis.profile().words == 4


def test_word_counts_wait_for_the_core() -> None:
    services = FakeServices()
    services.ready = False
    analysis = ArticleAnalysis(services, _paragraphs(3))
    assert analysis.word_counts() is None
