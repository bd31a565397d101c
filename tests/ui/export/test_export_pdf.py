"""The PDF handout (through Qt, offscreen): a real PDF with a Chinese font embedded."""

from __future__ import annotations

import re
import zlib

import pytest

pytest.importorskip("PySide6")

from reader.ui.export.pdf import PdfExporter, PdfOptions
from tests.core.export.test_export import tiny_handout


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


# ------------------------------------------------------------------ the printed page

def _tiny(english: str = "We go to Ma’s bank.") -> object:
    from reader.core.export import Handout
    from reader.core.models import Article, Paragraph, Sentence, Title

    h = tiny_handout("a note")
    en = (Paragraph(english, (Sentence(english, 0, len(english)),)),)
    article = Article(Title("标题", "Title"), h.article.zh, en, source="财富中文网",
                      date="2017-08-09")
    return Handout(article, h.alignment, h.notes, h.words, h.zh_words)


def _words(pdf, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) of a page, from poppler's `pdftotext -bbox`."""
    import html
    import shutil
    import subprocess
    import unicodedata

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    # NFKC: poppler maps some CJK glyphs to Kangxi radicals (文 as ⽂)
    return [(unicodedata.normalize("NFKC", html.unescape(w)), float(a), float(b), float(c),
             float(d)) for a, b, c, d, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="([\d.]+)">([^<]*)</word>', out)]


def _has_cjk_font() -> bool:
    from PySide6.QtGui import QFontDatabase

    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


@pytest.mark.parametrize("layout", ["interleaved", "side-by-side"])
def test_pinyin_is_printed_above_its_word(tmp_path, qapp, layout):
    if not _has_cjk_font():
        pytest.skip("no Chinese font installed")
    out = PdfExporter().export(_tiny(), PdfOptions(pinyin="saved", arrangement=layout),
                               tmp_path / "h.pdf")
    words = _words(out)
    pinyin = next(w for w in words if w[0] == "yínháng")
    chinese = next(w for w in words if "银" in w[0])
    assert pinyin[4] < (chinese[2] + chinese[4]) / 2, "the pinyin line is above the word"
    assert chinese[1] - 1 <= (pinyin[1] + pinyin[3]) / 2 <= chinese[3] + 1


def test_layouts_put_english_beside_or_below(tmp_path, qapp):
    if not _has_cjk_font():
        pytest.skip("no Chinese font installed")
    found = {}
    for layout in ("interleaved", "side-by-side"):
        out = PdfExporter().export(_tiny(), PdfOptions(arrangement=layout), tmp_path / "h.pdf")
        words = _words(out)
        chinese = next(w for w in words if "银" in w[0])
        english = next(w for w in words if w[0] == "We")
        found[layout] = (chinese, english)
    chinese, english = found["interleaved"]
    assert english[2] > chinese[4] and abs(english[1] - chinese[1]) < 2
    chinese, english = found["side-by-side"]
    assert abs(english[2] - chinese[2]) < 12 and english[1] > chinese[3] + 20


def test_every_page_has_a_header_and_its_number_and_english_is_in_a_latin_font(tmp_path, qapp):
    if not _has_cjk_font():
        pytest.skip("no Chinese font installed")
    out = PdfExporter().export(_tiny(), PdfOptions(pinyin="saved"), tmp_path / "h.pdf")
    text = " ".join(w[0] for w in _words(out))
    assert "2017-08-09" in text and "财富中文网" in text and "1 / 1" in text
    assert "Ma’s" in text.split(), "the apostrophe sits in the word (a Latin font)"
    data = out.read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/(\S+)", data))
    assert any(not re.search(rb"CJK|Hei|Song|Han", f) for f in fonts), fonts


def test_a_bad_layout_is_a_user_error(tmp_path, qapp):
    from reader.core.errors import UserError

    with pytest.raises(UserError, match="side-by-side"):
        PdfExporter().export(_tiny(), PdfOptions(arrangement="columns"), tmp_path / "h.pdf")


def test_chinese_lines_never_end_on_an_opening_quote_nor_start_on_a_closing_one(qapp):
    from PySide6.QtGui import QPdfWriter

    from reader.core.export.plan import Run
    from reader.ui.export.pdfpages import Pages, _units

    if not _has_cjk_font():
        pytest.skip("no Chinese font installed")
    from reader.core.export.plan import Plan
    from reader.ui.reading.fonts import chinese_family

    writer = QPdfWriter("/dev/null")
    pages = Pages(Plan("t", "", [], []), writer, chinese_family(), 10.5, False, "t")
    text = "他们表示会“交换有用信息”,与执法机关合作。" * 6
    for width in range(200, 1200, 37):
        lines = pages._wrap(_units([Run(text)]), width)
        for line in lines:
            assert line[0][0].text not in "”,。", width
            assert line[-1][0].text != "“", width


def test_text_copied_from_the_pdf_is_the_ideographs_printed_not_radicals(tmp_path, qapp):
    """CJK fonts draw 里 and the Kangxi radical ⾥ (or 马 and the radical form ⻢) with one
    glyph, and Qt's ToUnicode map named the radical: a copy from the handout gave 阿⾥巴巴."""
    import shutil
    import subprocess

    from reader.core.export import Handout
    from reader.core.models import Article, Title

    if not _has_cjk_font() or shutil.which("pdftotext") is None:
        pytest.skip("needs a Chinese font and pdftotext (poppler-utils)")
    title = "阿里巴巴一家门口的马和母子长大了"
    h = tiny_handout("a note")
    handout = Handout(Article(Title(title, "Title"), h.article.zh, h.article.en),
                      h.alignment, h.notes, h.words, h.zh_words)
    pdf = PdfExporter().export(handout, PdfOptions(pinyin="none"), tmp_path / "h.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert title in text
    assert not [c for c in text if 0x2E80 <= ord(c) <= 0x2FDF]
