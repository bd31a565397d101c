"""Pinyin display: styles, tone numbers, word joining, 一/不 sandhi, readings per token."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.language.pinyin import (
    PinyinService,
    format_reading,
    format_syllable,
    sandhi,
    tone_marks,
    tone_of,
)
from reader.core.language.polyphone.resolver import Lexicon, Resolver
from reader.core.language.segment import Segmenter
from reader.core.models import Reading, Token


@pytest.fixture(scope="module")
def service(segmenter: Segmenter, core_cache_dir: Path) -> PinyinService:
    return PinyinService(segmenter, Resolver(Lexicon.load(core_cache_dir)))


@pytest.mark.parametrize(("syllable", "style", "want"), [
    ("hang2", "marks", "háng"), ("lv4", "marks", "lǜ"), ("de5", "marks", "de"),
    ("nv3", "marks", "nǚ"), ("lv4", "numbers", "lv4"), ("hang2", "zhuyin", "ㄏㄤˊ"),
    ("lv4", "zhuyin", "ㄌㄩˋ"), ("de5", "zhuyin", "ㄉㄜ˙"), ("zhi1", "zhuyin", "ㄓ"),
])
def test_format_syllable(syllable: str, style: str, want: str) -> None:
    assert format_syllable(syllable, style) == want  # type: ignore[arg-type]


def test_format_syllable_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        format_syllable("hang2", "ipa")  # type: ignore[arg-type]


def test_tone_marks_match_pypinyin_for_every_syllable() -> None:
    """Our pypinyin-free tone marks write every syllable pypinyin knows exactly as it does."""
    from pypinyin.contrib.tone_convert import to_tone, to_tone3
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = {to_tone3(m, neutral_tone_with_five=True).replace("ü", "v")
                 for marks in pinyin_dict.values() for m in marks.split(",")}
    syllables |= {"m2", "n2", "ng2", "ng4", "hm5", "r5", "lv4", "nve4", "ê1"}
    assert len(syllables) > 1300
    wrong = [(s, tone_marks(s), to_tone(s)) for s in sorted(syllables) if s
             and tone_marks(s) != to_tone(s)]
    assert wrong == []


def test_tone_marks_refuse_what_is_not_a_numbered_syllable() -> None:
    assert tone_marks("hang") is None
    assert tone_marks("Hang2") is None
    assert format_syllable("HANG2") == "HANG2"  # pypinyin still formats the rest


@pytest.mark.parametrize(("syllable", "want"), [
    ("Ma3", "Mǎ"), ("Lv4", "Lǜ"), ("Zhang1", "Zhāng"), ("Ai4", "Ài"), ("·", "·"),
    ("A1", "Ā"), ("P", "P"),
    (",5", ","), ("xx5", "xx"), ("r5", "r"), ("m2", "ḿ")])
def test_format_syllable_cedict_forms(syllable: str, want: str) -> None:
    """Capitalised names and punctuation in CC-CEDICT's pinyin format without pypinyin."""
    assert format_syllable(syllable) == want


@pytest.mark.parametrize(("syllable", "tone"), [
    ("hang2", 2), ("ma1", 1), ("hao3", 3), ("lv4", 4), ("de5", 5), ("de", 5)])
def test_tone_of(syllable: str, tone: int) -> None:
    assert tone_of(syllable) == tone


def test_format_reading_joins_and_passes_non_han() -> None:
    bank = Reading(Token("银行", 0, 2), ("yin2", "hang2"), (1.0, 1.0))
    assert format_reading(bank) == "yínháng"
    assert format_reading(bank, "numbers") == "yin2hang2"
    xian = Reading(Token("西安", 0, 2), ("xi1", "an1"), (1.0, 1.0))
    assert format_reading(xian) == "xī'ān"          # the apostrophe before a vowel syllable
    paper = Reading(Token("A4纸", 0, 3), (None, None, "zhi3"), (1.0, 1.0, 1.0))
    assert format_reading(paper) == "A4zhǐ"


@pytest.mark.parametrize(("chars", "syllables", "want"), [
    ("一个", "yi1 ge4", "yi2 ge4"),
    ("一天", "yi1 tian1", "yi4 tian1"),
    ("一起", "yi1 qi3", "yi4 qi3"),
    ("第一", "di4 yi1", "di4 yi1"),
    ("十一月", "shi2 yi1 yue4", "shi2 yi1 yue4"),
    ("看一看", "kan4 yi1 kan4", "kan4 yi5 kan4"),
    ("不对", "bu4 dui4", "bu2 dui4"),
    ("不好", "bu4 hao3", "bu4 hao3"),
    ("好不好", "hao3 bu4 hao3", "hao3 bu5 hao3"),
    ("部队", "bu4 dui4", "bu4 dui4"),          # 部 is not 不
])
def test_sandhi(chars: str, syllables: str, want: str) -> None:
    assert sandhi(syllables.split(), chars) == want.split()


def test_sandhi_keeps_none_and_checks_length() -> None:
    assert sandhi(["yi1", None], "一。") == ["yi1", None]
    with pytest.raises(ValueError):
        sandhi(["yi1"], "一个")


def test_readings_per_token(service: PinyinService) -> None:
    readings = service.readings("我去银行还钱。")
    assert [r.token.text for r in readings] == ["我", "去", "银行", "还", "钱", "。"]
    assert [format_reading(r) for r in readings] == ["wǒ", "qù", "yínháng", "huán", "qián", "。"]
    assert readings[-1].syllables == (None,)
    assert all(len(r.confidence) == len(r.token.text) for r in readings)


def test_readings_with_given_tokens(service: PinyinService) -> None:
    text = "长江很长"
    tokens = [Token("长江", 0, 2), Token("很", 2, 3), Token("长", 3, 4)]
    readings = service.readings(text, tokens)
    assert [r.syllables for r in readings] == [("chang2", "jiang1"), ("hen3",), ("chang2",)]
    assert [r.token for r in readings] == tokens


def test_readings_reject_tokens_that_do_not_fit(service: PinyinService) -> None:
    with pytest.raises(ValueError, match="offsets"):
        service.readings("银行", [Token("银行", 1, 3)])


def test_traditional_text_reads_like_simplified(service: PinyinService) -> None:
    readings = service.readings("我去銀行還錢")
    assert [s for r in readings for s in r.syllables] == [
        "wo3", "qu4", "yin2", "hang2", "huan2", "qian2"]
    assert "".join(r.token.text for r in readings) == "我去銀行還錢"


def test_many_texts_at_once_match_one_by_one(service: PinyinService) -> None:
    texts = ["他还没还我钱", "比赛中中了头奖", "东西"]
    together = service.readings_many(texts)
    alone = [service.readings(t) for t in texts]
    for many, one in zip(together, alone, strict=True):
        assert [(r.token, r.syllables) for r in many] == [(r.token, r.syllables) for r in one]
        for a, b in zip(many, one, strict=True):   # float32 sums may differ in the last bits
            assert a.confidence == pytest.approx(b.confidence, abs=1e-4)
