"""ToUnicode entries naming a radical give the ideograph the handout printed."""

from __future__ import annotations

import io

import pytest

from reader.core.export.pdftext import equivalent, fix_cmap, fix_radicals

CMAP = b"""/CIDInit /ProcSet findresource begin
begincmap
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfrange
<0001> <0004> [<2F65> <94F6> <2EE2> <2F00>]
<0005> <0005> <2FA5>
<0006> <0008> <2F00>
endbfrange
2 beginbfchar
<2F65> <2F65>
<0009> <D840DC00>
endbfchar
endcmap
"""


def test_destinations_that_are_radicals_become_ideographs() -> None:
    fixed, changed = fix_cmap(CMAP, {"\u2ee2": "马"})
    assert changed == 5
    text = fixed.decode()
    assert "[<7530> <94F6> <9A6C> <4E00>]" in text      # ⽥ 田, 银 kept, ⻢ 马 (font), ⼀ 一
    assert "<0005> <0005> <91CC>" in text                # ⾥ → 里: a range of one code
    assert "<0006> <0008> <2F00>" in text                # a wider range is left as it is
    assert "<2F65> <7530>" in text                       # bfchar: the source is not a target
    assert "<0009> <D840DC00>" in text                   # beyond the BMP: untouched
    assert "<0000> <FFFF>" in text                       # the code space is no mapping


def test_the_font_s_equivalent_wins_over_nfkc_and_unknown_radicals_stay() -> None:
    assert equivalent("\u2f00", {}) == "一"
    assert equivalent("\u2ee2", {}) is None               # no compatibility mapping
    assert equivalent("\u2ee2", {"\u2ee2": "马"}) == "马"
    assert fix_cmap(CMAP.replace(b"<2EE2>", b"<4E00>"), {})[1] == 4


def _pdf_with_tounicode(cmap: bytes) -> bytes:
    pikepdf = pytest.importorskip("pikepdf")
    doc = pikepdf.new()
    font = doc.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/Test"),
        ToUnicode=doc.make_stream(cmap)))
    page = pikepdf.Page(doc.add_blank_page())
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_pdf_s_fonts_are_fixed_and_a_clean_pdf_is_left_byte_for_byte() -> None:
    pikepdf = pytest.importorskip("pikepdf")
    data = _pdf_with_tounicode(CMAP)
    fixed, changed = fix_radicals(data, {"\u2ee2": "马"})
    assert changed == 5
    with pikepdf.open(io.BytesIO(fixed)) as doc:
        stream = doc.pages[0].Resources.Font.F1.ToUnicode.read_bytes()
    assert stream == fix_cmap(CMAP, {"\u2ee2": "马"})[0]
    clean = _pdf_with_tounicode(CMAP.replace(b"2F", b"4E").replace(b"2EE2", b"4E00"))
    assert fix_radicals(clean) == (clean, 0)
