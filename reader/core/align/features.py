"""Sentences as the aligner's dynamic program sees them: per-token sets of matchable keys.

A Chinese token carries the set of keys it could be rendered by: lemmatised English gloss
words, numbers (`num:180`), months (`month:1`), and the toneless pinyin of names
(`py:chenqingyang`). An English token carries its lemma plus the same kinds of keys. A token
"matches" the other side when one of its keys occurs there. Everything is lower-cased and
stemmed by the same crude suffix stripper on both sides (`words.lemma`), so "walked" meets
the gloss "to walk".

This module is the aligner's per-sentence work (tokenising with jieba, keying words through
the lexicon, punctuation keys) and the lexicon each document teaches itself from the first
pass's beads (`learn_lexicon`); the word lists live in `words`, the CEDICT lexicon in
`lexicon`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from reader.core import paths
from reader.core.align.lexicon import Lexicon, lexicon
from reader.core.align.words import (
    EN_MONTHS,
    EN_NUMBERS,
    EN_STOP,
    WORD,
    ZH_MONTH,
    ZH_STOP,
    lemma,
    zh_number,
)
from reader.core.text.han import HAN


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
            if HAN.match(word):
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
    for m in ZH_MONTH.finditer(text):
        value = int(m.group(1)) if m.group(1).isdigit() else zh_number(m.group(1))
        if value and 1 <= value <= 12:
            extra.append(frozenset({f"month:{value}"}))
    for word in zh_words(text):
        if not (word[0].isalnum() or HAN.match(word)):
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

    for word in WORD.findall(text):
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
