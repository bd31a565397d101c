"""Fixtures for the window tests: one loaded core per session, a fresh window per test.

Each test gets its own DUIZHAO_HOME (settings, library: the root conftest) and the light
theme; the segmenter and dictionary are the session's (built once, in the root conftest)
and shared through `CoreServices`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.language.dictionary import Dictionary
from reader.core.language.segment import Segmenter
from reader.ui import messages
from reader.ui.messages import Message


@pytest.fixture(autouse=True)
def light_theme(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens and colours are checked in the light theme, whatever the machine's is."""
    monkeypatch.setenv("DUIZHAO_THEME", "light")


@pytest.fixture(scope="session", autouse=True)
def _alignment_process():
    """The window aligns in a spawned process; stop it when the session ends."""
    yield
    from reader.ui.services import shutdown_pool

    shutdown_pool()


@pytest.fixture(scope="session")
def core_objects(segmenter: Segmenter, dictionary: Dictionary) -> tuple[Segmenter, Dictionary]:
    from reader.core.language import pinyin

    pinyin.warm_up()
    return segmenter, dictionary


class Told:
    """Messages the user would have seen (each a modal dialog outside tests).

    Like qutebrowser's `messagemock`: every test records messages here (the fixture is
    autouse), and an error or bug report the test did not look at fails it, with its text.
    A test looks at messages by `pop_errors()`, `pop_bugs()`, `getmsg()`, `wait()`, or by
    reading them (`told[i]`, iterating); `len(told)` and `bool(told)` only count them.
    Warnings and infos may go unread.
    """

    CHECKED = ("error", "bug")

    def __init__(self) -> None:
        self._entries: list[list] = []    # [Message, seen]

    def record(self, message: Message) -> None:
        self._entries.append([message, False])

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int) -> Message:
        entry = self._entries[index]
        entry[1] = True
        return entry[0]

    def __iter__(self) -> Iterator[Message]:
        for entry in self._entries:
            entry[1] = True
            yield entry[0]

    def levels(self) -> list[str]:
        """The levels told so far, in order (reading them marks nothing as seen)."""
        return [message.level for message, _seen in self._entries]

    def _pop(self, level: str) -> list[Message]:
        taken = [m for m, _seen in self._entries if m.level == level]
        self._entries = [e for e in self._entries if e[0].level != level]
        return taken

    def pop_errors(self) -> list[Message]:
        """The error messages so far (removed from the record: they were expected)."""
        return self._pop("error")

    def pop_bugs(self) -> list[Message]:
        """The bug reports so far (removed from the record: they were expected)."""
        return self._pop("bug")

    def getmsg(self, level: str | None = None) -> Message:
        """The only message told (of `level`, if given); fails unless there is exactly one."""
        assert len(self._entries) == 1, f"expected one message, got {self.levels()}"
        message = self[0]
        if level is not None:
            assert message.level == level, message
        return message

    def wait(self, qtbot, level: str = "error", timeout: int = 5000) -> Message:
        """Wait until a message of `level` is told; the first one, marked seen."""
        qtbot.waitUntil(lambda: level in self.levels(), timeout=timeout)
        index = self.levels().index(level)
        return self[index]

    def check(self) -> None:
        """Fail with the text of every error or bug report nobody looked at (once)."""
        unseen = [e for e in self._entries if not e[1] and e[0].level in self.CHECKED]
        for entry in unseen:
            entry[1] = True
        if unseen:
            pytest.fail("the user was told, and the test did not check:\n" + "\n".join(
                f"  {m.level}: {m.text} ({m.hint})" + (f"\n{m.details}" if m.details else "")
                for m, _seen in unseen), pytrace=False)


@pytest.fixture(autouse=True)
def told() -> Iterator[Told]:
    """Every message of every UI test, instead of modal dialogs (see `Told`)."""
    record = Told()
    old = messages.set_sink(record.record)
    yield record
    messages.set_sink(old)
    record.check()   # told while the window closed, after the test's own check


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """An unchecked error fails the test itself (not only its teardown)."""
    result = yield
    record = getattr(item, "funcargs", {}).get("told")
    if isinstance(record, Told):
        record.check()
    return result


@pytest.fixture
def window(qtbot, core_objects, told, tmp_path):
    """A shown MainWindow (session library source off: a session-only list)."""
    from reader.ui.librarylist import SessionLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading.fonts import chinese_family
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    services = CoreServices(*core_objects)
    win = MainWindow(services, Settings(), SessionLibrarySource(), chinese_family())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.popup.hide()
    win.close()


def open_and_settle(qtbot, win, path: str) -> None:
    with qtbot.waitSignal(win.settled, timeout=30_000):
        win.import_path(path)


def make_window(qtbot, core_objects, db: Path):
    from reader.ui.librarylist import StoreLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading.fonts import chinese_family
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    services = CoreServices(*core_objects)
    win = MainWindow(services, Settings(), StoreLibrarySource(str(db), services),
                     chinese_family())
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_stored(qtbot, win, path: Path) -> int:
    """Open a file and wait until it is shown, settled and known to the library."""
    with qtbot.waitSignal(win.settled, timeout=30_000):
        win.import_path(str(path))
    qtbot.waitUntil(lambda: win.annotations.article_id() is not None, timeout=15_000)
    return win.annotations.article_id()


@pytest.fixture
def win(qtbot, core_objects, told, tmp_path):
    """A shown MainWindow over its own library file, `tmp_path / "lib.db"`."""
    w = make_window(qtbot, core_objects, tmp_path / "lib.db")
    yield w
    w.popup.hide()
    w.close()
