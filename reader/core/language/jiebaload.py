"""jieba, imported once for the whole app, quietly and without `pkg_resources`.

Both the segmenter and the reading lexicon (which reads jieba's own `dict.txt`) need the
module; importing it here, not from the segmenter, keeps the two from importing each other.
"""

from __future__ import annotations

import logging
import sys
from types import ModuleType


def _import_jieba() -> ModuleType:
    """`import jieba`, without letting it import setuptools' `pkg_resources`.

    jieba's `_compat` imports `pkg_resources` only to open its own data files and falls back
    to a plain `open()` when that import fails; `pkg_resources` costs ~50 ms of start-up (a
    third of the segmenter's load) and warns that it is deprecated. A `None` entry in
    `sys.modules` makes that one import fail; it is removed again straight after.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if block and "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
    return jieba


jieba = _import_jieba()
jieba.setLogLevel(logging.WARNING)
