"""Metadata of a parsed article, read from the rows the roles stage set aside.

Titles come from the TITLE rows; failing those, from front matter (`title:`), an
"original title" credit ("英文原题为 …", "Original title: …"), or the last item of a
breadcrumb. Dates, bylines, translators and sources come from their rows, front matter,
credits about the article itself ("本文2024年10月16日发布于X"), a reporter's sign-off ending
the English text ("Jane Doe, Reuters.") and a source in brackets after the last Chinese
sentence ("(财富中文网)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.text.meta import META_MAX, Meta, bare_name, find_date, take_metadata
from reader.core.text.rows import Piece, Role, Unit
from reader.core.text.runs import HAN
from reader.core.text.script import to_simplified
from reader.core.text.titles import clean_title

_FRONT = re.compile(r"^([\w-]+)\s*[:=]\s*(.*)$")
_FRONT_FIELDS = {"date": "date", "author": "author", "authors": "author", "by": "author",
                 "translator": "translator", "source": "source"}
_ORIGINAL_TITLE = re.compile(
    r"(?:英文原题|英文标题|英文题目|中文原题|原题|原标题|原文标题|original title|original headline)"
    r"(?:为|是)?\s*[:：]?\s*(?P<v>.+)$", re.IGNORECASE)
_PUBLISHED_AT = re.compile(r"(?:发布|发表|刊登|首发|刊载)(?:于|在)(?P<v>[^,，。;；\s]{2,20})")
_ABOUT_ITSELF = re.compile(r"本文|this (?:article|story)", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"(?:^|(?<=[.!?\"”]\s))(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s*"
    r"(?P<org>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\.?\s*$")
_INNER_SOURCE = re.compile(r"(?:来源|出处|source)\s*[:：]\s*(?P<v>[^\s|｜,，;；]{2,30})",
                           re.IGNORECASE)
_SOURCE_VALUE = re.compile(r"^[^:：]{1,6}[:：]\s*(?P<v>.+)$")
_SITE_SEP = re.compile(r"\s+[-–—|]\s+|_")
_CRUMB = re.compile(r"\s*(?:>>|»|›|>)\s*")


@dataclass(slots=True)
class Found:
    """Metadata gathered from the rows: the article's fields plus its titles."""

    meta: Meta
    title_zh: str | None = None
    title_en: str | None = None


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value.strip()


def collect(units: list[Unit], pieces: list[Piece], traditional: bool) -> Found:
    """Metadata and titles from the pieces' roles (module doc)."""
    meta = Meta()
    found = Found(meta)
    fallback: dict[str, str] = {}
    for u in units:                         # front matter first: it is the page's own record
        if u.kind != "front" or not (match := _FRONT.match(u.text)):
            continue
        key, value = match.group(1).casefold(), _unquote(match.group(2))
        if key == "title" and value:
            fallback.setdefault("zh" if HAN.search(value) else "en", value)
        elif key in _FRONT_FIELDS and value:
            meta.offer(_FRONT_FIELDS[key], find_date(value) or value if key == "date"
                       else value)
    for p in pieces:
        text = p.text.strip()
        probe = to_simplified(text) if traditional and len(text) <= 400 else text
        if p.role in (Role.BYLINE, Role.DATE, Role.SOURCE, Role.CREDIT):
            if len(text) <= META_MAX and take_metadata(text, meta, probe):
                pass
            elif p.role is Role.SOURCE and (match := _SOURCE_VALUE.match(text)):
                meta.offer("source", _site(match.group("v")))
            elif p.role is Role.BYLINE and bare_name(text):
                meta.offer("author", text)
            elif p.role is Role.DATE:
                meta.offer("date", find_date(probe))
            if p.role in (Role.DATE, Role.BYLINE) and (match := _INNER_SOURCE.search(text)):
                meta.offer("source", match.group("v"))     # "2023年5月6日 来源：晨报"
        if p.role is Role.CREDIT:
            _credit(units[p.unit].text, probe, meta, fallback)
        elif p.role is Role.CHROME and _CRUMB.search(text) and (">>" in text or "»" in text):
            crumb = _CRUMB.split(text)[-1]
            crumb = re.split(r"[:：]", crumb)[-1].strip()
            if crumb:
                fallback.setdefault("crumb_" + ("zh" if HAN.search(crumb) else "en"), crumb)
    titles = {"zh": [], "en": []}
    for p in pieces:
        if p.role is Role.TITLE and p.lang in titles:
            titles[p.lang].append(p.text)
    zh = clean_title("".join(titles["zh"])) or fallback.get("zh") or fallback.get("crumb_zh")
    en = clean_title(" ".join(titles["en"])) or fallback.get("en") or fallback.get("crumb_en")
    found.title_zh, found.title_en = zh or None, en or None
    return found


def _credit(text: str, probe: str, meta: Meta, fallback: dict[str, str]) -> None:
    """A credit line about the article: where and when it was published, its original title."""
    if match := _ORIGINAL_TITLE.search(text):
        value = match.group("v").strip().strip("《》\"“”")
        fallback.setdefault("zh" if HAN.search(value) else "en", value)
    if _ABOUT_ITSELF.search(probe):
        meta.offer("date", find_date(probe))
        if (match := _PUBLISHED_AT.search(probe)) and not match.group("v")[:1].isdigit():
            at = match.start("v")
            meta.offer("source", text[at:match.end("v")])


def _site(value: str) -> str:
    """The site of a source given as a linked page title ("Page title - Site.com")."""
    parts = _SITE_SEP.split(value.strip())
    return parts[-1].strip() if len(parts) > 1 and len(parts[-1]) <= 30 else value.strip()


def sign_off(en_last: str) -> str | None:
    """The reporter of a sign-off closing the English text ("… Jane Doe, Reuters.")."""
    tail = en_last[-80:]
    match = _SIGN_OFF.search(tail)
    if not match:
        return None
    name = match.group("name")
    return name if bare_name(name) else None
