"""The review view's edits as the core's decisions (`reader.core.text.decisions`).

Kept apart from the widgets so the rules are tested without Qt: a role chosen again for a
row replaces the earlier choice; a split or merge is added. Keys a learner presses in the
table pick a role in one stroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: One key per role (and Z / E: body text in Chinese / English).
ROLE_KEYS: dict[str, tuple[str, str | None]] = {
    "B": ("body", None), "Z": ("body", "zh"), "E": ("body", "en"),
    "T": ("title", None), "A": ("byline", None), "D": ("date", None),
    "O": ("source", None), "R": ("credit", None), "L": ("label", None),
    "V": ("vocab", None), "N": ("note", None), "C": ("caption", None),
    "J": ("chrome", None), "P": ("promo", None), "X": ("copyright", None),
    "M": ("meta", None),
}

#: Roles in the order the role box lists them.
ROLES: tuple[str, ...] = ("body", "title", "byline", "date", "source", "credit", "label",
                          "vocab", "note", "caption", "chrome", "promo", "copyright", "meta",
                          "markup", "other_language")


def key_for(role: str) -> str:
    """The key that gives `role` ("" when none does)."""
    return next((k for k, (r, lang) in ROLE_KEYS.items() if r == role and lang is None), "")


def with_role(decisions: Sequence[Any], key: str, role: str,
              lang: str | None = None) -> tuple[Any, ...]:
    """`decisions` with row `key` given `role` (an earlier role choice for it replaced)."""
    from reader.core.service import Decision

    kept = [d for d in decisions if not (d.kind == "role" and d.key == key)]
    return (*kept, Decision(key, "role", role=role, lang=lang))


def with_split(decisions: Sequence[Any], key: str, at: int) -> tuple[Any, ...]:
    from reader.core.service import Decision

    return (*decisions, Decision(key, "split", at=at))


def with_merge(decisions: Sequence[Any], key: str) -> tuple[Any, ...]:
    from reader.core.service import Decision

    return (*decisions, Decision(key, "merge"))


def without_last(decisions: Sequence[Any]) -> tuple[Any, ...]:
    """`decisions` with the last one taken back."""
    return tuple(decisions[:-1])
