"""The aligner's zh→en key lexicon, built from CC-CEDICT and cached.

It exists on its own because it is the aligner's one expensive resource: built once from
CC-CEDICT and the names files (about 2 s) and cached as a pickle in the user's cache
directory, keyed by the CEDICT version, the names files' checksum and `LEXICON_VERSION`.
A headword (simplified and traditional) maps to the keys of its English glosses (see
`words.gloss_keys`). Its values are sorted tuples, not frozensets: the garbage collector
stops tracking tuples of strings, so its ~190k entries no longer make every full
collection (and the aligner's timing) twice as slow.
"""

from __future__ import annotations

import pickle
from functools import lru_cache

from reader.core import paths
from reader.core.align.names import load_user_names, names_stamp
from reader.core.align.words import gloss_keys
from reader.core.language.cedict import cedict_version, iter_cedict

LEXICON_VERSION = 7                  # 7: values are sorted tuples

Lexicon = dict[str, tuple[str, ...]]


def build_lexicon() -> Lexicon:
    """zh headword (simplified and traditional) → keys of its English glosses."""
    lex: dict[str, set[str]] = {}
    for entry in iter_cedict():
        keys = gloss_keys(entry.senses)
        if not keys:
            continue
        for head in {entry.simplified, entry.traditional}:
            lex.setdefault(head, set()).update(keys)
    load_user_names(lex)
    return {k: tuple(sorted(v)) for k, v in lex.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cached lexicon (pickle in the cache dir; rebuilt when CEDICT, the names files or
    the code change)."""
    try:
        version = cedict_version()
    except OSError:
        version = "unknown"
    cache = paths.cache_dir() / (f"align_lexicon_v{LEXICON_VERSION}_{version}_{names_stamp()}"
                                 f".pickle")
    if cache.is_file():
        try:
            with cache.open("rb") as f:
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass                                      # corrupt cache: rebuild below
    from reader.core.progress import building

    with building("the alignment lexicon"):
        lex = build_lexicon()
    tmp = cache.with_suffix(".tmp")
    try:
        with tmp.open("wb") as f:
            pickle.dump(lex, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
        for stale in cache.parent.glob("align_lexicon_v*.pickle"):
            if stale != cache:
                stale.unlink(missing_ok=True)         # an older version's lexicon
    except OSError:
        pass                                          # a read-only cache only costs time
    return lex
