"""The English pane: the shared text pane, named for styles and tests."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reader.ui.reading.textpane import TextPane


class EnglishPane(TextPane):
    """The English side: sentences only (no words or readings of its own)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("en", parent)
        self.setObjectName("enPane")
