"""The first start's cache builds, told in the status bar with the busy indicator.

The core announces each stage through `reader.core.progress` from the loader thread; this
bridge turns the calls into a queued Qt signal so the window shows them on its own thread.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.core import progress


class BuildProgress(QObject):
    """Signals:
        stage(str, object): what is built, and None when it starts or its seconds when done.
    """

    stage = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._previous: Any = None
        self._installed = False

    def install(self) -> None:
        if not self._installed:
            self._installed = True
            self._previous = progress.set_listener(self._heard)

    def remove(self) -> None:
        """Put back the listener from before, if ours is still the one installed (windows
        may close in any order)."""
        if self._installed:
            self._installed = False
            current = progress.set_listener(None)
            progress.set_listener(self._previous if current == self._heard else current)

    def _heard(self, what: str, seconds: float | None) -> None:
        with contextlib.suppress(RuntimeError):   # the window is gone: the build goes on
            self.stage.emit(what, seconds)
