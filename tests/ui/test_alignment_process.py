"""The alignment process: stopping it never leaves a thread (or the app) hanging, and a
worker that fails or dies is reported instead of waited on forever."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from reader.core.models import Alignment
from reader.core.text.importer import import_file
from reader.ui import services
from reader.ui.alignprocess import AlignmentDropped, AlignmentFailed, AlignProcess
from reader.ui.librarylist import sample_path


def _slow_echo(arg: object) -> object:
    time.sleep(60)
    return arg


def _fails(arg: object) -> object:
    raise ValueError(f"no beads for {arg!r}")


def _dies(_arg: object) -> object:
    os._exit(3)


def _call_in_thread(worker: AlignProcess, func, arg) -> tuple[threading.Thread, list]:
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(worker.call(func, arg))
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread, outcome


def test_stop_while_a_big_article_is_still_being_sent_releases_the_sender() -> None:
    """The bug `multiprocessing.Pool` had: quitting while a 1 MB article was being written
    into the worker's pipe hung `terminate()` for good. Here the worker is busy (so nobody
    reads the pipe), a second call blocks mid-send, and `stop()` must release both."""
    worker = AlignProcess()
    busy, first = _call_in_thread(worker, _slow_echo, "small")
    time.sleep(0.5)
    big = "字" * 2_000_000      # far more than a pipe buffer holds
    sender, second = _call_in_thread(worker, _slow_echo, big)
    time.sleep(0.5)
    assert busy.is_alive() and sender.is_alive()
    started = time.monotonic()
    worker.stop()
    assert time.monotonic() - started < 3, "stop() waited on someone"
    busy.join(5)
    sender.join(5)
    assert not busy.is_alive() and not sender.is_alive(), "a caller kept waiting"
    assert isinstance(first[0], AlignmentDropped)
    assert isinstance(second[0], AlignmentDropped)
    assert not worker.alive()


def test_an_error_in_the_worker_comes_back_with_its_traceback() -> None:
    worker = AlignProcess()
    try:
        with pytest.raises(AlignmentFailed, match=r"ValueError: no beads for 'x'"):
            worker.call(_fails, "x")
        assert worker.call(str.upper, "still serving") == "STILL SERVING"
    finally:
        worker.stop()


def test_a_worker_that_dies_is_reported_not_waited_on() -> None:
    worker = AlignProcess()
    try:
        with pytest.raises(AlignmentFailed, match="exited with status 3"):
            worker.call(_dies, None)
        assert not worker.alive()
    finally:
        worker.stop()


def test_a_killed_worker_is_reported_and_the_next_alignment_gets_a_new_one() -> None:
    worker = services._align_process()
    thread, outcome = _call_in_thread(worker, _slow_echo, "x")
    time.sleep(0.5)
    os.kill(worker.pid, signal.SIGKILL)
    thread.join(5)
    assert not thread.is_alive()
    assert isinstance(outcome[0], AlignmentFailed)
    assert "SIGKILL" in str(outcome[0]) and "out of memory" in str(outcome[0])
    replacement = services._align_process()
    assert replacement is not worker and replacement.alive()
    article = import_file(sample_path())
    alignment = services.align(article)
    assert [(b.zh, b.en) for b in alignment.paragraphs][1:3] == [((1,), (0,)), ((2,), (1,))]


def test_shutdown_while_a_thread_waits_for_alignment_releases_it() -> None:
    article = import_file(sample_path())
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(services.align(article))
        except AlignmentDropped as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while services._process is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert services._process is not None, "the alignment was never handed to the process"
    services.shutdown_pool()
    thread.join(timeout=10)
    assert not thread.is_alive(), "align() kept waiting on a stopped process"
    assert len(outcome) == 1
    # The process is spawned and imports the aligner before it can answer: far longer than
    # the moment between handing the work over and stopping it.
    assert isinstance(outcome[0], AlignmentDropped)


def test_no_worker_process_aligns_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no subprocess can be started (a sandbox), `align()` computes the alignment in
    this process instead of failing."""
    def refuse() -> AlignProcess:
        raise OSError("no subprocesses here")

    monkeypatch.setattr(services, "_align_process", refuse)
    alignment = services.align(import_file(sample_path()))
    assert isinstance(alignment, Alignment)
    assert [(b.zh, b.en) for b in alignment.paragraphs][1:3] == [((1,), (0,)), ((2,), (1,))]
