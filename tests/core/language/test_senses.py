"""Senses chosen by the aligned English (reader.core.language.senses), with our own examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.language.senses import (
    classifier_position,
    english_tokens,
    lemmas,
    rank_senses,
)
from reader.core.models import Entry


def _e(pinyin: str, *senses: str, word: str = "词") -> Entry:
    return Entry(word, word, pinyin, tuple(senses))


@pytest.mark.parametrize(("form", "lemma"), [
    ("went", "go"), ("children", "child"), ("studied", "study"), ("prices", "price"),
])
def test_english_lemmas(form: str, lemma: str) -> None:
    assert lemma in lemmas(form)


def test_tokens_keep_code_point_offsets() -> None:
    text = "𠮷 Ma’s shop"
    tokens = english_tokens(text)
    assert [(t.text, text[t.start:t.end]) for t in tokens] == [("Ma", "Ma"), ("shop", "shop")]


def test_inflected_english_picks_the_sense_and_its_span() -> None:
    entries = [_e("zou3", "to walk", "to go", "to leave")]
    ranked = rank_senses(entries, "She left before dinner.")
    assert ranked.match is not None
    assert ranked.match.sense == "to leave"
    assert (ranked.match.en, ranked.match.start, ranked.match.end) == ("left", 4, 8)
    assert ranked.entries[0].senses[0] == "to leave"      # the matched sense comes first


def test_multiword_gloss_spans_its_words() -> None:
    ranked = rank_senses([_e("shang4 xue2", "to go to school", "to attend school")],
                         "Both boys went to school early.")
    assert ranked.match is not None and ranked.match.en == "went to school"


def test_entries_reordered_by_the_match() -> None:
    entries = [_e("chang2", "length", "long"), _e("zhang3", "chief", "to grow")]
    ranked = rank_senses(entries, "Tomatoes grow quickly in summer.")
    assert ranked.match is not None and ranked.match.entry == 1
    assert ranked.entries[0].pinyin == "zhang3"


def test_capitalised_english_prefers_the_proper_noun() -> None:
    entries = [_e("A1 li3 Ba1 ba1", "Ali Baba, character from a tale"),
               _e("A1 li3 ba1 ba1", "Alibaba, PRC e-commerce company")]
    ranked = rank_senses(entries, "Shares of Alibaba rose on Monday.")
    assert ranked.match is not None and ranked.match.entry == 1
    assert ranked.best_sense == "Alibaba, PRC e-commerce company"


def test_no_match_has_no_match_and_demotes_absent_names() -> None:
    entries = [_e("Wei2 qi2", "Pope Somebody (in office 537-555)", "phonetic -vich in names")]
    ranked = rank_senses(entries, "The shop sells crystal figures.")
    assert ranked.match is None
    assert ranked.entries[0].senses[0] == "phonetic -vich in names"


def test_without_translation_nothing_changes() -> None:
    entries = [_e("da3", "to hit", "to play (a game)")]
    assert rank_senses(entries, None).entries == tuple(entries)
    assert rank_senses(entries, "").match is None


def test_reading_in_context_orders_entries() -> None:
    entries = [_e("xing2", "to walk"), _e("hang2", "row", "line of business")]
    assert rank_senses(entries, None, "hang2").entries[0].pinyin == "hang2"


def test_classifier_position_prefers_classifier_senses() -> None:
    assert classifier_position("我有两")
    assert not classifier_position("我有")
    entries = [_e("zhang1", "to open up", "sheet of paper", "classifier for flat objects, sheet")]
    ranked = rank_senses(entries, "She handed me a sheet of paper.", classifier=True)
    assert ranked.match is not None
    assert ranked.match.sense == "classifier for flat objects, sheet"


def test_classifier_items_in_parentheses_match() -> None:
    entries = [_e("tiao2", "strip", "classifier for long thin things (ribbon, river, road etc)")]
    ranked = rank_senses(entries, "Two roads cross here.", classifier=True)
    assert ranked.match is not None and ranked.match.en == "roads"


def test_bench_dev_set_meets_its_target(warm_cache: Path) -> None:
    from reader.bench.senses import TARGET, score

    right, n, _misses = score()
    assert n >= 40
    assert 100.0 * right / n >= TARGET


def test_short_meaning_for_handouts() -> None:
    from reader.core.language.senses import short_meaning

    stars = [_e("San1 xing1", "Sanxing Township in some county", "Samsung (electronics company)"),
             _e("san1 xing1", "three major stars of a constellation", "the belt of Orion")]
    assert short_meaning(stars, "Phones made by Samsung sold well.") == \
        "Samsung (electronics company)"
    assert short_meaning(stars, None) == "Sanxing Township in some county; " \
        "Samsung (electronics company)"
    named = [_e("Wei2 qi2", "Pope Somebody (in office 537-555)", "phonetic -vich in names")]
    assert short_meaning(named, "Brands such as Swarovski.") == "phonetic -vich in names"


@pytest.mark.parametrize(("sense", "english", "words"), [
    ("to make a telephone call", "She called her mother last night.", "called"),
    ("to take a walk", "After dinner we walked by the river.", "walked"),
    ("to pay a visit", "They visited their teacher.", "visited"),
])
def test_a_light_verb_phrase_matches_the_verb_english_says_instead(
        sense: str, english: str, words: str) -> None:
    ranked = rank_senses([_e("da3", "to hit", sense)], english)
    assert ranked.match is not None and ranked.match.sense == sense
    assert ranked.match.en == words


def test_a_light_verb_phrase_needs_a_noun_that_is_a_verb() -> None:
    """"to give a speech": English never says "speeched"; "speech" alone is no verb match,
    and "gave" alone says too little."""
    assert rank_senses([_e("jiang3", "to give a speech")], "He gave it to me.").match is None
