"""Tone marks for numbered pinyin, without pypinyin (its import loads a 55 MB phrase table).

Shared by `pinyin` (display of resolved readings) and `dictionary` (CC-CEDICT's readings), so
the placement rules live in one place.
"""

from __future__ import annotations

import re
import unicodedata

_COMBINING = ("\u0304", "\u0301", "\u030c", "\u0300")   # tones 1-4 as combining marks
_NUMBERED = re.compile(r"^([a-zvüê]+)([1-5])$")


def tone_marks(syllable: str) -> str | None:
    """A numbered syllable with its tone mark ("lv4" → "lǜ", "ng2" → "ńg"), as pypinyin's
    `to_tone` writes it, without importing pypinyin (its import loads a 55 MB phrase table
    the window never needs). None for anything that is not a lower-case numbered syllable.
    """
    m = _NUMBERED.match(syllable)
    if not m:
        return None
    body, tone = m.group(1).replace("v", "ü"), int(m.group(2))
    if tone == 5:
        return body
    # a or e (ê) takes the mark; in "ou" the o; else the last vowel; else m or n (ḿ, ńg).
    for vowel in ("a", "e", "ê", "ou"):
        if vowel in body:
            i = body.index(vowel)
            break
    else:
        i = max((k for k, c in enumerate(body) if c in "iouü"), default=-1)
        if i < 0:
            i = next((k for k, c in enumerate(body) if c in "mn"), -1)
            if i < 0:
                return None
    return unicodedata.normalize("NFC", body[:i + 1] + _COMBINING[tone - 1]) + body[i + 1:]


def marked(numbered: str) -> str | None:
    """Tone marks for what CC-CEDICT and the resolver write, pypinyin-free: lower-case and
    capitalised syllables (Ma3 → Mǎ; Ai4 → Ài, where pypinyin writes Aì) and bare
    punctuation with a light tone (·5 → ·). None for anything else."""
    body = numbered[:-1]
    if numbered.endswith("5") and body and not _LETTER.search(body):
        return body
    if body[:1].isupper() and body[1:] == body[1:].lower():
        lower = tone_marks(numbered[0].lower() + numbered[1:])
        return None if lower is None else lower[0].upper() + lower[1:]
    return tone_marks(numbered)


_LETTER = re.compile(r"[A-Za-züÜêÊ]")


def cedict_marks(pinyin: str) -> str:
    """CC-CEDICT numbered pinyin → tone marks: "yin2 hang2" → "yín háng", "lu:4" → "lǜ".

    A syllable the rules don't cover (e.g. a Latin letter in "3C") is kept as written.
    """
    out = []
    for syllable in pinyin.split(" "):
        numbered = syllable.replace("u:", "v").replace("U:", "V")
        out.append(marked(numbered) or syllable.replace("u:", "ü"))
    return " ".join(out)
