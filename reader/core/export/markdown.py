"""The Markdown handout: CommonMark (+ footnotes, GitHub tables), for GitHub and Obsidian.

Layout: title and metadata; the article as aligned pairs (a Chinese paragraph, then its
English) or Chinese only; pinyin after chosen words (in parentheses, or `<ruby>`); each
highlight in **bold** with its note once, as a footnote at the end of the quoted span (the
notes section lists only notes the text cannot show); a glossary table, each word once.
Text from the article or the user is escaped so that a `|`, `*` or `<script>` cannot break
a table or inject HTML. Highlights are bold, not `<mark>` or `==x==`: the handout never
emits HTML (user text could then smuggle some in), `==` is no CommonMark, and bold reads
alike in every renderer and in Qt's PDF. A bold run starts and ends on a letter, so
CommonMark's flanking rules cannot leave stray `**` beside CJK punctuation.

"Pinyin above HSK N" annotates dictionary words above level N (or outside the lists and
not built from listed words of level ≤ N); tokens the dictionary lacks (两家, 上周四),
numbers, and names unless asked are left bare, which keeps a handout a few pages long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import UserError
from reader.core.export import Handout, NoteView, WordView, marked_reading, write_text_file
from reader.core.export.choices import (
    above_level,
    glossary_rows,
    highlight_spans,
    highlighted_words,
    paragraph_ends,
    paragraph_pairs,
)
from reader.core.models import Lang
from reader.core.text.han import has_han

# Punctuation that starts inline syntax anywhere in a line: code spans, emphasis, links and
# footnote references ([ ]), table cells, strikethrough, headings, images, math ($, GitHub and
# Obsidian). `<`, `>` and `&` become entities instead (no HTML, no autolinks, no entities).
_INLINE = re.compile(r"([\\`*_\[\]|~#!$])")
_NOTE_INLINE = re.compile(r"([\\`\[\]|~#!$])")        # notes keep *emphasis* and _this_
# What still opens a block at a line start once those are escaped: a list item (`-`, `+`, `*`
# before a space, `1.`, `2017)`), a setext underline (`=`), a thematic break (`***`, `_ _ _`).
# A note's `*emphasis*` at a line start is none of these and stays.
_LINE_START = re.compile(
    r"^([ \t]*)(?:([-+=]|[*_](?=[ \t]|$)|[*_](?=[*_ \t]*$))|(\d+)([.)])|(?=\S))", re.MULTILINE)
PINYIN_MODES = ("none", "saved", "all", "hsk-above:N")


def parse_pinyin_mode(value: str) -> tuple[str, int]:
    """"hsk-above:3" → ("hsk-above", 3); "saved" → ("saved", 0).

    Raises:
        UserError: not one of none, saved, all, hsk-above:N.
    """
    if value in ("none", "saved", "all"):
        return value, 0
    found = re.fullmatch(r"hsk-above:(\d)", value)
    if found:
        return "hsk-above", int(found.group(1))
    raise UserError(f"unknown pinyin choice {value!r}",
                    "use none, saved, all or hsk-above:N (N from 0 to 9)")


def escape(text: str) -> str:
    """Plain text safe in CommonMark: it reads as itself, never as emphasis, links, tables,
    HTML or a block (heading, list, quote, fence, footnote or link definition)."""
    return _escape(text, _INLINE)


def escape_cell(text: str) -> str:
    """A table cell: escaped inline text on one line."""
    return escape(" ".join(text.split()))


def escape_note(text: str) -> str:
    """A note: *emphasis* and _this_ stay Markdown, nothing else does (no links, so no
    `javascript:` either; no footnote, heading, list or fence that could reshape the
    handout). Lines lose their indentation, which would make them code blocks."""
    lines = (line.strip() for line in text.strip().splitlines())
    return _escape("\n".join(lines), _NOTE_INLINE)


def _escape(text: str, inline: re.Pattern[str] = _INLINE) -> str:
    return _block_starts(_inline(text, inline))


def _inline(text: str, inline: re.Pattern[str] = _INLINE) -> str:
    """The inline escapes only: for pieces of a paragraph, whose line starts are escaped
    once the paragraph is whole (a piece "1" then "." is a list marker only together)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return inline.sub(r"\\\1", text)


def _block_starts(text: str) -> str:
    """Escape what would open a block at a line start; drop indentation (four spaces make
    a code block, and the exporter indents text itself where it must)."""
    return _LINE_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    _indent, mark, digits, dot = match.groups()
    if mark:
        return f"\\{mark}"
    return f"{digits}\\{dot}" if digits else ""


