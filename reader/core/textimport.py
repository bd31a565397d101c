"""Raw bilingual article → `Article`: metadata, zh/en paragraphs and their sentences.

A raw article is a web page pasted into a text file: a title (often printed twice), a
byline, the Chinese body, a translator line, the English body, and app/site promotion
around them, in any order (Chinese first, English first, or paragraphs interleaved).
Each non-empty line is one paragraph (a hard-wrapped file's paragraphs, separated by blank
lines, are rejoined first). The rules, in order:

1. metadata lines (byline with a date, translator, source, editor) fill the metadata; a
   bare name on the line beside a bare date is the byline's author;
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
from reader.core.models import Article, Lang, Paragraph, Sentence, Title
from reader.core.paths import resource
from reader.core.sentences import split_en, split_zh
from reader.core.textdecode import MAX_BYTES, decode_bytes, normalise, read_text

__all__ = [
    "MAX_BYTES", "article_from_dict", "article_to_dict", "decode_bytes", "import_file",
    "import_pair", "make_paragraph", "normalise", "parse_article", "parse_pair", "read_text",
    "split_en", "split_zh",
]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CLOSERS = "”’」』）)》\"' "
_FINAL = "。！？!?.…；;"

# Headline limits (code points): a title without final punctuation up to STRONG, a title
# ending like a sentence only up to WEAK.
_STRONG = {Lang.ZH: 80, Lang.EN: 200}
_WEAK = {Lang.ZH: 50, Lang.EN: 120}
_META_MAX = 80  # metadata lines are short


# ---------------------------------------------------------------- line classes


def _lang(line: str) -> Lang | None:
    """Chinese, English, or None for a line with neither script."""
    han = len(_HAN.findall(line))
    latin = len(_LATIN.findall(line))
    if han and han * 3 >= latin:
        return Lang.ZH
    return Lang.EN if latin else None


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL


_NOT_WORD = re.compile(r"[\W_]+")


def _key(line: str) -> str:
    """A line compared loosely: case, spaces and punctuation ignored."""
    return _NOT_WORD.sub("", line.casefold())


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
            whole.add(_key(entry))
    pattern = re.compile("|".join(map(re.escape, parts))) if parts else _NOTHING
    return frozenset(whole), pattern


def _is_boilerplate(line: str) -> bool:
    """A whole-line entry matches lines up to 60 characters, a substring up to 30."""
    if len(line) > 60:
        return False
    whole, parts = _boilerplate()
    if _key(line) in whole:
        return True
    if len(line) > 30:
        return False
    return parts.search(line.casefold()) is not None


# ---------------------------------------------------------------- metadata


@dataclass
class _Meta:
    author: str | None = None
    date: str | None = None
    translator: str | None = None
    source: str | None = None

    def offer(self, field: str, value: str | None) -> None:
        """Keep the first value seen for each field."""
        if value and getattr(self, field) is None:
            setattr(self, field, value)


_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
_DATE = re.compile(
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"|(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?\s+"
    r"(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})\s+(?P<mon3>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*)\.?\s+(?P<y3>\d{4})",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
_AUTHOR_LABEL = re.compile(r"^(?:by|author|作者|撰文|文|记者|特约撰稿人)\s*[:：/|]?\s*",
                           re.IGNORECASE)
_NAME = re.compile(
    r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|and|de|van|von|der|da|di|&))*"
    r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)*"
    r"|[\u4e00-\u9fff·•]{2,10}(?:\s*[、,，和]\s*[\u4e00-\u9fff·•]{2,10})*"
)
_TRANSLATOR = re.compile(
    r"^(?:(?:译者|翻译|编译|译)\s*[:：/|]\s*|(?:译者|翻译|编译)\s+"
    r"|(?:translators?|translated by|translation)\s*[:：]?\s+)(?P<v>[^。！？!?]{1,40})$",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^(?:本文来源|文章来源|来源|出处|source)\s*[:：]\s*(?P<v>[^。！？!?]{1,60})$", re.IGNORECASE)
_EDITOR = re.compile(r"^(?:责任编辑|责编|编辑|校对|审校|editor|edited by)\s*[:：]", re.IGNORECASE)
_TRAILING_SOURCE = re.compile(
    r"(?<=[。！？!?”」』…])\s*[（(](?P<v>[^()（）\n]{1,20})[）)]\s*$")
_NOT_SOURCE = re.compile(r"^(?:图|照片|摄影|注|记者|编者|本报)|提供")
_END_MARKS = frozenset({"完", "全文完", "end", "the end"})


def _iso_date(match: re.Match[str]) -> str:
    """The date as YYYY-MM-DD when it is a real date, else as written."""
    if match.group("y"):
        y, m, d = match.group("y"), match.group("m"), match.group("d")
    else:
        mon = match.group("mon") or match.group("mon3")
        y = match.group("y2") or match.group("y3")
        d = match.group("d2") or match.group("d3")
        prefix = mon[:3].lower()
        m = str(next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(prefix)))
    if 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
        return f"{y}-{int(m):02d}-{int(d):02d}"
    return match.group().strip()


def _byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, date) for a byline such as `Natasha Bach 2017-08-09`, else None."""
    if len(line) > _META_MAX:
        return None
    rest = line.strip("()（）[]【】")
    if not _DIGIT.search(rest) and not _AUTHOR_LABEL.match(rest):
        return None  # neither a date nor a label: the common case, decided cheaply
    date = None
    match = _DATE.search(rest)
    if match:
        date = _iso_date(match)
        rest = rest[: match.start()] + " " + rest[match.end():]
        rest = _TIME.sub(" ", rest)
    label = _AUTHOR_LABEL.match(rest.strip())
    rest = rest.strip()
    if label:
        rest = rest[label.end():]
    rest = rest.strip(" ,，|/·-–—:：")
    if not date and not label:
        return None
    if not rest:
        return (None, date) if date else None
    if _NAME.fullmatch(rest):
        return rest, date
    return None


