"""The parsed-article cache: a hit only for the same file and parser, never an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.text import parsecache
from reader.core.text.importer import import_file

TEXT = ("阿里巴巴与开云和解\n\n两家公司之前积怨已久。\n\n"
        "Alibaba and Kering settle\n\nThe two companies had long been at odds.\n")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path / "home"))
    return tmp_path / "home"


def _file(tmp_path: Path, text: str = TEXT, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_saved_parse_comes_back_equal(tmp_path: Path) -> None:
    path = _file(tmp_path)
    assert parsecache.load(path) is None
    article = import_file(path)
    parsecache.save(path, article)
    assert parsecache.load(path) == article
    assert parsecache.load(str(path)) == article


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    path = _file(tmp_path)
    parsecache.save(path, import_file(path))
    path.write_text(TEXT.replace("积怨已久", "积怨很久"), encoding="utf-8")
    os.utime(path, ns=(1, 1))   # same size, another time: never trust the old parse
    assert parsecache.load(path) is None


def test_a_changed_parser_is_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path)
    parsecache.save(path, import_file(path))
    stamp = parsecache._parser_stamp()
    monkeypatch.setattr(parsecache, "_parser_stamp", lambda: (*stamp, "newer importer"))
    assert parsecache.load(path) is None


def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path: Path, home: Path) -> None:
    path = _file(tmp_path)
    parsecache.save(path, import_file(path))
    for entry in (home / "cache" / "parsed").glob("*.marshal"):
        entry.write_bytes(b"\x80\x05 not marshal data")
    assert parsecache.load(path) is None


def test_big_files_are_not_kept(tmp_path: Path, home: Path) -> None:
    path = _file(tmp_path, TEXT * (parsecache.MAX_FILE_BYTES // len(TEXT.encode()) + 1))
    parsecache.save(path, import_file(_file(tmp_path, name="small.txt")))
    assert parsecache.load(path) is None
    assert not list((home / "cache").glob("parsed/*.marshal"))


def test_only_the_most_recent_entries_are_kept(tmp_path: Path, home: Path) -> None:
    article = import_file(_file(tmp_path))
    files = [_file(tmp_path, name=f"f{i}.txt") for i in range(parsecache.MAX_ENTRIES + 3)]
    for i, path in enumerate(files):
        parsecache.save(path, article)
        entry = parsecache._entry(path.resolve())
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))   # strictly increasing ages
    assert len(list((home / "cache" / "parsed").glob("*.marshal"))) == parsecache.MAX_ENTRIES
    assert parsecache.load(files[-1]) == article
    assert parsecache.load(files[0]) is None


def test_every_field_of_the_article_survives(tmp_path: Path) -> None:
    from reader.core.models import Article, Title
    from reader.core.text.importer import make_paragraph

    article = Article(Title("标题", "Title"), (make_paragraph("第一句。第二句。", "zh"),),
                      (make_paragraph("One. Two.", "en"),), author="作者", date="2017-08-09",
                      translator="译者", source="财富中文网", script="traditional")
    path = _file(tmp_path)
    parsecache.save(path, article)
    assert parsecache.load(path) == article
