"""Deciding each Chinese character's syllable in context (多音字).

Order of trust, per character:
1. the user's locked reading of the word (`overrides`), confidence 1;
2. a word-level reading: the word's CC-CEDICT entries (or pypinyin's phrase table) agree on
   this character's syllable. For everyday words this is final: the context model, trained
   on encyclopedic text, reads 为了 as wéi and 银行 in 我去银行还钱 as yínxíng. For rare words
   and proper names the model may veto a dictionary reading it finds very unlikely: there the
   model has seen the word in context, and a rare entry's reading is more often the outlier;
3. a grammatical rule for a particle or verb standing alone (`rules`; the everyday verb
   patterns of speech, 找着 zháo, 喝干 gān, 把…落在 là, 背着 bēi, in `rules_verbs`, asked
   first);
4. g2pM's BiLSTM (`model`), restricted to the character's valid readings.

Two kinds of context come before those steps. A surname marked as one by the sentence
(解先生, 他叫单明) takes CC-CEDICT's surname reading (`language.names`). A token neither
dictionary knows (说得对, 他盛了, 第二行) is read through the dictionary words it is made of
(`language.parts`): a character left alone there is judged by the rules with those words
as its neighbours, as if jieba had cut them apart. Potential complements (找不着, 看得见)
keep their dictionary reading, which the model, trained on running text, tends to read as
the common particle.

The rules serve everyday text (measure words, 没, verbs before 得 or an aspect particle,
result complements, 把): encyclopedic text like CPP's rarely has those patterns, and they
leave CPP dev unchanged. On learners' sentences of our own (HSK 2-5 style, 716 targets in
six batches, `bench.everyday_learners`) they took the errors from 50 to 12; on 44 more
written before the rules and kept out of the repository, from 10 to 5 errors of 88. Still
misread: 看 kān, to look after (看孩子, 帮我看着包: meaning, not grammar, tells it from
kàn), 落 là without 把 (书包落在教室里了), 干 gān as a state (毛巾已经干了), 长 zhǎng in
头发长了, rare senses (遭难 nàn, 在行 háng, 打的 dī).
A phrase-table word whose reading of a character is that of the everyday CC-CEDICT word
inside it (太过分 → 过分 guòfèn) is settled: two sources agree, and the model may not veto.
Word evidence is only taken where it is an opinion: pypinyin's phrase table spells the erhua
suffix as a syllable (这儿 zhè ér), which is no rival to CC-CEDICT's r5 (zhèr).

Why no more than this (CPP dev, CPP's convention, 185 errors of 9,893 at 98.13 %): letting
the model overrule everyday words when it is very sure, pypinyin-dict's 412k-word phrase
table as a further source, or character priors each made CPP worse (to 97.9–98.1 %) and
everyday sentences much worse; the rare-word veto thresholds sit on a plateau (181–189
errors from 1e-4 to 0.3). Also measured and dropped: jieba without its HMM (one item,
noise); the model fed whole lines instead of sentences (no change); jieba's person-name tag
giving a token's first character its surname reading (2 fixed, 16 broken: place names and
ordinary words carry the tag too); a dictionary word from another segmentation covering a
character the model reads alone (3 fixed, 8 broken; with pypinyin-dict's phrases 11 fixed,
60 broken); pypinyin's phrase tones as the citation tone in "particles" mode (1 fixed, 2
broken; for everyday words only, as now, 1 fixed and 1 broken: kept for 头发 fà).
Where the errors are: 120 where no dictionary word covers the character and the model
decides alone (names and places, classical text, taxa, rare senses; half are another tone of
the same syllable); ~30 word readings, most where CC-CEDICT follows today's standard and the
data set another reading; the rest rare-word vetoes, rules and rival entries. With every
error but the model's own fixed, CPP dev would stop at 98.79 %; picking per item the better
of this resolver and the model alone gives 98.5 %. A better context model is what is
missing, and none is installable offline here (g2pW needs BERT weights from a model hub).
The default mode misses 44 more items where CC-CEDICT's light tone is the only difference.

`neutral="particles"` shows lexical light syllables in their citation tone (朋友 péngyǒu,
as the CPP data set and many references annotate) and keeps the neutral tone only for
particles and suffixes (了, 着, 的, 子, 头 …). The default keeps CC-CEDICT's neutral tones.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reader.core.language.names import surname_context
from reader.core.language.parts import split_parts
from reader.core.language.polyphone.lexicon import (  # noqa: F401 - re-exported
    COMMON_FREQ,
    LEXICON_SCHEMA,
    Evidence,
    Lexicon,
    shared_lexicon,
)
from reader.core.language.polyphone.model import PolyphoneModel, shared_model
from reader.core.language.polyphone.rules import Context
from reader.core.language.polyphone.rules_verbs import char_rule, has_word_rule, word_rule
from reader.core.text.han import is_han

#: Below `lexicon.COMMON_FREQ` the model may veto a dictionary reading it gives less than:
VETO_COMMON = 1e-3     # rare ordinary CEDICT word
VETO_PROPER = 1e-2     # CEDICT proper noun (transliterations, places)
VETO_PHRASE = 1e-3     # pypinyin phrase table only
#: Two dictionaries agreeing on an ordinary word settle it whatever its frequency.
TRUST_AGREED = True

#: Characters whose neutral tone is grammatical (particles, suffixes): kept in both modes.
PARTICLES = frozenset("了着过的地得么吗呢吧啊啦哟哦咯哩喔呗呐哪啰嘛呀哇们子头边儿卜")

NEUTRAL_MODES = ("dictionary", "particles")

#: Where the model's input is cut: it was trained on single sentences.
_SENTENCE_END = re.compile(r"[。！？!?；;\n…]+")
_MAX_CHUNK = 120


# -- the resolver --------------------------------------------------------------------------
@dataclass(slots=True)
class _Pending:
    """A character waiting for the model: what to do with its probabilities."""

    text: int
    pos: int
    kind: str                 # "model" | "check" | "choose" | "entry"
    reading: str | None = None
    options: tuple[str, ...] = ()
    threshold: float = 0.0
    entries: tuple[tuple[str, ...], ...] = ()   # "entry": a word's readings, chosen whole
    start: int = 0                               # where that word starts


class Resolver:
    """Resolves every Han character of many texts at once (model calls batched).

    Args:
        lexicon: word readings; loaded on first use when None.
        model: the context model; the process-wide one when None.
    """

    def __init__(self, lexicon: Lexicon | None = None,
                 model: PolyphoneModel | None = None) -> None:
        self._lexicon = lexicon
        self._model = model
        self._lock = threading.Lock()

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = shared_lexicon()
        return self._lexicon

    @property
    def model(self) -> PolyphoneModel:
        if self._model is None:
            self._model = shared_model()
        return self._model.load()

    def warm_up(self) -> None:
        """Load the lexicon and the model now (the UI calls this in a worker thread)."""
        _ = self.lexicon, self.model

    def resolve(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                overrides: Mapping[str, Sequence[str]] | None = None,
                neutral: str = "dictionary",
                analysed: Sequence[str] | None = None,
                ) -> list[list[tuple[str | None, float]]]:
        """Per text, per character: (syllable like "hang2" or None, confidence 0–1).

        Args:
            texts: the texts as displayed (overrides are looked up by the displayed word).
            spans: each text's token (start, end) offsets, in order.
            overrides: word → locked syllables (one per character), trusted first.
            neutral: "dictionary" or "particles" (see the module docstring).
            analysed: same-length simplified copies of traditional texts (default: texts).
        """
        if neutral not in NEUTRAL_MODES:
            raise ValueError(f"neutral must be one of {NEUTRAL_MODES}, not {neutral!r}")
        lex, model = self.lexicon, self.model
        overrides = overrides or {}
        analysed = analysed or texts
        out: list[list[tuple[str | None, float]]] = []
        pending: list[_Pending] = []
        for t, (text, simple, tspans) in enumerate(zip(texts, analysed, spans, strict=True)):
            result: list[tuple[str | None, float]] = [(None, 1.0)] * len(text)
            out.append(result)
            for k, (s, e) in enumerate(tspans):
                locked = _locked(overrides.get(text[s:e]) or overrides.get(simple[s:e]), e - s)
                if locked is not None:
                    for pos, syl in zip(range(s, e), locked, strict=True):
                        result[pos] = (syl, 1.0)
                    continue
                unknown = e - s >= 2 and not lex.known(simple[s:e])
                skip = s if self._surname(simple, tspans, k, unknown, result) else -1
                self._token(simple, tspans, k, t, result, pending, model, skip)
        if pending:
            self._run_model(analysed, pending, out, model)
        if neutral == "particles":
            self._cite(analysed, out, model, spans)
        return out

    def _token(self, simple: str, spans: Sequence[tuple[int, int]], k: int, t: int,
               result: list[tuple[str | None, float]], pending: list[_Pending],
               model: PolyphoneModel, skip: int = -1) -> None:
        """Decide every character of token `k` of `spans` (a word or one character) but
        the one at `skip` (already decided)."""
        s, e = spans[k]
        if e - s >= 2 and has_word_rule(simple[s:e]):
            # A word rule first (背着 + a load: bēi); where it abstains, the whole entry.
            fixed = [word_rule(simple[s:e], i, Context(simple, spans, k, self.lexicon.tags))
                     for i in range(e - s)]
            if all(fixed):
                for i, syl in enumerate(fixed):
                    result[s + i] = (syl, 0.9)
                return
        if e - s >= 2 and self._whole_entry(simple, s, e, t, result, pending, model):
            return
        ctx = Context(simple, spans, k, self.lexicon.tags)
        for pos in range(s, e):
            if pos != skip:
                self._decide(simple, pos, s, e, ctx, t, result, pending, model)

    def _surname(self, simple: str, spans: Sequence[tuple[int, int]], k: int, unknown: bool,
                 result: list[tuple[str | None, float]]) -> bool:
        """Read the first character of token `k` as a surname when the sentence marks it as
        one (解先生, 他叫单明, see `names`); only a single character or a word no dictionary
        has (单位 stays dānwèi). Returns whether it did."""
        s, e = spans[k]
        reading = self.lexicon.surnames.get(simple[s])
        if not reading or not (e - s == 1 or unknown):
            return False
        ctx = Context(simple, spans, k, self.lexicon.tags)
        if not surname_context(ctx.word(-1), ctx.word(1)):
            return False
        result[s] = (reading, 0.9)
        return True

    def _decide(self, simple: str, pos: int, s: int, e: int, ctx: Context, t: int,
                result: list[tuple[str | None, float]], pending: list[_Pending],
                model: PolyphoneModel) -> None:
        ch = simple[pos]
        if not is_han(ch):
            return
        options = model.candidates.get(ch)
        word = simple[s:e]
        if e - s >= 2:
            ev = self.lexicon.evidence(word, pos - s)
            if ev is None and not self.lexicon.known(word):
                fixed = word_rule(word, pos - s, ctx)       # 吃得了 as a whole
                if fixed is not None:
                    result[pos] = (fixed, 0.9)
                    return
                # A word neither dictionary knows: the longest known word inside it that
                # covers this character (别着急 → 着急), else the character on its own.
                s, e, ev = self.lexicon.inner(simple, s, e, pos)
                word = simple[s:e]
                if e - s == 1:
                    # Alone: the rules see the token's dictionary words around it (说得对 →
                    # 说 + 得 + 对, 他盛了 → 他 + 盛 + 了).
                    spans, index = _part_spans(simple, ctx.spans, ctx.index, pos,
                                               self.lexicon.known)
                    ctx = Context(simple, spans, index, ctx.tags)
            fixed = word_rule(word, pos - s, ctx)
            if fixed is not None:
                result[pos] = (fixed, 0.9)
                return
            if ev is not None:
                if not options:
                    result[pos] = (ev.reading, 0.99)
                elif ev.kind == "D":
                    pending.append(_Pending(t, pos, "choose", ev.reading,
                                            (ev.reading, ev.alternative or ev.reading)))
                elif ev.kind in ("C", "P") and (ev.common or (ev.agreed and TRUST_AGREED)
                                                or _potential(word)
                                                or self._inner_agrees(simple, s, e, pos, ev)):
                    result[pos] = (ev.reading, 0.98)
                else:
                    threshold = {"C": VETO_COMMON, "CP": VETO_PROPER, "P": VETO_PHRASE}[ev.kind]
                    pending.append(_Pending(t, pos, "check", ev.reading, threshold=threshold))
                return
            alts = self.lexicon.alternatives(word, pos - s)
            if options and len(alts) > 1:
                pending.append(_Pending(t, pos, "choose", alts[0], alts))
                return
        if e - s == 1:
            rule = char_rule(ctx)
            if rule is not None:
                result[pos] = (rule, 0.9)
                return
        if not options:
            result[pos] = (self._single(ch), 1.0)
            return
        pending.append(_Pending(t, pos, "model"))

    def _inner_agrees(self, simple: str, s: int, e: int, pos: int, ev: Evidence) -> bool:
        """A phrase-table word (太过分) whose reading of `pos` is that of the everyday
        CC-CEDICT word inside it (过分 guòfèn): two sources agree, the model may not veto."""
        if ev.kind != "P" or e - s < 3:
            return False
        _s, _e, inner = self.lexicon.inner(simple, s, e, pos)
        return (inner is not None and inner.kind == "C" and inner.common
                and inner.reading == ev.reading)

    def _whole_entry(self, simple: str, s: int, e: int, t: int,
                     result: list[tuple[str | None, float]], pending: list[_Pending],
                     model: PolyphoneModel) -> bool:
        """A word with several CC-CEDICT readings (大夫 dàfū / dàifu): choose one whole.

        The model scores the first character whose syllable differs between the entries;
        the entry with that syllable gives every character, so a word is never read half
        one way and half the other. Returns False when the word needs no such choice.
        """
        word = simple[s:e]
        entries = self.lexicon.rival_entries(word)
        if not entries:
            return False
        agreed = self.lexicon.phrase_entry(word, entries)
        if agreed is not None:                # pypinyin's phrase table settles it
            for j, syl in enumerate(agreed):
                result[s + j] = (syl, 0.9)
            return True
        for i in range(e - s):
            readings = tuple(dict.fromkeys(r[i] for r in entries))
            bases = {r[:-1] for r in readings}
            if len(bases) > 1 and model.candidates.get(simple[s + i]):
                for j, syl in enumerate(entries[0]):
                    result[s + j] = (syl, 0.5)
                pending.append(_Pending(t, s + i, "entry", readings[0], readings,
                                        entries=entries, start=s))
                return True
        return False

    def _phrase_tones(self, text: str, spans: Sequence[tuple[int, int]]) -> dict[int, str]:
        """Position → pypinyin's phrase tone, for the characters of everyday words."""
        found: dict[int, str] = {}
        for s, e in spans:
            word = text[s:e]
            if e - s < 2 or self.lexicon.freq.get(word, 0) < COMMON_FREQ:
                continue
            phrase = self.lexicon.phrases.get(word)
            if phrase and len(phrase) == e - s:
                found.update((s + i, syl) for i, syl in enumerate(phrase))
        return found

    def _single(self, ch: str) -> str | None:
        """A character's reading when it has only one (or its most common one)."""
        reading = self.model.single.get(ch)
        if reading:
            return reading
        return self.lexicon.chars.get(ch)

    def _run_model(self, analysed: Sequence[str], pending: list[_Pending],
                   out: list[list[tuple[str | None, float]]], model: PolyphoneModel) -> None:
        chunks: list[str] = []
        targets: list[list[int]] = []
        where: list[tuple[int, int]] = []           # pending index → (chunk, slot)
        chunk_of: dict[tuple[int, int], int] = {}   # (text, chunk start) → chunk id
        bounds: dict[int, list[tuple[int, int]]] = {}
        for p in pending:
            if p.text not in bounds:
                bounds[p.text] = _chunks(analysed[p.text])
            start, end = next(b for b in bounds[p.text] if b[0] <= p.pos < b[1])
            key = (p.text, start)
            if key not in chunk_of:
                chunk_of[key] = len(chunks)
                chunks.append(analysed[p.text][start:end])
                targets.append([])
            c = chunk_of[key]
            where.append((c, len(targets[c])))
            targets[c].append(p.pos - start)
        probs = model.probabilities(chunks, targets)
        for p, (c, slot) in zip(pending, where, strict=True):
            dist = probs[c][slot]
            syllable, confidence = _settle(p, dist)
            if p.kind == "entry":
                i = p.pos - p.start
                entry = next((r for r in p.entries if r[i] == syllable), p.entries[0])
                for j, syl in enumerate(entry):
                    out[p.text][p.start + j] = (syl, confidence)
            else:
                out[p.text][p.pos] = (syllable, confidence)

    def _cite(self, analysed: Sequence[str],
              out: list[list[tuple[str | None, float]]], model: PolyphoneModel,
              spans: Sequence[Sequence[tuple[int, int]]]) -> None:
        """Light syllables of non-particles → their citation tone ("particles" mode): the
        tone pypinyin's phrase table gives the everyday word (头发 fà, 部分 fèn), else the
        model's choice among the syllable's tones."""
        todo: list[_Pending] = []
        for t, result in enumerate(out):
            cited = self._phrase_tones(analysed[t], spans[t])
            for pos, (syl, conf) in enumerate(result):
                ch = analysed[t][pos]
                if not syl or not syl.endswith("5") or ch in PARTICLES:
                    continue
                base = syl[:-1]
                options = tuple(o for o in model.candidates.get(ch, ())
                                if o[:-1] == base and not o.endswith("5"))
                if not options:
                    single = model.single.get(ch) or self._single(ch)
                    if single and single[:-1] == base and not single.endswith("5"):
                        result[pos] = (single, conf)
                elif len(options) == 1:
                    result[pos] = (options[0], conf)
                elif cited.get(pos) in options:
                    result[pos] = (cited[pos], conf)
                else:
                    todo.append(_Pending(t, pos, "choose", options[0], options))
        if todo:
            self._run_model(analysed, todo, out, model)


