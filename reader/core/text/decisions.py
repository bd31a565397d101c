"""The user's corrections from the review view, stored apart from the parse and applied
again after every parse, so a newer importer never undoes them.

A decision names a row by its source line and a hash of its text (`Row.key`), not by a
row index: a newer importer may cut the text into different rows, and a line edited by the
user changes its hash, which makes the decision lapse rather than hit the wrong text. Kinds:

* `role`  — the row takes `role` (and `lang`, when given): "this is a caption", "this is
  English text, not a title". The row is locked: no later rule changes it.
* `split` — the row is cut at `at` (an offset in its text) into two rows; each part's
  language is read again, their role is the row's own.
* `merge` — the row and the next row of the same line range become one.

Decisions that find no row are returned unused by `unmatched`, for the UI to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.text.rows import Piece, Role, Unit, text_key
from reader.core.text.runs import split_unit


@dataclass(frozen=True, slots=True)
class Decision:
    """One correction; `key` is the row's `Row.key` ("<line>:<text hash>")."""

    key: str
    kind: str                  # "role" | "split" | "merge"
    role: str | None = None
    lang: str | None = None
    at: int | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in (("key", self.key), ("kind", self.kind), ("role", self.role),
                                  ("lang", self.lang), ("at", self.at)) if v is not None}

    @classmethod
    def from_dict(cls, d: dict) -> Decision:
        return cls(str(d["key"]), str(d["kind"]), d.get("role"), d.get("lang"), d.get("at"))


def piece_key(units: list[Unit], p: Piece) -> str:
    return f"{units[p.unit].line}:{text_key(p.text)}"


def _find(units: list[Unit], pieces: list[Piece], key: str) -> int | None:
    """The piece a key names: same line and text; else the same text on a nearby line
    (lines above it were edited)."""
    line_text = key.split(":", 1)
    if len(line_text) != 2 or not line_text[0].isdigit():
        return None
    line, digest = int(line_text[0]), line_text[1]
    same = [k for k, p in enumerate(pieces) if text_key(p.text) == digest]
    exact = [k for k in same if units[pieces[k].unit].line == line]
    if exact:
        return exact[0]
    if not same:
        return None
    return min(same, key=lambda k: abs(units[pieces[k].unit].line - line))


def apply(units: list[Unit], pieces: list[Piece],
          decisions: Sequence[Decision]) -> list[Piece]:
    """The pieces with the decisions applied, in order (see the module doc)."""
    for d in decisions:
        k = _find(units, pieces, d.key)
        if k is None:
            continue
        p = pieces[k]
        if d.kind == "role" and d.role in Role.__members__.values():
            p.role, p.conf, p.why, p.locked = Role(d.role), 1.0, "your decision", True
            if d.lang in ("zh", "en", None) and d.lang is not None:
                p.lang = d.lang
        elif d.kind == "split" and d.at is not None and 0 < d.at < len(p.text):
            pieces[k:k + 1] = _split(units, p, d.at)
        elif d.kind == "merge" and k + 1 < len(pieces):
            q = pieces[k + 1]
            sep = "" if p.lang == "zh" else " "
            p.text = f"{p.text}{sep}{q.text}"
            p.end = q.end if q.unit == p.unit else p.end
            if Role.BODY in (p.role, q.role):
                p.role = Role.BODY
            p.locked, p.why, p.conf = True, "your decision", 1.0
            del pieces[k + 1]
    return pieces


def _split(units: list[Unit], p: Piece, at: int) -> list[Piece]:
    out = []
    for text, start in ((p.text[:at], p.start), (p.text[at:], p.start + at)):
        text = text.strip()
        if not text:
            continue
        probe = split_unit(p.unit, Unit(text, units[p.unit].line))
        lang = max(probe, key=lambda r: len(r.text)).lang if probe else p.lang
        out.append(Piece(p.unit, text, lang, start, start + len(text), 1.0, p.role, 1.0,
                         "your decision", locked=True))
    return out or [p]


def unmatched(units: list[Unit], pieces: list[Piece],
              decisions: Sequence[Decision]) -> list[Decision]:
    """Decisions whose row is gone (its text was edited away)."""
    return [d for d in decisions if _find(units, pieces, d.key) is None]
