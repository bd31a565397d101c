"""What the roles and titles stages share: a document's pieces grouped by unit, which of
them are still undecided, and how much a line reads like a headline."""

from __future__ import annotations

from reader.core.text import shapes
from reader.core.text.meta import ends_sentence
from reader.core.text.rows import Piece, Role, Unit
from reader.core.text.sentences import split_en, split_zh

STRONG = {"zh": 80, "en": 200}
WEAK = {"zh": 50, "en": 120}


def is_open(p: Piece) -> bool:
    """Still undecided text (the stages below may give it a role)."""
    return p.role is Role.BODY and p.why == "" and p.lang in ("zh", "en")


def title_shape(text: str, lang: str) -> str | None:
    """"strong" (no sentence end, not too long), "weak" (one or two short sentences) or
    None: how much a line reads like a headline."""
    if not text or text.rstrip()[-1:] in ":：" or len(text) > STRONG[lang]:
        return None
    if not ends_sentence(text) and not shapes.is_prose(text, lang):
        return "strong"
    if len(text) <= WEAK[lang]:
        splitter = split_zh if lang == "zh" else split_en
        if len(splitter(text)) <= 2:
            return "weak"
    return None


def headline_pair(opens: list[Piece]) -> bool:
    """One line holding a headline in each language: one side has no sentence end, the
    other is at most one sentence ("中文标题, English summary headline.")."""
    if len(opens) != 2 or {p.lang for p in opens} != {"zh", "en"}:
        return False
    kinds = [title_shape(p.text, p.lang) for p in opens]
    if "strong" not in kinds:
        return False
    other = opens[kinds.index("strong") - 1] if kinds.count("strong") == 1 else opens[0]
    splitter = split_zh if other.lang == "zh" else split_en
    return len(other.text) <= STRONG[other.lang or "en"] and len(splitter(other.text)) <= 1


class Doc:
    """Pieces grouped by unit, with the prose flags the rules share."""

    def __init__(self, units: list[Unit], pieces: list[Piece]) -> None:
        self.units = units
        self.pieces = pieces
        self.by_unit: dict[int, list[Piece]] = {}
        for p in pieces:
            self.by_unit.setdefault(p.unit, []).append(p)
        self.order = sorted(self.by_unit)
        # A line whose split is unclear counts as text: it stays for the reader to review.
        self.prose = {id(p): p.split_conf < 0.5 or shapes.is_prose(p.text, p.lang)
                      for p in pieces}

    def is_prose(self, p: Piece) -> bool:
        return self.prose[id(p)]

    def text_units(self) -> list[int]:
        """Units holding undecided prose: the article's running text (a line holding a
        headline in each language is no running text)."""
        out = []
        for u in self.order:
            opens = [p for p in self.by_unit[u] if is_open(p)]
            if not any(self.is_prose(p) for p in opens):
                continue
            if headline_pair(opens):
                continue
            out.append(u)
        return out
