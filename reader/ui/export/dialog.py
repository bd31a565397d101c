"""File ▸ Export handout…: Markdown, Anki or PDF, with the pinyin choice and the PDF layout.

The dialog remembers format, pinyin choice, names, layout and folder (settings `export/*`):
a teacher exporting handout after handout sets them once.

The handout (words, readings, glosses) is gathered in a worker with its own `Library`
(SQLite connections belong to their thread); Markdown and Anki files are written there
too. A PDF is printed on the GUI thread, because `QTextDocument` and fonts belong to it.
Every failure reaches the user as a message (e.g. a read-only folder), never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from reader.core.errors import UserError
from reader.ui import crash
from reader.ui.workers import run_op

if TYPE_CHECKING:
    from reader.ui.notes.controller import AnnotationController

FORMATS = (("markdown", "Markdown handout (.md)", ".md"),
           ("anki", "Anki vocabulary (.txt)", ".txt"),
           ("pdf", "PDF handout (.pdf)", ".pdf"))
PINYIN = (("none", "No pinyin"), ("saved", "Saved words only"), ("all", "Every word"),
          ("hsk-above", "Words above HSK level…"))
LAYOUTS = (("interleaved", "Paragraph after paragraph"), ("side-by-side", "Side by side"))


class Exporter(QObject):
    """Runs one export. Signals: finished(str) with the path; failed(str) with the message."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, window: Any, article_id: int) -> None:
        super().__init__(window)
        self.w = window
        self.article_id = article_id

    def start(self, fmt: str, path: str | Path, pinyin: str = "none", *,
              layout: str = "interleaved", names: bool = False) -> None:
        from reader.core.service import export, parse_pinyin_mode

        path = Path(path)
        try:
            parse_pinyin_mode(pinyin)
            if not path.parent.is_dir():
                raise UserError(f"cannot write {path}: {path.parent} is not a folder",
                                "choose an existing folder")
            if path.is_dir():
                raise UserError(f"cannot write {path}: it is a folder",
                                "give the file's name after the folder")
            _probe(path)
        except UserError as exc:
            self._fail(exc)
            return
        source, aid = self.w.source, self.article_id
        if fmt == "pdf":
            export.register("pdf", "reader.ui.export.pdf:PdfExporter")

        def work() -> Any:
            lib = source.library()
            if lib is None:
                raise UserError("cannot export: the library is unavailable",
                                "see the message about the library file")
            with lib:
                handout = lib.handout(aid)
            if fmt == "pdf":
                return handout            # printed on the GUI thread
            exporter = export.get(fmt)
            options = self._options(exporter, pinyin, layout, names)
            return exporter.export(handout, options, path)

        def done(result: Any) -> None:
            if fmt != "pdf":
                self._ok(result)
                return
            try:
                exporter = export.get("pdf")
                options = self._options(exporter, pinyin, layout, names)
                self._ok(exporter.export(result, options, path))
            except Exception as exc:  # one action's boundary: `_fail` tells user error or bug
                self._fail(exc)

        self.w.statusBar().showMessage(f"Exporting {path.name}…")
        self.w.busy.show()     # long for a 1 MB article: the indicator says work goes on
        run_op(work, done, self._fail, owner=self)

    def _idle(self) -> None:
        if not getattr(self.w, "_pending", 0):
            self.w.busy.hide()

    @staticmethod
    def _options(exporter: Any, pinyin: str, layout: str, names: bool) -> Any:
        options = exporter.Options()
        if hasattr(options, "pinyin"):
            options.pinyin = pinyin
            options.names = names
        if hasattr(options, "arrangement"):
            options.arrangement = layout
        return options

    def _ok(self, path: Any) -> None:
        self._idle()
        self.w.statusBar().showMessage(f"Exported {path}", 8000)
        self.finished.emit(str(path))

    def _fail(self, exc: BaseException) -> None:
        """A user error (an OSError writing the file is one) as a message, else a bug."""
        self._idle()
        self.w.statusBar().clearMessage()
        if isinstance(exc, OSError):
            name = exc.filename or "the file"
            exc = UserError(f"cannot write {name}: {(exc.strerror or str(exc)).lower()}",
                            "choose a folder you can write to")
        crash.report(exc, self.w, "Export failed")
        self.failed.emit(exc.message if isinstance(exc, UserError) else repr(exc))


