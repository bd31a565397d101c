"""run_op: results come back on the GUI thread, and never to a deleted owner."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from shiboken6 import delete

from reader.ui.workers import run_op


def test_the_result_is_delivered_to_a_live_owner(qtbot) -> None:  # noqa: ANN001
    owner = QObject()
    got: list[object] = []
    run_op(lambda: 42, got.append, got.append, owner=owner)
    qtbot.waitUntil(lambda: got == [42])


def test_a_deleted_owner_is_not_called_back(qtbot) -> None:  # noqa: ANN001
    owner = QObject()
    release = threading.Event()
    got: list[object] = []
    carrier = run_op(lambda: release.wait(5) and "late", got.append, got.append, owner=owner)
    delete(owner)          # the window closed while its work was running
    with qtbot.waitSignal(carrier.succeeded, timeout=5000):
        release.set()
    assert got == []
