"""Vocabulary for Anki: a tab-separated file with the header lines Anki reads on import.

Anki (2.1.55+) reads `#separator:`, `#html:`, `#notetype:`, `#deck:`, `#columns:` and
`#tags column:N` from the top of the file, so it imports without choosing options by
hand; the column names match a note type with those fields, and Anki's field mapping
dialog offers them by name otherwise. Fields are HTML (`#html:true`): the word is bold in
its sentence, and text is escaped (`&`, `<`, `>`, `"`), so no field needs CSV quoting. The
cloze field is the Chinese sentence with the word as `{{c1::word}}`, for a Cloze card.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from reader.core.export import Handout, marked_reading, write_text_file
from reader.core.models import SavedWord

COLUMNS = ("Hanzi", "Pinyin", "Meaning", "Sentence", "Sentence (en)", "Traditional",
           "Cloze", "Tags")


def _text(text: str) -> str:
    """One line of HTML-escaped text (tabs and newlines would split the record)."""
    return html.escape(" ".join(text.split()), quote=True)


def _tag(text: str) -> str:
    return "_".join(text.split())


def _sentence(sentence: str, word: str, *, cloze: bool) -> str:
    """The sentence with its first `word` bold (or as the cloze deletion)."""
    sentence = " ".join(sentence.split()).replace("{{", "{ {").replace("}}", "} }")
    at = sentence.find(word) if word else -1
    if at < 0:
        return f"{{{{c1::{_text(word)}}}}}" if cloze else _text(sentence)
    marked = f"{{{{c1::{_text(word)}}}}}" if cloze else f"<b>{_text(word)}</b>"
    return _text(sentence[:at]) + marked + _text(sentence[at + len(word):])


@dataclass
class AnkiOptions:
    tone_marks: bool = True        # "yínháng" rather than "yin2 hang2"
    statuses: tuple[str, ...] = ("new", "learning")   # which saved words become cards
    deck_tag: str = "duizhao"
    deck: str = "Duizhao"
    notetype: str = "Duizhao Chinese"


class AnkiExporter:
    name = "anki"
    suffix = ".txt"
    Options = AnkiOptions

    def export(self, handout: Handout, options: AnkiOptions, path: Path) -> Path:
        return write_text_file(path, self.render(handout, options))

    def render(self, handout: Handout, options: AnkiOptions) -> str:
        lines = ["#separator:tab", "#html:true", f"#notetype:{_header(options.notetype)}",
                 f"#deck:{_header(options.deck)}", "#columns:" + "\t".join(COLUMNS),
                 f"#tags column:{len(COLUMNS)}"]
        traditional = handout.extra.get("traditional", {})
        for word in handout.words:
            if options.statuses and word.status not in options.statuses:
                continue
            lines.append("\t".join(self.fields(word, options, traditional.get(word.word, ""))))
        return "\n".join(lines) + "\n"

    @staticmethod
    def fields(word: SavedWord, options: AnkiOptions, traditional: str = "") -> list[str]:
        """One note's fields, in `COLUMNS` order."""
        reading = marked_reading(word.reading) if options.tone_marks else word.reading
        tags = [options.deck_tag, word.status]
        if word.hsk is not None:
            tags.append(f"HSK{word.hsk}")
        return [_text(word.word), _text(reading), _text("; ".join(word.senses[:3])),
                _sentence(word.sentence_zh, word.word, cloze=False),
                _text(word.sentence_en),
                _text(traditional),
                _sentence(word.sentence_zh, word.word, cloze=True),
                " ".join(_tag(t) for t in tags if t)]


def _header(value: str) -> str:
    return " ".join(value.split()) or "Duizhao"
