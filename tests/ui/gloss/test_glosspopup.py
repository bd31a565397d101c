"""The gloss card on its own: its text fits the card, a long one scrolls, dark mode reads."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from reader.core.models import Entry
from reader.ui.gloss.popup import CharGloss, Gloss, GlossPopup, Syllable

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

SHORT = Gloss("诉讼", "诉讼", "訴訟", (Syllable("sù", 4), Syllable("sòng", 4)),
              (Entry("訴訟", "诉讼", "su4 song4", ("lawsuit",)),), 6,
              (CharGloss("诉", Syllable("sù", 4), ("to sue",)),
               CharGloss("讼", Syllable("sòng", 4), ("litigation",))))
LONG = Gloss("打", "打", "打", (Syllable("dǎ", 3),),
             (Entry("打", "打", "da3", tuple(f"sense number {n}" for n in range(80))),))


def _shown(qtbot, gloss: Gloss) -> GlossPopup:
    popup = GlossPopup()
    qtbot.addWidget(popup)
    popup.set_gloss(gloss)
    avail = QGuiApplication.primaryScreen().availableGeometry()
    popup.show_at(QRect(avail.left() + 50, avail.top() + 40, 30, 20))
    qtbot.waitUntil(lambda: popup.scroll.viewport().width() > 0)
    return popup


def test_a_short_card_shows_whole_without_a_scroll_bar(qtbot) -> None:
    popup = _shown(qtbot, SHORT)
    viewport = popup.scroll.viewport()
    assert popup.view.width() <= viewport.width()
    assert popup.view.height() <= viewport.height()
    assert popup.scroll.verticalScrollBar().maximum() == 0
    assert "lawsuit" in popup.text() and "sù sòng" in popup.text()


def test_a_long_card_is_capped_and_scrolls_without_cutting_lines(qtbot) -> None:
    popup = _shown(qtbot, LONG)
    avail = QGuiApplication.primaryScreen().availableGeometry()
    assert popup.height() <= int(avail.height() * 0.7)
    assert popup.scroll.verticalScrollBar().maximum() > 0
    # Text laid out narrower than the viewport: the scroll bar never hides line ends.
    assert popup.view.width() <= popup.scroll.viewport().width()
    assert "sense number 79" in popup.text()


def test_the_card_paints_in_the_palette_text_colour(qtbot) -> None:
    popup = _shown(qtbot, SHORT)
    palette = popup.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    popup.setPalette(palette)
    image = popup.view.grab().toImage()
    light = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                if image.pixelColor(x, y).lightness() > 200)
    assert light > 50   # light text drawn (a black-only document would leave none)


def test_the_matched_sense_is_ticked_and_names_its_english(qtbot) -> None:
    from dataclasses import replace

    popup = _shown(qtbot, replace(SHORT, matched=(0, 0), matched_en="sued"))
    assert "✓ lawsuit — matches: “sued”" in popup.text()
    assert "✓" not in _shown(qtbot, SHORT).text()


def test_a_token_without_an_entry_shows_its_words_with_readings(qtbot) -> None:
    from reader.ui.gloss.popup import PartGloss

    gloss = Gloss("打假联盟", "打假联盟", "打假联盟", (), (), parts=(
        PartGloss("打假", (Syllable("dǎ", 3), Syllable("jiǎ", 3)), ("to fight counterfeiting",)),
        PartGloss("联盟", (Syllable("lián", 2), Syllable("méng", 2)), ("alliance",))))
    text = _shown(qtbot, gloss).text()
    assert "Not in CC-CEDICT as one word" in text
    assert "dǎ jiǎ" in text and "alliance" in text and "lián méng" in text


def test_a_name_reads_as_pinyin_writes_it(qtbot) -> None:
    gloss = Gloss("马云", "马云", "馬雲", (Syllable("Mǎ", 3), Syllable("Yún", 2)), ())
    assert "Mǎ Yún" in _shown(qtbot, gloss).text()
    ali = Gloss("阿里巴巴", "阿里巴巴", "阿里巴巴", (Syllable("Ā", 1), Syllable("lǐ", 3),
                                                 Syllable("bā", 1), Syllable("bā", 1)), ())
    assert "Ālǐbābā" in _shown(qtbot, ali).text()


def test_a_part_whose_sense_the_english_shows_is_ticked(qtbot) -> None:
    from reader.ui.gloss.popup import PartGloss

    gloss = Gloss("打假联盟", "打假联盟", "打假联盟", (), (), parts=(
        PartGloss("联盟", (Syllable("lián", 2), Syllable("méng", 2)), ("alliance", "union"),
                  "alliance"),))
    assert "✓ alliance — matches: “alliance”; union" in _shown(qtbot, gloss).text()
