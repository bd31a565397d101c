"""Stage 2, language runs: a unit that holds both languages is cut where the script changes
at a sentence boundary, whatever separates the two (nothing, spaces, a comma, a bracket).

A unit is first read as script segments (Han, Latin, kana, hangul) with the neutral text
between them (digits, punctuation, spaces). Three kinds of boundary between a Chinese and
an English segment are told apart:

* hard: the left side ends a sentence (。！？.!? and closing quotes) or a separator stands
  between them (a tab, two or more spaces, a bracket that encloses a whole side) —
  "…for 2017.本月…", "English.        中文", "1【English title】中文标题";
* soft: a comma, colon or a single space — "中文标题, English title"; taken only when both
  sides read like headlines (a bilingual title line), else the line is left whole and marked
  unclear for review;
* none: the scripts touch inside a sentence — "Greggs计划", "石破茂(Shigeru Ishiba)正式".

Short segments (fewer than three English words, four Han characters) between two segments
of the other script are names and terms inside a sentence and stay in it, unless hard
boundaries stand on both sides. Kana make a stretch Japanese and hangul Korean: those runs
are reported as another language, never given to a pane.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.text.han import HAN, HAN_CLASS
from reader.core.text.rows import Piece, Unit

_HAN = HAN_CLASS
_LATIN = "A-Za-z\u00c0-\u024f\u0250-\u02af"
_KANA = "\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
_LETTERS = re.compile(
    rf"(?P<zh>[{_HAN}]+)|(?P<en>[{_LATIN}]+(?:['’\-.][{_LATIN}]+)*)"
    rf"|(?P<ja>[{_KANA}]+)|(?P<ko>[{_HANGUL}]+)"
)
LATIN = re.compile(f"[{_LATIN}]")
_FINAL = "。！？!?.…；;"
_CLOSERS = "”’」』）)》〉】〕]\"'"
_OPENERS = "“‘「『（(《〈【〔[\"'"
_PAIRS = {"【": "】", "[": "]", "(": ")", "（": "）", "《": "》", "「": "」", "〔": "〕"}

HARD, SOFT, NONE = 2, 1, 0
MINOR_WORDS = 3           # English segments shorter than this are terms inside a sentence
MINOR_HAN = 4             # and Chinese ones shorter than this


@dataclass(slots=True)
class _Seg:
    lang: str
    start: int             # first letter
    end: int               # after the last letter
    words: int             # English words, or Han characters

    def minor(self) -> bool:
        return self.words < (MINOR_WORDS if self.lang == "en" else MINOR_HAN)


def _segments(text: str) -> list[_Seg]:
    """Maximal same-script stretches; neutral characters between two letters of one script
    belong to the stretch."""
    segs: list[_Seg] = []
    for match in _LETTERS.finditer(text):
        lang = match.lastgroup or "en"
        words = 1 if lang == "en" else match.end() - match.start()
        if segs and segs[-1].lang == lang:
            segs[-1].end = match.end()
            segs[-1].words += words
        else:
            segs.append(_Seg(lang, match.start(), match.end(), words))
    return _japanese(text, segs)


_STOP = re.compile(r"[。！？!?]")


def _split_at_stops(text: str, segs: list[_Seg]) -> list[_Seg]:
    """Han stretches next to kana cut at their sentence ends, so that only the sentence
    touching the kana can be read as Japanese ("明天会下雨。明日は…")."""
    out: list[_Seg] = []
    for k, seg in enumerate(segs):
        near_kana = any(0 <= j < len(segs) and segs[j].lang == "ja" for j in (k - 1, k + 1))
        if seg.lang != "zh" or not near_kana:
            out.append(seg)
            continue
        start = seg.start
        for stop in _STOP.finditer(text, seg.start, seg.end):
            part = text[start:stop.start()]
            han = len(HAN.findall(part))
            if han:
                lead = start + len(part) - len(part.lstrip())
                out.append(_Seg("zh", lead, stop.start(), han))
            start = stop.end()
        rest = text[start:seg.end]
        if HAN.search(rest):
            lead = start + len(rest) - len(rest.lstrip())
            out.append(_Seg("zh", lead, seg.end, len(HAN.findall(rest))))
    return out


def _japanese(text: str, segs: list[_Seg]) -> list[_Seg]:
    """Han stretches touching kana are Japanese when the group has two or more kana."""
    if not any(s.lang == "ja" for s in segs):
        return segs
    segs = _split_at_stops(text, segs)
    out: list[_Seg] = []
    k = 0
    while k < len(segs):
        group = [segs[k]]
        while k + 1 < len(segs) and {segs[k].lang, segs[k + 1].lang} == {"zh", "ja"}:
            k += 1
            group.append(segs[k])
        kana = sum(s.words for s in group if s.lang == "ja")
        if len(group) > 1 or group[0].lang == "ja":
            if kana >= 2:
                out.append(_Seg("ja", group[0].start, group[-1].end,
                                sum(s.words for s in group)))
            else:
                out.extend(_Seg("zh", s.start, s.end, s.words) for s in group)
        else:
            out.append(group[0])
        k += 1
    merged: list[_Seg] = []
    for s in out:
        if merged and merged[-1].lang == s.lang and not _STOP.search(
                text, merged[-1].end, s.start):
            merged[-1].end, merged[-1].words = s.end, merged[-1].words + s.words
        else:
            merged.append(s)
    return merged


def _bracketed_side(text: str, left: _Seg, gap: str, first: bool) -> bool:
    """True when `left` is the unit's first segment and sits wholly inside a bracket pair
    that the gap closes ("1【English title】中文")."""
    if not first:
        return False
    lead = text[:left.start].rstrip()
    return bool(lead) and lead[-1] in _PAIRS and gap.lstrip()[:1] == _PAIRS[lead[-1]]


def boundary(text: str, left: _Seg, right: _Seg, first: bool = False) -> int:
    """HARD, SOFT or NONE for the neutral gap between two segments (see module doc)."""
    gap = text[left.end:right.start]
    if "\t" in gap or "  " in gap:
        return HARD
    core = gap.strip()
    if _bracketed_side(text, left, gap, first):
        return HARD
    trimmed = core.rstrip(_OPENERS).rstrip()
    bare = trimmed.rstrip(_CLOSERS)
    if bare and bare[-1] in _FINAL:
        if left.lang == "en" and bare[-1] == "." and _abbreviation(text, left):
            return SOFT
        return HARD
    if core and core[0] in "(（" and right.lang == "en" and left.lang == "zh":
        return NONE    # 石破茂(Shigeru Ishiba)
    if core[-1:] in (",", "，", ":", "：", "、") or core in ("|", "/", "-", "–", "—") \
            or (not core and gap):
        return SOFT
    return NONE


def _abbreviation(text: str, left: _Seg) -> bool:
    """"U.S." or "Mr." before a Chinese word: a full stop that ends no sentence."""
    if text[left.end:left.end + 1] != ".":
        return False
    word = text[left.start:left.end].split()[-1]
    return len(word.replace(".", "")) <= 3 and word[:1].isupper()


def _cut(text: str, left: _Seg, right: _Seg) -> int:
    """Where between two segments to cut: in the widest space, else after the last sentence
    end (and its closers), else after a comma/colon, else before an opening bracket."""
    gap = text[left.end:right.start]
    spaces = list(re.finditer(r"[ \t]{2,}|\t", gap))
    if spaces:
        widest = max(spaces, key=lambda m: m.end() - m.start())
        return left.end + widest.start()
    best = -1
    for k, ch in enumerate(gap):
        if ch in _FINAL or ch in ",，:：、|/":
            best = k + 1
            while best < len(gap) and gap[best] in _CLOSERS:
                best += 1
    if best >= 0:
        return left.end + best
    for k, ch in enumerate(gap):
        if ch in _OPENERS or ch == " ":
            return left.end + k
        if ch in _CLOSERS:
            return left.end + k + 1
    return right.start


_OPEN_DEPTH = {o: c for o, c in _PAIRS.items()} | {"“": "”"}


class _Depth:
    """How many brackets or quotation marks are open at a position, asked for positions in
    increasing order (one pass over the text in all)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.open = dict.fromkeys(_OPEN_DEPTH, 0)
        self.close = {c: o for o, c in _OPEN_DEPTH.items()}

    def at(self, pos: int) -> int:
        for ch in self.text[self.pos:pos]:
            if ch in self.open:
                self.open[ch] += 1
            elif ch in self.close and self.open[self.close[ch]] > 0:
                self.open[self.close[ch]] -= 1
        self.pos = max(self.pos, pos)
        return sum(self.open.values())


