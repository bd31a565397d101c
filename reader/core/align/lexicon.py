"""Bilingual evidence for the aligner: a zh→en key lexicon from CC-CEDICT, plus the
sentence features (sets of matchable "keys") the dynamic program compares.

A Chinese token carries the set of keys it could be rendered by: lemmatised English gloss
words, numbers (`num:180`), months (`month:1`), and the toneless pinyin of names
(`py:chenqingyang`). An English token carries its lemma plus the same kinds of keys. A token
"matches" the other side when one of its keys occurs there. Everything is lower-cased and
stemmed by the same crude suffix stripper on both sides, so "walked" meets the gloss "to walk".

The lexicon is built once from CC-CEDICT (about 2 s) and cached as a pickle in the user's
cache directory, keyed by the CEDICT version and `LEXICON_VERSION`. Its values are sorted
tuples, not frozensets: the garbage collector stops tracking tuples of strings, so its
~190k entries no longer make every full collection (and the aligner's timing) twice as slow.
"""

from __future__ import annotations

import logging
import pickle
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from reader.core import paths
from reader.core.language.cedict import cedict_version, iter_cedict

LEXICON_VERSION = 7                  # 7: values are sorted tuples

Lexicon = dict[str, tuple[str, ...]]


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


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
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
_ZH_MONTH = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,3})月")


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


def _gloss_keys(senses: Iterable[str]) -> set[str]:
    keys: set[str] = set()
    for sense in senses:
        if sense.startswith(("CL:", "variant of", "old variant", "see ", "used in", "also pr")):
            continue
        sense = _BRACKETED_REF.sub(" ", sense)
        for word in _WORD.findall(sense):
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


def _names_files() -> tuple:
    return (paths.resource("align_names.tsv"), paths.data_dir() / "align_names.tsv")


def _names_stamp() -> str:
    """A short checksum of the names files, part of the cache's name: editing them (a
    user's own additions) takes effect at the next start instead of never."""
    import zlib

    crc = 0
    for path in _names_files():
        try:
            crc = zlib.crc32(path.read_bytes(), crc)
        except OSError:
            crc = zlib.crc32(b"-", crc)
    return f"{crc:08x}"


def _load_user_names(lex: dict[str, set[str]]) -> None:
    """`resources/align_names.tsv` (and the user's own copy in the data dir): zh<TAB>English."""
    for path in _names_files():
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            zh, en = line.split("\t", 1)
            lex.setdefault(zh.strip(), set()).update(_gloss_keys([en]))


