"""The None-refcount workaround keeps long sessions alive (see reader/ui/qtfix.py)."""

from __future__ import annotations

import sys

import reader.ui  # noqa: F401 - applies the workaround
from reader.ui.qtfix import pyside_drops_none


def test_many_void_calls_do_not_exhaust_none(qtbot) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 39
    for _ in range(200_000):     # far more than None's natural count on 3.11
        label.setText("x")
    assert sys.getrefcount(None) > 0
    assert isinstance(pyside_drops_none(), bool)
