"""Displaying a numbered syllable ("hang2") as tone marks, numbers or zhuyin, with its tone.

The core's `language.syllables.format_syllable`/`tone_of` do the work; this adds the tone
for colouring, a cache (every painted word asks), and tone marks for a style this version
does not know (a settings file written by a newer version).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # imported where used: not before the first paint
    from PySide6.QtGui import QColor, QPalette


@lru_cache(maxsize=8192)
def format_syllable(syl: str, style: str = "marks") -> tuple[str, int]:
    """(display text, tone 1-5) for a numbered syllable; style: marks | numbers | zhuyin."""
    # Not `service.pinyin`: painting starts before the core (and its reading model) loads.
    from reader.core.service import PINYIN_STYLES, tone_of
    from reader.core.service import format_syllable as core_format

    syl = syl.strip().replace("u:", "v").replace("ü", "v")
    tone = tone_of(syl)
    if style not in PINYIN_STYLES:   # unknown (newer settings): not worth a failure
        style = "marks"
    return core_format(syl, style), tone


# Tone colours (1 red, 2 green, 3 blue, 4 purple, neutral grey), one set per palette.
TONE_COLORS_LIGHT = {1: "#d62728", 2: "#2a8c2a", 3: "#1f5fd1", 4: "#8e3cc7", 5: "#7f7f7f"}
TONE_COLORS_DARK = {1: "#ff6b6b", 2: "#6fd66f", 3: "#6fa8ff", 4: "#c890ff", 5: "#a8a8a8"}


def tone_colors(palette: QPalette) -> dict[int, str]:
    """The tone colours that read well on `palette`'s window colour."""
    from PySide6.QtGui import QPalette

    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return TONE_COLORS_DARK if dark else TONE_COLORS_LIGHT


def tone_qcolors(palette: QPalette) -> dict[int, QColor]:
    from PySide6.QtGui import QColor

    return {k: QColor(v) for k, v in tone_colors(palette).items()}
