"""The one place that converts between code points (core) and UTF-16 units (Qt).

Python indexes strings by code point; `QTextCursor.position()` and `QTextLayout` count
UTF-16 code units, so every character outside the BMP (𠮷, many rare Hanzi) shifts Qt
positions by one. Text without such characters maps 1:1 and pays nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def utf16_len(text: str) -> int:
    """Length of `text` as Qt counts it."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class OffsetMap:
    """Converts offsets inside one string (a paragraph) between code points and UTF-16."""

    __slots__ = ("_astral_cp", "_astral_qt")

    def __init__(self, text: str) -> None:
        # Code-point indices of astral characters, and their UTF-16 starts.
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_qt = [i + n for n, i in enumerate(self._astral_cp)]

    @property
    def identity(self) -> bool:
        return not self._astral_cp

    def to_qt(self, cp: int) -> int:
        """Code-point offset → UTF-16 offset."""
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, qt: int) -> int:
        """UTF-16 offset → code-point offset (a position inside a surrogate pair rounds down)."""
        if not self._astral_qt:
            return qt
        # Each astral character starting before `qt` adds one unit; inside a pair this
        # lands on the pair's own code point.
        return qt - bisect_left(self._astral_qt, qt)
