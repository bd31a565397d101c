"""Traditional ↔ simplified helpers for analysing traditional text through a simplified copy.

The segmenter and the reading model work on simplified characters; a traditional article is
displayed as written. `to_simplified` therefore guarantees `len(out) == len(text)`, so every
code-point offset found in the copy is valid in the original.

We apply OpenCC's own t2s tables (TSPhrases + TSCharacters, shipped in
opencc-python-reimplemented, first candidate of each entry) ourselves rather than calling
`OpenCC("t2s").convert()`: that pure-Python converter takes ~1 s on a 400k-character text
where `str.translate` plus a phrase regex takes ~0.03 s, and it promises nothing about
length. Here a phrase is used only when it maps to the same number of code points; every
other character falls back to its single-character mapping, or stays as it is.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path


def _dictionary_text(name: str) -> str:
    """One of OpenCC's dictionary files, found without importing opencc (4 ms at start-up)."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-python-reimplemented is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "dictionary" / name).read_text(encoding="utf-8")


def _read_table(name: str) -> dict[str, str]:
    """key → first candidate, from one of OpenCC's tab-separated dictionary files."""
    table: dict[str, str] = {}
    for line in _dictionary_text(name).splitlines():
        key, _, values = line.partition("\t")
        if key and values:
            table[key] = values.split(" ")[0]
    return table


@lru_cache(maxsize=1)
def _t2s_tables() -> tuple[dict[int, str], dict[str, str], re.Pattern[str] | None]:
    """(char translate table, same-length phrase table, phrase regex)."""
    chars = {
        ord(k): v for k, v in _read_table("TSCharacters.txt").items()
        if len(k) == 1 and len(v) == 1 and k != v
    }
    phrases = {
        k: v for k, v in _read_table("TSPhrases.txt").items() if len(k) == len(v) > 1
    }
    pattern = None
    if phrases:
        alternatives = sorted(phrases, key=len, reverse=True)  # longest first
        pattern = re.compile("|".join(map(re.escape, alternatives)))
    return chars, phrases, pattern


@lru_cache(maxsize=1)
def _script_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(characters only used in traditional text, characters only used in simplified)."""
    ts_all: dict[str, list[str]] = {}
    st_all: dict[str, list[str]] = {}
    for name, target in (("TSCharacters.txt", ts_all), ("STCharacters.txt", st_all)):
        for line in _dictionary_text(name).splitlines():
            key, _, values = line.partition("\t")
            if key and values:
                target[key] = values.split(" ")
    simplified_forms = {v for vs in ts_all.values() for v in vs}
    traditional_forms = {v for vs in st_all.values() for v in vs}
    trad_only = frozenset(k for k, vs in ts_all.items()
                          if len(k) == 1 and k not in vs and k not in simplified_forms)
    simp_only = frozenset(k for k, vs in st_all.items()
                          if len(k) == 1 and k not in vs and k not in traditional_forms)
    return trad_only, simp_only


def script_counts(text: str) -> tuple[int, int]:
    """How many characters of `text` are traditional-only and simplified-only forms."""
    trad_only, simp_only = _script_sets()
    trad = simp = 0
    for ch in text:
        if ch in trad_only:
            trad += 1
        elif ch in simp_only:
            simp += 1
    return trad, simp


def is_traditional(text: str) -> bool:
    """True when `text` is written in traditional characters (more traditional-only forms
    than simplified-only ones). Text with neither (pure shared characters, Latin) is not."""
    trad, simp = script_counts(text)
    return trad > simp


def to_simplified(text: str) -> str:
    """A simplified copy of `text` with exactly the same length (code points).

    Characters without a simplified form, and everything non-Chinese, are kept as they are.
    """
    chars, phrases, pattern = _t2s_tables()
    out = text.translate(chars)
    if pattern is None or len(out) != len(text):  # translate maps 1→1; belt and braces
        return out if len(out) == len(text) else text
    # Phrase exceptions (e.g. 瞭解 → 了解 where 瞭 alone stays) override per-char results.
    pieces: list[str] = []
    last = 0
    for m in pattern.finditer(text):
        pieces.append(out[last:m.start()])
        pieces.append(phrases[m.group()])
        last = m.end()
    if not pieces:
        return out
    pieces.append(out[last:])
    result = "".join(pieces)
    return result if len(result) == len(text) else out
