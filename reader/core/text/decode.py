"""Bytes to clean text: encoding detection, normalisation, and HTML/Markdown stripping.

Chinese files come in UTF-8, UTF-16, GB18030/GBK and Big5. UTF-8 is tried strictly
first (it almost never decodes non-UTF-8 bytes by accident), then byte-order marks, then
the legacy encodings; charset-normalizer guesses badly on short GBK/Big5 texts, so every
candidate decoding is scored by how much of it is plausible text (ASCII, punctuation,
common Han characters) and the most plausible one wins.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from reader.core.errors import UserError
from reader.core.text.han import is_han

MAX_BYTES = 20 * 1024 * 1024
_SAMPLE = 100_000  # bytes scored per candidate decoding

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx/.epub is one)",
    b"\x7fELF": "a program",
    b"\xd0\xcf\x11\xe0": "an old Office document",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAVE_HINT = "save it as plain text (UTF-8) and import that"


def display_path(path: str | os.PathLike[str], limit: int | None = 200) -> str:
    """A file name safe to print, store in SQLite or show in Qt, and not endless.

    Python keeps bytes of a name that are not UTF-8 as lone surrogates ("\\udcff"), which
    no UTF-8 writer accepts; they are shown as `\\xff` instead. Longer than `limit`
    characters, the middle is cut (the end names the file).
    """
    text = os.fspath(path)
    try:
        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:   # a surrogate that is not an escaped byte
        shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if limit is not None and len(shown) > limit:
        half = (limit - 1) // 2
        shown = shown[:half] + "…" + shown[-half:]
    return shown


def _size_error(name: str, size: int) -> UserError:
    return UserError(
        f"{name}: file is {size / 1024 / 1024:.1f} MB, more than the "
        f"{MAX_BYTES // 1024 // 1024} MB limit for an article",
        "split it into smaller files",
    )


@lru_cache(maxsize=1)
def _common_han() -> dict[str, float]:
    """Everyday Han characters with a weight: GB2312 level 1 and Big5 level 1 (the most
    frequent simplified and traditional characters) 1.0, GB2312 level 2 0.7."""
    weights: dict[str, float] = {}

    def add(lead_range: range, trails: list[int], encoding: str, weight: float) -> None:
        for lead in lead_range:
            for trail in trails:
                try:
                    ch = bytes((lead, trail)).decode(encoding)
                except UnicodeDecodeError:
                    continue
                if is_han(ch):
                    weights[ch] = max(weights.get(ch, 0.0), weight)

    add(range(0xD8, 0xF8), list(range(0xA1, 0xFF)), "gb2312", 0.7)
    add(range(0xB0, 0xD8), list(range(0xA1, 0xFF)), "gb2312", 1.0)
    add(range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)], "big5", 1.0)
    return weights


def _plausibility(text: str) -> float:
    """How much of `text` (0–1) is what ordinary Chinese/English prose is made of."""
    if not text:
        return 0.0
    common = _common_han()
    good = 0.0
    for ch in text:
        code = ord(ch)
        if (
            (code < 0x80 and (ch.isprintable() or ch in "\n\r\t"))
            or 0x3000 <= code <= 0x303F  # CJK punctuation
            or 0xFF01 <= code <= 0xFF5E  # full-width forms
            or 0x2010 <= code <= 0x206F  # general punctuation (quotes, dashes)
            or ch in "·—…\u00a0"
        ):
            good += 1.0
        else:
            good += common.get(ch, 0.0)
    # Accented Latin letters count when they stand alone among ASCII (café, naïve): GBK
    # misread as Windows-1252 gives runs of them instead (ÖÐÎÄ).
    good += len(_LONE_ACCENTED.findall(text))
    return good / len(text)


_LONE_ACCENTED = re.compile(r"(?<![\x80-\u024f])[\xc0-\xff\u0100-\u017f](?![\x80-\u024f])")


def _text_like(text: str) -> bool:
    """No more than a trace (1 %) of what text never holds: control characters other than
    line ends and tabs, unassigned or private-use code points. Misread binary is full of them."""
    bad = sum(1 for ch in text
              if unicodedata.category(ch) in _NOT_TEXT and ch not in "\t\n\r\x0c")
    return bad <= len(text) // 100


_NOT_TEXT = frozenset(("Cc", "Cn", "Co", "Cs"))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, if `data` decodes strictly to text-like text.

    Its tell is the NUL byte: every ASCII character (spaces, line ends, digits, English) has
    a NUL high byte, at odd offsets in little-endian, even ones in big-endian; a character
    U+xx00 (一 is U+4E00) puts one on the other side. Both byte orders are tried, the more
    plausible reading winning (ties go to the side with more NULs). Emoji are surrogate pairs,
    which decode strictly; a lone surrogate does not, nor do most misreadings of binary.
    """
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    le_first = sample[1::2].count(0) >= sample[0::2].count(0)
    best: tuple[float, bool, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        head = text[:_SAMPLE]
        if not _text_like(head):
            continue
        candidate = (_plausibility(head), (encoding == "utf-16-le") == le_first, text)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return None if best is None else best[2]


def _detected(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best.encoding if best else None


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a text file's bytes; raise UserError naming `name` if it is not text.

    Returns the text NFC-normalised with `\\n` line ends (see `normalise`).
    """
    if len(data) > MAX_BYTES:
        raise _size_error(name, len(data))
    if not data.strip():
        raise UserError(f"{name}: the file is empty", "choose a file with the article's text")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise UserError(f"{name}: this is {kind}, not a text file", _SAVE_HINT)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise UserError(
                    f"{name}: starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()} (byte {exc.start})", _SAVE_HINT) from exc
    sample = data[:_SAMPLE]
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8 = None
    if b"\x00" in sample:
        # NULs: UTF-16 without a BOM (whose ASCII-only texts are valid UTF-8 too, NULs and
        # all), UTF-8 with a stray NUL, or binary. The more plausible reading wins.
        utf16 = _bomless_utf16(data)
        if utf16 is not None and (utf8 is None or _plausibility(utf16[:_SAMPLE])
                                  > _plausibility(utf8[:_SAMPLE])):
            return normalise(utf16)
        if utf8 is None or not _text_like(utf8[:_SAMPLE]):
            raise UserError(f"{name}: binary data, not a text file", _SAVE_HINT)
    if utf8 is not None:
        return normalise(utf8)
    candidates = ["gb18030", "big5", "cp1252"]
    guessed = _detected(sample[:20_000])
    if guessed and guessed not in candidates:
        candidates.append(guessed)
    best: tuple[float, str] | None = None
    for encoding in candidates:
        try:
            # A cut multibyte character at the sample's end is not the file's fault.
            text = sample.decode(encoding, errors="strict" if len(data) <= _SAMPLE else "ignore")
        except (UnicodeDecodeError, LookupError):
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, encoding)
    # UTF-8 with a stray bad byte or two (a file cut mid-character): keep it, marking the
    # bad bytes with U+FFFD, rather than refuse the whole article or misread it.
    damaged = data.decode("utf-8", errors="replace")
    if damaged.count("\ufffd") <= max(3, len(damaged) // 10_000) and (
            best is None or _plausibility(damaged[:_SAMPLE]) >= best[0]):
        return normalise(damaged)
    if best is None or best[0] < 0.8:
        raise UserError(
            f"{name}: could not decode the text (not UTF-8, UTF-16, GB18030 or Big5)",
            _SAVE_HINT)
    try:
        return normalise(data.decode(best[1]))
    except UnicodeDecodeError as exc:
        raise UserError(f"{name}: looks like {best[1]} but byte {exc.start} is invalid",
                        _SAVE_HINT) from exc


# Invisible junk and control characters go; odd spaces become plain ones. One regex pass
# that only does work where such a character occurs (a 1 MB text has few). The junk is what
# web pages and editors leave without meaning: zero-width space, word joiner, a BOM in
# mid-text; they split words for search and the dictionary. ZWNJ/ZWJ (U+200C/U+200D) stay:
# they spell Persian and Indic words and join emoji sequences (👨‍👩‍👧).
_ODD = re.compile("[\u200b\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
                  "\t\u00a0\u2002\u2003\u2009\u3000]")
_ODD_SPACES = frozenset("\t\u00a0\u2002\u2003\u2009\u3000")


def _odd(match: re.Match[str]) -> str:
    return " " if match.group() in _ODD_SPACES else ""


def normalise(text: str) -> str:
    """NFC, `\\n` line ends, no invisible junk or control characters, plain spaces.

    The ideographic space becomes a plain space as well: it is indentation in Chinese
    paragraphs, and lines are stripped later anyway.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x0c", "\n")
    text = _ODD.sub(_odd, text)
    return unicodedata.normalize("NFC", text)


# ---------------------------------------------------------------- markup


_BLOCK_TAGS = frozenset((
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
    "table", "section", "article", "header", "footer", "blockquote", "pre", "hr", "figure",
    "figcaption", "dd", "dt", "dl", "main", "aside", "nav", "title",
))
_SKIP_TAGS = frozenset((
    "script", "style", "noscript", "template", "head", "svg", "iframe",
))


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, with block elements on their own lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._pre = 0  # inside <pre> line breaks are the text's own

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            self._pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data if self._pre else data.replace("\n", " "))


def strip_html(text: str) -> str:
    """Visible text of an HTML document, one block element per line."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return normalise("".join(parser.parts))


_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,9}[.)]\s+)+")
# Inner classes exclude both brackets: each attempt stops at the next one (linear time).
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(
    r"(?<!\*)(\*)(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)"
    r"|(?<![A-Za-z0-9_])(_)(?=\S)([^_\n]+?)(?<=\S)_(?![A-Za-z0-9_])"  # not snake_case
)
_MD_CODE = re.compile(r"`([^`\n]*)`")


def _heading_without_closing_hashes(line: str) -> str:
    """`## Title ##` → `## Title` (string methods: a regex here backtracks on long spaces)."""
    body = line.rstrip()
    trimmed = body.rstrip("#")
    if trimmed != body and trimmed[-1:].isspace():
        return trimmed.rstrip()
    return line


def strip_markdown(text: str) -> str:
    """Drop the Markdown markup that is trivially removable, keeping the words."""
    lines = []
    for line in text.split("\n"):
        if _MD_FENCE.match(line) or _MD_RULE.match(line):
            lines.append("")
            continue
        if line.lstrip().startswith("#"):
            line = _heading_without_closing_hashes(line)
        line = _MD_PREFIX.sub("", line)
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_STRONG.sub(r"\2", line)
        line = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(4), line)
        line = _MD_CODE.sub(r"\1", line)
        lines.append(line)
    return "\n".join(lines)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def read_text(path: str | Path) -> str:
    """A file's text, decoded and normalised, with HTML or Markdown markup removed.

    Raises UserError for a missing, unreadable, oversized, empty or binary file.
    """
    path = Path(path)
    name = display_path(path)
    try:
        if path.is_dir():
            raise UserError(f"{name}: is a directory, not a file", "give the article's file")
        size = path.stat().st_size
        if not path.is_file():  # a FIFO or device would block or never end
            raise UserError(f"{name}: not a regular file", "give the article's file")
        if size > MAX_BYTES:
            raise _size_error(name, size)
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # a file growing as we read stays bounded
    except FileNotFoundError as exc:
        raise UserError(f"{name}: no such file", "check the path") from exc
    except PermissionError as exc:
        raise UserError(f"{name}: permission denied", "check the file's permissions") from exc
    except OSError as exc:
        raise UserError(f"{name}: cannot read the file ({exc.strerror or exc})") from exc
    text = decode_bytes(data, name)
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"} or (suffix != ".md" and looks_like_html(text)):
        text = strip_html(text)
    elif suffix in {".md", ".markdown"}:
        text = strip_markdown(text)
    if not text.strip():
        raise UserError(f"{name}: the file has no text", "choose a file with the article's text")
    return text
