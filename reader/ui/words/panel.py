"""The words panel's widget: filters, the table of saved words, and its buttons.

It only shows and asks: `WordsController` (reader/ui/words/controller.py) loads the words
from the library and carries out what the buttons ask for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

STATUSES = ("new", "learning", "known", "ignored")
SORTS = (("date", "Newest first"), ("hsk", "HSK level"), ("frequency", "Most common first"))
COLUMNS = ("Word", "Reading", "Status", "HSK", "Article", "Sentence")


class WordsPanel(QWidget):
    """Saved words (object name `wordsPanel`).

    Signals:
        wordChosen(object): the SavedWord clicked (go to its sentence).
        statusChosen(list, str): set these words' status.
        deleteChosen(list): delete these words.
        exportChosen(list): export these words for Anki.
    """

    wordChosen = Signal(object)
    statusChosen = Signal(list, str)
    deleteChosen = Signal(list)
    exportChosen = Signal(list)

    def __init__(self, reading: Callable[[str], str] = str,
                 frequency: Callable[[str], int] = lambda _w: 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wordsPanel")
        self.reading, self.frequency = reading, frequency
        self._words: list[Any] = []
        self._titles: dict[int, str] = {}
        self.status = _combo("wordsStatus", [("", "All statuses")]
                             + [(s, s.capitalize()) for s in STATUSES])
        self.article = _combo("wordsArticle", [(None, "All articles")])
        self.sort = _combo("wordsSort", list(SORTS))
        for combo in (self.status, self.article, self.sort):
            combo.currentIndexChanged.connect(self.refresh)
        self.table = QTreeWidget()
        self.table.setObjectName("wordsTable")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHeaderLabels(list(COLUMNS))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.itemClicked.connect(lambda it, _c: self.wordChosen.emit(_word(it)))
        self.table.itemActivated.connect(lambda it, _c: self.wordChosen.emit(_word(it)))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.set_status = _combo("wordsSetStatus", [("", "Set status…")]
                                 + [(s, s.capitalize()) for s in STATUSES])
        self.set_status.activated.connect(self._status_chosen)
        self.delete = _button("wordsDelete", "Delete", lambda: self.deleteChosen.emit(
            self.selected()))
        self.export = _button("wordsExport", "Export to Anki…", lambda: self.exportChosen.emit(
            self.selected() or self.shown()))
        self.empty = QLabel()
        self.empty.setObjectName("wordsEmpty")
        self.empty.setWordWrap(True)

        filters = QHBoxLayout()
        for w in (self.status, self.article, self.sort):
            filters.addWidget(w)
        buttons = QHBoxLayout()
        for w in (self.set_status, self.delete, self.export):
            buttons.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self._update_buttons()

    # ----- content -----------------------------------------------------------------------
    def set_words(self, words: Sequence[Any], titles: dict[int, str]) -> None:
        """Show `words` (SavedWord); `titles` names their articles."""
        self._words, self._titles = list(words), dict(titles)
        chosen = self.article.currentData()
        self.article.blockSignals(True)
        self.article.clear()
        self.article.addItem("All articles", None)
        used = {w.article_id for w in self._words if w.article_id is not None}
        for aid, title in sorted(titles.items(), key=lambda kv: kv[1]):
            if aid in used:
                self.article.addItem(title, aid)
        self.article.setCurrentIndex(max(0, self.article.findData(chosen)))
        self.article.blockSignals(False)
        self.refresh()

    def shown(self) -> list[Any]:
        """The words the filters let through, in the chosen order."""
        status, aid, sort = (self.status.currentData(), self.article.currentData(),
                             self.sort.currentData())
        words = [w for w in self._words if (not status or w.status == status)
                 and (aid is None or w.article_id == aid)]
        if sort == "hsk":
            words.sort(key=lambda w: (w.hsk is None, w.hsk or 0, w.word))
        elif sort == "frequency":
            words.sort(key=lambda w: -self.frequency(w.word))
        else:
            words.sort(key=lambda w: (w.created or "", w.id or 0), reverse=True)
        return words

    def refresh(self) -> None:
        selected = {w.word for w in self.selected()}
        self.table.clear()
        for w in self.shown():
            row = QTreeWidgetItem([w.word, self.reading(w.reading), w.status,
                                   "" if w.hsk is None else str(w.hsk),
                                   self._titles.get(w.article_id, "") if w.article_id else "",
                                   w.sentence_zh])
            row.setData(0, Qt.ItemDataRole.UserRole, w)
            row.setToolTip(5, "\n".join(x for x in (w.sentence_zh, w.sentence_en) if x))
            row.setToolTip(0, "; ".join(w.senses))
            self.table.addTopLevelItem(row)
            row.setSelected(w.word in selected)
        for col in range(4):
            self.table.resizeColumnToContents(col)
        total = len(self._words)
        self.empty.setText("" if self.table.topLevelItemCount() else (
            "No saved words yet. Point at a word and press S to save it." if not total
            else "No saved word matches these filters."))
        self.empty.setVisible(not self.table.topLevelItemCount())
        self._update_buttons()

    def show_unavailable(self, text: str) -> None:
        self._words = []
        self.table.clear()
        self.empty.setText(text)
        self.empty.show()
        self._update_buttons()

    def selected(self) -> list[Any]:
        return [_word(it) for it in self.table.selectedItems()]

    def rows(self) -> list[str]:
        """The words shown, top to bottom (for tests and the export)."""
        return [self.table.topLevelItem(i).text(0)
                for i in range(self.table.topLevelItemCount())]

    def _status_chosen(self, index: int) -> None:
        status = self.set_status.itemData(index)
        self.set_status.setCurrentIndex(0)
        if status and self.selected():
            self.statusChosen.emit(self.selected(), status)

    def _update_buttons(self) -> None:
        some = bool(self.table.selectedItems())
        self.set_status.setEnabled(some)
        self.delete.setEnabled(some)
        self.export.setEnabled(bool(self.table.topLevelItemCount()))


def _word(item: QTreeWidgetItem) -> Any:
    return item.data(0, Qt.ItemDataRole.UserRole)


def _combo(name: str, choices: list[tuple[Any, str]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for data, label in choices:
        combo.addItem(label, data)
    return combo


def _button(name: str, text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button
