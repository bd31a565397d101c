"""Stopping the alignment process never leaves a waiting thread (or the app) hanging."""

from __future__ import annotations

import threading
from multiprocessing.pool import Pool

import pytest

from reader.core.models import Alignment
from reader.core.text.importer import import_file
from reader.ui import services
from reader.ui.librarylist import sample_path


def test_shutdown_while_a_thread_waits_for_alignment_releases_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The work is handed to the process, then the process is stopped: the waiting thread
    gets AlignmentDropped at once (a plain `Pool.apply` would wait forever)."""
    article = import_file(sample_path())
    submitted = threading.Event()
    real_pool = services._align_pool

    def pool_that_reports_submission() -> Pool:
        pool = real_pool()
        submit = pool.apply_async

        def apply_async(*args: object, **kwargs: object) -> object:
            pending = submit(*args, **kwargs)
            submitted.set()
            return pending

        pool.apply_async = apply_async
        return pool

    monkeypatch.setattr(services, "_align_pool", pool_that_reports_submission)
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(services.align(article))
        except services.AlignmentDropped as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    assert submitted.wait(30), "the alignment was never handed to the process"
    # The process needs far longer than this to receive and align the article.
    services.shutdown_pool()
    thread.join(timeout=10)
    assert not thread.is_alive(), "align() kept waiting on a terminated process"
    assert len(outcome) == 1
    assert isinstance(outcome[0], services.AlignmentDropped)


def test_a_pool_that_cannot_take_work_aligns_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process pool already closed (the app quitting, or no subprocesses allowed) makes
    `align()` compute the alignment in this process instead of failing."""
    import multiprocessing

    closed = multiprocessing.get_context("spawn").Pool(1)
    closed.terminate()
    closed.join()
    monkeypatch.setattr(services, "_align_pool", lambda: closed)
    article = import_file(sample_path())
    alignment = services.align(article)
    assert isinstance(alignment, Alignment)
    assert [(b.zh, b.en) for b in alignment.paragraphs][1:3] == [((1,), (0,)), ((2,), (1,))]
