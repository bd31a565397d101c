"""jieba's prefix table packed into two arrays, and saved as plain data in the cache.

jieba keeps its prefix table as a dict of ~646k str keys (~95 MB) and caches it as a marshal
dump that takes ~0.75 s of CPU to load. `CompactFreq` answers the same questions from an
open-addressing table of packed integers (~16 MB) and loads from its own file in
milliseconds; `CompactFreq.dag` builds jieba's DAG directly on it. Kept apart from
`segment` because it is data structure and file format, not segmentation.
"""

from __future__ import annotations

import array
import os
import struct
import tempfile
from pathlib import Path

# jieba's own cache is a marshal dump of its prefix table, which takes ~0.75 s of CPU to load;
# ours is the compact table below, saved as plain arrays (loads in milliseconds). Plain data,
# not pickle: nothing in the cache folder is ever executed.
_HEAD = struct.Struct("<qqqq")   # total, slots, long words, bytes of the character list
_SHORT = 4                       # words this long or shorter are packed into one integer
_BITS = 15                       # bits per character number (1..32767; 0 = unknown)
_MIX = 0x9E3779B1                # spreads runs of neighbouring keys over the table
# The packing parameters are part of the format: a table packed with others would be read
# without error and segment wrongly, so they are in the magic and such a table is rebuilt.
_TABLE_MAGIC = f"duizhao-jieba-table-3-{_SHORT}-{_BITS}-{_MIX:x}\n".encode()
_MISSING = object()


def _table_size(n: int) -> int:
    """A prime about 1.6 × n: the open-addressing table stays fast and small."""
    size = int(n * 1.6) | 1
    while any(size % d == 0 for d in range(3, int(size ** 0.5) + 1, 2)):
        size += 2
    return max(size, 3)


class CompactFreq:
    """jieba's prefix table (word → count, 0 for a mere prefix) in ~15 MB instead of ~95 MB.

    jieba keeps its 646k words and prefixes as str keys of a dict: ~95 MB of the window's
    memory, the largest single item. Here a word of up to four characters becomes one
    integer (15 bits per character, numbered in `chars`) in an open-addressing table of two
    arrays; the 30k longer ones stay in a small dict. Changes (the user's merges) go into an
    overlay dict that is looked at first. `get`, `in`, `[]`, `[]=` and `setdefault` answer
    exactly as jieba's dict did; `dag` is jieba's `get_DAG` over this table, also returning
    each edge's count so `calc` needs no second lookup.
    """

    def __init__(self, chars: str, slots: array.array, counts: array.array,
                 long: dict[str, int], single: array.array | None = None) -> None:
        """Args: `single` as saved with the table (computed when None; see `_single`)."""
        if len(chars) >= 1 << _BITS or len(slots) != len(counts) or not slots:
            raise ValueError("inconsistent jieba table")
        if single is not None and len(single) != len(chars) + 1:
            raise ValueError("inconsistent jieba table")
        self.chars = chars
        self._code = {ch: i + 1 for i, ch in enumerate(chars)}
        self._slots = slots
        self._counts = counts
        self._size = len(slots)
        self._long = long
        self._over: dict[str, int] = {}
        # Count of each character as a one-character fragment (-1: not in the table), by
        # number: the first step from every position is then an index, not a probe. Saved
        # with the table: computing it costs ~15 ms of every start.
        if single is None:
            single = array.array("i", [-1] * (len(chars) + 1))
            for i, ch in enumerate(chars, 1):
                found = self._table(ch)
                single[i] = -1 if found is None else found
        self._single = single

    @classmethod
    def from_dict(cls, freq: dict[str, int]) -> CompactFreq:
        """Pack jieba's dict (first run, or a table saved in an older format)."""
        chars = "".join(sorted({ch for word in freq if len(word) <= _SHORT for ch in word}))
        code = {ch: i + 1 for i, ch in enumerate(chars)}
        short = [(w, c) for w, c in freq.items() if len(w) <= _SHORT]
        if any(not 0 <= c < 1 << 31 for _w, c in short):
            raise ValueError("a count does not fit the packed table")
        size = _table_size(len(short))
        slots = array.array("Q", bytes(8 * size))
        counts = array.array("i", bytes(4 * size))
        for word, count in short:
            key = 0
            for ch in word:
                key = key << _BITS | code[ch]
            h = key * _MIX % size
            while slots[h]:
                h = h + 1 if h + 1 < size else 0
            slots[h] = key
            counts[h] = count
        long = {w: c for w, c in freq.items() if len(w) > _SHORT}
        return cls(chars, slots, counts, long)

    # -- the mapping jieba and the merges use -------------------------------------------
    def _key(self, word: str) -> int | None:
        key = 0
        code = self._code
        for ch in word:
            c = code.get(ch)
            if c is None:
                return None
            key = key << _BITS | c
        return key

    def _table(self, word: str) -> int | None:
        if len(word) > _SHORT or not word:
            return self._long.get(word)
        key = self._key(word)
        if key is None:
            return None
        slots, size = self._slots, self._size
        h = key * _MIX % size
        while True:
            found = slots[h]
            if found == key:
                return self._counts[h]
            if not found:
                return None
            h = h + 1 if h + 1 < size else 0

    def get(self, word: str, default: int | None = None) -> int | None:
        found = self._over.get(word, _MISSING)
        if found is _MISSING:
            found = self._table(word)
        return default if found is None else found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word: str, count: int) -> None:
        self._over[word] = count

    def setdefault(self, word: str, default: int) -> int:
        found = self.get(word)
        if found is None:
            self._over[word] = found = default
        return found

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CompactFreq):
            return NotImplemented
        return (self.chars == other.chars and self._slots == other._slots
                and self._counts == other._counts and self._long == other._long
                and self._over == other._over)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dict it stands for

    # -- jieba's DAG --------------------------------------------------------------------
    def dag(self, sentence: str) -> _DAG:
        """jieba's `get_DAG(sentence)`: for each start, the ends of the words found there
        (or the start itself), while the fragment is still a known prefix."""
        if self._over:
            return self._dag_with_overlay(sentence)
        slots, counts, size, long, mix = self._slots, self._counts, self._size, self._long, _MIX
        single = self._single
        n = len(sentence)
        codes = list(map(self._code.get, sentence))   # None: a character no word has
        dag = _DAG()
        edge_counts = dag.counts
        for k in range(n):
            c = codes[k]
            found = single[c] if c else -1
            if found <= 0:   # absent (-1) or a mere prefix (0)
                ends: list[int] = []
                found_counts: list[int] = []
                if found < 0:
                    dag[k] = [k]
                    edge_counts.append([1])   # jieba: log(FREQ.get(char) or 1)
                    continue
            else:
                ends, found_counts = [k], [found]
            key = c
            i = k + 1
            short_end = min(n, k + _SHORT)
            while i < short_end:             # packed words: one integer per fragment
                c = codes[i]
                if not c:
                    break
                key = key << 15 | c              # _BITS, spelled out: the hot loop
                h = key * mix % size
                s = slots[h]
                if s != key:
                    while s:
                        h = h + 1 if h + 1 < size else 0
                        s = slots[h]
                        if s == key:
                            break
                    else:
                        break
                found = counts[h]
                if found:
                    ends.append(i)
                    found_counts.append(found)
                i += 1
            if i == k + _SHORT:              # a known 4-character prefix: longer words
                while i < n:
                    found = long.get(sentence[k:i + 1])
                    if found is None:
                        break
                    if found:
                        ends.append(i)
                        found_counts.append(found)
                    i += 1
            if not ends:
                ends.append(k)
                found_counts.append(1)
            dag[k] = ends
            edge_counts.append(found_counts)
        return dag

    def _dag_with_overlay(self, sentence: str) -> _DAG:
        """`dag` when the user's merges changed some counts: every fragment via `get`."""
        get = self.get
        n = len(sentence)
        dag = _DAG()
        for k in range(n):
            ends: list[int] = []
            found_counts: list[int] = []
            i = k
            while i < n:
                found = get(sentence[k:i + 1])
                if found is None:
                    break
                if found:
                    ends.append(i)
                    found_counts.append(found)
                i += 1
            if not ends:
                ends.append(k)
                found_counts.append(1)
            dag[k] = ends
            dag.counts.append(found_counts)
        return dag


