"""Saved words, locked readings and fixes to the machine's work, from the window."""
# ruff: noqa: F811 - the window fixtures are imported from test_annotations

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from reader.core.models import Bead
from reader.core.service import Library, alignment_from_stored
from reader.ui.notes.fixes import merged, split
from tests.ui.conftest import open_stored
from tests.ui.notes.test_annotations import (  # noqa: F401 - a fixture
    article_file,
    select_quote,
)
from tests.ui.test_window import _hover

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def clean_segmenter(core_objects):
    """Word fixes change the session's shared segmenter: undo them afterwards."""
    yield core_objects[0]
    core_objects[0].set_overrides()


def test_merge_and_split_helpers() -> None:
    beads = (Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.4))
    assert merged(beads, 0) == Bead((0, 1, 2), (0, 1), 1.0)
    assert split(Bead((1, 2), (1, 2, 3, 4), 0.4), "zh", 2) == (Bead((1,), (1, 2), 1.0),
                                                                Bead((2,), (3, 4), 1.0))
    assert split(Bead((1, 2, 3), (5, 6), 0.4), "zh", 3) == (Bead((1, 2), (5,), 1.0),
                                                             Bead((3,), (6,), 1.0))
    assert split(Bead((1, 2), (1,), 0.4), "en", 1) is None   # nothing before sentence 1


def test_save_word_from_the_popup_keeps_reading_and_sentences(qtbot, win, article_file,
                                                              tmp_path) -> None:
    open_stored(qtbot, win, article_file)
    ctl = win.annotations
    _hover(qtbot, win, "银行")
    assert "S: save word" in win.popup.text()
    win.zh.setFocus()
    with qtbot.waitSignal(ctl.wordsChanged):
        qtbot.keyClick(win.zh, "s")
    assert "Saved · new" in win.popup.text()
    with Library.open(tmp_path / "lib.db") as lib:
        [saved] = [w for w in lib.words() if w.word == "银行"]
    assert saved.reading == "yin2 hang2"
    assert saved.sentence_zh == "我去银行还钱。"
    assert saved.sentence_en == "I went to the bank to pay back money."
    assert saved.status == "new"
    assert any("bank" in s for s in saved.senses)
    # Marked known: the status bar's share of known words goes up, the tint follows.
    ctl.set_word_status("银行", "known")
    # The share comes from the article's word counts (the idle-time profile pass).
    qtbot.waitUntil(lambda: ctl.status_known.text().startswith("Known "))
    assert ctl.known_share > 0
    ctl.set_tint_words(True)
    tinted = [s.cursor.selectedText() for s in win.zh.extraSelections()
              if s.format.underlineColor().name() == "#22a06b"]
    assert tinted == ["银行"]
    assert win.settings.get("view/tint_words") is True    # remembered for the next run


def test_locking_a_reading_changes_the_popup(qtbot, win, article_file, tmp_path, told
                                             ) -> None:
    aid = open_stored(qtbot, win, article_file)
    ctl = win.annotations
    _hover(qtbot, win, "银行")
    assert "yín háng" in win.popup.text()
    assert ctl.lock_reading("银行", "yin2 xing2")
    qtbot.waitUntil(lambda: "yín xíng" in win.popup.text())
    with Library.open(tmp_path / "lib.db") as lib:
        assert lib.store.reading_overrides(aid) == {"银行": "yin2 xing2"}
    assert ctl.lock_reading("银行", None)
    qtbot.waitUntil(lambda: "yín háng" in win.popup.text())
    assert set(ctl.reading_choices("长")) >= {"chang2", "zhang3"}
    # A reading that does not fit the word is refused with a message, not a traceback.
    assert not ctl.lock_reading("银行", "yin2")
    [error] = told.pop_errors()
    assert "one syllable per character" in error.text and error.hint


def test_lock_reading_menu_offers_cedict_readings(qtbot, win, article_file) -> None:
    open_stored(qtbot, win, article_file)
    block, point = None, None
    for b, para in enumerate(win.article.zh):
        at = para.text.find("银行")
        if at >= 0:
            block, rect = b, win.zh.span_rects(b, at, at + 2)[0]
            point = rect.center().toPoint()
            break
    assert block is not None
    menu = win.annotations.fixes.menu_for(win.zh, point)
    titles = [a.text() for a in menu.actions()]
    assert "Save word “银行”" in titles
    lock = next(a.menu() for a in menu.actions() if a.text() == "Lock reading of “银行”")
    assert [a.text() for a in lock.actions()] == ["yin2 hang2"]
    assert any(a.text() == "Fix alignment" for a in menu.actions())


