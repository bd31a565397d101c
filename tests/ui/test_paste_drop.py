"""Articles from outside the window: File ▸ Paste article (the clipboard's HTML when it has
some, else its text) and text or HTML dropped on the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from reader.ui.opening import mime_article_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def _clipboard_emptied(qapp):
    """The clipboard owns the last QMimeData set on it; left there, it is destroyed after
    the Python side at interpreter exit, which crashes the whole test run (status 139)."""
    yield
    QGuiApplication.clipboard().clear()

HTML = ("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        "<h1>银行</h1><p>我们去银行还钱。</p><p>We went to the bank to repay the money.</p>"
        "<iframe src='https://example.com/ad'>广告</iframe>"
        "<ul><li>他还没来。</li><li>He has not come yet.</li></ul></body></html>")


def _mime(text: str = "", html: str = "") -> QMimeData:
    data = QMimeData()
    if text:
        data.setText(text)
    if html:
        data.setHtml(html)
    return data


def test_html_is_preferred_over_text_and_empty_html_falls_back() -> None:
    assert mime_article_text(_mime("plain", HTML)) == HTML
    assert mime_article_text(_mime("plain", "<img src='a.png'><style>x{}</style>")) == "plain"
    assert mime_article_text(_mime()) == ""
    assert mime_article_text(None) == ""


def _paste_action(qtbot, window) -> QAction:
    """The menus are built after the first paint."""
    qtbot.waitUntil(lambda: window.findChild(QAction, "actPaste") is not None)
    return window.findChild(QAction, "actPaste")


def _pasted(qtbot, window, data: QMimeData):
    QGuiApplication.clipboard().setMimeData(data)
    act = _paste_action(qtbot, window)
    assert act and act.shortcut() == QKeySequence("Ctrl+Shift+V")
    assert act.text().replace("&", "") == "Paste article"
    with qtbot.waitSignal(window.articleShown, timeout=20_000):
        act.trigger()
    return window.article


def test_pasting_html_keeps_its_paragraphs_and_ignores_scripts_and_frames(qtbot, window):
    article = _pasted(qtbot, window, _mime("flat text", HTML))
    assert [p.text for p in article.zh] == ["我们去银行还钱。", "他还没来。"]
    assert [p.text for p in article.en] == ["We went to the bank to repay the money.",
                                            "He has not come yet."]
    everything = " ".join(p.text for p in (*article.zh, *article.en))
    assert "alert" not in everything and "广告" not in everything and "color" not in everything


def test_pasting_plain_text(qtbot, window):
    article = _pasted(qtbot, window, _mime("我们去银行还钱。\n\nWe went to the bank."))
    assert [p.text for p in article.zh] == ["我们去银行还钱。"]


def test_an_empty_clipboard_is_told_not_imported(qtbot, window, told):
    QGuiApplication.clipboard().setMimeData(_mime())
    _paste_action(qtbot, window).trigger()
    assert "no text" in told.getmsg("warning").text


def test_html_dropped_from_outside_is_imported(qtbot, window):
    with qtbot.waitSignal(window.articleShown, timeout=20_000):
        window.open_dropped(_mime("flat", HTML))
    assert [p.text for p in window.article.zh] == ["我们去银行还钱。", "他还没来。"]
