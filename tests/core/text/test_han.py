"""The one Han definition: every block of ideographs, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.text.han import CJK_PUNCT, all_han, count_han, has_han, is_cjk_punct, is_han


@pytest.mark.parametrize("ch", ["中", "〇", "㐀", "\u9fff", "\uf900", "\U00020000", "𠮷",
                                "\U0002a6d6", "\U00030000"])
def test_ideographs_of_every_block_are_han(ch: str) -> None:
    assert is_han(ch)


@pytest.mark.parametrize("ch", ["a", "1", "，", "。", "あ", "カ", "한", "·", " ", "\u3006"])
def test_kana_hangul_latin_and_punctuation_are_not(ch: str) -> None:
    assert not is_han(ch)


def test_text_helpers() -> None:
    assert has_han("Beijing 北京") and not has_han("Beijing")
    assert all_han("二〇二四年") and not all_han("2024年") and not all_han("")
    assert count_han("我在 Beijing 工作。") == 4


def test_punctuation_set() -> None:
    assert all(is_cjk_punct(ch) for ch in "，。！？、《》「」【】（）：；")
    assert not is_cjk_punct(",") and not is_cjk_punct("中")
    assert not any(is_han(ch) for ch in CJK_PUNCT)


def test_no_other_module_defines_the_han_ranges() -> None:
    # The ranges live in reader/core/text/han.py; jieba's own test in segment.py mirrors
    # jieba's internals on purpose.
    root = Path(__file__).resolve().parents[3] / "reader"
    pattern = re.compile(r"\\u4e00|\\u3400|\\u9fff|0x4E00|0x3400")
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "han.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if pattern.search(line) and "jieba's own" not in line:
                offenders.append(f"{path.relative_to(root)}: {line.strip()}")
    assert offenders == []