def _locked(syllables: Sequence[str | None] | None, length: int) -> list[str | None] | None:
    """A user's locked reading, normalised; None when absent, the wrong length or garbled
    (a bad stored override must not break reading the article)."""
    if not syllables or len(syllables) != length:
        return None
    try:
        return [normalise(s) if s else None for s in syllables]
    except ValueError:
        return None


def _part_spans(text: str, spans: Sequence[tuple[int, int]], k: int, pos: int,
                known: Callable[[str], bool]) -> tuple[list[tuple[int, int]], int]:
    """`spans` with token `k` cut into its dictionary words (`parts.split_parts`), and the
    index of the part holding `pos` (for the character rules)."""
    s, e = spans[k]
    parts = [(s + a, s + b) for a, b in split_parts(text[s:e], known)]
    index = k + next(j for j, (a, b) in enumerate(parts) if a <= pos < b)
    return [*spans[:k], *parts, *spans[k + 1:]], index


def _potential(word: str) -> bool:
    """A potential complement (找不着, 睡得着, 看不见): its dictionary reading is the one the
    pattern requires, where a model trained on running text prefers the common particle."""
    return len(word) == 3 and word[1] in "不得"


def _settle(p: _Pending, dist: Mapping[str, float]) -> tuple[str, float]:
    best = max(dist, key=dist.__getitem__)
    if p.kind == "model":
        return best, dist[best]
    if p.kind == "check":
        assert p.reading is not None
        prob = dist.get(p.reading, 0.0)
        if p.reading not in dist and p.reading.endswith("5"):
            # A light tone the model has no class for (部分 fen5): judge the syllable.
            prob = max((v for k, v in dist.items() if k[:-1] == p.reading[:-1]), default=0.0)
        if prob >= p.threshold:
            return p.reading, 0.97 if best == p.reading else 0.75
        return best, 0.6 * dist[best]
    # choose among a few options, by the model's scores
    scored = {o: dist.get(o, 0.0) for o in p.options}
    total = sum(scored.values())
    if total <= 0:
        return p.options[0], 0.5
    pick = max(p.options, key=scored.__getitem__)
    return pick, scored[pick] / total


def _chunks(text: str) -> list[tuple[int, int]]:
    """Sentence-sized (start, end) pieces of `text` covering it entirely."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.extend(_cap(start, m.end()))
        start = m.end()
    if start < len(text):
        out.extend(_cap(start, len(text)))
    return out or [(0, len(text))]


def _cap(start: int, end: int) -> list[tuple[int, int]]:
    return [(s, min(s + _MAX_CHUNK, end)) for s in range(start, end, _MAX_CHUNK)]


_SYLLABLE = re.compile(r"^([a-zü:v]+?)([1-5])?$")


def normalise(syllable: str) -> str:
    """Any user-typed numbered syllable → the project's form ("Lu:4" → "lv4", "de" → "de5")."""
    s = syllable.strip().lower().replace("u:", "v").replace("ü", "v")
    m = _SYLLABLE.match(s)
    if not m:
        raise ValueError(f"not a numbered pinyin syllable: {syllable!r}")
    return m.group(1) + (m.group(2) or "5")
