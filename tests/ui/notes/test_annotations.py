"""Notes in the window: select, highlight, note, panel, undo/redo, edit, delete, orphans."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from reader.core.notes.anchors import side_text
from reader.core.service import Library
from reader.ui.notes.dialog import NoteInput
from reader.ui.notes.geometry import Geometry
from reader.ui.reading.offsets import utf16_len
from tests.ui.conftest import make_window, open_stored

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

def painted(pane):
    """The pane's note highlights: selections with a strong painted background (not the
    hovered sentence's faint tint, not the gloss card's underline, which paints none)."""
    return [s for s in pane.extraSelections()
            if s.format.background().style() != Qt.BrushStyle.NoBrush
            and s.format.background().color().alpha() > 100]


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "short.txt"
    body = "\n\n".join(f"{zh}\n\n{en}" for zh, en in zip(
        ["我去银行还钱。他说积怨已久。", "今天天气很好，我们去长江大桥。", "𠮷祥的字很少见。"],
        ["I went to the bank to pay back money. He said the grudge was old.",
         "The weather is fine today, we go to the Yangtze River Bridge.",
         "The character ji is rare."], strict=True))
    path.write_text("银行\n\nThe bank\n\n" + body + "\n", encoding="utf-8")
    return path


def select_quote(win, lang: str, quote: str) -> tuple[int, int]:
    """Select `quote` in a pane through a QTextCursor with UTF-16 positions."""
    pane = win.zh if lang == "zh" else win.en
    for block_no, para in enumerate(pane.paragraphs):
        at = para.text.find(quote)
        if at < 0:
            continue
        block = pane.document().findBlockByNumber(block_no)
        omap = pane.offset_map(block_no)
        cursor = QTextCursor(pane.document())
        cursor.setPosition(block.position() + omap.to_qt(at))
        cursor.setPosition(block.position() + omap.to_qt(at + len(quote)),
                           QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cursor)
        pane.setFocus()
        base = Geometry(pane).side_offset(block_no, 0)
        return base + at, base + at + len(quote)
    raise AssertionError(f"{quote} not shown")


def stored_notes(db: Path, article_id: int):
    with Library.open(db) as lib:
        return lib.notes(article_id)


def test_note_on_a_selection_is_stored_listed_and_drawn(qtbot, win, article_file,
                                                        tmp_path) -> None:
    aid = open_stored(qtbot, win, article_file)
    ctl = win.annotations
    start, end = select_quote(win, "zh", "积怨已久")
    asked = []

    def ask(quote: str, aligned: str, initial: NoteInput | None) -> NoteInput:
        asked.append((quote, aligned, initial))
        return NoteInput("a long-held grudge", "green", ("idiom",))

    ctl.ask_note = ask
    with qtbot.waitSignal(ctl.notesChanged):
        ctl.note_selection()
    assert asked == [("积怨已久", "He said the grudge was old.", None)]
    [note] = stored_notes(tmp_path / "lib.db", aid)
    assert (note.anchor.lang, note.anchor.start, note.anchor.end) == ("zh", start, end)
    assert note.anchor.quote == "积怨已久"
    assert side_text(win.article, "zh")[start:end] == "积怨已久"
    assert (note.note, note.color, note.tags) == ("a long-held grudge", "green", ("idiom",))
    # Listed with the aligned English sentence.
    assert ctl.panel.list.count() == 1
    row = ctl.panel.list.item(0).text()
    assert "积怨已久" in row and "a long-held grudge" in row
    assert "He said the grudge was old." in row
    # The highlight covers exactly that range (UTF-16 document positions).
    sels = painted(win.zh)
    assert len(sels) == 1
    cursor = sels[0].cursor
    assert cursor.selectedText() == "积怨已久"
    block = win.zh.document().findBlock(cursor.selectionStart())
    omap = win.zh.offset_map(block.blockNumber())
    local = start - Geometry(win.zh).side_offset(block.blockNumber(), 0)
    assert cursor.selectionStart() - block.position() == omap.to_qt(local)


def test_non_bmp_selection_stores_code_point_offsets(qtbot, win, article_file,
                                                     tmp_path) -> None:
    aid = open_stored(qtbot, win, article_file)
    start, end = select_quote(win, "zh", "𠮷祥的字")
    cursor = win.zh.textCursor()
    assert cursor.selectionEnd() - cursor.selectionStart() == utf16_len("𠮷祥的字") == 5
    note = win.annotations.highlight_selection("pink")
    assert note is not None
    [stored] = stored_notes(tmp_path / "lib.db", aid)
    assert stored.anchor.end - stored.anchor.start == 4
    assert stored.anchor.quote == "𠮷祥的字"
    assert side_text(win.article, "zh")[stored.anchor.start:stored.anchor.end] == "𠮷祥的字"
    [sel] = painted(win.zh)
    assert sel.cursor.selectedText() == "𠮷祥的字"


def test_english_note_shows_the_chinese_and_survives_reopening(qtbot, win, core_objects,
                                                               article_file, tmp_path
                                                               ) -> None:
    open_stored(qtbot, win, article_file)
    select_quote(win, "en", "Yangtze River Bridge")
    win.annotations.highlight_selection()
    assert "长江大桥" in win.annotations.panel.list.item(0).text()
    win.close()
    again = make_window(qtbot, core_objects, tmp_path / "lib.db")
    open_stored(qtbot, again, article_file)
    qtbot.waitUntil(lambda: again.annotations.panel.list.count() == 1)
    sels = painted(again.en)
    assert [s.cursor.selectedText() for s in sels] == ["Yangtze River Bridge"]
    again.close()


def test_clicking_a_note_scrolls_both_panes_to_it(qtbot, win, tmp_path) -> None:
    from reader.ui.librarylist import sample_path

    open_stored(qtbot, win, sample_path())
    ctl = win.annotations
    last = len(win.article.zh) - 1
    win.zh.ensure_loaded()
    para = win.article.zh[last].text
    quote = para[:4]
    select_quote(win, "zh", quote)
    ctl.highlight_selection()
    win.zh.verticalScrollBar().setValue(0)
    win.en.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: bool(win.sync.beads), timeout=15_000)
    item = ctl.panel.list.item(0)
    rect = ctl.panel.list.visualItemRect(item)
    qtbot.mouseClick(ctl.panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.waitUntil(lambda: win.zh.verticalScrollBar().value() > 0)
    # The note is on screen in the Chinese pane, its partner in the English one.
    [note] = ctl.notes()
    block, cp = Geometry(win.zh).locate(note.anchor.start)
    rects = win.zh.span_rects(block, cp, cp + 1)
    assert rects and 0 <= rects[0].top() < win.zh.viewport().height()
    sid = win.zh.sentence_at(block, cp)
    partners = win.sync.partners("zh", sid)
    assert partners
    top, _ = win.en.sentence_y(min(partners))
    visible = top - win.en.verticalScrollBar().value()
    assert 0 <= visible < win.en.viewport().height()


def test_undo_redo_edit_and_delete(qtbot, win, article_file, tmp_path) -> None:
    aid = open_stored(qtbot, win, article_file)
    ctl = win.annotations
    qtbot.waitUntil(lambda: "undo" in ctl.actions)
    assert not ctl.actions["undo"].isEnabled()
    select_quote(win, "zh", "银行")
    note = ctl.highlight_selection()
    assert ctl.actions["undo"].isEnabled() and not ctl.actions["redo"].isEnabled()
    ctl.actions["undo"].trigger()
    assert stored_notes(tmp_path / "lib.db", aid) == []
    assert ctl.panel.list.count() == 0
    assert ctl.actions["redo"].isEnabled()
    ctl.actions["redo"].trigger()
    assert [n.id for n in stored_notes(tmp_path / "lib.db", aid)] == [note.id]
    assert ctl.panel.list.count() == 1
    ctl.edit(note.id, note="bank", color="blue", tags=("money",))
    [edited] = stored_notes(tmp_path / "lib.db", aid)
    assert (edited.note, edited.color, edited.tags) == ("bank", "blue", ("money",))
    assert "bank" in ctl.panel.list.item(0).text()
    ctl.panel.list.setCurrentRow(0)
    ctl.panel.delete_button.click()
    assert stored_notes(tmp_path / "lib.db", aid) == []
    assert not painted(win.zh)
    ctl.undo()
    assert [n.note for n in stored_notes(tmp_path / "lib.db", aid)] == ["bank"]


def test_orphaned_note_is_listed_and_placed(qtbot, win, article_file, tmp_path
                                            ) -> None:
    aid = open_stored(qtbot, win, article_file)
    with Library.open(tmp_path / "lib.db") as lib:
        note = lib.add_note_by_quote(aid, "积怨已久", "grudge")
        edited = article_file.read_text(encoding="utf-8").replace("他说积怨已久。", "他笑了。")
        assert lib.update_article(aid, edited)
    win.annotations.reload()
    ctl = win.annotations
    assert "Orphaned" in ctl.panel.list.item(0).text()
    assert not painted(win.zh)
    start, end = select_quote(win, "zh", "银行还钱")
    ctl.panel.list.setCurrentRow(0)
    ctl.panel.place_button.click()
    [placed] = stored_notes(tmp_path / "lib.db", aid)
    assert placed.id == note.id and not placed.orphaned
    assert (placed.anchor.start, placed.anchor.end) == (start, end)
    assert "Orphaned" not in ctl.panel.list.item(0).text()
