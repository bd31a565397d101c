"""The library's schema, as an ordered list of sqlite-utils migrations.

Each migration runs in its own transaction (sqlite-utils `Migrations.apply`). `SCHEMA_VERSION`
is the number of migrations this version knows; `store.py` also writes it to
`PRAGMA user_version`, so a database written by a newer version (more migrations, or a
higher user_version) is recognised and refused before anything is written to it.
Never edit a released migration: append a new one.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("duizhao")


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db["articles"].create({
        "id": int,
        "content_hash": str,     # sha256 of the raw text as imported
        "title": str,
        "source_path": str,
        "raw_text": str,         # the source text exactly as imported (after decoding)
        "parsed_json": str,      # the Article structure (text.stored.article_to_dict)
        "meta_json": str,
        "search_zh": str,        # jieba-segmented, space-joined Chinese (for FTS5)
        "search_pinyin": str,    # toneless pinyin per word, e.g. "yinhang"
        "search_tones": str,     # numbered pinyin per word, e.g. "yin2hang2"
        "search_en": str,
        "imported_at": str,
        "updated_at": str,
    }, pk="id", not_null={"content_hash", "raw_text", "parsed_json"})
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].enable_fts(
        ["title", "search_zh", "search_pinyin", "search_tones", "search_en"],
        fts_version="FTS5", create_triggers=True, tokenize="unicode61 remove_diacritics 2",
    )
    db["alignments"].create({
        "article_id": int,
        "fixed_json": str,       # the user's fixed beads (align_article(fixed=...))
        "result_json": str,      # the last computed alignment
        "updated_at": str,
    }, pk="article_id", foreign_keys=[("article_id", "articles", "id")])
    db["annotations"].create({
        "id": int,
        "article_id": int,
        "lang": str,
        "start": int,
        "end": int,
        "quote": str,
        "prefix": str,
        "suffix": str,
        "sentence": int,
        "note": str,
        "color": str,
        "tags_json": str,
        "orphaned": int,
        "created_at": str,
        "updated_at": str,
    }, pk="id", not_null={"article_id", "lang", "start", "end", "quote"},
        foreign_keys=[("article_id", "articles", "id")])
    db["annotations"].create_index(["article_id"])
    db["saved_words"].create({
        "id": int,
        "word": str,
        "reading": str,
        "senses_json": str,
        "sentence_zh": str,
        "sentence_en": str,
        "article_id": int,
        "status": str,
        "note": str,
        "hsk": int,
        "created_at": str,
        "updated_at": str,
    }, pk="id", not_null={"word", "status"})
    db["saved_words"].create_index(["word"], unique=True)
    db["reading_overrides"].create({
        "article_id": int,
        "word": str,
        "syllables": str,        # space-separated numbered syllables, e.g. "chang2 jiang1"
    }, pk=("article_id", "word"))
    db["segmentation_overrides"].create({
        "text": str,             # the run concerned
        "kind": str,             # "join" (make the run one word) | "split"
        "parts_json": str,       # for "split": the words it splits into
        "created_at": str,
    }, pk="text")
    db["settings"].create({"key": str, "value_json": str}, pk="key")


SCHEMA_VERSION = len(migrations._migrations)
KNOWN_MIGRATIONS = frozenset(m.name for m in migrations._migrations)
