"""Context rules for the particles and verbs a word dictionary cannot settle on its own.

A rule looks at the tokens around one character that stands alone as a token (得, 地, 还,
中, 长, 数, 着 …) and either names its reading or abstains. Rules fire only on clear
grammatical patterns, keyed on grammatical words (degree adverbs, numerals, pronouns,
aspect particles, locative and directional complements), never on lists of particular
content words: an adverbial word before 地, a verb before 得 + degree word. Anything else
goes to the context model. Each rule is a plain function so tests can pin it down.

The examples in this module are written for it; none is taken from an evaluation set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reader.core.text.han import all_han as _is_han


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: jieba part-of-speech tags of adverbial / descriptive words (before 地 → de5).
_ADVERBIAL_TAGS = frozenset({"d", "ad", "a", "z", "b", "i", "l", "an", "ag", "dg"})
_VERBAL_TAGS = frozenset({"v", "vn", "vi", "vd", "vg", "a", "ad", "an", "ag"})
_NEXT_VERBAL_TAGS = frozenset({"v", "vi", "vn", "d", "ad", "l", "i"})
_DESCRIPTIVE_TAGS = frozenset({"a", "ad", "d"})
_V_TAGS = frozenset({"v", "vi"})
_MODAL_NEXT_TAGS = frozenset({"v", "vi", "p"})
_DOU_NEXT_TAGS = frozenset({"d", "v", "ad", "vn"})
#: Every tag a rule tests: the lexicon keeps only words with one of these (others read as "").
USED_TAGS = (_ADVERBIAL_TAGS | _VERBAL_TAGS | _NEXT_VERBAL_TAGS | _DESCRIPTIVE_TAGS | _V_TAGS
             | _MODAL_NEXT_TAGS | _DOU_NEXT_TAGS)
#: Endings of adverbial words jieba may not know (创造性地, 不由自主地, 一般地).
_ADVERBIAL_ENDINGS = tuple("性然般样切力意断渐默悄静轻慢快紧烈细好")
#: Words that follow a degree complement's 得 (跑得很快, 说得清楚, 写得较为仔细).
_DEGREE_WORDS = _words(
    "很 太 非常 十分 特别 更 更加 越 越来越 极 极其 挺 真 好 多 不 那么 这么 如此 较 "
    "较为 比较 最 相当 格外 有点 有些 一塌糊涂 要命 厉害 够 还 也 都 过 快 慢 清楚 明白 "
    "好看 高 远 早 晚 满 出")
_PERSONAL = _words("我 你 他 她 它 我们 你们 他们 她们 咱们 咱 大家 谁 人")
#: Result and state complements a verb's 得 introduces (说得对, 来得早, 看得清楚).
_COMPLEMENTS = _words("对 错 好 早 晚 多 少 快 慢 远 近 准 动 完 懂 见 清 像 怎么样 比 跟 "
                      "这么 那么 一样 太 挺 真 要命 厉害")
#: What starts the word after a modal 得 (得赶紧走, 得多穿点, 得早点睡).
_MODAL_NEXT_STARTS = ("赶紧", "马上", "立刻", "尽快", "先", "再", "把", "给", "多", "早",
                      "少", "快", "好好", "自己", "跟", "和", "在")
#: Tokens that end a clause (punctuation, or nothing: the end of the text), plus the final
#: particles a clause may end with.
_CLAUSE_END = frozenset("，。！？；：、,.!?;:…吗呢吧啊") | {""}
_MUST_BEFORE = _words("就 还 也 都 总 总是 可 又 这 那 我 你 他 她 我们 你们 他们 她们 "
                      "咱们 大家 谁")
#: After 得 these make it 得到-like (de2), never the modal dei3.
_NOT_MODAL_AFTER = _words("了 到 出 知 以 奖 分 胜 手 逞 罪 意 益 失 当 宜 力 天 票 "
                          "病 救 利 名 主 道 过 着 很")
_RETURNED = _words("钱 债 款 账 书 清 回 给 礼 本 贷款 借款 欠款 东西 车 人情")
_RETURN_BEFORE = _words("没 没有 不 借 归 偿 退 要 去 来 得 想 会 能 该 应该 必须 按时 "
                        "及时 已经 已 未 尚未 如数 赶紧 快 先 再")
_DEGREE_BEFORE_LONG = _words("最 很 太 更 较 多 非常 那么 这么 越 特别 比较 挺 真 好 够 不够 不太 "
                             "有点 有些 多么 "
                             "极 极其 十分 相当 不")
_GROW_AFTER = _words("大 高 胖 满 出 成 了 得 起来 出来 着 在 于")
_HIT_AFTER = _words("了 过 奖 标 弹 毒 签 计 招 风 暑 邪 彩 选")
_COUNT_AFTER = _words("一数 一下 钱 了数 数 不清 不过来 得清 一遍 星星 人数 着")
_EAST_WEST = _words("方向 走向 长 宽 向 两 横 纵 距离 之间 两侧 两岸 两端 南北 贯通 长约 "
                    "宽约 延伸 横贯 对峙 方 双方 文化 交流 相距 全长 长度 宽度 直径 部 "
                    "跨度 绵延")
_EAST_WEST_BEFORE = _words("南北 横贯 贯穿 贯通 横跨 纵横 跨越 沟通 连接 中")


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may look at: the analysed (simplified) text and its token spans."""

    text: str
    spans: Sequence[tuple[int, int]]
    index: int                      # which token
    tags: Mapping[str, str]         # word → jieba part-of-speech tag

    def word(self, offset: int = 0) -> str:
        i = self.index + offset
        if 0 <= i < len(self.spans):
            s, e = self.spans[i]
            return self.text[s:e]
        return ""

    def tag(self, offset: int = 0) -> str:
        return self.tags.get(self.word(offset), "")


