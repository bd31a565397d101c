"""The PDF handout (through Qt, offscreen): a real PDF with a Chinese font embedded."""

from __future__ import annotations

import re
import zlib

import pytest

pytest.importorskip("PySide6")

from reader.core.export.markdown import MarkdownOptions  # noqa: E402
from reader.ui.pdfexport import PdfExporter, PdfOptions, printable_markdown  # noqa: E402
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
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    text = b"".join(_inflate(s) for s in streams)
    assert b"94F6" in text.upper() or "银".encode("utf-16-be").hex().upper().encode() in text
    assert isinstance(MarkdownOptions(), MarkdownOptions)


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return stream
