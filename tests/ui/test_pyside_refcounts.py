"""Guard for the PySide6 pin in pyproject.toml.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call returning nothing
(QWidget.update, QScrollBar.setValue, …); after some thousands of paints the interpreter
aborts with "Fatal Python error: none_dealloc". We pin PySide6-Essentials below 6.12; this
test fails if an installed version has the bug again, before users find it the hard way.
"""

from __future__ import annotations

import sys


def test_void_qt_calls_keep_none_referenced(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2_000):
        label.setText("x")
        label.update()
    assert sys.getrefcount(None) - before > -100   # a leak would be -4,000
