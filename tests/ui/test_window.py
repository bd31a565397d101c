"""The reading window as a learner uses it: hover, step, scroll, toggle pinyin."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication

from reader.core.text.importer import parse_pair
from reader.ui.gloss.popup import place
from reader.ui.librarylist import sample_path
from reader.ui.reading.offsets import OffsetMap, utf16_len
from tests.ui.conftest import open_and_settle

# The offscreen platform reports that it cannot raise or size-hint windows; nothing to fix.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _word_point(win, word: str, occurrence: int = 0) -> tuple[int, QPoint]:
    """Paragraph and viewport point of the centre of `word` in the Chinese pane."""
    seen = 0
    for block, para in enumerate(win.article.zh):
        start = para.text.find(word)
        while start >= 0:
            if seen == occurrence:
                win.zh.scroll_to_block(block)
                rect = win.zh.span_rects(block, start, start + len(word))[0]
                return block, rect.center().toPoint()
            seen += 1
            start = para.text.find(word, start + 1)
    raise AssertionError(f"{word} not in the article")


def _hover(qtbot, win, word: str) -> None:
    _, point = _word_point(win, word)
    # Move from elsewhere first: a pointer already resting there sends no move event.
    qtbot.mouseMove(win.zh.viewport(), QPoint(1, 1))
    qtbot.mouseMove(win.zh.viewport(), point)
    qtbot.waitUntil(lambda: win.popup.isVisible() and win.popup.gloss is not None
                    and win.popup.gloss.word == word, timeout=5000)


def test_hovering_a_word_shows_its_pinyin_and_gloss(qtbot, window) -> None:
    open_and_settle(qtbot, window, str(sample_path()))
    _hover(qtbot, window, "诉讼")
    text = window.popup.text()
    assert window.popup.objectName() == "glossPopup"
    assert "sù sòng" in text
    assert "lawsuit" in text
    assert "訴訟" in text                      # traditional form
    assert [c.char for c in window.popup.gloss.chars] == ["诉", "讼"]


def test_arrow_keys_step_through_words_and_esc_closes(qtbot, window) -> None:
    open_and_settle(qtbot, window, str(sample_path()))
    _hover(qtbot, window, "诉讼")
    block, index = window.zh.current
    tokens = window.analysis.get(block).tokens
    after = next(t.text for t in tokens[index + 1:] if t.text not in ",，。 ")
    window.zh.setFocus()
    qtbot.keyClick(window.zh, Qt.Key.Key_Right)
    assert window.popup.gloss.word == after
    qtbot.keyClick(window.zh, Qt.Key.Key_Left)
    assert window.popup.gloss.word == "诉讼"
    qtbot.keyClick(window.zh, Qt.Key.Key_Escape)
    assert not window.popup.isVisible()


def test_popup_never_leaves_the_screen_nor_covers_the_word(qtbot, window) -> None:
    screen = QRect(0, 0, 1000, 700)
    size = QSize(380, 300)
    for word in (QRect(980, 10, 20, 20), QRect(0, 680, 30, 20), QRect(990, 690, 10, 10),
                 QRect(500, 350, 40, 20), QRect(-5, 300, 40, 20)):
        popup = QRect(place(size, word, screen), size)
        assert screen.contains(popup), (word, popup)
        assert not popup.intersects(word), (word, popup)
    # And for real, at the bottom-right edge of the screen.
    avail = QGuiApplication.primaryScreen().availableGeometry()
    window.resize(900, 600)
    window.move(avail.right() - 900, avail.bottom() - 600)
    open_and_settle(qtbot, window, str(sample_path()))
    last = window.article.zh[-1].text
    word = next(t.text for t in window.analysis.get(len(window.article.zh) - 1).tokens
                if len(t.text) > 1 and last.count(t.text) == 1)
    _hover(qtbot, window, word)
    geo = window.popup.frameGeometry()
    assert avail.contains(geo)
    assert not geo.intersects(window.popup.anchor)


def test_scrolling_chinese_brings_the_aligned_english_into_view(qtbot, window) -> None:
    open_and_settle(qtbot, window, str(sample_path()))
    window.resize(1200, 420)
    beads = [b for b in window.alignment.paragraphs if b.zh and b.en]
    bead = beads[len(beads) // 2]
    window.zh.scroll_to_block(bead.zh[0])
    qtbot.waitUntil(lambda: any(e in window.en.visible_blocks() for e in bead.en))
    first_en_other = beads[0].en[0]
    assert first_en_other not in window.en.visible_blocks()


def test_pinyin_toggle_changes_the_rendering(qtbot, window) -> None:
    open_and_settle(qtbot, window, str(sample_path()))
    before = window.zh.viewport().grab().toImage()
    window.set_pinyin_above(True)
    qtbot.waitUntil(lambda: window.zh.viewport().grab().toImage() != before)
    assert window.zh.document().firstBlock().blockFormat().topMargin() > 0
    assert window.settings.get("pinyin/above") is True
    window.set_pinyin_above(False)
    assert window.zh.document().firstBlock().blockFormat().topMargin() == 0


def _pair(tmp_path: Path, zh: str, en: str):
    return parse_pair(zh, en)


def test_traditional_text_is_glossed(qtbot, window, tmp_path) -> None:
    article = parse_pair("我去銀行還錢。他們說話很快。", "I went to the bank to repay money. "
                         "They speak fast.")
    with qtbot.waitSignal(window.settled, timeout=30_000):
        window.show_article(article)
    _hover(qtbot, window, "銀行")
    assert window.popup.gloss.simplified == "银行"
    assert "yín háng" in window.popup.text()
    assert "bank" in window.popup.text()


def test_a_character_outside_the_bmp_does_not_shift_offsets(qtbot, window) -> None:
    article = parse_pair("𠮷𠮷银行很好。", "Good bank.")
    with qtbot.waitSignal(window.settled, timeout=30_000):
        window.show_article(article)
    assert utf16_len(article.zh[0].text) == len(article.zh[0].text) + 2
    _hover(qtbot, window, "银行")
    assert "yín háng" in window.popup.text()
    block, index = window.zh.current
    assert window.analysis.get(block).tokens[index].start == article.zh[0].text.index("银行")


def test_offset_map_round_trips() -> None:
    text = "a𠮷银𠮷行"
    m = OffsetMap(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert all(m.to_cp(m.to_qt(i)) == i for i in range(len(text) + 1))
    assert m.to_cp(2) == 1                     # inside a surrogate pair → that character
    assert OffsetMap("银行").identity


def test_font_size_is_remembered_under_duizhao_home(qtbot, window, duizhao_home) -> None:
    size = window.settings.get("font/zh_size")
    window.change_font(1)
    window.settings.sync()
    assert (duizhao_home / "settings.ini").exists()
    from reader.ui.settings import Settings

    assert Settings().get("font/zh_size") == size + 1
