"""The library service: what the command line and the window both call.

One `Library` wraps an open `Store` plus the analysis modules (import, alignment,
segmentation, pinyin, dictionary), reached through `Analyzer` so tests can swap a cheap
one in. Each public method is one user action = one transaction. Note edits go through an
undo stack (`undo()` / `redo()`), each operation recording its inverse.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reader.core.errors import UserError
from reader.core.models import Alignment, Annotation, Article, Bead, Lang, Reading, Token
from reader.core.notes.anchors import aligned_sentences, sentence_spans, sentences_in, side_text
from reader.core.service.analyzer import Analyzer, quick_readings
from reader.core.service.articles import ArticlesMixin
from reader.core.service.notes import NotesMixin
from reader.core.service.reimport import ReimportMixin
from reader.core.service.values import (
    ArticleRef,
    Command,
    WordInfo,
    alignment_from_stored,
    alignment_to_stored,
    content_hash,
    same_file,
    toneless,
)
from reader.core.service.words import WordsMixin
from reader.core.store.store import Store
from reader.core.text.decode import display_path
from reader.core.text.han import has_han
from reader.core.text.stored import article_identity

_DECISIONS = "import_decisions:"     # settings key + article id


def _stored_form(raw: str) -> bool:
    """An article imported from two files keeps its parsed form as its raw text."""
    if not raw.startswith("{"):
        return False
    try:
        return isinstance(json.loads(raw), dict)
    except ValueError:
        return False


class Library(ArticlesMixin, NotesMixin, ReimportMixin, WordsMixin):
    """An open library and the operations on it."""

    def __init__(self, store: Store, analyzer: Analyzer | None = None) -> None:
        self.store = store
        self.analyzer = analyzer or Analyzer()
        self._undo: list[Command] = []
        self._redo: list[Command] = []
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
            raw_text = json.dumps(article_identity(article), ensure_ascii=False,
                                  sort_keys=True)
        digest = content_hash(raw_text)
        found = self.store.find_article(digest)
        if found:
            return ArticleRef(found["id"], self._load(found), created=False)
        self._writable()
        article_id = self.store.add_article(
            content_hash=digest, title=self._title(article), raw_text=raw_text,
            parsed=self._stored(article), meta=self._meta(article),
            source_path=source_path, search=None)
        self._articles[article_id] = article
        return ArticleRef(article_id, article, created=True)

    def import_text(self, text: str, source_path: str = "") -> ArticleRef:
        """Store an article from its raw text (or find it by content hash, unparsed; one
        parsed by an older importer is parsed again, keeping the user's notes)."""
        found = self.store.find_article(content_hash(text))
        if found:
            if int(found["parsed"].get("importer") or 0) < self.analyzer.version():
                self._writable()
                self._articles.pop(found["id"], None)
                self._load(found)
                self.update_article(found["id"], text)
                return ArticleRef(found["id"], self.article(found["id"]), created=False)
            return ArticleRef(found["id"], self._load(found), created=False)
        return self.import_article(self.analyzer.parse(text), text, source_path)

    def import_file(self, path: str | os.PathLike) -> ArticleRef:
        path = Path(path)
        if same_file(path, self.store.path):
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

    def _stored(self, article: Article) -> dict:
        """The parsed form kept in the library, stamped with the importer's version."""
        return {**self.analyzer.to_dict(article), "importer": self.analyzer.version()}

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

    # -------------------------------------------------------- import review

    def import_review(self, article_id: int) -> Any:
        """What the importer made of the article's raw text, row by row, with the user's
        decisions applied (`text.pipeline.ImportResult`), for the review view. None for an
        article imported from two files (its raw form is the parsed article itself)."""
        raw = self.store.get_article(article_id)["raw_text"]
        return None if _stored_form(raw) else self.analyzer.review(
            raw, self.import_decisions(article_id))

    def import_decisions(self, article_id: int) -> tuple[Any, ...]:
        """The user's decisions on the article's import (`text.decisions.Decision`)."""
        from reader.core.text.decisions import Decision

        stored = self.store.setting(_DECISIONS + str(article_id), [])
        return tuple(Decision.from_dict(d) for d in stored)

    def decide_import(self, article_id: int, decisions: Iterable[Any]) -> list[Annotation]:
        """Keep the user's decisions (a role changed, a row split or merged; they replace the
        earlier list) and parse the article again with them. Returns orphaned notes."""
        self.store.set_setting(_DECISIONS + str(article_id), [d.to_dict() for d in decisions])
        return self.reparse(article_id)

    def reparse(self, article_id: int) -> list[Annotation]:
        """Parse the kept raw text again (a newer importer, new decisions). Nothing the user
        saved is lost: notes are re-anchored, fixed beads kept where still valid, the
        content hash unchanged. Returns the notes that could not be placed again."""
        row = self.store.get_article(article_id)
        if _stored_form(row["raw_text"]):
            return []
        return self.update_article(article_id, row["raw_text"])

    # -------------------------------------------------------- alignment

    def forget_alignment(self, article_id: int) -> None:
        """Drop the cached alignment so the next `alignment()` reads the store again
        (after the user's fixes were saved elsewhere, e.g. by a worker's own Library)."""
        self._alignments.pop(article_id, None)

    def alignment(self, article_id: int) -> Alignment:
        """The article's alignment, honouring the user's fixed beads (computed once)."""
        if article_id not in self._alignments:
            stored = self.store.alignment(article_id)
            fixed = alignment_from_stored({"sentences": stored["fixed"] or []}).sentences
            if stored["result"]:
                result = alignment_from_stored(stored["result"])
            else:
                result = self.analyzer.align(self.article(article_id), fixed=fixed)
                if not self.store.readonly:     # a cache: a listing computes it, no more
                    self.store.set_alignment(article_id, result=alignment_to_stored(result))
            self._alignments[article_id] = result
        return self._alignments[article_id]

    def fix_alignment(self, article_id: int, beads: Iterable[Bead]) -> Alignment:
        """Record the user's fixed sentence beads (merge, split, re-link) and re-align."""
        beads = tuple(beads)
        stored = self.store.alignment(article_id)
        fixed = {(b.zh, b.en): b for b in
                 alignment_from_stored({"sentences": stored["fixed"] or []}).sentences}
        touched_zh = {i for b in beads for i in b.zh}
        touched_en = {i for b in beads for i in b.en}
        merged = [b for b in fixed.values()
                  if not touched_zh.intersection(b.zh) and not touched_en.intersection(b.en)]
        merged.extend(beads)
        result = self.analyzer.align(self.article(article_id), fixed=tuple(merged))
        self.store.set_alignment(article_id,
                                 fixed=alignment_to_stored(Alignment(sentences=tuple(merged)))[
                                     "sentences"],
                                 result=alignment_to_stored(result))
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

    # -------------------------------------------------------- exports

    def handout(self, article_id: int) -> Any:
        """Everything an exporter shows for one article (`reader.core.export.Handout`)."""
        from reader.core.export import Handout, NoteView, WordView
        from reader.core.language.senses import classifier_position

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
        glosses: dict[tuple[str, str, str, bool], tuple[str, str, bool, bool]] = {}
        index = 0
        context = _SentenceContext(article, alignment)
        for info in self.words_of(article_id):
            while index < len(bounds) - 1 and info.start >= bounds[index][1]:
                index += 1
            lo, hi = bounds[index]
            if info.start < lo or info.end > hi:
                continue   # the separator between paragraphs
            meaning, reading, entry, name = "", info.reading, False, False
            if has_han(info.text):
                # The sense the aligned English shows (三星 → Samsung, not three stars), a
                # long token's words, names in pinyin orthography (Mǎ Yún, Sānxīng): see
                # reader.core.language.gloss.
                english, before = context.at(zh, info.start)
                key = (info.text, info.reading, english, classifier_position(before))
                if key not in glosses:
                    glosses[key] = self._handout_gloss(info, english, before)
                meaning, reading, entry, name = glosses[key]
            per_paragraph[index].append(WordView(
                info.text, info.start - lo, info.end - lo, reading, info.hsk,
                meaning, info.unsure, entry, name, self._parts_level(info.text, entry)))
        traditional = {}   # for the Anki file's Traditional field
        for word in words:
            entries = self.analyzer.lookup(word.word) if has_han(word.word) else []
            if entries:
                traditional[word.word] = entries[0].traditional
        return Handout(article, alignment, notes, words,
                       tuple(tuple(p) for p in per_paragraph), {"traditional": traditional})

    def _parts_level(self, word: str, entry: bool) -> int | None:
        """For a dictionary word outside the HSK lists made of HSK words (母公司, 最新): the
        highest of their levels, so a handout can leave such a compound unannotated."""
        if not entry or len(word) < 2 or self.analyzer.hsk(word) is not None:
            return None
        lookup = getattr(self.analyzer, "dictionary", None)
        if lookup is None:
            return None
        levels, pos = [], 0
        while pos < len(word):
            match = lookup().longest_match(word, pos)
            if match is None or match[0] == word:
                match = (word[pos], [])   # a single character: its own level or none
            level = self.analyzer.hsk(match[0])
            if level is None:
                return None
            levels.append(level)
            pos += len(match[0])
        return max(levels) if len(levels) > 1 else None

    def _handout_gloss(self, info: WordInfo, english: str, before: str
                       ) -> tuple[str, str, bool, bool]:
        """(meaning, reading, is a dictionary word, is a name) as a handout prints them."""
        from reader.core.language.gloss import gloss_word

        gloss = gloss_word(info.text, self.analyzer.lookup, info.syllables,
                           translation=english, before=before)
        syllables = gloss.syllables
        names = getattr(self.analyzer, "name_syllables", None)
        if gloss.name is None and names is not None and syllables:
            syllables = names(Reading(Token(info.text, info.start, info.end), syllables))
        entries = [e for e in gloss.entries if info.text in (e.simplified, e.traditional)]
        name = gloss.name is not None or bool(entries) and all(
            e.pinyin[:1].isupper() for e in entries)
        return (gloss.meaning, " ".join(s for s in syllables if s) or info.reading,
                bool(entries), name)

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


class _SentenceContext:
    """For an offset of the Chinese side: the English its sentence is aligned with, and the
    Chinese sentence's text before the offset (asked in reading order, so it walks)."""

    def __init__(self, article: Article, alignment: Alignment) -> None:
        self._alignment = alignment
        self._spans = sentence_spans(article, Lang.ZH)
        self._english = [s.text for s in article.sentences(Lang.EN)]
        self._index = 0
        self._memo: dict[int, str] = {}

    def at(self, zh: str, offset: int) -> tuple[str, str]:
        spans = self._spans
        while self._index < len(spans) - 1 and offset >= spans[self._index][1]:
            self._index += 1
        if not spans or not spans[self._index][0] <= offset < spans[self._index][1]:
            return "", ""
        i = self._index
        if i not in self._memo:
            ids = aligned_sentences(self._alignment, Lang.ZH, [i])
            self._memo[i] = " ".join(self._english[j] for j in ids if j < len(self._english))
        return self._memo[i], zh[spans[i][0]:offset]
