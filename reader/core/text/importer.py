"""Raw bilingual article → `Article`: metadata, zh/en paragraphs and their sentences.

A raw article is a web page pasted into a text file: a title (often printed twice), a
byline, the Chinese body, a translator line, the English body, and app/site promotion
around them, in any order (Chinese first, English first, or paragraphs interleaved).
Each non-empty line is one paragraph (a hard-wrapped file's paragraphs, separated by blank
lines, are rejoined first). The rules, in order:

1. metadata lines (byline with a date, translator, source, editor: `textmeta`) fill the
   metadata; a bare name on the line beside a bare date is the byline's author;
2. short lines matching `resources/boilerplate.txt` are dropped, as are tiny unpunctuated
   lines at the document's start and short unpunctuated lines at its end (site chrome);
3. every other line is Chinese or English by its script (Han characters weigh three
   Latin letters), and lines with neither (separators, bare numbers) are dropped;
4. the first line of each language is its title when it reads like a headline: no
   sentence-final punctuation and not too long ("strong"), or short and the other side
   has a title and taking it as one evens the two sides' paragraph counts ("weak");
   repeats of the title before the body are dropped;
5. a trailing parenthesised name after the last Chinese sentence, "(财富中文网)", is the
   source and leaves the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from reader.core.errors import UserError
from reader.core.models import Article, Lang, Title, article_from_dict, article_to_dict
from reader.core.paths import resource
from reader.core.text.decode import MAX_BYTES, decode_bytes, display_path, normalise, read_text
from reader.core.text.meta import (
    META_MAX,
    Meta,
    bare_name,
    ends_sentence,
    loose_key,
    take_metadata,
    trailing_source,
)
from reader.core.text.script import is_traditional, to_simplified
from reader.core.text.sentences import make_paragraph, split_en, split_zh

__all__ = [
    "MAX_BYTES", "article_from_dict", "article_to_dict", "decode_bytes", "import_file",
    "import_pair", "make_paragraph", "normalise", "parse_article", "parse_pair", "read_text",
    "split_en", "split_zh",
]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_HAN_RUN = re.compile(_HAN.pattern + "+")
_LATIN_RUN = re.compile(_LATIN.pattern + "+")

# Headline limits (code points): a title without final punctuation up to STRONG, a title
# ending like a sentence only up to WEAK.
_STRONG = {Lang.ZH: 80, Lang.EN: 200}
_WEAK = {Lang.ZH: 50, Lang.EN: 120}


# ---------------------------------------------------------------- line classes


def _lang(line: str) -> Lang | None:
    """Chinese, English, or None for a line with neither script."""
    # Counted a run at a time: a list of one-character matches per line was a third of the
    # 1 MB article's parse time.
    han = sum(map(len, _HAN_RUN.findall(line)))
    if not han:
        return Lang.EN if _LATIN.search(line) else None
    latin = sum(map(len, _LATIN_RUN.findall(line)))
    return Lang.ZH if han * 3 >= latin else Lang.EN


_NOTHING = re.compile(r"(?!)")


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[frozenset[str], re.Pattern[str]]:
    """(whole-line keys, one pattern of the substrings) from resources/boilerplate.txt."""
    whole: set[str] = set()
    parts: list[str] = []
    path = resource("boilerplate.txt")
    if not path.is_file():  # a broken install: the edge rules still drop most chrome
        return frozenset(), _NOTHING
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("~"):
            parts.append(entry[1:].strip().casefold())
        else:
            whole.add(loose_key(entry))
    pattern = re.compile("|".join(map(re.escape, parts))) if parts else _NOTHING
    return frozenset(whole), pattern


def _is_boilerplate(line: str) -> bool:
    """A whole-line entry matches lines up to 60 characters, a substring up to 30."""
    if len(line) > 60:
        return False
    whole, parts = _boilerplate()
    if loose_key(line) in whole:
        return True
    if len(line) > 30:
        return False
    return parts.search(line.casefold()) is not None


# ---------------------------------------------------------------- assembly


@dataclass
class _Item:
    lang: Lang
    text: str


_EDGE_MAX = 5  # at most this many chrome lines are dropped at each edge
_WRAP_MAX = 160  # columns: a file hard-wrapped wider than this is not recognised


def _columns(line: str) -> int:
    """Display width: a Han character takes two columns."""
    return len(line) + len(_HAN.findall(line))


def _wrap_width(lines: list[str]) -> int | None:
    """The column width a hard-wrapped file was wrapped at, or None if it is not wrapped.

    Wrapped files separate paragraphs by blank lines, and the lines inside a paragraph
    (all but its last) come close to one maximum width and mostly stop mid-sentence. A
    file with a paragraph per line, like the eval data or the sample, has long lines, no
    multi-line blocks, or lines that end their sentences.
    """
    nonblank = [line.strip() for line in lines if line.strip()]
    if not nonblank or len(nonblank) == len(lines):
        return None  # no blank lines: every line is a paragraph
    if any(len(line) > _WRAP_MAX for line in nonblank):
        return None
    width = max(_columns(line) for line in nonblank)
    if width > _WRAP_MAX:
        return None
    inner = [line.strip() for line, nxt in zip(lines, lines[1:], strict=False)
             if line.strip() and nxt.strip()]
    if len(inner) < 3:
        return None
    near_full = sum(_columns(line) >= 0.6 * width for line in inner)
    # wrapped lines mostly stop mid-sentence; one-line paragraphs end their sentences
    mid_sentence = sum(not ends_sentence(line) for line in inner)
    if near_full >= 0.7 * len(inner) and mid_sentence >= 0.5 * len(inner):
        return width
    return None


def _join(left: str, right: str) -> str:
    """Join two wrapped lines: no space between Han characters, one between words."""
    if _HAN.match(left[-1]) or _HAN.match(right[0]):
        return left + right
    return f"{left} {right}"


def _unwrap(lines: list[str]) -> list[str]:
    """Logical lines: a hard-wrapped file's paragraphs rejoined, else the lines as they are."""
    width = _wrap_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joinable = False  # may the next line continue out[-1]?
    last_lang: Lang | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            joinable = False
            continue
        lang = _lang(line)
        if joinable and lang is not None and lang is last_lang:
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
            last_lang = lang
        joinable = _columns(line) >= 0.6 * width
    return out


