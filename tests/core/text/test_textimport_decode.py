"""Reading article files: encodings, normalisation, and every kind of bad input."""

from __future__ import annotations

import os
import random
import unicodedata
from pathlib import Path

import opencc
import pytest

from reader.core.errors import UserError
from reader.core.text.importer import (
    MAX_BYTES,
    decode_bytes,
    import_file,
    parse_article,
    read_text,
)

REPO = Path(__file__).resolve().parents[3]
SAMPLE = REPO / "articles" / "fortune-2017-08-09-alibaba-kering.txt"


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def traditional_text(sample_text: str) -> str:
    # Taiwan forms: every character exists in Big5 (plain s2t keeps 着, which does not).
    return opencc.OpenCC("s2tw").convert(sample_text)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "gb18030",
                                      "gbk"])
def test_sample_in_each_encoding(sample_text: str, encoding: str, tmp_path: Path) -> None:
    path = tmp_path / f"sample.{encoding}.txt"
    path.write_bytes(sample_text.encode(encoding))
    assert read_text(path) == sample_text
    assert import_file(path) == parse_article(sample_text)


def test_sample_in_big5(traditional_text: str, tmp_path: Path) -> None:
    path = tmp_path / "sample.big5.txt"
    path.write_bytes(traditional_text.encode("big5"))
    assert read_text(path) == traditional_text
    article = import_file(path)
    assert article.script == "traditional"
    assert article.translator == "嚴匡正" and article.source == "財富中文網"
    assert len(article.zh) == 7 and len(article.en) == 6


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("你好，世界。", "gbk"), ("阿里巴巴", "gbk"), ("电子商务", "gb18030"),
     ("北京大學", "big5"), ("開雲就協議發表了一份公開聲明", "big5"), ("我們", "big5")],
)
def test_short_legacy_texts(text: str, encoding: str) -> None:
    # charset-normalizer alone misreads texts this short
    assert decode_bytes(text.encode(encoding), "short.txt") == text


@pytest.mark.parametrize("text", ["Café crème, naïve façade. Über straße.",
                                  "He said “hello” — it’s café time."])
def test_western_legacy_encoding(text: str) -> None:
    assert decode_bytes(text.encode("cp1252"), "west.txt") == text


def test_normalisation() -> None:
    nfd = unicodedata.normalize("NFD", "café")
    raw = f"第一行\r\n第二\u200b行\r{nfd}\u3000end\n".encode()
    assert decode_bytes(raw, "x.txt") == "第一行\n第二行\ncafé end\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\r\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "ZIP archive"),
        (b"\x01\x00\xff\x13\x00\x9c" + bytes(range(256)) * 8, "binary"),
        (random.Random(7).randbytes(4096), "binary"),
        (b"\x80\x80\x80\x80" * 50, "could not decode"),
    ],
)
def test_bad_bytes(data: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message) as info:
        decode_bytes(data, "bad.txt")
    assert str(info.value).startswith("bad.txt: ")