def _take_metadata(line: str, meta: _Meta, probe: str | None = None) -> bool:
    """Record `line` in `meta` and return True when it is a metadata line.

    `probe` is the line as the rules read it (a simplified copy of a traditional line, the
    same length); values are taken from `line` itself, as written.
    """
    if len(line) > _META_MAX:
        return False
    probe = probe if probe is not None and len(probe) == len(line) else line

    def as_written(value: str | None) -> str | None:
        at = probe.find(value) if value else -1
        return line[at:at + len(value)] if value and at >= 0 else value

    bare = probe.strip("()（）[]【】 ")
    if match := _TRANSLATOR.match(bare):
        meta.offer("translator", as_written(match.group("v").strip()))
        return True
    if match := _SOURCE.match(bare):
        meta.offer("source", as_written(match.group("v").strip()))
        return True
    if _EDITOR.match(bare):
        return True
    if byline := _byline(probe):
        meta.offer("author", as_written(byline[0]))
        meta.offer("date", byline[1])
        return True
    return False


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
    mid_sentence = sum(not _ends_sentence(line) for line in inner)
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


def _items(text: str, meta: _Meta, lang: Lang | None = None,
           traditional: bool = False) -> list[_Item]:
    """The text's paragraphs with their language, metadata and boilerplate removed.

    In a traditional-character text, short lines are matched against the rules (written
    in simplified characters) through a simplified copy.
    """
    out: list[_Item] = []
    simplify = _converter("t2s") if traditional else None
    name_may_follow = False  # a bare date line was just read: a name line may be its byline
    for raw in _unwrap(text.split("\n")):
        line = " ".join(raw.split()) if len(raw) < 1000 else raw.strip()
        if not line:
            continue
        probe = simplify(line) if simplify and len(line) <= _META_MAX else line
        had_date = meta.date is not None
        if _take_metadata(line, meta, probe):
            # "Natasha Bach" on the line above or below a bare date is the byline's name
            if meta.author is None and not had_date and meta.date is not None:
                if len(out) > 1 and _bare_name(out[-1].text):  # out[0] is more likely a title
                    meta.offer("author", out.pop().text)
                else:
                    name_may_follow = True
            continue
        if name_may_follow and meta.author is None and _bare_name(line):
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


_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}")


_HEADLINE_WORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "with", "to", "for", "at", "by", "from", "is", "are",
    "as", "its", "how", "why", "what", "new", "says", "after", "over", "into",
))


def _bare_name(line: str) -> bool:
    """A person's name alone on a line: 2–3 capitalised words (2–4 in capitals), or a
    Chinese name; title-case headlines give themselves away by words like "of", "with"."""
    if len(line) > 40 or _ends_sentence(line):
        return False
    if _HAN_NAME.fullmatch(line):
        return True
    words = line.split()
    if not (2 <= len(words) <= (4 if line.isupper() else 3)) or not _NAME.fullmatch(line):
        return False
    return all(w[0].isupper() and w.casefold() not in _HEADLINE_WORDS for w in words)


def _tiny(item: _Item) -> bool:
    if _ends_sentence(item.text):
        return False
    return (len(item.text) <= 6) if item.lang is Lang.ZH else len(item.text.split()) <= 2


_STOP = re.compile("[。！？!?]")


def _short_tail(item: _Item) -> bool:
    if _ends_sentence(item.text) or _STOP.search(item.text):
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
    if not _ends_sentence(line) and len(line) <= _STRONG[lang]:
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


