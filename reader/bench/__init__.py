"""Benchmarks behind `duizhao bench`: real measurements printed beside their targets."""

from __future__ import annotations

import operator
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


@dataclass(frozen=True)
class Figure:
    """One measured figure. `target` None means informational (always ok)."""

    name: str
    value: float
    unit: str
    op: str = "<="
    target: float | None = None

    @property
    def ok(self) -> bool:
        return self.target is None or _OPS[self.op](self.value, self.target)

    def line(self) -> str:
        value = f"{self.value:.4g}" if isinstance(self.value, float) else str(self.value)
        measured = f"{value} {self.unit}" if self.unit else value
        if self.target is None:
            return f"{self.name}: {measured} (info) ok"
        verdict = "ok" if self.ok else "MISSED"
        return f"{self.name}: {measured} ({self.op} {self.target:g}) {verdict}"


@contextmanager
def timer() -> Iterator[list[float]]:
    """`with timer() as t: ...` then `t[0]` is the elapsed wall time in seconds."""
    out: list[float] = []
    start = time.perf_counter()
    yield out
    out.append(time.perf_counter() - start)


def shared_dir() -> Path | None:
    """`../shared/` beside the repository (evaluation data), or None in a user's clone."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared"
        if (candidate / "eval").is_dir():
            return candidate
    return None
