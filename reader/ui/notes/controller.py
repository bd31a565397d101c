"""Annotations in the window: highlights, notes, saved words, locked readings, undo/redo.

`AnnotationController` keeps ONE `reader.core.service.Library` open on the GUI thread (its
SQLite connection belongs to that thread, and its undo stack must live as long as the
window). Note actions are sub-millisecond store writes, so they run here directly; exports
and re-alignment open their own `Library` in a worker (see `export.dialog`, `fixes`).

Offsets: the core speaks code points into a side's text; `geometry.Geometry` converts them
to the panes' document positions. How notes look is `highlights`; the context menus and
the fixes behind them are `fixes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QTextEdit

from reader.core.errors import UserError
from reader.core.models import Anchor, Annotation
from reader.core.service import side_text
from reader.ui import messages
from reader.ui.notes.dialog import NoteDialog, NoteInput
from reader.ui.notes.fixes import Fixes
from reader.ui.notes.geometry import Geometry
from reader.ui.notes.highlights import note_selections
from reader.ui.notes.panel import NoteRow, NotesPanel
from reader.ui.notes.words import SavedWords
from reader.ui.reading.textpane import TextPane

if TYPE_CHECKING:
    from reader.ui.mainwindow import MainWindow

STATUS_COLORS = {"new": "#3b82f6", "learning": "#f59e0b", "known": "#22a06b"}
NOTE_ALPHA = 150


class AnnotationController(SavedWords, QObject):
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
            from reader.core.service import alignment_to_stored

            self._guard(lambda: lib.store.set_alignment(aid,
                                                        result=alignment_to_stored(alignment)))
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
        if self.w.article is None:
            return []
        return note_selections(pane, self._notes, self._statuses, self.tint_words)

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
                          "Then press “Place again…”.")
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

