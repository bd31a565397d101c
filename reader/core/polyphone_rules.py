"""Context rules for the particles and verbs a word dictionary cannot settle on its own.

A rule looks at the tokens around one character that stands alone as a token (得, 地, 还,
中, 长, 数, 着 …) and either names its reading or abstains. Rules fire only on clear
grammatical patterns (an adverbial word before 地, a verb before 得 + degree word); anything
else goes to the context model. Each rule is a plain function so tests can pin it down.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass


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
#: Words that follow a degree complement's 得 (跑得很快, 说得清楚, 死得较为突然).
_DEGREE_WORDS = _words(
    "很 太 非常 十分 特别 更 更加 越 越来越 极 极其 挺 真 好 多 不 那么 这么 如此 较 "
    "较为 比较 最 相当 格外 有点 有些 一塌糊涂 要命 厉害 够 还 也 都 过 快 慢 清楚 明白 "
    "好看 高 远 早 晚 满 出")
_PERSONAL = _words("我 你 他 她 它 我们 你们 他们 她们 咱们 咱 大家 谁 人")
_MUST_BEFORE = _words("就 还 也 都 总 总是 可 又 这 那 我 你 他 她 我们 你们 他们 她们 "
                      "咱们 大家 谁")
#: After 得 these make it 得到-like (de2), never the modal dei3.
_NOT_MODAL_AFTER = _words("了 到 出 知 以 奖 分 胜 手 逞 罪 意 益 失 当 宜 力 天 票 "
                          "病 救 利 名 主 道 过 着 很")
_RETURNED = _words("钱 债 款 账 书 清 回 给 礼 本 贷款 借款 欠款 东西 车 人情")
_RETURN_BEFORE = _words("没 没有 不 借 归 偿 退 要 去 来 得 想 会 能 该 应该 必须 按时 "
                        "及时 已经 已 未 尚未 如数 赶紧 快 先 再")
_DEGREE_BEFORE_LONG = _words("最 很 太 更 较 多 非常 那么 这么 越 特别 比较 挺 真 好 够 "
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


def _is_han(word: str) -> bool:
    return bool(word) and all("\u3400" <= ch <= "\u9fff" for ch in word)


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
    """得 between a verb and a degree word is de (跑得很快); after a subject, dei3 (他得去)."""
    prev, nxt = ctx.word(-1), ctx.word(1)
    if not _is_han(prev):
        return None
    if ctx.tag(-1) in _VERBAL_TAGS and (nxt in _DEGREE_WORDS or ctx.tag(1) in _DESCRIPTIVE_TAGS):
        return "de5"
    verbal = (ctx.tag(1) in _NEXT_VERBAL_TAGS
              or (len(nxt) >= 2 and nxt[0] == nxt[1])            # 得好好学习
              or nxt.startswith(("赶紧", "马上", "立刻", "尽快", "先", "再", "把", "给")))
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
    return None


def _zhong(ctx: Context) -> str | None:
    """中 + 了/过/奖 … is zhòng, to hit (中了头奖)."""
    return "zhong4" if ctx.word(1) in _HIT_AFTER else None


def _chang(ctx: Context) -> str | None:
    """长 after a degree word is cháng (最长的河); before 大/高 it is zhǎng (长高了)."""
    if ctx.word(-1) in _DEGREE_BEFORE_LONG or ctx.word(1) in {"而", "达", "约", "于"}:
        return "chang2"
    if ctx.word(1) in _GROW_AFTER and ctx.word(-1) in _PERSONAL | {"又", "都", "已经", "快"}:
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


_RESULT_AFTER_NONG = frozenset("干清不得坏脏懂明好成到出来去走丢错乱湿破醒死伤掉上下回碎断")


def _nong(ctx: Context) -> str | None:
    """弄 the verb (弄干, 弄清楚, 弄不好) is nòng; lòng is the lane of Shanghai addresses."""
    return "nong4" if _first(ctx, 1) in _RESULT_AFTER_NONG else None


def _pu(ctx: Context) -> str | None:
    """铺 the verb, with a result or place after it (铺上, 铺在, 铺满), is pū."""
    return "pu1" if _first(ctx, 1) in set("上在满开设成着好平到于") else None


def _sa(ctx: Context) -> str | None:
    """撒 scattering something somewhere (撒在, 撒上, 撒入) is sǎ."""
    return "sa3" if _first(ctx, 1) in set("在上入到下满向于遍") else None


def _cang(ctx: Context) -> str | None:
    """藏 after 所/收/珍/储 … is the verb cáng (所藏, 珍藏); 西藏 is a word anyway."""
    return "cang2" if ctx.word(-1)[-1:] in set("所收珍储隐躲埋冷馆典暗深") else None


def _zha(ctx: Context) -> str | None:
    """炸 frying food (油炸, 续炸, 炸鸡) is zhá; bombing (轰炸, 炸弹) is zhà."""
    if ctx.word(-1)[-1:] in set("油煎续干复再") or _first(ctx, 1) in set("鸡鱼薯酱糕串肉丸虾"):
        return "zha2"
    return None


def _ai(ctx: Context) -> str | None:
    """挨 suffering something (挨打, 挨饿, 挨骂) is ái; being next to (紧挨, 挨着) is āi."""
    nxt = _first(ctx, 1)
    if nxt in set("打饿骂批揍冻罚整刀枪训宰"):
        return "ai2"
    if nxt in set("着近家个肩门户次") or ctx.word(-1)[-1:] in set("紧相"):
        return "ai1"
    return None


_ARMIES = frozenset("魏蜀吴秦楚汉晋唐宋元明清敌名主副武猛部参守裨良骁女老干虎战降")


def _jiang(ctx: Context) -> str | None:
    """将 the general (魏将, 参将) is jiàng: after a state or rank, before a pause or 的."""
    nxt = ctx.word(1)
    if ctx.word(-1)[-1:] in _ARMIES and (not _is_han(nxt) or nxt in {"的", "之", "后", "等", "们"}):
        return "jiang4"
    return None


def _chu(ctx: Context) -> str | None:
    """处 counted or pointed at (一处, 几处, 此处) is the noun chù."""
    return "chu4" if ctx.word(-1)[-1:] in set("一二三四五六七八九十几多数各某此何每") else None


_NOT_MODAL_YING = _words("对 付 用 邀 征 聘 试 战 变 运 激 届 召 酬 允 承 和 声 验")


def _ying(ctx: Context) -> str | None:
    """应 before a verb is the modal yīng, "should" (应追溯至, 应由)."""
    nxt = ctx.word(1)
    if ctx.tag(1) in _MODAL_NEXT_TAGS and nxt not in _NOT_MODAL_YING and _is_han(nxt):
        return "ying1"
    return None


def _shao(ctx: Context) -> str | None:
    """少 after a degree word (很少, 绝少, 较少) is shǎo, few."""
    return "shao3" if ctx.word(-1)[-1:] in set("很绝较极甚稀缺减至最太过不") else None


def _cheng(ctx: Context) -> str | None:
    """盛 filling a bowl (盛饭, 盛汤, 盛满) is chéng (盛水期, 盛放: shèng, abundant)."""
    return "cheng2" if _first(ctx, 1) in set("饭米汤满酒菜粥装") else None


def _zhan(ctx: Context) -> str | None:
    """粘 sticking something somewhere (粘在, 粘上, 粘住) is zhān (粘着性能: nián)."""
    return "zhan1" if _first(ctx, 1) in set("在上住到满成起于") else None


def _ding(ctx: Context) -> str | None:
    """钉 the verb, nailing something (钉在, 钉上, 钉死) is dìng."""
    return "ding4" if _first(ctx, 1) in set("在上住死牢入进着到") else None


def _jiao(ctx: Context) -> str | None:
    """教 teaching someone (教人, 教我, 教书) is jiāo."""
    nxt = ctx.word(1)
    return "jiao1" if nxt in _PERSONAL or nxt in {"书", "人", "孩子", "学生"} else None


def _pao(ctx: Context) -> str | None:
    """刨 digging (刨出, 刨坑, 刨土) is páo; the carpenter's plane is bào."""
    return "pao2" if _first(ctx, 1) in set("出坑土地开塌根挖掘树") else None


