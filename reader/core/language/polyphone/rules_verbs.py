"""Context rules for everyday speech: verbs and their complements (着 zháo, 干 gān, 好 hǎo,
落 là, 背 bēi, 乐 lè, 量 liáng, 转 zhuàn, 得 de/děi), 空 kòng, 地 de, 教 jiāo, 吧, and a
few words whose reading depends on what surrounds them (背着, 大方, 大夫, 一觉, 转转) or
which jieba cut (三行, 看得见, 很大/方).

These patterns are spoken-language grammar that encyclopedic text (the context model's
training data) rarely has: a verb with its result complement (喝干, 睡好, 找着), the 把
construction (把钥匙落在家里), a verb with an aspect particle (量了, 乐了). Like `rules`,
a rule is keyed on grammatical words and abstains unless the pattern is clear.

The resolver asks `char_rule` and `word_rule` here; they fall back on `rules`. The examples
were written for this module (with the sentences in `bench.everyday_learners`, which the
rules were written from); none comes from an evaluation set.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.language.polyphone import rules
from reader.core.language.polyphone.rules import (
    _CLAUSE_END,
    _MUST_BEFORE,
    _NOT_MODAL_AFTER,
    _NUMERALS,
    _PERSONAL,
    Context,
    _counted,
    _either,
    _first,
    _words,
)
from reader.core.text.han import all_han as _is_han

#: jieba tags of a verb that can take a result complement (喝 is "vg" in jieba).
_VERB_TAGS = frozenset({"v", "vi", "vg"})
#: Verbs that are followed by a second verb, not by its result: 来干, 想干, 去干 (gàn).
_NOT_RESULT_VERBS = _words("来 去 想 要 会 能 敢 肯 愿 该 得 爱 让 叫 在 是 帮 可 别 说 有 "
                           "给 看 听 找 学 请")
#: Every jieba tag a rule here or in `rules` tests (the lexicon keeps those words' tags).
USED_TAGS = rules.USED_TAGS | _VERB_TAGS | {"t"}
#: Adverbs saying a result was (or was not) reached: 才找着, 没睡着, 终于找着 (zháo).
_ATTAINED = _words("才 没 没有 终于 总算 可算")


def _verb(ctx: Context, offset: int) -> bool:
    return ctx.tag(offset) in _VERB_TAGS


def _zhao_result(ctx: Context) -> str | None:
    """着 after a verb is the result complement zháo, "reached", when 了 ends the clause
    after it (睡着了, 火着了) or an adverb of attainment precedes the verb (没找着, 才找着
    钥匙, 终于找着), or after a verb of seeking, an object and a closing 了 (找着钥匙了):
    the durative 着 (看着我, zhe) takes none of these. After 别 it is zháo only
    for being hurt (别冻着, 小心别摔着), zhe otherwise (别站着了, stop standing)."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    ends = nxt[:1] in _CLAUSE_END or (nxt == "了" and _first(ctx, 2) in _CLAUSE_END)
    if ctx.word(-2) in _WARNING or (len(prev) == 2 and prev[0] == "别"):   # 别冻 is a token
        return "zhao2" if prev[-1:] in _HARMED and ends else None
    if nxt == "了" and ends and _is_han(prev):
        return "zhao2"
    if not _verb(ctx, -1) or len(prev) != 1:
        return None
    if nxt == "了" or ctx.word(-2) in _ATTAINED:
        return "zhao2"
    if prev in _SEEKING and any(ctx.word(k) == "了" and _first(ctx, k + 1) in _CLAUSE_END
                                for k in (2, 3)):
        return "zhao2"                  # 我找着钥匙了: found (你带着钥匙了吗 keeps zhe)
    return None


#: Verbs of seeking and reaching, whose 着 before an object and a closing 了 is "found,
#: got" (找着钥匙了, 买着票了): with other verbs that 着 is durative (带着钥匙了吗).
_SEEKING = frozenset("找猜买借抓逮捉碰遇摸够赶")
#: Verbs of being hurt or affected, whose 着 is the result zháo in a warning (别冻着).
_HARMED = frozenset("冻累饿摔吓烫碰伤撞晒淋磕砸闪噎呛冰")
_WARNING = _words("别 不要 可别 千万别 别再 小心 当心")


#: After these 干 is the verb gàn, to do (去干吧, 想干什么, 不想干了).
_DO_AFTER = _words("来 去 想 不想 敢 肯 愿意 打算 准备 接着 继续")


