"""The first screen's words and readings, read in a forked process during start-up.

Why a process: the window's first paint (Qt's start-up) and the core's loading (jieba, the
reading model, numpy: ~130 ms of Python) cannot overlap in one process. They share the GIL,
and loading in a thread alongside Qt's start-up delayed the paint by as much as it gained.
On a machine with two cores or more, `FirstScreen.fork()` runs first thing in `duizhao`'s
GUI entry, before Qt is imported and before any thread exists. The child loads the core
while the parent starts Qt. At the first paint the window sends the paragraphs on screen;
the child reads their words and readings with the same `ArticleAnalysis` code, sends them
back and exits. The window primes its analysis with them, so a hover on the first screen
shows the word, its reading in context and its glosses while its own core is still loading.
Anything going wrong in the child only means the window reads those paragraphs itself, as
it always could.

No Qt here: this module is imported before Qt is (`attach` imports QTimer when it runs).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import threading
from typing import TYPE_CHECKING, Any

from reader.core.models import Paragraph, Reading, Token

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

#: Paragraphs read beyond the last visible one (the first scroll steps).
AHEAD = 3
#: After priming, the window's own core loading waits this long more (see `attach`).
SETTLE_MS = 30
#: The window cancels the child when no article has painted by then.
ASK_WITHIN_MS = 3000
#: The child gives up waiting for the window's paragraphs after this long.
PATIENCE_S = 30.0

Answer = list[tuple[int, tuple[str, tuple[Token, ...], tuple[Reading | None, ...]]]]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class _LocalCore:
    """The `AnalysisServices` of the child: its own segmenter and readings."""

    ready = True

    def __init__(self) -> None:
        from reader.core.service import default_segmenter, pinyin

        self.segmenter = default_segmenter()
        self.segmenter.ensure_ready()
        pinyin.warm_up()
        self.pinyin = pinyin

    def tokenize(self, text: str) -> list[Token]:
        return list(self.segmenter.tokenize(text))

    def readings(self, text: str, tokens: list[Token]) -> list[Reading]:
        return list(self.pinyin.readings(text, tokens))

    def hsk(self, word: str) -> int | None:   # never asked: `computed` reads no levels
        return None


def _read_all(fd: int) -> bytes:
    with os.fdopen(fd, "rb") as f:
        return f.read()


class _Cold(Exception):
    """A cache would have to be built: the window's own loading builds it, once."""


def _refuse_builds(what: str, _seconds: float | None) -> None:
    raise _Cold(what)


