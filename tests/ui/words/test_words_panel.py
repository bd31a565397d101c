"""The words panel: every saved word, filtered and sorted; go to, status, delete, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.core.models import Lang
from reader.ui.librarylist import sample_path
from tests.ui.conftest import open_and_settle, open_stored

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "short.txt"
    path.write_text("银行\n\nThe bank\n\n我去银行还钱。\n\nI went to the bank to pay back.\n\n"
                    "今天天气很好，我们去长江大桥。\n\nThe weather is fine, we go to the "
                    "Yangtze River Bridge.\n\n𠮷祥的字很少见。\n\nThe character ji is rare.\n",
                    encoding="utf-8")
    return path


def _save(win, word: str, status: str = "new"):
    return win.annotations.save_word(word, None, status)


def _open_panel(qtbot, win):
    win.act_words.trigger()
    qtbot.waitUntil(lambda: win.words.panel is not None and win.words.dock.isVisible())
    return win.words.panel


def test_panel_lists_saved_words_filters_sorts_and_sets_status(qtbot, win, article_file):
    open_stored(qtbot, win, article_file)
    _save(win, "银行", "learning")
    _save(win, "天气")
    _save(win, "长江")
    panel = _open_panel(qtbot, win)
    assert panel.objectName() == "wordsPanel"
    assert win.findChild(type(panel), "wordsPanel") is panel
    assert sorted(panel.rows()) == ["天气", "银行", "长江"]
    row = panel.table.topLevelItem(panel.rows().index("银行"))
    assert row.text(1) == "yínháng" and row.text(2) == "learning"
    assert row.text(4) == "银行" and "银行" in row.text(5)
    panel.status.setCurrentIndex(panel.status.findData("learning"))
    assert panel.rows() == ["银行"]
    panel.status.setCurrentIndex(0)
    panel.sort.setCurrentIndex(panel.sort.findData("hsk"))
    levels = [w.hsk for w in panel.shown()]
    assert levels == sorted(levels, key=lambda h: (h is None, h or 0))
    panel.sort.setCurrentIndex(panel.sort.findData("frequency"))
    counts = [win.words._frequency(w) for w in panel.rows()]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    panel.table.topLevelItem(panel.rows().index("天气")).setSelected(True)
    panel.set_status.activated.emit(panel.set_status.findData("known"))
    assert win.annotations.word_status("天气") == "known"
    assert panel.table.topLevelItem(panel.rows().index("天气")).text(2) == "known"


def test_delete_is_undoable_and_export_writes_anki(qtbot, win, article_file, tmp_path):
    open_stored(qtbot, win, article_file)
    _save(win, "银行")
    _save(win, "天气")
    panel = _open_panel(qtbot, win)
    panel.table.topLevelItem(panel.rows().index("银行")).setSelected(True)
    qtbot.mouseClick(panel.delete, Qt.MouseButton.LeftButton)
    assert panel.rows() == ["天气"] and win.annotations.word_status("银行") is None
    win.annotations.actions["undo"].trigger()
    assert sorted(panel.rows()) == ["天气", "银行"]
    with qtbot.waitSignal(win.words.exported, timeout=10_000) as wrote:
        win.words.export(panel.shown(), str(tmp_path / "cards.txt"))
    text = Path(wrote.args[0]).read_text(encoding="utf-8")
    assert text.startswith("#separator:tab") and "银行\tyínháng" in text and "天气" in text


def test_clicking_a_word_goes_to_its_sentence_opening_its_article(qtbot, win, article_file,
                                                                  tmp_path):
    open_stored(qtbot, win, article_file)
    _save(win, "𠮷祥")
    other = tmp_path / "other.txt"
    other.write_text("别的\n\nOther\n\n" + "\n\n".join(
        f"这是第{i}段。\n\nThis is paragraph {i}." for i in range(40)) + "\n", encoding="utf-8")
    open_stored(qtbot, win, other)
    win.resize(1400, 400)
    panel = _open_panel(qtbot, win)
    with qtbot.waitSignal(win.articleShown, timeout=10_000):
        panel.wordChosen.emit(panel.shown()[0])
    sentences = win.article.sentences(Lang.ZH)
    qtbot.waitUntil(lambda: any("𠮷祥" in sentences[s].text for s in win.zh.highlighted))
    bar = win.zh.verticalScrollBar()
    block = next(i for i, p in enumerate(win.article.zh) if "𠮷祥" in p.text)
    top, _ = win.zh.block_y(block, 0)
    assert bar.value() <= top <= bar.value() + win.zh.viewport().height()


def test_an_export_to_a_bad_place_is_told(qtbot, win, article_file, tmp_path, told):
    open_stored(qtbot, win, article_file)
    _save(win, "银行")
    panel = _open_panel(qtbot, win)
    win.words.export(panel.shown(), str(tmp_path / "no-such-dir" / "cards.txt"))
    assert "cards.txt" in told.wait(qtbot, "error").text


def test_without_a_library_the_panel_says_why(qtbot, window):
    open_and_settle(qtbot, window, str(sample_path()))
    panel = _open_panel(qtbot, window)
    assert panel.rows() == [] and "library" in panel.empty.text()


def test_showing_words_keeps_the_notes_panel_and_folding_brings_both_back(qtbot, win,
                                                                          article_file):
    open_stored(qtbot, win, article_file)
    _open_panel(qtbot, win)
    assert win.notes_dock.isVisible() and win.words.dock.isVisible()
    win.resize(900, 600)
    qtbot.waitUntil(lambda: not win.notes_dock.isVisible() and not win.words.dock.isVisible())
    win.resize(1400, 800)
    qtbot.waitUntil(lambda: win.notes_dock.isVisible() and win.words.dock.isVisible())