def build_lexicon() -> Lexicon:
    """zh headword (simplified and traditional) → keys of its English glosses."""
    lex: dict[str, set[str]] = {}
    for entry in iter_cedict():
        keys = _gloss_keys(entry.senses)
        if not keys:
            continue
        for head in {entry.simplified, entry.traditional}:
            lex.setdefault(head, set()).update(keys)
    _load_user_names(lex)
    return {k: tuple(sorted(v)) for k, v in lex.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cached lexicon (pickle in the cache dir; rebuilt when CEDICT, the names files or
    the code change)."""
    try:
        version = cedict_version()
    except OSError:
        version = "unknown"
    cache = paths.cache_dir() / (f"align_lexicon_v{LEXICON_VERSION}_{version}_{_names_stamp()}"
                                 f".pickle")
    if cache.is_file():
        try:
            with cache.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass                                      # corrupt cache: rebuild below
    lex = build_lexicon()
    tmp = cache.with_suffix(".tmp")
    try:
        with tmp.open("wb") as f:
            pickle.dump(lex, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
        for stale in cache.parent.glob("align_lexicon_v*.pickle"):
            if stale != cache:
                stale.unlink(missing_ok=True)         # an older version's lexicon
    except OSError:
        pass                                          # a read-only cache only costs time
    return lex


# --- tokenisation -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(paths.cache_dir())
    tok.initialize()
    return tok


def zh_words(text: str) -> list[str]:
    """Segment Chinese (jieba, HMM on so unknown names come out whole)."""
    return [w for w in _jieba().lcut(text, HMM=True) if w.strip()]


@lru_cache(maxsize=1)
def _syllables() -> dict[int, str]:
    """Code point → toneless pinyin of its first reading ("陈" → "chen", "绿" → "lu")."""
    from pypinyin.pinyin_dict import pinyin_dict

    out = {}
    for cp, readings in pinyin_dict.items():
        first = unicodedata.normalize("NFD", readings.split(",")[0])
        out[cp] = "".join(c for c in first if c.isascii() and c.isalpha())
    return out


@lru_cache(maxsize=65536)
def _pinyin_key(word: str) -> tuple[str, ...]:
    """Keys for a word read as a name: 韦小宝 → py:weixiaobao, py:wei, py:xiaobao.

    Per-character first readings are enough for names and far faster than pypinyin's
    phrase matching.
    """
    table = _syllables()
    syl = [table.get(ord(c), "") for c in word]
    if len(syl) < 2 or not all(syl):
        return ()
    return ("py:" + "".join(syl), "py:" + syl[0], "py:" + "".join(syl[1:]))


@dataclass(frozen=True, slots=True)
class Features:
    """A sentence as the aligner sees it.

    `tokens`: one key set per evidence-bearing token; `keys`: their union (what the other side
    is matched against); `length`: size in characters (Han chars for zh, letters for en).
    """

    tokens: tuple[frozenset[str], ...]
    keys: frozenset[str]
    length: int
    words: tuple[str, ...] = ()       # content words (zh surface, en lemma), for learning
    base: tuple[frozenset[str], ...] = ()   # their keys, parallel to `words` (may be empty)
    extra: tuple[frozenset[str], ...] = ()  # keyed tokens that are not words (marks, months)


def _make(words: list[str], base: list[frozenset[str]], extra: list[frozenset[str]],
          length: int) -> Features:
    tokens = [k for k in base if k] + extra
    union = _intern(frozenset().union(*tokens)) if tokens else frozenset()
    return Features(tuple(tokens), union, length, tuple(words), tuple(base), tuple(extra))


def with_learned(f: Features, learned: dict[str, frozenset[str]]) -> Features:
    """The same sentence with keys learned from the document added to its words."""
    if not learned:
        return f
    base = [_intern(k | learned[w]) if w in learned else k
            for w, k in zip(f.words, f.base, strict=True)]
    return _make(list(f.words), base, list(f.extra), f.length)


def learn_lexicon(zh: Sequence[Features], en: Sequence[Features],
                  beads: Iterable[tuple[Sequence[int], Sequence[int]]], *,
                  min_count: int = 3, min_dice: float = 0.4) -> dict[str, frozenset[str]]:
    """zh word → en lemmas that keep co-occurring in the first pass's beads (Dice score).

    This adapts to each text's own names and terms (韦小宝 rendered as "Trinket") that no
    dictionary knows; only pairs seen together at least `min_count` times are kept.
    """
    cz: Counter[str] = Counter()
    ce: Counter[str] = Counter()
    cze: Counter[tuple[str, str]] = Counter()
    for zs, es in beads:
        if not zs or not es or len(zs) > 2 or len(es) > 4:
            continue
        wz = {w for i in zs for w in zh[i].words}
        we = {w for j in es for w in en[j].words}
        cz.update(wz)
        ce.update(we)
        cze.update(product(wz, we))        # Counter counts an iterable in C: the hot spot
    learned: dict[str, set[str]] = {}
    for (w, e), n in cze.items():
        if n >= min_count and 2 * n / (cz[w] + ce[e]) >= min_dice:
            learned.setdefault(w, set()).add(e)
    return {w: frozenset(es) for w, es in learned.items()}


_OPEN_Q = re.compile(r"(?:^|[\s(—–-])['‘“\"「『](?=[\w.…])")
_CLOSE_Q = re.compile(r"[\w.!?,…—–-]['’”\"」』](?=[\s)—–-]|$)")


def _punct_keys(text: str) -> list[frozenset[str]]:
    """Question and exclamation marks, brackets, and where quoted speech opens and closes."""
    out = []
    if "?" in text or "？" in text:
        out.append(frozenset({"p:?"}))
    if "!" in text or "！" in text:
        out.append(frozenset({"p:!"}))
    if "“" in text or "「" in text or _OPEN_Q.search(text):
        out.append(frozenset({"p:open"}))
    if "”" in text or "」" in text or _CLOSE_Q.search(text):
        out.append(frozenset({"p:close"}))
    if "(" in text or "（" in text:
        out.append(frozenset({"p:paren"}))
    return out


_KEY_CACHE: dict[tuple[int, str], frozenset[str]] = {}
_INTERN: dict[frozenset[str], frozenset[str]] = {}


def _intern(keys: frozenset[str]) -> frozenset[str]:
    """One shared object per distinct key set, so a long book does not hold millions."""
    if len(_INTERN) > 200_000:
        _INTERN.clear()
    return _INTERN.setdefault(keys, keys)


def _word_keys(word: str, lex: Lexicon) -> frozenset[str]:
    """A Chinese word's keys, shared between its occurrences (a book repeats its words)."""
    cached = _KEY_CACHE.get((id(lex), word))
    if cached is not None:
        return cached
    keys: set[str] = set()
    if word[0].isdigit():
        keys.add("num:" + word.replace(",", ""))
    elif word[0].isascii() and word[0].isalpha():
        keys.add(lemma(word))
        keys.add("py:" + word.lower())
    else:
        value = zh_number(word)
        if value is not None:
            if value > 2:
                keys.add(f"num:{value}")
        else:
            keys.update(lex.get(word, ()))
            if not keys and len(word) > 1:          # unknown compound: its parts
                for part in _jieba().lcut_for_search(word, HMM=False):
                    if part != word:
                        keys.update(lex.get(part, ()))
                if not keys:                        # a name or rare word: its characters
                    for ch in word:
                        keys.update(lex.get(ch, ()))
            if _HAN.match(word):
                keys.update(_pinyin_key(word))
    result = frozenset(keys)
    if len(_KEY_CACHE) > 200_000:
        _KEY_CACHE.clear()
    _KEY_CACHE[(id(lex), word)] = result
    return result


def zh_features(text: str, lex: Lexicon | None = None) -> Features:
    lex = lexicon() if lex is None else lex
    extra: list[frozenset[str]] = []
    words: list[str] = []
    base: list[frozenset[str]] = []
    for m in _ZH_MONTH.finditer(text):
        value = int(m.group(1)) if m.group(1).isdigit() else zh_number(m.group(1))
        if value and 1 <= value <= 12:
            extra.append(frozenset({f"month:{value}"}))
    for word in zh_words(text):
        if not (word[0].isalnum() or _HAN.match(word)):
            continue
        if word in ZH_STOP:
            continue
        words.append(word)
        base.append(_word_keys(word, lex))
    extra.extend(_punct_keys(text))
    return _make(words, base, extra, sum(1 for c in text if not c.isspace()))


def en_features(text: str) -> Features:
    tokens: list[frozenset[str]] = []
    lemmas: list[str] = []
    caps_run: list[str] = []

    def add(keys: set[str] | frozenset[str], word: str) -> None:
        tokens.append(_intern(frozenset(keys)))
        lemmas.append(word)

    def flush_caps() -> None:
        if len(caps_run) > 1:
            joined = "py:" + "".join(caps_run)
            for i in range(len(tokens) - len(caps_run), len(tokens)):
                tokens[i] = _intern(tokens[i] | {joined})
        caps_run.clear()

    for word in _WORD.findall(text):
        if word[0].isdigit():
            flush_caps()
            add({"num:" + word.replace(",", "")}, word)
            continue
        low = word.lower().replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if "'" in low:                                 # didn't, I'll, you're: the stem
            low = low[: low.index("'")]
            if low.endswith("n") and low[:-1] in EN_STOP:
                low = low[:-1]
        if low in EN_NUMBERS:
            flush_caps()
            value = EN_NUMBERS[low]
            if value > 2:
                add({f"num:{value}"}, low)
            continue
        if low in EN_MONTHS and word[0].isupper():
            flush_caps()
            add({f"month:{EN_MONTHS[low]}", lemma(low)}, low)
            continue
        if low in EN_STOP:
            flush_caps()
            continue
        stem = lemma(low)
        keys = {stem}
        if "-" in low:
            keys.update(lemma(p) for p in low.split("-") if len(p) > 1 and p not in EN_STOP)
        if word[0].isupper():
            for part in low.split("-"):
                keys.add("py:" + part.replace("'", ""))
            caps_run.append(low.replace("-", "").replace("'", ""))
        else:
            flush_caps()
        add(keys, stem)
    flush_caps()
    return _make(lemmas, tokens, _punct_keys(text), sum(1 for c in text if c.isalpha()))


def warm_up() -> None:
    """Pay the one-off costs (lexicon, jieba's dictionary, pypinyin's tables) up front."""
    lexicon()
    zh_words("预热")
    _pinyin_key("预热")


def zh_features_many(texts: Sequence[str]) -> list[Features]:
    """Features of Chinese sentences; traditional text is analysed through a simplified copy
    (jieba's dictionary is simplified, so it segments traditional text badly)."""
    from reader.core.text.script import is_traditional, to_simplified

    lex = lexicon()
    if is_traditional("".join(texts[:200])):
        texts = [to_simplified(t) for t in texts]
    return [zh_features(t, lex) for t in texts]


def en_features_many(texts: Sequence[str]) -> list[Features]:
    return [en_features(t) for t in texts]
