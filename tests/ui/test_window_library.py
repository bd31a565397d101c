"""The library panel: search (pinyin without tones too), rename, delete after a backup,
entries that keep their own date and source, the reading position kept across starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.service import Library
from reader.core.store.store import Store
from reader.ui import librarypanel
from reader.ui.librarylist import sample_path
from tests.ui.conftest import make_window, open_stored

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    path = tmp_path / "bank.txt"
    path.write_text("银行的故事\n\nThe bank's story\n\n我去银行还钱。\n\nI went to the bank "
                    "to pay back.\n\n今天天气很好。\n\nThe weather is fine today.\n",
                    encoding="utf-8")
    return path


def _row_text(win, key: str) -> str:
    return win.library.item(win.library.keys().index(key)).text()


def _two_articles(qtbot, win, bank: Path) -> tuple[str, str]:
    sample = open_stored(qtbot, win, sample_path())
    banked = open_stored(qtbot, win, bank)
    qtbot.waitUntil(lambda: len(win.library.keys()) == 2, timeout=10_000)
    return f"id:{sample}", f"id:{banked}"


def test_search_box_finds_articles_by_toneless_pinyin_chinese_and_english(qtbot, win, bank):
    sample, banked = _two_articles(qtbot, win, bank)
    box = win.findChild(type(win.library_panel.search), "librarySearch")
    assert box is win.library_panel.search and box.isVisible()
    for query, expected in (("yinhang", [banked]), ("银行", [banked]), ("weather", [banked]),
                            ("阿里巴巴", [sample]), ("", [sample, banked])):
        box.setText(query)
        qtbot.waitUntil(lambda e=expected: win.library.shown_keys() == e, timeout=10_000)
    box.setText("zzzqqq")
    qtbot.waitUntil(lambda: win.library.shown_keys() == [], timeout=10_000)


def test_entries_keep_the_articles_date_and_source(qtbot, win, bank):
    sample, _banked = _two_articles(qtbot, win, bank)
    qtbot.waitUntil(lambda: "2017-08-09 · 财富中文网" in _row_text(win, sample), timeout=10_000)
    assert ".txt" not in _row_text(win, sample)
    line = win.library.fontMetrics().height()
    for i in range(win.library.count()):     # two lines each: title, then date and source
        assert win.library.item(i).sizeHint().height() >= 2 * line


def test_rename_and_delete_after_a_backup(qtbot, win, bank, tmp_path, monkeypatch):
    sample, banked = _two_articles(qtbot, win, bank)
    win.annotations.add_note("zh", 0, 2, "a note on the bank story")
    monkeypatch.setattr(librarypanel, "ask_title", lambda _p, _t: "  My bank  ")
    win.rename_article(win.current_item)
    qtbot.waitUntil(lambda: _row_text(win, banked).startswith("My bank\n"), timeout=10_000)
    asked = []
    monkeypatch.setattr(librarypanel, "confirm", lambda *a: asked.append(a) or False)
    item = win.library.item(win.library.keys().index(banked)).data(256)
    win.delete_article(item)
    assert asked and win.library.keys() == [sample, banked]       # cancelled: nothing gone
    monkeypatch.setattr(librarypanel, "confirm", lambda *a: True)
    win.delete_article(item)
    qtbot.waitUntil(lambda: win.library.keys() == [sample], timeout=10_000)
    copies = list((tmp_path / "backups").glob("lib-before-delete-*.sqlite"))
    assert len(copies) == 1
    with Library(Store.open(copies[0], backup=False)) as old:
        assert [n.note for n in old.notes(int(banked[3:]))] == ["a note on the bank story"]


def test_reading_position_comes_back_on_the_next_start(qtbot, core_objects, tmp_path):
    from reader.ui.opening import open_first

    first = make_window(qtbot, core_objects, tmp_path / "lib.db")
    first.resize(900, 400)
    open_stored(qtbot, first, sample_path())
    bar = first.zh.verticalScrollBar()
    first.zh.ensure_loaded()
    bar.setValue(bar.maximum() // 2)
    first.popup.hide()
    first.close()
    second = make_window(qtbot, core_objects, tmp_path / "lib.db")
    second.resize(900, 400)
    with qtbot.waitSignal(second.settled, timeout=30_000):
        open_first(second, None, None, None)
    bar = second.zh.verticalScrollBar()
    qtbot.waitUntil(lambda: abs(bar.value() / bar.maximum() - 0.5) < 0.05, timeout=5000)
    second.popup.hide()
    second.close()


def test_a_chinese_english_pair_is_filed_with_its_title(qtbot, win, bank, tmp_path):
    zh, en = tmp_path / "长江.txt", tmp_path / "yangtze.txt"
    zh.write_text("长江大桥很长。\n\n今天天气很好。\n", encoding="utf-8")
    en.write_text("The Yangtze bridge is long.\n\nThe weather is fine today.\n",
                  encoding="utf-8")
    with qtbot.waitSignal(win.articleShown, timeout=30_000):
        win.open_pair(str(zh), str(en))
    assert win.current_item.key.startswith("id:")
    pair = win.current_item.key
    qtbot.waitUntil(lambda: pair in list(win.library.keys()), timeout=10_000)
    assert _row_text(win, pair).startswith("长江\n")
    open_stored(qtbot, win, bank)          # switching away: the pair stays in the library
    qtbot.waitUntil(lambda: len(win.library.keys()) == 2, timeout=10_000)
    assert pair in list(win.library.keys())
    with qtbot.waitSignal(win.articleShown, timeout=30_000):
        win.open_item(win.library.item(win.library.keys().index(pair)).data(256))
    assert win.article.zh[0].text == "长江大桥很长。"


def test_an_entry_shows_how_far_it_was_read(qtbot, win, bank):
    sample, banked = _two_articles(qtbot, win, bank)
    assert "% read" not in _row_text(win, sample)          # opened, never scrolled
    item = win.library.item(win.library.keys().index(sample)).data(256)
    with qtbot.waitSignal(win.articleShown, timeout=30_000):
        win.open_item(item)
    win.zh.ensure_loaded()
    bar = win.zh.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    open_stored(qtbot, win, bank)
    qtbot.waitUntil(lambda: "33% read" in _row_text(win, sample), timeout=10_000)
    assert _row_text(win, sample).startswith("阿里巴巴解决与开云的法律纠纷")
