"""Stopping the alignment process never leaves a waiting thread (or the app) hanging."""

from __future__ import annotations

import threading
import time

from reader.core.models import Alignment
from reader.core.textimport import import_file
from reader.ui import services
from reader.ui.library import sample_path


def test_shutdown_while_a_thread_waits_for_alignment_releases_it() -> None:
    article = import_file(sample_path())
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(services.align(article))
        except services.AlignmentDropped as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while services._pool is None and time.monotonic() < deadline:
        time.sleep(0.01)
    services.shutdown_pool()
    thread.join(timeout=10)
    assert not thread.is_alive(), "align() kept waiting on a terminated process"
    assert len(outcome) == 1
    assert isinstance(outcome[0], services.AlignmentDropped | Alignment)
