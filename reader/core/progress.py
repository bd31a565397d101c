"""First-run cache builds say what they build, so ~10 s of work is not silence.

A builder wraps its work in `building("the dictionary")`; a front end that wants to show it
installs a listener (`duizhao` commands print one line per stage on stderr; the window
installs none). No listener: nothing happens, at no cost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: Called with (what, seconds): seconds is None when the stage starts, else its duration.
Listener = Callable[[str, "float | None"], None]
_listener: Listener | None = None


def set_listener(listener: Listener | None) -> Listener | None:
    """Install `listener` (None removes it); returns the previous one."""
    global _listener
    previous, _listener = _listener, listener
    return previous


@contextmanager
def building(what: str) -> Iterator[None]:
    """Tell the listener a first-run stage starts and how long it took."""
    listener = _listener
    if listener is None:
        yield
        return
    listener(what, None)
    start = time.monotonic()
    yield
    listener(what, time.monotonic() - start)
