"""Names the aligner knows beyond CC-CEDICT: `resources/align_names.tsv` and the user's copy.

CEDICT has few modern names (companies, brands, people in the news), and a name is strong
evidence that two sentences belong together. The shipped file and an optional one of the
user's own in the data directory add zh<TAB>English lines to the lexicon. They live apart
from the lexicon's building because they change on their own: their checksum is part of the
cached lexicon's name, so that a user's additions take effect at the next start.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from reader.core import paths
from reader.core.align.words import gloss_keys


def names_files() -> tuple[Path, Path]:
    return (paths.resource("align_names.tsv"), paths.data_dir() / "align_names.tsv")


def names_stamp() -> str:
    """A short checksum of the names files, part of the cache's name: editing them (a
    user's own additions) takes effect at the next start instead of never."""
    crc = 0
    for path in names_files():
        try:
            crc = zlib.crc32(path.read_bytes(), crc)
        except OSError:
            crc = zlib.crc32(b"-", crc)
    return f"{crc:08x}"


def load_user_names(lex: dict[str, set[str]]) -> None:
    """`resources/align_names.tsv` (and the user's own copy in the data dir): zh<TAB>English."""
    for path in names_files():
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or "\t" not in line:
                continue
            zh, en = line.split("\t", 1)
            lex.setdefault(zh.strip(), set()).update(gloss_keys([en]))
