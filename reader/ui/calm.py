"""The window's manners: what keeps reading calm whatever has the focus or the size.

- Esc closes the card and the arrow keys step through words whenever the window is active,
  not only once the Chinese pane has the focus (keys no other widget took reach the window;
  Esc is a window shortcut).
- The card hides when the pointer leaves the Chinese pane (not onto the card itself), when
  another window such as a dialog takes the focus, and when the window is deactivated: a
  tooltip-like card would otherwise stay above the dialog.
- Narrower than `NARROW_WIDTH`, the library and notes panels fold away (their menu toggles
  bring them back) so the two panes keep the width; they come back when the window widens.
- A drag that started inside the window (a selection dragged in a pane) is never dropped
  as a new article: only drops from outside import.
(`CalmWindow` is a mixin of `MainWindow`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

if TYPE_CHECKING:
    from PySide6.QtGui import QDropEvent, QKeyEvent

NARROW_WIDTH = 1100   # below this the side panels fold away
LEAVE_GRACE_MS = 120  # the pointer may cross from the word onto the card meanwhile


class _LeaveWatcher(QObject):
    """Tells the window when the pointer left the Chinese pane's viewport, and gives it
    the arrow keys pressed in the English pane (which would only move an unseen cursor)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            QTimer.singleShot(LEAVE_GRACE_MS, self, self._left)   # dropped if we are gone
        elif event.type() == QEvent.Type.KeyPress:   # the English pane's arrows step words
            return self.w._calm_key(event)
        return False

    def _left(self) -> None:
        self.w._pointer_left()


class CalmWindow:
    """Window-level keys, hiding the card, folding panels, ignoring inside drags."""

    if TYPE_CHECKING:   # provided by MainWindow
        zh: Any
        en: Any
        notes_dock: Any
        library_panel: Any
        settings: Any
        _popup: Any

        def hide_popup(self) -> None: ...
        def width(self) -> int: ...

    def _install_calm(self) -> None:
        from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut

        self._leave_watcher = _LeaveWatcher(self)
        self.zh.viewport().installEventFilter(self._leave_watcher)
        self.en.installEventFilter(self._leave_watcher)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)   # type: ignore[arg-type]
        esc.setContext(Qt.ShortcutContext.WindowShortcut)
        esc.activated.connect(self.close_card)
        self._esc = esc
        QGuiApplication.instance().focusWindowChanged.connect(self._focus_window_changed)

    # ----- keys ---------------------------------------------------------------------------
    def close_card(self) -> None:
        self.zh.clear_current()
        self.hide_popup()

    def _calm_key(self, event: QKeyEvent) -> bool:
        """Arrows step through words from anywhere in the window (True: handled)."""
        key = event.key()
        if self.zh.current is not None and key in (Qt.Key.Key_Right, Qt.Key.Key_Left) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.zh.step(1 if key == Qt.Key.Key_Right else -1)
            return True
        return False

    # ----- the card -----------------------------------------------------------------------
    def _pointer_left(self) -> None:
        from PySide6.QtGui import QCursor

        popup = self._popup
        if popup is None or not popup.isVisible():
            return
        pos = QCursor.pos()
        if popup.geometry().contains(pos):
            return   # onto the card: it stays
        viewport = self.zh.viewport()
        if viewport.rect().contains(viewport.mapFromGlobal(pos)) and viewport.underMouse():
            return   # back in the pane already
        self.close_card()

    def _focus_window_changed(self, window: Any) -> None:
        own = self.windowHandle()   # type: ignore[attr-defined]
        if window is not None and window is not own:
            self.hide_popup()

    # ----- width --------------------------------------------------------------------------
    def _fold_for_width(self) -> None:
        """On crossing `NARROW_WIDTH`: fold the open side panels away (narrower) or bring
        back those folded (wider). Between crossings the user's toggles are left alone."""
        narrow = self.width() < NARROW_WIDTH
        if narrow == getattr(self, "_narrow", False):
            return
        self._narrow = narrow
        folded: list[Any] = self.__dict__.setdefault("_folded", [])
        if narrow:
            words = getattr(self, "words", None)
            for panel in (self.library_panel, self.notes_dock,
                          words.dock if words is not None else None):
                if panel is not None and not panel.isHidden():
                    panel.hide()
                    folded.append(panel)
        else:
            for panel in folded:
                panel.show()
            folded.clear()

    # ----- drops --------------------------------------------------------------------------
    def _dragged_from_inside(self, event: QDropEvent) -> bool:
        """A drag started in this application (a selection dragged within a pane)."""
        return event.source() is not None

