"""`duizhao bench reanchor`: its edit generator tracks every character; a quick run on the
sample (real articles absent) says so in a line and meets the targets."""

from __future__ import annotations

import argparse
import re

import pytest

from reader.bench import edits
from reader.bench import reanchor as bench
from tests.support import sample_path


@pytest.mark.parametrize("rate", [0.01, 0.05, 0.15])
def test_every_kept_character_remembers_where_it_came_from(rate):
    raw = sample_path().read_text(encoding="utf-8")
    for seed in range(5):
        edited = edits.edit(raw, rate, seed)
        assert len(edited.text) == len(edited.origin) and edited.text != raw
        pairs = zip(edited.text, edited.origin, strict=True)
        assert all(o is None or raw[o] == ch for ch, o in pairs)
        assert sum(edited.counts.values()) >= 1


def test_a_moved_paragraph_keeps_its_origins_in_a_new_place():
    raw = "\n\n".join(f"第{n}段的中文内容，写得足够长才行，编辑才会动它。" for n in range(6))
    moved = next(e for seed in range(50)
                 if (e := edits.edit(raw, 0.01, seed)).counts.get("move"))
    kept = [o for o in moved.origin if o is not None]
    assert sorted(kept) != kept       # something came from further down
    assert moved.text.count("\n") == raw.count("\n")


def test_quick_run_on_the_sample_alone(monkeypatch):
    monkeypatch.setattr(bench, "shared_dir", lambda: None)
    lines = [f.line() for f in bench.run(argparse.Namespace(quick=True))]
    assert lines[0].startswith("reanchor.01-chinadaily-xi-newyear-2024.txt_missing")
    shape = re.compile(r"^reanchor\.\S.*: [\d.]+( \S+)? \((info|[<>]=? [\d.]+)\) (ok|MISSED)$")
    assert all(shape.match(line) for line in lines), lines
    wrong = [line for line in lines if ".placed_wrong" in line or ".lost" in line]
    assert len(wrong) == 6 and all(line.endswith(" ok") for line in wrong), wrong
