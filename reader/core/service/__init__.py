"""The core's one door: what the command line and the window call.

Every name here is resolved on first use (PEP 562 `__getattr__`), so importing the facade
costs nothing and the window's first paint does not wait for jieba, pypinyin or the
dictionary. The names map to the subpackages that do the work:

- `Library` (and `Analyzer`, `ArticleRef`, `WordInfo`): an open library and every user
  action on it, one transaction each (`reader.core.service.library`).
- text: `parse_article`, `import_file`, `import_pair`, `read_text`, `display_path`.
- language: `Segmenter`, `default_segmenter`, `has_han`, `Dictionary`, `format_syllable`,
  `format_reading`, `name_syllables`, `sandhi`, `to_simplified`; a word in context for the
  card: `gloss_word` (entries ranked by the aligned English, the match and its English
  span, a long token's parts, the name form), `rank_senses`.
- align: `align_article`, `align_sentences`, `alignment_to_dict`, `alignment_from_dict`.
- notes: `Anchor`, `Annotation`, `side_text`, `COLORS`, `STATUSES`, `PARAGRAPH_SEP`.
- store: `restore`, `latest_backup`.
- export: `Handout`, `marked_reading`, `MarkdownExporter`, `MarkdownOptions`,
  `parse_pinyin_mode`, `register_exporter`.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    # the service itself
    "Library": "reader.core.service.library",
    "Analyzer": "reader.core.service.analyzer",
    "quick_readings": "reader.core.service.analyzer",
    "ArticleRef": "reader.core.service.values",
    "UpdateReport": "reader.core.service.reimport",
    "WordInfo": "reader.core.service.values",
    "alignment_to_stored": "reader.core.service.values",
    "alignment_from_stored": "reader.core.service.values",
    "content_hash": "reader.core.service.values",
    "toneless": "reader.core.service.values",
    # text
    "parse_article": "reader.core.text.importer",
    "import_file": "reader.core.text.importer",
    "import_pair": "reader.core.text.importer",
    "Decision": "reader.core.text.decisions",
    "read_text": "reader.core.text.decode",
    "display_path": "reader.core.text.decode",
    "to_simplified": "reader.core.text.script",
    # language
    "Segmenter": "reader.core.language.segment",
    "default_segmenter": "reader.core.language.segment",
    "has_han": "reader.core.text.han",
    "Dictionary": "reader.core.language.dictionary",
    "format_syllable": "reader.core.language.syllables",
    "tone_of": "reader.core.language.syllables",
    "format_reading": "reader.core.language.pinyin",
    "sandhi": "reader.core.language.pinyin",
    "name_syllables": "reader.core.language.pinyin",
    "gloss_word": "reader.core.language.gloss",
    "rank_senses": "reader.core.language.senses",
    # align
    "align_article": "reader.core.align.api",
    "align_sentences": "reader.core.align.api",
    # notes
    "Anchor": "reader.core.models",
    "Annotation": "reader.core.models",
    "SavedWord": "reader.core.models",
    "side_text": "reader.core.notes.anchors",
    "COLORS": "reader.core.notes.anchors",
    "STATUSES": "reader.core.notes.anchors",
    "PARAGRAPH_SEP": "reader.core.notes.anchors",
    # store
    "restore": "reader.core.store.store",
    "latest_backup": "reader.core.store.store",
    # export
    "Handout": "reader.core.export",
    "marked_reading": "reader.core.export",
    "MarkdownExporter": "reader.core.export.markdown",
    "MarkdownOptions": "reader.core.export.markdown",
    "parse_pinyin_mode": "reader.core.export.markdown",
    "fix_radicals": "reader.core.export.pdftext",
    "RADICALS": "reader.core.export.pdftext",
    "UNIFIED_IDEOGRAPHS": "reader.core.text.han",
    # used by the window and the commands
    "Analysis": "reader.core.language.analysis",
    "AnkiExporter": "reader.core.export.anki",
    "AnkiOptions": "reader.core.export.anki",
    "ArticleAnalysis": "reader.core.language.analysis",
    "Card": "reader.core.language.cards",
    "CardSyllable": "reader.core.language.cards",
    "Footnote": "reader.core.export.plan",
    "MAX_BYTES": "reader.core.text.decode",
    "Part": "reader.core.language.gloss",
    "Plan": "reader.core.export.plan",
    "Run": "reader.core.export.plan",
    "alignment_to_dict": "reader.core.align.api",
    "article_to_dict": "reader.core.text.importer",
    "beads_to_vecalign": "reader.core.align.api",
    "card_syllable": "reader.core.language.cards",
    "check_languages": "reader.core.align.api",
    "decode_bytes": "reader.core.text.decode",
    "is_word": "reader.core.language.analysis",
    "locate_quote": "reader.core.notes.anchors",
    "looks_like_pinyin": "reader.core.language.pinyinkey",
    "make_plan": "reader.core.export.plan",
    "normalise": "reader.core.text.decode",
    "pinyin_key": "reader.core.language.pinyinkey",
    "quoted": "reader.core.notes.anchors",
    "span_card": "reader.core.language.cards",
    "tone_marks": "reader.core.language.dictionary",
    "word_card": "reader.core.language.cards",
}
# Whole modules the callers use as namespaces.
_MODULES = {
    "export": "reader.core.export",
    "pinyin": "reader.core.language.pinyin",
    "parsecache": "reader.core.text.parsecache",
}

# Names the facade gives another name than their module does.
_RENAMED = {
    "pinyin_service": ("reader.core.language.pinyin", "service"),
    "PINYIN_STYLES": ("reader.core.language.syllables", "STYLES"),
}

__all__ = sorted([*_WHERE, *_MODULES, *_RENAMED])


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    elif name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
    elif name in _RENAMED:
        module, attr = _RENAMED[name]
        value = getattr(importlib.import_module(module), attr)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value     # resolved once
    return value


def __dir__() -> list[str]:
    return __all__
