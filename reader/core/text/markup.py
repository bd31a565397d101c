"""Inline markup of one source line: Markdown emphasis, code spans, links, HTML tags,
shortcodes and subtitle styling removed, and the line cut where a tag breaks it.

Pasted articles mix markups freely: a blog's Markdown keeps `**bold**` and `<u>`
underlines, a page copied as source keeps `<br/>` between a Chinese paragraph and its
English one. Block tags (`<br>`, `<p>`, `<div>`, `<li>`, headings) cut the line into
pieces, each reported with the column where it starts, so the language-run stage never
has to guess at a boundary a tag already marks. Backslash escapes are kept as written:
they are the text the learner pasted.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Tags that end a block of text: the line is cut there.
_BREAK_TAGS = frozenset((
    "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article",
    "header", "footer", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "dd", "dt", "dl", "figure", "figcaption", "center", "main", "aside", "nav", "caption",
))
# Inline tags: removed, their text kept.
_INLINE_TAGS = frozenset((
    "b", "strong", "i", "em", "u", "a", "span", "font", "sup", "sub", "small", "big", "mark",
    "ins", "del", "s", "strike", "code", "kbd", "abbr", "cite", "q", "tt", "img", "label",
    "ruby", "rt", "rp", "time", "var", "wbr",
))
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]{0,300}?/?>")
_COMMENT = re.compile(r"<!--.*?-->")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")

_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])"
    r"|(?<![A-Za-z0-9_])_(?=\S)([^_\n]+?)(?<=\S)_(?![A-Za-z0-9_])"
)
_SHORTCODE = re.compile(r"\{\{[<%].*?[%>]\}\}|\[/?(?:caption|embed|audio|video|gallery)\b[^\]]*\]")
_ASS = re.compile(r"\{\\[^{}]*\}")   # subtitle styling such as {\an8}


@dataclass(frozen=True, slots=True)
class Inline:
    """A piece of a line with its markup removed.

    `col` is where it starts in the source line; `heading` is the level of an HTML heading
    around it (0 if none); `strong` is True when all of it was bold.
    """

    text: str
    col: int
    heading: int = 0
    strong: bool = False


def _is_tag(match: re.Match[str]) -> bool:
    name = match.group(2).lower()
    return name in _BREAK_TAGS or name in _INLINE_TAGS


def strip_inline(text: str) -> tuple[str, bool]:
    """`text` without inline Markdown (emphasis, code spans, links, images) and shortcodes.

    Returns (text, strong): strong is True when the whole text was one bold span.
    """
    if "[" in text or "{" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
        text = _SHORTCODE.sub("", text)
        text = _ASS.sub("", text)
    stripped = text.strip()
    strong = (len(stripped) > 4 and stripped[:2] in ("**", "__") and stripped[-2:] == stripped[:2]
              and stripped[:2] not in stripped[2:-2])
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = text.replace("**", "")
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    if "`" in text:
        text = text.replace("`", "")
    return text, strong


def split_tags(line: str) -> list[Inline]:
    """The line cut at block tags, with tags, comments and inline markup removed.

    A line without `<`, `&`, `*`, `_`, `` ` ``, `[` or `{` is returned as it is, cheaply.
    """
    if not any(ch in line for ch in "<&*_`[{"):
        text = line.strip()
        return [Inline(text, len(line) - len(line.lstrip()))] if text else []
    pieces: list[Inline] = []
    heading = 0
    start = 0
    buf: list[str] = []
    pos = 0
    if "<" in line:
        line = _COMMENT.sub(lambda m: " " * len(m.group()), line)   # keep columns
        for match in _TAG.finditer(line):
            if not _is_tag(match):
                continue
            buf.append(line[pos:match.start()])
            pos = match.end()
            name = match.group(2).lower()
            if name in _BREAK_TAGS:
                _flush(pieces, "".join(buf), start, heading)
                buf = []
                start = pos
                if name[0] == "h" and name[1:].isdigit():
                    heading = int(name[1:]) if not match.group(1) else 0
    buf.append(line[pos:])
    _flush(pieces, "".join(buf), start, heading)
    return pieces


def _flush(pieces: list[Inline], text: str, col: int, heading: int) -> None:
    if _ENTITY.search(text):
        text = html.unescape(text)
    text, strong = strip_inline(text)
    lead = len(text) - len(text.lstrip())
    if text.strip():
        pieces.append(Inline(text.strip(), col + lead, heading, strong))
