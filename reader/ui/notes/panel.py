"""The notes side panel: the article's notes in reading order, then the orphaned ones.

Each row shows the quote, the note, its tags and the aligned sentence(s) of the other
language (so "how did the translator render 积怨已久?" is answered at a glance). The panel
only shows and asks; the controller (`reader.ui.notes.controller`) does the work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from reader.core.models import Annotation

# Pastel highlight colours, readable under dark text (light theme) and drawn translucent.
COLOR_HEX = {"yellow": "#ffe66d", "green": "#a6e3a1", "blue": "#9ccfff",
             "pink": "#ffb3c8", "purple": "#d3b8ff"}


def swatch(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(COLOR_HEX.get(color, "#ffe66d")))
    return QIcon(pix)


@dataclass(frozen=True)
class NoteRow:
    """A note as the panel lists it."""

    note: Annotation
    aligned: str = ""


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(markdown: str) -> str:
    """A note's Markdown as the list shows it: emphasis and code marks dropped."""
    return re.sub(r"(\*\*|__|`)(.+?)\1", r"\2", markdown)


def row_text(row: NoteRow) -> str:
    """The row's plain text: quote, note, tags, and the other language's sentence(s)."""
    a = row.note
    lines = [f"「{_short(a.anchor.quote, 60)}」" if a.anchor.lang == "zh"
             else f"“{_short(a.anchor.quote, 80)}”"]
    if a.note:
        lines.append(_short(_plain(a.note), 300))
    if a.tags:
        lines.append("#" + "  #".join(a.tags))
    if row.aligned:
        lines.append(("EN: " if a.anchor.lang == "zh" else "中: ") + _short(row.aligned, 240))
    return "\n".join(lines)


class NotesPanel(QWidget):
    """Side panel (object name `notesPanel`) listing notes.

    Signals:
        noteActivated(int): a note row was clicked (annotation id).
        editRequested(int), deleteRequested(int), placeRequested(int): buttons / keys.
    """

    noteActivated = Signal(int)
    editRequested = Signal(int)
    deleteRequested = Signal(int)
    placeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.header = QLabel("No notes yet: select text and press Ctrl+H or Ctrl+M.")
        self.header.setObjectName("notesHeader")
        self.header.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("notesList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setSpacing(2)
        from reader.ui.reading.fonts import chinese_family

        family = chinese_family()
        if family:   # row heights are measured in the list's font: one with CJK lines'
            font = self.list.font()   # height, or a row's last line is cut off
            font.setFamilies([family])
            self.list.setFont(font)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.list.itemDoubleClicked.connect(lambda it: self._ask(self.editRequested, it))
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.place_button = QPushButton("Place again…")
        self.place_button.setObjectName("notesPlace")
        self.place_button.setToolTip("Select text in a pane, then put the orphaned note there")
        self.edit_button.clicked.connect(lambda: self._ask(self.editRequested))
        self.delete_button.clicked.connect(lambda: self._ask(self.deleteRequested))
        self.place_button.clicked.connect(lambda: self._ask(self.placeRequested))
        for b in (self.edit_button, self.delete_button):   # short labels give way, so
            b.setMinimumWidth(56)                           # "Place again…" fits and the
            b.setSizePolicy(QSizePolicy.Policy.Ignored,     # dock keeps its start width
                            QSizePolicy.Policy.Fixed)
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.delete_button, self.place_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.rows: list[NoteRow] = []
        self._update_buttons()

    def set_notes(self, rows: list[NoteRow]) -> None:
        """Show `rows`: placed notes in reading order (zh before en), orphans last."""
        current = self.current_id()
        self.rows = sorted(rows, key=lambda r: (r.note.orphaned, r.note.anchor.lang != "zh",
                                                r.note.anchor.start))
        self.list.clear()
        orphans = 0
        for row in self.rows:
            text = row_text(row)
            if row.note.orphaned:
                orphans += 1
                text = "Orphaned: place again or delete\n" + text
            item = QListWidgetItem(swatch(row.note.color), text)
            item.setData(Qt.ItemDataRole.UserRole, row.note.id)
            item.setToolTip(row.note.note or row.note.anchor.quote)
            if row.note.orphaned:
                item.setForeground(QColor("#b05000"))
                item.setToolTip("Its text changed when the article was updated: select "
                                "where it belongs in a pane and press “Place again…”, or "
                                "delete it.")
            self.list.addItem(item)
            if row.note.id == current:
                self.list.setCurrentItem(item)
        placed = len(self.rows) - orphans
        if not self.rows:
            self.header.setText("No notes yet: select text and press Ctrl+H (highlight) "
                                "or Ctrl+M (note).")
        else:
            self.header.setText(f"{placed} note{'s' * (placed != 1)}"
                                + (f", {orphans} orphaned" if orphans else ""))
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def select(self, annotation_id: int) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == annotation_id:
                self.list.setCurrentRow(i)
                return

    def row_of(self, annotation_id: int) -> NoteRow | None:
        return next((r for r in self.rows if r.note.id == annotation_id), None)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.noteActivated.emit(item.data(Qt.ItemDataRole.UserRole))

    def _ask(self, signal: Signal, item: QListWidgetItem | None = None) -> None:
        item = item or self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        note_id = self.current_id()
        row = self.row_of(note_id) if note_id is not None else None
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.place_button.setEnabled(row is not None)
