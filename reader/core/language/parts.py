"""The dictionary words a long token is made of (越来越近 → 越来越 + 近, 努力提高 → 努力 + 提高).

jieba keeps runs it has seen together as one token even when no dictionary has the whole
(努力提高, 说得对, 第二行). A reader hovering such a token wants the words inside it, and the
reading resolver wants them too: a word's reading and the grammatical rules only apply to
words, so the resolver reads an unknown token through its parts.

The split covers the token with as few parts as possible, each a known word of two or more
characters or a single character (dynamic programming over the token; between splits with
as many parts, the one with fewer single characters, then the one with the longer first
part: 研究生命 → 研究 + 生命, not 研究生 + 命). Pure and Qt-free; `known` is any predicate
(CC-CEDICT headwords for the card, the reading lexicon for the resolver).
"""

from __future__ import annotations

from collections.abc import Callable

#: Longest part tried (CC-CEDICT has longer headwords, almost all set phrases).
MAX_PART = 8


def split_parts(word: str, known: Callable[[str], bool],
                max_part: int = MAX_PART) -> list[tuple[int, int]]:
    """(start, end) of the parts of `word`: fewest parts, each known or one character.

    Ties between splits with the same number of parts go to the one with fewer single
    characters, then to the one whose earlier parts are longer (a reading order that keeps
    a word's head: 越来越 + 近, not 越来 + 越近 when both were words).

    Args:
        word: the token's text.
        known: True for a dictionary word (asked only of substrings of 2+ characters).
    Returns:
        Spans covering `word` in order; [(0, len(word))] when the whole is known or the
        word has one character.
    """
    n = len(word)
    if n < 2 or known(word):
        return [(0, n)]
    # best[i]: (parts, singles, -first part length …) for word[i:], and the next cut.
    best: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    cut = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice: tuple[int, int, int] | None = None
        for j in range(min(n, i + max_part), i, -1):
            if j - i >= 2 and ((i, j) == (0, n) or not known(word[i:j])):
                continue
            parts, singles = best[j]
            key = (parts + 1, singles + (j - i == 1), -(j - i))
            if choice is None or key < choice:
                choice = key
                cut[i] = j
        assert choice is not None
        best[i] = (choice[0], choice[1])
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        spans.append((i, cut[i]))
        i = cut[i]
    return spans