def _de_ground(ctx: Context) -> str | None:
    """地 after an adverbial word and before a verb is the particle de (慢慢地走)."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if not _is_han(nxt) or not _is_han(prev):
        return None
    adverbial = (
        (len(prev) >= 2 and prev[-1] == prev[-2])            # 慢慢 悄悄 渐渐
        or (len(prev) >= 2 and ctx.tag(-1) in _ADVERBIAL_TAGS)
        or (len(prev) >= 2 and prev.endswith(_ADVERBIAL_ENDINGS))
    )
    return "de5" if adverbial else None


def _de_obtain(ctx: Context) -> str | None:
    """得 after a verb is the complement particle de (跑得很快, 写得漂亮, 说得对, 走得了);
    after a subject and before a verb or adverb it is the modal dei3 (他得去, 你得多睡);
    得 as the verb dé (他得了奖) is left to the dictionary and the model."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if not _is_han(prev):
        return None
    complement = _is_han(nxt) and (
        nxt in _DEGREE_WORDS or nxt in _COMPLEMENTS or ctx.tag(1) in _DESCRIPTIVE_TAGS
        or nxt.startswith(("不", "很", "太", "挺", "真", "好", "非常", "特别"))
        or (len(nxt) >= 2 and nxt[0] == nxt[1])                  # 洗得干干净净
        or len(nxt) == 4                                         # 笑得合不拢嘴
        or (nxt == "了" and ctx.word(2)[:1] in _CLAUSE_END))      # 走得了吗
    # A verb, or a compound ending in one (歌唱 → 唱): 唱歌唱得真好听.
    verb_before = (ctx.tag(-1) in _VERBAL_TAGS
                   or (len(prev) >= 2 and ctx.tags.get(prev[-1], "") in _V_TAGS))
    if complement and prev not in _MUST_BEFORE and verb_before:
        return "de5"
    verbal = (ctx.tag(1) in _NEXT_VERBAL_TAGS
              or (len(nxt) >= 2 and nxt[0] == nxt[1])            # 得好好学习
              or nxt.startswith(_MODAL_NEXT_STARTS))
    if prev in _MUST_BEFORE and _is_han(nxt) and nxt not in _NOT_MODAL_AFTER and verbal:
        return "dei3"
    return None


