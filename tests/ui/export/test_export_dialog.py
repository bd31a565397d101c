"""File ▸ Export handout… writes Markdown, Anki and PDF files; failures are told plainly."""
# ruff: noqa: F811 - the window fixtures are imported from test_annotations

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ui.export.dialog import ExportDialog
from tests.ui.conftest import open_stored
from tests.ui.notes.test_annotations import (  # noqa: F401 - a fixture
    article_file,
    select_quote,
)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _export(qtbot, win, fmt: str, path: Path, pinyin: str = "none") -> ExportDialog:
    dialog = ExportDialog(win.annotations, win)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    key = pinyin.split(":")[0]
    dialog.pinyin.setCurrentIndex(dialog.pinyin.findData(key))
    if ":" in pinyin:
        dialog.level.setValue(int(pinyin.split(":")[1]))
    assert dialog.pinyin_choice() == pinyin
    dialog.path.setText(str(path))
    return dialog


def test_export_all_three_formats(qtbot, win, article_file, tmp_path, told) -> None:
    open_stored(qtbot, win, article_file)
    ctl = win.annotations
    select_quote(win, "zh", "积怨已久")
    ctl.add_note(*ctl.selection(), "a long-held grudge", tags=("idiom",))
    ctl.save_word("银行", None)
    out = tmp_path / "out"
    out.mkdir()
    for fmt, name, pinyin in (("markdown", "h.md", "hsk-above:2"), ("anki", "w.txt", "none"),
                              ("pdf", "h.pdf", "saved")):
        dialog = _export(qtbot, win, fmt, out / name, pinyin)
        with qtbot.waitSignal(dialog.exporter.finished, timeout=30_000) as blocker:
            dialog.accept()
            assert win.busy.isVisibleTo(win)      # progress shows while it works
        assert blocker.args == [str(out / name)]
        assert not win.busy.isVisibleTo(win)
    markdown = (out / "h.md").read_text(encoding="utf-8")
    assert "**积怨**(jīyuàn)" in markdown                  # the highlight, with its pinyin
    assert markdown.count("a long-held grudge") == 1      # the note once, as its footnote
    assert "He said the grudge was old." in markdown
    anki = (out / "w.txt").read_text(encoding="utf-8")
    assert "#separator:tab" in anki and "银行" in anki and "yínháng" in anki
    pdf = (out / "h.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    assert told.levels() == []


@pytest.mark.parametrize("fmt", ["markdown", "pdf"])
def test_export_to_an_unwritable_place_is_told_to_the_user(qtbot, win, article_file, told,
                                                           tmp_path, fmt) -> None:
    open_stored(qtbot, win, article_file)
    # /proc refuses new files even to root (a chmod'ed folder would not stop root).
    dialog = _export(qtbot, win, fmt, Path("/proc") / f"duizhao-handout.{fmt}")
    with qtbot.waitSignal(dialog.exporter.failed, timeout=30_000):
        dialog.accept()
    [error] = told.pop_errors()
    assert error.text.startswith("Export failed: cannot write")
    assert error.hint and "Traceback" not in error.text


def test_export_into_a_missing_folder_fails_before_any_work(qtbot, win, article_file, told,
                                                            tmp_path) -> None:
    open_stored(qtbot, win, article_file)
    dialog = _export(qtbot, win, "anki", tmp_path / "nowhere" / "w.txt")
    with qtbot.waitSignal(dialog.exporter.failed, timeout=5_000):
        dialog.accept()
    assert "is not a folder" in told.getmsg("error").text


def test_file_menu_has_export(qtbot, win) -> None:
    qtbot.waitUntil(lambda: "export" in win.annotations.actions)
    act = win.annotations.actions["export"]
    assert act.objectName() == "actExport"
    file_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "&File")
    assert act in file_menu.actions()
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles.index("&Edit") == titles.index("&File") + 1


def test_dialog_remembers_format_pinyin_layout_and_folder(qtbot, win, article_file, tmp_path,
                                                         told) -> None:
    open_stored(qtbot, win, article_file)
    out = tmp_path / "handouts"
    out.mkdir()
    dialog = _export(qtbot, win, "pdf", out / "h.pdf", "hsk-above:5")
    dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData("side-by-side"))
    dialog.names.setChecked(True)
    assert dialog.layout_choice.isEnabled() and dialog.findChild(object, "exportLayout")
    with qtbot.waitSignal(dialog.exporter.finished, timeout=30_000):
        dialog.accept()
    assert (out / "h.pdf").read_bytes().startswith(b"%PDF")
    again = ExportDialog(win.annotations, win)
    qtbot.addWidget(again)
    assert again.format.currentData() == "pdf"
    assert again.pinyin_choice() == "hsk-above:5" and again.level.isEnabled()
    assert again.layout_choice.currentData() == "side-by-side"
    assert again.names.isChecked()
    assert Path(again.path.text()).parent == out and again.path.text().endswith(".pdf")
    again.format.setCurrentIndex(again.format.findData("anki"))
    assert not again.layout_choice.isEnabled() and not again.pinyin.isEnabled()
    assert told.levels() == []
