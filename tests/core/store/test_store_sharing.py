"""The window and the command line on one library at once lose nothing.

The window keeps one `Library` open (for undo) and opens another per action (the library
list, imports). Opening a store must never open and close a plain descriptor of the library
file: POSIX drops all of a process's locks on a file when any descriptor of it is closed, so
another process would then think it is SQLite's last user, checkpoint and delete the `-wal`
while the window goes on writing into the deleted file.

The command line runs in a real child process (the `duizhao` entry point, `reader.cli.main`,
with the quick `FakeAnalyzer` swapped in so no dictionary has to be built).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.core.service import Library
from reader.core.store.store import Store
from tests.support import REPO, FakeAnalyzer

TEXT = ("标题\n\n我们去银行还钱。他在银行工作。\n\n合作很重要。品牌电子公司。\n\n"
        "We went to the bank to repay. He works at a bank.\n\nCooperation matters. Brands.")

_CLI = ("import sys\n"
        "from reader.core.service import library\n"
        "from tests.support import FakeAnalyzer\n"
        "library.Analyzer = FakeAnalyzer\n"
        "from reader.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n")


def cli(db: Path, *argv: str) -> str:
    """`duizhao --db DB ARGV...` in a child process; its stdout."""
    done = subprocess.run([sys.executable, "-c", _CLI, "--db", str(db), *argv], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def words_seen_by_another_process(db: Path) -> list[str]:
    """What a separate program reading the file sees now (a plain sqlite3 connection,
    whose close checkpoints and deletes the `-wal` when it believes it is the last user)."""
    code = ("import sqlite3, sys, json\n"
            "conn = sqlite3.connect(sys.argv[1])\n"
            "print(json.dumps([r[0] for r in conn.execute("
            "'SELECT word FROM saved_words ORDER BY id')]))\n"
            "conn.close()\n")
    done = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def open_library(db: Path) -> Library:
    return Library.open(db, analyzer=FakeAnalyzer())


def test_window_and_cli_saving_words_in_turn_lose_none(tmp_path):
    db = tmp_path / "library.sqlite"
    window = open_library(db)                   # the window's long-lived library (undo)
    article_id = window.import_text(TEXT).id
    window.save_word(article_id, "银行")
    with open_library(db) as per_action:        # e.g. refreshing the library list
        assert per_action.articles()
    cli(db, "words", "add", str(article_id), "合作")
    window.save_word(article_id, "品牌")
    listed = [w["word"] for w in json.loads(cli(db, "words", "list", "--json"))]
    assert listed == ["银行", "合作", "品牌"]
    cli(db, "words", "add", str(article_id), "电子")
    window.save_word(article_id, "公司")
    window.close()
    with open_library(db) as fresh:
        assert [w.word for w in fresh.words()] == ["银行", "合作", "品牌", "电子", "公司"]
        assert fresh.store.integrity_check() == "ok"


def test_two_stores_in_one_process_interleaved_lose_nothing(tmp_path):
    db = tmp_path / "library.sqlite"
    first = open_library(db)
    article_id = first.import_text(TEXT).id
    second = open_library(db)
    expected: list[str] = []
    for i in range(3):
        for lib in (first, second):
            word = f"词{i}{'一二'[lib is second]}"
            lib.save_word(None, word)
            expected.append(word)
            assert words_seen_by_another_process(db) == expected
    second.close()
    first.save_word(article_id, "银行")
    expected.append("银行")
    assert words_seen_by_another_process(db) == expected
    third = open_library(db)                    # a store opened after one was closed
    third.save_word(None, "最后")
    expected.append("最后")
    assert words_seen_by_another_process(db) == expected
    third.close()
    first.close()
    with Store.open(db, backup=False) as fresh:
        assert [w.word for w in fresh.words()] == expected


def test_opening_a_store_never_opens_the_file_outside_sqlite(tmp_path, monkeypatch):
    """The cause itself: no plain `open()` of the library while a connection exists."""
    import builtins
    import io
    import os

    db = tmp_path / "library.sqlite"
    Store.open(db).close()
    opened: list[str] = []
    for module, name in ((builtins, "open"), (io, "open"), (os, "open")):
        real = getattr(module, name)

        def spy(file, *args, _real=real, **kwargs):
            opened.append(str(file))
            return _real(file, *args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    with Store.open(db) as first, Store.open(db) as second:
        second.set_setting("k", 1)
        assert first.setting("k") == 1
    monkeypatch.undo()
    assert str(db) not in opened
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def test_threads_creating_the_same_new_library_at_once_all_open_it(tmp_path) -> None:
    # Switching a new file to WAL answers BUSY at once (no busy handler): each opener
    # must wait its turn, as the window's threads do when the library does not exist yet.
    import threading

    for attempt in range(5):
        path = tmp_path / f"new-{attempt}.sqlite"
        errors: list[BaseException] = []
        start = threading.Barrier(4)

        def open_it(path=path, errors=errors, start=start) -> None:
            try:
                start.wait()
                Store.open(path, backup=False).close()
            except BaseException as exc:   # collected for the assertion below
                errors.append(exc)

        threads = [threading.Thread(target=open_it) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