def _huan(ctx: Context) -> str | None:
    """还 with something returned after it is huán (还钱, 没还我钱)."""
    nxt, nxt2, prev = ctx.word(1), ctx.word(2), ctx.word(-1)
    if nxt in _RETURNED:
        return "huan2"
    if nxt in _PERSONAL and nxt2 in _RETURNED:
        return "huan2"
    if prev in _RETURN_BEFORE and (nxt in _PERSONAL or nxt == "了") and prev not in {"来", "去"}:
        return "huan2"
    # hái never ends a clause: 按时还。, 明天还你。
    if _is_han(prev) and (nxt[:1] in _CLAUSE_END
                          or (nxt in _PERSONAL and ctx.word(2)[:1] in _CLAUSE_END)):
        return "huan2"
    return None


def _zhong(ctx: Context) -> str | None:
    """中 + 了/过/奖 … is zhòng, to hit (中了头奖)."""
    return "zhong4" if ctx.word(1) in _HIT_AFTER else None


def _chang(ctx: Context) -> str | None:
    """长 after a degree word, or before 而/达/约/于, is the adjective cháng (这条路很长,
    长约五米). As a verb, to grow, it is zhǎng: before a result or direction (长大, 长高,
    长出), before 得 (长得像妈妈), before 着 or 了 + an amount (长着胡子, 长了一岁,
    长了很多) and after a subject (他长高了)."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if prev in _DEGREE_BEFORE_LONG or nxt in {"而", "达", "约", "于"}:
        return "chang2"
    if nxt in _GROW_AFTER - {"了", "于"} or nxt.startswith(("出", "成", "满")):
        return "zhang3"
    if nxt in {"了", "过"} and (ctx.word(2)[:1] in _NUMERALS
                                or ctx.word(2) in {"很多", "不少", "好多", "许多"}):
        return "zhang3"
    if nxt in _GROW_AFTER and prev in _PERSONAL | {"又", "都", "已经", "快"}:
        return "zhang3"
    return None


def _shu(ctx: Context) -> str | None:
    """数 as a verb is shǔ (数一数, 数钱)."""
    nxt, prev = ctx.word(1), ctx.word(-1)
    if nxt in _COUNT_AFTER or (nxt == "一" and ctx.word(2) == "数"):
        return "shu3"
    if prev in {"一", "了"} and ctx.word(-2) == "数":
        return "shu3"
    return None


def _zhao(ctx: Context) -> str | None:
    """着 in a potential complement (找不着, 睡得着) is zháo."""
    if ctx.word(-1) in {"不", "得"} and ctx.tag(-2) in _V_TAGS:
        return "zhao2"
    return None


def _first(ctx: Context, offset: int) -> str:
    return ctx.word(offset)[:1]


def _counted(ctx: Context) -> bool:
    """The word before is a numeral or a demonstrative: what follows is a measure word or a
    noun (三种, 这处, 几只), not a verb."""
    prev = ctx.word(-1)
    return prev in _DEMONSTRATIVES or (bool(prev) and all(c in _COUNTING for c in prev))


#: Locative and directional complements: after one of them a character is a verb.
_VERB_COMPLEMENTS = frozenset("上下在到于入进满住开起成着遍向")
#: Characters whose verb reading differs from their noun or adjective one.
_VERB_READINGS = {
    "铺": "pu1",     # to spread (铺上桌布) vs pù, a shop
    "钉": "ding4",   # to nail (钉在墙上) vs dīng, a nail
    "粘": "zhan1",   # to stick (粘在手上) vs nián, sticky
    "撒": "sa3",     # to sprinkle (撒上芝麻) vs sā, to let go
}


def _verb_before_complement(ctx: Context) -> str | None:
    """A verb-or-noun character followed by a locative or directional complement (在, 上,
    到, 满 …) is the verb: 把桌布铺在桌上 pū, 把芝麻撒上 sǎ."""
    reading = _VERB_READINGS.get(ctx.word())
    return reading if reading and _first(ctx, 1) in _VERB_COMPLEMENTS else None


def _nong(ctx: Context) -> str | None:
    """弄 on its own is the verb nòng (弄坏了, 别弄丢); lòng, a lane, is a word the
    dictionary reads (弄堂, 里弄) or a house number's lane (五十八弄)."""
    prev = ctx.word(-1)
    if prev and prev[-1] in _NUMERALS:
        return None
    return "nong4"


