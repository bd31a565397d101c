"""The library keeps the user's import decisions and re-parses without losing notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.service import Library
from reader.core.text.decisions import Decision
from reader.core.text.rows import Role

TEXT = "\n".join([
    "山谷", "The Valley",
    "雨后的山谷格外安静。", "The valley is very quiet after the rain.",
    "溪水沿着石头流下来。", "The stream runs down over the stones.",
    "图注：山谷里的小溪",
])


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DUIZHAO_HOME", str(tmp_path / "home"))
    with Library.open(tmp_path / "library.sqlite") as lib:
        yield lib


def test_review_rows_and_a_decision_kept_across_reparses(library: Library) -> None:
    ref = library.import_text(TEXT)
    note = library.add_note(ref.id, "zh", 0, 2, "rain")
    review = library.import_review(ref.id)
    caption = next(r for r in review.rows if r.text == "图注：山谷里的小溪")
    assert caption.role is not Role.BODY
    decision = Decision(caption.key, "role", role="body", lang="zh")
    assert library.decide_import(ref.id, [decision]) == []
    assert [p.text for p in library.article(ref.id).zh][-1] == "图注：山谷里的小溪"
    assert library.import_decisions(ref.id) == (decision,)
    library.reparse(ref.id)                       # a newer importer: decisions applied again
    assert [p.text for p in library.article(ref.id).zh][-1] == "图注：山谷里的小溪"
    assert [(n.id, n.orphaned) for n in library.notes(ref.id)] == [(note.id, False)]
    assert library.store.get_article(ref.id)["raw_text"] == TEXT   # raw text and hash kept
    assert library.import_text(TEXT).id == ref.id


def test_an_article_from_two_files_has_no_raw_text_to_review(library: Library) -> None:
    from reader.core.text.importer import parse_pair

    ref = library.import_article(parse_pair("雨后的山谷格外安静。", "The valley is quiet."))
    assert library.import_review(ref.id) is None and library.reparse(ref.id) == []


def test_an_article_parsed_by_an_older_importer_is_parsed_again(library: Library) -> None:
    ref = library.import_text(TEXT)
    note = library.add_note(ref.id, "zh", 0, 2, "rain")
    before = library.alignment(ref.id)
    stale = library.store.get_article(ref.id)["parsed"]
    stale["importer"] = 0                                  # as an older importer left it
    stale["zh"]["paragraphs"] = stale["zh"]["paragraphs"][:1]
    library.store.update_article(ref.id, content_hash=library.store.get_article(ref.id)[
        "content_hash"], title="old", raw_text=TEXT, parsed=stale)
    library.store.set_alignment(ref.id, result={"paragraphs": [], "sentences": []})
    fresh = Library.open(library.store.path)
    try:
        again = fresh.import_text(TEXT)
        assert again.id == ref.id and not again.created
        assert len(again.article.zh) == 2
        assert fresh.store.get_article(ref.id)["parsed"]["importer"] >= 2
        assert fresh.alignment(ref.id).paragraphs == before.paragraphs
        assert [(n.id, n.orphaned) for n in fresh.notes(ref.id)] == [(note.id, False)]
        assert fresh.import_text(TEXT).article == again.article     # now up to date
    finally:
        fresh.close()


def test_two_files_keep_their_identity_across_importer_versions(library: Library) -> None:
    from reader.core.text.importer import parse_pair
    from reader.core.text.stored import article_identity

    article = parse_pair("雨后的山谷格外安静。", "The valley is quiet.")
    assert set(article_identity(article)) == {"title", "author", "date", "translator",
                                              "source", "script", "zh", "en"}
    first = library.import_article(article)
    assert library.import_article(parse_pair("雨后的山谷格外安静。", "The valley is quiet.")).id \
        == first.id
