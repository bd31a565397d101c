"""Running slow core calls off the GUI thread, with success/failure on the GUI thread.

Like Anki's `CollectionOp`: `run_op(fn, on_success, on_failure)` runs `fn()` in the global
QThreadPool and delivers its result or exception back through queued signals, so the
window never freezes on an import, an alignment or the first dictionary load.
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
            pass  # the application quit while this op ran: nobody is left to tell


def run_op(fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
           on_failure: Callable[[BaseException], None] | None = None,
           pool: QThreadPool | None = None, owner: QObject | None = None) -> QObject:
    """Run `fn` in a worker thread; returns the carrier (its signals fire on the GUI thread).

    With `owner`, the callbacks are dropped once that object is deleted (a window closed
    while its alignment was still running must not be called back).
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
    op.carrier.succeeded.connect(done)
    op.carrier.failed.connect(done)
    (pool or QThreadPool.globalInstance()).start(op)
    return op.carrier
