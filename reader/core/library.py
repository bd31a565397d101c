"""The library service: what the command line and the window both call.

One `Library` wraps an open `Store` plus the analysis modules (import, alignment,
segmentation, pinyin, dictionary), reached through `Analyzer` so tests can swap a cheap
one in. Each public method is one user action = one transaction. Note edits go through an
undo stack (`undo()` / `redo()`), each operation recording its inverse.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.core.errors import UserError
from reader.core.models import (
    Alignment,
    Article,
    Bead,
    Entry,
    Lang,
    Reading,
    Token,
    article_from_dict,
    article_to_dict,
)
from reader.core.notes.anchors import (
    COLORS,
    STATUSES,
    Anchor,
    Annotation,
    SavedWord,
    aligned_sentences,
    locate_quote,
    make_anchor,
    quoted,
    reanchor,
    sentence_spans,
    sentences_in,
    side_text,
)
from reader.core.store.store import Store
from reader.core.text.decode import display_path


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
_TONE_MARKS = {
    "ā": "a", "á": "a", "ǎ": "a", "à": "a", "ē": "e", "é": "e", "ě": "e", "è": "e",
    "ī": "i", "í": "i", "ǐ": "i", "ì": "i", "ō": "o", "ó": "o", "ǒ": "o", "ò": "o",
    "ū": "u", "ú": "u", "ǔ": "u", "ù": "u", "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v", "ü": "v",
}


def content_hash(text: str) -> str:
    """The identity of an article's source text (sha256 of its UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


# ---------------------------------------------------------------- the analysis seam


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


# ---------------------------------------------------------------- small value types


@dataclass(frozen=True)
class ArticleRef:
    """An article in the library: its id and parsed structure."""

    id: int
    article: Article
    created: bool = False


@dataclass(frozen=True)
class WordInfo:
    """One segmented word of the Chinese side, with what exports and glosses need."""

    text: str
    start: int          # offset into side_text(article, "zh")
    end: int
    syllables: tuple[str | None, ...]
    hsk: int | None = None
    unsure: bool = False      # the reading is a guess (and no teacher has locked it)

    @property
    def reading(self) -> str:
        return " ".join(s for s in self.syllables if s)


@dataclass
class _Command:
    description: str
    undo: Callable[[], None]
    redo: Callable[[], None]


def alignment_to_dict(alignment: Alignment) -> dict:
    def beads(items: Iterable[Bead]) -> list:
        return [[list(b.zh), list(b.en), b.score] for b in items]
    return {"paragraphs": beads(alignment.paragraphs), "sentences": beads(alignment.sentences)}


def alignment_from_dict(data: dict) -> Alignment:
    def beads(items: list) -> tuple[Bead, ...]:
        return tuple(Bead(tuple(zh), tuple(en), float(score)) for zh, en, score in items)
    return Alignment(beads(data.get("paragraphs", [])), beads(data.get("sentences", [])))


def toneless(query: str) -> str:
    """"yínháng" → "yinhang" (tone marks stripped, ü as v)."""
    return "".join(_TONE_MARKS.get(ch, ch) for ch in query.lower())


# ---------------------------------------------------------------- the service


