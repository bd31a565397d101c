"""Light and dark palettes for Fusion, chosen by DUIZHAO_THEME, View ▸ Theme or the system.

Its own module because both the start-up (`reader.app`) and the View menu (`actions`) use it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def dark_wanted(app: QApplication, theme: str) -> bool:
    """Whether `theme` ("system", "light", "dark") means a dark palette now."""
    from PySide6.QtCore import Qt

    if theme in ("dark", "light"):
        return theme == "dark"
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def dark_requested(app: QApplication) -> bool:
    """DUIZHAO_THEME, else the View ▸ Theme setting, else the system's scheme."""
    forced = os.environ.get("DUIZHAO_THEME", "").lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    from reader.ui.settings import Settings

    return dark_wanted(app, Settings().get("view/theme"))


def apply_palette(app: QApplication, dark: bool, force: bool = False) -> None:
    """A light or dark palette for Fusion (`force`: set the light one even on a light
    system, to undo a dark palette set earlier in the session)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette

    if not dark:
        # A light system already gives Fusion's light palette; only a dark system asked
        # for light needs it set (app.style() costs ~7 ms: not on every start).
        if force or app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
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
