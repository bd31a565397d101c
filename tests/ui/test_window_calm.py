"""A calm window: keys from anywhere, the card out of the way, zoom, narrow windows,
themes, and a selection dragged inside a pane never imported."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog

from reader.ui.librarylist import sample_path
from tests.ui.conftest import open_and_settle
from tests.ui.test_window import _hover

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class _Drop:
    """A drop event as Qt gives it: its data and the widget the drag started in."""

    def __init__(self, source, text: str) -> None:
        self._source, self._data = source, QMimeData()
        self._data.setText(text)
        self.accepted = None

    def source(self):
        return self._source

    def mimeData(self) -> QMimeData:
        return self._data

    def ignore(self) -> None:
        self.accepted = False

    def acceptProposedAction(self) -> None:
        self.accepted = True


def test_a_selection_dragged_inside_a_pane_is_not_imported(qtbot, window, monkeypatch):
    open_and_settle(qtbot, window, str(sample_path()))
    dropped = []
    monkeypatch.setattr(window, "open_dropped", lambda data: dropped.append(data.text()))
    inside = _Drop(window.zh.viewport(), "阿里巴巴解决与开云的法律纠纷")
    window.dragEnterEvent(inside)
    window.dropEvent(inside)
    assert dropped == [] and inside.accepted is False
    outside = _Drop(None, "你好。\n\nHello.")
    window.dropEvent(outside)
    assert dropped == ["你好。\n\nHello."] and outside.accepted


def _act(win, name: str) -> QAction:
    act = win.findChild(QAction, name)
    assert act is not None, name
    return act


def test_zoom_keys_scale_text_and_pinyin_above(qtbot, window):
    open_and_settle(qtbot, window, str(sample_path()))
    window.set_pinyin_above(True)
    assert QKeySequence("Ctrl+=") in _act(window, "actZoomIn").shortcuts()
    assert _act(window, "actZoomOut").shortcut() == QKeySequence("Ctrl+-")
    assert _act(window, "actZoomReset").shortcut() == QKeySequence("Ctrl+0")
    ruby = window.zh._ruby_font.pointSizeF()
    for _ in range(3):
        _act(window, "actZoomIn").trigger()
    assert window.settings.get("font/zh_size") == 23
    assert window.zh._ruby_font.pointSizeF() > ruby
    _act(window, "actZoomOut").trigger()
    assert window.settings.get("font/zh_size") == 22
    _act(window, "actZoomReset").trigger()
    assert (window.settings.get("font/zh_size"), window.settings.get("font/en_size")) == (20, 13)
    assert window.zh._ruby_font.pointSizeF() == pytest.approx(ruby)


def test_a_narrow_window_folds_the_side_panels_and_unfolds_them(qtbot, window):
    open_and_settle(qtbot, window, str(sample_path()))
    assert window.library_panel.isVisible() and window.notes_dock.isVisible()
    window.resize(900, 600)
    qtbot.waitUntil(lambda: not window.library_panel.isVisible())
    assert not window.notes_dock.isVisible()
    qtbot.waitUntil(lambda: window.zh.width() > 0.4 * window.width())
    window.resize(1300, 800)
    qtbot.waitUntil(lambda: window.library_panel.isVisible() and window.notes_dock.isVisible())


def test_theme_menu_switches_and_remembers(qtbot, window):
    open_and_settle(qtbot, window, str(sample_path()))
    app = QApplication.instance()
    try:
        _act(window, "actThemeDark").trigger()
        assert window.settings.get("view/theme") == "dark"
        assert app.palette().window().color().lightness() < 80
        _act(window, "actThemeLight").trigger()
        assert window.settings.get("view/theme") == "light"
        assert app.palette().window().color().lightness() > 180
    finally:
        app.setPalette(app.style().standardPalette())


def test_arrows_and_esc_work_with_the_focus_elsewhere(qtbot, window):
    open_and_settle(qtbot, window, str(sample_path()))
    _hover(qtbot, window, "诉讼")
    window.en.setFocus()
    qtbot.keyClick(window.en, Qt.Key.Key_Right)
    assert window.popup.gloss.word != "诉讼"
    qtbot.keyClick(window.en, Qt.Key.Key_Left)
    assert window.popup.gloss.word == "诉讼"
    window.library.setFocus()
    qtbot.keyClick(window.library, Qt.Key.Key_Escape)
    assert not window.popup.isVisible() and window.zh.current is None


def test_the_card_hides_when_the_pointer_leaves_the_pane(qtbot, window):
    open_and_settle(qtbot, window, str(sample_path()))
    _hover(qtbot, window, "诉讼")
    qtbot.mouseMove(window.library, QPoint(5, 5))
    QApplication.sendEvent(window.zh.viewport(), _leave())
    qtbot.waitUntil(lambda: not window.popup.isVisible())


def test_the_card_never_stays_over_a_dialog(qtbot, window):
    open_and_settle(qtbot, window, str(sample_path()))
    _hover(qtbot, window, "诉讼")
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: not window.popup.isVisible())
    dialog.close()


def _leave():
    from PySide6.QtCore import QEvent

    return QEvent(QEvent.Type.Leave)


def test_a_slow_core_start_shows_the_busy_indicator(qtbot, core_objects, monkeypatch):
    from reader.ui import mainwindow
    from reader.ui.librarylist import SessionLibrarySource
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    monkeypatch.setattr(mainwindow, "LOADING_BUSY_S", 0.05)
    services = CoreServices(*core_objects)
    win = mainwindow.MainWindow(services, Settings(), SessionLibrarySource(), autostart=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.busy.isVisible())
    assert win.statusBar().currentMessage() == mainwindow.LOADING_MESSAGE
    services.start()
    qtbot.waitUntil(lambda: not win.busy.isVisible(), timeout=10_000)
    assert win.statusBar().currentMessage() == ""
    win.close()


def test_a_chinese_lead_without_english_leaves_room_so_the_panes_start_level(
        qtbot, window, tmp_path):
    path = tmp_path / "lead.txt"
    path.write_text("长江的故事\n\nThe Yangtze story\n\n这是一段只有中文的导语，说明文章的来源和"
                    "背景，没有英文翻译，读者可以先看看。\n\n长江大桥很长。\n\nThe Yangtze bridge "
                    "is long.\n\n今天天气很好。\n\nThe weather is fine today.\n", encoding="utf-8")
    open_and_settle(qtbot, window, str(path))
    first = next(b for b in window.sync.beads if b.zh and b.en)
    assert min(first.zh) > 0                    # the lead has no English partner

    def level() -> bool:
        ztop = window.zh.sentence_y(min(first.zh))[0] - window.zh.verticalScrollBar().value()
        etop = window.en.sentence_y(min(first.en))[0] - window.en.verticalScrollBar().value()
        return abs(ztop - etop) <= 2
    qtbot.waitUntil(level)
    window.change_font(4)
    qtbot.waitUntil(level)
    window.resize(1500, 800)
    qtbot.waitUntil(level)


def test_the_remembered_theme_is_used_at_start(qtbot, monkeypatch):
    from reader.ui.settings import Settings
    from reader.ui.theme import dark_requested

    app = QApplication.instance()
    monkeypatch.delenv("DUIZHAO_THEME")
    Settings().set("view/theme", "dark")
    assert dark_requested(app) is True
    Settings().set("view/theme", "light")
    assert dark_requested(app) is False
    monkeypatch.setenv("DUIZHAO_THEME", "dark")      # the environment still wins
    assert dark_requested(app) is True


def test_first_start_cache_builds_are_told_in_the_status_bar(qtbot, window):
    import threading

    from reader.core import progress

    def build() -> None:
        with progress.building("the dictionary"):
            started.wait(5)

    started = threading.Event()
    worker = threading.Thread(target=build)
    worker.start()
    qtbot.waitUntil(lambda: "Building the dictionary" in window.statusBar().currentMessage())
    assert window.busy.isVisible()
    started.set()
    worker.join(5)
    qtbot.waitUntil(lambda: "Built the dictionary" in window.statusBar().currentMessage())
    window.close()
    assert progress._listener is None        # the window's listener is gone with it
