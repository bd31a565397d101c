"""How notes and saved words look on a pane: Qt extra selections over their text.

A highlight is tinted in its colour, a note is also underlined (its text as the tooltip);
with "tint saved words" on, every occurrence of a saved word in the Chinese pane is
underlined in its status's colour, and tinted until it is known. Only paragraphs already in
the document are drawn (the controller redraws once a pane has loaded them all).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.core.models import Annotation
from reader.ui.notes.geometry import Geometry
from reader.ui.notes.panel import COLOR_HEX
from reader.ui.reading.textpane import TextPane

STATUS_COLORS = {"new": "#3b82f6", "learning": "#f59e0b", "known": "#22a06b"}
NOTE_ALPHA = 150


def note_selections(pane: TextPane, notes: Iterable[Annotation],
                    statuses: Mapping[str, str], tint_words: bool
                    ) -> list[QTextEdit.ExtraSelection]:
    """ExtraSelections for the notes on one pane, after its tinted words when `tint_words`.

    Args:
        notes: the article's notes (orphaned ones and the other side's are left out).
        statuses: saved word → status ("new", "learning", "known", "ignored").
    """
    out: list[QTextEdit.ExtraSelection] = []
    geo = Geometry(pane)
    if pane.lang == "zh" and tint_words:
        out.extend(_word_tints(pane, geo, statuses))
    for note in notes:
        if note.orphaned or note.anchor.lang != pane.lang:
            continue
        start, end = geo.doc_position(note.anchor.start), geo.doc_position(note.anchor.end)
        if start is None or end is None:
            continue
        fmt = QTextCharFormat()
        color = QColor(COLOR_HEX.get(note.color, COLOR_HEX["yellow"]))
        color.setAlpha(NOTE_ALPHA)
        fmt.setBackground(color)
        if note.note:   # a note, not just a highlight: underline it as well
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(COLOR_HEX.get(note.color, "#ffe66d")).darker(160))
        fmt.setToolTip(note.note or "")
        out.append(_selection(pane, start, end, fmt))
    return out


def _word_tints(pane: TextPane, geo: Geometry,
                statuses: Mapping[str, str]) -> list[QTextEdit.ExtraSelection]:
    out = []
    words = [(w, s) for w, s in statuses.items() if s in STATUS_COLORS and w]
    for block_no in range(min(pane.loaded_blocks, len(pane.paragraphs))):
        text = pane.paragraphs[block_no].text
        for word, status in words:
            at = text.find(word)
            while at >= 0:
                start = geo.doc_position(geo.side_offset(block_no, at))
                end = geo.doc_position(geo.side_offset(block_no, at + len(word)))
                if start is not None and end is not None:
                    fmt = QTextCharFormat()
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(QColor(STATUS_COLORS[status]))
                    if status != "known":
                        tint = QColor(STATUS_COLORS[status])
                        tint.setAlpha(40)
                        fmt.setBackground(tint)
                    out.append(_selection(pane, start, end, fmt))
                at = text.find(word, at + len(word))
    return out


def _selection(pane: TextPane, start: int, end: int,
               fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    """An ExtraSelection painting `fmt` over document positions start..end (UTF-16)."""
    sel = QTextEdit.ExtraSelection()
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    sel.cursor = cursor
    sel.format = fmt
    return sel