class _DAG(dict):
    """jieba's DAG (start → word ends) plus, per start, the count of each of those words."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: list[list[int]] = []   # by start position, like the DAG's keys


def save_table(path: Path, table: CompactFreq, total: int) -> bool:
    """Write the packed prefix table (best effort: a failure only costs the next start)."""
    try:
        chars = table.chars.encode("utf-8")
        long_words = "\n".join(table._long).encode("utf-8")
        long_counts = array.array("q", table._long.values())
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".jieba-table-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(_TABLE_MAGIC)
                out.write(_HEAD.pack(total, len(table._slots), len(long_counts), len(chars)))
                out.write(table._slots.tobytes())
                out.write(table._counts.tobytes())
                out.write(long_counts.tobytes())
                out.write(chars)
                out.write(table._single.tobytes())
                out.write(long_words)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, OverflowError):
        return False
    return True


def load_table(path: Path, newer_than: Path) -> tuple[CompactFreq, int] | None:
    """The table saved by `_save_table`, or None when missing, stale, old or damaged.

    The arrays are read straight from the file (no whole-file copy in between).
    """
    try:
        if path.stat().st_mtime < newer_than.stat().st_mtime:
            return None
        with open(path, "rb") as fh:
            if fh.read(len(_TABLE_MAGIC)) != _TABLE_MAGIC:
                return None
            total, size, n_long, n_chars = _HEAD.unpack(fh.read(_HEAD.size))
            if min(size, n_long, n_chars) < 0:
                return None
            slots, counts, long_counts = array.array("Q"), array.array("i"), array.array("q")
            slots.fromfile(fh, size)
            counts.fromfile(fh, size)
            long_counts.fromfile(fh, n_long)
            chars = fh.read(n_chars).decode("utf-8")
            single = array.array("i")
            single.fromfile(fh, len(chars) + 1)
            long_words = fh.read().decode("utf-8").split("\n") if n_long else []
        if len(long_words) != n_long or len(chars.encode("utf-8")) != n_chars:
            return None
        table = CompactFreq(chars, slots, counts, dict(zip(long_words, long_counts,
                                                             strict=True)), single)
    except (OSError, EOFError, ValueError, struct.error, UnicodeDecodeError):
        return None
    return table, total
