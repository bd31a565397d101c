"""The notes panel and note dialog on their own, and notes without a library."""

from __future__ import annotations

import pytest

from reader.core.models import Anchor, Annotation
from reader.ui.notes.dialog import NoteDialog, NoteInput, parse_tags
from reader.ui.notes.panel import NoteRow, NotesPanel, row_text
from tests.ui.conftest import open_and_settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _note(id_: int, lang: str, start: int, quote: str, **kw) -> Annotation:
    return Annotation(id_, 1, Anchor(lang, start, start + len(quote), quote), **kw)


def test_panel_lists_reading_order_then_orphans(qtbot) -> None:
    panel = NotesPanel()
    qtbot.addWidget(panel)
    rows = [NoteRow(_note(1, "en", 5, "bank")),
            NoteRow(_note(2, "zh", 30, "积怨已久", note="a **long** grudge", tags=("idiom",)),
                    "He said the grudge was old."),
            NoteRow(_note(3, "zh", 2, "银行", orphaned=True)),
            NoteRow(_note(4, "zh", 3, "还钱"))]
    panel.set_notes(rows)
    ids = [panel.list.item(i).data(256) for i in range(panel.list.count())]
    assert ids == [4, 2, 1, 3]
    assert panel.header.text() == "3 notes, 1 orphaned"
    assert panel.list.item(3).text().startswith("Orphaned")
    second = panel.list.item(1).text()
    assert "a long grudge" in second and "#idiom" in second
    assert "EN: He said the grudge was old." in second
    assert not panel.edit_button.isEnabled()
    with qtbot.waitSignal(panel.placeRequested) as blocker:
        panel.list.setCurrentRow(3)
        panel.place_button.click()
    assert blocker.args == [3]


def test_row_text_for_an_english_note_shows_the_chinese() -> None:
    text = row_text(NoteRow(_note(1, "en", 0, "grudge"), "他说积怨已久。"))
    assert text.splitlines() == ["“grudge”", "中: 他说积怨已久。"]


def test_note_dialog_value(qtbot) -> None:
    dialog = NoteDialog("积怨已久", "He said the grudge was old.",
                        NoteInput("old", "blue", ("a",)))
    qtbot.addWidget(dialog)
    assert dialog.value() == NoteInput("old", "blue", ("a",))
    dialog.text.setPlainText("  new note \n")
    dialog.tags.setText("idiom, grammar  idiom2")
    dialog.color.setCurrentIndex(dialog.color.findData("pink"))
    assert dialog.value() == NoteInput("new note", "pink", ("idiom", "grammar", "idiom2"))
    assert parse_tags(" , ") == ()


def test_without_a_library_notes_are_refused_politely(qtbot, window, told) -> None:
    from reader.ui.librarylist import sample_path

    open_and_settle(qtbot, window, str(sample_path()))
    window.zh.selectAll()
    assert window.annotations.highlight_selection() is None
    assert told and told[-1].level == "warning"
    assert "not in the library" in told[-1].text
