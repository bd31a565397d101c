"""Metadata of a raw article: bylines, dates, translator and source lines.

The rules read one short line at a time (a byline is short) and fill a `Meta`; a line
they recognise is metadata and leaves the text. They are written in simplified
characters: the importer shows them a simplified copy of a traditional line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.text.han import HAN_CLASS

META_MAX = 80  # metadata lines are short
_CLOSERS = "”’」』）)》\"' "
_FINAL = "。！？!?.…；;"


def ends_sentence(line: str) -> bool:
    """True when the line ends like a sentence (closing quotes aside)."""
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL


_NOT_WORD = re.compile(r"[\W_]+")


def loose_key(line: str) -> str:
    """A line compared loosely: case, spaces and punctuation ignored."""
    return _NOT_WORD.sub("", line.casefold())


@dataclass
class Meta:
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
# A one-character label (文) needs its separator: "文章很好" is no byline.
_AUTHOR_LABEL = re.compile(
    r"^(?:(?:by|author|作者|撰文|记者|特约撰稿人)\s*[:：/|｜]?|文\s*[:：/|｜])\s*", re.IGNORECASE)
# Words that label a date, not a person: "时间:2024.4.20" has no author.
_DATE_LABEL = re.compile(
    r"^(?:时间|日期|发布时间|发表时间|发布日期|发表日期|更新时间|更新日期|发布于|发表于|更新于|"
    r"date|published(?: on)?|posted(?: on)?|updated(?: on)?)\s*[:：]?\s*$", re.IGNORECASE)
def _han(pattern: str) -> str:
    """`pattern` with `{_H}` standing for the Han characters (reader.core.text.han)."""
    return pattern.replace("{_H}", HAN_CLASS)


# "记者 张三 报道", "张三 李四报道": a Chinese reporter's line.
_REPORTED = re.compile(
    _han(r"^(?:(?:本报|本台|本刊)?(?:特约)?(?:记者|通讯员)\s*)?(?P<v>[{_H}·]{2,8}"
    r"(?:\s*[、\s]\s*[{_H}·]{2,8}){0,3})\s*(?:报道|报导)$"))
_NAME = re.compile(
    _han(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|and|de|van|von|der|da|di|&))*"
    r"(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)*"
    r"|[{_H}·•]{2,10}(?:\s*[、,，和]\s*[{_H}·•]{2,10})*")
)
_TRANSLATOR = re.compile(
    r"^(?:(?:译者|翻译|编译|译)\s*[:：/|]\s*|(?:译者|翻译|编译)\s+"
    r"|(?:translators?|translated by|translation)\s*[:：]?\s+)(?P<v>[^。！？!?]{1,40})$",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^(?:本文来源|文章来源|来源|出处|source)\s*[:：]\s*(?P<v>[^。！？!?]{1,60})$", re.IGNORECASE)
# "英国《金融时报》 安娜·贝格", "《城市周刊》专栏作家 王五": a publication, then the writer.
_PUBLICATION_BYLINE = re.compile(
    _han(r"^[{_H}]{0,4}《[^《》]{1,16}》(?:\s*(?:记者|专栏作家|撰稿人|特约撰稿人|作者|评论员)\s*"
    r"(?P<v>[{_H}·•・]{2,12})"
    r"|\s+(?P<w>[{_H}]{1,6}[·•・][{_H}]{1,8}"
    r"|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}))$"))
_ORGANISATION = re.compile(
    r"(?:网|报|社|台|刊|站|新闻|日报|晚报|时报|周刊|杂志|频道|中心|集团|公司|出版社|电视台)$"
    r"|\b(?:News|Times|Post|Daily|Weekly|Magazine|Press|Agency|Network|Media)$")
_SOURCE_TAIL = re.compile(r"[\s【\[(（|｜]+$")
_EDITOR = re.compile(r"^(?:责任编辑|责编|编辑|校对|审校|editor|edited by)\s*[:：]", re.IGNORECASE)
_TRAILING_SOURCE = re.compile(
    r"(?<=[。！？!?”」』…])\s*[（(](?P<v>[^()（）\n]{1,20})[）)]\s*$")
_NOT_SOURCE = re.compile(r"^(?:图|照片|摄影|注|记者|编者|本报)|提供")
_END_MARKS = frozenset({"完", "全文完", "end", "the end"})


def find_date(text: str) -> str | None:
    """The first full date written in `text` (YYYY-MM-DD when it is a real date), or None.

    Forms: 2017-08-09, 2017/8/9, 2024.4.20, 2009年12月10日, Aug 9, 2017, 9 August 2017.
    """
    match = _DATE.search(text)
    return _iso_date(match) if match else None


def date_label(text: str) -> bool:
    """True for a date's label alone: 时间, 日期, Published on …"""
    return bool(_DATE_LABEL.match(text.strip(" :：")))


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
    if len(line) > META_MAX:
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
    if not rest or (date and not label and _DATE_LABEL.match(rest)):
        return (None, date) if date else None
    if _NAME.fullmatch(rest):
        return rest, date
    return None


def take_metadata(line: str, meta: Meta, probe: str | None = None) -> bool:
    """Record `line` in `meta` and return True when it is a metadata line.

    `probe` is the line as the rules read it (a simplified copy of a traditional line, the
    same length); values are taken from `line` itself, as written.
    """
    if len(line) > META_MAX:
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
        value = match.group("v")
        if date := _DATE.search(value):    # "来源:纽约时报    2020-03-20 11:17"
            meta.offer("date", _iso_date(date))
            value = _TIME.sub(" ", value[:date.start()] + " " + value[date.end():])
        value = _SOURCE_TAIL.sub("", value.strip())
        meta.offer("source", as_written(value) if value else None)
        return True
    if _EDITOR.match(bare):
        return True
    if match := _REPORTED.match(bare):
        meta.offer("author", as_written(match.group("v").strip()))
        return True
    if match := _PUBLICATION_BYLINE.match(bare):
        meta.offer("author", as_written((match.group("v") or match.group("w")).strip()))
        return True
    if byline := _byline(probe):
        who = as_written(byline[0])
        # "中国日报网 2023-11-05": a publisher beside the date is the source, not an author
        meta.offer("source" if who and _ORGANISATION.search(who) else "author", who)
        meta.offer("date", byline[1])
        return True
    return False


_HAN_NAME = re.compile(_han(r"[{_H}]{2,4}|[{_H}]{1,6}[·•][{_H}]{1,8}"))


_HEADLINE_WORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "with", "to", "for", "at", "by", "from", "is", "are",
    "as", "its", "how", "why", "what", "new", "says", "after", "over", "into",
))


def bare_name(line: str) -> bool:
    """A person's name alone on a line: 2–3 capitalised words (2–4 in capitals), or a
    Chinese name; title-case headlines give themselves away by words like "of", "with"."""
    if len(line) > 40 or ends_sentence(line):
        return False
    if _HAN_NAME.fullmatch(line):
        return True
    words = line.split()
    if not (2 <= len(words) <= (4 if line.isupper() else 3)) or not _NAME.fullmatch(line):
        return False
    return all(w[0].isupper() and w.casefold() not in _HEADLINE_WORDS for w in words)


def trailing_source(text: str) -> tuple[str, str | None]:
    """Split "…。(财富中文网)" into the paragraph and the source name."""
    match = _TRAILING_SOURCE.search(text)
    if not match:
        return text, None
    value = match.group("v").strip()
    if loose_key(value) in _END_MARKS:
        return text[: match.start()].rstrip(), None
    if _NOT_SOURCE.search(value) or ends_sentence(value):
        return text, None
    return text[: match.start()].rstrip(), value