def _gan_dry(ctx: Context) -> str | None:
    """干 right after a one-character verb, ending its clause or before 了, is the result
    gān, dry (喝干了, 擦干, 晒干了). After 来, 去, 想 … it is the verb gàn (去干吧), and so
    is 不干了, to quit (the adjective rule of `rules` would read 不干 as "not dry")."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if prev in _DO_AFTER or (prev == "不" and nxt == "了"):
        return "gan4"
    if len(prev) != 1 or not _verb(ctx, -1) or prev in _NOT_RESULT_VERBS:
        return None
    return "gan1" if nxt in {"了", "净"} or nxt[:1] in _CLAUSE_END else None


def _hao_result(ctx: Context) -> str | None:
    """好 right after a one-character verb is its result, hǎo, done well (睡好, 做好, 准备好
    is a word): hào, to like, is a word's reading (爱好, 好学)."""
    prev = ctx.word(-1)
    if len(prev) == 1 and _verb(ctx, -1) and prev not in {"是", "有", "爱"}:
        return "hao3"
    return None


def _after_ba(ctx: Context) -> bool:
    """A 把 among the few words before this one, in the same clause (把手机落在…)."""
    return _in_clause(ctx, frozenset({"把"}), 4)


def _la_behind(ctx: Context) -> str | None:
    """落 with a 把 object, before 在, 下 or 了, is là, to leave behind (把钥匙落在家里,
    别把东西落下); without 把 it is luò, to fall (树叶落在地上), left to the model."""
    if _after_ba(ctx) and _first(ctx, 1) in {"在", "下", "了"}:
        return "la4"
    return None


#: What follows 背 carrying something: a direction (背起, 背回家, 背到楼上); 上 only in a
#: 把 clause (把箱子背上楼), since 背上 is also "on the back".
_CARRIED_TO = frozenset("起回到进走")


def _bei_carry(ctx: Context) -> str | None:
    """背 before a directional complement is bēi, to carry on the back (背起书包, 把箱子
    背上楼, 把孩子背在背上); 背下来, 背熟 (to memorise, bèi) are left alone, and so is the
    back after 在 or 的 (背在背上: the second 背 is the noun, bèi)."""
    nxt = _first(ctx, 1)
    if ctx.word(-1) in {"在", "的", "到"}:
        return None
    if nxt in _CARRIED_TO or (nxt in {"上", "在"} and _after_ba(ctx)):
        return "bei1"
    return None


#: Secrecy adverbs: 背着父母偷偷… is "behind their back" (bèi).
_SECRETLY = _words("偷偷 悄悄 私自 偷偷地 悄悄地 暗暗 暗中 偷")


def _bei_zhe(ctx: Context, i: int) -> str | None:
    """背着 + a load is bēi, carrying (背着书包, 背着孩子); + a person pronoun, or before a
    secrecy adverb, it is bèi, behind someone's back (背着我哭, 背着父母偷偷…)."""
    if i != 0:
        return "zhe5"
    if ctx.word(1) in _PERSONAL or any(ctx.word(k) in _SECRETLY for k in (1, 2, 3)):
        return "bei4"
    return "bei1" if _is_han(ctx.word(1)) else None


def _le_happy(ctx: Context) -> str | None:
    """乐 on its own as a verb is lè, to be amused (他乐了, 乐得合不拢嘴, 乐坏了); yuè, music,
    lives in words (音乐, 乐器)."""
    nxt, prev = ctx.word(1), ctx.word(-1)
    if nxt in {"了", "着", "得", "坏", "坏了", "起来"} or prev in _PERSONAL:
        return "le4"
    return None


def _liang_measure(ctx: Context) -> str | None:
    """量 as a verb is liáng, to measure: before an aspect particle or 一下 (量了体温, 量一下),
    or doubled (量一量); the noun liàng (雨量, 饭量) is a word the dictionary reads."""
    if ctx.word(-1) == "一" and ctx.word(-2) == "量":      # the second 量 of 量一量
        return "liang2"
    if _counted(ctx):
        return None
    nxt = ctx.word(1)
    if nxt in {"了", "着", "过", "得", "一下", "一量"} or (nxt == "一" and ctx.word(2) == "量"):
        return "liang2"
    return None


