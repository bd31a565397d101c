"""The aligner's vocabulary: which words carry evidence and which key each one gives.

Both sides of a sentence pair, and CC-CEDICT's glosses, are turned into the same kinds of
keys: a lemmatised English word, a number (`num:180`) or a month (`month:1`). This module
holds the word lists and the rules behind those keys (stop words, CEDICT's metalanguage,
irregular forms, the crude stemmer, English and Chinese numerals), so that the lexicon
(`lexicon`), the user's names (`names`) and the sentence features (`features`) key a word
the same way: "walked" in a sentence meets the gloss "to walk" only because both go
through `lemma` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


def _words_list(text: str) -> list[str]:
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English function words (and CEDICT's metalanguage): they carry no alignment evidence.
EN_STOP = _words("""
a an the and or but nor of to in on at by for with from into onto upon about as than then
so such that this these those there here it its it's is are was were be been being am do
does did done have has had having will would shall should can could may might must not no
yes i me my mine we us our ours you your yours he him his she her hers they them their
theirs who whom whose which what when where why how all any each every both either neither
some one's oneself sb sth sb's sth's etc also very too just only even still yet more most
much many if else while because though although up down out off over under again once
let like s t d ll ve re m o
""")

# Words of CC-CEDICT's metalanguage that describe a headword rather than translate it.
GLOSS_META = _words("""
used particle indicate indicating expressing marker classifier cl abbr abbreviation variant
surname bound euph lit fig pr pronounced modal interjection onomatopoeia suffix prefix
kangxi radical esp sth sb e g ie
""")

# Chinese function words left out of the evidence (their glosses are English stopwords or
# metalanguage, so they would only dilute the match ratio).
ZH_STOP = _words("""
的 了 着 过 是 在 和 与 及 也 都 就 又 还 把 被 让 给 这 那 这个 那个 这样 那样 他 她 它 我 你
您 他们 她们 它们 我们 你们 咱们 自己 一 个 一个 不 没 没有 有 之 而 则 即 但 但是 却 于 以 因为
所以 如果 就是 吧 吗 呢 啊 呀 嘛 么 哦 得 地 所 者 其 此 该 什么 怎么 这么 那么 很 太 再 才 已
已经 这些 那些 这里 那里 们 便
""")

# Irregular English verb forms → base form, so "said" meets the gloss "to say".
IRREGULAR = dict(pair.split(":") for pair in _words_list("""
said:say went:go gone:go came:come saw:see seen:see made:make got:get gotten:get told:tell
took:take taken:take felt:feel gave:give given:give heard:hear thought:think knew:know
known:know left:leave sat:sit stood:stand began:begin begun:begin became:become grew:grow
grown:grow ran:run brought:bring bought:buy caught:catch fought:fight found:find held:hold
kept:keep led:lead lost:lose meant:mean met:meet paid:pay put:put sent:send spent:spend
slept:sleep spoke:speak spoken:speak stole:steal stolen:steal struck:strike swam:swim
taught:teach threw:throw thrown:throw understood:understand woke:wake wore:wear worn:wear
won:win wrote:write written:write ate:eat eaten:eat drank:drink drunk:drink drove:drive
driven:drive fell:fall fallen:fall flew:fly flown:fly forgot:forget forgotten:forget
hid:hide hidden:hide hung:hang hit:hit hurt:hurt lay:lie laid:lay lit:light rode:ride
ridden:ride rang:ring rose:rise risen:rise sang:sing sung:sing sank:sink shook:shake
shaken:shake shot:shoot shut:shut sold:sell sought:seek stuck:stick swore:swear
tore:tear torn:tear broke:break broken:break chose:choose chosen:choose drew:draw
drawn:draw dug:dig fed:feed fled:flee forgave:forgive froze:freeze frozen:freeze
bit:bite bitten:bite blew:blow blown:blow bore:bear born:bear beat:beat bent:bend
built:build burnt:burn dealt:deal dreamt:dream knelt:kneel leapt:leap learnt:learn
lent:lend smelt:smell spat:spit spun:spin split:split spread:spread sprang:spring
stank:stink stung:sting strode:stride swept:sweep swung:swing wept:weep wound:wind
men:man women:woman children:child feet:foot teeth:tooth mice:mouse geese:goose
better:good best:good worse:bad worst:bad
"""))


WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*")   # an English word or a number
_BRACKETED_REF = re.compile(r"[^\s\[\]]*\[[^\]]*\]")   # 宜蘭縣|宜兰县[Yi2 lan2 Xian4]

EN_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1000000, "billion": 1000000000, "first": 1, "second": 2, "third": 3,
    "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
EN_MONTHS = {m: i + 1 for i, m in enumerate(_words_list(
    "january february march april may june july august september october november december"))}
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}
_ZH_NUM = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
ZH_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Crude English stemmer: the same on glosses and text, which is all matching needs.

    Cached: a text repeats its words, and the suffix rules are the hot part of `en_features`.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    w = IRREGULAR.get(w, w)
    n = len(w)
    if n <= 3:
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("ing", ""), ("ed", ""),
                         ("ed", "e"), ("es", ""), ("ly", ""), ("s", "")):
        if w.endswith(suffix) and n - len(suffix) + len(repl) >= 3:
            w = w[: n - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsaeiou":
        w = w[:-1]                                  # running → runn → run
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]                                  # "move"/"moved" → "mov"
    return w


def zh_number(text: str) -> int | None:
    """Value of a Chinese numeral like 十六, 一百八十, 三千五百 (None when not one)."""
    if not text or not _ZH_NUM.fullmatch(text):
        return None
    if all(c in _ZH_DIGITS for c in text) and len(text) > 1:     # 一八〇 read digit by digit
        return int("".join(str(_ZH_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, 0
    for c in text:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        else:
            unit = _ZH_UNITS[c]
            if unit >= 10000:
                total += (section + digit) * unit
                section, digit = 0, 0
            else:
                section += (digit or 1) * unit
                digit = 0
    return total + section + digit


def gloss_keys(senses: Iterable[str]) -> set[str]:
    """Keys of CEDICT senses (or a name's English): content words lemmatised, numbers, months."""
    keys: set[str] = set()
    for sense in senses:
        if sense.startswith(("CL:", "variant of", "old variant", "see ", "used in", "also pr")):
            continue
        sense = _BRACKETED_REF.sub(" ", sense)
        for word in WORD.findall(sense):
            if word[0].isdigit():
                keys.add("num:" + word.replace(",", ""))
                continue
            low = word.lower().strip("'-")
            if low in EN_MONTHS:
                keys.add(f"month:{EN_MONTHS[low]}")
            if low in EN_NUMBERS:
                keys.add(f"num:{EN_NUMBERS[low]}")
                continue
            if low in EN_STOP or low in GLOSS_META or len(low) < 2:
                continue
            keys.add(lemma(low))
            if "-" in low:                             # "ice-cold" also glosses "cold"
                keys.update(lemma(p) for p in low.split("-")
                            if len(p) > 1 and p not in EN_STOP and p not in GLOSS_META)
    return keys
