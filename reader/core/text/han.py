"""What counts as a Han character and as CJK punctuation: one definition for the whole app.

Every stage asks the same question (is this Chinese?): the importer splitting a mixed
line, the segmenter, the reading resolver, the aligner, the exports. With a definition
each, a character from an extension block or a compatibility ideograph was Chinese to one
stage and foreign to the next. The blocks are Unicode's CJK Unified Ideographs (with
extensions A to I), the compatibility ideographs, and 〇 (U+3007, the ideographic zero of
dates such as 二〇二四年).
"""

from __future__ import annotations

import re

# Regex character-class body (without brackets), to be embedded in larger patterns.
HAN_CLASS = (
    "\u3007"                      # 〇
    "\u3400-\u4dbf"               # extension A
    "\u4e00-\u9fff"               # the unified ideographs
    "\uf900-\ufaff"               # compatibility ideographs
    "\U00020000-\U0002fa1f"       # extensions B to F, compatibility supplement
    "\U00030000-\U000323af"       # extensions G and H
)
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
#: The unified ideographs block alone (the common characters), for a scan of every one
#: of them (the PDF handout matches radicals to the ideographs a font draws alike).
UNIFIED_IDEOGRAPHS = range(0x4E00, 0xA000)

# Punctuation written with Chinese text: the CJK symbols block's marks and the fullwidth
# forms of ASCII punctuation, plus the curly quotes, ellipsis, dashes and middle dot that
# Chinese typesetting shares with English.
CJK_PUNCT = frozenset(
    "、。〃〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟〰"
    "！＂＃＄％＆＇（）＊＋，－．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～｟｠｡｢｣､･"
    "“”‘’…—·﹏"
)
# Marks that end a Chinese sentence.
ZH_SENTENCE_END = "。！？…"


def is_han(ch: str) -> bool:
    """One character: is it a Han ideograph?"""
    return HAN.fullmatch(ch) is not None


def has_han(text: str) -> bool:
    """Does `text` hold at least one Han character?"""
    return HAN.search(text) is not None


def all_han(text: str) -> bool:
    """Is `text` non-empty and made of Han characters only?"""
    return HAN_RUN.fullmatch(text) is not None


def count_han(text: str) -> int:
    """How many Han characters `text` holds (the length measure of Chinese text)."""
    return len(HAN.findall(text))


def is_cjk_punct(ch: str) -> bool:
    return ch in CJK_PUNCT
