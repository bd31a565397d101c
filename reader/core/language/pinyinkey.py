"""Keys for finding a word by its sound, however the pinyin is typed.

"yinhang", "yin2hang2", "yin2 hang2", "yínháng" and CEDICT's "yin2 hang2" reduce to the
same letters ("yinhang"; ü, "u:" and "v" all as "v") and, when tones are given, the same
tone digits without the neutral tone ("22"; 朋友 peng2 you5 → "2", as "péngyou" shows it).
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_LOOKS_LIKE_PINYIN = re.compile(r"^[a-zA-Z:'’\- 1-5\u00fc\u00dc\u0300-\u030c]+$")


def looks_like_pinyin(text: str) -> bool:
    """Latin letters with optional tone marks or digits: a lookup by sound."""
    decomposed = unicodedata.normalize("NFD", text.strip())
    return bool(decomposed) and _LOOKS_LIKE_PINYIN.match(decomposed) is not None \
        and any(ch.isalpha() for ch in decomposed)


def pinyin_key(text: str) -> tuple[str, str]:
    """(letters, tones): "Yín háng" → ("yinhang", "22"); "lu:4" → ("lv", "4");
    toneless input gives no tones ("yinhang" → ("yinhang", ""))."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", text.lower().replace("u:", "v")):
        if ch in _MARKS:
            tones.append(_MARKS[ch])
        elif ch == "\u0308":          # the diaeresis of ü
            if letters and letters[-1] == "u":
                letters[-1] = "v"
        elif ch in "1234":
            tones.append(ch)
        elif "a" <= ch <= "z":
            letters.append(ch)
    return "".join(letters), "".join(tones)
