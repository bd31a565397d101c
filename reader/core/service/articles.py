"""Managing the library's articles and words from the window: rename, delete (after a
backup, so an article's notes are never lost without a copy), and delete a saved word
undoably (the mixin `Library` is made of)."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import UserError
from reader.core.models import SavedWord
from reader.core.service.values import Command
from reader.core.store.backup import backups_dir
from reader.core.store.store import Store


class ArticlesMixin:
    """Rename and delete articles; delete saved words (undoable)."""

    store: Store

    if TYPE_CHECKING:   # NotesMixin's undo stack
        def _push(self, command: Command) -> None: ...

    def rename_article(self, article_id: int, title: str) -> None:
        title = " ".join(title.split())
        if not title:
            raise UserError("the title is empty", "give the article a title")
        self.store.rename_article(article_id, title)

    def delete_article(self, article_id: int) -> Path:
        """Delete an article with its notes, alignment and locked readings; its saved
        words stay (without their article). A copy of the library is taken first, into the
        backups folder; returns it. Raises `UserError` (nothing deleted) when the copy
        cannot be written."""
        self.store.get_article(article_id)   # a missing article: UserError, no copy
        stamp = _dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        path = Path(self.store.path)
        target = backups_dir(path) / f"{path.stem}-before-delete-{article_id}-{stamp}.sqlite"
        copy = self.store.backup_to(target)
        self.store.delete_article(article_id)
        self._articles.pop(article_id, None)      # type: ignore[attr-defined]
        self._alignments.pop(article_id, None)    # type: ignore[attr-defined]
        return copy

    def delete_word(self, word: str) -> SavedWord:
        """Delete a saved word; `undo()` brings it back with its status and sentence."""
        old = self.store.delete_word(word)
        if old is None:
            raise UserError(f"{word!r} is not a saved word", "see `duizhao words list`")
        self._push(Command(f"delete word {word}",
                           undo=lambda: self.store.save_word(replace(old, id=None)),
                           redo=lambda: self.store.delete_word(word)))
        return old