def _trailing_source(text: str) -> tuple[str, str | None]:
    """Split "…。(财富中文网)" into the paragraph and the source name."""
    match = _TRAILING_SOURCE.search(text)
    if not match:
        return text, None
    value = match.group("v").strip()
    if _key(value) in _END_MARKS:
        return text[: match.start()].rstrip(), None
    if _NOT_SOURCE.search(value) or _ends_sentence(value):
        return text, None
    return text[: match.start()].rstrip(), value


def _traditional(text: str) -> bool:
    """True when the Chinese text is in traditional characters (a sample is converted)."""
    # The first 800 Han characters wherever they are (English may come first); converting
    # costs ~40 µs a character, so a sample it is.
    sample = "".join(m.group() for m in islice(_HAN.finditer(text), 800))
    if not sample:
        return False
    to_simplified = _converter("t2s")(sample)
    to_traditional = _converter("s2t")(sample)
    changed_t2s = sum(a != b for a, b in zip(sample, to_simplified, strict=False))
    changed_s2t = sum(a != b for a, b in zip(sample, to_traditional, strict=False))
    return changed_t2s > changed_s2t


@lru_cache(maxsize=2)
def _converter(config: str):  # noqa: ANN202 - opencc has no types
    import opencc  # imported on first use: only the script check needs it

    return opencc.OpenCC(config).convert


def _assemble(items: list[_Item], meta: _Meta, name: str, traditional: bool) -> Article:
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
        if not body[item.lang] and title is not None and _key(item.text) == _key(title):
            continue  # the title printed twice
        body[item.lang].append(item.text)
    for lang in Lang:
        if not body[lang] and lang in title_text:
            body[lang].append(title_text.pop(lang))  # a lone line is text, not a title
    if body[Lang.ZH]:
        body[Lang.ZH][-1], source = _trailing_source(body[Lang.ZH][-1])
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


def make_paragraph(text: str, lang: Lang | str) -> Paragraph:
    """A paragraph with its sentences split by the language's rules."""
    splitter = split_zh if Lang(lang) is Lang.ZH else split_en
    return Paragraph(text, splitter(text))


def parse_article(text: str, *, name: str = "the text") -> Article:
    """Split one raw bilingual (or one-language) article into an `Article`.

    Raises UserError when it holds no Chinese or English text at all.
    """
    meta = _Meta()
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
    meta = _Meta()
    zh_text, en_text = _sides(normalise(zh_text), normalise(en_text), *names)
    traditional = _traditional(zh_text)
    items = (_items(zh_text, meta, Lang.ZH, traditional)
             + _items(en_text, meta, Lang.EN, traditional))
    return _assemble(items, meta, name, traditional)


def import_file(path: str | Path) -> Article:
    """Read, decode and split an article file (.txt, .md or .html)."""
    return parse_article(read_text(path), name=str(path))


def import_pair(zh_path: str | Path, en_path: str | Path) -> Article:
    """Read a Chinese file and its English translation as one article."""
    return parse_pair(read_text(zh_path), read_text(en_path), name=f"{zh_path} + {en_path}",
                      names=(str(zh_path), str(en_path)))


def _side_to_dict(paragraphs: tuple[Paragraph, ...]) -> dict:
    return {"paragraphs": [{"text": p.text, "sentences": [s.text for s in p.sentences]}
                           for p in paragraphs]}


def article_to_dict(article: Article) -> dict:
    """The JSON shape of `duizhao import --json` (and what the library stores)."""
    return {
        "title": {"zh": article.title.zh, "en": article.title.en},
        "author": article.author,
        "date": article.date,
        "translator": article.translator,
        "source": article.source,
        "script": article.script,
        "zh": _side_to_dict(article.zh),
        "en": _side_to_dict(article.en),
    }


def _paragraph_from_dict(d: dict, lang: Lang) -> Paragraph:
    """Rebuild offsets by finding each stored sentence in order; re-split if they don't fit."""
    text = d["text"]
    sentences: list[Sentence] = []
    pos = 0
    for sentence in d.get("sentences", []):
        start = text.find(sentence, pos)
        if start < 0 or not sentence:
            return make_paragraph(text, lang)
        pos = start + len(sentence)
        sentences.append(Sentence(sentence, start, pos))
    return Paragraph(text, tuple(sentences))


def article_from_dict(d: dict) -> Article:
    """Inverse of `article_to_dict`."""
    title = d.get("title") or {}
    return Article(
        title=Title(zh=title.get("zh"), en=title.get("en")),
        zh=tuple(_paragraph_from_dict(p, Lang.ZH)
                 for p in (d.get("zh") or {}).get("paragraphs", [])),
        en=tuple(_paragraph_from_dict(p, Lang.EN)
                 for p in (d.get("en") or {}).get("paragraphs", [])),
        author=d.get("author"),
        date=d.get("date"),
        translator=d.get("translator"),
        source=d.get("source"),
        script=d.get("script") or "simplified",
    )
