"""`duizhao export` on the sample article with the real dictionary: a handout a teacher
prints (a few pages, a short glossary), both PDF layouts, Anki with --include-known."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from reader.cli import main
from tests.support import sample_path

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


def test_anki_export_has_traditional_and_cloze_and_known_words_only_when_asked(tmp_path,
                                                                              capsys):
    db = ["--db", str(tmp_path / "lib.sqlite")]
    sample = str(sample_path())
    assert main([*db, "words", "add", sample, "品牌"]) == 0
    assert main([*db, "words", "add", sample, "合作", "--status", "known"]) == 0
    out, every = tmp_path / "w.txt", tmp_path / "all.txt"
    assert main([*db, "export", sample, "--format", "anki", "-o", str(out)]) == 0
    assert main([*db, "export", sample, "--format", "anki", "--include-known",
                 "-o", str(every)]) == 0
    rows = [r.split("\t") for r in out.read_text(encoding="utf-8").splitlines()
            if not r.startswith("#")]
    assert [r[0] for r in rows] == ["品牌"]
    assert rows[0][1] == "pǐnpái" and rows[0][5] == "品牌"
    assert "{{c1::品牌}}" in rows[0][6] and "<b>品牌</b>" in rows[0][3]
    known = [r.split("\t")[0] for r in every.read_text(encoding="utf-8").splitlines()
             if not r.startswith("#")]
    assert sorted(known) == ["合作", "品牌"]
