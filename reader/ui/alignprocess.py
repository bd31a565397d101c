"""The spawned process that aligns articles for the window.

Alignment is pure Python and long on big articles: in a thread it would hold the GIL and
make hovers and scrolling stutter, and its lexicon would swell the window's memory.

Why not `multiprocessing.Pool`: its `terminate()` joins a handler thread that may be
blocked writing a big article into the pipe of a worker it has just killed, so quitting
while a 1 MB article was being handed over hung the app for good. Here the process is ours:
the sending thread gets `BrokenPipeError` when the process dies, `stop()` never waits on
another thread, and a worker that dies (killed, out of memory, crashed) is reported as an
error instead of leaving the caller waiting forever.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

POLL_S = 0.2


class AlignmentDropped(Exception):
    """The alignment process was stopped (the app is quitting) before it answered."""


class AlignmentFailed(Exception):
    """The alignment process raised, or died before it answered."""


def _serve(conn: Any) -> None:
    """The worker's loop: receive `(function, argument)`, answer `(ok, value)`."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        func, arg = job
        try:
            answer = (True, func(arg))
        except Exception as exc:  # sent back whole: the window reports it
            answer = (False, "".join(traceback.format_exception(exc)).rstrip()
                      or type(exc).__name__)
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


def _death(exitcode: int | None) -> str:
    if exitcode is None:
        return "the alignment process stopped answering"
    if exitcode < 0:
        import signal

        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = " (killed: perhaps the machine ran out of memory)" if name == "SIGKILL" else ""
        return f"the alignment process died of {name}{hint}"
    return f"the alignment process exited with status {exitcode}"


class AlignProcess:
    """One spawned worker, one job at a time; `stop()` releases any waiting caller at once."""

    def __init__(self) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child,), daemon=True,
                                 name="duizhao-align")
        self._proc.start()
        child.close()  # the worker holds the only other end: its death breaks the pipe
        self._busy = threading.Lock()
        self._stopped = threading.Event()

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    def alive(self) -> bool:
        return not self._stopped.is_set() and self._proc.is_alive()

    def call(self, func: Callable[[Any], Any], arg: Any) -> Any:
        """`func(arg)` in the worker (both picklable).

        Raises:
            AlignmentDropped: `stop()` ran before the answer came.
            AlignmentFailed: `func` raised there (its traceback is the message), or the
                process died.
        """
        with self._busy:
            if self._stopped.is_set():
                raise AlignmentDropped("the alignment process was stopped")
            try:
                self._conn.send((func, arg))
                while not self._conn.poll(POLL_S):
                    if self._stopped.is_set():
                        raise AlignmentDropped("the alignment process was stopped")
                    if not self._proc.is_alive():
                        raise AlignmentFailed(_death(self._proc.exitcode))
                ok, value = self._conn.recv()
            except (OSError, EOFError) as exc:
                if self._stopped.is_set():
                    raise AlignmentDropped("the alignment process was stopped") from None
                self._proc.join(1)
                raise AlignmentFailed(_death(self._proc.exitcode)) from exc
        if not ok:
            raise AlignmentFailed(value)
        return value

    def stop(self) -> None:
        """Kill the worker; a caller blocked sending or waiting gets AlignmentDropped."""
        self._stopped.set()
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join(2)
