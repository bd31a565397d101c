"""The reading lexicon: what the dictionaries say a word's characters read as.

CC-CEDICT's words (with proper-noun capitals and senses counts), pypinyin's phrase readings,
jieba's frequencies and part-of-speech tags, each character's first pypinyin reading and its
CC-CEDICT surname reading, built once (about 2 s) into a table file in the cache directory
and read in place from then on (`table`). The resolver (`resolver`) asks it for word-level
evidence; the segmenter asks it which runs are words (`language.merges`). One instance per
process and cache directory (`shared_lexicon`).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reader.core.language.names import PROPER_TAGS, surname_readings
from reader.core.language.polyphone.rules_verbs import USED_TAGS
from reader.core.language.polyphone.table import (
    CHARS,
    FREQ,
    PHRASES,
    SURNAMES,
    TAGS,
    WORDS,
    Field,
    Table,
    encode_record,
)
from reader.core.text.han import all_han

#: A word this frequent in jieba's dictionary is everyday vocabulary: its dictionary reading
#: is final. Below it the model may veto a reading it gives less than the thresholds below.
COMMON_FREQ = 100
#: pypinyin's spellings of the erhua suffix 儿 that CC-CEDICT writes r5.
_SYLLABIC_ER = frozenset({"er2", "er5"})
#: Bump when what `Lexicon.build` stores changes (the cache file name carries it).
LEXICON_SCHEMA = 7



def _norm_cedict(syllable: str) -> str:
    s = syllable.lower().replace("u:", "v")
    return s if s[-1:].isdigit() else s + "5"


def _base_tone(ch: str, syllable: str) -> str:
    """一 and 不 as stored: the dictionaries sometimes bake in tone sandhi (一个 yí, 不是 bú).

    Sandhi is display-only (`pinyin.sandhi`); a light tone (对不起 bu5) is kept.
    """
    if ch == "一" and syllable in ("yi2", "yi4"):
        return "yi1"
    if ch == "不" and syllable == "bu2":
        return "bu4"
    return syllable


@cache
def _tone3(marked: str) -> str:
    from pypinyin.contrib.tone_convert import to_tone3

    return to_tone3(marked, neutral_tone_with_five=True).replace("ü", "v")

# -- word-level evidence -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Evidence:
    """A word's reading for one of its characters, and where it came from.

    kind: "C" ordinary CC-CEDICT word, "CP" CEDICT proper noun, "P" pypinyin phrase,
    "D" the two dictionaries disagree (`alternative` holds the other reading).
    """

    reading: str
    kind: str
    alternative: str | None = None
    common: bool = False
    agreed: bool = False      # CC-CEDICT and pypinyin both have the word and agree


@dataclass
class Lexicon:
    """Word readings (CC-CEDICT, pypinyin phrases), jieba frequencies and tags, char readings."""

    #: word → CC-CEDICT entries (syllables, proper-noun capitals mask or 0, senses).
    words: dict[str, tuple[tuple[tuple[str, ...], int, int], ...]] = field(default_factory=dict)
    #: pypinyin's phrase readings, one numbered syllable per character (`_base_tone`d);
    #: () when pypinyin's entry does not have one reading per character.
    phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    freq: dict[str, int] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    #: pypinyin's first reading of each character (for characters the model does not cover).
    chars: dict[str, str] = field(default_factory=dict)
    #: CC-CEDICT's surname reading of a character (单 → shan4; see `names`).
    surnames: Mapping[str, str] = field(default_factory=dict)
    _memo: dict[tuple[str, int], Evidence | None] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, cache_dir: Path | None = None) -> Lexicon:
        """The lexicon from its cache file (opened in milliseconds, read as it is asked:
        see `table`), built and written on first use (about 2 s).

        The cache lives in the app's cache directory, named after the CC-CEDICT date and
        jieba's and pypinyin's versions, written atomically; a broken cache is rebuilt and
        an unwritable one only skipped (the built lexicon is then used from memory).
        """
        path = _cache_path(cache_dir)
        if path is not None:
            table = Table.read(path)
            if table is not None:
                return cls.on_table(table)
        from reader.core.progress import building

        with building("the reading lexicon (pinyin of words)"):
            lexicon = cls.build()
        if path is not None:
            try:
                Table.write(path, lexicon.records())
            except OSError:
                return lexicon
            table = Table.read(path)
            if table is not None:
                return cls.on_table(table)
        return lexicon

    @classmethod
    def on_table(cls, table: Table) -> Lexicon:
        """A lexicon answering from `table` (see `table.Field`)."""
        return cls(*(Field(table, i)  # type: ignore[arg-type]
                     for i in (WORDS, PHRASES, FREQ, TAGS, CHARS, SURNAMES)))

    def records(self) -> dict[str, str]:
        """Every word's fields as `table` stores them."""
        keys = dict.fromkeys(self.words)
        for more in (self.phrases, self.freq, self.tags, self.chars, self.surnames):
            keys.update(dict.fromkeys(more))
        return {w: encode_record(self.words.get(w), self.phrases.get(w), self.freq.get(w),
                                 self.tags.get(w), self.chars.get(w), self.surnames.get(w))
                for w in keys}

    @classmethod
    def build(cls) -> Lexicon:
        """Read CC-CEDICT (about 1 s), jieba's dictionary and pypinyin's phrase table."""
        from pypinyin.phrases_dict import phrases_dict

        from reader.core.language.cedict import iter_cedict

        words: dict[str, list[tuple[tuple[str, ...], int, int]]] = {}
        singles: list[tuple[str, str, tuple[str, ...]]] = []
        for e in iter_cedict():
            w = e.simplified
            if len(w) < 2:
                singles.append((w, e.pinyin, e.senses))
                continue
            syl = e.pinyin.split()
            if len(syl) != len(w) or not all_han(w):
                continue
            readings = tuple(_base_tone(ch, _norm_cedict(s))
                             for ch, s in zip(w, syl, strict=True))
            capitals = sum(1 << i for i, s in enumerate(syl) if s[:1].isupper())
            words.setdefault(w, []).append((readings, capitals if syl[0][:1].isupper() else 0,
                                            len(e.senses)))
        freq, tags = _jieba_dictionary()
        small_words, small_freq, small_tags = _compact(
            {w: tuple(v) for w, v in words.items()}, freq, tags)
        phrases, chars = _pypinyin_readings(phrases_dict)
        return cls(small_words, phrases, small_freq, small_tags, chars,
                   surname_readings(singles))

    def evidence(self, word: str, i: int) -> Evidence | None:
        """What the dictionaries say character `i` of `word` reads as, if they settle it."""
        key = (word, i)
        try:
            return self._memo[key]
        except KeyError:
            pass
        ev = self._evidence(word, i)
        if len(self._memo) < 500_000:
            self._memo[key] = ev
        return ev

    def _evidence(self, word: str, i: int) -> Evidence | None:
        c, proper = self._cedict(word, i)
        phrase = self.phrases.get(word)
        p = phrase[i] if phrase and len(phrase) == len(word) else None
        common = self.freq.get(word, 0) >= COMMON_FREQ
        if c and p and c != p:
            if c[:-1] == p[:-1] and c.endswith("5"):   # CEDICT's light tone
                return Evidence(c, "CP" if proper else "C", None, common, True)
            if c == "r5" and p in _SYLLABIC_ER:
                # The erhua suffix (这儿 zhèr): pypinyin spells it as a syllable of its own
                # (zhè ér), which is no second opinion; asked, the model picked ér.
                return Evidence(c, "CP" if proper else "C", None, common, True)
            return Evidence(c, "D", p, common)
        if c:
            return Evidence(c, "CP" if proper else "C", None, common, p is not None)
        if p:
            return Evidence(p, "P", None, common)
        return None

    def _cedict(self, word: str, i: int) -> tuple[str | None, bool]:
        entries = self.words.get(word)
        if not entries:
            return None, False
        ordinary = [e for e in entries if not e[1]]
        use = ordinary or list(entries)
        readings = {e[0][i] for e in use}
        if len(readings) == 1:
            return readings.pop(), not ordinary
        # Entries differing only by a light tone (东西 dōngxī / dōngxi): the entry with the
        # most senses is the everyday word; a context rule may still pick the other.
        bases = {r[:-1] for r in readings}
        if len(bases) == 1 and len(readings) == 2 and any(r.endswith("5") for r in readings):
            best = max(use, key=lambda e: e[2])
            return best[0][i], not ordinary
        return None, False

    def rival_entries(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The readings of `word`'s ordinary entries when they differ in more than a light
        tone (大夫 da4 fu1 / dai4 fu5), most senses first; () otherwise."""
        entries = [e for e in self.words.get(word, ()) if not e[1]]
        if len(entries) < 2:
            return ()
        entries.sort(key=lambda e: -e[2])
        readings = tuple(dict.fromkeys(e[0] for e in entries))
        if len(readings) < 2:
            return ()
        for i in range(len(word)):
            if len({r[i][:-1] for r in readings}) > 1:
                return readings
        return ()

    def phrase_entry(self, word: str, entries: Sequence[tuple[str, ...]],
                     ) -> tuple[str, ...] | None:
        """The one entry pypinyin's phrase table agrees with (a light tone matches any)."""
        phrase = self.phrases.get(word)
        if not phrase or len(phrase) != len(word):
            return None
        spoken = phrase
        matches = [r for r in entries
                   if all(a == b or (a.endswith("5") and a[:-1] == b[:-1])
                          for a, b in zip(r, spoken, strict=True))]
        return matches[0] if len(matches) == 1 else None

    def capitals(self, word: str, syllables: Sequence[str | None] = ()) -> int:
        """CC-CEDICT's capitals mask for `word` read as `syllables` (0: no proper-noun
        entry, or an ordinary entry reads the same)."""
        entries = self.words.get(word) or ()
        read = tuple(s for s in syllables)
        same = [e for e in entries if not read or e[0] == read] or list(entries)
        if any(not e[1] for e in same):
            return 0
        # Two proper nouns read alike (阿里巴巴: the company, Ālǐbābā; the tale's Ālǐ
        # Bābā): the one written as fewer words.
        return min((e[1] for e in same if e[1]), key=lambda m: (m.bit_count(), m), default=0)

    def ordinary(self, word: str, syllables: Sequence[str | None] = ()) -> bool:
        """True when CC-CEDICT has `word` as an ordinary (not proper-noun) entry read as
        `syllables` (any reading when none are given)."""
        read = tuple(syllables)
        return any(not e[1] and (not read or e[0] == read)
                   for e in self.words.get(word) or ())

    def known(self, word: str) -> bool:
        """True when either dictionary has `word` (even with several readings)."""
        return word in self.words or word in self.phrases

    def inner(self, text: str, s: int, e: int, pos: int) -> tuple[int, int, Evidence | None]:
        """The longest known word inside `text[s:e]` covering `pos`, with its evidence;
        of two as long, the more frequent (做作业: 作业, not 做作).

        Returns (start, end, evidence); (pos, pos + 1, None) when there is none.
        """
        for length in range(e - s - 1, 1, -1):
            found: tuple[int, int, Evidence] | None = None
            for start in range(max(s, pos - length + 1), min(pos, e - length) + 1):
                word = text[start:start + length]
                ev = self.evidence(word, pos - start)
                if ev is not None:
                    rank = self.freq.get(word, 0)
                    if found is None or rank > found[0]:
                        found = (rank, start, ev)
            if found is not None:
                return found[1], found[1] + length, found[2]
        return pos, pos + 1, None

    def alternatives(self, word: str, i: int) -> tuple[str, ...]:
        """Every reading CEDICT gives character `i` of `word` (for an ambiguous word)."""
        return tuple(dict.fromkeys(e[0][i] for e in self.words.get(word, ())))


def _compact(words: dict[str, tuple[tuple[tuple[str, ...], int, int], ...]],
             freq: dict[str, int], tags: dict[str, str],
             ) -> tuple[dict[str, tuple[tuple[tuple[str, ...], int, int], ...]],
                        dict[str, int], dict[str, str]]:
    """The same answers in far less memory (the lexicon was ~100 MB of the window's RSS).

    Syllables, reading tuples, words and tags are shared objects;
    `freq` keeps only the words at or above COMMON_FREQ (the only question asked of it),
    `tags` only the tags a rule tests and those of proper nouns (any other tag answers like
    a missing one).
    """
    import sys

    shared: dict[object, object] = {}

    def one(obj: object) -> object:
        return shared.setdefault(obj, obj)

    def syllables(readings: tuple[str, ...]) -> tuple[str, ...]:
        return one(tuple(sys.intern(r) for r in readings))  # type: ignore[return-value]

    small_words = {
        sys.intern(w): tuple((syllables(r), proper, senses) for r, proper, senses in entries)
        for w, entries in words.items()}
    small_freq = {sys.intern(w): f for w, f in freq.items() if f >= COMMON_FREQ}
    kept = USED_TAGS | PROPER_TAGS
    small_tags = {sys.intern(w): sys.intern(t) for w, t in tags.items() if t in kept}
    return small_words, small_freq, small_tags


def _pypinyin_readings(phrases_dict: Mapping[str, list[list[str]]],
                       ) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """(word → numbered syllables, char → first numbered reading) from pypinyin's tables.

    Kept in the lexicon cache, so a warm start never imports pypinyin (55 MB, 0.3 s).
    """
    import sys

    from pypinyin.pinyin_dict import pinyin_dict

    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    for word, readings in phrases_dict.items():
        syllables: tuple[str, ...] = ()
        if len(readings) == len(word):
            syllables = tuple(sys.intern(_base_tone(ch, _tone3(r[0])))
                              for ch, r in zip(word, readings, strict=True))
        phrases[sys.intern(word)] = shared.setdefault(syllables, syllables)
    chars = {chr(code): sys.intern(_tone3(marked.split(",")[0]))
             for code, marked in pinyin_dict.items() if marked}
    return phrases, chars


def _cache_path(cache_dir: Path | None) -> Path | None:
    from reader.core import paths
    from reader.core.language.cedict import cedict_version
    from reader.core.language.jiebaload import jieba

    try:
        folder = cache_dir or paths.cache_dir()
        return folder / (f"pinyin-lexicon-{cedict_version()}-jieba{jieba.__version__}"
                         f"-pypinyin{_pypinyin_version()}-v{LEXICON_SCHEMA}.table")
    except OSError:
        return None


def _pypinyin_version() -> str:
    """pypinyin's `__version__`, read from its source: importing pypinyin costs ~0.3 s and
    `importlib.metadata` ~20 ms, at every start."""
    import importlib.util

    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        return "missing"
    with open(spec.origin, encoding="utf-8") as fh:
        m = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", fh.read(), re.M)
    return m.group(1) if m else "unknown"


def _jieba_dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """Frequencies and part-of-speech tags from jieba's own `dict.txt`."""
    from reader.core.language.jiebaload import jieba

    path = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
                if len(parts) >= 3:
                    tags[parts[0]] = parts[2]
    return freq, tags


_lexicons: dict[Path | None, Lexicon] = {}
_lexicons_lock = threading.Lock()


def shared_lexicon(cache_dir: Path | None = None) -> Lexicon:
    """The process-wide lexicon of `cache_dir` (the resolver's and the segmenter's: one
    12 MB table in memory, not two)."""
    with _lexicons_lock:
        found = _lexicons.get(cache_dir)
        if found is None:
            found = _lexicons[cache_dir] = Lexicon.load(cache_dir)
        return found