def _items(text: str, meta: Meta, lang: Lang | None = None,
           traditional: bool = False) -> list[_Item]:
    """The text's paragraphs with their language, metadata and boilerplate removed.

    In a traditional-character text, short lines are matched against the rules (written
    in simplified characters) through a simplified copy.
    """
    out: list[_Item] = []
    simplify = to_simplified if traditional else None
    name_may_follow = False  # a bare date line was just read: a name line may be its byline
    for raw in _unwrap(text.split("\n")):
        line = " ".join(raw.split()) if len(raw) < 1000 else raw.strip()
        if not line:
            continue
        probe = simplify(line) if simplify and len(line) <= META_MAX else line
        had_date = meta.date is not None
        if take_metadata(line, meta, probe):
            # "Natasha Bach" on the line above or below a bare date is the byline's name
            if meta.author is None and not had_date and meta.date is not None:
                if len(out) > 1 and bare_name(out[-1].text):  # out[0] is more likely a title
                    meta.offer("author", out.pop().text)
                else:
                    name_may_follow = True
            continue
        if name_may_follow and meta.author is None and bare_name(line):
            meta.offer("author", line)
            continue
        name_may_follow = False
        if _is_boilerplate(probe):
            continue
        script = _lang(line)
        if script is None:
            continue
        out.append(_Item(lang or script, line))
    return _trim_edges(out)


def _tiny(item: _Item) -> bool:
    if ends_sentence(item.text):
        return False
    return (len(item.text) <= 6) if item.lang is Lang.ZH else len(item.text.split()) <= 2


_STOP = re.compile("[。！？!?]")


def _short_tail(item: _Item) -> bool:
    if ends_sentence(item.text) or _STOP.search(item.text):
        return False
    return len(item.text) <= 12 if item.lang is Lang.ZH else len(item.text.split()) <= 4


def _trim_edges(items: list[_Item]) -> list[_Item]:
    """Drop site chrome at the edges: tiny unpunctuated lines first, short ones last.

    A tiny first line goes only when a headline of its language follows (so a short title
    above its body stays).
    """
    start, end = 0, len(items)
    # Only prose has chrome around it: a poem or a word list is all short unpunctuated lines.
    last_prose = max((i for i in range(end) if not _short_tail(items[i])), default=-1)
    if last_prose < 0:
        return items
    while (start < min(_EDGE_MAX, last_prose) and _tiny(items[start])
           and _strength(items[start + 1].text, items[start].lang) == "strong"
           and items[start + 1].lang is items[start].lang):
        start += 1
    end = max(end - _EDGE_MAX, last_prose + 1)
    return items[start:end]


def _strength(line: str, lang: Lang) -> str | None:
    """'strong', 'weak' or None: how much `line` reads like a headline."""
    if not ends_sentence(line) and len(line) <= _STRONG[lang]:
        return "strong"
    if len(line) <= _WEAK[lang]:
        splitter = split_zh if lang is Lang.ZH else split_en
        if len(splitter(line)) <= 2:
            return "weak"
    return None


