"""The analysis seam: the heavy modules (import, alignment, segmentation, readings,
dictionary) behind one object, so tests can swap a cheap one in and nothing loads early.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.core.models import Alignment, Article, Bead, Entry, Reading, Token
from reader.core.text.han import has_han
from reader.core.text.stored import article_from_dict, article_to_dict


class Analyzer:
    """The analysis modules behind one small interface, each imported on first use."""

    def __init__(self) -> None:
        self._segmenter: Any = None
        self._dictionary: Any = None

    def read_text(self, path: Path) -> str:
        from reader.core.text.decode import read_text
        return read_text(path)

    def parse(self, text: str) -> Article:
        from reader.core.text import importer
        return importer.parse_article(text)

    def version(self) -> int:
        """The importer's version: an article stored by an older one is parsed again."""
        from reader.core.text.pipeline import IMPORTER_VERSION
        return IMPORTER_VERSION

    def review(self, text: str, decisions: tuple[Any, ...] = ()) -> Any:
        """The importer's full result (`text.pipeline.ImportResult`: article, rows for the
        review view, layout) with the user's decisions (`text.decisions.Decision`) applied."""
        from reader.core.text.pipeline import parse
        return parse(text, decisions=decisions)

    def to_dict(self, article: Article) -> dict:
        return article_to_dict(article)

    def from_dict(self, data: dict) -> Article:
        return article_from_dict(data)

    def align(self, article: Article, fixed: tuple[Bead, ...] = ()) -> Alignment:
        from reader.core.align.api import align_article
        return align_article(article, fixed=fixed)

    def segmenter(self) -> Any:
        if self._segmenter is None:
            from reader.core.language.segment import Segmenter
            self._segmenter = Segmenter()
        return self._segmenter

    def tokenize(self, text: str) -> list[Token]:
        return list(self.segmenter().tokenize(text))

    def apply_segmentation_overrides(self, overrides: list[dict]) -> None:
        """The user's fixes, as the segmenter's `set_overrides(merges, splits)` takes them."""
        merges = [o["text"] for o in overrides if o["kind"] == "join"]
        splits = [(o["text"], o["parts"]) for o in overrides if o["kind"] == "split"]
        self.segmenter().set_overrides(merges, splits)

    def readings(self, text: str, tokens: list[Token],
                 overrides: dict[str, tuple[str, ...]] | None = None) -> list[Reading]:
        """Readings in context; `overrides` are the article's locked readings."""
        from reader.core.language.pinyin import readings
        return list(readings(text, tokens, overrides=overrides))

    def name_syllables(self, reading: Reading) -> tuple[str | None, ...]:
        """The reading's syllables with a proper noun's word starts capitalised (Ma3 Yun2)."""
        from reader.core.language.pinyin import name_syllables
        return name_syllables(reading)

    def dictionary(self) -> Any:
        if self._dictionary is None:
            from reader.core.language.dictionary import Dictionary
            self._dictionary = Dictionary.open()
        return self._dictionary

    def lookup(self, word: str) -> list[Entry]:
        return list(self.dictionary().lookup(word))

    def hsk(self, word: str) -> int | None:
        return self.dictionary().hsk_level(word)


def quick_readings(tokens: list[Token]) -> list[Reading]:
    """Word-level pypinyin readings: enough to index words by sound, no model to load."""
    from pypinyin import Style, pinyin

    out = []
    for token in tokens:
        if not has_han(token.text):
            out.append(Reading(token, (None,) * len(token.text)))
            continue
        syllables = [s[0] for s in pinyin(token.text, style=Style.TONE3,
                                          neutral_tone_with_five=True)]
        if len(syllables) != len(token.text):
            syllables = [None] * len(token.text)
        out.append(Reading(token, tuple(s if s and s[-1].isdigit() else None
                                        for s in syllables)))
    return out