def _headline(text: str, lang: str) -> bool:
    """Reads like a headline: short, no sentence end before its last character."""
    body = text.strip().rstrip(_CLOSERS).rstrip(_FINAL)
    if any(ch in body for ch in "。！？!?") or ". " in body:
        return False
    if lang == "en":
        words = text.split()
        return 1 <= len(words) <= 30 and text.lstrip(_OPENERS + " ")[:1].isupper()
    return 2 <= len(HAN.findall(text)) <= 60


def _merge_minor(text: str, segs: list[_Seg]) -> list[_Seg]:
    """Fold names and terms into the sentence around them (module doc), in one pass.

    A minor or bracketed segment between two of the other script joins them, and so does a
    longer one that the scripts touch on both sides while it weighs less than the two. A
    minor segment at an edge joins the neighbour it touches (no hard boundary between).
    """
    out: list[_Seg] = []
    for seg in segs:
        out.append(seg)
        while len(out) >= 3 and _sandwiched(text, out[-3], out[-2], out[-1], len(out) == 3):
            left, _, right = out[-3:]
            out[-3:] = [_Seg(left.lang, left.start, right.end, left.words + right.words)]
    if len(out) >= 2:
        for k, j in ((0, 1), (len(out) - 1, len(out) - 2)):
            if k >= len(out) or j >= len(out) or j < 0:
                continue
            seg, host = out[k], out[j]
            if seg.lang not in ("zh", "en") or host.lang not in ("zh", "en"):
                continue
            kind = boundary(text, seg, host, True) if k < j else boundary(text, host, seg,
                                                                          j == 0)
            pair = len(out) == 2 and kind == SOFT and seg.words >= 2 and _soft_pair(
                text, out, 0, _cut(text, out[0], out[1]))
            if ((seg.minor() and kind != HARD) or (_enclosed(text, seg) and kind == NONE)) \
                    and _weight(seg) < _weight(host) and not pair:
                merged = _Seg(host.lang, min(host.start, seg.start), max(host.end, seg.end),
                              host.words)
                out[min(j, k):max(j, k) + 1] = [merged]
    return out


