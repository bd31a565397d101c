"""g2pM's polyphone BiLSTM, re-run as one vectorised numpy pass over many sentences.

g2pM (Apache-2.0, weights inside its wheel) scores one sentence at a time in a Python
loop; a reader's article or the 10k-line benchmark is far faster as padded batches.
The maths is the same as `g2pM.G2pM.predict` (PyTorch LSTM gate order i, f, g, o; a
forward and a backward direction over BOS + sentence + EOS; a two-layer ReLU head on the
concatenated states) — `tests/core/language/test_polyphone.py` checks the logits match theirs.
Only the weights and g2pM's character table are borrowed: g2pM itself is never imported
at run time, so loading costs one pickle read (about 0.1 s), done on first use.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# The model multiplies small matrices step after step: OpenBLAS's worker threads only slow
# it down (see `_one_blas_thread`), and after numpy's import one of them spins on a core
# for ~0.1 s, taking a core from the window's start-up. One thread, unless the user set it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

_BOS = "시"  # g2pM's sentence-boundary tokens (Korean syllables, as in its vocabulary)
_EOS = "끝"
_UNK = "<UNK>"
_BATCH = 512  # sentences per padded batch: big enough for BLAS, small enough for cache


def _package_dir() -> Path:
    """Where g2pM's pickles live, without importing g2pM (its import loads nothing useful)."""
    import importlib.util

    spec = importlib.util.find_spec("g2pM")
    if spec is None or not spec.submodule_search_locations:
        from reader.core.errors import UserError

        raise UserError("the g2pM package is missing", hint="pip install g2pM")
    return Path(next(iter(spec.submodule_search_locations)))


def _load(name: str, folder: Path) -> object:
    with open(folder / name, "rb") as fh:
        return pickle.load(fh)


def to_v(syllable: str) -> str:
    """g2pM writes ü as `u:`; the project writes `v` (`lu:4` → `lv4`)."""
    return syllable.replace("u:", "v")


@dataclass(frozen=True)
class _Weights:
    """The LSTM's weights, both directions stacked (index 0 forward, 1 backward).

    The i, f and o gate columns are pre-scaled by 0.5 so that one `tanh` over all four
    gates yields the sigmoids too: sigmoid(x) = (tanh(x / 2) + 1) / 2. Halving is exact in
    floating point, so the scores are unchanged.
    """

    emb: np.ndarray
    wih: np.ndarray    # [2, E, 4H]
    whh: np.ndarray    # [2, H, 4H]
    bias: np.ndarray   # [2, 4H]
    w0: np.ndarray
    b0: np.ndarray
    w1: np.ndarray
    b1: np.ndarray


