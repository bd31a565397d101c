"""Pinyin per token: syllables in context, display styles, tone numbers, 一/不 sandhi.

Syllables are stored as tone-numbered strings ("hang2", neutral "de5", ü as "v": "lv4");
`format_syllable` turns them into tone marks or zhuyin for display. The readings come from
`reader.core.language.polyphone.resolver` (user overrides, dictionary words, rules, then the
context model); everything loads once, lazily, in `PinyinService` (`warm_up()` from a worker
thread).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence

from reader.core.language.names import NameForm, cased, name_form
from reader.core.language.polyphone.resolver import NEUTRAL_MODES, Resolver
from reader.core.language.syllables import (  # noqa: F401 - part of this module's API
    STYLES,
    Style,
    format_syllable,
    tone_of,
)
from reader.core.language.tones import tone_marks  # noqa: F401 - part of this module's API
from reader.core.models import Reading, Token
from reader.core.text.han import is_han

_VOWEL_START = re.compile(r"^[aoeāáǎàōóǒòēéěè]")


def format_reading(reading: Reading, style: Style = "marks", *, names: bool = False) -> str:
    """A word's syllables joined ("yínháng"); non-Han characters pass through.

    Marks style adds the apostrophe pinyin uses before a, o, e inside a word (xī'ān).
    A capitalised syllable after the first starts a new word of a name ("Ma3", "Yun2" →
    "Mǎ Yún"), as `name_syllables` and CC-CEDICT write names.

    Args:
        names: write proper nouns in pinyin orthography (Mǎ Yún, Běijīng, Ālǐbābā): the
            syllables are cased by `name_syllables` through the shared service first.
    """
    syllables = name_syllables(reading) if names else reading.syllables
    parts: list[str] = []
    prev_syllable = False
    for ch, syl in zip(reading.token.text, syllables, strict=False):
        if syl is None:
            parts.append(ch)
            prev_syllable = False
            continue
        shown = format_syllable(syl, style)
        if prev_syllable and syl[:1].isupper() and style != "zhuyin":
            shown = " " + shown
        elif style == "marks" and prev_syllable and _VOWEL_START.match(shown):
            shown = "'" + shown
        parts.append(shown)
        prev_syllable = True
    return "".join(parts)


def sandhi(syllables: Sequence[str | None], chars: str) -> list[str | None]:
    """Display-only tone sandhi of 一 and 不 (yí gè, bú duì, kàn yi kàn); never stored.

    Args:
        syllables: one numbered syllable (or None) per character of `chars`.
        chars: the characters those syllables read (needed: "yi1" may be 衣, "bu4" 部).
    """
    if len(syllables) != len(chars):
        raise ValueError("sandhi needs one syllable per character")
    out = list(syllables)
    for i, (ch, syl) in enumerate(zip(chars, syllables, strict=True)):
        if ch not in "一不" or syl not in ("yi1", "bu4"):
            continue
        prev_ch = chars[i - 1] if i else ""
        next_ch = chars[i + 1] if i + 1 < len(chars) else ""
        nxt = syllables[i + 1] if i + 1 < len(syllables) else None
        if prev_ch and prev_ch == next_ch and is_han(prev_ch):
            out[i] = ch == "一" and "yi5" or "bu5"      # 看一看, 好不好
            continue
        if nxt is None:
            continue
        if ch == "不":
            if tone_of(nxt) == 4:
                out[i] = "bu2"
            continue
        if prev_ch in _NUMBER_CHARS or next_ch in _NUMBER_CHARS or next_ch in "月号":
            continue                                      # 第一, 十一, 一二三, 一月: yī
        out[i] = "yi2" if tone_of(nxt) in (4, 5) else "yi4"
    return out


_NUMBER_CHARS = set("第零〇一二三四五六七八九十0123456789")


# -- the service ---------------------------------------------------------------------------
class PinyinService:
    """Everything pinyin needs, loaded once: segmenter, dictionaries, context model.

    Args:
        segmenter: object with `tokenize(text) -> list[Token]`; the default segmenter
            (jieba with CC-CEDICT words) when None.
        resolver: the polyphone resolver; a fresh one when None.
    """

    def __init__(self, segmenter: object | None = None, resolver: Resolver | None = None):
        self._segmenter = segmenter
        self._resolver = resolver or Resolver()
        self._lock = threading.Lock()

    @property
    def segmenter(self):
        if self._segmenter is None:
            with self._lock:
                if self._segmenter is None:
                    from reader.core.language.segment import default_segmenter

                    self._segmenter = default_segmenter()
        return self._segmenter

    def warm_up(self) -> None:
        """Load segmenter, dictionaries and model now (call from a background thread)."""
        seg = self.segmenter
        if hasattr(seg, "ensure_ready"):
            seg.ensure_ready()
        self._resolver.warm_up()

    def readings(self, text: str, tokens: Sequence[Token] | None = None, *,
                 overrides: Mapping[str, Sequence[str]] | None = None,
                 neutral: str = "dictionary") -> list[Reading]:
        """One Reading per token of `text` (tokens are segmented when not given)."""
        return self.readings_many([text], None if tokens is None else [tokens],
                                  overrides=overrides, neutral=neutral)[0]

    def readings_many(self, texts: Sequence[str],
                      tokens: Sequence[Sequence[Token]] | None = None, *,
                      overrides: Mapping[str, Sequence[str]] | None = None,
                      neutral: str = "dictionary") -> list[list[Reading]]:
        """`readings` for many texts at once: the context model runs in one batch."""
        if neutral not in NEUTRAL_MODES:
            raise ValueError(f"neutral must be one of {NEUTRAL_MODES}, not {neutral!r}")
        if tokens is None:
            tokens = [self.segmenter.tokenize(t) for t in texts]
        for text, toks in zip(texts, tokens, strict=True):
            _check_tokens(text, toks)
        analysed = [_simplified(t) for t in texts]
        spans = [[(tk.start, tk.end) for tk in toks] for toks in tokens]
        per_char = self._resolver.resolve(texts, spans, overrides, neutral, analysed)
        out: list[list[Reading]] = []
        for toks, chars in zip(tokens, per_char, strict=True):
            out.append([
                Reading(tk, tuple(chars[i][0] for i in range(tk.start, tk.end)),
                        tuple(chars[i][1] for i in range(tk.start, tk.end)))
                for tk in toks])
        return out

    def name_form(self, word: str, syllables: Sequence[str | None] = ()) -> NameForm | None:
        """How `word` is written when it is a proper noun (see `names.name_form`): from
        CC-CEDICT's capitals for the entry read as `syllables`, or jieba's name tags."""
        lexicon = self._resolver.lexicon
        simple = _simplified(word)
        read = [s.lower() for s in syllables if s]
        read = read if len(read) == len(simple) else []
        capitals = lexicon.capitals(simple, read)
        ordinary = lexicon.ordinary(simple, read)
        return name_form(simple, lexicon.tags.get(simple, ""), capitals, ordinary=ordinary)

    def name_syllables(self, reading: Reading) -> tuple[str | None, ...]:
        """The reading's syllables with a name's word starts capitalised ("ma3", "yun2" →
        "Ma3", "Yun2"); an ordinary word's unchanged. For pinyin above the text, one
        syllable per character: `format_syllable("Ma3")` gives "Mǎ"."""
        if not any(reading.syllables) or len(reading.token.text) < 2:
            return reading.syllables
        form = self.name_form(reading.token.text, reading.syllables)
        return reading.syllables if form is None else tuple(cased(reading.syllables, form))

    def syllables_many(self, texts: Sequence[str], *,
                       neutral: str = "dictionary") -> list[list[tuple[str | None, float]]]:
        """Per text, per character (syllable or None, confidence): the `--lines` path."""
        tokens = [self.segmenter.tokenize(t) for t in texts]
        analysed = [_simplified(t) for t in texts]
        spans = [[(tk.start, tk.end) for tk in toks] for toks in tokens]
        return self._resolver.resolve(texts, spans, None, neutral, analysed)


def _check_tokens(text: str, tokens: Sequence[Token]) -> None:
    for tk in tokens:
        if not (0 <= tk.start <= tk.end <= len(text)) or text[tk.start:tk.end] != tk.text:
            raise ValueError(f"token {tk!r} does not match the text at its offsets")


def _simplified(text: str) -> str:
    """A same-length simplified copy for analysis (traditional text keeps its display)."""
    try:
        from reader.core.text.script import is_traditional, to_simplified
    except ImportError:  # pragma: no cover - script.py belongs to another module's owner
        return text
    if not is_traditional(text):
        return text
    simple = to_simplified(text)
    return simple if len(simple) == len(text) else text


_service: PinyinService | None = None
_service_lock = threading.Lock()


def service() -> PinyinService:
    """The process-wide PinyinService (nothing loads until first use)."""
    global _service
    with _service_lock:
        if _service is None:
            _service = PinyinService()
        return _service


def name_syllables(reading: Reading) -> tuple[str | None, ...]:
    """`PinyinService.name_syllables` through the shared service."""
    return service().name_syllables(reading)


def warm_up() -> None:
    """Load the shared service's data now; the UI calls this in a background thread."""
    service().warm_up()


def readings(text: str, tokens: Sequence[Token] | None = None, *,
             overrides: Mapping[str, Sequence[str]] | None = None,
             neutral: str = "dictionary") -> list[Reading]:
    """Readings of `text` per token, through the shared service (see PinyinService)."""
    return service().readings(text, tokens, overrides=overrides, neutral=neutral)
