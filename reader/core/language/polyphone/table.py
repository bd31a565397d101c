"""The reading lexicon on disk, looked up in place: nothing is parsed until it is asked for.

Unpickling the whole lexicon (230k words: CC-CEDICT readings, pypinyin's phrases, jieba's
frequencies and tags, character readings) took ~0.12 s of CPU at every start, all of it
holding the GIL while the window was being built. Here it is one file read into three
buffers (a few milliseconds): an open-addressing hash table of entry numbers (CRC-32 of the
UTF-8 word, linear probing), the entries' offsets, and the entries themselves
(`word NUL record`). A lookup costs about a microsecond and is remembered; a reader's
screen asks a few hundred.

A record holds six fields separated by U+001F: CEDICT entries, pypinyin's phrase reading,
jieba frequency, jieba tag, the character's reading, its reading as a surname (see
`encode_record`). Plain data, not
pickle: nothing in the cache folder is ever executed.
"""

from __future__ import annotations

import array
import os
import struct
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from zlib import crc32

MAGIC = b"duizhao-reading-lexicon-2\n"
_HEAD = struct.Struct("<qqq")   # slots, entries, bytes of the entries
_SEP = "\x1f"
_ABSENT = object()
#: Remembered answers per field before the memo starts afresh (bounds memory on huge runs).
MEMO_LIMIT = 300_000

#: (syllables, proper, senses). `proper` is 0 for an ordinary entry; for a proper noun, a bit
#: mask of the syllables CC-CEDICT capitalises (Ma3 Yun2 → 0b11, A1 li3 ba1 ba1 → 0b1):
#: where the words of a name start.
Entry = tuple[tuple[str, ...], int, int]


def _slots_for(n: int) -> int:
    return max(3, int(n * 1.5) | 1)


def encode_record(entries: Iterable[Entry] | None, phrase: tuple[str, ...] | None,
                  freq: int | None, tag: str | None, char: str | None,
                  surname: str | None = None) -> str:
    """One word's fields as text. `phrase` None: not in pypinyin; () in it without a
    per-character reading."""
    words = ";".join(f"{' '.join(syl)},{int(proper)},{senses}"
                     for syl, proper, senses in entries or ())
    ph = "-" if phrase is None else " ".join(phrase)
    return _SEP.join((words, ph, "" if freq is None else str(freq), tag or "", char or "",
                      surname or ""))


def _entries(field: str) -> tuple[Entry, ...] | None:
    if not field:
        return None
    out = []
    for part in field.split(";"):
        syl, proper, senses = part.split(",")
        out.append((tuple(syl.split(" ")), int(proper), int(senses)))
    return tuple(out)


def _phrase(field: str) -> tuple[str, ...] | None:
    if field == "-":
        return None
    return tuple(field.split(" ")) if field else ()


def _int(field: str) -> int | None:
    return int(field) if field else None


def _text(field: str) -> str | None:
    return field or None


_PARSERS: tuple[Callable[[str], object], ...] = (_entries, _phrase, _int, _text, _text, _text)
WORDS, PHRASES, FREQ, TAGS, CHARS, SURNAMES = range(6)


class Table:
    """Word → record text, read from the file written by `write`."""

    def __init__(self, slots: array.array, offsets: array.array, data: bytes) -> None:
        if len(offsets) < 1 or offsets[-1] != len(data) or not slots:
            raise ValueError("inconsistent lexicon table")
        self._slots = slots
        self._offsets = offsets
        self._data = data
        self._size = len(slots)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def record(self, word: str) -> str | None:
        key = word.encode("utf-8", "surrogatepass")
        slots, offsets, data, size = self._slots, self._offsets, self._data, self._size
        n = len(key)
        h = crc32(key) % size
        while True:
            entry = slots[h]
            if not entry:
                return None
            start = offsets[entry - 1]
            if data.startswith(key, start) and data[start + n] == 0:
                return data[start + n + 1:offsets[entry]].decode("utf-8", "surrogatepass")
            h = h + 1 if h + 1 < size else 0

    @staticmethod
    def write(path: Path, records: dict[str, str]) -> None:
        """Write `records` to `path` atomically (raises OSError)."""
        keys = list(records)
        size = _slots_for(len(keys))
        slots = array.array("I", bytes(4 * size))
        offsets = array.array("Q", [0])
        parts: list[bytes] = []
        pos = 0
        for number, word in enumerate(keys, 1):
            key = word.encode("utf-8", "surrogatepass")
            item = key + b"\0" + records[word].encode("utf-8", "surrogatepass")
            parts.append(item)
            pos += len(item)
            offsets.append(pos)
            h = crc32(key) % size
            while slots[h]:
                h = h + 1 if h + 1 < size else 0
            slots[h] = number
        data = b"".join(parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(MAGIC)
                out.write(_HEAD.pack(size, len(keys), len(data)))
                out.write(slots.tobytes())
                out.write(offsets.tobytes())
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def read(cls, path: Path) -> Table | None:
        """The table in `path`, or None when it is missing, of another format or damaged."""
        try:
            with open(path, "rb") as fh:
                if fh.read(len(MAGIC)) != MAGIC:
                    return None
                size, n, length = _HEAD.unpack(fh.read(_HEAD.size))
                if min(size, n, length) < 0:
                    return None
                slots, offsets = array.array("I"), array.array("Q")
                slots.fromfile(fh, size)
                offsets.fromfile(fh, n + 1)
                data = fh.read(length)
                if len(data) != length or fh.read(1):
                    return None
            return cls(slots, offsets, data)
        except (OSError, EOFError, ValueError, struct.error):
            return None


class Field:
    """One field of a `Table` as a read-only mapping (`get`, `in`, `[]`), answers remembered.

    Stands in for the dict the lexicon held (`Lexicon.words`, `.phrases`, ...).
    """

    def __init__(self, table: Table, index: int) -> None:
        self._table = table
        self._index = index
        self._parse = _PARSERS[index]
        self._memo: dict[str, object] = {}

    def _value(self, word: str) -> object:
        found = self._memo.get(word, _ABSENT)
        if found is not _ABSENT:
            return found
        record = self._table.record(word)
        value = None if record is None else self._parse(record.split(_SEP)[self._index])
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        self._memo[word] = value
        return value

    def get(self, word: str, default: object = None) -> object:
        value = self._value(word)
        return default if value is None else value

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._value(word) is not None

    def __getitem__(self, word: str) -> object:
        value = self._value(word)
        if value is None:
            raise KeyError(word)
        return value
