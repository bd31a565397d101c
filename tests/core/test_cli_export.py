"""`duizhao export` on the sample article with the real dictionary: a handout a teacher
prints (a few pages, a short glossary), both PDF layouts, Anki with --include-known."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from reader.cli import main
from tests.core.test_store_support import sample_path

pytestmark = pytest.mark.slow


def _pages(pdf) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))


def test_hsk_above_4_handout_is_short_and_annotates_dictionary_words(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    out = tmp_path / "h.md"
    assert main(["--db", db, "export", str(sample_path()), "--pinyin", "hsk-above:4",
                 "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ")][2:]
    assert 20 <= len(rows) <= 70
    words = [r.split(" | ")[0][2:] for r in rows]
    assert len(words) == len(set(words))                       # each word once
    for bare in ("两家", "上周四", "一份", "马云", "阿里巴巴"):      # no entry, or a name
        assert f"{bare}(" not in text and bare not in words, bare
    assert "宣布(xuānbù)" in text
    named = tmp_path / "n.md"
    main(["--db", db, "export", str(sample_path()), "--pinyin", "hsk-above:4", "--names",
          "-o", str(named)])
    assert "马云(Mǎ Yún)" in named.read_text(encoding="utf-8")


@pytest.mark.parametrize("layout", ["interleaved", "side-by-side"])
def test_pdf_handout_fits_on_three_pages(tmp_path, qapp, layout):
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    out = tmp_path / "h.pdf"
    assert main(["--db", str(tmp_path / "lib.sqlite"), "export", str(sample_path()),
                 "--format", "pdf", "--pinyin", "hsk-above:4", "--layout", layout,
                 "-o", str(out)]) == 0
    assert 1 <= _pages(out) <= 3


def test_a_bad_layout_is_one_line_and_status_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(tmp_path / "lib.sqlite"), "export", str(sample_path()),
              "--layout", "columns"])
    assert exit_.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