def _sandwiched(text: str, prev: _Seg, seg: _Seg, nxt: _Seg, first: bool) -> bool:
    """`seg` stands inside a sentence of the other script (see `_merge_minor`)."""
    if not (prev.lang == nxt.lang != seg.lang and prev.lang in ("zh", "en")
            and seg.lang in ("zh", "en")):
        return False
    if seg.minor():
        return True
    kinds = (boundary(text, prev, seg, first), boundary(text, seg, nxt))
    if _enclosed(text, seg) and HARD not in kinds:
        return True
    return kinds == (NONE, NONE) and _weight(seg) < _weight(prev) + _weight(nxt)


_ENCLOSING = {**_PAIRS, "“": "”", "‘": "’", "\"": "\""}


def _enclosed(text: str, seg: _Seg) -> bool:
    """The segment is all that stands inside one bracket or quotation pair: a gloss or a
    name in brackets, "(Hurun Report)", "（对等关税）"."""
    k = seg.start - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    if k < 0 or text[k] not in _ENCLOSING:
        return False
    after = text[seg.end:seg.end + 200]      # a bracket closes near what it encloses
    inner_end = after.find(_ENCLOSING[text[k]])
    return inner_end >= 0 and not _LETTERS.search(after[:inner_end])


def _weight(seg: _Seg) -> float:
    return seg.words * (3.0 if seg.lang != "en" else 5.0)


