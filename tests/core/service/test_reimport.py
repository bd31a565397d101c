"""Re-importing an edited file: the stored article is updated, its notes and words follow."""

from __future__ import annotations

import pytest

from reader.core.errors import UserError
from reader.core.notes.anchors import side_text
from reader.core.service import Library
from reader.core.store.store import Store
from tests.support import FakeAnalyzer

TEXT = ("标题\n\n我们去银行还钱。他在银行工作。\n\n合作很重要。\n\n"
        "We went to the bank to repay. He works at a bank.\n\nCooperation matters.")
EDITED = TEXT.replace("合作很重要。", "天气很好。").replace("我们去", "昨天我们去")


@pytest.fixture
def library(tmp_path):
    lib = Library(Store.open(tmp_path / "library.sqlite", backup=False), FakeAnalyzer())
    yield lib
    lib.close()


def test_the_article_remembers_its_resolved_path_and_is_found_by_it(library, tmp_path,
                                                                   monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    ref = library.import_file("a.txt")
    assert library.store.get_article(ref.id)["source_path"] == str(tmp_path / "a.txt")
    assert library.article_for_path(tmp_path / "a.txt") == ref.id
    assert library.changed_file("a.txt") is None          # unchanged: nothing to offer
    (tmp_path / "a.txt").write_text(EDITED, encoding="utf-8")
    assert library.changed_file(tmp_path / "a.txt") == ref.id


def test_update_file_moves_notes_orphans_the_gone_and_renews_word_sentences(
        library, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    ref = library.import_file(path)
    kept = library.add_note_by_quote(ref.id, "他在银行工作", "kept")
    gone = library.add_note_by_quote(ref.id, "合作很重要", "gone")
    library.save_word(ref.id, "银行")
    path.write_text(EDITED, encoding="utf-8")
    report = library.update_file(path)
    assert (report.article_id, report.placed, report.moved) == (ref.id, 1, 1)
    assert [n.id for n in report.orphaned] == [gone.id]
    assert report.to_dict()["orphans"] == [
        {"id": gone.id, "lang": "zh", "quote": "合作很重要", "note": "gone"}]
    text = side_text(library.article(ref.id), "zh")
    note = library.store.get_annotation(kept.id)
    assert text[note.anchor.start:note.anchor.end] == "他在银行工作"
    assert library.store.get_word("银行").sentence_zh == "昨天我们去银行还钱。"
    assert report.words == 1
    assert library.import_file(path).id == ref.id     # opening it again: the same article


def test_new_text_equal_to_another_article_is_a_clear_error(library, tmp_path):
    first = library.import_text(TEXT)
    other = library.import_text(EDITED)
    library.add_note_by_quote(first.id, "银行", "mine")
    with pytest.raises(UserError, match=f"already in the library as article {other.id}"):
        library.update_article(first.id, EDITED)
    assert side_text(library.article(first.id), "zh") in TEXT    # untouched
    assert len(library.notes(first.id)) == 1


def test_update_file_without_a_stored_article_says_so(library, tmp_path):
    path = tmp_path / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(UserError, match="no article in the library was imported from"):
        library.update_file(path)


def test_update_keeps_the_import_decisions(library, monkeypatch):
    ref = library.import_text(TEXT)
    seen = []
    monkeypatch.setattr(library, "import_decisions", lambda article_id: ("decision",))

    class Reviewed:
        def __init__(self, article):
            self.article = article

    def review(text, decisions):
        seen.append(decisions)
        return Reviewed(library.analyzer.parse(text))

    monkeypatch.setattr(library.analyzer, "review", review)
    library.update_text(ref.id, EDITED)
    assert seen == [("decision",)]
