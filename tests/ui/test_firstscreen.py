"""The first screen read in a forked process at start-up (`reader.ui.firstscreen`): the
fork's round trip gives what the window would compute itself, the child never outlives
its use, and the window glosses the first screen with it before its own core has loaded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from reader.core.models import Paragraph
from reader.core.text.importer import parse_pair
from reader.ui.firstscreen import FirstScreen, attach

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")   # offscreen popups

# Run in a fresh interpreter: the fork must happen before any thread exists, as in
# `duizhao`'s GUI entry (a pytest process has Qt's and other threads).
_ROUND_TRIP = textwrap.dedent("""
    import json, os, signal, sys, time
    from reader.ui.firstscreen import FirstScreen, _LocalCore

    def reaped(pid):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG) != (0, 0):
                    return True
            except ChildProcessError:
                return True
            time.sleep(0.02)
        return False

    mode = sys.argv[1]
    first = FirstScreen.fork()
    from reader.core.service import ArticleAnalysis
    from reader.core.text.importer import import_file
    from reader.ui.librarylist import sample_path

    article = import_file(sample_path())
    out = {"forked": first is not None}
    if mode == "answer":
        blocks = [0, 1, 2, 4]
        first.ask(article.zh, blocks, False)
        out["done"] = first.done.wait(60)
        answer = first.answer()
        local = ArticleAnalysis(_LocalCore(), tuple(article.zh[b] for b in blocks))
        out["blocks"] = [b for b, _ in answer]
        out["same"] = [computed == local.computed(i)
                       for i, (_b, computed) in enumerate(answer)]
        out["words"] = [t.text for t in answer[0][1][1]][:6]
    elif mode == "answer-or-none":
        started = time.monotonic()
        first.ask(article.zh, [0], False)
        out["done"] = first.done.wait(60)
        out["seconds"] = time.monotonic() - started
        out["answer"] = first.answer()
    elif mode == "cancel":
        first.cancel()
        out["done"] = first.done.wait(60)
        out["answer"] = first.answer()
        out["settled"] = first.settled.is_set()
    elif mode == "killed":
        os.kill(first.pid, signal.SIGKILL)
        first.ask(article.zh, list(range(len(article.zh))), False)
        out["done"] = first.done.wait(60)
        out["answer"] = first.answer()
    out["reaped"] = reaped(first.pid)
    print(json.dumps(out, ensure_ascii=False))
""")


def _round_trip(mode: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", _ROUND_TRIP, mode], capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.fixture
def all_caches(warm_cache: Path) -> Path:
    """Every cache built, the reading lexicon included (as after a first start)."""
    subprocess.run([sys.executable, "-m", "reader", "pinyin", "银行"], capture_output=True,
                   timeout=300, check=True)
    return warm_cache


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_the_forked_process_reads_what_the_window_would_read(all_caches: Path) -> None:
    out = _round_trip("answer")
    assert out["forked"] and out["done"]
    assert out["blocks"] == [0, 1, 2, 4]
    assert out["same"] == [True, True, True, True]   # words and readings, exactly
    assert out["words"]                               # the sample's first paragraph
    assert out["reaped"], "the child was left a zombie"


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_on_a_first_start_the_child_builds_no_cache(duizhao_home: Path) -> None:
    """Caches to build: the child gives up at once; the window builds them, once."""
    from reader.core import paths

    out = _round_trip("answer-or-none")
    assert out["forked"] and out["done"] and out["answer"] is None and out["reaped"]
    assert out["seconds"] < 5, "the child built caches before giving up"
    cache = paths.cache_dir()
    assert not cache.exists() or not any(cache.iterdir())


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_nothing_to_ask_ends_the_child(all_caches: Path) -> None:
    out = _round_trip("cancel")
    assert out == {"forked": True, "done": True, "answer": None, "settled": True,
                   "reaped": True}


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_a_child_that_died_gives_no_answer_and_no_hang(all_caches: Path) -> None:
    out = _round_trip("killed")
    assert out == {"forked": True, "done": True, "answer": None, "reaped": True}


def test_one_core_or_no_fork_means_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ui.firstscreen as firstscreen

    monkeypatch.setattr(firstscreen, "_cores", lambda: 1)
    assert FirstScreen.fork() is None


# ----- the window's side ---------------------------------------------------------------
class Answered:
    """A FirstScreen whose child answers at once, computing with the test's loaded core."""

    def __init__(self, core) -> None:
        self.core = core
        self.asked: list[list[int]] = []
        self.done = threading.Event()
        self.settled = threading.Event()
        self._answer = None

    def ask(self, paragraphs: tuple[Paragraph, ...], blocks: list[int],
            traditional: bool) -> None:
        from reader.core.service import ArticleAnalysis

        self.asked.append(list(blocks))
        there = ArticleAnalysis(self.core, paragraphs, traditional=traditional)
        self._answer = [(b, there.computed(b)) for b in blocks]
        self.done.set()

    def cancel(self) -> None:
        self.settled.set()

    def answer(self):
        return self._answer


class LoadedCore:
    ready = True

    def __init__(self, segmenter) -> None:
        from reader.core.service import pinyin

        self.segmenter, self.pinyin = segmenter, pinyin

    def tokenize(self, text):
        return list(self.segmenter.tokenize(text))

    def readings(self, text, tokens):
        return list(self.pinyin.readings(text, tokens))

    def hsk(self, word):
        return None


