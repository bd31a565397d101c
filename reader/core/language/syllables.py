"""One numbered syllable ("lv4") as it is shown: tone marks, numbers or zhuyin, and its tone.

Apart from `pinyin` (which loads the reading model and numpy) because painting the panes and
the gloss card need these from the first paint on, while the core may still be loading:
importing `pinyin` from the GUI thread then would wait for that whole load.
"""

from __future__ import annotations

import re
from typing import Literal

from reader.core.language.tones import marked as _marked

Style = Literal["marks", "numbers", "zhuyin"]
STYLES: tuple[str, ...] = ("marks", "numbers", "zhuyin")

_TONE = re.compile(r"([1-5])$")


# -- syllables -----------------------------------------------------------------------------
def tone_of(syllable: str) -> int:
    """The tone number 1–5 of a numbered syllable (5 = neutral; no digit counts as neutral)."""
    m = _TONE.search(syllable)
    return int(m.group(1)) if m else 5


def format_syllable(syllable: str, style: Style = "marks") -> str:
    """One numbered syllable in a display style: "lv4" → "lǜ" | "lv4" | "ㄌㄩˋ"."""
    if style == "numbers":
        return syllable
    if style not in STYLES:
        raise ValueError(f"unknown pinyin style {style!r}; choose one of {', '.join(STYLES)}")
    numbered = syllable if syllable[-1:].isdigit() else syllable + "5"
    marked = _marked(numbered)
    if marked is None:
        from pypinyin.contrib.tone_convert import to_tone

        marked = to_tone(numbered)
    if style == "marks":
        return marked
    from pypinyin import Style as PStyle
    from pypinyin.style import convert

    try:   # zhuyin has no capitals: a name's syllable (Ma3) is written like any other
        return convert(marked.lower(), PStyle.BOPOMOFO, strict=True) or syllable
    except Exception:  # pragma: no cover - pypinyin has no zhuyin for a few interjections
        return syllable
