"""`duizhao bench ui`: start-up, a big article, hover latency and memory, offscreen.

Start-up figures are measured FROM PROCESS SPAWN: the bench reads `time.monotonic()` just
before it starts a fresh Python, and the child prints `time.monotonic()` when it reaches each
state (on Linux CLOCK_MONOTONIC is one system-wide clock, so the two readings subtract).
The Duizhao child runs what the `duizhao` command runs (`reader.cli.main`), with a probe
wrapped around `reader.app.build_window` that only watches the window:

- "first paint": the Chinese pane has painted the article once;
- "first screen glossable": the dictionary is open and every paragraph visible in the
  Chinese pane has its words and readings in context for all of them, so a hover gets the
  word, its reading and its glosses rather than the dictionary's longest match from the
  pointer. At start-up those paragraphs are read by a process forked before Qt starts
  (`reader.ui.firstscreen`) while the window's own core is still loading; later ones by the
  window's core. The probe observes the window's analysis; it computes nothing itself.

The bare reference is a PySide6 QLabel of the same size, timed from spawn to its first
paint the same way. The two are spawned alternately and each figure is the best of N runs.
A first (unmeasured) run builds every cache, so the figures are those of a user's later,
warm starts. The big article is the sample's paragraphs repeated; its label gives its real
size. Memory is the whole app: the window's process and its alignment process.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.bench import Figure

# The reference: a bare PySide6 window, first paint reported like Duizhao's.
_BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("hello"); w.resize(1280, 800)
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)
        return False
def done():
    print("painted", time.monotonic(), flush=True); app.quit()
probe = Probe(); w.installEventFilter(probe); w.show()
app.exec()
"""

# Duizhao as the `duizhao` command starts it (argv as given), plus a probe that watches the
# window. Nothing Qt is imported before `reader.cli.main` imports it.
_DUIZHAO = """
import os, sys, time

def say(what):
    sys.stdout.write(f"{what} {time.monotonic():.6f}\\n"); sys.stdout.flush()

import reader.app as app_module
build_window = app_module.build_window
WAIT = os.environ.get("DUIZHAO_BENCH_WAIT", "glossable")   # or "settled"

def glossable(window):
    analysis = window.analysis
    if analysis is None or not window.services.dictionary_ready:   # glosses need it
        return False
    blocks = window.zh.visible_blocks()
    # Observed, never computed here: a paragraph counts once the window has segmented it
    # (its cache holds it) and filled the readings of all its words.
    cached = analysis._cache
    return bool(blocks) and all(b in cached and not cached[b].missing() for b in blocks)

def probed(*args, **kwargs):
    window = build_window(*args, **kwargs)
    from PySide6.QtCore import QEvent, QObject, QTimer
    seen = set()

    def finish(code=0):
        from reader.ui.services import shutdown_pool
        shutdown_pool(); os._exit(code)

    class Paint(QObject):
        def eventFilter(self, obj, event):
            if ("painted" not in seen and event.type() == QEvent.Type.Paint
                    and window.article is not None):
                seen.add("painted")
                QTimer.singleShot(0, lambda: say("painted"))
            return False

    def check():
        if window.services.error is not None:
            sys.stderr.write(f"core failed to load: {window.services.error!r}\\n"); finish(1)
        if "glossable" not in seen and glossable(window):
            seen.add("glossable"); say("glossable")
            if WAIT == "glossable":
                finish()
        if (WAIT == "settled" and "glossable" in seen and window.is_settled()
                and not window._profile_timer.isActive()):
            say("settled"); finish()

    window._bench_probe = Paint(window)
    window.zh.viewport().installEventFilter(window._bench_probe)
    timer = QTimer(window)
    timer.setInterval(2)
    timer.timeout.connect(check)
    timer.start()
    return window

app_module.build_window = probed
from reader import cli
sys.exit(cli.main())
"""