_NUMERALS = frozenset("一二三四五六七八九十百千万零〇两几0123456789")
_COUNTING = _NUMERALS | frozenset("多数各某此何每")
_DEMONSTRATIVES = _words("这 那 哪 每 某 各 几")
#: Verbs whose noun or measure-word reading differs, read as the verb before a complement
#: 得 or an aspect particle (教得好, 处得来, 数了三遍, 种了树) unless counted (有三种了).
_VERB_BEFORE_ASPECT = {"教": "jiao1", "处": "chu3", "数": "shu3", "种": "zhong4"}


def _verb_before_aspect(ctx: Context) -> str | None:
    """教, 处, 数, 种 before 得/了/着/过 are verbs (jiāo, chǔ, shǔ, zhòng); 种 before a
    locative complement too (种在花盆里)."""
    reading = _VERB_BEFORE_ASPECT.get(ctx.word())
    if reading is None or _counted(ctx):
        return None
    if ctx.word(1) in {"得", "了", "着", "过"}:
        return reading
    if ctx.word() == "种" and _first(ctx, 1) in _VERB_COMPLEMENTS:
        return reading
    return None


def _zhi(ctx: Context) -> str | None:
    """只 after a numeral or a demonstrative is the measure word zhī (这只猫, 两只鸟, 要哪只),
    unless a verb or adverb follows (这只说明…, "only")."""
    if _counted(ctx) and ctx.tag(1) not in _NEXT_VERBAL_TAGS:
        return "zhi1"
    return None


#: One-character result complements of 调, to adjust (调小, 调高, 调好): tiáo. 调到 and
#: 调入 stay open (调到北京, transferred: diào).
_TUNED_TO = frozenset("大小高低亮暗快慢好匀准松紧淡浓")


def _tiao(ctx: Context) -> str | None:
    """调 before an adjective as its result is tiáo, to adjust (把音量调小, 调高一度)."""
    return "tiao2" if ctx.word(1) in _TUNED_TO else None


def _cha(ctx: Context) -> str | None:
    """差 before an amount is chà, short of (还差五块钱, 差两分钟)."""
    return "cha4" if _first(ctx, 1) in _NUMERALS else None


#: After the adverb 倒 (dào, "yet, on the contrary": 我倒觉得不错); 倒不 is left open
#: (倒不了, cannot fall: dǎo).
_AFTER_ADVERB_DAO = _words("觉得 也 挺 很 还 没 没有 真 是 希望 想")


def _dao(ctx: Context) -> str | None:
    """倒 between a subject and a verb or adverb is the adverb dào (我倒觉得, 这倒也好)."""
    return "dao4" if ctx.word(1) in _AFTER_ADVERB_DAO and ctx.word(-1) else None


_MEI_BEFORE = _words("还 也 都 就 又 并 可 却 从来 根本 一直 从 再 已")


def _mei(ctx: Context) -> str | None:
    """没 standing alone is méi, "not", before a verb, an adjective or 有/了/过, or after a
    subject or an adverb (他没来, 还没好, 我没钱); mò (to sink, to confiscate) lives in words
    the dictionary reads (沉没, 没收) and classical text (没于) is left to the model."""
    nxt, prev = ctx.word(1), ctx.word(-1)
    if ctx.tag(1) in _VERBAL_TAGS | _NEXT_VERBAL_TAGS or nxt[:1] in {"有", "了", "过"}:
        return "mei2"
    if prev in _PERSONAL or prev in _MEI_BEFORE:
        return "mei2"
    return None


def _either(*rules: Callable[[Context], str | None]) -> Callable[[Context], str | None]:
    """The first reading any of `rules` gives."""
    def rule(ctx: Context) -> str | None:
        return next((r for r in (f(ctx) for f in rules) if r is not None), None)
    return rule


