"""Names: surname readings in context, and names written in pinyin orthography.

Two jobs share one idea, that a name is read and written by rules of its own.

Reading. Several surnames are read otherwise than the same character in ordinary words
(单 Shàn, 曾 Zēng, 解 Xiè, 区 Ōu, 仇 Qiú, 查 Zhā, 盖 Gě). A character is read as a surname when
the sentence marks it as one: after 姓/叫/名叫 (他姓单, 他叫单明) or before a title or form
of address (曾老师, 解先生, 查经理). The surname readings come from CC-CEDICT's own
"surname X" entries (`surname_readings`), so no list of surnames is kept here.

Writing. The Basic Rules of Hanyu Pinyin Orthography (GB/T 16159) capitalise proper nouns,
write a person's surname and given name as two words (Mǎ Yún, Zhūgě Liàng) and a place or
an organisation as one (Běijīng, Ālǐbābā). CC-CEDICT capitalises exactly the syllables that
start such words (`Ma3 Yun2`, `A1 li3 ba1 ba1`, `Zhu1 ge3 Liang4`), so its proper-noun entry
gives the shape; for a name it lacks, jieba's part-of-speech tag does (nr: person, ns:
place, nt/nz: organisation or other proper noun); without them only a person's name
tagged by jieba and starting with a common surname is written as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


#: jieba's part-of-speech tags of proper nouns.
PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
PROPER_TAGS = PERSON_TAGS | {"ns", "nt", "nz"}
#: Two-character surnames (复姓): the given name starts after them (Ōuyáng Xiū).
COMPOUND_SURNAMES = _words(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 令狐 公孙 慕容 长孙 宇文 司徒 夏侯 端木 西门 南宫 "
    "独孤 轩辕 呼延 闻人 赫连 澹台 申屠 太史 万俟 百里 东郭 公羊 濮阳 淳于 单于 钟离 "
    "宗政 拓跋")
#: Common surnames (the most frequent by population): jieba's dictionary tags many phrases
#: "nr" (越来越近, 努力提高), so its person tag counts only on a word starting with one.
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿"
    "关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华"
    "喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗"
    "瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
#: Words that introduce a name (他姓单, 她叫曾文).
NAME_BEFORE = frozenset({"姓", "叫", "名叫", "叫做", "姓名", "本名", "原名"})
#: Titles and forms of address that follow a surname (曾老师, 解先生, 查经理).
TITLES = _words(
    "先生 女士 小姐 太太 夫人 老师 同学 教授 医生 大夫 师傅 阿姨 叔叔 伯伯 大爷 大妈 大娘 "
    "经理 老板 总经理 董事长 局长 校长 院长 部长 市长 县长 主任 书记 队长 律师 博士 警官 "
    "师父")


def surname_readings(entries: Iterable[tuple[str, str, Sequence[str]]]) -> dict[str, str]:
    """Character → its surname reading ("单" → "shan4"), from CC-CEDICT single-character
    entries (simplified, pinyin, senses) whose pinyin is capitalised and a sense reads
    "surname X". A character with two surname readings (乐 Lè/Yuè) is left out: the
    context model chooses.
    """
    found: dict[str, set[str]] = {}
    for word, pinyin, senses in entries:
        if len(word) != 1 or not pinyin[:1].isupper():
            continue
        if any(sense.startswith("surname ") for sense in senses):
            syllable = pinyin.lower().replace("u:", "v")
            found.setdefault(word, set()).add(syllable if syllable[-1:].isdigit()
                                              else syllable + "5")
    return {ch: readings.pop() for ch, readings in found.items() if len(readings) == 1}


def surname_context(before: str, after: str) -> bool:
    """Whether a word standing between `before` (the previous token, "" at the start) and
    `after` (the next token) starts with a surname. jieba's "nr" tag is no evidence here:
    its dictionary tags single surname characters (阙, 蔚) and transliterations that way."""
    return before in NAME_BEFORE or after in TITLES


# -- orthography ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NameForm:
    """How a proper noun is written: `starts` are the characters that begin a word."""

    kind: str                      # "person" | "place" | "organisation" | "proper"
    starts: tuple[int, ...]


def _kind(tag: str) -> str:
    if tag in PERSON_TAGS:
        return "person"
    return {"ns": "place", "nt": "organisation"}.get(tag, "proper")


def name_form(word: str, tag: str = "", capitals: int = 0, *,
              ordinary: bool = False) -> NameForm | None:
    """The written shape of `word` when it is a proper noun, else None.

    CC-CEDICT's capitals decide; without them only a person's name tagged so by jieba and
    starting with a common or two-character surname counts (jieba's other proper-noun tags
    are too often wrong on words CC-CEDICT lacks), and never a word CC-CEDICT has as an
    ordinary word read the same (`ordinary`): jieba tags 麦子 (wheat) a person's name.

    Args:
        word: the word's characters (simplified).
        tag: its jieba part-of-speech tag ("" when unknown).
        capitals: CC-CEDICT's proper-noun entry as a bit mask of capitalised syllables
            (bit i: syllable i starts a word; 0 when CC-CEDICT has no such entry).
    """
    if capitals:
        starts = tuple(i for i in range(len(word)) if capitals >> i & 1) or (0,)
        return NameForm(_kind(tag) if tag in PROPER_TAGS else "proper", starts)
    if tag in PERSON_TAGS and 2 <= len(word) <= 4 and not ordinary:
        surname = 2 if word[:2] in COMPOUND_SURNAMES and len(word) > 2 else 1
        if surname == 2 or word[0] in COMMON_SURNAMES:
            return NameForm("person", (0, surname))
    return None


def capitals_of(pinyin: str) -> int:
    """CC-CEDICT pinyin → capitals mask ("Ma3 Yun2" → 0b11, "A1 li3 ba1 ba1" → 0b1,
    "yin2 hang2" → 0: an ordinary word)."""
    syllables = pinyin.split()
    if not syllables or not syllables[0][:1].isupper():
        return 0
    return sum(1 << i for i, syl in enumerate(syllables) if syl[:1].isupper())


def cased(syllables: Sequence[str | None], form: NameForm | None) -> list[str | None]:
    """Numbered syllables with the first letter of each word of the name capitalised
    ("ma3", "yun2" → "Ma3", "Yun2"); unchanged when `form` is None."""
    out = list(syllables)
    if form is None:
        return out
    for i in form.starts:
        if i < len(out) and out[i]:
            syl = out[i]
            out[i] = syl[:1].upper() + syl[1:]
    return out


def name_words(syllables: Sequence[str | None],
               form: NameForm | None) -> list[list[str | None]]:
    """The syllables grouped into the words pinyin writes apart (Mǎ | Yún); one group when
    `form` is None."""
    if form is None:
        return [list(syllables)]
    starts = sorted({0, *(i for i in form.starts if 0 < i < len(syllables))})
    bounds = [*starts, len(syllables)]
    return [cased(syllables[a:b], NameForm(form.kind, (0,)))
            for a, b in zip(bounds, bounds[1:], strict=False)]
