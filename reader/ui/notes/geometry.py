"""Where a note's offsets are in a pane.

The core speaks code points into a side's paragraphs joined with "\\n\\n" (`side_text`);
the panes speak UTF-16 document positions with one block per paragraph. `Geometry` converts
between the two, through `offsets.OffsetMap` only.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtGui import QTextCursor

from reader.core.service import PARAGRAPH_SEP
from reader.ui.reading.textpane import TextPane


class Geometry:
    """Side-text code points ↔ (paragraph, code point) ↔ a pane's document positions."""

    def __init__(self, pane: TextPane) -> None:
        self.pane = pane
        self.bases: list[int] = []
        base = 0
        for p in pane.paragraphs:
            self.bases.append(base)
            base += len(p.text) + len(PARAGRAPH_SEP)

    def locate(self, offset: int) -> tuple[int, int]:
        """Side offset → (paragraph, code point in it)."""
        block = max(0, bisect_right(self.bases, offset) - 1)
        return block, offset - self.bases[block]

    def side_offset(self, block: int, cp: int) -> int:
        return self.bases[block] + cp

    def doc_position(self, offset: int) -> int | None:
        """Side offset → Qt document position (None while that paragraph is not loaded)."""
        block_no, cp = self.locate(offset)
        if block_no >= self.pane.loaded_blocks:
            return None
        block = self.pane.document().findBlockByNumber(block_no)
        cp = min(cp, len(self.pane.paragraphs[block_no].text))
        return block.position() + self.pane.offset_map(block_no).to_qt(cp)

    def from_doc(self, position: int) -> int:
        """Qt document position → side offset."""
        block = self.pane.document().findBlock(position)
        block_no = block.blockNumber()
        rel = self.pane.offset_map(block_no).to_cp(position - block.position())
        return self.side_offset(block_no, rel)

    def selection(self) -> tuple[int, int] | None:
        """The pane's selection as side offsets [start, end), or None."""
        cursor = self.pane.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.from_doc(cursor.selectionStart()), self.from_doc(cursor.selectionEnd())
        block, cp = self.locate(end)
        if cp == 0 and block > 0 and end > start:   # ends at a paragraph's start: stop before
            end = self.bases[block] - len(PARAGRAPH_SEP)
        return (start, end) if end > start else None

    def select(self, start: int, end: int) -> None:
        """Select side offsets [start, end) in the pane (tests, "place here")."""
        self.pane.ensure_loaded(self.locate(end)[0])
        cursor = QTextCursor(self.pane.document())
        cursor.setPosition(self.doc_position(start) or 0)
        cursor.setPosition(self.doc_position(end) or 0, QTextCursor.MoveMode.KeepAnchor)
        self.pane.setTextCursor(cursor)