def _probe(path: Path) -> None:
    """Fail fast (before gathering the handout) when the folder refuses new files."""
    probe = path.with_name(f".{path.name}.probe")
    try:
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}",
                        "choose a folder you can write to") from exc


class ExportDialog(QDialog):
    """Choose format, pinyin and file (object name `exportDialog`); OK starts the export."""

    def __init__(self, controller: AnnotationController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export handout")
        self.c = controller
        self.settings = getattr(controller.w, "settings", None)
        self.exporter = Exporter(controller.w, controller.article_id() or 0)
        form = QFormLayout(self)
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for key, label, _suffix in FORMATS:
            self.format.addItem(label, key)
        form.addRow("Format:", self.format)
        self.pinyin = QComboBox()
        self.pinyin.setObjectName("exportPinyin")
        for key, label in PINYIN:
            self.pinyin.addItem(label, key)
        self.level = QSpinBox()
        self.level.setRange(1, 6)
        self.level.setValue(3)
        self.level.setEnabled(False)
        self.pinyin.currentIndexChanged.connect(
            lambda _i: self.level.setEnabled(self.pinyin.currentData() == "hsk-above"))
        row = QHBoxLayout()
        row.addWidget(self.pinyin, 1)
        row.addWidget(self.level)
        form.addRow("Pinyin:", row)
        self.names = QCheckBox("Pinyin for names too (people, places, brands)")
        self.names.setObjectName("exportNames")
        form.addRow("", self.names)
        self.layout_choice = QComboBox()
        self.layout_choice.setObjectName("exportLayout")
        for key, label in LAYOUTS:
            self.layout_choice.addItem(label, key)
        form.addRow("Layout:", self.layout_choice)
        self._restore()
        self.path = QLineEdit(self._default_path(self.format.currentData()))
        self.path.setObjectName("exportPath")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        prow = QHBoxLayout()
        prow.addWidget(self.path, 1)
        prow.addWidget(browse)
        form.addRow("File:", prow)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed(self.format.currentIndex())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 180)

    def _default_path(self, fmt: str) -> str:
        item = self.c.w.current_item
        stem = Path(item.path).stem if item is not None and item.path else "handout"
        suffix = dict((k, s) for k, _l, s in FORMATS)[fmt]
        if fmt == "anki":
            stem += "-words"
        folder = Path(self._get("export/folder") or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        return str(folder / f"{stem}{suffix}")

    def _get(self, key: str) -> Any:
        return self.settings.get(key) if self.settings is not None else None

    def _restore(self) -> None:
        """The choices of the last export (unknown values keep the defaults)."""
        if self.settings is None:
            return
        for combo, value in ((self.format, self._get("export/format")),
                             (self.layout_choice, self._get("export/layout"))):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        key, _, level = str(self._get("export/pinyin")).partition(":")
        index = self.pinyin.findData(key)
        if index >= 0:
            self.pinyin.setCurrentIndex(index)
        if level.isdigit():
            self.level.setValue(int(level))
        self.names.setChecked(bool(self._get("export/names")))

    def _remember(self) -> None:
        if self.settings is None:
            return
        self.settings.set("export/format", self.format.currentData())
        self.settings.set("export/pinyin", self.pinyin_choice())
        self.settings.set("export/names", self.names.isChecked())
        self.settings.set("export/layout", self.layout_choice.currentData())
        folder = Path(self.path.text().strip()).parent
        if folder.is_dir():
            self.settings.set("export/folder", str(folder))

    def _format_changed(self, _index: int) -> None:
        fmt = self.format.currentData()
        current = Path(self.path.text() or self._default_path(fmt))
        suffix = dict((k, s) for k, _l, s in FORMATS)[fmt]
        self.path.setText(str(current.with_suffix(suffix)))
        self.pinyin.setEnabled(fmt != "anki")
        self.names.setEnabled(fmt != "anki")
        self.layout_choice.setEnabled(fmt != "anki")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if path:
            self.path.setText(path)

    def pinyin_choice(self) -> str:
        key = self.pinyin.currentData()
        return f"hsk-above:{self.level.value()}" if key == "hsk-above" else key

    def accept(self) -> None:
        """Start the export and close; the result arrives as a status message or an error."""
        self._remember()
        self.exporter.start(self.format.currentData(), self.path.text().strip(),
                            self.pinyin_choice(), layout=self.layout_choice.currentData(),
                            names=self.names.isChecked())
        super().accept()
