"""Seeded edits of a raw bilingual article that remember where every character came from.

What a user does to an article file between two imports: sentences deleted, added or
rewritten, a paragraph moved, a word changed. Each character of the result carries its
index in the original (None when typed in), so a benchmark knows where a note's text went.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from reader.core.text.han import count_han

Line = list[tuple[str, int | None]]

_SENTENCE_END = re.compile(r"[。！？；!?]+[”」』）]*|\.(?=\s)|\.$")
KINDS = ("delete", "insert", "replace", "word", "word", "move")


@dataclass(frozen=True)
class Edited:
    """The edited text and, per character, its index in the original (None: new)."""

    text: str
    origin: tuple[int | None, ...]
    counts: dict[str, int]


def has_han(text: str) -> bool:
    """A Chinese line, not an English one quoting a Chinese name: mostly Han."""
    return count_han(text) * 3 > len(text.strip())


def _sentences(line: Line) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a line, end-exclusive, spaces after it included."""
    text = "".join(c for c, _ in line)
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        while end < len(text) and text[end] == " ":
            end += 1
        if end > start:
            spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _made_up(rng: random.Random, donor: str) -> str:
    """A new sentence in the donor's language: its words (or character pairs) shuffled."""
    body = donor.strip()
    end = body[-1] if body and not body[-1].isalnum() and not has_han(body[-1]) else ""
    body = body[:len(body) - len(end)]
    if has_han(body):
        parts = [body[i:i + 2] for i in range(0, len(body), 2)]
        rng.shuffle(parts)
        return "".join(parts) + (end or "。")
    words = body.split()
    rng.shuffle(words)
    return (" ".join(words) + (end or ".") + " ") if words else "New words. "


class _Editor:
    def __init__(self, raw: str, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[Line] = []
        base = 0
        for text in raw.split("\n"):
            self.lines.append([(ch, base + i) for i, ch in enumerate(text)])
            base += len(text) + 1
        self.counts: dict[str, int] = {}

    def content(self) -> list[int]:
        """Lines worth editing: a paragraph of one language (not a title, a blank line, a
        quote block, a source link, or English quoting Chinese)."""
        out = []
        for i, line in enumerate(self.lines):
            text = self.text(i)
            mixed = count_han(text) > 0 and not has_han(text)
            if len(line) >= 20 and not mixed and "://" not in text and text[0] not in ">#-":
                out.append(i)
        return out

    def text(self, i: int) -> str:
        return "".join(c for c, _ in self.lines[i])

    def donor(self, han: bool) -> str:
        same = [i for i in self.content() if has_han(self.text(i)) == han]
        chosen = self.rng.choice(same)
        line = self.text(chosen)
        start, end = self.rng.choice(_sentences(self.lines[chosen]) or [(0, len(line))])
        return line[start:end]

    def apply(self, kind: str) -> bool:
        lines = self.content()
        if not lines:
            return False
        i = self.rng.choice(lines)
        line = self.lines[i]
        spans = _sentences(line)
        han = has_han(self.text(i))
        if kind == "move":
            return self.move(i)
        start, end = self.rng.choice(spans)
        if kind == "delete":
            if len(spans) < 2:
                return False      # a paragraph is never emptied: its pair would break
            del line[start:end]
        elif kind in ("insert", "replace"):
            new = [(ch, None) for ch in _made_up(self.rng, self.donor(han))]
            if kind == "insert":
                at = self.rng.choice([s for s, _ in spans] + [len(line)])
                line[at:at] = new
            else:
                line[start:end] = new
        else:
            self.word(line, start, end, han)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return True

    def word(self, line: Line, start: int, end: int, han: bool) -> None:
        """A small edit: a character or two (Chinese), a word (English)."""
        rng = self.rng
        if han:
            at = rng.randrange(start, end)
            op = rng.choice(("sub", "ins", "del"))
            new = [(ch, None) for ch in rng.choice(("公司", "的", "新", "他们", "也"))]
            if op == "sub":
                line[at:at + len(new)] = new
            elif op == "ins":
                line[at:at] = new
            else:
                del line[at:at + rng.randint(1, 2)]
            return
        text = "".join(c for c, _ in line[start:end])
        words = [m.span() for m in re.finditer(r"[A-Za-z]+", text)]
        if not words:
            return
        ws, we = rng.choice(words)
        ws, we = start + ws, start + we
        op = rng.choice(("sub", "ins", "del"))
        new = [(ch, None) for ch in rng.choice(("very", "new", "the", "also", "firm"))]
        if op == "sub":
            line[ws:we] = new
        elif op == "ins":
            line[ws:ws] = new + [(" ", None)]
        elif we < len(line) and line[we][0] == " ":
            del line[ws:we + 1]

    def move(self, i: int) -> bool:
        """Move a paragraph (with its translation when they alternate) before another."""
        han = has_han(self.text(i))
        content = self.content()

        def partner(j: int) -> int | None:
            after = [k for k in content if k > j]
            if after and has_han(self.text(after[0])) != has_han(self.text(j)):
                return after[0]
            return None

        block_end = partner(i) or i
        paired = block_end != i
        starts = [j for j in content if has_han(self.text(j)) == han
                  and not i <= j <= block_end and (partner(j) is not None) == paired]
        if not starts:
            return False
        target = self.rng.choice(starts)
        block = self.lines[i:block_end + 1] + [[]]
        del self.lines[i:block_end + 1]
        removed = block_end + 1 - i
        if i < len(self.lines) and not self.lines[i]:
            del self.lines[i]      # the blank line that followed the block
            removed += 1
        if target > block_end:
            target -= removed
        self.lines[target:target] = block
        self.counts["move"] = self.counts.get("move", 0) + 1
        return True

    def result(self) -> Edited:
        chars: list[tuple[str, int | None]] = []
        for n, line in enumerate(self.lines):
            if n:
                chars.append(("\n", None))
            chars.extend(line)
        return Edited("".join(c for c, _ in chars), tuple(o for _, o in chars),
                      dict(self.counts))


def edit(raw: str, rate: float, seed: int) -> Edited:
    """`raw` with about `rate` of its sentences edited (at least one edit)."""
    rng = random.Random(seed)
    editor = _Editor(raw, rng)
    sentences = sum(len(_sentences(editor.lines[i])) for i in editor.content())
    wanted = max(1, round(rate * sentences))
    done = tries = 0
    while done < wanted and tries < wanted * 20:
        tries += 1
        done += editor.apply(rng.choice(KINDS))
    return editor.result()