def test_merge_and_split_beads_change_alignment_and_highlights(qtbot, win, article_file,
                                                               tmp_path) -> None:
    aid = open_stored(qtbot, win, article_file)
    fixes = win.annotations.fixes
    qtbot.waitUntil(lambda: bool(win.sync.beads), timeout=15_000)
    sid = next(i for i in range(win.zh.sentence_count)
               if win.zh.paragraphs[win.zh.sentence_location(i)[0]].text.startswith("我去银行"))
    first = win.sync._of["zh"][sid]
    before = win.sync.beads
    want = merged(before, first)
    with qtbot.waitSignal(fixes.alignmentFixed, timeout=20_000):
        assert fixes.merge_with_next("zh", sid)
    with Library.open(tmp_path / "lib.db") as lib:
        fixed = alignment_from_stored({"sentences": lib.store.alignment(aid)["fixed"]}).sentences
    assert [(b.zh, b.en) for b in fixed] == [(want.zh, want.en)]
    assert any((b.zh, b.en) == (want.zh, want.en) for b in win.sync.beads)
    win.sync.highlight(win.zh, win.en, sid)
    assert set(win.en.highlighted) == set(want.en)
    # Split it again before its second Chinese sentence.
    second = want.zh[1]
    with qtbot.waitSignal(fixes.alignmentFixed, timeout=20_000):
        assert fixes.split_at("zh", second)
    win.sync.highlight(win.zh, win.en, sid)
    assert set(win.en.highlighted) < set(want.en)
    with Library.open(tmp_path / "lib.db") as lib:
        fixed = alignment_from_stored({"sentences": lib.store.alignment(aid)["fixed"]}).sentences
    assert len(fixed) == 2 and {i for b in fixed for i in b.zh} == set(want.zh)


def test_join_and_split_words(qtbot, win, article_file, clean_segmenter, told) -> None:
    open_stored(qtbot, win, article_file)
    fixes = win.annotations.fixes
    block = next(b for b, p in enumerate(win.article.zh) if p.text.startswith("我去银行"))

    def words() -> list[str]:
        return [t.text for t in win.analysis.get(block).tokens]

    assert "积怨已久" not in words()
    select_quote(win, "zh", "积怨已久")
    with qtbot.waitSignal(fixes.resegmented):
        assert fixes.override("积怨已久", "join")
    assert "积怨已久" in words()
    with qtbot.waitSignal(fixes.resegmented):
        assert fixes.override("银行", "split", ["银", "行"])
    assert "银行" not in words() and words()[2:4] == ["银", "行"]
    # A split whose parts do not spell the word is told to the user.
    assert not fixes.override("银行", "split", ["银"])
    [error] = told.pop_errors()
    assert "do not spell" in error.text


def test_menu_on_a_point_outside_text_has_no_word_actions(qtbot, win, article_file
                                                          ) -> None:
    open_stored(qtbot, win, article_file)
    menu = win.annotations.fixes.menu_for(win.zh, QPoint(2, win.zh.viewport().height() - 2))
    assert not [a for a in menu.actions() if a.text().startswith("Save word")]


def test_fixed_beads_are_kept_when_the_article_is_opened_again(qtbot, win, core_objects,
                                                                article_file, tmp_path
                                                                ) -> None:
    from tests.ui.conftest import make_window

    open_stored(qtbot, win, article_file)
    qtbot.waitUntil(lambda: bool(win.sync.beads), timeout=15_000)
    sid = next(i for i in range(win.zh.sentence_count)
               if win.zh.paragraphs[win.zh.sentence_location(i)[0]].text.startswith("我去银行"))
    want = merged(win.sync.beads, win.sync._of["zh"][sid])
    with qtbot.waitSignal(win.annotations.fixes.alignmentFixed, timeout=20_000):
        win.annotations.fixes.merge_with_next("zh", sid)
    win.close()
    again = make_window(qtbot, core_objects, tmp_path / "lib.db")
    with qtbot.waitSignal(again.annotations.fixes.alignmentFixed, timeout=30_000):
        open_stored(qtbot, again, article_file)
    qtbot.waitUntil(again.is_settled, timeout=15_000)
    assert any((b.zh, b.en) == (want.zh, want.en) for b in again.sync.beads)
    again.close()
