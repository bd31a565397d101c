"""Annotations in the window: highlights, notes, saved words, locked readings, undo/redo.

`AnnotationController` keeps ONE `reader.core.service.Library` open on the GUI thread (its
SQLite connection belongs to that thread, and its undo stack must live as long as the
window). Note actions are sub-millisecond store writes, so they run here directly; exports
and re-alignment open their own `Library` in a worker (see `exportdialog`, `fixes`).

Offsets: the core speaks code points into a side's paragraphs joined with "\\n\\n"
(`side_text`); the panes speak UTF-16 document positions with one block per paragraph.
`Geometry` converts between the two, through `offsets.OffsetMap` only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from reader.core.errors import UserError
from reader.core.models import Reading
from reader.core.notes.anchors import PARAGRAPH_SEP, Anchor, Annotation, side_text
from reader.ui import messages
from reader.ui.notes.dialog import NoteDialog, NoteInput
from reader.ui.notes.panel import COLOR_HEX, NoteRow, NotesPanel
from reader.ui.reading.textpane import TextPane

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

STATUS_COLORS = {"new": "#3b82f6", "learning": "#f59e0b", "known": "#22a06b"}
NOTE_ALPHA = 150


class Geometry:
    """Side-text code points ↔ (paragraph, code point) ↔ a pane's document positions."""

    def __init__(self, pane: TextPane) -> None:
        self.pane = pane
        self.bases: list[int] = []
        base = 0
        for p in pane.paragraphs:
            self.bases.append(base)
            base += len(p.text) + len(PARAGRAPH_SEP)

    def locate(self, offset: int) -> tuple[int, int]:
        """Side offset → (paragraph, code point in it)."""
        block = max(0, bisect_right(self.bases, offset) - 1)
        return block, offset - self.bases[block]

    def side_offset(self, block: int, cp: int) -> int:
        return self.bases[block] + cp

    def doc_position(self, offset: int) -> int | None:
        """Side offset → Qt document position (None while that paragraph is not loaded)."""
        block_no, cp = self.locate(offset)
        if block_no >= self.pane.loaded_blocks:
            return None
        block = self.pane.document().findBlockByNumber(block_no)
        cp = min(cp, len(self.pane.paragraphs[block_no].text))
        return block.position() + self.pane.offset_map(block_no).to_qt(cp)

    def from_doc(self, position: int) -> int:
        """Qt document position → side offset."""
        block = self.pane.document().findBlock(position)
        block_no = block.blockNumber()
        rel = self.pane.offset_map(block_no).to_cp(position - block.position())
        return self.side_offset(block_no, rel)

    def selection(self) -> tuple[int, int] | None:
        """The pane's selection as side offsets [start, end), or None."""
        cursor = self.pane.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.from_doc(cursor.selectionStart()), self.from_doc(cursor.selectionEnd())
        block, cp = self.locate(end)
        if cp == 0 and block > 0 and end > start:   # ends at a paragraph's start: stop before
            end = self.bases[block] - len(PARAGRAPH_SEP)
        return (start, end) if end > start else None

    def select(self, start: int, end: int) -> None:
        """Select side offsets [start, end) in the pane (tests, "place here")."""
        self.pane.ensure_loaded(self.locate(end)[0])
        cursor = QTextCursor(self.pane.document())
        cursor.setPosition(self.doc_position(start) or 0)
        cursor.setPosition(self.doc_position(end) or 0, QTextCursor.MoveMode.KeepAnchor)
        self.pane.setTextCursor(cursor)


