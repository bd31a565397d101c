"""Killing the program at any moment loses no note it reported as saved.

A child process opens the library and adds notes in a loop, reporting each id only after
its transaction committed; once its first id arrives (so it is in its write loop, however
slow the disk's syncs are) it is killed with SIGKILL after a random few milliseconds,
50 times (fresh children are forked from this already-initialised process, to keep the
test fast). Afterwards every reported id is in the library and the file is sound.
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from reader.core.models import Anchor, Annotation
from reader.core.store.store import Store

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"),
                                reason="needs fork and SIGKILL (POSIX)")


def _child(db, article_id: int, fd: int) -> None:
    """Runs in the forked child: never returns."""
    try:
        store = Store.open(db)
        n = 0
        while True:
            n += 1
            note = store.add_annotation(Annotation(
                None, article_id, Anchor("zh", 0, 1, "x"), note=f"note {n} " + "字" * (n % 300)))
            os.write(fd, f"{note.id}\n".encode())
    finally:
        os._exit(1)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_sigkill_never_loses_a_reported_note(tmp_path):
    db = tmp_path / "library.sqlite"
    with Store.open(db) as store:
        article_id = store.add_article(content_hash="h", title="t", raw_text="x", parsed={})
    rng = random.Random(7)
    printed: set[int] = set()
    for _ in range(50):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(db, article_id, write_fd)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb", buffering=0) as pipe:
            first = b""
            while not first.endswith(b"\n"):
                first += pipe.read(1)
            printed.add(int(first))          # the child is in its write loop now
            time.sleep(rng.uniform(0.0, 0.02))
            os.kill(pid, signal.SIGKILL)
            out = _read_all(pipe.fileno())
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        lines = out.split(b"\n")
        printed.update(int(line) for line in lines[:-1])   # the last piece may be cut
    with Store.open(db) as store:
        stored = {a.id for a in store.annotations(article_id)}
        assert store.integrity_check() == "ok"
    assert printed <= stored
