"""Evidence from a unit's own shape: what a line is, read without its neighbours.

These rules recognise kinds of line that look alike on every site because they serve the
same purpose: a vocabulary entry is a short headword with a phonetic transcription or a
part of speech and a gloss; a label is a few words ending in a colon or standing in
brackets; a menu is short items between separators; a promotion tells the reader to
click, scan, subscribe or download. Nothing here names a site: `resources/boilerplate.txt`
stays one signal among the others, for whole lines of common chrome.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.core.paths import resource
from reader.core.text.han import HAN_CLASS
from reader.core.text.meta import META_MAX, Meta, ends_sentence, loose_key, take_metadata
from reader.core.text.rows import Role, Unit
from reader.core.text.runs import HAN, LATIN

# -- vocabulary ---------------------------------------------------------------------------
_IPA = re.compile(r"[\[/][^\[\]/\n]*[ˈˌəʃʒθðŋɪʊʌɔɑæɜːɛɡɒ][^\[\]/\n]*[\]/]")
_POS = re.compile(
    r"(?:^|[\s\]）)])(?:n|v|vt|vi|adj|adv|prep|conj|pron|num|art|int|interj|aux|a|abbr|phr|"
    r"pl|sing)\s*\.\s*(?=[" + HAN_CLASS + r"（(【\[&;；,，]|$)")
_GLOSS_SEP = re.compile(r"[；;]")
_HEAD_TERM = re.compile(r"^[A-Za-z][A-Za-z'’\-. ]{0,40}$")

# -- labels -----------------------------------------------------------------------------
# Words that name a part of a bilingual page rather than say anything: "参考译文", "TEXT:".
_LABEL_WORDS = (
    "参考译文|译文|原文|中文|英文|汉语|英语|翻译|正文|全文|双语|中英|对照|词汇|生词|单词|"
    "词组|短语|注释|注|背景|导读|导语|摘要|词汇表|难点|语法|"
    "text|translation|original|chinese|english|vocabulary|words|key words|glossary|notes?|"
    "summary|phrases|expressions|words and expressions"
)
_LABEL_LINE = re.compile(rf"^(?:{_LABEL_WORDS})(?:\s*[:：])?$", re.IGNORECASE)
_LABEL_PREFIX = re.compile(rf"^(?:(?i:{_LABEL_WORDS})\s*[:：]|[A-Z]{{2,12}}:(?=\S))\s*")
_VOCAB_HEADER = re.compile(
    r"(?:词汇|生词|单词|词组|短语|讲解|重点|难点|知识点|解析|注释|vocabulary|glossary|key words|"
    r"words and expressions|language points?|key points?)", re.IGNORECASE)
_BRACKETED = re.compile(r"^[【\[〔〖][^【】\[\]〔〕〖〗]{1,30}[】\]〕〗]$")
_NUMBERING = re.compile(
    r"^(?:第?[一二三四五六七八九十百\d]{1,4}[、.．)）章节部]?|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[①-⑳]|[IVX]{1,5}\.?|No\.\s*\d+)$")

# -- chrome and promotion -----------------------------------------------------------------
_MENU_SEP = re.compile(r"\s*(?:\||｜|>>|»|›|/|·|•)\s*")
_BREADCRUMB = re.compile(r"(?:>>|»|›|当前位置|您的位置|你的位置|you are here)", re.IGNORECASE)
_PLAYER = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")
_PROMO_CUES = re.compile(
    r"订阅|关注|扫码|扫描|二维码|下载|点击|单击|了解详情|报名|免费领取|欢迎收听|收听|公众号|"
    r"\b(?:sign up|subscribe|newsletter|download|follow us|click|tap here|app store|"
    r"google play|learn more|register now)\b", re.IGNORECASE)
_ARROWS = re.compile(r"[》>]{2,}|[《<]{2,}|→|⇒")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|版权所有|all rights reserved|未经授权|不得转载|转载请|"
                        r"禁止转载|copyright", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:——|—|--)|^(?:excerpt(?:ed)? from|adapted from|from the book|source:|via\s|"
    r"选自|节选自|摘自|摘编自|本文.{0,4}(?:选自|摘自|来自|原载|首发|发布|发表|刊登|刊载|编译自)"
    r"|原文(?:载于|来自|链接)|.{0,8}(?:选自|摘自|节选自|译自))",
    re.IGNORECASE)
_CAPTION = re.compile(
    r"^[（(\[【]?(?:图|图片|图为|照片|摄影|配图|视频|题图|photo|image|picture|illustration|"
    r"video|caption|credit)\s*(?:[:：/|]|来源|来自|由|by\b)", re.IGNORECASE)
# Commentary introduced by its label: "我的感想：…", "译者注：…", "Note: …".
_NOTE_PREFIX = re.compile(
    r"^[（(【\[]?(?:我的)?(?:感想|心得|体会|笔记|点评|评论|评注|注释?|按|编者按|编者注|译者注|译注|"
    r"备注|小结|思考|读后感|例句|例|例如|用法|搭配|note|notes|comment|my thoughts?|"
    r"editor'?s note|translator'?s note|e\.g\.?|eg|example|examples|usage)"
    r"\s*[:：]", re.IGNORECASE)
# A statement about the page's views or rights, not the article's text.
_DISCLAIMER = re.compile(
    r"^[（(【\[]?(?:免责声明|特别声明|声明|版权声明|disclaimer)\s*[:：]|仅代表作者|不代表本(?:网|站|平台|报|刊)|"
    r"仅供(?:学习|参考|交流)|the views expressed|does not necessarily reflect", re.IGNORECASE)
_TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_SOURCE_LABEL = re.compile(r"^(?:本文来源|文章来源|来源|出处|转载自|source)\s*[:：]", re.IGNORECASE)
_NOTHING = re.compile(r"(?!)")


@lru_cache(maxsize=1)
def boilerplate() -> tuple[frozenset[str], re.Pattern[str]]:
    """(whole-line keys, one pattern of the substrings) from resources/boilerplate.txt."""
    whole: set[str] = set()
    parts: list[str] = []
    path = resource("boilerplate.txt")
    if not path.is_file():  # a broken install: the other rules still catch most chrome
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


def is_boilerplate(line: str) -> bool:
    """A whole-line entry matches lines up to 60 characters, a substring up to 30."""
    if len(line) > 60:
        return False
    whole, parts = boilerplate()
    if loose_key(line) in whole:
        return True
    return len(line) <= 30 and parts.search(line.casefold()) is not None


# -- size ---------------------------------------------------------------------------------

def han_count(text: str) -> int:
    return len(HAN.findall(text))


def word_count(text: str) -> int:
    return len(text.split())


_TRAILING_NOTE = re.compile(r"\s*[（(][^（）()]{1,30}[）)]\s*$")


def is_prose(text: str, lang: str | None) -> bool:
    """Reads like running text: ends like a sentence (a bracketed source or credit after
    the last sentence aside), or is too long for a headline."""
    if ends_sentence(text) or ends_sentence(_TRAILING_NOTE.sub("", text)):
        return True
    if lang == "zh":
        return han_count(text) > 60 or ("。" in text[:-1] and han_count(text) > 20)
    return word_count(text) > 30 or (". " in text and word_count(text) > 12)


def is_short(text: str, lang: str | None) -> bool:
    """A few words: at most 8 Han characters or 4 English words."""
    return han_count(text) <= 8 if lang == "zh" else word_count(text) <= 4


# -- shapes -------------------------------------------------------------------------------

def vocab_entry(text: str) -> bool:
    """A glossary line: headword with a phonetic transcription, a part of speech, or a
    short gloss list ("cusp[kʌsp] 尖头；尖端", "module  n.单元", "stick up 突出；竖起")."""
    if len(text) > 120:
        return False
    if _IPA.search(text):
        return True
    han = HAN.search(text)
    if not han:
        return False
    head, gloss = text[:han.start()].strip(), text[han.start():]
    if not head or not LATIN.search(head) or word_count(head) > 6:
        return False
    if any(ch in gloss for ch in "。！？"):
        return False
    if _POS.search(" " + head):
        return True
    if not _HEAD_TERM.match(head.rstrip(":： ")):
        return False
    return (head[:1].islower() or bool(_GLOSS_SEP.search(gloss)) or "  " in text) \
        and han_count(gloss) <= 30


def label_line(text: str, unit: Unit) -> str | None:
    """Why the unit is a label (a heading of the page's own parts), or None."""
    bare = text.strip().strip("*#").strip()
    if not bare:
        return "no words"
    if _NUMBERING.match(bare):
        return "numbering"
    if _LABEL_LINE.match(bare.strip("【】[]〔〕 ")):
        return "names a part of the page"
    if _BRACKETED.match(bare):
        return "a bracketed label"
    short = is_short(bare, "zh" if HAN.search(bare) else "en")
    if bare[-1] in ":：" and short and bare[-2:-1] != "说":
        return "a few words ending in a colon"
    if unit.strong and short and not ends_sentence(bare):
        return "a bold heading"
    if unit.kind == "container":
        return "opens a box"
    return None


def label_prefix(text: str) -> int:
    """Length of a label in front of the text ("TEXT:", "参考译文:"), when text follows."""
    match = _LABEL_PREFIX.match(text)
    if match and len(text) - match.end() >= 20:
        return match.end()
    return 0


def menu_line(text: str) -> bool:
    """Navigation: three or more short items between separators, or bracketed buttons."""
    if len(re.findall(r"[\[【][^\[\]【】]{0,8}[\]】]", text)) >= 3:
        return True
    items = [x for x in _MENU_SEP.split(text) if x.strip()]
    seps = len(_MENU_SEP.findall(text))
    if seps >= 2 and len(items) >= 3 and all(han_count(x) <= 8 and word_count(x) <= 4
                                             for x in items[:-1]):
        return True
    spaced = [x for x in re.split(r"\s{2,}", text.strip()) if x]
    if len(spaced) >= 4 and all(len(x) <= 8 for x in spaced):
        return True
    # a toggle between versions of one page: "简体版 / 繁體版", "Print | Share"
    toggles = [x.strip() for x in re.split(r"\s+[/|｜]\s+", text.strip())]
    scripts = {bool(HAN.search(x)) for x in toggles}
    return len(toggles) >= 2 and len(scripts) == 1 and all(
        han_count(x) <= 8 and word_count(x) <= 3 for x in toggles)


def promo_line(text: str) -> bool:
    """Tells the reader to do something elsewhere: click, scan, subscribe, download.

    A cue word alone is not enough in running text ("下载量增长了"): it must open the line,
    come with a link, arrows or brackets, come twice in a short line, or be most of it.
    """
    if len(text) > 160:
        return False
    cues = _PROMO_CUES.findall(text)
    if not cues:
        return False
    head = text.lstrip("【[（( ")[:14].casefold()
    if head.startswith("欢迎") or any(head.startswith(c.casefold()) for c in cues):
        return len(text) <= 100 or not ends_sentence(text)
    if _URL.search(text) or _ARROWS.search(text) or "【" in text:
        return True
    if ends_sentence(text):
        return False            # a sentence about downloads, not an invitation
    return len({c.casefold() for c in cues}) >= 2 and len(text) <= 80 or len(text) <= 24


def meta_kind(text: str, probe: str | None = None) -> Role | None:
    """BYLINE, DATE, SOURCE or CREDIT when the line is one of textmeta's metadata lines."""
    if len(text) > META_MAX:
        return None
    scratch = Meta()
    if not take_metadata(text, scratch, probe):
        return None
    if scratch.translator:
        return Role.CREDIT
    if scratch.source:
        return Role.SOURCE
    if scratch.author:
        return Role.BYLINE
    if scratch.date:
        return Role.DATE
    return Role.CREDIT          # an editor's line


def shape_role(text: str, unit: Unit, lang: str | None,
               probe: str | None = None) -> tuple[Role, float, str] | None:
    """The role a unit's shape alone gives it (see the module doc), or None for text."""
    if unit.kind == "front":
        return Role.META, 0.95, "front matter"
    if unit.kind in ("rule", "cue"):
        return Role.MARKUP, 0.95, "markup without words"
    if lang in ("ja", "ko"):
        return Role.OTHER_LANGUAGE, 0.9, "written in another language"
    stripped = text.strip()
    if _PLAYER.match(stripped):
        return Role.CHROME, 0.9, "a player's time"
    if lang is None:
        if (role := meta_kind(stripped, probe)) is not None:
            return role, 0.85, "a metadata line"
        return Role.LABEL, 0.8, "no words"
    if unit.kind == "code":
        return (Role.VOCAB if vocab_entry(stripped) else Role.NOTE), 0.85, "inside a code block"
    if _COPYRIGHT.search(stripped) and len(stripped) <= 160:
        return Role.COPYRIGHT, 0.85, "a copyright notice"
    if _DISCLAIMER.search(stripped) and len(stripped) <= 200:
        return Role.COPYRIGHT, 0.75, "a disclaimer"
    if vocab_entry(stripped):
        return Role.VOCAB, 0.85, "a word with its phonetics, part of speech or gloss"
    if why := label_line(stripped, unit):
        return Role.LABEL, 0.8, why
    if _BREADCRUMB.search(stripped) and len(stripped) <= 200:
        return Role.CHROME, 0.85, "a breadcrumb"
    if _SOURCE_LABEL.match(stripped) and len(stripped) <= 200:
        return Role.SOURCE, 0.85, "names the source"
    if (role := meta_kind(stripped, probe)) is not None:
        return role, 0.85, "a metadata line"
    if menu_line(stripped):
        return Role.CHROME, 0.85, "a menu"
    if _CAPTION.match(stripped) and len(stripped) <= 160:
        return Role.CAPTION, 0.8, "a caption or picture credit"
    if _NOTE_PREFIX.match(stripped):
        return Role.NOTE, 0.75, "commentary under its label"
    if pinyin_line(stripped):
        return Role.NOTE, 0.8, "pinyin"
    if _CREDIT.match(stripped.lstrip("（([【")) and len(stripped) <= 200:
        return Role.CREDIT, 0.75, "an attribution"
    if promo_line(stripped):
        return Role.PROMO, 0.8, "tells the reader to click, scan or subscribe"
    if is_boilerplate(probe or stripped):
        return Role.CHROME, 0.8, "common site chrome (resources/boilerplate.txt)"
    if _URL.fullmatch(stripped):
        return Role.CHROME, 0.85, "a link"
    if unit.container:
        return Role.NOTE, 0.75, "inside a box"
    if unit.kind == "table" and not is_prose(stripped, lang):
        return Role.NOTE, 0.6, "a table cell that is no sentence"
    if _REMARK.match(stripped) and len(stripped) <= 100:
        return Role.NOTE, 0.6, "a remark in brackets"
    return None


_REMARK = re.compile(r"^(?:（[^（）]+）|\([^()]+\))$")


def pinyin_line(text: str) -> bool:
    """Romanised Chinese written out (most words carry tone marks): an aid to reading."""
    words = [w for w in re.split(r"[\s,.!?;:，。！？\"“”'’-]+", text) if w]
    if len(words) < 2 or HAN.search(text):
        return False
    marked = sum(1 for w in words if _TONE_MARKS.search(w))
    return marked >= 0.4 * len(words)


def vocab_header(text: str) -> bool:
    """A label that opens a vocabulary list ("重点词汇", "Vocabulary")."""
    return len(text) <= 20 and bool(_VOCAB_HEADER.search(text))
