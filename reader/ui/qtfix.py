"""Workaround: PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call.

Measured here: each call of a method returning nothing (QPainter.setPen, QWidget.update,
QScrollBar.setValue, …) lowers `sys.getrefcount(None)` by one, so after some thousands of
paints the interpreter aborts with "Fatal Python error: none_dealloc". Python 3.12 made None
immortal (PEP 683), which is presumably why the binding no longer increments it. On older
Pythons we give None a reference count so large it can never reach zero. Remove once the
pinned PySide6 no longer needs it (see tests/ui/test_qtfix.py).
"""

from __future__ import annotations

import ctypes
import sys

_BOOST = 1 << 40


def pyside_drops_none() -> bool:
    """True when a void PySide6 call lowers None's reference count (the bug is present)."""
    from PySide6.QtCore import QObject

    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        obj.setObjectName("x")
    return sys.getrefcount(None) < before


def protect_none() -> None:
    """Make None practically immortal on Pythons before 3.12 (no-op from 3.12 on)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    refcnt = ctypes.c_ssize_t.from_address(id(None))
    if refcnt.value < _BOOST:
        refcnt.value += _BOOST
