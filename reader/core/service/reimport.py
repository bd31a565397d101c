"""Re-importing an edited article: its notes and saved words follow the text.

A user edits an article's file (a typo fixed, a paragraph added) and opens it again. Rather
than a second article with no notes, the stored one is updated in place: parsed again
with the user's import decisions, aligned again (fixed beads kept where still valid),
every note re-anchored (`notes.reanchor`; what cannot be placed with confidence is
orphaned, never misplaced) and every saved word's example sentence taken from the new text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reader.core.errors import UserError
from reader.core.models import Alignment, Annotation, Article, Lang
from reader.core.notes.anchors import make_anchor, sentence_at, sentence_spans, side_text
from reader.core.notes.reanchor import reanchor
from reader.core.service.values import (
    alignment_from_stored,
    alignment_to_stored,
    content_hash,
    valid_beads,
)
from reader.core.text.decode import display_path


@dataclass(frozen=True)
class UpdateReport:
    """What an update did: `placed` notes found again (of which `moved` now sit elsewhere
    or on changed text), `orphaned` ones kept aside for the user, saved words whose
    sentence was taken from the new text."""

    article_id: int
    placed: int
    moved: int
    orphaned: tuple[Annotation, ...]
    words: int = 0
    unchanged: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "unchanged": self.unchanged,
                "placed": self.placed, "moved": self.moved,
                "orphaned": len(self.orphaned), "words": self.words,
                "orphans": [{"id": n.id, "lang": n.anchor.lang, "quote": n.anchor.quote,
                             "note": n.note} for n in self.orphaned]}


class ReimportMixin:
    """Updating a stored article from its edited text (a mixin of `Library`)."""

    def article_for_path(self, path: str | os.PathLike) -> int | None:
        """The article last imported from `path` (compared resolved), or None."""
        wanted = display_path(Path(path).resolve(), limit=None)
        ids = [row["id"] for row in self.store.articles() if row["source_path"] == wanted]
        return max(ids) if ids else None

    def changed_file(self, path: str | os.PathLike) -> int | None:
        """The article imported from `path` when the file's text has changed since (its
        current text is not in the library yet): the article to offer to update."""
        article_id = self.article_for_path(path)
        if article_id is None:
            return None
        text = self.analyzer.read_text(Path(path))
        return None if self.store.find_article(content_hash(text)) else article_id

    def update_file(self, path: str | os.PathLike,
                    article_id: int | None = None) -> UpdateReport:
        """Update an article from its edited file: `article_id`, by default the article
        last imported from that path.

        Raises:
            UserError: no article came from that path, or the file's text is already
                another article.
        """
        path = Path(path)
        try:
            exists = path.is_file()
        except (OSError, ValueError):     # a name too long, or holding a NUL
            exists = False
        if not exists:
            raise UserError(f"{display_path(path)} is not a file", "check the path")
        text = self.analyzer.read_text(path)
        if article_id is None:
            article_id = self.article_for_path(path)
            if article_id is None:
                raise UserError(f"no article in the library was imported from "
                                f"{display_path(path)}",
                                "import it first, or give the id of the article to update")
        self.store.get_article(article_id)          # a clear error for a wrong id
        return self.update_text(article_id, text, display_path(path.resolve(), limit=None))

    def forget_article(self, article_id: int) -> None:
        """Drop this connection's copy of an article another connection updated."""
        self._articles.pop(article_id, None)
        self._alignments.pop(article_id, None)

    def update_article(self, article_id: int, text: str,
                       source_path: str | None = None) -> list[Annotation]:
        """Replace an article's text and re-anchor its notes (see `update_text`).

        Returns the notes that could not be placed again (now marked orphaned).
        """
        return list(self.update_text(article_id, text, source_path).orphaned)

    def update_text(self, article_id: int, text: str,
                    source_path: str | None = None) -> UpdateReport:
        """Replace an article's text (re-import with edits): parsed again with the user's
        import decisions (those whose text is gone lapse), re-aligned, notes re-anchored,
        saved words' sentences renewed.

        Raises:
            UserError: `text` is already stored as another article (two articles cannot
                share a text: open that one instead).
        """
        digest = content_hash(text)
        clash = self.store.find_article(digest)
        if clash is not None and clash["id"] != article_id:
            raise UserError(
                f"the new text is already in the library as article {clash['id']} "
                f"({clash['title'] or 'untitled'}), so article {article_id} cannot take it",
                f"open article {clash['id']}, or delete it and update again")
        row = self.store.get_article(article_id)
        unchanged = row["content_hash"] == digest
        self._writable()
        old = self.article(article_id)
        decisions = self.import_decisions(article_id)
        new = self.analyzer.review(text, decisions).article if decisions else \
            self.analyzer.parse(text)
        placed = moved = words = 0
        orphans: list[Annotation] = []
        with self.store.write():
            self.store.update_article(
                article_id, content_hash=digest, title=self._title(new),
                raw_text=text, parsed=self._stored(new), source_path=source_path,
                search=None)
            self._articles[article_id] = new
            self._alignments.pop(article_id, None)
            fixed = self.store.alignment(article_id)["fixed"]
            if fixed is not None:
                kept = valid_beads(alignment_from_stored({"sentences": fixed}).sentences,
                                   old, new)
                self.store.set_alignment(article_id, fixed=alignment_to_stored(
                    Alignment(sentences=kept))["sentences"], result={})
            else:       # the stored alignment was of the old paragraphs: computed again
                self.store.set_alignment(article_id, result={})
            for note in self.store.annotations(article_id):
                after = self._reanchored(note, new, old)
                self.store.update_annotation(after)
                if after.orphaned:
                    orphans.append(after)
                else:
                    placed += 1
                    moved += (after.anchor.start, after.anchor.end, after.anchor.quote) != (
                        note.anchor.start, note.anchor.end, note.anchor.quote)
            words = self._renew_word_sentences(article_id, old, new)
        return UpdateReport(article_id, placed, moved, tuple(orphans), words, unchanged)

    def _reanchored(self, note: Annotation, article: Article,
                    old: Article | None = None) -> Annotation:
        lang = note.anchor.lang
        text = side_text(article, lang)
        match = reanchor(note.anchor, text,
                         old_text=side_text(old, lang) if old is not None else None)
        if match is None:
            return replace(note, orphaned=True)
        anchor = make_anchor(text, lang, match.start, match.end,
                             sentence_spans(article, lang))
        return replace(note, anchor=anchor, orphaned=False)

    def _renew_word_sentences(self, article_id: int, old: Article, new: Article) -> int:
        """Saved words from this article whose sentence changed get the new sentence (found
        by re-anchoring the old one); one that cannot be found keeps its old sentence."""
        renewed = 0
        for word in self.store.words():
            if word.article_id != article_id:
                continue
            changes = {}
            for lang, field in ((Lang.ZH, "sentence_zh"), (Lang.EN, "sentence_en")):
                sentence = getattr(word, field)
                found = _renewed_sentence(sentence, old, new, lang)
                if found is not None and found != sentence:
                    changes[field] = found
            if changes and (not changes.get("sentence_zh")
                            or word.word in changes["sentence_zh"]):
                self.store.save_word(replace(word, **changes))
                renewed += 1
        return renewed


def _renewed_sentence(sentence: str, old: Article, new: Article, lang: Lang) -> str | None:
    """The sentence of `new` that `sentence` (a sentence of `old`) became, or None."""
    if not sentence:
        return None
    new_text = side_text(new, lang)
    spans = sentence_spans(new, lang)
    if any(new_text[lo:hi] == sentence for lo, hi in spans):
        return sentence
    old_text = side_text(old, lang)
    start = old_text.find(sentence)
    if start < 0:
        return None
    anchor = make_anchor(old_text, lang, start, start + len(sentence))
    match = reanchor(anchor, new_text, old_text=old_text)
    if match is None:
        return None
    index = sentence_at(spans, match.start)
    if index is None:
        return None
    lo, hi = spans[index]
    return new_text[lo:hi]