def _zhuan_round(ctx: Context) -> str | None:
    """转 in progress is zhuàn, to turn round (风车一直在转, 在转着圈); a turn made once
    (向左转, 转过身) is zhuǎn."""
    if ctx.word(-1) in {"在", "正在", "不停", "一直"} and (
            ctx.word(1)[:1] in _CLAUSE_END or ctx.word(1) in {"着", "来", "去"}):
        return "zhuan4"
    if _first(ctx, 1) in _CLAUSE_END and _in_clause(ctx, _AROUND):
        return "zhuan4"                 # 绕着太阳转, 围着桌子转: going round
    return None


#: Going round something: 绕着/围着 … 转 is zhuàn.
_AROUND = _words("绕 围 绕着 围着 围绕 围绕着")


def _in_clause(ctx: Context, words: frozenset[str], reach: int = 5) -> bool:
    """One of `words` among the few words before this one, in the same clause."""
    for k in range(1, reach + 1):
        w = ctx.word(-k)
        if not w or w[:1] in _CLAUSE_END:
            return False
        if w in words:
            return True
    return False


#: After 有/没 空 is kòng, free time, unless a noun follows (有空位 is a word).
_FREE_BEFORE = _words("有 没 没有")
_FREE_AFTER = _words("了 吗 呢 吧 的 时候 儿 再 就 去 来 陪 帮 给 和 跟")


def _free(ctx: Context) -> str | None:
    nxt = ctx.word(1)
    if nxt[:1] in _CLAUSE_END or nxt in _FREE_AFTER or ctx.tag(1) in rules._V_TAGS:
        return "kong4"
    return None


def _kong_free(ctx: Context) -> str | None:
    """空 after 有 or 没 is kòng, free time (你有空吗, 我没空陪你)."""
    return _free(ctx) if ctx.word(-1) in _FREE_BEFORE else None


def _kong_free_word(ctx: Context, i: int) -> str | None:
    """有空 and 没空 as one token: the same rule for its 空."""
    return _free(ctx) if i == 1 else None


def _dei_when(ctx: Context) -> str | None:
    """得 after a subject and before a time is the modal děi, must (我得六点起床,
    你得明天去)."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if prev not in _MUST_BEFORE or nxt in _NOT_MODAL_AFTER:
        return None
    clock = (len(nxt) >= 2 and nxt.endswith(("点", "点钟", "号"))
             and all(c in _NUMERALS for c in nxt.rstrip("点钟号")))
    return "dei3" if clock or ctx.tag(1) == "t" else None


def _de_after_verb(ctx: Context) -> str | None:
    """得 after a character `rules` reads as a verb before it (数得很快, 教得好: jieba tags
    数 a numeral) and before a degree word or complement is the particle de."""
    nxt = ctx.word(1)
    if ctx.word(-1) not in rules._VERB_BEFORE_ASPECT or _counted(
            Context(ctx.text, ctx.spans, ctx.index - 1, ctx.tags)):
        return None
    if nxt in rules._DEGREE_WORDS or nxt in rules._COMPLEMENTS or nxt[:1] in "很不太真好":
        return "de5"
    return None


def _de_after_adjective(ctx: Context) -> str | None:
    """得 after an adjective is the complement particle de (好得差不多了, 忙得很, 累得
    要命), and so is 得 between a one-character verb and 了 (拿得了, can carry)."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if ctx.tag(-1) in {"a", "ad"} and _is_han(nxt) and prev not in _MUST_BEFORE:
        return "de5"
    if nxt == "了" and len(prev) == 1 and _verb(ctx, -1):
        return "de5"
    return None


def _liao_potential(ctx: Context) -> str | None:
    """了 after a verb and 得 (拿得了这么多吗, 吃得了) is liǎo, can; after a dictionary word
    ending in 得 (我记得了) it is the particle, left to `rules` and the model."""
    prev = ctx.word(-1)
    if prev == "得" and len(ctx.word(-2)) == 1 and _verb(ctx, -2):
        return "liao3"
    if (len(prev) >= 2 and prev[-1] == "得" and not ctx.tag(-1)
            and ctx.tags.get(prev[-2], "") in _VERB_TAGS and prev[-2] not in _OBTAIN_BEFORE):
        return "liao3"                  # jieba's 人拿得 / 了
    return None


def _hao_before_de(ctx: Context) -> str | None:
    """好 before a complement 得 is the adjective hǎo (病好得差不多了, 好得很)."""
    return "hao3" if ctx.word(1) == "得" else None


