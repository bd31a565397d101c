"""`duizhao pinyin`: text output, styles, --json, --sandhi, --lines, usage errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.language import pinyin
from reader.core.language.polyphone.resolver import Lexicon, Resolver
from reader.core.language.segment import Segmenter


@pytest.fixture(scope="module")
def shared_service(segmenter: Segmenter, core_cache_dir: Path) -> pinyin.PinyinService:
    return pinyin.PinyinService(segmenter, Resolver(Lexicon.load(core_cache_dir)))


@pytest.fixture(autouse=True)
def _service(shared_service: pinyin.PinyinService, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's process-wide service, built once for the module."""
    monkeypatch.setattr(pinyin, "_service", shared_service)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["pinyin", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_text_words_joined_and_spaced(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "我去银行还钱") == (0, "wǒ qù yínháng huán qián\n", "")


def test_punctuation_and_latin_pass_through(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "他说：“你好！”OK")
    assert status == 0
    assert out == "tā shuō：“nǐhǎo！” OK\n"


@pytest.mark.parametrize(("style", "want"), [
    ("numbers", "wo3 qu4 yin2hang2\n"), ("zhuyin", "ㄨㄛˇ ㄑㄩˋ ㄧㄣˊㄏㄤˊ\n")])
def test_styles(capsys: pytest.CaptureFixture[str], style: str, want: str) -> None:
    assert _run(capsys, "我去银行", "--style", style) == (0, want, "")


def test_sandhi_is_display_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "一个不对")[1] == "yīgè bù duì\n"
    assert _run(capsys, "一个不对", "--sandhi")[1] == "yígè bú duì\n"


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "觉得好。", "--json", "--style", "numbers")
    data = json.loads(out)
    assert status == 0
    assert [(d["text"], d["start"], d["end"], d["pinyin"]) for d in data] == [
        ("觉得", 0, 2, ["jue2", "de5"]), ("好", 2, 3, ["hao3"]), ("。", 3, 4, [None])]
    assert all(len(d["confidence"]) == len(d["pinyin"]) for d in data)
    assert all(0 <= c <= 1 for d in data for c in d["confidence"])


def test_lines(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("我去银行还钱\n女人 OK\n\n绿\n"))
    status, out, err = _run(capsys, "--lines")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == '["wo3","qu4","yin2","hang2","huan2","qian2"]'
    assert [json.loads(x) for x in lines[1:]] == [
        ["nv3", "ren2", None, None, None], [], ["lv4"]]


def test_lines_style_and_neutral(capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("朋友\n"))
    assert json.loads(_run(capsys, "--lines", "--style", "marks")[1]) == ["péng", "you"]
    monkeypatch.setattr("sys.stdin", io.StringIO("朋友\n"))
    assert json.loads(_run(capsys, "--lines", "--neutral", "particles")[1]) == ["peng2", "you3"]


@pytest.mark.parametrize(("argv", "message"), [
    ((), "no text given"),
    (("   ",), "empty"),
    (("好", "--style", "ipa"), "--style"),
    (("好", "--neutral", "loud"), "--neutral"),
    (("好", "--lines"), "not both"),
])
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                      message: str) -> None:
    status, out, err = _run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("duizhao: ")


def test_lines_from_bytes_with_bom_and_bad_bytes(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    good = io.TextIOWrapper(io.BytesIO("\ufeff行\r\n".encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", good)
    assert _run(capsys, "--lines") == (0, '["xing2"]\n', "")
    bad = io.TextIOWrapper(io.BytesIO(b"\xe8\xa1\x8c\n\xff\xfe\n"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", bad)
    status, out, err = _run(capsys, "--lines")
    assert status == 2 and out == ""
    assert err == "duizhao: standard input line 2 is not UTF-8 text (byte 1)\n"