def _chu(ctx: Context) -> str | None:
    """处 after a numeral or a demonstrative (两处, 几处, 此处, 各处) is the noun chù, a place."""
    return "chu4" if ctx.word(-1)[-1:] in _COUNTING else None


_NOT_MODAL_YING = _words("对 付 用 邀 征 聘 试 战 变 运 激 届 召 酬 允 承 和 声 验")


def _ying(ctx: Context) -> str | None:
    """应 directly before a verb is the modal yīng, "should" (应遵守, 应注意); the verb-
    initial yìng words (应对, 应用, 应邀 …) are excluded."""
    nxt = ctx.word(1)
    if ctx.tag(1) in _MODAL_NEXT_TAGS and nxt not in _NOT_MODAL_YING and _is_han(nxt):
        return "ying1"
    return None


#: Degree adverbs: after one of them 少 is shǎo, few (很少, 太少, 最少).
_DEGREE_BEFORE_FEW = frozenset("很太最较极甚过更挺不")


def _shao(ctx: Context) -> str | None:
    """少 after a degree adverb is shǎo, few (人很少, 太少了)."""
    return "shao3" if ctx.word(-1)[-1:] in _DEGREE_BEFORE_FEW else None


def _jiao(ctx: Context) -> str | None:
    """教 before the person taught (教我, 教他们, 教人) is the verb jiāo."""
    return "jiao1" if ctx.word(1) in _PERSONAL else None


_CAPITAL_BEFORE = frozenset("建定迁奠首古陪帝京故旧国成")
_DOU_AFTER = _words("是 有 在 不 没 没有 要 会 能 可以 很 已 已经 曾 曾经 将 被 把 给 从 对 比 "
                    "来 去 还 也 一样 非常 十分 得 一直")


def _dou(ctx: Context) -> str | None:
    """都 before a verb or adverb is dōu, "all" (大家都来了); after a word for founding or
    moving a capital (建都, 迁都) it is dū."""
    if ctx.word(-1)[-1:] in _CAPITAL_BEFORE:
        return None
    if ctx.word(1) in _DOU_AFTER or ctx.tag(1) in _DOU_NEXT_TAGS:
        return "dou1"
    return None


#: Degree adverbs and negation before an adjective (很重, 太干, 不难, 很薄).
_DEGREE_BEFORE_ADJ = _DEGREE_BEFORE_LONG | _words("有点 有些 这么 那么 多么 不太 太不")
#: Characters whose reading as an adjective differs from their other readings.
_ADJECTIVE_READINGS = {
    "重": "zhong4",  # heavy (行李很重) vs chóng, again
    "干": "gan1",    # dry (天气很干) vs gàn, to do
    "难": "nan2",    # hard (数学不难) vs nàn, disaster
    "薄": "bao2",    # thin (这本书很薄), the spoken reading of the adjective
    "好": "hao3",    # good (很好) vs hào, to like
    "差": "cha4",    # poor (成绩很差) vs chā, difference
}


#: After 重 these say how heavy (重达三吨, 重约五斤): zhòng.
_WEIGHS = frozenset("达约逾近过于在是有为")


def _adjective(ctx: Context) -> str | None:
    """A character that is an adjective after a degree adverb or 不 (很重, 太干, 不难);
    重 right before a one-character verb is chóng, again (重写, 重做一遍)."""
    if ctx.word(-1) in _DEGREE_BEFORE_ADJ:
        return _ADJECTIVE_READINGS.get(ctx.word())
    nxt = ctx.word(1)
    if (ctx.word() == "重" and len(nxt) == 1 and ctx.tag(1) in _V_TAGS
            and nxt not in _WEIGHS):
        return "chong2"
    return None