#: After 重 these say how much heavier (重多了, 重一点): zhòng.
_HEAVIER = _words("多 多了 得多 一点 一点儿 一些 些 不少")


def _zhong_heavy(ctx: Context) -> str | None:
    """重 in a comparison is zhòng, heavy (这个包比那个重多了, 比我重); the rule of `rules`
    for 重 before a verb (重写, chóng) would read 重多 as "again"."""
    if ctx.word(1) in _HEAVIER or (_in_clause(ctx, frozenset({"比"}), 4)
                                   and _first(ctx, 1) in _CLAUSE_END | {"了", "得"}):
        return "zhong4"
    return None


def _ba_final(ctx: Context) -> str | None:
    """吧 ending a clause is the particle ba (走吧, 看电影吧, 好吧？); bā (a bar, 酒吧) is a
    word the dictionary reads."""
    return "ba5" if ctx.word(1)[:1] in _CLAUSE_END and ctx.word(-1) else None


#: Degree words before the adjective 大方, generous (dàfang): 很大方, 真大方, 长得大方.
_DEGREE_BEFORE_GENEROUS = rules._DEGREE_BEFORE_ADJ | {"得"}


def _generous(ctx: Context, i: int) -> str | None:
    """大方 after a degree adverb or 得 is the adjective dàfang, generous, natural (他很
    大方); the noun dàfāng, an expert (贻笑大方), is left to the dictionary and model."""
    if ctx.word(-1) in _DEGREE_BEFORE_GENEROUS:
        return ("da4", "fang5")[i]
    return None


def _fang_generous(ctx: Context) -> str | None:
    """方 left alone after a degree adverb + 大 (jieba cuts 很大方 as 很大/方), ending its
    clause or before 的/了, is the end of 大方, generous: fang (light tone)."""
    prev = ctx.word(-1)
    after = ctx.word(1)
    if (len(prev) == 2 and prev[1] == "大" and prev[0] in "很太真挺好多更最"
            and (after[:1] in _CLAUSE_END or after in {"的", "了", "地"})):
        return "fang5"
    return None


def _de_manner(ctx: Context) -> str | None:
    """地 standing alone between a word of two or more characters and the next word is the
    adverbial particle de (他生气地走了, 大家开心地唱歌), whatever jieba tags that word
    (生气 is a verb); a plot of land after a numeral or a demonstrative stays dì (那块地
    种了麦子), and so does the ground before 上, 下, 里 (…地上)."""
    prev = ctx.word(-1)
    if len(prev) < 2 or not _is_han(prev) or prev[0] in _COUNTING_START:
        return None
    nxt = ctx.word(1)
    if _is_han(nxt) and nxt[:1] not in _PLACE_STARTS:
        return "de5"
    return None


#: After 地 these make it the ground (地上, 地下, 地里): a word jieba may have cut.
_PLACE_STARTS = frozenset("上下里面方区点带球图段位")


_COUNTING_START = rules._COUNTING | frozenset("这那哪")


def _teach(ctx: Context) -> str | None:
    """教 standing alone before what is taught is the verb jiāo (在中学教英语, 教书): jiào,
    a teaching or a religion, lives in words (教育, 宗教, 佛教)."""
    nxt = ctx.word(1)
    return "jiao1" if _is_han(nxt) and nxt[:1] not in _CLAUSE_END else None


#: Before 大夫 the doctor (dàifu): a measure word for people, or seeing or calling one.
_DOCTOR_BEFORE = _words("当 找 看 请 问 叫 去 是 位 名 个 好 老 王 李 张 刘 陈 赵")


def _doctor(ctx: Context, i: int) -> str | None:
    """大夫 counted as a person or seen, called, become (一名大夫, 去看大夫, 当大夫) is the
    doctor, dàifu; the ancient official dàfū (士大夫) is left to the dictionary and model."""
    prev = ctx.word(-1)
    if prev in _DOCTOR_BEFORE or prev[-1:] in {"位", "名", "个", "科"}:
        return ("dai4", "fu5")[i]
    return None


#: Measure-word readings of characters joined to a numeral in one token (三行, 两只, 几处).
_MEASURES = {"行": "hang2", "只": "zhi1", "处": "chu4", "种": "zhong3", "间": "jian1"}


