"""All user-facing messages go through here, so tests can capture and assert them.

`set_sink(fn)` replaces the dialogs with a callable receiving (level, text, hint) — tests use
it to assert what the user would have been told without a modal dialog blocking the run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # QMessageBox is imported when a message is shown: not at start-up
    from PySide6.QtWidgets import QWidget

Sink = Callable[[str, str, str | None], None]
_sink: Sink | None = None


def set_sink(sink: Sink | None) -> None:
    global _sink
    _sink = sink


def _show(level: str, parent: QWidget | None, text: str, hint: str | None) -> None:
    if _sink is not None:
        _sink(level, text, hint)
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon({"error": QMessageBox.Icon.Critical, "warning": QMessageBox.Icon.Warning}
                .get(level, QMessageBox.Icon.Information))
    box.setWindowTitle("Duizhao")
    box.setText(text)
    if hint:
        box.setInformativeText(hint)
    box.exec()


def error(parent: QWidget | None, text: str, hint: str | None = None) -> None:
    """Something the user or environment got wrong: what happened and what to do."""
    _show("error", parent, text, hint)


def warning(parent: QWidget | None, text: str, hint: str | None = None) -> None:
    _show("warning", parent, text, hint)


def info(parent: QWidget | None, text: str, hint: str | None = None) -> None:
    _show("info", parent, text, hint)
