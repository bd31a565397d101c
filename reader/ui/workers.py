"""Running slow core calls off the GUI thread, with success/failure on the GUI thread.

Like Anki's `CollectionOp`: `run_op(fn, on_success, on_failure)` runs `fn()` in the global
QThreadPool and delivers its result or exception back through queued signals, so the
window never freezes on an import, an alignment or the first dictionary load. A failure
nobody handles is reported (`crash.report`: a `UserError` as a message, anything else as
a bug), never dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_alive: set[_Op] = set()  # keeps carriers alive until their signal has been delivered


class _Carrier(QObject):
    """Signals: succeeded(object) with fn's result; failed(object) with the exception."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Op(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.carrier = _Carrier()

    def run(self) -> None:
        try:
            try:
                result = self.fn()
            except BaseException as exc:  # delivered to the GUI thread, which decides
                self.carrier.failed.emit(exc)
            else:
                self.carrier.succeeded.emit(result)
        except RuntimeError:
            # Emitting failed because the carrier is gone: the application quit while this
            # op ran, and nobody is left to tell.
            pass


def run_op(fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
           on_failure: Callable[[BaseException], None] | None = None,
           pool: QThreadPool | None = None, owner: QObject | None = None) -> QObject:
    """Run `fn` in a worker thread; returns the carrier (its signals fire on the GUI thread).

    Args:
        on_failure: called with the exception; without it the failure is reported by
            `crash.report` (a `UserError` as an error message, anything else as a bug).
        owner: the callbacks are dropped once this object is deleted (a window closed
            while its alignment was still running must not be called back). A bug is
            still reported then; a user error is not (its window is gone).
    """
    op = _Op(fn)
    _alive.add(op)

    def done(*_: object) -> None:
        _alive.discard(op)

    def guarded(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        if owner is None:
            return callback
        from shiboken6 import isValid

        return lambda value: callback(value) if isValid(owner) else None

    if on_success:
        op.carrier.succeeded.connect(guarded(on_success))
    if on_failure:
        op.carrier.failed.connect(guarded(on_failure))
    else:
        op.carrier.failed.connect(lambda exc: _report(exc, owner))
    op.carrier.succeeded.connect(done)
    op.carrier.failed.connect(done)
    (pool or QThreadPool.globalInstance()).start(op)
    return op.carrier


def _report(exc: BaseException, owner: QObject | None) -> None:
    from shiboken6 import isValid

    from reader.core.errors import UserError
    from reader.ui import crash

    alive = owner is None or isValid(owner)
    if not alive and isinstance(exc, UserError):
        return   # the window that asked is closed: nobody to tell what to do
    parent = owner if alive and owner is not None and owner.isWidgetType() else None
    crash.report(exc, parent)  # type: ignore[arg-type]
