"""Bad input reaching the window: one clear message each, never a traceback or a hang.

An empty or binary file under `--screenshot` (and a bug there), a crashing aligner, a
failing library list, a damaged or newer library file, a backup that fails, a PDF export
into a place that cannot take it, a PDF export that was killed.
"""
# ruff: noqa: F811 - the window fixtures are imported from test_annotations

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.errors import UserError
from reader.ui.export.pdf import remove_stale_tmp, write_atomically
from reader.ui.librarylist import sample_path
from tests.ui.conftest import open_and_settle, open_stored
from tests.ui.export.test_export_dialog import _export
from tests.ui.notes.test_annotations import article_file  # noqa: F401 - a fixture

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = Path(__file__).resolve().parents[2]


# ----- duizhao FILE --screenshot ---------------------------------------------------------
def _duizhao(tmp_path: Path, *args: str, code: str | None = None
             ) -> subprocess.CompletedProcess:
    """`duizhao ARGS` offscreen in its own home, with a deadline instead of a hang."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DUIZHAO_HOME=str(tmp_path / "home"),
               DUIZHAO_THEME="light")
    command = [sys.executable, "-c", code, *args] if code else \
        [sys.executable, "-m", "reader", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def _said(stderr: str) -> list[str]:
    """stderr without the offscreen platform's notices (Qt's, not ours)."""
    return [line for line in stderr.splitlines()
            if line and not line.startswith("This plugin does not support")]


@pytest.mark.parametrize("content, said", [(b"", "the file is empty"),
                                           (bytes(range(256)), "not a text file")])
def test_screenshot_of_a_bad_file_says_why_and_exits_2(tmp_path: Path, content: bytes,
                                                       said: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "shot.png"
    done = _duizhao(tmp_path, str(bad), "--screenshot", str(out))
    assert done.returncode == 2, done.stderr
    [line] = _said(done.stderr)
    assert line.startswith("duizhao: error: ") and "bad.txt" in line and said in line
    assert out.read_bytes().startswith(b"\x89PNG")   # the window was up: its picture


def _headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """`duizhao ARGS` as on a machine with no display and no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(DUIZHAO_HOME=str(tmp_path / "home"), DUIZHAO_THEME="light")
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_without_a_display_the_window_says_so_in_one_line(tmp_path: Path) -> None:
    """Qt would abort the process (status 134, a core dump) with a message about plugins."""
    done = _headless(tmp_path, str(sample_path()))
    assert done.returncode == 2, done.stderr
    [line] = _said(done.stderr)
    assert "no display to open the window on" in line and "--screenshot" in line


def test_without_a_display_a_screenshot_is_drawn_offscreen(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "shot.png"
    done = _headless(tmp_path, str(empty), "--screenshot", str(out))
    assert done.returncode == 2, done.stderr          # the empty file's error, not Qt's
    assert any("the file is empty" in line for line in _said(done.stderr))
    assert out.read_bytes().startswith(b"\x89PNG")


def test_screenshot_run_with_a_bug_names_the_log_and_opens_no_dialog(tmp_path: Path) -> None:
    crashing = ("import sys\n"
                "from reader.ui.mainwindow import MainWindow\n"
                "def broken(self):\n"
                "    raise ZeroDivisionError('planted for the test')\n"
                "MainWindow._after_first_paint = broken\n"
                "from reader.cli import main\n"
                "sys.argv[0] = 'duizhao'\n"
                "sys.exit(main(sys.argv[1:]))\n")
    out = tmp_path / "shot.png"
    done = _duizhao(tmp_path, str(sample_path()), "--screenshot", str(out), code=crashing)
    assert done.returncode == 1, done.stderr
    log = tmp_path / "home" / "data" / "logs" / "errors.log"
    [line] = _said(done.stderr)
    assert line.startswith("duizhao: bug: ZeroDivisionError: planted for the test")
    assert str(log) in line
    assert "in broken" in log.read_text(encoding="utf-8")
    assert not out.exists()


# ----- the window's own work --------------------------------------------------------------
def test_a_crashing_aligner_is_reported_and_the_article_stays_readable(
        qtbot, window, told, monkeypatch) -> None:
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
                                            ) -> None:
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
        qtbot, core_objects, told, tmp_path, make, hint) -> None:
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


# ----- PDF export ------------------------------------------------------------------------
@pytest.mark.parametrize("target, why", [("a-folder.pdf", "it is a folder"),
                                         ("notes.txt/out.pdf", "is not a folder")])
def test_pdf_export_into_a_place_that_cannot_take_it_says_why(
        qtbot, win, article_file, told, tmp_path, target, why) -> None:
    (tmp_path / "a-folder.pdf").mkdir()
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    open_stored(qtbot, win, article_file)
    dialog = _export(qtbot, win, "pdf", tmp_path / target)
    with qtbot.waitSignal(dialog.exporter.failed, timeout=30_000):
        dialog.accept()
    [error] = told.pop_errors()
    assert error.text == f"Export failed: cannot write {tmp_path / target}: " + (
        why if why == "it is a folder" else f"{tmp_path / 'notes.txt'} {why}")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failed_write_leaves_no_temporary_file_and_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "handout.pdf"
    folder.mkdir()
    with pytest.raises(UserError, match="cannot write .*handout.pdf: is a directory"):
        write_atomically(folder, b"%PDF-1.4")
    assert os.listdir(tmp_path) == ["handout.pdf"]


def test_temporary_files_of_killed_exports_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"%PDF old")
    stale = tmp_path / f".handout.pdf.{dead.pid}.tmp"
    living = tmp_path / f".handout.pdf.{os.getppid()}.tmp"   # a running export elsewhere
    other = tmp_path / f".other.pdf.{dead.pid}.tmp"
    for path in (stale, living, other):
        path.write_bytes(b"%PDF half")
    write_atomically(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF new"
    assert not stale.exists() and living.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["handout.pdf", living.name, other.name])
    assert remove_stale_tmp(target) == []


# ----- backups ---------------------------------------------------------------------------
def test_a_failed_backup_is_one_warning_and_saving_goes_on(qtbot, core_objects, told,
                                                          tmp_path, article_file
                                                          ) -> None:
    from tests.ui.conftest import make_window

    db = tmp_path / "lib" / "library.sqlite"
    db.parent.mkdir()
    (db.parent / "backups").write_text("a file where the folder should be")
    window = make_window(qtbot, core_objects, db)
    open_stored(qtbot, window, article_file)
    warning = told.wait(qtbot, "warning", timeout=15_000)
    assert warning.text.startswith("Could not back up the library to ")
    assert str(db.parent / "backups") in warning.text and warning.hint
    assert window.annotations.save_word("银行") is not None
    window.close()   # the close-time backup fails the same way: not told again
    assert told.levels() == ["warning"]
    from reader.core.service import Library

    with Library.open(db, readonly=True) as lib:
        assert [w.word for w in lib.words()] == ["银行"]


def test_closing_the_window_backs_up_what_was_saved(qtbot, core_objects, tmp_path,
                                                    article_file) -> None:
    import sqlite3

    from reader.core.store.backup import daily_path
    from tests.ui.conftest import make_window
    from tests.ui.notes.test_annotations import select_quote

    db = tmp_path / "library.sqlite"
    window = make_window(qtbot, core_objects, db)
    open_stored(qtbot, window, article_file)
    select_quote(window, "en", "Yangtze River Bridge")
    window.annotations.highlight_selection()
    window.close()
    conn = sqlite3.connect(daily_path(db))
    try:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    finally:
        conn.close()
