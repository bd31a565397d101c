"""Bugs nobody caught (Qt slots, threads) reach the user as a bug report and a log; the
`told` record fails a test that leaves an error unchecked."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.core.errors import UserError
from reader.ui import crash, messages
from reader.ui.messages import Message
from tests.ui.conftest import Told

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _log(home: Path) -> Path:
    return home / "data" / "logs" / "errors.log"


def test_an_exception_in_a_qt_slot_is_a_bug_report_with_a_log(qtbot, told, duizhao_home
                                                               ) -> None:
    def slot() -> None:
        {}["missing key"]   # the bug: a KeyError

    with crash.installed():
        QTimer.singleShot(0, slot)
        bug = told.wait(qtbot, "bug")
    assert bug.text == "KeyError: 'missing key'"
    assert "in slot" in bug.details
    assert str(_log(duizhao_home)) in bug.hint
    logged = _log(duizhao_home).read_text(encoding="utf-8")
    assert logged.startswith("==== ") and "Duizhao" in logged and "in slot" in logged


def test_an_exception_in_a_thread_is_reported_on_the_gui_thread(qtbot, told) -> None:
    threads: list[threading.Thread] = []

    def sink(message: Message) -> None:
        threads.append(threading.current_thread())
        told.record(message)

    old = messages.set_sink(sink)
    try:
        with crash.installed():
            thread = threading.Thread(target=lambda: 1 / 0)
            thread.start()
            thread.join()
            told.wait(qtbot, "bug")
    finally:
        messages.set_sink(old)
    assert told.pop_bugs()[0].text == "ZeroDivisionError: division by zero"
    assert threads == [threading.main_thread()]


def test_the_hooks_are_put_back(qtbot) -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    with crash.installed():
        assert sys.excepthook is crash.excepthook
    assert (sys.excepthook, threading.excepthook) == before


def test_without_a_sink_the_bug_dialog_shows_the_traceback_once(qtbot, told, monkeypatch
                                                                 ) -> None:
    monkeypatch.setattr(messages, "_bugs_shown", set())
    seen: list[QMessageBox] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        seen.append(box)
        if box is not None:
            next(b for b in box.buttons() if b.text() == "Copy details").click()

    messages.set_sink(None)
    try:
        for _ in range(2):   # the same bug twice: one dialog
            QTimer.singleShot(0, answer)
            try:
                raise ValueError("bad bead")
            except ValueError as exc:
                crash.report(exc)
    finally:
        messages.set_sink(told.record)
    qtbot.waitUntil(lambda: len(seen) == 2)   # the second look found no dialog
    box, none = seen
    assert none is None
    assert box.objectName() == "bugDialog"
    assert "ValueError: bad bead" in box.text()
    assert "errors.log" in box.informativeText()
    assert "Traceback" in box.detailedText()
    copied = QApplication.clipboard().text()
    assert "ValueError: bad bead" in copied and "Traceback" in copied


def test_report_tells_a_user_error_as_a_message(told) -> None:
    crash.report(UserError("the disk is full", "free some space"), None, "Not saved")
    assert told.getmsg() == Message("error", "Not saved: the disk is full", "free some space")


def test_one_line_for_the_terminal() -> None:
    assert messages.one_line(Message("error", "x.txt: the file\nis empty", "choose another")
                             ) == "duizhao: error: x.txt: the file is empty (choose another)"


def test_told_fails_on_an_unchecked_error_and_passes_once_it_is_read() -> None:
    record = Told()
    record.record(Message("warning", "no font"))      # warnings may go unread
    record.record(Message("error", "cannot write out.pdf", "choose a folder"))
    with pytest.raises(pytest.fail.Exception, match="cannot write out.pdf"):
        record.check()
    record.check()                                    # reported once, not again
    for take in (lambda r: r.pop_errors(), lambda r: r[1], lambda r: list(r)):
        record = Told()
        record.record(Message("warning", "no font"))
        record.record(Message("error", "cannot write out.pdf"))
        take(record)
        record.check()
    record = Told()
    record.record(Message("bug", "KeyError", "log", "Traceback"))
    assert len(record) == 1 and record.levels() == ["bug"]   # counting is not checking
    with pytest.raises(pytest.fail.Exception, match="KeyError"):
        record.check()