class AnnotationController(QObject):
    """Notes, highlights, saved words and locked readings for the window's article.

    Signals:
        articleReady(int): the shown article's library id is known (notes can be made).
        notesChanged(): the notes of the article changed (added, edited, undone…).
        wordsChanged(): a saved word or locked reading changed.
    """

    articleReady = Signal(int)
    notesChanged = Signal()
    wordsChanged = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self._lib: Any = None
        self._article_id: int | None = None
        self._notes: list[Annotation] = []
        self._locked: dict[str, tuple[str, ...]] = {}
        self._statuses: dict[str, str] = {}
        self.known_share = 0.0   # share of the article's words marked known (status bar)
        self.tint_words = bool(window.settings.get("view/tint_words"))
        # Dialog hooks (tests replace them): return None when the user cancels.
        self.ask_note: Callable[[str, str, NoteInput | None], NoteInput | None] = self._dialog
        self.panel = NotesPanel()
        self.dock = window.notes_dock   # made by the window, so its place is kept meanwhile
        width = self.dock.width()
        old = self.dock.widget()
        self.dock.setWidget(self.panel)
        if old is not None:
            old.deleteLater()
        if self.dock.isVisible():   # the panes keep their width: no re-wrap after start-up
            window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)
        self.panel.noteActivated.connect(self.go_to)
        self.panel.editRequested.connect(self.edit_dialog)
        self.panel.deleteRequested.connect(self.delete)
        self.panel.placeRequested.connect(self.place_here)
        self.status_known = window.status_known
        for pane in (window.zh, window.en):
            pane.fullyLoaded.connect(self.redraw)
        window.settled.connect(self._on_settled)
        # "S" saves the word whose gloss is shown (only while the Chinese pane has focus).
        save = QShortcut(QKeySequence("S"), window.zh)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self.save_current_word)
        window.popup.footer_for = self.popup_footer
        self.actions: dict[str, QAction] = {}
        from reader.ui.notes.fixes import Fixes

        self.fixes = Fixes(self)
        # Built after the window's first paint: catch up with what it already shows.
        if window.article is not None:
            self.article_changed()
            if window.is_settled():
                self._on_settled()

    # ----- the library ---------------------------------------------------------------
    def library(self) -> Any:
        """The window's one `Library` (GUI thread), or None when there is no store."""
        if self._lib is None:
            opener = getattr(self.w.source, "library", None)
            if opener is None:
                return None
            self._lib = opener()
        return self._lib

    def close_library(self) -> None:
        """Close the window's `Library` (it then refreshes today's backup if anything was
        saved); `library()` opens it again if needed."""
        lib, self._lib = self._lib, None
        if lib is not None:
            lib.close()

    def article_id(self) -> int | None:
        return self._article_id

    def article_changed(self) -> None:
        """The window shows another article, or learnt its library id: reload notes."""
        item = self.w.current_item
        new_id = None
        if item is not None and item.key.startswith("id:") and self.w.article is not None:
            new_id = int(item.key.split(":", 1)[1])
        changed = new_id != self._article_id
        self._article_id = new_id
        self._notes = []
        if new_id is not None:
            try:
                lib = self.library()
                stored = lib.article(new_id) if lib is not None else None
            except UserError as exc:
                messages.error(self.w, exc.message, exc.hint)
                stored = None
            if stored is None or not _same_text(stored, self.w.article):
                self._article_id = None   # the pane shows another version: no offsets to trust
        self._install_locks()
        self._share_alignment()
        self.reload()
        if self._article_id is not None and changed:
            self.fixes.article_ready(self._article_id)
            self.articleReady.emit(self._article_id)

    def _on_settled(self) -> None:
        if self._share_alignment():
            self.reload()   # the aligned sentences beside the notes are known now
        self.update_known_share()

    def _share_alignment(self) -> bool:
        """Give the library the window's alignment (computed in a worker process) when it
        has none, so aligned text beside notes never re-aligns on the GUI thread."""
        lib, aid, alignment = self._lib, self._article_id, self.w.alignment
        if lib is None or aid is None or alignment is None:
            return False
        stored = lib.store.alignment(aid)
        if not stored["result"] and not stored["fixed"]:
            from reader.core.service import alignment_to_dict

            self._guard(lambda: lib.store.set_alignment(aid,
                                                        result=alignment_to_dict(alignment)))
        return True

    def _need(self) -> tuple[Any, int] | None:
        lib = self.library() if self._article_id is not None else None
        if lib is None or self._article_id is None:
            broken = getattr(self.w.source, "error", None)
            if broken is not None:   # told once already; the action still gets its answer
                messages.warning(self.w, "Notes and saved words are off: the library cannot "
                                 "be used.", broken.hint)
                return None
            messages.warning(self.w, "This article is not in the library yet.",
                             "Wait until it is saved (a moment after opening), then try again.")
            return None
        return lib, self._article_id

    def _guard(self, fn: Callable[[], Any]) -> Any:
        """Run one user action; a UserError becomes a message, never a traceback."""
        try:
            return fn()
        except UserError as exc:
            messages.error(self.w, exc.message, exc.hint)
        except OSError as exc:
            messages.error(self.w, f"The library could not be written: {exc}",
                           "Check the disk space and the library folder's permissions.")
        return None

    # ----- reading the store -----------------------------------------------------------
    def notes(self) -> list[Annotation]:
        return list(self._notes)

    def reload(self) -> None:
        """Notes and words from the store → panel, highlights, undo actions."""
        lib = self.library() if self._article_id is not None else None
        rows: list[NoteRow] = []
        if lib is not None and self._article_id is not None:
            self._notes = lib.notes(self._article_id)
            aligned_known = self.w.alignment is not None   # else: wait, do not align here
            for note in self._notes:
                aligned = ""
                if aligned_known and not note.orphaned:
                    aligned = self._guard(lambda n=note: lib.aligned_text(n)) or ""
                rows.append(NoteRow(note, aligned))
            self._statuses = {w.word: w.status for w in lib.words()}
        else:
            self._notes = []
        self.panel.set_notes(rows)
        self.redraw()
        self.update_actions()
        self.notesChanged.emit()

    def update_actions(self) -> None:
        lib = self._lib
        if "undo" in self.actions:
            self.actions["undo"].setEnabled(bool(lib and lib.can_undo()))
            self.actions["redo"].setEnabled(bool(lib and lib.can_redo()))

    # ----- drawing ---------------------------------------------------------------------
    def note_selections(self, pane: TextPane) -> list[QTextEdit.ExtraSelection]:
        """ExtraSelections for the notes (and tinted words) on one pane."""
        out: list[QTextEdit.ExtraSelection] = []
        if self.w.article is None:
            return out
        geo = Geometry(pane)
        if pane.lang == "zh" and self.tint_words:
            out.extend(self._word_tints(pane, geo))
        for note in self._notes:
            if note.orphaned or note.anchor.lang != pane.lang:
                continue
            start, end = geo.doc_position(note.anchor.start), geo.doc_position(note.anchor.end)
            if start is None or end is None:
                continue
            fmt = QTextCharFormat()
            color = QColor(COLOR_HEX.get(note.color, COLOR_HEX["yellow"]))
            color.setAlpha(NOTE_ALPHA)
            fmt.setBackground(color)
            if note.note:   # a note, not just a highlight: underline it as well
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor(COLOR_HEX.get(note.color, "#ffe66d")).darker(160))
            fmt.setToolTip(note.note or "")
            out.append(_selection(pane, start, end, fmt))
        return out

    def _word_tints(self, pane: TextPane, geo: Geometry) -> list[QTextEdit.ExtraSelection]:
        out = []
        words = [(w, s) for w, s in self._statuses.items() if s in STATUS_COLORS and w]
        for block_no in range(min(pane.loaded_blocks, len(pane.paragraphs))):
            text = pane.paragraphs[block_no].text
            for word, status in words:
                at = text.find(word)
                while at >= 0:
                    start = geo.doc_position(geo.side_offset(block_no, at))
                    end = geo.doc_position(geo.side_offset(block_no, at + len(word)))
                    if start is not None and end is not None:
                        fmt = QTextCharFormat()
                        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                        fmt.setUnderlineColor(QColor(STATUS_COLORS[status]))
                        if status != "known":
                            tint = QColor(STATUS_COLORS[status])
                            tint.setAlpha(40)
                            fmt.setBackground(tint)
                        out.append(_selection(pane, start, end, fmt))
                    at = text.find(word, at + len(word))
        return out

    def redraw(self) -> None:
        for pane in (self.w.zh, self.w.en):
            pane.set_note_selections(self.note_selections(pane))

    def set_tint_words(self, on: bool) -> None:
        self.tint_words = bool(on)
        self.w.settings.set("view/tint_words", bool(on))
        self.redraw()

    # ----- the selection ---------------------------------------------------------------
    def selection(self) -> tuple[str, int, int] | None:
        """(lang, start, end) of the selected text, the focused pane first."""
        panes = [self.w.zh, self.w.en]
        if self.w.en.hasFocus():
            panes.reverse()
        for pane in panes:
            found = Geometry(pane).selection()
            if found is not None:
                return pane.lang, *found
        return None

    def _selection_or_tell(self) -> tuple[str, int, int] | None:
        found = self.selection()
        if found is None:
            messages.info(self.w, "Select some text first.",
                          "Drag over a passage in either pane, then try again.")
        return found

    # ----- note actions ----------------------------------------------------------------
    def add_note(self, lang: str, start: int, end: int, note: str = "", *,
                 color: str = "yellow", tags: tuple[str, ...] = ()) -> Annotation | None:
        """Store a highlight/note on side offsets [start, end) and show it."""
        need = self._need()
        if need is None:
            return None
        lib, aid = need
        created = self._guard(lambda: lib.add_note(aid, lang, start, end, note, color=color,
                                                   tags=tags))
        if created is not None:
            self.reload()
            self.panel.select(created.id)
        return created

    def highlight_selection(self, color: str = "yellow") -> Annotation | None:
        """Ctrl+H: highlight the selection (no note)."""
        found = self._selection_or_tell()
        return None if found is None else self.add_note(*found, color=color)

    def note_selection(self) -> Annotation | None:
        """Ctrl+M: a note on the selection, written in the note dialog."""
        found = self._selection_or_tell()
        if found is None or self._need() is None:
            return None
        lang, start, end = found
        quote = side_text(self.w.article, lang)[start:end]
        aligned = ""
        lib, aid = self._lib, self._article_id
        if lib is not None and aid is not None and self.w.alignment is not None:
            probe = Annotation(None, aid, Anchor(lang, start, end, quote))
            aligned = self._guard(lambda: lib.aligned_text(probe)) or ""
        value = self.ask_note(quote, aligned, None)
        if value is None:
            return None
        return self.add_note(lang, start, end, value.note, color=value.color, tags=value.tags)

    def edit(self, annotation_id: int, note: str | None = None, color: str | None = None,
             tags: tuple[str, ...] | None = None) -> Annotation | None:
        lib = self.library()
        if lib is None:
            return None
        saved = self._guard(lambda: lib.edit_note(annotation_id, note=note, color=color,
                                                  tags=tags))
        self.reload()
        return saved

    def edit_dialog(self, annotation_id: int) -> None:
        row = self.panel.row_of(annotation_id)
        if row is None:
            return
        a = row.note
        value = self.ask_note(a.anchor.quote, row.aligned, NoteInput(a.note, a.color, a.tags))
        if value is not None:
            self.edit(annotation_id, value.note, value.color, value.tags)

    def delete(self, annotation_id: int) -> None:
        lib = self.library()
        if lib is not None:
            self._guard(lambda: lib.delete_note(annotation_id))
            self.reload()

    def place_here(self, annotation_id: int) -> Annotation | None:
        """Put a (usually orphaned) note on the current selection, on its own side."""
        lib = self.library()
        row = self.panel.row_of(annotation_id)
        if lib is None or row is None:
            return None
        pane = self.w.zh if row.note.anchor.lang == "zh" else self.w.en
        found = Geometry(pane).selection()
        if found is None:
            side = "Chinese" if pane.lang == "zh" else "English"
            messages.info(self.w, f"Select where the note belongs in the {side} text first.",
                          "Then press “Place here” again.")
            return None
        placed = self._guard(lambda: lib.place_note(annotation_id, *found))
        self.reload()
        return placed

    def undo(self) -> None:
        lib = self.library()
        if lib is not None and lib.can_undo():
            done = self._guard(lib.undo)
            self.w.statusBar().showMessage(f"Undone: {done}", 3000)
            self.reload()

    def redo(self) -> None:
        lib = self.library()
        if lib is not None and lib.can_redo():
            done = self._guard(lib.redo)
            self.w.statusBar().showMessage(f"Redone: {done}", 3000)
            self.reload()

    def _dialog(self, quote: str, aligned: str, initial: NoteInput | None) -> NoteInput | None:
        dialog = NoteDialog(quote, aligned, initial, self.w)
        return dialog.value() if dialog.exec() else None

    # ----- going to a note -------------------------------------------------------------
    def go_to(self, annotation_id: int) -> None:
        """Scroll both panes to a note: its own pane to the note, the other to its partner."""
        note = next((n for n in self._notes if n.id == annotation_id), None)
        if note is None or note.orphaned or self.w.article is None:
            return
        pane, other = (self.w.zh, self.w.en) if note.anchor.lang == "zh" else (self.w.en,
                                                                               self.w.zh)
        geo = Geometry(pane)
        block, cp = geo.locate(note.anchor.start)
        pane.ensure_loaded(block)
        top, _ = pane.block_y(block, cp)
        sync = self.w.sync
        was = sync.enabled
        sync.enabled = False   # place both panes ourselves, then let sync resume
        try:
            pane.verticalScrollBar().setValue(int(top - pane.viewport().height() * 0.25))
            sid = pane.sentence_at(block, cp)
            partners = sync.partners(pane.lang, sid) if sid >= 0 else ()
            if partners and other.isVisible():
                otop, _ = other.sentence_y(min(partners))
                other.verticalScrollBar().setValue(int(otop - other.viewport().height() * 0.25))
            if sid >= 0:
                sync.highlight(pane, other, sid)
        finally:
            sync.enabled = was
        self.panel.select(annotation_id)

    # ----- saved words and readings ----------------------------------------------------
    def current_word(self) -> tuple[str, int] | None:
        """(word, side offset) of the word whose gloss is shown (keyboard/hover current)."""
        current = self.w.zh.current
        if current is None:
            return None
        block, index = current
        tok = self.w.zh.token(block, index)
        return tok.text, Geometry(self.w.zh).side_offset(block, tok.start)

    def save_word(self, word: str, at: int | None = None, status: str = "new",
                  note: str = "") -> Any:
        """Save a word with its reading in context and its sentence in both languages."""
        need = self._need()
        if need is None:
            return None
        lib, aid = need
        saved = self._guard(lambda: lib.save_word(aid, word, status=status, note=note, at=at))
        if saved is not None:
            self._statuses[saved.word] = saved.status
            from reader.core.export import marked_reading

            reading = marked_reading(saved.reading) if saved.reading else "—"
            self.w.statusBar().showMessage(
                f"Saved {saved.word} ({reading}) as {saved.status}", 4000)
            self.redraw()
            self.update_known_share()
            self.w._refresh_popup()   # its last line shows the saved status
            self.wordsChanged.emit()
        return saved

    def popup_footer(self, gloss: Any) -> str:
        """The popup's last line: the word's saved status and lock, and the keys to use."""
        if self._article_id is None:
            return ""
        parts = []
        status = self._statuses.get(gloss.simplified) or self._statuses.get(gloss.word)
        parts.append(f"Saved · {status}" if status else "S: save word")
        if gloss.simplified in self._locked or gloss.word in self._locked:
            parts.append("reading locked")
        parts.append("right-click: status, reading")
        return " · ".join(parts)

    def save_current_word(self) -> Any:
        found = self.current_word()
        if found is None:
            return None
        return self.save_word(*found)

    def set_word_status(self, word: str, status: str) -> Any:
        lib = self.library()
        if lib is None:
            return None
        saved = self._guard(lambda: lib.set_word_status(word, status))
        if saved is not None:
            self._statuses[word] = status
            self.redraw()
            self.update_known_share()
            self.w._refresh_popup()   # its last line shows the saved status
            self.wordsChanged.emit()
        return saved

    def word_status(self, word: str) -> str | None:
        return self._statuses.get(word)

    def lock_reading(self, word: str, syllables: str | None) -> bool:
        """Lock `word`'s reading in this article ("chang2 jiang1"; None unlocks)."""
        need = self._need()
        if need is None:
            return False
        lib, aid = need
        if self._guard(lambda: (lib.lock_reading(aid, word, syllables), True)[1]) is None:
            return False
        self._install_locks()
        if self.w.popup.isVisible() and self.w.zh.current is not None:
            self.w._on_word(*self.w.zh.current, True)
        self.w.zh.viewport().update()
        self.wordsChanged.emit()
        return True

    def locked_reading(self, word: str) -> tuple[str, ...] | None:
        return self._locked.get(word)

    def _install_locks(self) -> None:
        """Make the window's readings honour the article's locked readings."""
        lib = self._lib
        before = set(self._locked)
        self._locked = {}
        if lib is not None and self._article_id is not None:
            self._locked = {w: tuple(s.split()) for w, s in
                            lib.store.reading_overrides(self._article_id).items()}
        analysis = self.w.analysis
        if analysis is None:
            return
        if getattr(analysis, "_duizhao_locks", None) is not self:
            # ArticleAnalysis reads one sentence at a time through `_read_sentence`; wrap
            # that instance's method so every later reading gets the locks applied.
            plain = analysis._read_sentence

            def read(block_no: int, result: Any, index: int) -> None:
                plain(block_no, result, index)
                self._apply_locks(result)

            analysis._read_sentence = read
            analysis._duizhao_locks = self
        touched = before | set(self._locked)
        for result in list(analysis._cache.values()):
            for i, tok in enumerate(result.tokens):   # read again: plain, then locks
                if tok.text in touched and result.known_reading(i) is not None:
                    result.set_reading(i, None)

    def _apply_locks(self, result: Any) -> None:
        if not self._locked:
            return
        for i, tok in enumerate(result.tokens):
            syllables = self._locked.get(tok.text)
            if syllables and len(syllables) == len(tok.text):
                result.set_reading(i, Reading(tok, syllables, (1.0,) * len(syllables)))

    def reading_choices(self, word: str) -> list[str]:
        """CC-CEDICT's readings of `word` (numbered, lower case), each once."""
        out: list[str] = []
        for entry in self.w.services.lookup(word):
            reading = entry.pinyin.lower()
            if reading not in out and len(reading.split()) == len(word):
                out.append(reading)
        return out

    def update_known_share(self) -> None:
        """Status bar: share of the article's words marked known (ignored ones left out)."""
        analysis = self.w.analysis
        if analysis is None or not self.w.services.ready or self._article_id is None:
            self.status_known.setText("")
            return
        # Article-wide counts from the window's idle-time profile pass (it calls again when
        # it ends): segmenting a 1 MB article here would freeze the window for seconds.
        counts = analysis.word_counts(compute=False)
        if counts is None:
            self.status_known.setText("")
            return
        counted = known = 0
        for (word, shown), n in counts.items():
            status = self._statuses.get(word) or self._statuses.get(shown)
            if status == "ignored":
                continue
            counted += n
            known += n * (status == "known")
        share = known / counted if counted else 0.0
        self.status_known.setText(f"Known {100 * share:.0f}%")
        self.known_share = share

    # ----- menus -----------------------------------------------------------------------
    def install_menus(self, bar: Any) -> None:
        """Edit menu (undo/redo, highlight, note), File ▸ Export, View ▸ tint words."""
        menus = {m.title().replace("&", ""): m for m in
                 (a.menu() for a in bar.actions()) if m is not None}
        view_menu = menus.get("View")
        edit = menus.get("Edit")
        if edit is None:
            edit = bar.addMenu("&Edit")
            if view_menu is not None:
                bar.insertMenu(view_menu.menuAction(), edit)
        add = self._add_action
        add(edit, "undo", "&Undo", self.undo, QKeySequence("Ctrl+Z"))
        add(edit, "redo", "&Redo", self.redo, QKeySequence("Ctrl+Shift+Z"))
        edit.addSeparator()
        add(edit, "highlight", "&Highlight selection", self.highlight_selection,
            QKeySequence("Ctrl+H"))
        add(edit, "note", "Add &note to selection…", self.note_selection,
            QKeySequence("Ctrl+M"))
        add(edit, "saveWord", "&Save word under the gloss", self.save_current_word)
        edit.addSeparator()
        add(edit, "showNotes", "Show notes &panel", self.dock.setVisible, None, True)
        self.actions["showNotes"].setChecked(True)
        self.dock.visibilityChanged.connect(self.actions["showNotes"].setChecked)
        file_menu = menus.get("File")
        if file_menu is not None:
            act = QAction("&Export handout…", self.w)
            act.setObjectName("actExport")
            act.setShortcut(QKeySequence("Ctrl+E"))
            act.triggered.connect(self.export_dialog)
            quit_action = file_menu.actions()[-1]
            file_menu.insertAction(quit_action, act)
            file_menu.insertSeparator(quit_action)
            self.actions["export"] = act
        if view_menu is not None:
            view_menu.addSeparator()
            add(view_menu, "tint", "Tint saved &words by status", self.set_tint_words, None,
                True)
            self.actions["tint"].setChecked(self.tint_words)
        self.update_actions()

    def _add_action(self, menu: Any, key: str, text: str, slot: Callable, shortcut: Any = None,
                    checkable: bool = False) -> QAction:
        act = QAction(text, self.w)
        act.setObjectName("act" + key[0].upper() + key[1:])
        if shortcut is not None:
            act.setShortcut(shortcut)
        act.setCheckable(checkable)
        (act.toggled if checkable else act.triggered).connect(
            slot if checkable else (lambda _c=False, s=slot: s()))
        menu.addAction(act)
        self.actions[key] = act
        return act

    def export_dialog(self) -> None:
        from reader.ui.export.dialog import ExportDialog

        if self._need() is None:
            return
        ExportDialog(self, self.w).open()


def _same_text(a: Any, b: Any) -> bool:
    return b is not None and side_text(a, "zh") == side_text(b, "zh") \
        and side_text(a, "en") == side_text(b, "en")


def _selection(pane: TextPane, start: int, end: int,
               fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    """An ExtraSelection painting `fmt` over document positions start..end (UTF-16)."""
    sel = QTextEdit.ExtraSelection()
    cursor = QTextCursor(pane.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    sel.cursor = cursor
    sel.format = fmt
    return sel
