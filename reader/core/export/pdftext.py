"""Text copied or searched in a handout PDF gives the characters printed.

Why: CJK fonts draw a Kangxi radical (U+2F00–U+2FD5) or a radical-supplement form
(U+2E80–U+2EF3) and its unified ideograph with one glyph (⾥ and 里, ⻢ and 马). A PDF
maps glyphs back to text through one ToUnicode table per font, and Qt fills it from the
font's character map, where the radical comes first: a teacher copying 阿里巴巴 from the
handout pasted 阿⾥巴巴, and a search for 里 found nothing. `fix_radicals` rewrites every
such entry to the ideograph. The handout never prints a radical as a radical.

pikepdf (qpdf) reads and rewrites the PDF: its streams are compressed and its objects
indexed by byte offset, which no hand-written patch should have to redo.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping

RADICALS = range(0x2E80, 0x2FE0)

_SECTION = re.compile(rb"(begin(bfrange|bfchar))(.*?)(end\2)", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def equivalent(radical: str, font_equivalents: Mapping[str, str]) -> str | None:
    """The ideograph a radical stands for: the font's own (the same glyph), else NFKC."""
    found = font_equivalents.get(radical)
    if found:
        return found
    nfkc = unicodedata.normalize("NFKC", radical)
    return nfkc if len(nfkc) == 1 and nfkc != radical else None


def _retarget(hexcode: bytes, font_equivalents: Mapping[str, str]) -> bytes | None:
    if len(hexcode) != 4:
        return None
    cp = int(hexcode, 16)
    if cp not in RADICALS:
        return None
    to = equivalent(chr(cp), font_equivalents)
    if to is None or ord(to) > 0xFFFF:
        return None
    return f"{ord(to):04X}".encode()


def fix_cmap(cmap: bytes, font_equivalents: Mapping[str, str] | None = None
             ) -> tuple[bytes, int]:
    """A ToUnicode CMap with destinations that are radicals replaced; (cmap, changed)."""
    font_equivalents = font_equivalents or {}
    changed = 0

    def destinations(body: bytes, kind: bytes) -> bytes:
        nonlocal changed
        out = []
        for line in body.split(b"\n"):
            codes = list(_HEX.finditer(line))
            # bfchar: <src> <dst>; bfrange: <lo> <hi> <dst> or <lo> <hi> [<dst> ...].
            # Only destinations change, and a <lo> <hi> <dst> range only when it is one code.
            if kind == b"bfchar":
                targets = codes[1:2]
            elif b"[" in line:
                targets = codes[2:]
            elif len(codes) == 3 and codes[0].group(1) == codes[1].group(1):
                targets = codes[2:3]
            else:
                targets = []
            for m in reversed(targets):
                new = _retarget(m.group(1), font_equivalents)
                if new is not None:
                    line = line[:m.start(1)] + new + line[m.end(1):]
                    changed += 1
            out.append(line)
        return b"\n".join(out)

    def section(m: re.Match) -> bytes:
        return m.group(1) + destinations(m.group(3), m.group(2)) + m.group(4)

    return _SECTION.sub(section, cmap), changed


def fix_radicals(pdf: bytes, font_equivalents: Mapping[str, str] | None = None
                 ) -> tuple[bytes, int]:
    """The PDF with every font's ToUnicode entries that give a radical giving the ideograph
    instead; (pdf, entries changed). Unchanged bytes when nothing needed it."""
    import pikepdf

    changed = 0
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for obj in doc.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            stream = obj.get("/ToUnicode")
            if not isinstance(stream, pikepdf.Stream):
                continue
            fixed, n = fix_cmap(stream.read_bytes(), font_equivalents)
            if n:
                stream.write(fixed)
                changed += n
        if not changed:
            return pdf, 0
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue(), changed
