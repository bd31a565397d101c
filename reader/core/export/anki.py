"""Vocabulary for Anki: a tab-separated file with the header lines Anki reads on import.

Anki (2.1.54+) understands `#separator:tab`, `#html:false`, `#columns:` and
`#tags column:N`, so the file imports without choosing options by hand. Fields are one
line each; a field with a double quote is quoted CSV-style (Anki's importer unquotes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.export import Handout, marked_reading, write_text_file

COLUMNS = ("Word", "Pinyin", "Meaning", "Example (zh)", "Example (en)", "Tags")


def _field(text: str) -> str:
    text = " ".join(text.replace("\t", " ").split())
    if '"' in text:
        text = '"' + text.replace('"', '""') + '"'
    return text


def _tag(text: str) -> str:
    return "_".join(text.split())


@dataclass
class AnkiOptions:
    tone_marks: bool = True        # "yínháng" rather than "yin2 hang2"
    statuses: tuple[str, ...] = ("new", "learning")   # which saved words become cards
    deck_tag: str = "duizhao"


class AnkiExporter:
    name = "anki"
    suffix = ".txt"
    Options = AnkiOptions

    def export(self, handout: Handout, options: AnkiOptions, path: Path) -> Path:
        return write_text_file(path, self.render(handout, options))

    def render(self, handout: Handout, options: AnkiOptions) -> str:
        lines = ["#separator:tab", "#html:false", "#columns:" + "\t".join(COLUMNS),
                 f"#tags column:{len(COLUMNS)}"]
        for word in handout.words:
            if options.statuses and word.status not in options.statuses:
                continue
            reading = marked_reading(word.reading) if options.tone_marks else word.reading
            tags = [options.deck_tag, word.status]
            if word.hsk is not None:
                tags.append(f"HSK{word.hsk}")
            row = [word.word, reading, "; ".join(word.senses), word.sentence_zh,
                   word.sentence_en, " ".join(_tag(t) for t in tags if t)]
            lines.append("\t".join(_field(c) for c in row))
        return "\n".join(lines) + "\n"
