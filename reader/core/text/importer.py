"""Raw bilingual article → `Article`: the importer's public entry points.

The work is done in stages by `reader.core.text` (see `text/pipeline.py`): structure,
language runs, roles, layout, paragraphs and metadata. This module keeps the functions the
rest of the program calls: `parse_article` for one raw text, `parse_pair` for a Chinese
text and its translation kept apart, and the file-reading forms of both.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.errors import UserError
from reader.core.models import Article, Lang
from reader.core.text.decode import MAX_BYTES, decode_bytes, display_path, normalise, read_text
from reader.core.text.pipeline import parse
from reader.core.text.runs import HAN, LATIN, script_weight
from reader.core.text.sentences import make_paragraph, split_en, split_zh
from reader.core.text.stored import article_from_dict, article_to_dict

__all__ = [
    "MAX_BYTES", "article_from_dict", "article_to_dict", "decode_bytes", "import_file",
    "import_pair", "make_paragraph", "normalise", "parse_article", "parse_pair", "read_text",
    "split_en", "split_zh",
]


def parse_article(text: str, *, name: str = "the text") -> Article:
    """Split one raw bilingual (or one-language) article into an `Article`.

    Raises UserError when it holds no Chinese or English text at all.
    """
    return parse(text, name=name).article


def _lang(text: str) -> Lang | None:
    han, latin = script_weight(text)
    if not han and not latin:
        return None
    return Lang.ZH if han * 3 >= latin else Lang.EN


def _sides(zh_text: str, en_text: str, zh_name: str, en_name: str) -> tuple[str, str]:
    """The two texts in (Chinese, English) order: swapped if given the wrong way round.

    Raises UserError when the "Chinese" text has no Han character (or the "English" text
    no Latin letter) and swapping would not help.
    """
    if _lang(zh_text[:100_000]) is Lang.EN and _lang(en_text[:100_000]) is Lang.ZH:
        return en_text, zh_text
    if not HAN.search(zh_text):
        raise UserError(f"{zh_name}: no Chinese text", "give the Chinese file with --zh")
    if not LATIN.search(en_text):
        raise UserError(f"{en_name}: no English text", "give the English file with --en")
    return zh_text, en_text


def parse_pair(zh_text: str, en_text: str, *, name: str = "the texts",
               names: tuple[str, str] = ("the Chinese text", "the English text")) -> Article:
    """An `Article` from a Chinese text and its English translation, kept in separate texts.

    Texts given the wrong way round are swapped; `names` label the two in errors. Every
    line of each text is taken in that text's language.
    """
    zh_text, en_text = _sides(normalise(zh_text), normalise(en_text), *names)
    zh_text = zh_text.rstrip("\n")
    first_en = zh_text.count("\n") + 3
    return parse(f"{zh_text}\n\n{en_text}", name=name,
                 force=((1, "zh"), (first_en, "en"))).article


def import_file(path: str | Path) -> Article:
    """Read, decode and split an article file (.txt, .md or .html)."""
    return parse_article(read_text(path), name=display_path(path))


def import_pair(zh_path: str | Path, en_path: str | Path) -> Article:
    """Read a Chinese file and its English translation as one article."""
    zh_name, en_name = display_path(zh_path), display_path(en_path)
    return parse_pair(read_text(zh_path), read_text(en_path), name=f"{zh_name} + {en_name}",
                      names=(zh_name, en_name))
