"""run_op: results come back on the GUI thread, never to a deleted owner, and a failure
nobody handles is reported (a user error as a message, anything else as a bug)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from shiboken6 import delete

from reader.core.errors import UserError
from reader.ui.messages import Message
from reader.ui.workers import run_op


def test_the_result_is_delivered_to_a_live_owner(qtbot) -> None:
    owner = QObject()
    got: list[object] = []
    run_op(lambda: 42, got.append, got.append, owner=owner)
    qtbot.waitUntil(lambda: got == [42])


def test_a_deleted_owner_is_not_called_back(qtbot) -> None:
    owner = QObject()
    release = threading.Event()
    got: list[object] = []
    carrier = run_op(lambda: release.wait(5) and "late", got.append, got.append, owner=owner)
    delete(owner)          # the window closed while its work was running
    with qtbot.waitSignal(carrier.succeeded, timeout=5000):
        release.set()
    assert got == []


def _raise(exc: BaseException) -> object:
    raise exc


def test_a_user_error_nobody_handles_becomes_a_message(qtbot, told) -> None:
    run_op(lambda: _raise(UserError("cannot read x.txt", "check the file")))
    told.wait(qtbot, "error")
    assert told.getmsg("error") == Message("error", "cannot read x.txt", "check the file")


def test_a_bug_nobody_handles_is_reported_with_its_traceback(qtbot, told, duizhao_home
                                                             ) -> None:
    def aligner() -> None:
        raise ZeroDivisionError("the aligner divided by zero")

    run_op(aligner)
    told.wait(qtbot, "bug")
    [bug] = told.pop_bugs()
    assert bug.text == "ZeroDivisionError: the aligner divided by zero"
    assert "in aligner" in bug.details and bug.details.startswith("Traceback")
    log = duizhao_home / "data" / "logs" / "errors.log"
    assert str(log) in bug.hint
    assert "the aligner divided by zero" in log.read_text(encoding="utf-8")


def test_a_closed_owner_hears_no_user_error_but_a_bug_is_still_reported(qtbot, told
                                                                         ) -> None:
    for exc in (UserError("locked"), KeyError("bug")):
        owner = QObject()
        release = threading.Event()
        carrier = run_op(lambda e=exc, r=release: r.wait(5) and _raise(e), owner=owner)
        delete(owner)
        with qtbot.waitSignal(carrier.failed, timeout=5000):
            release.set()
    assert [m.level for m in told.pop_bugs()] == ["bug"]
    assert told.levels() == []