@dataclass
class Run:
    """One spawned process: seconds from spawn to each state it reported, and memory."""

    times: dict[str, float] = field(default_factory=dict)
    peak_sum_mb: float = 0.0        # highest sampled sum of RSS over the process tree
    sum_of_peaks_mb: float = 0.0    # each process's own peak (VmHWM), summed
    window_peak_mb: float = 0.0     # the spawned process's own peak (VmHWM)
    processes: int = 0
    kinds: list[str] = field(default_factory=list)   # what each process of the tree was


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _kind(pid: int, root: int) -> str:
    """What a process of the app's tree is, from its command line."""
    if pid == root:
        return "window"

    def cmdline(of: int) -> str:
        with open(f"/proc/{of}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode("utf-8", "replace")

    try:
        cmd = cmdline(pid)
        if cmd == cmdline(root):   # forked, not spawned
            return "first-screen reader (forked at start-up)"
    except OSError:
        return "process"
    if "resource_tracker" in cmd:
        return "multiprocessing's resource tracker"
    if "multiprocessing" in cmd:
        return "alignment worker"
    return "process"


def _status_kb(pid: int, *keys: str) -> dict[str, int]:
    found: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                name, _, rest = line.partition(":")
                if name in keys:
                    found[name] = int(rest.split()[0])
    except (OSError, ValueError):
        pass
    return found


def _spawn(code: str, env: dict[str, str], argv: tuple[str, ...] = (),
           memory: bool = False, timeout: float = 900) -> Run:
    """Spawn `python -c code argv...` and read the states it reports (seconds from spawn).

    With `memory`, the process tree's RSS is sampled every 20 ms while it runs.
    """
    run = Run()
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", code, *argv], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = None
    if memory:
        hwm: dict[int, int] = {}
        kinds = run.kinds
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                total = 0
                for pid in _tree(proc.pid):
                    kb = _status_kb(pid, "VmRSS", "VmHWM")
                    total += kb.get("VmRSS", 0)
                    if "VmHWM" in kb:
                        if pid not in hwm:
                            kinds.append(_kind(pid, proc.pid))
                        hwm[pid] = max(hwm.get(pid, 0), kb["VmHWM"])
                run.peak_sum_mb = max(run.peak_sum_mb, total / 1024)
                stop.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    if sampler is not None:
        stop.set()
        sampler.join()
        run.sum_of_peaks_mb = sum(hwm.values()) / 1024
        run.window_peak_mb = hwm.get(proc.pid, 0) / 1024
        run.processes = len(hwm)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}): {err.strip()[-800:]}")
    for line in out.splitlines():
        name, _, stamp = line.rpartition(" ")
        try:
            run.times[name] = float(stamp) - start
        except ValueError:
            continue
    return run


def _env(home: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DUIZHAO_HOME=home)
    # Measure a user's warm start: their Python caches our bytecode after the first run.
    # With PYTHONDONTWRITEBYTECODE set (as on some CI images) every start would recompile
    # all of `reader` from source, while PySide6's own bytecode was compiled at install.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("DUIZHAO_BENCH_WAIT", None)
    return env


def _startup(env: dict[str, str], rounds: int) -> Iterator[Figure]:
    # A first run builds the caches (dictionary, jieba table, pinyin tables, bytecode), so
    # the figures below are those of a user's later runs.
    _spawn(_DUIZHAO, dict(env, DUIZHAO_BENCH_WAIT="settled"))
    # Alternate the two so a busy moment of the machine weighs on both alike.
    bare = painted = glossable = float("inf")
    for _ in range(rounds):
        bare = min(bare, _spawn(_BARE, env).times["painted"])
        ours = _spawn(_DUIZHAO, env).times
        painted = min(painted, ours["painted"])
        glossable = min(glossable, ours["glossable"])
    runs = f"best of {rounds}"
    yield Figure(f"startup: bare PySide6 window, first paint from process spawn ({runs})",
                 round(bare, 3), "s")
    yield Figure(f"startup: first paint (sample article, `duizhao`, warm caches), "
                 f"from process spawn ({runs})", round(painted, 3), "s", "<=",
                 round(2 * bare, 3))
    yield Figure(f"startup: first screen glossable (words, readings in context, glosses), "
                 f"from process spawn ({runs})", round(glossable, 3), "s", "<=",
                 round(3 * bare, 3))


def _big_article(target_bytes: int) -> str:
    """The sample's paragraphs (Chinese, then English) repeated to about `target_bytes` of
    UTF-8: the article's real size, as its label says."""
    from reader.core.text.importer import parse_article
    from reader.ui.librarylist import sample_path

    art = parse_article(sample_path().read_text(encoding="utf-8"))
    zh = [p.text for p in art.zh]
    en = [p.text for p in art.en]
    step = len("\n\n".join(zh + en).encode("utf-8")) + 4
    title_zh, title_en = art.title.zh or "大文章", art.title.en or "Big article"
    size = len(f"{title_zh}\n\n{title_en}".encode())
    out_zh: list[str] = []
    out_en: list[str] = []
    while size + step <= target_bytes or not out_zh:
        out_zh.extend(zh)
        out_en.extend(en)
        size += step
    return "\n\n".join([title_zh, *out_zh, title_en, *out_en])


def _big_from_spawn(env: dict[str, str], path: Path, label: str,
                    rounds: int) -> Iterator[Figure]:
    """`duizhao BIG.txt`: glossable from spawn; the whole app's memory until it settles."""
    full = _spawn(_DUIZHAO, dict(env, DUIZHAO_BENCH_WAIT="settled"), (str(path),),
                  memory=True)
    glossable = full.times["glossable"]
    for _ in range(rounds - 1):
        glossable = min(glossable, _spawn(_DUIZHAO, env, (str(path),)).times["glossable"])
    yield Figure(f"{label}: first screen glossable, from process spawn (`duizhao FILE`, "
                 f"best of {rounds})", round(glossable, 3), "s")
    yield Figure(f"{label}: aligned and profiled, from process spawn (one run)",
                 round(full.times["settled"], 2), "s")
    yield Figure(f"{label}: peak RSS of the window's process alone (VmHWM)",
                 round(full.window_peak_mb, 1), "MB", "<", 400)
    yield Figure(f"{label}: peak memory of the whole app ({full.processes} processes: "
                 f"{', '.join(full.kinds)}), peak of their summed RSS sampled every 20 ms",
                 round(full.peak_sum_mb, 1), "MB")
    yield Figure(f"{label}: whole app, sum of each process's own peak RSS (VmHWM, "
                 f"{full.processes} processes)", round(full.sum_of_peaks_mb, 1), "MB")


