"""Opening an edited file again offers to update the stored article; File ▸ Re-import; the
notes panel lists what could not be placed again (place again, delete)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction

from reader.core.service import Library
from tests.ui.conftest import open_stored
from tests.ui.notes.test_annotations import article_file, select_quote

__all__ = ["article_file"]      # a fixture, used by name
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _noted(qtbot, win, article_file, tmp_path) -> tuple[int, int, int]:
    """The file stored with two notes; then edited: one note's sentence is gone."""
    aid = open_stored(qtbot, win, article_file)
    with Library.open(tmp_path / "lib.db") as lib:
        kept = lib.add_note_by_quote(aid, "长江大桥", "bridge").id
        gone = lib.add_note_by_quote(aid, "积怨已久", "grudge").id
    text = article_file.read_text(encoding="utf-8")
    article_file.write_text(text.replace("他说积怨已久。", "他笑了。")
                            .replace("我去银行", "昨天我去银行"), encoding="utf-8")
    return aid, kept, gone


def _bar(qtbot, win):
    qtbot.waitUntil(lambda: getattr(win, "reimport_bar", None) is not None
                    and win.reimport_bar.isVisible(), timeout=15_000)
    return win.reimport_bar


def test_opening_a_changed_file_offers_to_update_and_the_notes_follow(
        qtbot, win, article_file, tmp_path, told):
    aid, kept, gone = _noted(qtbot, win, article_file, tmp_path)
    win.import_path(str(article_file))
    bar = _bar(qtbot, win)
    assert "changed since you imported it" in bar.label.text()
    assert bar.findChild(type(bar.update_button), "reimportUpdate") is bar.update_button
    bar.update_button.click()
    ctl = win.annotations
    qtbot.waitUntil(lambda: ctl.article_id() == aid and ctl.panel.list.count() == 2,
                    timeout=15_000)
    assert not bar.isVisible()
    assert "昨天我去银行" in "".join(p.text for p in win.article.zh)   # the edited text
    assert [r.note.id for r in ctl.panel.rows] == [kept, gone]   # orphans listed last
    assert "Orphaned" in ctl.panel.list.item(1).text()
    assert ctl.panel.header.text() == "1 note, 1 orphaned"
    info = told.wait(qtbot, "info")
    assert "1 could not be placed again" in info.text
    with Library.open(tmp_path / "lib.db") as lib:
        assert [a["id"] for a in lib.articles()] == [aid]       # no second article
    # Place again…: select where it belongs, then press the button.
    start, end = select_quote(win, "zh", "他笑了")
    ctl.panel.select(gone)
    assert ctl.panel.place_button.objectName() == "notesPlace"
    assert ctl.panel.place_button.text() == "Place again…"
    ctl.panel.place_button.click()
    with Library.open(tmp_path / "lib.db") as lib:
        placed = lib.store.get_annotation(gone)
    assert not placed.orphaned and (placed.anchor.start, placed.anchor.end) == (start, end)
    assert ctl.panel.header.text() == "2 notes"


def test_import_as_new_keeps_the_old_article_and_its_notes(qtbot, win, article_file,
                                                           tmp_path):
    aid, _kept, _gone = _noted(qtbot, win, article_file, tmp_path)
    win.import_path(str(article_file))
    _bar(qtbot, win).new_button.click()
    qtbot.waitUntil(lambda: win.annotations.article_id() not in (None, aid), timeout=15_000)
    with Library.open(tmp_path / "lib.db") as lib:
        assert len(lib.articles()) == 2 and len(lib.notes(aid)) == 2
    assert win.annotations.panel.list.count() == 0


def test_file_reimport_updates_the_article_on_screen_and_delete_drops_an_orphan(
        qtbot, win, article_file, tmp_path, told):
    aid, kept, gone = _noted(qtbot, win, article_file, tmp_path)
    action = win.findChild(QAction, "actReimport")
    assert action is not None and "Re-import" in action.text()
    action.trigger()
    ctl = win.annotations
    qtbot.waitUntil(lambda: "昨天我去银行" in "".join(p.text for p in win.article.zh)
                    and ctl.panel.list.count() == 2, timeout=15_000)
    assert told.wait(qtbot, "info")
    ctl.panel.select(gone)
    ctl.panel.delete_button.click()
    assert [r.note.id for r in ctl.panel.rows] == [kept]
    with Library.open(tmp_path / "lib.db") as lib:
        assert [n.id for n in lib.notes(aid)] == [kept]


def test_update_to_a_text_already_stored_is_told_clearly(qtbot, win, article_file,
                                                         tmp_path, told):
    aid, _kept, _gone = _noted(qtbot, win, article_file, tmp_path)
    with Library.open(tmp_path / "lib.db") as lib:      # the edited text, stored apart
        other = lib.import_text(article_file.read_text(encoding="utf-8")).id
    win.findChild(QAction, "actReimport").trigger()
    error = told.wait(qtbot, "error")
    assert f"already in the library as article {other}" in error.text
    told.pop_errors()
    with Library.open(tmp_path / "lib.db") as lib:
        assert len(lib.notes(aid)) == 2


def test_an_orphan_row_shows_its_label_quote_and_note_in_full(qtbot):
    from PySide6.QtGui import QFont, QFontMetrics

    from reader.core.models import Anchor, Annotation
    from reader.ui.notes.panel import NoteRow, NotesPanel
    from reader.ui.reading.fonts import chinese_family

    family = chinese_family()
    if family is None:
        pytest.skip("no Chinese font installed")
    panel = NotesPanel()
    qtbot.addWidget(panel)
    panel.resize(275, 400)
    panel.show()
    note = Annotation(2, 1, Anchor("zh", 20, 24, "积怨已久"), note="grudge", orphaned=True)
    panel.set_notes([NoteRow(note)])
    item = panel.list.item(0)
    assert item.text().splitlines() == ["Orphaned: place again or delete", "「积怨已久」",
                                        "grudge"]
    # Three lines as tall as Chinese lines (measured in a Latin font, the last was cut).
    assert panel.list.visualItemRect(item).height() >= 3 * QFontMetrics(
        QFont(family, panel.list.font().pointSize())).height()