def split_unit(unit_index: int, unit: Unit) -> list[Piece]:
    """The language runs of one unit (see module doc); one piece when it is one language."""
    text = unit.text
    segs = _merge_minor(text, _segments(text))
    if not segs:
        return [Piece(unit_index, text.strip(), None, 0, len(text))]
    if len(segs) == 1:
        return [Piece(unit_index, text.strip(), segs[0].lang, 0, len(text))]
    cuts: list[tuple[int, float]] = []     # (position, confidence) of each accepted cut
    unclear = False
    depth = _Depth(text)
    for k in range(len(segs) - 1):
        left, right = segs[k], segs[k + 1]
        kind = boundary(text, left, right, k == 0)
        pos = _cut(text, left, right)
        if kind and depth.at(pos):
            kind = NONE                       # never inside brackets or quotation marks
        if kind == HARD:
            cuts.append((pos, 0.9))
        elif kind == SOFT and _soft_pair(text, segs, k, pos):
            cuts.append((pos, 0.7))
        elif {left.lang, right.lang} <= {"zh", "en"}:
            # Two substantial sides that could not be cut: a person should look at it.
            need = 12 if kind == SOFT else 40
            unclear = unclear or min(_weight(left), _weight(right)) >= need
        else:
            cuts.append((pos, 0.8))     # another language: cut wherever the script changes
    if not cuts:
        totals: dict[str, float] = {}
        for seg in segs:
            totals[seg.lang] = totals.get(seg.lang, 0.0) + _weight(seg)
        lang = max(totals, key=lambda k: totals[k])
        return [Piece(unit_index, text.strip(), lang, 0, len(text),
                      split_conf=0.3 if unclear else 1.0)]
    pieces: list[Piece] = []
    start = 0
    before = 1.0
    bounds = [*cuts, (len(text), 1.0)]
    next_seg = 0
    for pos, after in bounds:
        conf = min(before, after)
        before = after
        chunk = text[start:pos]
        inside = []
        while next_seg < len(segs) and segs[next_seg].end <= pos:
            inside.append(segs[next_seg])
            next_seg += 1
        if chunk.strip() and inside:
            lang = max(inside, key=_weight).lang
            pieces.append(Piece(unit_index, _unwrap(chunk), lang, start, pos,
                                split_conf=0.3 if unclear else conf))
        elif chunk.strip() and pieces:      # neutral leftovers join the piece before
            pieces[-1].text = _unwrap(text[pieces[-1].start:pos])
            pieces[-1].end = pos
        start = pos
    return _join_same(text, pieces)


def _soft_pair(text: str, segs: list[_Seg], k: int, pos: int) -> bool:
    """A soft boundary is cut when the line is exactly two sides, both headline-like."""
    if len(segs) != 2:
        return False
    left, right = text[:pos], text[pos:]
    return _headline(left, segs[0].lang) and _headline(right, segs[1].lang)


def _join_same(text: str, pieces: list[Piece]) -> list[Piece]:
    """Adjacent pieces of one language (a cut between two segments later merged) join."""
    out: list[Piece] = []
    for p in pieces:
        if out and out[-1].lang == p.lang:
            out[-1].text = _unwrap(text[out[-1].start:p.end])
            out[-1].end = p.end
            out[-1].split_conf = min(out[-1].split_conf, p.split_conf)
        else:
            out.append(p)
    return out


def _unwrap(chunk: str) -> str:
    """A run's text: trimmed, and out of a bracket pair that encloses all of it."""
    text = chunk.strip()
    while len(text) > 2 and text[0] in _PAIRS and text[-1] == _PAIRS[text[0]] \
            and text.count(text[0]) == 1:
        text = text[1:-1].strip()
    return text


def script_weight(text: str) -> tuple[int, int]:
    """(Han characters, Latin letters) of `text`."""
    return len(HAN.findall(text)), len(LATIN.findall(text))