def _titles(items: list[_Item]) -> dict[Lang, int]:
    """Index in `items` of each language's title line (languages without one left out)."""
    first: dict[Lang, int] = {}
    for i, item in enumerate(items):
        first.setdefault(item.lang, i)
    counts = {lang: sum(item.lang is lang for item in items) for lang in Lang}
    titles: dict[Lang, int] = {}
    strength = {lang: _strength(items[i].text, lang) for lang, i in first.items()}
    for lang, i in first.items():
        if strength[lang] == "strong" and counts[lang] > 1:
            titles[lang] = i
    for lang, i in first.items():
        other = Lang.EN if lang is Lang.ZH else Lang.ZH
        if strength[lang] != "weak" or other not in titles or counts[lang] < 2:
            continue
        # Parallel sides have about as many paragraphs: the line is a title when leaving
        # it out brings this side's count to the other's (within one, or a tenth).
        other_body = counts[other] - 1
        before = abs(counts[lang] - other_body)
        after = abs(counts[lang] - 1 - other_body)
        if after < before and after <= max(1, other_body // 10):
            titles[lang] = i
    return titles


def _traditional(text: str) -> bool:
    """True when the Chinese text is in traditional characters (a sample is checked)."""
    # The first 800 Han characters wherever they are (English may come first). The
    # script-only character sets are shared with the pinyin path and cost ~0.1 ms here,
    # where building and running OpenCC's pure-Python converters cost ~35 ms a process.
    sample = "".join(m.group() for m in islice(_HAN.finditer(text), 800))
    return bool(sample) and is_traditional(sample)


def _assemble(items: list[_Item], meta: Meta, name: str, traditional: bool) -> Article:
    if not items:
        raise UserError(f"{name}: no Chinese or English text found",
                        "choose a file with the article's text")
    titles = _titles(items)
    title_text = {lang: items[i].text for lang, i in titles.items()}
    body: dict[Lang, list[str]] = {Lang.ZH: [], Lang.EN: []}
    for i, item in enumerate(items):
        if titles.get(item.lang) == i:
            continue
        title = title_text.get(item.lang)
        if not body[item.lang] and title is not None and loose_key(item.text) == loose_key(title):
            continue  # the title printed twice
        body[item.lang].append(item.text)
    for lang in Lang:
        if not body[lang] and lang in title_text:
            body[lang].append(title_text.pop(lang))  # a lone line is text, not a title
    if body[Lang.ZH]:
        body[Lang.ZH][-1], source = trailing_source(body[Lang.ZH][-1])
        meta.offer("source", source)
        if not body[Lang.ZH][-1]:
            body[Lang.ZH].pop()
    return Article(
        title=Title(zh=title_text.get(Lang.ZH), en=title_text.get(Lang.EN)),
        zh=tuple(make_paragraph(t, Lang.ZH) for t in body[Lang.ZH]),
        en=tuple(make_paragraph(t, Lang.EN) for t in body[Lang.EN]),
        author=meta.author,
        date=meta.date,
        translator=meta.translator,
        source=meta.source,
        script="traditional" if traditional else "simplified",
    )


# ---------------------------------------------------------------- public API


def parse_article(text: str, *, name: str = "the text") -> Article:
    """Split one raw bilingual (or one-language) article into an `Article`.

    Raises UserError when it holds no Chinese or English text at all.
    """
    meta = Meta()
    text = normalise(text)
    traditional = _traditional(text)
    return _assemble(_items(text, meta, traditional=traditional), meta, name, traditional)


def _sides(zh_text: str, en_text: str, zh_name: str, en_name: str) -> tuple[str, str]:
    """The two texts in (Chinese, English) order: swapped if given the wrong way round.

    Raises UserError when the "Chinese" text has no Han character (or the "English" text
    no Latin letter) and swapping would not help.
    """
    def script(text: str) -> Lang | None:
        return _lang(text[:100_000])

    if script(zh_text) is Lang.EN and script(en_text) is Lang.ZH:
        return en_text, zh_text
    if not _HAN.search(zh_text):
        raise UserError(f"{zh_name}: no Chinese text", "give the Chinese file with --zh")
    if not _LATIN.search(en_text):
        raise UserError(f"{en_name}: no English text", "give the English file with --en")
    return zh_text, en_text


def parse_pair(zh_text: str, en_text: str, *, name: str = "the texts",
               names: tuple[str, str] = ("the Chinese text", "the English text")) -> Article:
    """An `Article` from a Chinese text and its English translation, kept in separate texts.

    Texts given the wrong way round are swapped; `names` label the two in errors.
    """
    meta = Meta()
    zh_text, en_text = _sides(normalise(zh_text), normalise(en_text), *names)
    traditional = _traditional(zh_text)
    items = (_items(zh_text, meta, Lang.ZH, traditional)
             + _items(en_text, meta, Lang.EN, traditional))
    return _assemble(items, meta, name, traditional)


def import_file(path: str | Path) -> Article:
    """Read, decode and split an article file (.txt, .md or .html)."""
    return parse_article(read_text(path), name=display_path(path))


def import_pair(zh_path: str | Path, en_path: str | Path) -> Article:
    """Read a Chinese file and its English translation as one article."""
    zh_name, en_name = display_path(zh_path), display_path(en_path)
    return parse_pair(read_text(zh_path), read_text(en_path), name=f"{zh_name} + {en_name}",
                      names=(zh_name, en_name))
