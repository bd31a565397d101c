"""The review split: every row of the raw text with its role, language, confidence and
pair; a role changed with one key, a row split or merged, the panes following, and the
decisions kept with the article in the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from reader.core.service import Library
from reader.ui.review import decisions as edits
from tests.ui.conftest import open_stored

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TEXT = ("首页 | 新闻 | 登录\n\n我们去银行还钱。\n\nWe went to the bank to repay the money.\n\n"
        "他还没来。\n\nHe has not come yet.\n\n今天天气很好。\n\nThe weather is fine today.\n")


def _open_review(qtbot, win):
    qtbot.waitUntil(lambda: win.findChild(QAction, "actReview") is not None)
    win.findChild(QAction, "actReview").trigger()
    review = win.review
    qtbot.waitUntil(lambda: not review.busy and bool(review.view.rows), timeout=20_000)
    assert review.dock.isVisible() and review.view.objectName() == "reviewView"
    return review


def _row(review, text: str) -> int:
    return next(i for i, r in enumerate(review.view.rows) if r.text == text)


def _press(qtbot, review, row: int, key: str) -> None:
    table = review.view.table
    table.setCurrentCell(row, 0)
    table.setFocus()
    qtbot.keyClicks(table, key)
    qtbot.waitUntil(lambda: not review.busy, timeout=20_000)


def test_role_keys_are_unique_and_replace_earlier_choices() -> None:
    assert len(set(edits.ROLE_KEYS)) == len(edits.ROLE_KEYS)
    once = edits.with_role((), "3:abc", "note")
    twice = edits.with_role(once, "3:abc", "body", "en")
    assert [(d.kind, d.role, d.lang) for d in twice] == [("role", "body", "en")]
    assert [d.kind for d in edits.with_merge(edits.with_split(twice, "3:abc", 2), "4:d")] == \
        ["role", "split", "merge"]


def test_rows_show_role_language_confidence_and_pair(qtbot, win, tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    open_stored(qtbot, win, path)
    review = _open_review(qtbot, win)
    table = review.view.table
    assert table.objectName() == "reviewRows" and table.rowCount() == len(review.view.rows)
    k = _row(review, "我们去银行还钱。")
    assert [table.item(k, c).text() for c in range(3)][1:] == ["body", "zh"]
    pair = review.view.rows[review.view.rows[k].pair]
    assert pair.text == "We went to the bank to repay the money."
    assert table.item(k, 4).text() == f"↔ {pair.lines[0]}"
    assert float(table.item(k, 3).text()) == pytest.approx(review.view.rows[k].confidence, abs=0.01)


def test_a_role_key_moves_a_row_out_of_the_panes_and_is_kept(qtbot, win, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    article_id = open_stored(qtbot, win, path)
    review = _open_review(qtbot, win)
    with qtbot.waitSignal(win.articleShown, timeout=20_000):
        _press(qtbot, review, _row(review, "今天天气很好。"), "n")
    assert "今天天气很好。" not in [p.text for p in win.article.zh]
    assert str(review.view.rows[_row(review, "今天天气很好。")].role) == "note"
    assert "kept with the article" in review.view.summary.text()
    with Library.open(str(tmp_path / "lib.db")) as lib:      # saved with the article
        assert [(d.kind, d.role) for d in lib.import_decisions(article_id)] == [("role", "note")]
        assert "今天天气很好。" not in [p.text for p in lib.article(article_id).zh]
    # B gives it back to the panes; the earlier choice is replaced, not stacked.
    with qtbot.waitSignal(win.articleShown, timeout=20_000):
        _press(qtbot, review, _row(review, "今天天气很好。"), "b")
    assert "今天天气很好。" in [p.text for p in win.article.zh]
    assert len(review.decisions) == 1


def test_split_at_the_cursor_and_merge_with_next(qtbot, win, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    open_stored(qtbot, win, path)
    review = _open_review(qtbot, win)
    view = review.view
    view.table.setCurrentCell(_row(review, "We went to the bank to repay the money."), 0)
    cursor = view.text.textCursor()
    cursor.setPosition(len("We went to the bank"))
    view.text.setTextCursor(cursor)
    with qtbot.waitSignal(win.articleShown, timeout=20_000):
        qtbot.mouseClick(view.split, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.busy, timeout=20_000)
    texts = [r.text for r in view.rows]
    assert "We went to the bank" in texts and "to repay the money." in texts
    n = len(view.rows)
    view.table.setCurrentCell(texts.index("We went to the bank"), 0)
    with qtbot.waitSignal(win.articleShown, timeout=20_000):
        qtbot.mouseClick(view.merge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.busy, timeout=20_000)
    assert len(view.rows) == n - 1
    assert "We went to the bank to repay the money." in [r.text for r in view.rows]


def test_an_unsure_import_is_offered_for_review(qtbot, win, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    open_stored(qtbot, win, path)
    qtbot.waitUntil(lambda: getattr(win, "review", None) is not None)
    review = win.review
    article = win.article
    from dataclasses import replace

    win.show_article(replace(article, confidence=0.3), win.current_item)
    assert review.bar.isVisible() and "unsure" in review.bar.label.text()
    qtbot.mouseClick(review.bar.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.busy and bool(review.view.rows), timeout=20_000)
    assert review.dock.isVisible() and not review.bar.isVisible()
    win.show_article(replace(article, confidence=0.95), win.current_item)
    assert not review.bar.isVisible()


def test_a_file_outside_the_library_is_reviewed_in_memory(qtbot, window, tmp_path):
    from tests.ui.conftest import open_and_settle

    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    open_and_settle(qtbot, window, str(path))
    review = _open_review(qtbot, window)
    with qtbot.waitSignal(window.articleShown, timeout=20_000):
        _press(qtbot, review, _row(review, "他还没来。"), "j")
    assert "他还没来。" not in [p.text for p in window.article.zh]
    assert "not saved" in review.view.summary.text()


def test_undo_takes_back_the_last_decision(qtbot, win, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    article_id = open_stored(qtbot, win, path)
    review = _open_review(qtbot, win)
    assert not review.view.undo.isEnabled()
    with qtbot.waitSignal(win.articleShown, timeout=20_000):
        _press(qtbot, review, _row(review, "他还没来。"), "j")
    assert "他还没来。" not in [p.text for p in win.article.zh]
    assert review.view.undo.isEnabled() and review.view.undo.objectName() == "reviewUndo"
    with qtbot.waitSignal(win.articleShown, timeout=20_000):
        qtbot.mouseClick(review.view.undo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not review.busy, timeout=20_000)
    assert "他还没来。" in [p.text for p in win.article.zh]
    assert not review.view.undo.isEnabled()
    with Library.open(str(tmp_path / "lib.db")) as lib:
        assert lib.import_decisions(article_id) == ()