class Library:
    """An open library and the operations on it."""

    def __init__(self, store: Store, analyzer: Analyzer | None = None) -> None:
        self.store = store
        self.analyzer = analyzer or Analyzer()
        self._undo: list[_Command] = []
        self._redo: list[_Command] = []
        self._articles: dict[int, Article] = {}
        self._alignments: dict[int, Alignment] = {}
        self._overrides_applied = False
        self._reopen: dict[str, Any] = {}

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *,
             analyzer: Analyzer | None = None, readonly: bool = False,
             warn: Callable[[str], None] | None = None, **store_options: Any) -> Library:
        """Open the library at `path` (default: `paths.db_path()`, honouring DUIZHAO_HOME).

        Args:
            readonly: for listings and exports: nothing is written (no migration, backup,
                stored alignment or search index) until an article file must be imported,
                the one write a FILE argument promises; the library is then reopened
                for writing.
            warn: called with one line when a backup fails (the library still opens);
                the message also stays in `backup_warning`.
        """
        from reader.core.paths import db_path
        store = Store.open(db_path(path), readonly=readonly, warn=warn, **store_options)
        library = cls(store, analyzer)
        library._reopen = dict(store_options, warn=warn)
        return library

    @property
    def backup_warning(self) -> str | None:
        """The last failed backup's message (at open, or at close after changes), else None."""
        return self.store.backup_warning

    def close(self) -> None:
        """Close; after changes the store first refreshes today's backup (`core.backup`)."""
        self.store.close()

    def _writable(self) -> None:
        """Reopen a read-only library for writing (a FILE argument must be imported)."""
        if self.store.readonly:
            store = Store.open(self.store.path, **self._reopen)
            self.store.close()
            self.store = store

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -------------------------------------------------------- articles

    def import_article(self, article: Article, raw_text: str | None = None,
                       source_path: str = "") -> ArticleRef:
        """Store an already parsed article (e.g. from two files); found again by content
        hash of `raw_text`, or of its parsed form when there is no single raw text."""
        if raw_text is None:
            import json
            raw_text = json.dumps(self.analyzer.to_dict(article), ensure_ascii=False,
                                  sort_keys=True)
        digest = content_hash(raw_text)
        found = self.store.find_article(digest)
        if found:
            return ArticleRef(found["id"], self._load(found), created=False)
        self._writable()
        article_id = self.store.add_article(
            content_hash=digest, title=self._title(article), raw_text=raw_text,
            parsed=self.analyzer.to_dict(article), meta=self._meta(article),
            source_path=source_path, search=None)
        self._articles[article_id] = article
        return ArticleRef(article_id, article, created=True)

    def import_text(self, text: str, source_path: str = "") -> ArticleRef:
        """Store an article from its raw text (or find it by content hash, unparsed)."""
        found = self.store.find_article(content_hash(text))
        if found:
            return ArticleRef(found["id"], self._load(found), created=False)
        return self.import_article(self.analyzer.parse(text), text, source_path)

    def import_file(self, path: str | os.PathLike) -> ArticleRef:
        path = Path(path)
        if _same_file(path, self.store.path):
            # Reading it with open() and closing it would drop this process's SQLite locks.
            raise UserError(f"{display_path(path)} is the library itself, not an article",
                            "choose the article's text file")
        # A name that is not UTF-8 is kept as surrogates, which SQLite cannot store.
        return self.import_text(self.analyzer.read_text(path),
                                display_path(path.resolve(), limit=None))

    def resolve(self, file_or_id: str) -> ArticleRef:
        """An article by library id (digits) or by file (imported first if new)."""
        if file_or_id.isdigit() and not Path(file_or_id).exists():
            article_id = int(file_or_id)
            return ArticleRef(article_id, self.article(article_id))
        if not Path(file_or_id).exists():
            raise UserError(f"{file_or_id} is neither a file nor an article id",
                            "give a file to import or an id from `duizhao notes list`")
        return self.import_file(file_or_id)

    def article(self, article_id: int) -> Article:
        if article_id not in self._articles:
            self._articles[article_id] = self._load(self.store.get_article(article_id))
        return self._articles[article_id]

    def articles(self) -> list[dict]:
        return self.store.articles()

    def _load(self, row: dict) -> Article:
        article = self.analyzer.from_dict(row["parsed"])
        self._articles[row["id"]] = article
        return article

    @staticmethod
    def _title(article: Article) -> str:
        return article.title.zh or article.title.en or ""

    @staticmethod
    def _meta(article: Article) -> dict:
        return {"author": article.author, "date": article.date,
                "translator": article.translator, "source": article.source,
                "script": article.script, "title_en": article.title.en}

    def _search_doc(self, article: Article) -> dict[str, str]:
        zh = side_text(article, Lang.ZH)
        tokens = [t for t in self._tokens(zh) if has_han(t.text)]
        words, plain, tones = [], [], []
        # Word-level pypinyin is enough to find a word by its sound, and spares importing
        # the polyphone model just to build the index.
        for reading in quick_readings(tokens):
            if not has_han(reading.token.text):
                continue
            words.append(reading.token.text)
            syllables = [s for s in reading.syllables if s]
            tones.append("".join(syllables))
            plain.append("".join(re.sub(r"\d", "", s) for s in syllables))
        title = " ".join(t for t in (article.title.zh, article.title.en) if t)
        return {"zh": " ".join(words), "pinyin": " ".join(plain), "tones": " ".join(tones),
                "en": title + "\n" + side_text(article, Lang.EN)}

    def update_article(self, article_id: int, text: str,
                       source_path: str | None = None) -> list[Annotation]:
        """Replace an article's text (re-import with edits) and re-anchor its notes.

        Returns the notes that could not be placed again (now marked orphaned).
        """
        old = self.article(article_id)
        new = self.analyzer.parse(text)
        orphans: list[Annotation] = []
        with self.store.write():
            self.store.update_article(
                article_id, content_hash=content_hash(text), title=self._title(new),
                raw_text=text, parsed=self.analyzer.to_dict(new), source_path=source_path,
                search=None)
            self._articles[article_id] = new
            self._alignments.pop(article_id, None)
            fixed = self.store.alignment(article_id)["fixed"]
            if fixed is not None:
                kept = _valid_beads(alignment_from_dict({"sentences": fixed}).sentences,
                                    old, new)
                self.store.set_alignment(article_id, fixed=alignment_to_dict(
                    Alignment(sentences=kept))["sentences"], result={})
            for note in self.store.annotations(article_id):
                placed = self._reanchored(note, new)
                self.store.update_annotation(placed)
                if placed.orphaned:
                    orphans.append(placed)
        return orphans

    def _reanchored(self, note: Annotation, article: Article) -> Annotation:
        text = side_text(article, note.anchor.lang)
        match = reanchor(note.anchor, text)
        if match is None:
            return replace(note, orphaned=True)
        anchor = make_anchor(text, note.anchor.lang, match.start, match.end,
                             sentence_spans(article, note.anchor.lang))
        return replace(note, anchor=anchor, orphaned=False)

    # -------------------------------------------------------- alignment

    def forget_alignment(self, article_id: int) -> None:
        """Drop the cached alignment so the next `alignment()` reads the store again
        (after the user's fixes were saved elsewhere, e.g. by a worker's own Library)."""
        self._alignments.pop(article_id, None)

    def alignment(self, article_id: int) -> Alignment:
        """The article's alignment, honouring the user's fixed beads (computed once)."""
        if article_id not in self._alignments:
            stored = self.store.alignment(article_id)
            fixed = alignment_from_dict({"sentences": stored["fixed"] or []}).sentences
            if stored["result"]:
                result = alignment_from_dict(stored["result"])
            else:
                result = self.analyzer.align(self.article(article_id), fixed=fixed)
                if not self.store.readonly:     # a cache: a listing computes it, no more
                    self.store.set_alignment(article_id, result=alignment_to_dict(result))
            self._alignments[article_id] = result
        return self._alignments[article_id]

    def fix_alignment(self, article_id: int, beads: Iterable[Bead]) -> Alignment:
        """Record the user's fixed sentence beads (merge, split, re-link) and re-align."""
        beads = tuple(beads)
        stored = self.store.alignment(article_id)
        fixed = {(b.zh, b.en): b for b in
                 alignment_from_dict({"sentences": stored["fixed"] or []}).sentences}
        touched_zh = {i for b in beads for i in b.zh}
        touched_en = {i for b in beads for i in b.en}
        merged = [b for b in fixed.values()
                  if not touched_zh.intersection(b.zh) and not touched_en.intersection(b.en)]
        merged.extend(beads)
        result = self.analyzer.align(self.article(article_id), fixed=tuple(merged))
        self.store.set_alignment(article_id,
                                 fixed=alignment_to_dict(Alignment(sentences=tuple(merged)))[
                                     "sentences"],
                                 result=alignment_to_dict(result))
        self._alignments[article_id] = result
        return result

    def aligned_text(self, annotation: Annotation) -> str:
        """The other language's sentence(s) aligned with the annotated span."""
        article = self.article(annotation.article_id)
        lang = Lang(annotation.anchor.lang)
        other = Lang.EN if lang is Lang.ZH else Lang.ZH
        spans = sentence_spans(article, lang)
        mine = sentences_in(spans, annotation.anchor.start, annotation.anchor.end)
        theirs = aligned_sentences(self.alignment(annotation.article_id), lang, mine)
        sentences = article.sentences(other)
        joiner = " " if other is Lang.EN else ""
        return joiner.join(sentences[i].text for i in theirs if i < len(sentences))

    # -------------------------------------------------------- notes (undoable)

    def add_note(self, article_id: int, lang: str, start: int, end: int, note: str = "",
                 *, color: str = "yellow", tags: Iterable[str] = ()) -> Annotation:
        """Highlight `[start, end)` of side `lang` (offsets into `side_text`) with a note."""
        article = self.article(article_id)
        lang = _lang(lang)
        if color not in COLORS:
            raise UserError(f"unknown colour {color!r}", f"use one of {', '.join(COLORS)}")
        text = side_text(article, lang)
        if not 0 <= start < end <= len(text):
            raise UserError(f"the range {start}–{end} is not in the article's {lang} text "
                            f"(length {len(text)})", "select the text again")
        anchor = make_anchor(text, lang, start, end, sentence_spans(article, lang))
        created = self.store.add_annotation(Annotation(
            None, article_id, anchor, note=note, color=color, tags=_tags(tags)))
        self._push(_Command(f"add note {created.id}",
                            undo=lambda: self.store.delete_annotation(created.id),
                            redo=lambda: self.store.add_annotation(created)))
        return created

    def add_note_by_quote(self, article_id: int, quote: str, note: str = "", *,
                          lang: str | None = None, occurrence: int = 1,
                          color: str = "yellow", tags: Iterable[str] = ()) -> Annotation:
        """A note on the `occurrence`-th appearance of `quote` (side guessed when not given)."""
        article = self.article(article_id)
        lang = _lang(lang) if lang else (Lang.ZH.value if has_han(quote) else Lang.EN.value)
        found = locate_quote(side_text(article, lang), quote, occurrence,
                             where=f"the article's {lang} text")
        return self.add_note(article_id, lang, found[0], found[1], note, color=color,
                             tags=tags)

    def edit_note(self, annotation_id: int, *, note: str | None = None,
                  color: str | None = None, tags: Iterable[str] | None = None) -> Annotation:
        before = self.store.get_annotation(annotation_id)
        if color is not None and color not in COLORS:
            raise UserError(f"unknown colour {color!r}", f"use one of {', '.join(COLORS)}")
        after = replace(before, note=before.note if note is None else note,
                        color=color or before.color,
                        tags=before.tags if tags is None else _tags(tags))
        saved = self.store.update_annotation(after)
        self._push(_Command(f"edit note {annotation_id}",
                            undo=lambda: self.store.update_annotation(before),
                            redo=lambda: self.store.update_annotation(after)))
        return saved

    def place_note(self, annotation_id: int, start: int, end: int) -> Annotation:
        """Put an orphaned (or any) note on a new range chosen by the user."""
        before = self.store.get_annotation(annotation_id)
        article = self.article(before.article_id)
        text = side_text(article, before.anchor.lang)
        if not 0 <= start < end <= len(text):
            raise UserError(f"the range {start}–{end} is not in the text", "select again")
        anchor = make_anchor(text, before.anchor.lang, start, end,
                             sentence_spans(article, before.anchor.lang))
        after = replace(before, anchor=anchor, orphaned=False)
        saved = self.store.update_annotation(after)
        self._push(_Command(f"move note {annotation_id}",
                            undo=lambda: self.store.update_annotation(before),
                            redo=lambda: self.store.update_annotation(after)))
        return saved

    def delete_note(self, annotation_id: int) -> Annotation:
        old = self.store.delete_annotation(annotation_id)
        self._push(_Command(f"delete note {annotation_id}",
                            undo=lambda: self.store.add_annotation(old),
                            redo=lambda: self.store.delete_annotation(old.id)))
        return old

    def notes(self, article_id: int) -> list[Annotation]:
        return self.store.annotations(article_id)

    def orphans(self, article_id: int) -> list[Annotation]:
        return [n for n in self.store.annotations(article_id) if n.orphaned]

    def _push(self, command: _Command) -> None:
        self._undo.append(command)
        self._redo.clear()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> str | None:
        """Undo the last note operation; returns its description (None if nothing)."""
        if not self._undo:
            return None
        command = self._undo.pop()
        command.undo()
        self._redo.append(command)
        return command.description

    def redo(self) -> str | None:
        if not self._redo:
            return None
        command = self._redo.pop()
        command.redo()
        self._undo.append(command)
        return command.description

    # -------------------------------------------------------- analysis helpers

    def _tokens(self, text: str) -> list[Token]:
        if not self._overrides_applied:
            self.analyzer.apply_segmentation_overrides(self.store.segmentation_overrides())
            self._overrides_applied = True
        return self.analyzer.tokenize(text)

    def words_of(self, article_id: int) -> list[WordInfo]:
        """The Chinese side's words with readings (the article's locked readings win)."""
        article = self.article(article_id)
        text = side_text(article, Lang.ZH)
        overrides = {word: tuple(syllables.split()) for word, syllables
                     in self.store.reading_overrides(article_id).items()}
        tokens = self._tokens(text)
        out = []
        for reading in self.analyzer.readings(text, tokens, overrides):
            token = reading.token
            syllables = reading.syllables
            hsk = self.analyzer.hsk(token.text) if has_han(token.text) else None
            unsure = reading.unsure and token.text not in overrides
            out.append(WordInfo(token.text, token.start, token.end, tuple(syllables), hsk,
                                unsure))
        return out

    def lock_reading(self, article_id: int, word: str, syllables: str | None) -> None:
        """A teacher fixes a polyphone's reading in this article (None unlocks)."""
        if syllables is not None and len(syllables.split()) != len(word):
            raise UserError(f"{syllables!r} does not give one syllable per character of "
                            f"{word!r}", "write e.g. `chang2 jiang1`")
        self.store.set_reading_override(article_id, word, syllables)

    def override_segmentation(self, text: str, kind: str, parts: list[str] | None = None
                              ) -> None:
        """Make a run one word ("join") or split a word ("split"), in every article."""
        if kind == "split" and (not parts or "".join(parts) != text):
            raise UserError(f"the parts {parts} do not spell {text!r}",
                            "give parts that join back into the word")
        self.store.set_segmentation_override(text, kind, parts)
        self._overrides_applied = False

    # -------------------------------------------------------- saved words

    def save_word(self, article_id: int | None, word: str, *, status: str = "new",
                  note: str = "", at: int | None = None) -> SavedWord:
        """Save `word` with its reading in context, senses, and sentence in both languages.

        `at` is the word's offset in the Chinese side text (default: first occurrence).
        """
        if status not in STATUSES:
            raise UserError(f"unknown status {status!r}", f"use one of {', '.join(STATUSES)}")
        word = word.strip()
        if not word:
            raise UserError("the word is empty", "give the word to save")
        reading, sentence_zh, sentence_en = "", "", ""
        if article_id is not None:
            article = self.article(article_id)
            text = side_text(article, Lang.ZH)
            start = at if at is not None and text[at:at + len(word)] == word else text.find(word)
            if start < 0:
                raise UserError(f"{quoted(word)} does not occur in the article's Chinese text",
                                "check the word, or save it without an article")
            reading = self._reading_at(article_id, text, word, start)
            spans = sentence_spans(article, Lang.ZH)
            ids = sentences_in(spans, start, start + len(word))
            zh_sentences = article.sentences(Lang.ZH)
            sentence_zh = "".join(zh_sentences[i].text for i in ids)
            en_ids = aligned_sentences(self.alignment(article_id), Lang.ZH, ids)
            en_sentences = article.sentences(Lang.EN)
            sentence_en = " ".join(en_sentences[i].text for i in en_ids if i < len(en_sentences))
        entries = self.analyzer.lookup(word)
        if not reading and entries:
            reading = entries[0].pinyin.lower()
        senses: tuple[str, ...] = ()
        if entries:
            same = [e for e in entries if e.pinyin.lower() == reading.lower()]
            senses = tuple(s for e in (same or entries[:1]) for s in e.senses)
        existing = self.store.get_word(word)
        saved = SavedWord(None, word, reading, senses, sentence_zh, sentence_en, article_id,
                          status, note or (existing.note if existing else ""),
                          self.analyzer.hsk(word))
        return self.store.save_word(saved)

    def _reading_at(self, article_id: int, text: str, word: str, start: int) -> str:
        locked = self.store.reading_overrides(article_id).get(word)
        if locked:
            return locked
        # Read the word in its sentence-sized context, so polyphones are read in context.
        lo = max(0, start - 40)
        context = text[lo:start + len(word) + 40]
        tokens = self._tokens(context)
        syllables: list[str] = []
        for reading in self.analyzer.readings(context, tokens):
            token = reading.token
            for i, syllable in enumerate(reading.syllables):
                position = lo + token.start + i
                if start <= position < start + len(word) and syllable:
                    syllables.append(syllable)
        return " ".join(syllables)

    def set_word_status(self, word: str, status: str) -> SavedWord:
        if status not in STATUSES:
            raise UserError(f"unknown status {status!r}", f"use one of {', '.join(STATUSES)}")
        existing = self.store.get_word(word)
        if existing is None:
            raise UserError(f"{word!r} is not a saved word", "save it with `duizhao words add`")
        return self.store.save_word(replace(existing, status=status))

    def words(self, status: str | None = None) -> list[SavedWord]:
        return self.store.words(status)

    def known_share(self, article_id: int) -> float:
        """Share of the article's Chinese word tokens whose word is marked known (0–1).

        Tokens without Han characters and words marked "ignored" are left out of the count.
        """
        status = {w.word: w.status for w in self.store.words()}
        counted = known = 0
        for info in self.words_of(article_id):
            if not has_han(info.text) or status.get(info.text) == "ignored":
                continue
            counted += 1
            known += status.get(info.text) == "known"
        return known / counted if counted else 0.0

    # -------------------------------------------------------- exports

    def handout(self, article_id: int) -> Any:
        """Everything an exporter shows for one article (`reader.core.export.Handout`)."""
        from reader.core.export import Handout, NoteView, WordView

        article = self.article(article_id)
        alignment = self.alignment(article_id)
        notes = tuple(NoteView(n, "" if n.orphaned else self.aligned_text(n))
                      for n in sorted(self.notes(article_id),
                                      key=lambda n: (n.orphaned, n.anchor.lang != "zh",
                                                     n.anchor.start)))
        zh = side_text(article, Lang.ZH)
        words = tuple(w for w in self.store.words()
                      if w.article_id == article_id or (w.word and w.word in zh))
        bounds, base = [], 0
        for paragraph in article.zh:
            bounds.append((base, base + len(paragraph.text)))
            base += len(paragraph.text) + 2
        per_paragraph: list[list[WordView]] = [[] for _ in article.zh]
        meanings: dict[str, str] = {}
        index = 0
        for info in self.words_of(article_id):
            while index < len(bounds) - 1 and info.start >= bounds[index][1]:
                index += 1
            lo, hi = bounds[index]
            if info.start < lo or info.end > hi:
                continue   # the separator between paragraphs
            if has_han(info.text) and info.text not in meanings:
                entries = self.analyzer.lookup(info.text)
                meanings[info.text] = "; ".join(entries[0].senses[:2]) if entries else ""
            per_paragraph[index].append(WordView(
                info.text, info.start - lo, info.end - lo, info.reading, info.hsk,
                meanings.get(info.text, ""), info.unsure))
        return Handout(article, alignment, notes, words,
                       tuple(tuple(p) for p in per_paragraph))

    # -------------------------------------------------------- search

    def search(self, query: str, limit: int = 50) -> list[dict]:
        """Articles matching `query`: Chinese, pinyin (with or without tones) or English."""
        query = query.strip()
        if not query:
            return []
        # Indexing is lazy; a read-only library searches what is indexed already.
        for article_id in [] if self.store.readonly else self.store.unindexed_articles():
            self.store.set_search(article_id, self._search_doc(self.article(article_id)))
        if has_han(query):
            terms = [t.text for t in self._tokens(query) if t.text.strip()]
            return self.store.search(terms, ("title", "search_zh"), limit=limit)
        words = query.split()
        if any(ch.isdigit() for ch in query):
            return self.store.search(["".join(words).lower()], ("search_tones",),
                                     prefix=True, limit=limit)
        plain = toneless(query)
        results = self.store.search(["".join(plain.split())], ("search_pinyin",),
                                    prefix=True, limit=limit)
        seen = {r["id"] for r in results}
        if plain == query.lower():
            results += [r for r in self.store.search(words, ("title", "search_en"),
                                                     limit=limit) if r["id"] not in seen]
        return results[:limit]


# ---------------------------------------------------------------- helpers


def _lang(value: str) -> str:
    try:
        return Lang(value).value
    except ValueError:
        raise UserError(f"unknown language {value!r}", "use zh or en") from None


def _tags(tags: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


def _valid_beads(beads: tuple[Bead, ...], old: Article, new: Article) -> tuple[Bead, ...]:
    """Fixed beads still meaningful after an edit: every sentence they name is unchanged."""
    old_zh, old_en = old.sentences(Lang.ZH), old.sentences(Lang.EN)
    new_zh, new_en = new.sentences(Lang.ZH), new.sentences(Lang.EN)

    def same(ids: tuple[int, ...], before: list, after: list) -> bool:
        return all(i < len(before) and i < len(after) and before[i].text == after[i].text
                   for i in ids)

    return tuple(b for b in beads if same(b.zh, old_zh, new_zh) and same(b.en, old_en, new_en))


__all__ = ["Analyzer", "ArticleRef", "Library", "WordInfo", "Anchor", "content_hash"]
