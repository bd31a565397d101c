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


# Tone colours (1 red, 2 green, 3 blue, 4 purple, neutral grey), one set per palette.
TONE_COLORS_LIGHT = {1: "#d62728", 2: "#2a8c2a", 3: "#1f5fd1", 4: "#8e3cc7", 5: "#7f7f7f"}
TONE_COLORS_DARK = {1: "#ff6b6b", 2: "#6fd66f", 3: "#6fa8ff", 4: "#c890ff", 5: "#a8a8a8"}


def tone_colors(palette) -> dict[int, str]:  # noqa: ANN001 - QPalette (imported lazily)
    """The tone colours that read well on `palette`'s window colour."""
    from PySide6.QtGui import QPalette

    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return TONE_COLORS_DARK if dark else TONE_COLORS_LIGHT


def tone_qcolors(palette) -> dict:  # noqa: ANN001 - QPalette → {tone: QColor}
    from PySide6.QtGui import QColor

    return {k: QColor(v) for k, v in tone_colors(palette).items()}
