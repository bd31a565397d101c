"""The one error path of the window: user errors become messages, bugs a report.

`report(exc)` is what every failed action ends in (`workers.run_op` calls it by default): a
`UserError` is the user's or the environment's fault and becomes an error message with its
hint; anything else is a bug. A bug is appended with its traceback to the log
(`<data dir>/logs/errors.log`, see `log_file`) and shown through `messages.bug` (a dialog
with the copyable traceback and the log's path; a sink in tests and under `--screenshot`).

`install()` makes the same happen for exceptions nobody caught: those raised in Qt
callbacks and slots (PySide hands them to `sys.excepthook`) and in plain Python threads
(`threading.excepthook`, relayed to the GUI thread). The GUI start-up installs it, as
qutebrowser's `crashsignal` and Anki's `errors.py` do.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from reader.core.errors import UserError
from reader.ui import messages

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

LOG_NAME = "errors.log"
MAX_LOG_BYTES = 1_000_000   # then errors.log becomes errors.log.1 (one older file kept)


def report(exc: BaseException, parent: QWidget | None = None, action: str | None = None
           ) -> None:
    """Tell the user about a failed action: a message for a `UserError`, else a bug report.

    Args:
        action: what failed, put before a user error's text ("Not saved to the library").
    """
    if isinstance(exc, UserError):
        messages.error(parent, f"{action}: {exc.message}" if action else exc.message,
                       exc.hint)
    else:
        report_bug(type(exc), exc, exc.__traceback__, parent)


def log_file() -> Path:
    """Where bugs are logged: `<data dir>/logs/errors.log`, or the temporary folder when the
    data folder cannot be used (the report then names that place)."""
    from reader.core import paths

    try:
        folder = paths.data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
    except (UserError, OSError):
        import tempfile

        return Path(tempfile.gettempdir()) / f"duizhao-{LOG_NAME}"
    return folder / LOG_NAME


def write_log(details: str) -> Path | None:
    """Append one bug's traceback to the log; the log's path, or None if it cannot be
    written (the report still shows the traceback)."""
    import datetime
    import platform

    from reader import __version__

    path = log_file()
    try:
        from PySide6 import __version__ as pyside
    except ImportError:   # the log must not fail for want of Qt
        pyside = "?"
    stamp = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    head = (f"==== {stamp}  Duizhao {__version__}  Python {platform.python_version()}  "
            f"PySide6 {pyside}  {platform.platform()}\n")
    try:
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_name(path.name + ".1"))
        with path.open("a", encoding="utf-8") as handle:
            handle.write(head + details.rstrip("\n") + "\n\n")
    except OSError:
        return None
    return path


def report_bug(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None, parent: QWidget | None = None) -> Path | None:
    """Log a bug's traceback and show it (`messages.bug`); returns the log's path."""
    import traceback

    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log = write_log(details)
    summary = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    if len(summary) > 300:
        summary = summary[:299] + "…"
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    messages.bug(parent, summary, details, str(log) if log else None,
                 key=f"{exc_type.__name__}@{where}")
    return log


def excepthook(exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
    """`sys.excepthook`: an exception nobody caught (a Qt callback or slot, start-up)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    try:
        report_bug(exc_type, exc, tb, _active_window())
    except BaseException:   # the report itself failed: print both, never loop back here
        sys.__excepthook__(exc_type, exc, tb)
        sys.__excepthook__(*sys.exc_info())


def _active_window() -> QWidget | None:
    from PySide6.QtWidgets import QApplication

    return QApplication.activeWindow() if QApplication.instance() else None


def _relay() -> QObject:
    """A QObject living on the GUI thread whose signal brings a thread's bug there."""
    from PySide6.QtCore import QObject, Signal, Slot

    class _Relay(QObject):
        failed = Signal(object)

        def __init__(self) -> None:
            super().__init__()
            # A method of a QObject on the GUI thread: emitted elsewhere, it runs here.
            self.failed.connect(self.report)

        @Slot(object)
        def report(self, info: tuple) -> None:
            excepthook(*info)

    return _Relay()


def install() -> Callable[[], None]:
    """Route uncaught exceptions (Qt callbacks, threads) to the bug report; call on the GUI
    thread once the QApplication exists. Returns a function putting the old hooks back."""
    old_sys, old_thread = sys.excepthook, threading.excepthook
    relay = _relay()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:   # as the default hook: a thread may exit this way
            return
        relay.failed.emit((args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = excepthook
    threading.excepthook = thread_hook

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = old_sys, old_thread
        relay.deleteLater()

    return uninstall


@contextmanager
def installed() -> Iterator[None]:
    """`install()` for the length of a `with` block (tests)."""
    uninstall = install()
    try:
        yield
    finally:
        uninstall()
