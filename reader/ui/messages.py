"""All user-facing messages go through here, so tests can capture and assert them.

Four levels: `info`, `warning`, `error` (the user's or the environment's fault: what
happened and what to do) and `bug` (Duizhao's fault: a traceback, saved to a log; see
`reader.ui.crash`). Without a sink each is a modal dialog. `set_sink(fn)` replaces the
dialogs with a callable receiving a `Message`: tests assert on what the user would have
been told, and `duizhao --screenshot` prints each message as one line on stderr
(`one_line`) because nothing may wait on a dialog there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # QMessageBox is imported when a message is shown: not at start-up
    from PySide6.QtWidgets import QWidget

LEVELS = ("info", "warning", "error", "bug")


@dataclass(frozen=True)
class Message:
    """What the user is told.

    Attributes:
        level: one of `LEVELS`.
        text: what happened, naming the file or value concerned.
        hint: what to do about it (for a bug: where its log is).
        details: a bug's traceback; None for the other levels.
    """

    level: str
    text: str
    hint: str | None = None
    details: str | None = None


Sink = Callable[[Message], None]
_sink: Sink | None = None
_bugs_shown: set[str] = set()   # a bug repeating (e.g. in a paint event) is shown once
_showing_bug = False


def set_sink(sink: Sink | None) -> Sink | None:
    """Send messages to `sink` instead of dialogs (None: dialogs again); returns the old one."""
    global _sink
    old, _sink = _sink, sink
    return old


def one_line(message: Message) -> str:
    """The message as one line for a terminal: `duizhao: error: text (hint)`."""
    line = f"duizhao: {message.level}: {message.text}"
    if message.hint:
        line += f" ({message.hint})"
    return " ".join(line.split())


def _show(message: Message, parent: QWidget | None) -> None:
    if _sink is not None:
        _sink(message)
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon({"error": QMessageBox.Icon.Critical, "bug": QMessageBox.Icon.Critical,
                 "warning": QMessageBox.Icon.Warning}
                .get(message.level, QMessageBox.Icon.Information))
    box.setWindowTitle("Duizhao")
    box.setText(message.text)
    if message.hint:
        box.setInformativeText(message.hint)
    box.exec()


def error(parent: QWidget | None, text: str, hint: str | None = None) -> None:
    """Something the user or environment got wrong: what happened and what to do."""
    _show(Message("error", text, hint), parent)


def warning(parent: QWidget | None, text: str, hint: str | None = None) -> None:
    _show(Message("warning", text, hint), parent)


def info(parent: QWidget | None, text: str, hint: str | None = None) -> None:
    _show(Message("info", text, hint), parent)


def bug(parent: QWidget | None, text: str, details: str, log: str | None,
        key: str | None = None) -> None:
    """A bug in Duizhao: its traceback (`details`, copyable) and where it was logged.

    Args:
        key: identifies the bug (its type and place); a dialog is shown once per key and
            never while another bug dialog is open (the log has every occurrence).
    """
    hint = (f"The details were saved to {log}; please include them when you report it."
            if log else "The details could not be saved to a log; copy them from here.")
    message = Message("bug", text, hint, details)
    if _sink is not None:
        _sink(message)
        return
    global _showing_bug
    key = key or text
    if _showing_bug or key in _bugs_shown:
        return
    _bugs_shown.add(key)
    _showing_bug = True
    try:
        _bug_dialog(message, parent)
    finally:
        _showing_bug = False


def _bug_dialog(message: Message, parent: QWidget | None) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    box = QMessageBox(parent)
    box.setObjectName("bugDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Duizhao: this is a bug")
    box.setText(f"This is a bug in Duizhao, not something you did.\n\n{message.text}")
    box.setInformativeText(f"{message.hint}\nWhat you saved before is safe; if the window "
                           "misbehaves from here on, restart Duizhao.")
    box.setDetailedText(message.details or "")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(f"{message.text}\n\n{message.details or ''}")
