"""Displaying a numbered syllable ("hang2") as tone marks, numbers or zhuyin, with its tone.

Uses the core's `reader.core.pinyin.format_syllable`/`tone_of` when that module provides
them; otherwise pypinyin's converters (the same library the core uses).
"""

from __future__ import annotations

import contextlib
from functools import lru_cache


def _tone(syl: str) -> int:
    return int(syl[-1]) if syl and syl[-1] in "12345" else 5


@lru_cache(maxsize=8192)
def format_syllable(syl: str, style: str = "marks") -> tuple[str, int]:
    """(display text, tone 1-5) for a numbered syllable; style: marks | numbers | zhuyin."""
    syl = syl.strip().replace("u:", "v").replace("ü", "v")
    tone = _tone(syl)
    try:
        from reader.core import pinyin as core_pinyin

        core_format = getattr(core_pinyin, "format_syllable", None)
        core_tone = getattr(core_pinyin, "tone_of", None)
    except ImportError:
        core_format = core_tone = None
    if core_tone is not None:
        with contextlib.suppress(ValueError, TypeError):
            tone = int(core_tone(syl) or 5)
    if core_format is not None:
        try:
            return str(core_format(syl, style)), tone
        except (ValueError, KeyError, TypeError):
            pass
    if style == "numbers":
        return syl.replace("v", "ü"), tone
    from pypinyin.contrib.tone_convert import to_tone

    marked = to_tone(syl if syl[-1:].isdigit() else syl + "5")
    if style == "zhuyin":
        from pypinyin.style.bopomofo import BopomofoConverter

        return BopomofoConverter().to_bopomofo(marked), tone
    return marked, tone