@dataclass
class MarkdownOptions:
    layout: str = "pairs"          # "pairs" (zh paragraph then its English) | "zh"
    pinyin: str = "none"           # none | saved | all | hsk-above:N
    ruby: bool = False             # <ruby> HTML instead of parentheses
    glossary: bool = True
    notes: bool = True
    names: bool = False            # pinyin for names (people, places, brands) too
    arrangement: str = "interleaved"   # or "side-by-side": a table, Chinese | English


class MarkdownExporter:
    name = "markdown"
    suffix = ".md"
    Options = MarkdownOptions

    def export(self, handout: Handout, options: MarkdownOptions, path: Path) -> Path:
        return write_text_file(path, self.render(handout, options))

    def render(self, handout: Handout, options: MarkdownOptions) -> str:
        return _Renderer(handout, options).render()


class _Renderer:
    def __init__(self, handout: Handout, options: MarkdownOptions) -> None:
        self.h = handout
        self.o = options
        self.mode, self.level = parse_pinyin_mode(options.pinyin)
        self.saved = {w.word for w in handout.words}
        self.numbers: dict[int, int] = {}
        self.glossed: dict[str, WordView] = {}
        self.shown: set[int] = set()      # notes whose footnote marker is in the text
        self.unsure_shown = False
        self.by_paragraph = {Lang.ZH.value: paragraph_ends(handout, Lang.ZH),
                             Lang.EN.value: paragraph_ends(handout, Lang.EN)}

    # ---------------------------------------------------- top level

    def render(self) -> str:
        parts = [self._header(), self._body()]
        if self.unsure_shown:
            parts.append("*A reading followed by ? is the program's best guess: "
                         "check it before handing this out.*")
        in_text = dict(self.numbers)      # footnotes exist only for notes shown in the text
        self.shown = set(in_text)
        if self.o.glossary:
            parts.append(self._glossary())
        if self.o.notes:
            parts.append(self._notes_section())
        parts.append(self._footnotes(in_text))
        return "\n\n".join(p for p in parts if p).rstrip() + "\n"

    def _header(self) -> str:
        article = self.h.article
        title = article.title.zh or article.title.en or "Untitled"
        lines = [f"# {escape(title)}"]
        if article.title.en and article.title.zh:
            lines += ["", f"*{escape(article.title.en)}*"]
        meta = [("Author", article.author), ("Translator", article.translator),
                ("Date", article.date), ("Source", article.source)]
        listed = [f"- **{label}:** {escape(value)}" for label, value in meta if value]
        if listed:
            lines += ["", *listed]
        return "\n".join(lines)

    def _body(self) -> str:
        article = self.h.article
        blocks: list[str] = []
        if self.o.layout == "zh":
            for index in range(len(article.zh)):
                blocks.append(self._zh_paragraph(index))
            return "\n\n".join(blocks)
        if self.o.arrangement == "side-by-side":
            return self._table()
        for zh_ids, en_ids in paragraph_pairs(self.h):
            blocks.extend(self._zh_paragraph(i) for i in zh_ids)
            blocks.extend("> " + self._en_paragraph(i).replace("\n", "\n> ") for i in en_ids)
        return "\n\n".join(blocks)

    def _table(self) -> str:
        """Side by side: one table row per bead (a cell holds its paragraphs, joined)."""
        rows = ["| 中文 | English |", "| --- | --- |"]
        for zh_ids, en_ids in paragraph_pairs(self.h):
            zh = " ".join(self._zh_paragraph(i) for i in zh_ids)
            en = " ".join(self._en_paragraph(i) for i in en_ids)
            rows.append(f"| {' '.join(zh.split())} | {' '.join(en.split())} |")
        return "\n".join(rows)

    # ---------------------------------------------------- paragraphs

    def _marker(self, note: NoteView) -> str:
        key = self._key(note)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
        return f"[^{self.numbers[key]}]"

    def _zh_paragraph(self, index: int) -> str:
        text = self.h.article.zh[index].text
        words = list(self.h.zh_words[index]) if index < len(self.h.zh_words) else []
        if not words:
            words = [WordView(text, 0, len(text))]
        ends = self.by_paragraph[Lang.ZH.value].get(index, [])
        bold = highlighted_words(words, highlight_spans(ends, text))
        out: list[str] = []
        cursor = 0
        bolded = False   # inside `**`: closed before any pinyin, reopened after it
        for number, word in enumerate(words):
            if word.start > cursor:   # never drop text the segmenter skipped
                out.append(_inline(text[cursor:word.start]))
            cursor = max(cursor, word.end)
            pre, base, post = self._word_parts(word)
            if pre and bolded:
                out.append("**")
                bolded = False
            out.append(pre)
            if number in bold and not bolded:
                out.append("**")
                bolded = True
            out.append(base)
            if bolded and (post or number + 1 not in bold):
                out.append("**")
                bolded = False
            out.append(post)
            for end, note in ends:
                if word.start < end <= word.end or (word is words[-1] and end > word.end):
                    out.append(self._marker(note))
        out.append(_inline(text[cursor:]))
        return _block_starts("".join(out))

    def _word_parts(self, word: WordView) -> tuple[str, str, str]:
        """(before, the word, after): the word's Chinese apart from its pinyin markup, so
        that a highlight's `**` can wrap the Chinese alone."""
        chosen = self._wants_pinyin(word)
        if not chosen:
            return "", _inline(word.text), ""
        self.glossed.setdefault(word.text, word)
        reading = marked_reading(word.reading) + ("?" if word.unsure else "")
        self.unsure_shown |= word.unsure
        if self.o.ruby:
            return "<ruby>", _inline(word.text), f"<rt>{_inline(reading)}</rt></ruby>"
        return "", _inline(word.text), f"({_inline(reading)})"

    def _wants_pinyin(self, word: WordView) -> bool:
        if self.mode == "none" or not word.reading or not has_han(word.text):
            return False
        if self.mode == "all":
            return True
        if self.mode == "saved":
            return word.text in self.saved
        return above_level(word, self.level, names=self.o.names)

    def _en_paragraph(self, index: int) -> str:
        text = self.h.article.en[index].text
        ends = self.by_paragraph[Lang.EN.value].get(index, [])
        cuts: list[tuple[int, int, str | NoteView]] = []   # (offset, order, what goes there)
        for start, end in highlight_spans(ends, text):
            cuts += [(start, 1, "**"), (end, 0, "**")]
        cuts += [(end, 2, note) for end, note in ends]
        cuts.sort(key=lambda c: (c[0], c[1]))
        out, last = [], 0
        for at, _order, what in cuts:
            out.append(_inline(text[last:at]))
            out.append(what if isinstance(what, str) else self._marker(what))
            last = at
        out.append(_inline(text[last:]))
        return _block_starts("".join(out))

    # ---------------------------------------------------- sections

    def _glossary(self) -> str:
        rows = glossary_rows(self.h, self.glossed, self.mode, saved_senses=3, saved_level=str)
        if not rows:
            return ""
        lines = ["## Glossary", "", "| Word | Pinyin | Meaning | HSK |",
                 "| --- | --- | --- | --- |"]
        lines += ["| " + " | ".join(escape_cell(c) for c in row) + " |" for row in rows]
        return "\n".join(lines)

    def _notes_section(self) -> str:
        """Every note, numbered as its footnote (notes not shown in the text follow)."""
        if not self.h.notes or all(self._key(n) in self.shown for n in self.h.notes):
            return ""
        placed = [n for n in self.h.notes if not n.annotation.orphaned
                  and self._key(n) not in self.shown]   # the others are footnotes
        orphans = [n for n in self.h.notes if n.annotation.orphaned]
        for note in placed:
            self._marker(note)   # numbers notes the body did not show (e.g. English, zh-only)
        placed.sort(key=lambda n: self.numbers[self._key(n)])
        lines = ["## Notes"]
        for note in placed:
            lines += ["", *self._note_item(note, self.numbers[self._key(note)])]
        if orphans:
            lines += ["", "### Notes that could not be placed in the edited text"]
            for number, note in enumerate(orphans, len(self.numbers) + 1):
                lines += ["", *self._note_item(note, number)]
        return "\n".join(lines)

    @staticmethod
    def _key(note: NoteView) -> int:
        return note.annotation.id if note.annotation.id is not None else id(note)

    def _note_item(self, note: NoteView, number: int) -> list[str]:
        a = note.annotation
        # A bullet with its number in bold, not "3." (an ordered list's start number is
        # ignored by python-markdown); 4-space continuation lines read alike everywhere.
        lines = [f"-   **{number}.** {escape(' '.join(a.anchor.quote.split()))}"]
        if note.aligned:
            lines += ["", f"    *{escape(' '.join(note.aligned.split()))}*"]
        if a.note.strip():
            lines += ["", *("    " + line if line else "" for line in
                            escape_note(a.note).splitlines())]
        if a.tags:
            lines += ["", "    Tags: " + ", ".join(escape(t) for t in a.tags)]
        return lines

    def _footnotes(self, in_text: dict[int, int]) -> str:
        by_key = {self._key(n): n for n in self.h.notes}
        lines = []
        for key, number in sorted(in_text.items(), key=lambda kv: kv[1]):
            note = by_key[key]
            if note.annotation.note.strip():
                body = escape_note(note.annotation.note).splitlines()
            else:
                body = [escape(" ".join(note.annotation.anchor.quote.split()))]
            if note.annotation.tags:
                body += ["", "Tags: " + ", ".join(escape(t) for t in note.annotation.tags)]
            lines.append("\n".join([f"[^{number}]: " + body[0],
                                    *("    " + line if line else "" for line in body[1:])]))
        return "\n\n".join(lines)
