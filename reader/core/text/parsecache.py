"""Parsed articles kept between runs, so reopening a file skips the importer.

The window reopens the last article at every start. Parsing it is quick, but loading the
importer (dozens of regular expressions, the OpenCC script tables) is not: a third of the
time to the first paint. A stored `Article` loads in about a millisecond without it.

An entry is used only while the file (path, size, modification time) and the parser (the
package version and its source files) are exactly those it was made from; anything else is
a miss and the file is parsed again. The cache is disposable: deleting it loses nothing.
Entries are the article's stored form (`text.stored.article_to_dict`, as the library keeps it) in
`marshal`, not pickle: importing `pickle` alone costs 8 ms at start-up.
"""

from __future__ import annotations

import marshal
import os
import zlib
from functools import cache
from pathlib import Path

from reader import __version__
from reader.core.models import Article
from reader.core.paths import cache_dir, resource
from reader.core.text.stored import article_from_dict, article_to_dict

MAX_ENTRIES = 20              # the most recently opened files
MAX_FILE_BYTES = 256 * 1024   # the window parses bigger ones in the background


@cache   # the parser this process imported: its sources are stat'ed once
def _parser_stamp() -> tuple:
    """The version plus size and mtime of every parser source: all modules of this package
    (every importer stage lives here), the models, and the boilerplate vocabulary."""
    here = Path(__file__).resolve().parent
    sources = [*sorted(here.glob("*.py")), here.parent / "models.py", resource("boilerplate.txt")]
    stamp: list = [__version__]
    for path in sources:
        try:
            st = path.stat()
            stamp.append((path.name, st.st_size, st.st_mtime_ns))
        except OSError:   # installed without sources: the version alone decides
            stamp.append((path.name, None))
    return tuple(stamp)


def _key(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_size > MAX_FILE_BYTES:
        return None
    return (str(path), st.st_size, st.st_mtime_ns, _parser_stamp())


def _entry(path: Path) -> Path:
    # crc32, not hashlib (whose OpenSSL import costs 5 ms at start-up): two paths sharing
    # an entry only take turns, since each entry is checked against its full path.
    digest = zlib.crc32(str(path).encode("utf-8", "surrogatepass"))
    return cache_dir() / "parsed" / f"{digest:08x}-{len(str(path))}.marshal"


def load(path: str | os.PathLike) -> Article | None:
    """The article parsed earlier from this very file by this very parser, else None."""
    resolved = Path(path).resolve()
    key = _key(resolved)
    if key is None:
        return None
    try:
        stored_key, stored = marshal.loads(_entry(resolved).read_bytes())
        if stored_key != key:
            return None
        article = article_from_dict(stored)
    except Exception:   # missing, truncated, from another Python: a miss, never an error
        return None
    return article if isinstance(article, Article) else None


def save(path: str | os.PathLike, article: Article) -> None:
    """Remember `article` as the parse of `path` (best effort: a full disk is not an error)."""
    resolved = Path(path).resolve()
    key = _key(resolved)
    if key is None:
        return
    try:
        entry = _entry(resolved)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((key, article_to_dict(article))))
        os.replace(tmp, entry)
        _prune(entry.parent)
    except Exception:
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
