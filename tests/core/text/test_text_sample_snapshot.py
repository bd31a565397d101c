"""The shipped sample imports and aligns exactly as before the staged importer: its split,
metadata and beads equal the snapshot `duizhao bench import` also checks."""

from __future__ import annotations

from reader.bench.importer import (
    SAMPLE_PARAGRAPH_BEADS,
    SAMPLE_SENTENCE_BEADS,
    sample_matches,
    sample_path,
)
from reader.core.text.pipeline import parse


def test_the_sample_matches_its_snapshot() -> None:
    ok, what = sample_matches()
    assert ok, what
    assert len(SAMPLE_PARAGRAPH_BEADS) == 7 and len(SAMPLE_SENTENCE_BEADS) == 13


def test_the_sample_rows_explain_every_line() -> None:
    result = parse(sample_path().read_text(encoding="utf-8"))
    junk = [(row.lines[0], row.role.value) for row in result.rows if row.role.value != "body"]
    assert junk == [(1, "chrome"), (2, "chrome"), (4, "title"), (6, "byline"), (21, "credit"),
                    (35, "chrome"), (36, "chrome"), (37, "promo")]
    assert result.layout.kind == "zh-then-en" and result.messages == ()
    assert [p.lines for p in result.article.zh][:2] == [(7, 7), (9, 9)]