def test_files_that_are_not_articles(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(UserError, match="is a directory"):
        read_text(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(UserError, match=r"empty\.txt: the file is empty"):
        import_file(tmp_path / "empty.txt")
    (tmp_path / "numbers.txt").write_text("123\n---\n2017\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"numbers\.txt: no Chinese or English text"):
        import_file(tmp_path / "numbers.txt")
    (tmp_path / "tags.html").write_text("<html><body><br><p></p></body></html>")
    with pytest.raises(UserError, match="has no text"):
        read_text(tmp_path / "tags.html")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("你好。", encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))  # chmod 0 won't stop root

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(UserError, match=r"secret\.txt: permission denied"):
        read_text(path)


def test_device_and_fifo_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a regular file"):
        read_text("/dev/zero")  # would never end
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(UserError, match="pipe: not a regular file"):
            read_text(tmp_path / "pipe")  # would block


def test_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.write("很长的文章。".encode() * 1000)
        f.truncate(50 * 1024 * 1024)  # sparse: instant to make
    with pytest.raises(UserError, match=r"huge\.txt: file is 50\.0 MB, more than the 20 MB limit"):
        read_text(path)
    with pytest.raises(UserError, match="more than the 20 MB limit"):
        decode_bytes(b"a" * (MAX_BYTES + 1), "big.txt")


def test_one_line_of_100k_characters(tmp_path: Path) -> None:
    line = "这是一个很长的段落，没有句号" * 7_143  # 100,002 characters, one paragraph
    path = tmp_path / "long.txt"
    path.write_text(f"标题在这里\n{line}\nAn English line.\n", encoding="gb18030")
    article = import_file(path)
    assert article.title.zh == "标题在这里"
    assert [p.text for p in article.zh] == [line]
    assert [p.text for p in article.en] == ["An English line."]


def test_html_declared_in_gbk(tmp_path: Path) -> None:
    page = ('<html><head><meta charset="gbk"></head><body><h1>标题</h1>'
            "<p>正文第一段。</p><p>Body text.</p></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    article = import_file(path)
    assert article.title.zh == "标题"
    assert [p.text for p in article.zh] == ["正文第一段。"]
    assert [p.text for p in article.en] == ["Body text."]


def test_utf8_with_a_stray_bad_byte_is_kept(sample_text: str) -> None:
    data = sample_text.encode("utf-8")
    cut = data[: data.rindex("富".encode()) + 2]  # the last character cut after two bytes
    assert decode_bytes(cut, "cut.txt") == sample_text[: sample_text.rindex("富")] + "\ufffd"
    damaged = data[:100] + b"\xff" + data[100:]
    text = decode_bytes(damaged, "damaged.txt")
    assert text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == sample_text


@pytest.mark.parametrize(
    "line",
    ["[" * 100_000, "[a](" * 25_000, "# a" + " " * 100_000 + "b", "**" + "a" * 100_000,
     "_a" * 50_000, "<" * 100_000],
    ids=["brackets", "open-links", "heading-spaces", "open-strong", "underscores", "angles"],
)
def test_markup_stripping_of_100k_character_lines(line: str, tmp_path: Path) -> None:
    # Each of these made a backtracking regex quadratic (minutes); now one linear pass.
    for suffix in (".md", ".html"):
        path = tmp_path / f"long{suffix}"
        path.write_text(line + "\n正文。", encoding="utf-8")
        text = read_text(path)
        assert text.rstrip().endswith("正文。")
        assert len(text) > 50_000


MIXED = "他们一家三口很幸福。😀 The family was happy 👍🏽.\n第二段：一二三。\nSecond line 🇨🇳 ok.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [MIXED, "一" * 40 + "\n", "Plain English only.\n",
                                  "😀👍🏽🇨🇳\n", MIXED * 500])
def test_utf16_without_bom_with_emoji_is_text(encoding: str, text: str) -> None:
    # Emoji are surrogate pairs; 一 (U+4E00) puts its NUL on the "wrong" side of LE.
    assert decode_bytes(text.encode(encoding), "x.txt") == text


@pytest.mark.parametrize("data", [
    b"\x00\x01" * 200,                              # 16-bit numbers
    bytes(range(256)) * 16,                          # every byte
    b"\x00\x00\x00\x01" * 100,                       # 32-bit numbers
    random.Random(3).randbytes(4096) + b"\x00\x00",
])
def test_binary_with_nuls_is_still_refused(data: bytes) -> None:
    with pytest.raises(UserError, match="binary"):
        decode_bytes(data, "x.bin")


def test_utf8_with_a_stray_nul_stays_utf8() -> None:
    text = "A plain English sentence, long enough to look like an article.\n" * 3
    assert decode_bytes((text + "\x00").encode(), "x.txt") == text


def test_zero_width_joiners_are_kept_junk_is_not() -> None:
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    persian = "می\u200cخواهم"          # "I want": ZWNJ keeps the two parts apart yet joined
    raw = f"家庭的故事\n\n他们一家三口{family}很幸福。\n\nThe family {family} wrote {persian}.\n"
    junk = raw.replace("幸福", "幸\u200b福").replace("family", "fam\u2060ily", 1)
    text = decode_bytes(("\ufeff" + junk).encode(), "x.txt")
    assert text == raw
    article = parse_article(text)
    assert article.en[0].text == f"The family {family} wrote {persian}."
    assert family in article.zh[0].text


def test_display_path_of_a_name_that_is_not_utf8() -> None:
    from reader.core.text.decode import display_path

    name = os.fsdecode(b"/tmp/\xff\xfe.txt")
    assert display_path(name) == "/tmp/\\xff\\xfe.txt"
    assert display_path(name).encode("utf-8")
    assert display_path("/tmp/银行.txt") == "/tmp/银行.txt"
    assert display_path("\ud800") == "\\ud800"
    long = display_path("/x/" + "a" * 1000 + ".txt", limit=41)
    assert len(long) == 41 and long.startswith("/x/aa") and long.endswith("a.txt")


def test_a_file_name_that_is_not_utf8_reads_and_errors_cleanly(tmp_path: Path) -> None:
    bad = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff.txt"))
    bad.write_text("你好。Hello.\n", encoding="utf-8")
    assert read_text(bad) == "你好。Hello.\n"
    with pytest.raises(UserError) as info:
        read_text(bad.with_name(bad.name + ".missing"))
    assert "\\xff.txt.missing: no such file" in str(info.value)
    str(info.value).encode("utf-8")
