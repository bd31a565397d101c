"""Fixtures for the window tests: one loaded core per session, a fresh window per test.

Each test gets its own DUIZHAO_HOME (settings, library); the segmenter and dictionary are
built once in a session folder and shared through `CoreServices`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths
from reader.core.dictionary import Dictionary
from reader.core.segment import Segmenter
from reader.ui import messages


@pytest.fixture(autouse=True)
def duizhao_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "duizhao-home"
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    monkeypatch.setenv("DUIZHAO_THEME", "light")
    return home


@pytest.fixture(scope="session")
def ui_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ui-cache")


@pytest.fixture(scope="session", autouse=True)
def _alignment_process():  # noqa: ANN202
    """The window aligns in a spawned process; stop it when the session ends."""
    yield
    from reader.ui.services import shutdown_pool

    shutdown_pool()


@pytest.fixture(scope="session")
def core_objects(ui_cache: Path) -> tuple[Segmenter, Dictionary]:
    seg = Segmenter(ui_cache)
    seg.ensure_ready()
    from reader.core import pinyin

    pinyin.warm_up()
    return seg, Dictionary.open(ui_cache)


@pytest.fixture
def told() -> list[tuple[str, str, str | None]]:
    """Messages the user would have seen (instead of modal dialogs)."""
    seen: list[tuple[str, str, str | None]] = []
    messages.set_sink(lambda level, text, hint: seen.append((level, text, hint)))
    yield seen
    messages.set_sink(None)


@pytest.fixture
def window(qtbot, core_objects, told, tmp_path):  # noqa: ANN001, ANN201
    """A shown MainWindow (session library source off: a session-only list)."""
    from reader.ui.fonts import chinese_family
    from reader.ui.library import SessionLibrarySource
    from reader.ui.mainwindow import MainWindow
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


def open_and_settle(qtbot, win, path: str) -> None:  # noqa: ANN001
    with qtbot.waitSignal(win.settled, timeout=30_000):
        win.import_path(path)