_CAPITAL_BEFORE = frozenset("建定迁奠首古陪帝京故旧国成")
_DOU_AFTER = _words("是 有 在 不 没 没有 要 会 能 可以 很 已 已经 曾 曾经 将 被 把 给 从 对 比 "
                    "来 去 还 也 分别 一样 一致 相同 非常 十分 得 一直 没能")


def _dou(ctx: Context) -> str | None:
    """都 before a verb or adverb is dōu, "all"; a capital (建都, 迁都) is dū."""
    if ctx.word(-1)[-1:] in _CAPITAL_BEFORE:
        return None
    if ctx.word(1) in _DOU_AFTER or ctx.tag(1) in _DOU_NEXT_TAGS:
        return "dou1"
    return None


CHAR_RULES: dict[str, Callable[[Context], str | None]] = {
    "都": _dou,
    "挨": _ai,
    "将": _jiang,
    "处": _chu,
    "应": _ying,
    "少": _shao,
    "盛": _cheng,
    "粘": _zhan,
    "钉": _ding,
    "教": _jiao,
    "刨": _pao,
    "弄": _nong,
    "铺": _pu,
    "撒": _sa,
    "藏": _cang,
    "炸": _zha,
    "地": _de_ground,
    "得": _de_obtain,
    "还": _huan,
    "中": _zhong,
    "长": _chang,
    "数": _shu,
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