def _counted_word(word: str, i: int, ctx: Context) -> str | None:
    """A numeral + measure word token (三行字, 两只猫): the measure word's reading; 一行人,
    a party, keeps xíng."""
    if i != len(word) - 1 or len(word) < 2 or word[-1] not in _MEASURES:
        return None
    if not all(c in _NUMERALS for c in word[:-1]):
        return None
    if word[-1] == "行" and ctx.word(1).startswith("人"):
        return None
    return _MEASURES[word[-1]]


CHAR_RULES: dict[str, Callable[[Context], str | None]] = {
    "着": _zhao_result,
    "干": _gan_dry,
    "好": _either(_hao_result, _hao_before_de),
    "落": _la_behind,
    "背": _bei_carry,
    "乐": _le_happy,
    "量": _liang_measure,
    "转": _zhuan_round,
    "空": _kong_free,
    "得": _either(_dei_when, _de_after_verb, _de_after_adjective),
    "了": _liao_potential,
    "重": _zhong_heavy,
    "吧": _ba_final,
    "方": _fang_generous,
    "地": _de_manner,
    "教": _teach,
}

#: X得 words where 得 is dé, to obtain (获得, 取得, 所得, 心得, 难得): no complement.
_OBTAIN_BEFORE = frozenset("获取赢求博习所心奖利可难不")
#: Complements after a potential 得 (看得见, 赶得及, 过得去, 差得多, 想得美).
_POTENTIAL_ENDS = frozenset("见及去多美开起住着了上下出到来动完懂透通清好惯")
_DEGREE_STARTS = ("真", "很", "太", "挺", "非常", "特别", "越来越", "这么", "那么", "比较",
                  "相当", "不错")


def _complement_de(word: str, i: int, ctx: Context) -> str | None:
    """得 between a verb and its complement in one token is the light de (看得见, 过得去:
    CC-CEDICT writes de2 in a few of them), and so is 得 closing a token jieba cut before a
    degree word (时间过得真快); dé, to obtain, keeps its words (获得, 取得, 不得不). 了
    after a verb and 得 is the potential liǎo (吃得了)."""
    if (len(word) == 3 and i == 2 and word[1:] == "得了"
            and word[0] not in _OBTAIN_BEFORE):
        return "liao3"                  # 吃得了, can eat it all
    if word[i:i + 1] != "得" or i == 0 or word[i - 1] in _OBTAIN_BEFORE:
        return None
    if len(word) == 3 and i == 1 and word[2] in _POTENTIAL_ENDS:
        return "de5"
    nxt = ctx.word(1)
    if (len(word) == 2 and i == 1 and nxt.startswith(_DEGREE_STARTS)
            and nxt not in {"很多", "很大", "很少", "很久"}):
        return "de5"
    return None


def _stroll(ctx: Context, i: int) -> str | None:
    """转转 with no object (去公园转转, 转转吧) is to stroll round, zhuànzhuan; 转转头
    (zhuǎn, to turn) has one."""
    nxt = ctx.word(1)
    if nxt[:1] in _CLAUSE_END or nxt in {"吧", "了", "去", "看", "呢"}:
        return ("zhuan4", "zhuan5")[i]
    return None


def _one_sleep(ctx: Context, i: int) -> str | None:
    """一觉 as one token is one sleep, jiào (一觉睡到中午): jieba cuts 一觉得 as 一/觉得."""
    return ("yi1", "jiao4")[i]


WORD_RULES: dict[str, Callable[[Context, int], str | None]] = {
    "背着": _bei_zhe,
    "有空": _kong_free_word,
    "没空": _kong_free_word,
    "大方": _generous,
    "一觉": _one_sleep,
    "转转": _stroll,
    "大夫": _doctor,
}


def char_rule(ctx: Context) -> str | None:
    """The reading a rule here, else one in `rules`, gives the single-character token at
    `ctx.index`, or None."""
    rule = CHAR_RULES.get(ctx.word())
    found = rule(ctx) if rule else None
    return found if found is not None else rules.char_rule(ctx)


def word_rule(word: str, i: int, ctx: Context) -> str | None:
    """A rule's reading for character `i` of the multi-character token `word`, or None."""
    rule = WORD_RULES.get(word)
    found = rule(ctx, i) if rule else (_counted_word(word, i, ctx)
                                       or _complement_de(word, i, ctx))
    return found if found is not None else rules.word_rule(word, i, ctx)


def has_word_rule(word: str) -> bool:
    """Whether a word rule may decide `word` (it then comes before a choice between the
    word's dictionary entries: 背着 bēizhe / bèizhe)."""
    return word in WORD_RULES or word in rules.WORD_RULES
