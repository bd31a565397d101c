"""The review split's table: every row the importer made of the raw text, with its role,
language, confidence and pair, and the controls that correct it.

A row's role changes with one key in the table (`decisions.ROLE_KEYS`) or one pick in the
role box; a mixed row is split where the cursor stands in the row's text below the table
(Ctrl+Return or "Split at the cursor"); "+" or "Merge with next" joins a row and the next.
The view only says what the user asked for (signals); `controller` turns that into the
core's decisions and shows the panes again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.review.decisions import ROLE_KEYS, ROLES, key_for

UNSURE_ROW = 0.5          # tinted below this: the rows the importer lists for review
COLUMNS = ("Lines", "Role", "Lang", "Conf.", "Pair (line)", "Text")


class ReviewView(QWidget):
    """Object names: reviewView, reviewSummary, reviewRows, reviewText, reviewRole,
    reviewSplit, reviewMerge, reviewUndo.

    Signals:
        roleChosen(int, str, object): row index, role, language ("zh", "en" or None).
        splitAt(int, int): row index, offset in the row's text.
        mergeNext(int): row index (merged with the row after it).
        undoLast(): take back the last decision.
    """

    roleChosen = Signal(int, str, object)
    splitAt = Signal(int, int)
    mergeNext = Signal(int)
    undoLast = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewView")
        self.rows: tuple[Any, ...] = ()
        self.summary = QLabel()
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("reviewRows")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for c in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))
        self.text = QPlainTextEdit()
        self.text.setObjectName("reviewText")
        self.text.setReadOnly(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setMaximumHeight(90)
        self.role = QComboBox()
        self.role.setObjectName("reviewRole")
        for role in ROLES:
            key = key_for(role)
            self.role.addItem(f"{role} ({key})" if key else role, role)
        self.role.activated.connect(self._role_picked)
        self.split = QPushButton("Split at the cursor")
        self.split.setObjectName("reviewSplit")
        self.split.setToolTip("Cut this row where the cursor stands in its text (Ctrl+Return)")
        self.split.clicked.connect(self._split)
        self.merge = QPushButton("Merge with next")
        self.merge.setObjectName("reviewMerge")
        self.merge.setToolTip("Join this row and the one after it (+)")
        self.merge.clicked.connect(self._merge)
        self.undo = QPushButton("Undo my last change")
        self.undo.setObjectName("reviewUndo")
        self.undo.setEnabled(False)
        self.undo.clicked.connect(self.undoLast)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._split,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Role:"))
        controls.addWidget(self.role)
        controls.addStretch(1)
        controls.addWidget(self.split)
        controls.addWidget(self.merge)
        controls.addWidget(self.undo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.text)
        layout.addLayout(controls)

    # ----- content -----------------------------------------------------------------------
    def set_result(self, result: Any, note: str = "") -> None:
        """Show an import (`ImportResult`: rows, layout, confidence); keeps the row the
        user was on."""
        current = max(0, self.table.currentRow())
        self.rows = tuple(result.rows)
        keys = " ".join(f"{k} {r if lang is None else ('Chinese' if lang == 'zh' else 'English')}"
                        for k, (r, lang) in ROLE_KEYS.items())
        self.summary.setText(
            f"Layout: {result.layout.kind} · confidence {result.confidence:.2f} · "
            f"{len(self.rows)} rows{' · ' + note if note else ''}\n"
            f"Keys: {keys}; + merge with next; Ctrl+Return split at the cursor")
        self.table.setRowCount(len(self.rows))
        tint = QColor(self.palette().highlight().color())
        tint.setAlpha(40)
        muted = QColor(self.palette().text().color())
        muted.setAlpha(120)
        for i, row in enumerate(self.rows):
            first, last = row.lines
            cells = (str(first) if first == last else f"{first}–{last}", str(row.role),
                     row.lang or "–", f"{row.confidence:.2f}",
                     self._pair_cell(row.pair), row.text)
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if c == len(COLUMNS) - 1:
                    item.setToolTip(f"{row.why}\n\n{row.text[:600]}" if row.why else row.text)
                if row.confidence < UNSURE_ROW:
                    item.setBackground(QBrush(tint))
                if str(row.role) != "body":
                    item.setForeground(QBrush(muted))
                self.table.setItem(i, c, item)
        if self.rows:
            self.table.setCurrentCell(min(current, len(self.rows) - 1), 0)
            self._show_row(self.table.currentRow())

    def _pair_cell(self, pair: int | None) -> str:
        """The counterpart row named by its source line (what the Lines column shows)."""
        if pair is None or not 0 <= pair < len(self.rows):
            return ""
        return f"↔ {self.rows[pair].lines[0]}"

    def _show_row(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            self.text.setPlainText("")
            return
        row = self.rows[index]
        self.text.setPlainText(row.text)
        self.role.setCurrentIndex(max(0, self.role.findData(str(row.role))))

    # ----- what the user asks ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & \
                    ~Qt.KeyboardModifier.KeypadModifier:
                return False
            key = event.text().upper()
            row = self.table.currentRow()
            if key in ROLE_KEYS and 0 <= row < len(self.rows):
                role, lang = ROLE_KEYS[key]
                self.roleChosen.emit(row, role, lang)
                return True
            if key == "+":
                self._merge()
                return True
        return super().eventFilter(watched, event)

    def _role_picked(self, index: int) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows) and self.role.itemData(index) != str(self.rows[row].role):
            self.roleChosen.emit(row, self.role.itemData(index), None)

    def _split(self) -> None:
        row = self.table.currentRow()
        qt_at = self.text.textCursor().position()   # UTF-16 units; rows count code points
        at = len(self.text.toPlainText().encode("utf-16-le")[:2 * qt_at]
                 .decode("utf-16-le", errors="ignore"))
        if 0 <= row < len(self.rows) and 0 < at < len(self.rows[row].text):
            self.splitAt.emit(row, at)

    def _merge(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows) - 1:
            self.mergeNext.emit(row)
