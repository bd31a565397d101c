"""The note editor: colour, note text (plain, Markdown allowed) and tags."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from reader.core.service import COLORS
from reader.ui.notes.panel import swatch


@dataclass(frozen=True)
class NoteInput:
    note: str
    color: str
    tags: tuple[str, ...]


def parse_tags(text: str) -> tuple[str, ...]:
    """"grammar, idiom  vocab" → ("grammar", "idiom", "vocab")."""
    return tuple(t for t in text.replace(",", " ").split() if t)


class NoteDialog(QDialog):
    """Edits one note (object name `noteDialog`); `value()` after `exec()` is accepted."""

    def __init__(self, quote: str, aligned: str = "", initial: NoteInput | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle("Note")
        self.resize(460, 320)
        initial = initial or NoteInput("", "yellow", ())
        form = QFormLayout(self)
        shown = quote if len(quote) <= 200 else quote[:199] + "…"
        quote_label = QLabel(shown)
        quote_label.setWordWrap(True)
        form.addRow("Text:", quote_label)
        if aligned:
            other = QLabel(aligned)
            other.setWordWrap(True)
            other.setStyleSheet("color: #666;")
            form.addRow("Aligned:", other)
        self.color = QComboBox()
        self.color.setObjectName("noteColor")
        for c in COLORS:
            self.color.addItem(swatch(c), c, c)
        self.color.setCurrentIndex(max(0, self.color.findData(initial.color)))
        form.addRow("Colour:", self.color)
        self.text = QPlainTextEdit(initial.note)
        self.text.setObjectName("noteText")
        self.text.setPlaceholderText("Your note (Markdown allowed)")
        form.addRow("Note:", self.text)
        self.tags = QLineEdit(", ".join(initial.tags))
        self.tags.setObjectName("noteTags")
        self.tags.setPlaceholderText("tags, separated by commas")
        form.addRow("Tags:", self.tags)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.text.setFocus()

    def value(self) -> NoteInput:
        return NoteInput(self.text.toPlainText().strip(), self.color.currentData(),
                         parse_tags(self.tags.text()))
