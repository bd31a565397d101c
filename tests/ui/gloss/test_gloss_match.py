"""The card chooses the sense the aligned English shows, marks it, and the English pane
underlines those words while the card is shown; names read as pinyin writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from reader.ui.librarylist import sample_path
from tests.ui.conftest import open_and_settle
from tests.ui.test_window import _word_point

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ARTICLE = """他每天打篮球。

He plays basketball every day.

他们打了一架。

They had a fight.

我去过北京。

I have been to Beijing.
"""


def _hover(qtbot, win, word: str, occurrence: int = 0) -> None:
    _, point = _word_point(win, word, occurrence)
    qtbot.mouseMove(win.zh.viewport(), QPoint(1, 1))
    qtbot.mouseMove(win.zh.viewport(), point)
    qtbot.waitUntil(lambda: win.popup.isVisible() and win.popup.gloss is not None
                    and win.popup.gloss.word == word, timeout=5000)


def test_the_matched_sense_is_first_marked_and_underlined_in_english(qtbot, window) -> None:
    open_and_settle(qtbot, window, str(sample_path()))
    qtbot.waitUntil(lambda: bool(window.sync.beads), timeout=20_000)
    _hover(qtbot, window, "阿里巴巴", 2)
    gloss = window.popup.gloss
    assert gloss.matched == (0, 0) and gloss.matched_en == "Alibaba"
    text = window.popup.text()
    assert "✓" in text and "matches" in text and "Alibaba" in text
    assert gloss.pinyin_text.replace(" ", "") == "Ālǐbābā"
    assert window.en.underlined == ["Alibaba"]
    window.hide_popup()
    assert window.en.underlined == []


def test_the_sense_follows_the_sentence_and_a_word_without_match_marks_nothing(
        qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "da.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    open_and_settle(qtbot, window, str(path))
    qtbot.waitUntil(lambda: bool(window.sync.beads), timeout=20_000)
    _hover(qtbot, window, "打", 1)                        # 他们打了一架: They had a fight.
    assert window.popup.gloss.matched_en == "fight"
    assert window.en.underlined == ["fight"]
    _hover(qtbot, window, "去过")                         # its English shows no sense of it
    assert window.popup.gloss.matched is None and "✓" not in window.popup.text()
    assert window.en.underlined == []


def test_names_above_the_text_are_written_as_pinyin_writes_them(qtbot, window) -> None:
    from reader.ui.reading.zhpane import _name_syllables

    open_and_settle(qtbot, window, str(sample_path()))
    assert _name_syllables("马云", ("ma3", "yun2")) == ("Ma3", "Yun2")
    assert _name_syllables("银行", ("yin2", "hang2")) == ("yin2", "hang2")


def test_a_token_without_entry_underlines_what_its_words_match(qtbot, window, tmp_path):
    path = tmp_path / "parts.txt"
    path.write_text("公司在努力提高声誉。\n\nThe company is working to improve its reputation.\n",
                    encoding="utf-8")
    open_and_settle(qtbot, window, str(path))
    qtbot.waitUntil(lambda: bool(window.sync.beads), timeout=20_000)
    _hover(qtbot, window, "努力提高")                # one token, no entry: its two words
    assert [p.text for p in window.popup.gloss.parts] == ["努力", "提高"]
    assert "nǔ lì" in window.popup.text() and "tí gāo" in window.popup.text()
    assert window.en.underlined == ["improve"]
    assert "matches: “improve”" in window.popup.text()


def test_a_card_open_when_the_alignment_arrives_takes_the_translation_s_sense(
        qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import reader.ui.mainwindow as mainwindow

    release = threading.Event()
    real_align = mainwindow.align

    def held_align(article):
        release.wait(20)
        return real_align(article, in_process=True)

    monkeypatch.setattr(mainwindow, "align", held_align)
    path = tmp_path / "da.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    window.import_path(str(path))
    qtbot.waitUntil(lambda: window.services.ready and window.analysis is not None
                    and window.analysis.get(1) is not None, timeout=20_000)
    _hover(qtbot, window, "打", 1)                        # 他们打了一架: They had a fight.
    assert not window.sync.beads and window.popup.gloss.matched is None   # no English yet
    release.set()
    qtbot.waitUntil(lambda: window.popup.gloss.matched_en == "fight", timeout=20_000)
    assert window.popup.isVisible() and window.popup.gloss.word == "打"
    assert window.en.underlined == ["fight"]
