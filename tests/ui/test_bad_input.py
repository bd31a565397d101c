"""Bad input reaching the window: one clear message each, never a traceback or a hang.

A crashing aligner, a failing library list, a damaged or newer library file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.errors import UserError
from reader.ui.library import sample_path
from tests.ui.conftest import open_and_settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


# ----- the window's own work --------------------------------------------------------------
def test_a_crashing_aligner_is_reported_and_the_article_stays_readable(
        qtbot, window, told, monkeypatch) -> None:  # noqa: ANN001
    import reader.ui.mainwindow as mainwindow

    def aligner(_article: object) -> None:
        raise RuntimeError("the aligner fell over")

    monkeypatch.setattr(mainwindow, "align", aligner)
    open_and_settle(qtbot, window, str(sample_path()))
    [bug] = told.pop_bugs()
    assert bug.text == "RuntimeError: the aligner fell over"
    assert "aligner" in bug.details
    assert window.article is not None and window.alignment is None


def test_a_failing_library_list_is_reported(qtbot, window, told, monkeypatch
                                            ) -> None:  # noqa: ANN001
    def items() -> list:
        raise UserError("the library is locked by another program", "close it")

    monkeypatch.setattr(window.source, "items", items)
    window.refresh_library()
    assert told.wait(qtbot, "error").text == "the library is locked by another program"


# ----- a library file that cannot be used -------------------------------------------------
def _damaged(path: Path) -> None:
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(8192)))


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 9999")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("make, hint", [(_damaged, "backup"), (_newer, "upgrade Duizhao")])
def test_a_library_that_cannot_be_used_is_told_once_and_the_window_works_without_it(
        qtbot, core_objects, told, tmp_path, make, hint) -> None:  # noqa: ANN001
    from reader.app import build_window
    from reader.ui.services import CoreServices

    db = tmp_path / "library.sqlite"
    make(db)
    before = db.read_bytes()
    window = build_window(str(db), CoreServices(*core_objects))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    open_and_settle(qtbot, window, str(sample_path()))
    error = told.wait(qtbot, "error", timeout=15_000)
    assert str(db) in error.text and "Traceback" not in error.text
    assert hint in error.hint and "not saved" in error.hint
    qtbot.waitUntil(lambda: window.library.count() == 1)   # this session's article
    assert window.status_library.isVisible()
    assert window.annotations.save_word("阿里巴巴") is None
    assert "library cannot be used" in told[-1].text
    window.close()
    assert db.read_bytes() == before
    assert told.levels().count("error") == 1
    assert not list(tmp_path.glob("library.sqlite-*"))   # no -wal/-shm beside it
