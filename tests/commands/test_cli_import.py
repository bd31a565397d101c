"""`duizhao import`: JSON shape, human summary, and one-line errors (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "articles" / "fortune-2017-08-09-alibaba-kering.txt"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DUIZHAO_HOME", str(tmp_path / "home"))
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_of_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", str(SAMPLE), "--json")
    assert code == 0 and err == ""
    d = json.loads(out)
    assert d["title"] == {"zh": "阿里巴巴解决与开云的法律纠纷,距统治全球更近一步", "en": None}
    assert (d["author"], d["date"], d["translator"], d["source"], d["script"]) == (
        "Natasha Bach", "2017-08-09", "严匡正", "财富中文网", "simplified")
    assert len(d["zh"]["paragraphs"]) == 7 and len(d["en"]["paragraphs"]) == 6
    first = d["zh"]["paragraphs"][0]
    assert first == {"text": "马云统治全球电子商务市场的目标,正变得越来越近。",
                     "sentences": ["马云统治全球电子商务市场的目标,正变得越来越近。"],
                     "role": "body", "lines": [7, 7], "confidence": first["confidence"]}
    assert d["layout"] == "zh-then-en" and d["messages"] == [] and 0 < d["confidence"] <= 1
    assert d["en"]["paragraphs"][1]["sentences"][0] == "The two companies had long been at odds."


def test_summary_of_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", str(SAMPLE))
    assert code == 0
    lines = out.splitlines()
    assert "title (zh): 阿里巴巴解决与开云的法律纠纷,距统治全球更近一步" in lines
    assert "title (en): -" in lines and "translator: 严匡正" in lines
    assert "zh: 7 paragraphs, 14 sentences" in lines
    assert "en: 6 paragraphs, 12 sentences" in lines


def test_pair_of_files(capsys: pytest.CaptureFixture[str], home: Path) -> None:
    (home / "zh.txt").write_text("公司解决纠纷\n第一段。\n第二段。第二句。\n", encoding="utf-8")
    (home / "en.txt").write_bytes("Company Settles\nOne.\nTwo. Three.\n".encode("utf-16"))
    code, out, _ = run(capsys, "import", "--zh", str(home / "zh.txt"),
                       "--en", str(home / "en.txt"), "--json")
    assert code == 0
    d = json.loads(out)
    assert d["title"] == {"zh": "公司解决纠纷", "en": "Company Settles"}
    zh_sentences = [p["sentences"] for p in d["zh"]["paragraphs"]]
    assert zh_sentences == [["第一段。"], ["第二段。", "第二句。"]]
    assert [p["sentences"] for p in d["en"]["paragraphs"]] == [["One."], ["Two.", "Three."]]
    assert d["author"] is None and d["source"] is None


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import"], "no article given"),
        (["import", "{sample}", "--zh", "{sample}", "--en", "{sample}"], "not both"),
        (["import", "--zh", "{sample}"], "--zh and --en go together"),
        (["import", "{home}/missing.txt"], "missing.txt: no such file"),
        (["import", "{home}"], "is a directory"),
        (["import", "{home}/empty.txt"], "empty.txt: the file is empty"),
        (["import", "{home}/image.png", "--json"], "image.png: this is a PNG image"),
    ],
)
def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], home: Path,
                             argv: list[str], message: str) -> None:
    (home / "empty.txt").write_bytes(b"")
    (home / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    argv = [a.format(sample=SAMPLE, home=home) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("duizhao: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_python_m_reader_import_json(home: Path) -> None:
    env = {"DUIZHAO_HOME": str(home / "home"), "PATH": "/usr/bin:/bin",
           "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "import", str(SAMPLE), "--json"],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    d = json.loads(result.stdout)
    assert d["source"] == "财富中文网" and len(d["zh"]["paragraphs"]) == 7


PAGE = ("<html><head><script>var tracker = 1;</script></head><body><p>我们去银行还钱。</p>"
        "<p>We went to the bank to repay the money.</p></body></html>")


@pytest.mark.parametrize("data", [PAGE.encode("utf-8"), PAGE.encode("gb18030")])
def test_an_article_piped_to_import_dash(home: Path, data: bytes) -> None:
    env = {"DUIZHAO_HOME": str(home / "home"), "PATH": "/usr/bin:/bin",
           "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "reader", "import", "-", "--json"],
                            input=data, capture_output=True, env=env, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    d = json.loads(result.stdout.decode("utf-8"))
    assert [p["text"] for p in d["zh"]["paragraphs"]] == ["我们去银行还钱。"]
    assert "tracker" not in result.stdout.decode("utf-8") and d["library_id"] >= 1


def test_empty_standard_input_is_one_line(home: Path) -> None:
    env = {"DUIZHAO_HOME": str(home / "home"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "reader", "import", "-"], input=b"",
                            capture_output=True, env=env, cwd=REPO, timeout=120)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and err.count("\n") == 1 and "standard input" in err
