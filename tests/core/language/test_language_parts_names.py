"""Words inside a long token, surnames in context, names in pinyin orthography."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.language.names import (
    NameForm,
    cased,
    name_form,
    name_words,
    surname_context,
    surname_readings,
)
from reader.core.language.parts import split_parts
from reader.core.language.pinyin import PinyinService
from reader.core.language.polyphone.resolver import Lexicon, Resolver
from reader.core.language.segment import Segmenter

KNOWN = {"越来越", "努力", "提高", "研究", "研究生", "生命", "打假", "联盟", "第二"}


def _parts(word: str) -> list[str]:
    return [word[a:b] for a, b in split_parts(word, KNOWN.__contains__)]


@pytest.mark.parametrize(("word", "want"), [
    ("越来越近", ["越来越", "近"]),
    ("努力提高", ["努力", "提高"]),
    ("研究生命", ["研究", "生命"]),     # two words beat a word and a character
    ("第二行", ["第二", "行"]),
    ("提高", ["提高"]),                 # known: whole
    ("好", ["好"]),
    ("好觉", ["好", "觉"]),
])
def test_split_parts(word: str, want: list[str]) -> None:
    assert _parts(word) == want


def test_surname_readings_from_cedict_style_entries() -> None:
    entries = [("单", "Shan4", ["surname Shan"]), ("单", "dan1", ["single"]),
               ("乐", "Le4", ["surname Le"]), ("乐", "Yue4", ["surname Yue"]),
               ("北", "Bei3", ["north"])]
    assert surname_readings(entries) == {"单": "shan4"}   # 乐 has two: the model chooses


def test_surname_context() -> None:
    assert surname_context("叫", "明")
    assert surname_context("", "先生")
    assert not surname_context("我们", "位")


def test_name_forms() -> None:
    assert name_form("马云", "nr", 0b11) == NameForm("person", (0, 1))
    assert name_form("阿里巴巴", "", 0b1) == NameForm("proper", (0,))
    assert name_form("欧阳明", "nr") == NameForm("person", (0, 2))
    assert name_form("北京", "ns", 0b1) == NameForm("place", (0,))
    assert name_form("北京", "ns") is None          # no CC-CEDICT capitals: no evidence
    assert name_form("越来越近", "nr") is None       # jieba tags phrases nr: need a surname
    assert name_form("银行", "n") is None
    # jieba tags some ordinary words as names (麦 is a surname): the dictionary's word wins
    assert name_form("麦子", "nr") == NameForm("person", (0, 1))
    assert name_form("麦子", "nr", ordinary=True) is None
    assert name_form("马云", "nr", 0b11, ordinary=True) == NameForm("person", (0, 1))
    form = name_form("诸葛亮", "nr", 0b101)
    assert name_words(["zhu1", "ge3", "liang4"], form) == [["Zhu1", "ge3"], ["Liang4"]]
    assert cased(["bei3", "jing1"], name_form("北京", "ns", 0b1)) == ["Bei3", "jing1"]


@pytest.fixture(scope="module")
def service(segmenter: Segmenter, core_cache_dir: Path) -> PinyinService:
    return PinyinService(segmenter, Resolver(Lexicon.load(core_cache_dir)))


@pytest.mark.parametrize(("sentence", "index", "want"), [
    ("她叫单丽丽", 2, "shan4"),          # after 叫
    ("我们去找曾老师", 4, "zeng1"),        # before a title
    ("解先生在楼下等你", 0, "xie4"),
    ("我的单位在城里", 2, "dan1"),          # a word: not a name
    ("这张单子", 2, "dan1"),
])
def test_surnames_read_in_context(service: PinyinService, sentence: str, index: int,
                                  want: str) -> None:
    assert service.syllables_many([sentence])[0][index][0] == want


@pytest.mark.parametrize(("tokens", "want"), [
    (["他盛", "了"], ["他", "盛", "了"]),      # a pronoun jieba's HMM joined to a verb
    (["我爱你"], ["我", "爱", "你"]),          # a phrase only jieba's dictionary has
    (["他们俩"], ["他们俩"]),                  # a dictionary word stays whole
    (["你们好"], ["你们", "好"]),
    (["好吗"], ["好", "吗"]),                  # a final particle stuck to the end
    (["银行"], ["银行"]),
])
def test_function_words_split_off(tokens: list[str], want: list[str]) -> None:
    from reader.core.language.merges import split_function_words

    known = {"你好", "他们俩", "银行"}.__contains__
    text, spans, pos = "".join(tokens), [], 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t)
    assert [text[a:b] for a, b in split_function_words(text, spans, known)] == want


def test_segmenter_splits_a_pronoun_off(segmenter: Segmenter) -> None:
    assert segmenter.cut("他盛了一碗汤")[:2] == ["他", "盛"]
    assert segmenter.cut("你好吗") == ["你好", "吗"]          # a dictionary word stays whole


def test_gloss_lists_the_parts_of_an_unknown_token(dictionary: object) -> None:
    from reader.core.language.gloss import gloss_word

    lookup = dictionary.lookup  # type: ignore[attr-defined]
    gloss = gloss_word("努力提高", lookup, ["nu3", "li4", "ti2", "gao1"])
    assert gloss.entries == ()
    assert [(p.text, p.reading) for p in gloss.parts] == [("努力", "nu3 li4"),
                                                          ("提高", "ti2 gao1")]
    assert all(p.entries for p in gloss.parts)


def test_gloss_writes_names_in_orthography(dictionary: object) -> None:
    from reader.core.language.gloss import gloss_word

    lookup = dictionary.lookup  # type: ignore[attr-defined]
    assert gloss_word("马云", lookup, ["ma3", "yun2"]).pinyin() == "Mǎ Yún"
    assert gloss_word("北京", lookup, ["bei3", "jing1"]).pinyin() == "Běijīng"
    assert gloss_word("银行", lookup, ["yin2", "hang2"]).pinyin() == "yínháng"
    company = gloss_word("阿里巴巴", lookup, ["a1", "li3", "ba1", "ba1"],
                         translation="Alibaba sells online.")
    assert company.pinyin() == "Ālǐbābā"
    assert company.best_sense == "Alibaba, PRC e-commerce company"


def test_format_reading_names(service: PinyinService) -> None:
    from reader.core.language.pinyin import format_reading

    readings = service.readings("王小明在上海工作")
    shown = []
    for r in readings:
        r2 = type(r)(r.token, service.name_syllables(r), r.confidence)
        shown.append(format_reading(r2))
    assert shown[:3] == ["Wáng Xiǎomíng", "zài", "Shànghǎi"]


def test_an_ordinary_dictionary_word_tagged_a_name_is_written_as_a_word(
        service: PinyinService, dictionary: object) -> None:
    from reader.core.language.gloss import gloss_word

    wheat = next(r for r in service.readings("麦子熟了") if r.token.text == "麦子")
    assert service.name_syllables(wheat) == wheat.syllables        # màizi, not Mài Zi
    assert gloss_word("麦子", dictionary.lookup, ["mai4", "zi5"]).pinyin() == "màizi"  # type: ignore[attr-defined]
    person = next(r for r in service.readings("王小明在上海工作") if r.token.text == "王小明")
    assert service.name_syllables(person) == ("Wang2", "Xiao3", "ming2")
