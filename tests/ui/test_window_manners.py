"""Desktop manners: library list, panes, settings, errors told to the user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from reader.core.text.importer import parse_pair
from reader.ui.librarylist import sample_path
from tests.ui.conftest import open_and_settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_object_names_and_library_entry(qtbot, window) -> None:
    open_and_settle(qtbot, window, str(sample_path()))
    for name in ("zhPane", "enPane", "libraryList"):
        assert window.findChild(object, name) is not None, name
    assert window.popup.objectName() == "glossPopup"
    qtbot.waitUntil(lambda: window.library.count() >= 1)
    first = window.library.item(0).text()
    assert "阿里巴巴" in first and "2017-08-09" in first


def test_swap_and_hide_panes(qtbot, window) -> None:
    assert window.splitter.indexOf(window.zh) < window.splitter.indexOf(window.en)
    window.swap_panes()
    assert window.splitter.indexOf(window.en) < window.splitter.indexOf(window.zh)
    window._show("en", False)
    assert not window.en.isVisible() and window.zh.isVisible()
    assert window.settings.get("view/show_en") is False


def test_a_missing_file_is_told_not_raised(qtbot, window, told, tmp_path) -> None:
    window.import_path(str(tmp_path / "nope.txt"))
    assert "nope.txt" in told.wait(qtbot, "error").text


def test_click_mode_opens_the_popup_only_on_click(qtbot, window) -> None:
    window.set_trigger("click")
    article = parse_pair("我们去银行还钱。", "We go to the bank to repay.")
    with qtbot.waitSignal(window.settled, timeout=30_000):
        window.show_article(article)
    rect = window.zh.span_rects(0, 3, 5)[0]          # 银行
    point = rect.center().toPoint()
    qtbot.mouseMove(window.zh.viewport(), QPoint(1, 1))
    qtbot.mouseMove(window.zh.viewport(), point)
    assert not window.popup.isVisible()
    qtbot.mouseClick(window.zh.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(window.popup.isVisible)
    assert window.popup.gloss.word == "银行"
    assert "yín háng" in window.popup.text()


def test_readings_in_context_and_styles(qtbot, window) -> None:
    article = parse_pair("我们去银行还钱。", "We go to the bank to repay.")
    with qtbot.waitSignal(window.settled, timeout=30_000):
        window.show_article(article)
    analysis = window.analysis.get(0)
    i = analysis.index_at(5)                          # 还 in 还钱: huán, not hái
    assert analysis.reading(i).syllables[0] == "huan2"
    window.set_pinyin_style("numbers")
    assert window._syllable("huan2").text == "huan2"
    window.set_pinyin_style("zhuyin")
    assert window._syllable("huan2").text == "ㄏㄨㄢˊ"


def test_a_long_article_shows_its_start_first_then_loads_the_rest(qtbot, window) -> None:
    zh = "\n".join(f"第{i}段。" + "我们去银行还钱。" * 20 for i in range(300))
    en = "\n".join(f"Paragraph {i}. We go to the bank." for i in range(300))
    article = parse_pair(zh, en)
    with qtbot.waitSignal(window.zh.fullyLoaded, timeout=30_000):
        window.show_article(article)
        assert window.zh.loaded_blocks < len(article.zh)
    assert window.zh.document().blockCount() == len(article.zh)
    assert window.zh.document().lastBlock().text() == article.zh[-1].text
    window.zh.scroll_to_block(len(article.zh) - 1)
    assert len(article.zh) - 1 in window.zh.visible_blocks()


def test_before_the_segmenter_loads_the_longest_match_is_glossed(
        qtbot, core_objects, told) -> None:
    from reader.ui.librarylist import SessionLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading.fonts import chinese_family
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    services = CoreServices(*core_objects)
    win = MainWindow(services, Settings(), SessionLibrarySource(), chinese_family(),
                     autostart=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    services.load_dictionary()          # the dictionary is there, jieba is not
    win.show_article(parse_pair("他们撤回诉讼。", "They withdrew the lawsuit."))
    assert win.analysis.get(0) is None
    qtbot.waitUntil(lambda: bool(win.zh.span_rects(0, 4, 5)))
    rect = win.zh.span_rects(0, 4, 5)[0]  # 诉
    win.zh.point_at(rect.center())
    assert win.popup.isVisible()
    assert win.popup.gloss.word == "诉讼"
    assert "lawsuit" in win.popup.text()
    win.popup.hide()


def test_start_up_fills_menus_and_notes_after_the_article_is_painted(
        qtbot, window, monkeypatch, tmp_path):
    # Before any article is painted: menu titles and the notes dock hold their places.
    assert [m.title() for m in window.menus.values()] == [
        "&File", "&Edit", "&View", "&Gloss", "&Help"]
    assert window.menus["file"].actions() == []
    assert window._annotations is None
    assert window.notes_dock.widget().objectName() == "notesPlaceholder"
    dock_width = window.notes_dock.width()
    open_and_settle(qtbot, window, str(sample_path()))
    qtbot.waitUntil(lambda: window.notes_dock.widget().objectName() == "notesPanel")
    assert any(a.text() == "&Open…" for a in window.menus["file"].actions())
    assert window.menus["edit"].actions()   # filled by the notes controller
    assert window.notes_dock.width() == dock_width   # the panes did not jump sideways


def test_filing_menus_and_card_wait_until_the_first_screen_can_be_glossed(
        qtbot, core_objects, told, tmp_path) -> None:
    # They share the GIL with the core's loading: none of them may delay the readings.
    from reader.ui.librarylist import SessionLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading.fonts import chinese_family
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    services = CoreServices(*core_objects)
    source = SessionLibrarySource()
    win = MainWindow(services, Settings(), source, chinese_family(), autostart=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    path = tmp_path / "article.txt"
    path.write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    win.import_path(str(path))
    qtbot.waitUntil(lambda: win._deferred is None, timeout=5_000)   # painted, core not loaded
    qtbot.wait(200)
    assert win.menus["file"].actions() == []     # the card is built then too, or on a hover
    assert source.items() == []                    # not filed in the library yet
    with qtbot.waitSignal(win.settled, timeout=30_000):
        services.start()
    assert any(a.text() == "&Open…" for a in win.menus["file"].actions())
    assert win._popup is not None
    qtbot.waitUntil(lambda: len(source.items()) == 1, timeout=10_000)
    win.close()


def test_reopening_a_file_uses_its_cached_parse(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(sample_path().read_text(encoding="utf-8"), encoding="utf-8")
    open_and_settle(qtbot, window, str(path))
    first = window.article
    import threading

    import reader.core.text.importer as textimport

    parse = textimport.import_file

    def no_parser(path):
        # Filing the file in the (session) library, in a worker, may parse it again.
        if threading.current_thread() is threading.main_thread():
            raise AssertionError("the importer ran although the parse was cached")
        return parse(path)

    monkeypatch.setattr(textimport, "import_file", no_parser)
    window.show_article(parse_pair("别的。", "Something else."))
    window.import_path(str(path))
    assert window.article == first


def test_dark_palette_dims_disabled_buttons(qtbot) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from reader.ui.theme import apply_palette

    app = QApplication.instance()
    before = app.palette()
    try:
        apply_palette(app, dark=True)
        pal = app.palette()
        role, group = QPalette.ColorRole, QPalette.ColorGroup
        enabled = pal.color(group.Active, role.ButtonText).lightness()
        disabled = pal.color(group.Disabled, role.ButtonText).lightness()
        assert enabled - disabled > 80     # "Delete" with nothing selected reads as off
    finally:
        app.setPalette(before)
