"""The PDF handout (through Qt, offscreen): a real PDF with a Chinese font embedded."""

from __future__ import annotations

import re
import zlib

import pytest

pytest.importorskip("PySide6")

from reader.ui.export.pdf import PdfExporter, PdfOptions, printable_markdown  # noqa: E402
from tests.core.test_export import tiny_handout  # noqa: E402


def test_printable_markdown_turns_footnotes_into_superscripts():
    assert printable_markdown("银行[^12] x\n\n[^12]: note") == "银行¹² x\n\n¹² note"


def test_pdf_has_pages_and_embeds_a_chinese_font(tmp_path, qapp):
    # `qapp` (pytest-qt's QApplication) is the app the exporter finds; creating a bare
    # QGuiApplication here would break later widget tests in the same run.
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font installed (install fonts-noto-cjk)")
    out = PdfExporter().export(tiny_handout("a note"), PdfOptions(pinyin="saved"),
                               tmp_path / "handout.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    assert re.search(rb"/FontFile[23]?", data), "the font is embedded"
    assert re.search(rb"/BaseFont\s*/\S*(CJK|Hei|Song|Han)", data), "a CJK font"
    # The text is there: a ToUnicode map names the CJK code points used (银 = U+94F6).
    assert "银" in _code_points(data)


def test_pdf_prints_the_pinyin_option_asked_for(tmp_path, qapp):
    """The saved word's pinyin (yínháng: í U+00ED, á U+00E1) is printed with pinyin="saved"
    and absent with pinyin="none" (glossary and notes off: they would print it too)."""
    handout = tiny_handout("a note")
    bare = dict(glossary=False, notes=False)
    with_pinyin = _code_points(PdfExporter().export(
        handout, PdfOptions(pinyin="saved", **bare), tmp_path / "a.pdf").read_bytes())
    without = _code_points(PdfExporter().export(
        handout, PdfOptions(pinyin="none", **bare), tmp_path / "b.pdf").read_bytes())
    assert {"í", "á"} <= with_pinyin
    assert not {"í", "á"} & without
    assert "银" in with_pinyin and "银" in without


def _code_points(pdf: bytes) -> set[str]:
    """Characters the PDF's ToUnicode maps give its glyphs (`bfchar` pairs, `bfrange`
    ranges and arrays)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
    text = b"".join(_inflate(s) for s in streams)

    def char(hex_units: bytes) -> str:
        return bytes.fromhex(hex_units.decode()).decode("utf-16-be", "replace")

    found: set[str] = set()
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        found.update(char(dst) for _src, dst in re.findall(rb"<(\w+)>\s*<(\w+)>", block))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(rb"<(\w+)>\s*<(\w+)>\s*(\[[^\]]*\]|<\w+>)", block):
            if dst.startswith(b"["):
                found.update(char(d) for d in re.findall(rb"<(\w+)>", dst))
            else:
                first = int(dst.strip(b"<>"), 16)
                found.update(chr(first + k) for k in range(int(hi, 16) - int(lo, 16) + 1))
    return found


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return stream
