"""Everyday verb rules (`polyphone.rules_verbs`): each where it must fire and where not.

The sentences are our own, written for these rules (they are also in `bench.everyday`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.language.pinyin import PinyinService
from reader.core.language.polyphone.resolver import Lexicon, Resolver
from reader.core.language.polyphone.rules import Context
from reader.core.language.polyphone.rules_verbs import char_rule, word_rule
from reader.core.language.segment import Segmenter


@pytest.fixture(scope="module")
def service(segmenter: Segmenter, core_cache_dir: Path) -> PinyinService:
    return PinyinService(segmenter, Resolver(Lexicon.load(core_cache_dir)))


def _reading(service: PinyinService, sentence: str, target: str) -> str | None:
    """The syllable of `target` in `sentence`: a character, "字#2" for its second one."""
    char, _, nth = target.partition("#")
    pos = -1
    for _ in range(int(nth or 1)):
        pos = sentence.index(char, pos + 1)
    return service.syllables_many([sentence])[0][pos][0]


@pytest.mark.parametrize(("sentence", "target", "want"), [
    # 着 zháo: before 了, or after an adverb of attainment; durative 着 stays zhe
    ("我终于找着工作了", "着", "zhao2"), ("我找了半天才找着钥匙", "着", "zhao2"),
    ("他找了很久也没找着", "着", "zhao2"), ("火着了", "着", "zhao2"), ("孩子吓着了", "着", "zhao2"),
    ("我找着钥匙了", "着", "zhao2"), ("我买着票了", "着", "zhao2"),
    ("你带着钥匙了吗", "着", "zhe5"), ("他正找着钥匙呢", "着", "zhe5"),
    ("小心别摔着", "着", "zhao2"), ("多穿点，别冻着", "着", "zhao2"),
    ("你别坐着了", "着", "zhe5"), ("别站着", "着", "zhe5"),
    ("他看着我笑了", "着", "zhe5"), ("她哭着跑了", "着", "zhe5"),
    ("门开着，你进来吧", "着", "zhe5"),
    # 干 gān as a verb's result; gàn after 来/去/想 and in 不干了 (to quit)
    ("他把一杯水都喝干了", "干", "gan1"), ("他把衣服晾干了", "干", "gan1"),
    ("你去干吧", "干", "gan4"), ("我不干了", "干", "gan4"), ("这活我接着干", "干", "gan4"),
    # 好 hǎo as a verb's result
    ("今天我没睡好觉", "好", "hao3"), ("他好吃懒做", "好", "hao4"),
    # 落 là in a 把 clause; luò without one
    ("我把手机落在家里了", "落", "la4"), ("我把钥匙落在车里了", "落", "la4"),
    ("秋天树叶落了一地", "落", "luo4"), ("太阳落山了", "落", "luo4"),
    # 背 bēi before a direction, 背着 + a load; bèi behind someone's back, memorising
    ("他背起书包就走了", "背", "bei1"), ("你帮我把箱子背上楼", "背", "bei1"),
    ("她背着孩子去买菜", "背", "bei1"), ("他背着书包去上学", "背", "bei1"),
    ("他背着我偷偷哭了", "背", "bei4"), ("他背着父母偷偷抽烟", "背", "bei4"),
    ("她把孩子背在背上", "背", "bei1"), ("她把孩子背在背上", "背#2", "bei4"),
    ("把课文背下来", "背", "bei4"), ("我在背课文", "背", "bei4"),
    # 乐 lè as a verb; yuè in words
    ("听到这个消息，他乐了", "乐", "le4"), ("我喜欢听音乐", "乐", "yue4"),
    # 量 liáng as a verb; liàng as a noun
    ("我们量一量这张桌子有多长", "量", "liang2"), ("我们量一量这张桌子有多长", "量#2", "liang2"),
    ("妈妈给我量了身高", "量", "liang2"), ("今天的雨量很大", "量", "liang4"),
    # 转 zhuàn in progress; zhuǎn once
    ("风车一直在转", "转", "zhuan4"), ("在前面的路口向左转", "转", "zhuan3"),
    ("我们去公园转转吧", "转", "zhuan4"), ("他转转头", "转", "zhuan3"),
    ("月亮绕着地球转", "转", "zhuan4"), ("我们绕着湖走了一圈，再向左转", "转", "zhuan3"),
    # 一觉 as one token is a sleep (jiào); 一觉得 is cut 一/觉得
    ("我一觉睡到了中午", "觉", "jiao4"), ("我一觉得冷就想喝热水", "觉", "jue2"),
    # 空 kòng after 有/没; kōng in 空调
    ("今天下午你有空吗", "空", "kong4"), ("我没空，明天再说吧", "空", "kong4"),
    ("我没空陪你", "空", "kong4"), ("这个房间没有空调", "空", "kong1"),
    # 得 děi before a time; de5 after a verb the rules read
    ("明天早上我得六点起床", "得", "dei3"), ("你得明天再来", "得", "dei3"),
    ("他得了第二名", "得", "de2"), ("他数钱数得很快", "得", "de5"),
    # 吧 ending a clause; bā in 酒吧
    ("我们去看电影吧", "吧", "ba5"), ("我们去酒吧吧", "吧", "ba1"),
    ("我们去酒吧吧", "吧#2", "ba5"),
    # 大方 generous after a degree word (also where jieba cuts 很大/方)
    ("他很大方，经常请我们吃饭", "方", "fang5"), ("他对朋友很大方", "方", "fang5"),
    ("这个房子很大方便", "方", "fang1"),
    # 得 of a complement inside a token is light; dé, to obtain, keeps its words
    ("你看得见黑板上的字吗", "得", "de5"), ("时间过得真快", "得", "de5"),
    ("我们不得不走", "得", "de2"), ("他获得很大成功", "得", "de2"),
    # a token no dictionary has, read through its more frequent inner word (作业, not 做作)
    ("我在做作业", "作", "zuo4"), ("他很做作", "作", "zuo5"),
    # 地 de5 after any word of two characters or more; dì counted or before 上
    ("他生气地走了", "地", "de5"), ("大家开心地唱歌", "地", "de5"),
    ("那块地种了麦子", "地", "di4"),
    # 教 jiāo standing alone before what is taught; jiào in words
    ("我妈妈在一所中学教英语", "教", "jiao1"), ("他信佛教", "教", "jiao4"),
    # 大夫 the doctor when counted, seen or called; the official is left to the model
    ("我爸爸是一名大夫", "夫", "fu5"), ("你应该去看大夫", "大", "dai4"),
    ("士大夫", "大", "da4"),
    # V得了 is the potential liǎo; 我记得了 keeps the particle
    ("这么多菜我们吃得了吗", "了", "liao3"), ("你一个人拿得了这么多东西吗", "了", "liao3"),
    ("我记得了", "了", "le5"), ("他得了第一名", "得", "de2"),
    # 得 after an adjective is de; 好 before it hǎo
    ("他的病好得差不多了", "得", "de5"), ("他的病好得差不多了", "好", "hao3"),
    # 重 in a comparison is zhòng; before a verb chóng
    ("这个包比那个重多了", "重", "zhong4"), ("他比我重", "重", "zhong4"),
    ("请你重说一遍", "重", "chong2"),
    # a numeral + measure word token
    ("这本书我看了三行就睡着了", "行", "hang2"),
    # a phrase whose everyday word inside agrees (太过分 → 过分 guòfèn)
    ("这件事你不要太过分", "分", "fen4"),
])
def test_everyday_verb_rules(service: PinyinService, sentence: str, target: str,
                             want: str) -> None:
    assert _reading(service, sentence, target) == want


def _ctx(words: list[str], index: int, service: PinyinService) -> Context:
    text = "".join(words)
    spans, pos = [], 0
    for w in words:
        spans.append((pos, pos + len(w)))
        pos += len(w)
    return Context(text, spans, index, service._resolver.lexicon.tags)


@pytest.mark.parametrize(("words", "index", "want"), [
    (["树叶", "落", "在", "地上"], 1, None),          # no 把: left to the model
    (["我", "背", "上", "有", "伤"], 1, None),         # 背上, on the back
    (["有", "空", "房间"], 1, None),                  # a noun follows: not free time
    (["他", "得", "第一"], 1, None),                  # not a time
    (["三", "种", "得", "很多"], 2, None),            # counted: 种 is a measure word
    (["吧"], 0, None),                                # nothing before it
    (["这", "是", "乐"], 2, None),
])
def test_verb_rules_abstain(service: PinyinService, words: list[str], index: int,
                            want: str | None) -> None:
    assert char_rule(_ctx(words, index, service)) == want


def test_one_xing_of_people_keeps_xing(service: PinyinService) -> None:
    ctx = _ctx(["三行", "人"], 0, service)
    assert word_rule("三行", 1, ctx) is None
    assert word_rule("三行", 1, _ctx(["三行", "字"], 0, service)) == "hang2"


def test_citation_tone_of_an_everyday_word_is_the_phrase_tables(
        service: PinyinService) -> None:
    """头发 tóufa → tóufà in "particles" mode (the model alone picked fā); the particle
    子 keeps its light tone, and the default mode keeps CC-CEDICT's."""
    text = "我的头发和帽子"
    cited = [s for s, _c in service.syllables_many([text], neutral="particles")[0]]
    assert cited == ["wo3", "de5", "tou2", "fa4", "he2", "mao4", "zi5"]
    assert _reading(service, text, "发") == "fa5"
