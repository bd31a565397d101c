"""`duizhao gloss`: JSON shape, text output, not-found and bad-input exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


@pytest.fixture(autouse=True)
def _warm(warm_cache: Path) -> None:
    """Start from the session's dictionary cache instead of building one per test."""


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["gloss", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "銀行", "长", "--json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert [item["word"] for item in data] == ["銀行", "长"]
    (bank,) = data[0]["entries"]
    assert bank == {
        "simplified": "银行", "traditional": "銀行", "pinyin": "yín háng",
        "pinyin_numbers": "yin2 hang2", "senses": ["bank"], "measure_words": ["家", "个"],
        "hsk2": 3, "hsk3": 3,
    }
    assert [e["pinyin"] for e in data[1]["entries"]][:2] == ["cháng", "zhǎng"]


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "银行")
    assert status == 0
    assert "银行 (銀行)  yín háng  (yin2 hang2)" in out
    assert "1. bank" in out
    assert "measure words: 家, 个" in out


def test_some_found_is_success(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "银行", "阿里巴巴宣布")
    assert status == 0 and err == ""
    assert "阿里巴巴宣布: not in the dictionary (contains: 阿里巴巴 宣布)" in out


def test_none_found_json_has_suggestions_and_status_2(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "阿里巴巴宣布", "--json")
    assert status == 2
    assert json.loads(out) == [
        {"word": "阿里巴巴宣布", "entries": [], "suggestions": ["阿里巴巴", "宣布"]}]
    assert err.count("\n") == 1 and "阿里巴巴宣布" in err


@pytest.mark.parametrize("word, message", [
    ("hello!", "'hello!' is neither Chinese nor pinyin"),   # "hello" is looked up by sound
    ("  ", "empty word"),
    ("123", "'123' is neither Chinese nor pinyin"),
])
def test_bad_arguments_exit_2_with_one_line(capsys: pytest.CaptureFixture[str],
                                            word: str, message: str) -> None:
    status, out, err = _run(capsys, "银行", word)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_uses_the_cache_under_duizhao_home(capsys: pytest.CaptureFixture[str],
                                           warm_cache: Path, duizhao_home: Path) -> None:
    assert warm_cache.is_relative_to(duizhao_home)
    before = sorted(p.name for p in warm_cache.iterdir())
    status, _, _ = _run(capsys, "银行")
    assert status == 0
    # It opened the copied cache: nothing was rebuilt or added beside it.
    assert sorted(p.name for p in warm_cache.iterdir()) == before
    assert any(name.startswith("cedict-") for name in before)


def test_translation_ranks_entries_and_marks_the_match(capsys: pytest.CaptureFixture[str],
                                                      ) -> None:
    en = "Every morning the girls walk to school."
    status, out, _ = _run(capsys, "走", "--sentence", "女孩们每天早上走路去学校。",
                          "--translation", en, "--json")
    assert status == 0
    first = json.loads(out)[0]["entries"][0]
    assert first["senses"][0] == "to walk"
    match = first["match"]
    assert match == {"sense": "to walk", "en": "walk", "start": 24, "end": 28}
    assert en[match["start"]:match["end"]] == "walk"


def test_reading_in_the_sentence_orders_entries(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "长", "--sentence", "孩子们长高了。", "--json")
    assert status == 0
    entries = json.loads(out)[0]["entries"]
    assert entries[0]["pinyin_numbers"] == "zhang3"
    assert all("match" not in e for e in entries)          # no translation: no match


def test_no_match_no_key(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "银行", "--translation", "It rained all day.", "--json")
    assert status == 0
    assert "match" not in json.loads(out)[0]["entries"][0]


def test_word_must_be_in_the_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = _run(capsys, "银行", "--sentence", "今天下雨。")
    assert status != 0 and "does not occur" in err


@pytest.mark.parametrize("sound", ["yinhang", "yin2hang2", "yin2 hang2", "yínháng",
                                   "YinHang"])
def test_a_word_is_found_by_its_pinyin(capsys: pytest.CaptureFixture[str], sound: str) -> None:
    status, out, err = _run(capsys, sound, "--json")
    assert status == 0 and err == ""
    [item] = json.loads(out)
    assert item["by_pinyin"] is True
    assert item["entries"][0]["simplified"] == "银行"


def test_tones_narrow_a_lookup_by_sound(capsys: pytest.CaptureFixture[str]) -> None:
    _status, out, _ = _run(capsys, "pengyou", "--json")
    assert json.loads(out)[0]["entries"][0]["simplified"] == "朋友"
    _status, out, _ = _run(capsys, "péngyou", "--json")           # neutral tone unmarked
    assert json.loads(out)[0]["entries"][0]["simplified"] == "朋友"
    status, out, _ = _run(capsys, "shi")
    assert status == 0 and out.startswith("shi: ") and "more (give the tones" in out
    _status, out, _ = _run(capsys, "yin4hang2", "--json")          # only 印航 reads so
    assert [e["simplified"] for e in json.loads(out)[0]["entries"]] == ["印航"]


def test_neither_chinese_nor_pinyin_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "hello!")
    assert status == 2 and out == "" and "neither Chinese nor pinyin" in err
    status, out, err = _run(capsys, "yinhang", "--sentence", "我去银行")
    assert status == 2 and len(err.strip().splitlines()) == 1
