"""Notes and highlights, each change undoable (the mixin `Library` is made of).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from reader.core.errors import UserError
from reader.core.models import (
    Annotation,
    Lang,
)
from reader.core.notes.anchors import COLORS, locate_quote, make_anchor, sentence_spans, side_text
from reader.core.service.values import (
    Command,
    clean_tags,
    lang_value,
)
from reader.core.store.store import Store
from reader.core.text.han import has_han


class NotesMixin:
    """Notes on an article's text; every change pushes its inverse on the undo stack."""

    store: Store


    def add_note(self, article_id: int, lang: str, start: int, end: int, note: str = "",
                 *, color: str = "yellow", tags: Iterable[str] = ()) -> Annotation:
        """Highlight `[start, end)` of side `lang` (offsets into `side_text`) with a note."""
        article = self.article(article_id)
        lang = lang_value(lang)
        if color not in COLORS:
            raise UserError(f"unknown colour {color!r}", f"use one of {', '.join(COLORS)}")
        text = side_text(article, lang)
        if not 0 <= start < end <= len(text):
            raise UserError(f"the range {start}–{end} is not in the article's {lang} text "
                            f"(length {len(text)})", "select the text again")
        anchor = make_anchor(text, lang, start, end, sentence_spans(article, lang))
        created = self.store.add_annotation(Annotation(
            None, article_id, anchor, note=note, color=color, tags=clean_tags(tags)))
        self._push(Command(f"add note {created.id}",
                            undo=lambda: self.store.delete_annotation(created.id),
                            redo=lambda: self.store.add_annotation(created)))
        return created

    def add_note_by_quote(self, article_id: int, quote: str, note: str = "", *,
                          lang: str | None = None, occurrence: int = 1,
                          color: str = "yellow", tags: Iterable[str] = ()) -> Annotation:
        """A note on the `occurrence`-th appearance of `quote` (side guessed when not given)."""
        article = self.article(article_id)
        lang = lang_value(lang) if lang else (Lang.ZH.value if has_han(quote) else Lang.EN.value)
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
                        tags=before.tags if tags is None else clean_tags(tags))
        saved = self.store.update_annotation(after)
        self._push(Command(f"edit note {annotation_id}",
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
        self._push(Command(f"move note {annotation_id}",
                            undo=lambda: self.store.update_annotation(before),
                            redo=lambda: self.store.update_annotation(after)))
        return saved

    def delete_note(self, annotation_id: int) -> Annotation:
        old = self.store.delete_annotation(annotation_id)
        self._push(Command(f"delete note {annotation_id}",
                            undo=lambda: self.store.add_annotation(old),
                            redo=lambda: self.store.delete_annotation(old.id)))
        return old

    def notes(self, article_id: int) -> list[Annotation]:
        return self.store.annotations(article_id)

    def orphans(self, article_id: int) -> list[Annotation]:
        return [n for n in self.store.annotations(article_id) if n.orphaned]

    def _push(self, command: Command) -> None:
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