class PolyphoneModel:
    """Context scores for polyphonic characters: `probabilities(...)` per target position.

    Thread-safe lazy loading: construct freely, the weights load on first use (or on
    `load()`, which the UI may call from a background thread).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._lock = threading.Lock()
        self._w: _Weights | None = None
        self.char2idx: dict[str, int] = {}
        self.classes: list[str] = []
        self.class_index: dict[str, int] = {}
        self.candidates: dict[str, tuple[str, ...]] = {}
        self.single: dict[str, str] = {}

    # -- loading -------------------------------------------------------------------
    def load(self) -> PolyphoneModel:
        """Read the pickles once; later calls return at once."""
        if self._w is not None:
            return self
        with self._lock:
            if self._w is None:
                self._read()
        return self

    def _read(self) -> None:
        folder = self._folder or _package_dir()
        state = _load("np_ckpt.pkl", folder)
        self.char2idx = _load("char2idx.pkl", folder)  # type: ignore[assignment]
        class2idx: dict[str, int] = _load("class2idx.pkl", folder)  # type: ignore[assignment]
        cedict: dict[str, list[str]] = _load("digest_cedict.pkl", folder)  # type: ignore[assignment]
        self.classes = [""] * len(class2idx)
        for name, idx in class2idx.items():
            self.classes[idx] = to_v(name)
        self.class_index = {name: i for i, name in enumerate(self.classes)}
        self.candidates = {
            ch: tuple(dict.fromkeys(to_v(p) for p in prons))
            for ch, prons in cedict.items() if len(prons) > 1
        }
        self.single = {ch: to_v(prons[0]) for ch, prons in cedict.items() if len(prons) == 1}

        def f32(key: str) -> np.ndarray:
            return np.ascontiguousarray(state[key], dtype=np.float32)  # type: ignore[index]

        def both(name: str) -> np.ndarray:
            return np.stack([f32(name), f32(name + "_reverse")])

        hidden = f32("lstm.weight_hh_l0").shape[1]
        scale = np.full(4 * hidden, 0.5, np.float32)
        scale[2 * hidden:3 * hidden] = 1.0          # the g gate is a plain tanh
        self._w = _Weights(
            emb=f32("embedding.weight"),
            wih=np.ascontiguousarray(both("lstm.weight_ih_l0").transpose(0, 2, 1) * scale),
            whh=np.ascontiguousarray(both("lstm.weight_hh_l0").transpose(0, 2, 1) * scale),
            bias=(both("lstm.bias_ih_l0") + both("lstm.bias_hh_l0")) * scale,
            w0=f32("logit_layer.0.weight").T.copy(),
            b0=f32("logit_layer.0.bias"),
            w1=f32("logit_layer.2.weight").T.copy(),
            b1=f32("logit_layer.2.bias"),
        )

    @property
    def loaded(self) -> bool:
        return self._w is not None

    # -- inference -----------------------------------------------------------------
    def logits(self, sentences: Sequence[str],
               targets: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """Raw class scores, one `(len(targets[i]), n_classes)` array per sentence.

        `targets[i]` holds code-point indices into `sentences[i]`; sentences without
        targets cost nothing. Sentences are grouped by length to keep padding small.
        """
        self.load()
        out: list[np.ndarray] = [np.zeros((0, len(self.classes)), np.float32)
                                 for _ in sentences]
        order = sorted((i for i, t in enumerate(targets) if t),
                       key=lambda i: len(sentences[i]))
        with _one_blas_thread():
            for start in range(0, len(order), _BATCH):
                chunk = order[start:start + _BATCH]
                scores = self._run([sentences[i] for i in chunk],
                                   [targets[i] for i in chunk])
                for i, s in zip(chunk, scores, strict=True):
                    out[i] = s
        return out

    def _encode(self, sentence: str) -> list[int]:
        get, unk = self.char2idx.get, self.char2idx[_UNK]
        return [self.char2idx[_BOS], *(get(ch, unk) for ch in sentence), self.char2idx[_EOS]]

    def _run(self, sentences: list[str], targets: list[Sequence[int]]) -> list[np.ndarray]:
        w = self._w
        assert w is not None
        ids = [self._encode(s) for s in sentences]
        lengths = np.array([len(x) for x in ids])
        batch, steps = len(ids), int(lengths.max())
        padded = np.zeros((batch, steps), dtype=np.int64)
        for row, seq in enumerate(ids):
            padded[row, :len(seq)] = seq
        emb = w.emb[padded.T]                                 # [T,B,E], time-major
        # Input projections of every step, both directions; the backward one reversed in
        # time so that step k of the loop below advances both directions at once.
        x = np.stack([emb @ w.wih[0] + w.bias[0], (emb @ w.wih[1] + w.bias[1])[::-1]])
        hidden = w.whh.shape[1]
        both = np.zeros((steps, 2, batch, hidden), np.float32)
        h = np.zeros((2, batch, hidden), np.float32)
        c = np.zeros_like(h)
        # A backward row's state stays zero while it is in its padding, so it starts fresh
        # at its own last token as in g2pM; forward rows never need the mask.
        live = np.ones((steps, 2, batch, 1), np.float32)
        live[:, 1, :, 0] = (np.arange(steps - 1, -1, -1)[:, None] < lengths[None, :])
        padded_rows = bool((lengths < steps).any())
        for k in range(steps):
            h, c = _cell(x[:, k], h, c, w.whh)
            if padded_rows:
                h *= live[k]
                c *= live[k]
            both[k] = h
        h_f, h_b = both[:, 0], both[::-1, 1]
        rows = np.repeat(np.arange(batch), [len(t) for t in targets])
        cols = np.fromiter((p + 1 for t in targets for p in t), dtype=np.int64)  # +1: BOS
        states = np.concatenate([h_f[cols, rows], h_b[cols, rows]], axis=1)
        hid = np.maximum(states @ w.w0 + w.b0, 0.0)
        scores = hid @ w.w1 + w.b1
        return np.split(scores, np.cumsum([len(t) for t in targets])[:-1])

    def probabilities(self, sentences: Sequence[str], targets: Sequence[Sequence[int]],
                      ) -> list[list[dict[str, float]]]:
        """Per target, a distribution over that character's valid readings only.

        Restricting the softmax to g2pM's CEDICT candidates for the character keeps the
        model from answering a reading the character never has.
        """
        all_logits = self.logits(sentences, targets)
        result: list[list[dict[str, float]]] = []
        for sentence, tgt, scores in zip(sentences, targets, all_logits, strict=True):
            per: list[dict[str, float]] = []
            for row, pos in zip(scores, tgt, strict=True):
                per.append(self._restricted(sentence[pos], row))
            result.append(per)
        return result

    def _restricted(self, char: str, row: np.ndarray) -> dict[str, float]:
        names = [n for n in self.candidates.get(char, ()) if n in self.class_index]
        if not names:
            names = self.classes
        idx = np.array([self.class_index[n] for n in names])
        z = row[idx].astype(np.float64)
        z = np.exp(z - z.max())
        z /= z.sum()
        return dict(zip(names, z.tolist(), strict=True))


@cache
def _blas_threads() -> tuple[Callable[[int], None], Callable[[], int]] | None:
    """OpenBLAS's set/get thread-count functions, found in the loaded library (Linux).

    The LSTM multiplies small matrices step after step; OpenBLAS's worker threads make each
    product ~10x slower on a busy machine (measured: 1.5 ms vs 0.13 ms for 512x32 @ 32x128).
    This is what threadpoolctl does, without the dependency; elsewhere it is a no-op.
    """
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            libs = {line.split()[-1] for line in fh if "openblas" in line.lower()}
    except OSError:
        return None
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix, suffix in (("scipy_openblas", "64_"), ("openblas", "64_"),
                               ("scipy_openblas", ""), ("openblas", "")):
            setter = getattr(lib, f"{prefix}_set_num_threads{suffix}", None)
            getter = getattr(lib, f"{prefix}_get_num_threads{suffix}", None)
            if setter is not None and getter is not None:
                setter.argtypes, getter.restype = [ctypes.c_int], ctypes.c_int
                return setter, getter
    return None


_blas_lock = threading.Lock()


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Run the block with OpenBLAS on one thread, then restore its previous setting."""
    funcs = _blas_threads()
    if funcs is None:
        yield
        return
    setter, getter = funcs
    with _blas_lock:
        before = getter()
        setter(1)
        try:
            yield
        finally:
            setter(before)


def _cell(x: np.ndarray, h: np.ndarray, c: np.ndarray,
          whh: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One LSTM step of both directions; `x` already holds W_ih·input + both biases, with the
    i, f, o gates pre-halved (see `_Weights`). Gate order i, f, g, o."""
    t = np.tanh(x + h @ whh)
    n = h.shape[-1]
    s = (t + 1.0) * 0.5
    c = s[..., n:2 * n] * c + s[..., :n] * t[..., 2 * n:3 * n]
    return s[..., 3 * n:] * np.tanh(c), c


_shared: PolyphoneModel | None = None
_shared_lock = threading.Lock()


def shared_model() -> PolyphoneModel:
    """The process-wide model (weights load on first use)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = PolyphoneModel()
    return _shared
