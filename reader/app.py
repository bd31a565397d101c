"""Composition root of the window: QApplication, palette (`reader.ui.theme`), fonts,
services, MainWindow.

`run_gui(args)` is what `duizhao [FILE] [--zh F --en F] [--screenshot OUT.png]` calls.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import UserError

if TYPE_CHECKING:   # the window's types; Qt itself is imported only when the window starts
    from PySide6.QtWidgets import QApplication

    from reader.ui.mainwindow import MainWindow
    from reader.ui.messages import Message
    from reader.ui.services import CoreServices


def make_app() -> object:
    """The QApplication (created once), styled and named."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Qt sets the style from the command line as it starts: no Python-side QStyle
        # before the first paint (setStyle() here costs ~7 ms of type creation).
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    elif app.style().name().lower() != "fusion":   # made elsewhere (tests): restyle it
        app.setStyle("Fusion")
    # Background threads (profile, imports) share the GIL with the GUI thread; a short
    # switch interval bounds how long a hover waits for it (default 5 ms).
    sys.setswitchinterval(0.001)
    app.setApplicationName("Duizhao")
    app.setOrganizationName("duizhao")
    from reader.ui.theme import apply_palette, dark_requested

    apply_palette(app, dark_requested(app))
    return app


def build_window(db: str | None = None, services: CoreServices | None = None) -> MainWindow:
    """A MainWindow with its services and library source (shared by run_gui, tests, bench)."""
    from reader.ui import messages
    from reader.ui.librarylist import StoreLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading import fonts
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    family = fonts.chinese_family()
    services = services or CoreServices()
    window = MainWindow(services, Settings(), StoreLibrarySource(db, services), family)
    if family is None:
        messages.warning(window, "No Chinese font is installed.", fonts.INSTALL_HINT)
    return window


class _Unattended:
    """`--screenshot`: nothing may wait on a dialog, and every run ends by itself.

    Each message is one line on stderr. An error (e.g. an empty or binary file) ends the
    run with status 2, after saving the screenshot of the window as it is; a bug ends it
    with status 1 and no screenshot (the line names the log holding the traceback); a window
    that never settles ends it after `GUARD_MS` with status 1.
    """

    GUARD_MS = 120_000

    def __init__(self, app: QApplication, out: Path) -> None:
        from PySide6.QtCore import QTimer

        self.app, self.out = app, out
        self.window = None
        self.code: int | None = None
        # First of all: from here on, whatever happens, the run ends.
        QTimer.singleShot(self.GUARD_MS, self._too_slow)

    def message(self, message: Message) -> None:
        from reader.ui import messages

        sys.stderr.write(messages.one_line(message) + "\n")
        if message.level == "error":
            self.finish(2)
        elif message.level == "bug":
            self.finish(1, shoot=False)

    def settled(self) -> None:
        self.finish(0)

    def finish(self, code: int, shoot: bool = True) -> None:
        """End the run with `code` (the first reason wins), saving the screenshot first."""
        from PySide6.QtCore import QTimer

        if self.code is not None:
            return
        self.code = code
        # From the event loop: the window paints what it has, and quit() works even when
        # called before app.exec() started (an error while opening the first file).
        QTimer.singleShot(50, self._shoot if shoot else self.app.quit)

    def _shoot(self) -> None:
        window = self.window
        if window is not None and not window.grab().save(str(self.out)):
            sys.stderr.write(f"duizhao: error: cannot write the screenshot {self.out}\n")
            self.code = self.code or 2
        self.app.quit()

    def _too_slow(self) -> None:
        sys.stderr.write(f"duizhao: error: the window did not settle within "
                         f"{self.GUARD_MS // 1000} s; no screenshot written\n")
        self.code = 1
        self.app.quit()


def _check_display(screenshot: bool) -> None:
    """Without a display Qt aborts the process (status 134, a core dump) with a message
    about platform plugins. A screenshot needs no screen: it is drawn offscreen; opening
    the window without a display is a clear one-line error."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    raise UserError("no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
                    "is set)", "run duizhao in a desktop session, add --screenshot OUT.png, "
                    "or use a command (duizhao --help)")


def run_gui(args: argparse.Namespace) -> int:
    """Open the window on FILE (or the sample); with --screenshot, save and exit.

    Uncaught exceptions from here on are bug reports (`reader.ui.crash`).
    """
    for name in (args.file, args.zh, args.en):
        if name and not Path(name).is_file():
            raise UserError(f"cannot open {name}: no such file",
                            "check the path, or run `duizhao` alone to open the sample")
    if bool(args.zh) != bool(args.en):
        raise UserError("--zh and --en go together", "give both the Chinese and English file")
    _check_display(bool(args.screenshot))
    # The core (segmenter, readings, dictionary) gets its thread now, before Qt is imported;
    # it loads as soon as the window has painted (alongside Qt's start-up, Python work only
    # delays the first paint: the GIL is shared), not after a fixed delay.
    from reader.ui.firstscreen import FirstScreen

    first_screen = FirstScreen.fork()   # first: no thread may exist when it forks
    import threading

    from reader.ui.services import CoreServices

    painted = threading.Event()
    services = CoreServices()
    services.start(after=painted,
                   hold=first_screen.settled if first_screen is not None else None)
    app = make_app()
    from reader.ui import crash, messages

    unattended = _Unattended(app, Path(args.screenshot)) if args.screenshot else None
    if unattended is not None:
        messages.set_sink(unattended.message)
    crash.install()

    from reader.ui.opening import open_first

    window = build_window(getattr(args, "db", None), services)
    window._when_painted(painted.set, first=True)
    if first_screen is not None:
        from reader.ui.firstscreen import attach

        attach(window, first_screen)   # asked at the paint, before the core's loading
    window.show()
    if unattended is not None:
        unattended.window = window
        window.settled.connect(unattended.settled)
    open_first(window, args.file, args.zh, args.en)
    from reader.ui.services import shutdown_pool

    app.aboutToQuit.connect(shutdown_pool)
    app.exec()
    return (unattended.code or 0) if unattended is not None else 0