def _silence_offscreen_notices() -> None:
    """The offscreen platform says "This plugin does not support raise()" on every popup;
    keep the figures readable and let every other Qt message through."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if not message.startswith("This plugin does not support"):
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def run(args: object) -> Iterator[Figure]:
    quick = bool(getattr(args, "quick", False))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = os.environ.get("DUIZHAO_HOME") or tempfile.mkdtemp(prefix="duizhao-bench-")
    os.environ["DUIZHAO_HOME"] = home
    env = _env(home)
    yield from _startup(env, 3 if quick else 7)

    text = _big_article(250_000 if quick else 1_000_000)
    path = Path(home) / "big.txt"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size / 1e6
    label = f"{size:.2f} MB article{' (--quick: small)' if quick else ''}"
    yield from _big_from_spawn(env, path, label, 2 if quick else 3)

    # -- in this process: open the article in a running window, scroll, hover -------------
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from reader.app import build_window, make_app

    app = make_app()
    _silence_offscreen_notices()
    window = build_window(None)
    window.resize(1280, 800)
    window.show()
    window.services.wait(120)
    start = time.perf_counter()
    from reader.core.text.importer import import_file

    article = import_file(path)
    parsed = time.perf_counter() - start
    window.show_article(article)
    app.processEvents()
    for block in window.zh.visible_blocks():
        analysis = window.analysis.get(block)
        for i in analysis.missing():
            analysis.reading(i)
    window.zh.viewport().repaint()
    first = time.perf_counter() - start
    chars = sum(len(p.text) for p in article.zh)
    yield Figure(f"{label} ({chars:,} zh chars) opened in a running window (in-process, core "
                 f"loaded): first screen glossable", round(first, 3), "s", "<", 0.5)
    yield Figure("  of which core import_file (parse)", round(parsed, 3), "s")
    yield Figure("  of which window (documents, layout, first words and readings)",
                 round(first - parsed, 3), "s")
    # Let the background work finish (alignment in its own process, HSK profile in idle
    # slices) so the hover figures measure hovering, not a machine busy aligning.
    deadline = time.perf_counter() + (600 if not quick else 120)
    while time.perf_counter() < deadline and not (
            window._aligned and not window._profile_timer.isActive()):
        app.processEvents()
        time.sleep(0.005)

    # Scrolling: time per scroll step across the article (no full re-layout per step).
    bar = window.zh.verticalScrollBar()
    steps = []
    rng = random.Random(7)
    for _ in range(50 if quick else 200):
        value = rng.randint(0, max(1, bar.maximum()))
        s = time.perf_counter()
        bar.setValue(value)
        window.zh.viewport().repaint()
        steps.append(time.perf_counter() - s)
    steps.sort()
    yield Figure(f"{label}: scroll step + repaint p95 (in-process)",
                 round(1000 * steps[int(0.95 * len(steps))], 2), "ms")

    # Hover latency: mouse-move event delivered → popup shown with the word's gloss and
    # painted (a shown window is only scheduled for painting; repaint() draws it now).
    # "warm": after a scroll the window gets its idle time (visible readings are filled a
    # slice at a time, as when a person moves the mouse); "cold": the filler is held back,
    # so every hover computes its sentence's readings itself.
    viewport = window.zh.viewport()
    hovers = 200 if quick else 1000
    for mode in ("warm", "cold"):
        times = []
        window.zh._fill_timer.blockSignals(mode == "cold")
        for _ in range(hovers):
            bar.setValue(rng.randint(0, max(1, bar.maximum())))
            window.popup.hide()
            window.zh.clear_current()
            app.processEvents()
            blocks = window.zh.visible_blocks()
            block = rng.choice(blocks)
            para = article.zh[block].text
            cp = rng.randrange(len(para))
            rects = window.zh.span_rects(block, cp, cp + 1)
            if not rects or not viewport.rect().contains(rects[0].center().toPoint()):
                continue
            pos = rects[0].center()
            event = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(pos), QPointF(pos),
                                Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier)
            s = time.perf_counter()
            QApplication.sendEvent(viewport, event)
            if window.popup.isVisible():
                window.popup.repaint()
            times.append(time.perf_counter() - s)
        window.zh._fill_timer.blockSignals(False)
        times.sort()
        p99 = 1000 * times[int(0.99 * (len(times) - 1))]
        median = 1000 * times[len(times) // 2]
        if mode == "warm":
            yield Figure(f"hover → popup p99 over {len(times)} hovers (in-process)",
                         round(p99, 2), "ms", "<", 10)
        else:
            yield Figure(f"cold hover (reading computed on hover) p99 over {len(times)} "
                         f"(in-process)", round(p99, 2), "ms")
        yield Figure(f"{mode} hover → popup median (in-process)", round(median, 2), "ms")
    window.close()
    from reader.ui.services import shutdown_pool

    shutdown_pool()
