"""Composition root of the window: QApplication, palette, fonts, services, MainWindow.

`run_gui(args)` is what `duizhao [FILE] [--zh F --en F] [--screenshot OUT.png]` calls.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader.core.errors import UserError


def _dark_requested(app) -> bool:  # noqa: ANN001 - QApplication
    from PySide6.QtCore import Qt

    forced = os.environ.get("DUIZHAO_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_palette(app, dark: bool) -> None:  # noqa: ANN001 - QApplication
    """A light or dark palette for Fusion (following the system unless DUIZHAO_THEME)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette

    if not dark:
        # A light system already gives Fusion's light palette; only a dark system asked
        # for light needs it set (app.style() costs ~7 ms: not on every start).
        if app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
            app.setPalette(app.style().standardPalette())
        return
    p = QPalette()
    role = QPalette.ColorRole
    for r, c in ((role.Window, "#202124"), (role.WindowText, "#e8e6e3"), (role.Base, "#17181a"),
                 (role.AlternateBase, "#25272a"), (role.ToolTipBase, "#2b2d30"),
                 (role.ToolTipText, "#e8e6e3"), (role.Text, "#e8e6e3"),
                 (role.Button, "#2b2d30"), (role.ButtonText, "#e8e6e3"),
                 (role.Highlight, "#3d6fb4"), (role.HighlightedText, "#ffffff"),
                 (role.Link, "#8ab4f8"), (role.PlaceholderText, "#8a8a8a")):
        p.setColor(r, QColor(c))
    for dimmed in (role.Text, role.WindowText, role.ButtonText):   # disabled looks disabled
        p.setColor(QPalette.ColorGroup.Disabled, dimmed, QColor("#6b6b6b"))
    p.setColor(QPalette.ColorGroup.Disabled, role.Button, QColor("#242528"))
    app.setPalette(p)


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
    apply_palette(app, _dark_requested(app))
    return app


def build_window(db: str | None = None, services=None):  # noqa: ANN001, ANN201
    """A MainWindow with its services and library source (shared by run_gui, tests, bench)."""
    from reader.ui import fonts, messages
    from reader.ui.library import StoreLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    family = fonts.chinese_family()
    services = services or CoreServices()
    window = MainWindow(services, Settings(), StoreLibrarySource(db, services), family)
    if family is None:
        messages.warning(window, "No Chinese font is installed.", fonts.INSTALL_HINT)
    return window


def run_gui(args: argparse.Namespace) -> int:
    """Open the window on FILE (or the sample); with --screenshot, save and exit."""
    for name in (args.file, args.zh, args.en):
        if name and not Path(name).is_file():
            raise UserError(f"cannot open {name}: no such file",
                            "check the path, or run `duizhao` alone to open the sample")
    if bool(args.zh) != bool(args.en):
        raise UserError("--zh and --en go together", "give both the Chinese and English file")
    app = make_app()
    from PySide6.QtCore import QTimer

    from reader.ui.mainwindow import open_first

    window = build_window(getattr(args, "db", None))
    window.show()
    open_first(window, args.file, args.zh, args.en)
    status = {"code": 0}
    if args.screenshot:
        out = Path(args.screenshot)

        def shoot() -> None:
            if not window.grab().save(str(out)):
                sys.stderr.write(f"duizhao: cannot write the screenshot {out}\n")
                status["code"] = 2
            app.quit()

        window.settled.connect(lambda: QTimer.singleShot(50, shoot))
        def too_slow() -> None:
            sys.stderr.write("duizhao: the window did not settle within 120 s; "
                             "no screenshot written\n")
            status["code"] = 1
            app.quit()

        QTimer.singleShot(120_000, too_slow)
    from reader.ui.services import shutdown_pool

    app.aboutToQuit.connect(shutdown_pool)
    app.exec()
    return status["code"]
