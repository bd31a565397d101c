"""Undo jieba's merges of a pronoun or particle with the next word (他盛 → 他 + 盛).

jieba's HMM joins an unknown run of characters into one token, and its dictionary has
phrases no word list does (我爱你, 大家好). When such a token starts with a pronoun or a
particle, the learner hovering it gets no dictionary entry, and the reading resolver loses
the word's reading (他盛了一碗汤 read 盛 as shèng). Here such a token is cut into the
pronoun or particle and the dictionary words of the rest (`parts.split_parts`); likewise a
sentence-final particle stuck to the end (好吗). A token that is itself a dictionary word
(他们俩, 我们俩 in pypinyin's list, 你好) is kept whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.core.language.parts import split_parts
from reader.core.text.han import all_han as _han

#: Pronouns and particles that start a token jieba should not have joined (longest first).
LEADING = ("我们", "你们", "他们", "她们", "它们", "咱们", "大家", "我", "你", "他", "她", "它",
           "您", "咱", "的", "了", "着", "过", "吗", "呢", "吧", "地", "得")
#: Sentence-final particles that may stick to the word before them.
TRAILING = frozenset("吗呢吧啊呀嘛")


def split_function_words(text: str, spans: Sequence[tuple[int, int]],
                         known: Callable[[str], bool]) -> list[tuple[int, int]]:
    """`spans` with each unknown token that starts with a pronoun or particle (or ends
    with a final particle) cut into it and the dictionary words of the rest.

    Args:
        text: the analysed (simplified) text the spans index.
        spans: jieba's token spans, in order.
        known: True for a dictionary word of two or more characters.
    """
    out: list[tuple[int, int]] = []
    for s, e in spans:
        word = text[s:e]
        if e - s < 2 or not _han(word) or known(word):
            out.append((s, e))
            continue
        lead = next((p for p in LEADING if word.startswith(p) and len(p) < len(word)), "")
        tail = 1 if word[-1] in TRAILING and len(word) - len(lead) > 1 else 0
        if not lead and not tail:
            out.append((s, e))
            continue
        if lead:
            out.append((s, s + len(lead)))
        middle_start, middle_end = s + len(lead), e - tail
        out.extend((middle_start + a, middle_start + b)
                   for a, b in split_parts(text[middle_start:middle_end], known))
        if tail:
            out.append((e - 1, e))
    return out
