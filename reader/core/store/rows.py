"""Table rows to and from the dataclasses the rest of the core uses.
"""

from __future__ import annotations

import datetime as _dt
import json

from reader.core.models import Anchor, Annotation, SavedWord

_SEARCH_COLUMNS = ("search_zh", "search_pinyin", "search_tones", "search_en")


def utc_now() -> str:
    """The time stamp stored in rows (UTC, to the second)."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def search_columns(search: dict[str, str] | None) -> dict[str, str | None]:
    """The FTS source columns; all None (= not indexed yet) when `search` is None."""
    if search is None:
        return dict.fromkeys(_SEARCH_COLUMNS)
    return {column: search.get(column.removeprefix("search_"), "")
            for column in _SEARCH_COLUMNS}


def article_row(row: dict) -> dict:
    return {
        "id": row["id"], "content_hash": row["content_hash"], "title": row["title"],
        "source_path": row["source_path"], "raw_text": row["raw_text"],
        "parsed": json.loads(row["parsed_json"]), "meta": json.loads(row["meta_json"] or "{}"),
        "imported_at": row["imported_at"], "updated_at": row["updated_at"],
    }


def annotation_record(a: Annotation) -> dict:
    return {
        "id": a.id, "article_id": a.article_id, "lang": a.anchor.lang,
        "start": a.anchor.start, "end": a.anchor.end, "quote": a.anchor.quote,
        "prefix": a.anchor.prefix, "suffix": a.anchor.suffix, "sentence": a.anchor.sentence,
        "note": a.note, "color": a.color,
        "tags_json": json.dumps(list(a.tags), ensure_ascii=False),
        "orphaned": int(a.orphaned),
    }


def annotation_from_row(row: dict) -> Annotation:
    anchor = Anchor(lang=row["lang"], start=row["start"], end=row["end"], quote=row["quote"],
                    prefix=row["prefix"] or "", suffix=row["suffix"] or "",
                    sentence=row["sentence"])
    return Annotation(id=row["id"], article_id=row["article_id"], anchor=anchor,
                      note=row["note"] or "", color=row["color"] or "yellow",
                      tags=tuple(json.loads(row["tags_json"] or "[]")),
                      orphaned=bool(row["orphaned"]), created=row["created_at"],
                      updated=row["updated_at"])


def word_from_row(row: dict) -> SavedWord:
    return SavedWord(id=row["id"], word=row["word"], reading=row["reading"] or "",
                     senses=tuple(json.loads(row["senses_json"] or "[]")),
                     sentence_zh=row["sentence_zh"] or "", sentence_en=row["sentence_en"] or "",
                     article_id=row["article_id"], status=row["status"], note=row["note"] or "",
                     hsk=row["hsk"], created=row["created_at"], updated=row["updated_at"])