def _hang(ctx: Context) -> str | None:
    """行 after a numeral or an ordinal is the measure word háng, a row or line (第二行,
    两行字); 一行人, a party of people, keeps xíng."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if prev[-1:] in _NUMERALS and not nxt.startswith("人"):
        return "hang2"
    return None


def _jiao_sleep(ctx: Context) -> str | None:
    """觉 after a measure word or an adjective is the noun jiào, a sleep (睡了一个好觉)."""
    return "jiao4" if ctx.word(-1)[-1:] in {"个", "好", "场", "午", "懒"} else None


def _cheng(ctx: Context) -> str | None:
    """盛 followed by an aspect particle, a complement or an amount is the verb chéng, to
    ladle or fill (盛了一碗汤, 盛满水)."""
    nxt = ctx.word(1)
    if nxt in {"了", "着", "过", "在", "到"} or nxt[:1] in _NUMERALS or nxt.startswith("满"):
        return "cheng2"
    return None


def _liao(ctx: Context) -> str | None:
    """了 after a potential 得 or 不 that follows a verb, ending the clause, is liǎo (跑得了吗,
    吃不了)."""
    if (ctx.word(-1) in {"得", "不"} and ctx.tag(-2) in _VERBAL_TAGS
            and ctx.word(1)[:1] in _CLAUSE_END):
        return "liao3"
    return None


def _wei(ctx: Context) -> str | None:
    """为 before a person is the preposition wèi, "for" (我们为他高兴, 为你们服务), unless a
    passive 所 follows (为他所用, wéi)."""
    if ctx.word(1) in _PERSONAL - {"人"} and "所" not in (ctx.word(2), ctx.word(3)):
        return "wei4"
    return None


def _dai(ctx: Context) -> str | None:
    """待 before 着/在, or 了 + a length of time, is dāi, to stay (一个人待着, 待在家里,
    待了三天); otherwise dài (to treat, to wait) is left to the dictionary and the model.
    在 may start the next word (待/在家/里: the parts of a token jieba kept whole)."""
    nxt = ctx.word(1)
    if nxt == "着" or nxt.startswith("在") or (nxt == "了" and ctx.word(2)[:1] in _NUMERALS):
        return "dai1"
    return None


CHAR_RULES: dict[str, Callable[[Context], str | None]] = {
    "为": _wei,
    "待": _dai,
    **dict.fromkeys(_ADJECTIVE_READINGS, _adjective),
    "差": _either(_adjective, _cha),
    "倒": _dao,
    "行": _hang,
    "觉": _jiao_sleep,
    "盛": _cheng,
    "了": _liao,
    "都": _dou,
    "处": _either(_chu, _verb_before_aspect),
    "只": _zhi,
    "没": _mei,
    "种": _verb_before_aspect,
    "调": _tiao,
    "应": _ying,
    "少": _shao,
    "教": _either(_jiao, _verb_before_aspect),
    "弄": _nong,
    **dict.fromkeys(_VERB_READINGS, _verb_before_complement),
    "地": _de_ground,
    "得": _de_obtain,
    "还": _huan,
    "中": _zhong,
    "长": _chang,
    "数": _either(_shu, _verb_before_aspect),
    "着": _zhao,
}


def _east_west(ctx: Context, i: int) -> str | None:
    """东西 in a direction sense (东西方向, 横贯东西) is dōngxī, else "thing" dōngxi."""
    if i != 1:
        return None
    if ctx.word(1) in _EAST_WEST or ctx.word(-1) in _EAST_WEST_BEFORE:
        return "xi1"
    return None


def _hit_twice(ctx: Context, i: int) -> str | None:
    """中中 before 了/过 is "in the middle of … hit" (比赛中中了头奖), not 中中 "average"."""
    if ctx.word(1) in {"了", "过"}:
        return "zhong1" if i == 0 else "zhong4"
    return None


WORD_RULES: dict[str, Callable[[Context, int], str | None]] = {
    "东西": _east_west,
    "中中": _hit_twice,
}


def word_rule(word: str, i: int, ctx: Context) -> str | None:
    """A rule's reading for character `i` of the multi-character token `word`, or None."""
    rule = WORD_RULES.get(word)
    return rule(ctx, i) if rule else None


def char_rule(ctx: Context) -> str | None:
    """The reading a rule gives the single-character token at `ctx.index`, or None."""
    rule = CHAR_RULES.get(ctx.word())
    return rule(ctx) if rule else None