def _child(requests: int, answers: int) -> None:
    """Load the core, read the paragraphs asked for, answer, return (the caller exits).

    Only from warm caches: on a first start (caches to build, ~10 s) the child gives up at
    once rather than build them alongside the window and race it writing the same files.
    """
    import select

    from reader.core import progress

    progress.set_listener(_refuse_builds)   # a builder announces itself before it starts
    core = _LocalCore()
    warm = "我们去银行还钱。"   # first calls build lazy tables: before the window asks
    core.readings(warm, core.tokenize(warm))
    ready, _, _ = select.select([requests], [], [], PATIENCE_S)
    data = _read_all(requests) if ready else b""
    if not data:
        return   # the window asked nothing (no article, or it quit)
    from reader.core.service import ArticleAnalysis

    blocks, paragraphs, traditional = pickle.loads(data)
    analysis = ArticleAnalysis(core, tuple(paragraphs), traditional=traditional)
    answer: Answer = []
    for i, block in enumerate(blocks):
        computed = analysis.computed(i)
        if computed is not None:
            answer.append((block, computed))
    with os.fdopen(answers, "wb") as f:
        f.write(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


class FirstScreen:
    """The parent's side: ask once, then `answer()` holds the reply (or None)."""

    def __init__(self, pid: int, requests: int, answers: int) -> None:
        self.pid = pid
        self._requests: int | None = requests
        self._answers = answers
        self._answer: Answer | None = None
        self.done = threading.Event()
        #: Set once the window has taken the answer in, or will not: the window's own
        #: core loading waits for it (`CoreServices.start(hold=...)`).
        self.settled = threading.Event()

    @classmethod
    def fork(cls) -> FirstScreen | None:
        """Start the child now, or None where that would not help (one core, no fork)."""
        if not hasattr(os, "fork") or _cores() < 2 or os.environ.get("DUIZHAO_NO_PREFORK"):
            return None
        req_r, req_w = os.pipe()
        ans_r, ans_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (req_r, req_w, ans_r, ans_w):
                os.close(fd)
            return None
        if pid == 0:   # the child: never returns into the caller's code
            code = 1
            try:
                os.close(req_w)
                os.close(ans_r)
                _child(req_r, ans_w)
                code = 0
            except BaseException:   # the window reads those paragraphs itself
                pass
            finally:
                os._exit(code)
        os.close(req_r)
        os.close(ans_w)
        return cls(pid, req_w, ans_r)

    def ask(self, paragraphs: tuple[Paragraph, ...], blocks: list[int],
            traditional: bool) -> None:
        """Send paragraphs `blocks` (a second call, or `cancel()` before, does nothing)."""
        requests, self._requests = self._requests, None
        if requests is None:
            return
        data = pickle.dumps((blocks, [paragraphs[b] for b in blocks], traditional),
                            protocol=pickle.HIGHEST_PROTOCOL) if blocks else b""
        # A thread: the child reads only once its core has loaded, and a long paragraph
        # fills the pipe; the GUI thread must not wait for that.
        threading.Thread(target=self._exchange, args=(requests, data), daemon=True,
                         name="duizhao-first-screen").start()

    def cancel(self) -> None:
        """Nothing to ask (no article): the child exits, and is reaped."""
        self.ask((), [], False)
        self.settled.set()

    def answer(self) -> Answer | None:
        return self._answer if self.done.is_set() else None

    def _exchange(self, requests: int, data: bytes) -> None:
        try:
            with os.fdopen(requests, "wb") as f:
                f.write(data)
        except OSError:
            pass   # the child has died: nothing will come
        try:
            raw = _read_all(self._answers)
            self._answer = pickle.loads(raw) if raw else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            self._answer = None
        finally:
            self.done.set()   # before reaping: a big process takes a while to exit
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)


def attach(window: MainWindow, first: FirstScreen) -> None:
    """At the window's first paint, ask for the paragraphs on screen; prime the window's
    analysis with the answer once the dictionary is open (glosses need it); then set
    `first.settled`."""
    from PySide6.QtCore import QTimer

    asked: list[Any] = []

    def ask() -> None:
        analysis = window.analysis
        blocks = window.zh.visible_blocks() if analysis is not None else []
        if analysis is None or not blocks or window.services.ready:
            first.cancel()
            return
        last = min(len(analysis.paragraphs), blocks[-1] + 1 + AHEAD)
        wanted = sorted(set(blocks) | set(range(blocks[-1] + 1, last)))
        asked.append(analysis)
        first.ask(analysis.paragraphs, wanted, analysis.traditional)
        timer.start()

    def poll() -> None:
        if not first.done.is_set() or not window.services.dictionary_ready:
            return
        timer.stop()
        analysis, answer = asked[0], first.answer()
        if answer is not None and window.analysis is analysis and any(
                [analysis.prime(block, *computed) for block, computed in answer]):
            window.zh.viewport().update()
            # The core's loading resumes once the repaint (and a hover) had the GIL.
            QTimer.singleShot(SETTLE_MS, first.settled.set)
        else:   # no answer, or another article is open now
            first.settled.set()

    def never_painted() -> None:   # no article came up (a file that failed to open)
        if not asked:
            first.cancel()

    timer = QTimer(window)
    timer.setInterval(5)
    timer.timeout.connect(poll)
    window._when_painted(ask, first=True)
    QTimer.singleShot(ASK_WITHIN_MS, never_painted)
