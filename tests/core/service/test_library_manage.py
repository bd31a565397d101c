"""Renaming and deleting articles (after a backup), deleting saved words undoably."""

from __future__ import annotations

import pytest

from reader.core.errors import UserError
from reader.core.service import Library
from reader.core.store.store import Store
from tests.support import FakeAnalyzer

TEXT = ("标题\n\n我们去银行还钱。他在银行工作。\n\n合作很重要。\n\n"
        "We went to the bank to repay. He works at a bank.\n\nCooperation matters.")


@pytest.fixture
def library(tmp_path):
    lib = Library(Store.open(tmp_path / "library.sqlite", backup=False), FakeAnalyzer())
    yield lib
    lib.close()


def test_rename_keeps_the_article_and_refuses_an_empty_title(library):
    aid = library.import_text(TEXT).id
    library.rename_article(aid, "  Banks   and loans ")
    assert [r["title"] for r in library.articles()] == ["Banks and loans"]
    with pytest.raises(UserError):
        library.rename_article(aid, "   ")
    with pytest.raises(UserError):
        library.rename_article(aid + 1, "x")


def test_delete_backs_up_first_and_keeps_saved_words(library, tmp_path):
    aid = library.import_text(TEXT).id
    library.add_note_by_quote(aid, "银行", "bank")
    library.save_word(aid, "银行")
    copy = library.delete_article(aid)
    assert library.articles() == [] and library.notes(aid) == []
    assert [(w.word, w.article_id) for w in library.words()] == [("银行", None)]
    assert copy.parent == tmp_path / "backups" and copy.is_file()
    with Library(Store.open(copy, backup=False), FakeAnalyzer()) as old:   # notes kept there
        assert [n.note for n in old.notes(aid)] == ["bank"]
    with pytest.raises(UserError):
        library.delete_article(aid)


def test_delete_refused_when_the_backup_cannot_be_written(library, tmp_path):
    aid = library.import_text(TEXT).id
    (tmp_path / "backups").write_text("a file where the folder should be")
    with pytest.raises(UserError):
        library.delete_article(aid)
    assert [r["id"] for r in library.articles()] == [aid]


def test_deleting_a_word_is_undoable(library):
    aid = library.import_text(TEXT).id
    library.save_word(aid, "银行", status="learning")
    library.delete_word("银行")
    assert library.words() == []
    assert library.undo() == "delete word 银行"
    assert [(w.word, w.status) for w in library.words()] == [("银行", "learning")]
    library.redo()
    assert library.words() == []
    with pytest.raises(UserError):
        library.delete_word("没有")
