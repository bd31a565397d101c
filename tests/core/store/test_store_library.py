"""The library service: undo/redo, cross-language notes, orphans, words, the user's fixes."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core.errors import UserError
from reader.core.models import Alignment, Bead
from reader.core.notes.anchors import side_text
from reader.core.service import Library, alignment_from_stored, alignment_to_stored, toneless
from reader.core.store.store import Store, sqlite_user_error
from tests.support import FakeAnalyzer

TEXT = ("标题\n\n我们去银行还钱。他在银行工作。\n\n合作很重要。\n\n"
        "We went to the bank to repay. He works at a bank.\n\nCooperation matters.")


@pytest.fixture
def library(tmp_path):
    lib = Library(Store.open(tmp_path / "library.sqlite", backup=False), FakeAnalyzer())
    yield lib
    lib.close()


@pytest.fixture
def article_id(library):
    return library.import_text(TEXT).id


def test_import_is_found_again_by_content_hash(library, article_id):
    again = library.import_text(TEXT)
    assert (again.id, again.created) == (article_id, False)
    assert library.import_text(TEXT + "\n\nMore.").id != article_id


def test_undo_redo_add_edit_delete(library, article_id):
    note = library.add_note_by_quote(article_id, "银行", "first", occurrence=2)
    library.edit_note(note.id, note="second", tags=["t"])
    library.delete_note(note.id)
    assert library.notes(article_id) == []
    assert library.undo() == f"delete note {note.id}"
    assert [n.note for n in library.notes(article_id)] == ["second"]
    assert library.undo() == f"edit note {note.id}"
    assert library.notes(article_id)[0].note == "first"
    assert library.undo() == f"add note {note.id}"
    assert library.notes(article_id) == [] and not library.can_undo()
    assert library.undo() is None
    library.redo()
    library.redo()
    assert [(n.id, n.note, n.tags) for n in library.notes(article_id)] == [
        (note.id, "second", ("t",))]
    library.add_note_by_quote(article_id, "合作", "new branch")
    assert not library.can_redo()


def test_note_carries_the_aligned_sentence_both_ways(library, article_id):
    zh = library.add_note_by_quote(article_id, "工作", "work")
    en = library.add_note_by_quote(article_id, "repay", "还钱")
    assert library.aligned_text(zh) == "He works at a bank."
    assert library.aligned_text(en) == "我们去银行还钱。"


def test_bad_ranges_and_quotes_are_user_errors(library, article_id):
    with pytest.raises(UserError, match="not in the article's zh text"):
        library.add_note(article_id, "zh", 5, 500, "x")
    with pytest.raises(UserError, match="so there is no occurrence 3"):
        library.add_note_by_quote(article_id, "银行", occurrence=3)
    with pytest.raises(UserError, match="unknown language"):
        library.add_note_by_quote(article_id, "银行", lang="fr")
    with pytest.raises(UserError, match="unknown colour"):
        library.add_note_by_quote(article_id, "银行", color="octarine")
    assert library.notes(article_id) == []


def test_reimport_orphans_what_vanished_and_user_can_place_it(library, article_id):
    kept = library.add_note_by_quote(article_id, "他在银行工作", "kept")
    gone = library.add_note_by_quote(article_id, "合作很重要", "gone")
    edited = TEXT.replace("合作很重要。", "天气很好。").replace("我们去", "昨天我们去")
    orphans = library.update_article(article_id, edited)
    assert [o.id for o in orphans] == [gone.id]
    moved = library.store.get_annotation(kept.id)
    text = side_text(library.article(article_id), "zh")
    assert text[moved.anchor.start:moved.anchor.end] == "他在银行工作" and not moved.orphaned
    assert [o.id for o in library.orphans(article_id)] == [gone.id]
    start = text.index("天气")
    placed = library.place_note(gone.id, start, start + 2)
    assert not placed.orphaned and placed.anchor.quote == "天气"


def test_saved_word_context_and_known_share(library, article_id):
    word = library.save_word(article_id, "合作", note="coop")
    # The sense the aligned English uses comes first ("Cooperation matters.").
    assert (word.reading, word.senses[0], word.sentence_zh, word.sentence_en, word.hsk) == (
        "he2 zuo4", "cooperation", "合作很重要。", "Cooperation matters.", 4)
    assert library.known_share(article_id) == 0.0
    library.set_word_status("合作", "known")
    han_tokens = [w for w in library.words_of(article_id) if "\u4e00" <= w.text[0] <= "\u9fff"]
    assert library.known_share(article_id) == pytest.approx(1 / len(han_tokens))
    library.save_word(article_id, "银行", status="ignored")
    assert library.known_share(article_id) == pytest.approx(1 / (len(han_tokens) - 2))
    with pytest.raises(UserError, match="unknown status"):
        library.set_word_status("合作", "forgotten")
    with pytest.raises(UserError, match="does not occur"):
        library.save_word(article_id, "飞机")


def test_locked_reading_wins_in_context_and_in_words(library, article_id):
    library.lock_reading(article_id, "银行", "yin2 xing2")
    assert library.save_word(article_id, "银行").reading == "yin2 xing2"
    assert {w.text: w.reading for w in library.words_of(article_id)}["银行"] == "yin2 xing2"
    with pytest.raises(UserError, match="one syllable per character"):
        library.lock_reading(article_id, "银行", "yin2")


def test_segmentation_overrides_reach_the_segmenter(library, article_id):
    library.override_segmentation("还钱", "split", ["还", "钱"])
    library.words_of(article_id)
    assert library.analyzer.overrides == [{"text": "还钱", "kind": "split",
                                           "parts": ["还", "钱"]}]
    with pytest.raises(UserError, match="do not spell"):
        library.override_segmentation("还钱", "split", ["还", "款"])


def test_alignment_fixes_are_stored_and_survive_reopening(library, article_id, tmp_path):
    fixed = [Bead((0, 1), (0,))]
    library.fix_alignment(article_id, fixed)
    stored = library.store.alignment(article_id)["fixed"]
    assert alignment_from_stored({"sentences": stored}).sentences == (Bead((0, 1), (0,), 1.0),)
    roundtrip = alignment_from_stored(alignment_to_stored(Alignment((Bead((0,), (0,)),),
                                                                (Bead((1, 2), (), 0.5),))))
    assert roundtrip.sentences == (Bead((1, 2), (), 0.5),)


def test_toneless_pinyin():
    assert toneless("Yínháng") == "yinhang" and toneless("lǜ") == "lv"


@pytest.mark.parametrize("name, expected", [
    ("SQLITE_BUSY", "locked by another program"), ("SQLITE_FULL", "disk"),
    ("SQLITE_CORRUPT", "damaged"), ("SQLITE_NOTADB", "damaged"),
    ("SQLITE_READONLY", "cannot read or write"), ("SQLITE_IOERR_WRITE", "cannot read or write"),
])
def test_sqlite_errors_become_user_errors(tmp_path, name, expected):
    exc = sqlite3.OperationalError("boom")
    exc.sqlite_errorname = name
    error = sqlite_user_error(exc, tmp_path / "library.sqlite")
    assert isinstance(error, UserError) and expected in str(error)


def test_other_sqlite_errors_stay_bugs(tmp_path):
    exc = sqlite3.OperationalError("no such column: x")
    exc.sqlite_errorname = "SQLITE_ERROR"
    assert sqlite_user_error(exc, tmp_path / "library.sqlite") is None


def test_a_file_name_that_is_not_utf8_is_stored_in_its_displayable_form(library, tmp_path):
    # The window imports through Library.import_file; surrogates would make SQLite raise.
    import os

    path = tmp_path / os.fsdecode(b"caf\xe9-\xff.txt")
    path.write_text(TEXT + "\n\nOne more.", encoding="utf-8")
    ref = library.import_file(path)
    stored = library.store.get_article(ref.id)["source_path"]
    assert stored.endswith("caf\\xe9-\\xff.txt")
    stored.encode("utf-8")   # no lone surrogates left


def test_the_library_file_itself_is_refused_as_an_article(library):
    with pytest.raises(UserError, match="is the library itself"):
        library.import_file(library.store.path)
    assert library.store.integrity_check() == "ok"


def test_saving_a_word_inside_a_longer_token_keeps_its_reading(tmp_path):
    """努力 saved from inside the token 努力提高 keeps the reading it has there."""
    from reader.core.language.pinyin import service

    class Analyzer(FakeAnalyzer):
        WORDS = FakeAnalyzer.WORDS | {"努力提高"}

        def readings(self, text, tokens, overrides=None):
            return service().readings(text, tokens, overrides=overrides)

    lib = Library(Store.open(tmp_path / "library.sqlite", backup=False), Analyzer())
    try:
        ref = lib.import_text("标题\n\n我们努力提高水平。\n\nWe work hard to improve.")
        text = side_text(lib.article(ref.id), "zh")
        word = lib.save_word(ref.id, "努力", at=text.index("努力提高"))
        assert word.reading == "nu3 li4"
    finally:
        lib.close()