def test_the_window_glosses_the_first_screen_before_its_core_has_loaded(
        qtbot, core_objects, told) -> None:
    from reader.ui.librarylist import SessionLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading.fonts import chinese_family
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    segmenter, _dictionary = core_objects
    services = CoreServices(*core_objects)
    win = MainWindow(services, Settings(), SessionLibrarySource(), chinese_family(),
                     autostart=False)
    qtbot.addWidget(win)
    first = Answered(LoadedCore(segmenter))
    attach(win, first)
    services.load_dictionary()          # the dictionary is open; jieba and readings not
    win.show()
    qtbot.waitExposed(win)
    zh = ["我们去银行还钱。", "他还没来。", *[f"第{n}段。" for n in range(3, 40)]]
    en = ["We go to the bank to repay.", "He has not come yet.",
          *[f"Paragraph {n}." for n in range(3, 40)]]
    win.show_article(parse_pair("\n\n".join(zh), "\n\n".join(en)))
    qtbot.waitUntil(lambda: bool(first.asked), timeout=5_000)   # at the first paint
    visible = win.zh.visible_blocks()
    assert first.asked[0][:len(visible)] == visible
    assert len(first.asked[0]) <= len(visible) + 3 and len(first.asked[0]) < len(zh)
    qtbot.waitUntil(lambda: win.analysis.get(0) is not None, timeout=5_000)
    assert not services.ready
    assert all(not win.analysis.get(b).missing() for b in visible)
    assert win.analysis.get(len(zh) - 1) is None            # not asked: waits for the core
    result = win.analysis.get(0)
    index = [t.text for t in result.tokens].index("还")
    rect = win.zh.span_rects(0, result.tokens[index].start, result.tokens[index].end)[0]
    win.zh.point_at(rect.center())
    assert win.popup.isVisible()
    assert win.popup.gloss.word == "还"
    assert "huán" in win.popup.text()        # in context: 还钱, to pay back
    win.popup.hide()
    qtbot.waitUntil(first.settled.is_set, timeout=2_000)   # the core may load now
    win.close()


def test_no_article_on_screen_cancels_the_child(qtbot, core_objects, told) -> None:
    from reader.ui.librarylist import SessionLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading.fonts import chinese_family
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    services = CoreServices(*core_objects)
    win = MainWindow(services, Settings(), SessionLibrarySource(), chinese_family(),
                     autostart=False)
    qtbot.addWidget(win)
    first = Answered(None)
    attach(win, first)
    win._after_first_paint()   # start-up went on with nothing shown (the file failed)
    assert first.settled.is_set() and first.asked == []
    win.close()


def test_painting_syllables_does_not_import_the_reading_model() -> None:
    """Pinyin above the text and the card format syllables from the first paint on; were
    that to import `language.pinyin` (the reading model, numpy) while the core's thread is
    importing it, the paint would wait for the whole load."""
    code = textwrap.dedent("""
        import sys
        from reader.ui.reading.pinyinfmt import format_syllable
        shown = [format_syllable("hang2"), format_syllable("lv4", "zhuyin"),
                 format_syllable("Ma3", "numbers")]
        print(shown, "reader.core.language.pinyin" in sys.modules, "numpy" in sys.modules)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert proc.stdout.strip() == "[('háng', 2), ('ㄌㄩˋ', 4), ('Ma3', 3)] False False"


def test_a_window_that_never_paints_an_article_cancels_the_child(
        qtbot, core_objects, told, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.ui.firstscreen as firstscreen
    from reader.ui.librarylist import SessionLibrarySource
    from reader.ui.mainwindow import MainWindow
    from reader.ui.reading.fonts import chinese_family
    from reader.ui.services import CoreServices
    from reader.ui.settings import Settings

    monkeypatch.setattr(firstscreen, "ASK_WITHIN_MS", 50)
    win = MainWindow(CoreServices(*core_objects), Settings(), SessionLibrarySource(),
                     chinese_family(), autostart=False)
    qtbot.addWidget(win)
    first = Answered(None)
    attach(win, first)
    win.show()
    qtbot.waitUntil(first.settled.is_set, timeout=2_000)
    assert first.asked == [] and win._deferred is not None   # never painted an article
    win.close()


def test_the_window_s_core_waits_for_the_first_screen_then_loads(core_objects) -> None:
    """Once the dictionary is open, the rest of the window's core waits until the first
    screen is taken in (`hold`), and at most `HOLD_PATIENCE_S` when it never is."""
    import time

    from reader.ui.services import HOLD_PATIENCE_S, CoreServices

    hold = threading.Event()
    held = CoreServices(*core_objects)
    held.start(hold=hold)
    deadline = time.monotonic() + 10
    while not held.dictionary_ready and time.monotonic() < deadline:
        time.sleep(0.005)
    assert held.dictionary_ready
    assert not held._ready.wait(HOLD_PATIENCE_S / 3)     # held: the rest has not loaded
    hold.set()
    assert held.wait(10)

    never = CoreServices(*core_objects)
    started = time.monotonic()
    never.start(hold=threading.Event())                  # the first screen never comes
    assert never.wait(10)
    assert time.monotonic() - started >= HOLD_PATIENCE_S
