"""Fixing the machine's work from the panes' context menus.

Alignment: merge a passage (bead) with the next, split one at a sentence, or link a
sentence to another one of the other language; the beads are saved as the user's fixed
beads (`Library.fix_alignment`) and the article re-aligned around them in a worker.
Segmentation: make a selected run one word, or split a word (`Library.override_segmentation`),
applied from then on in every article; the open article is segmented again at once.
The same menus carry the note and saved-word actions of the notes controller (`controller`,
`words`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMenu

from reader.core.errors import UserError
from reader.core.models import Alignment, Article, Bead
from reader.core.service import COLORS, STATUSES, ArticleAnalysis, is_word
from reader.ui import messages
from reader.ui.notes.geometry import Geometry
from reader.ui.reading.textpane import TextPane
from reader.ui.services import sentence_beads
from reader.ui.workers import run_op

if TYPE_CHECKING:
    from reader.ui.notes.controller import AnnotationController


def merged(beads: tuple[Bead, ...], index: int) -> Bead:
    """Bead `index` joined with the next one."""
    a, b = beads[index], beads[index + 1]
    return Bead(tuple(sorted(a.zh + b.zh)), tuple(sorted(a.en + b.en)), 1.0)


def split(bead: Bead, lang: str, sid: int) -> tuple[Bead, Bead] | None:
    """Split `bead` before sentence `sid` of side `lang`; the other side is cut in the same
    proportion (keeping a sentence on each part when it has two or more). None: no cut."""
    mine, theirs = (bead.zh, bead.en) if lang == "zh" else (bead.en, bead.zh)
    first = tuple(i for i in mine if i < sid)
    second = tuple(i for i in mine if i >= sid)
    if not first or not second:
        return None
    k = round(len(theirs) * len(first) / len(mine))
    if len(theirs) >= 2:
        k = min(max(k, 1), len(theirs) - 1)
    a_other, b_other = theirs[:k], theirs[k:]
    if lang == "zh":
        return Bead(first, a_other, 1.0), Bead(second, b_other, 1.0)
    return Bead(a_other, first, 1.0), Bead(b_other, second, 1.0)


class Fixes(QObject):
    """Context menus on both panes, and the fix actions behind them.

    Signals:
        alignmentFixed(): a fixed alignment is shown (after merge/split/link or on opening).
        resegmented(): the open article was segmented again after a word fix.
    """

    alignmentFixed = Signal()
    resegmented = Signal()

    def __init__(self, controller: AnnotationController) -> None:
        super().__init__(controller)
        self.c = controller
        self.w = controller.w
        self._fixed: tuple[Article, Alignment] | None = None
        self._overrides_applied = False
        self.busy = False
        for pane in (self.w.zh, self.w.en):
            pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            pane.customContextMenuRequested.connect(
                lambda pos, p=pane: self.menu_for(p, pos).exec(p.viewport().mapToGlobal(pos)))
        self.w.settled.connect(self._apply_overrides_once)

    # ----- alignment ---------------------------------------------------------------------
    def article_ready(self, article_id: int) -> None:
        """An article with a library id is shown: use the user's fixed alignment if any."""
        self._apply_overrides_once()
        lib = self.c.library()
        if lib is None or not lib.store.alignment(article_id)["fixed"]:
            return
        self._realign(article_id, None)

    def fixed_alignment(self, article: Article) -> Alignment | None:
        """The fixed alignment for `article` when one was loaded (the window prefers it)."""
        if self._fixed is not None and self._fixed[0] is article:
            return self._fixed[1]
        return None

    def _realign(self, article_id: int, beads: tuple[Bead, ...] | None) -> None:
        """Save `beads` as fixed (None: just load) and re-align, in a worker."""
        source = self.w.source
        article = self.w.article

        def work() -> Alignment:
            with source.library() as lib:
                if beads is None:
                    return lib.alignment(article_id)
                return lib.fix_alignment(article_id, beads)

        def done(alignment: Alignment) -> None:
            self.busy = False
            lib = self.c.library()
            if lib is not None:
                # The window's Library cached the old alignment; the store has the new one.
                lib.forget_alignment(article_id)
            if article is not self.w.article:
                return
            self._fixed = (article, alignment)
            self.w.alignment = alignment
            self.w.sync.set_beads(sentence_beads(article, alignment))
            self.c.reload()   # aligned sentences beside the notes change too
            self.alignmentFixed.emit()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.w._report(exc)

        self.busy = True
        run_op(work, done, failed, owner=self.w)

    def _bead_index(self, lang: str, sid: int) -> int | None:
        return self.w.sync._of[lang].get(sid)

    def merge_with_next(self, lang: str, sid: int) -> bool:
        beads = self.w.sync.beads
        i = self._bead_index(lang, sid)
        aid = self.c.article_id()
        if i is None or i + 1 >= len(beads) or aid is None:
            messages.info(self.w, "There is no next passage to merge with.")
            return False
        self._realign(aid, (merged(beads, i),))
        return True

    def split_at(self, lang: str, sid: int) -> bool:
        beads = self.w.sync.beads
        i = self._bead_index(lang, sid)
        aid = self.c.article_id()
        parts = split(beads[i], lang, sid) if i is not None else None
        if parts is None or aid is None:
            messages.info(self.w, "This passage cannot be split before this sentence.",
                          "Right-click a later sentence of a passage of two or more.")
            return False
        self._realign(aid, parts)
        return True

    def link(self, lang: str, sid: int, others: tuple[int, ...]) -> bool:
        """Link sentence `sid` of side `lang` with sentences `others` of the other side."""
        aid = self.c.article_id()
        if aid is None or not others:
            return False
        bead = Bead((sid,), tuple(others), 1.0) if lang == "zh" else \
            Bead(tuple(others), (sid,), 1.0)
        self._realign(aid, (bead,))
        return True

    def link_dialog(self, pane: TextPane, sid: int) -> None:
        other = self.w.en if pane is self.w.zh else self.w.zh
        partners = self.w.sync.partners(pane.lang, sid)
        centre = partners[0] if partners else min(sid, max(0, other.sentence_count - 1))
        ids = list(range(max(0, centre - 6), min(other.sentence_count, centre + 7)))
        labels = []
        for i in ids:
            block, start, end = other.sentence_location(i)
            text = other.paragraphs[block].text[start:end]
            labels.append(f"{i + 1}: {text[:70]}")
        if not labels:
            return
        current = ids.index(partners[0]) if partners and partners[0] in ids else 0
        choice, ok = QInputDialog.getItem(self.w, "Link sentence",
                                          "Link this sentence to:", labels, current, False)
        if ok:
            self.link(pane.lang, sid, (ids[labels.index(choice)],))

    # ----- segmentation ------------------------------------------------------------------
    def _apply_overrides_once(self) -> None:
        """The user's stored word fixes, given to the window's segmenter once it is loaded."""
        lib = self.c.library()
        if self._overrides_applied or lib is None or not self.w.services.ready:
            return
        self._overrides_applied = True
        overrides = lib.store.segmentation_overrides()
        if overrides:
            lib.analyzer.apply_segmentation_overrides(overrides)
            self.resegment()

    def override(self, text: str, kind: str, parts: list[str] | None = None) -> bool:
        """Make `text` one word ("join") or split it into `parts`, everywhere from now on."""
        lib = self.c.library()
        if lib is None:
            self.c._need()
            return False
        try:
            lib.override_segmentation(text, kind, parts)
            lib.analyzer.apply_segmentation_overrides(lib.store.segmentation_overrides())
        except (UserError, ValueError) as exc:
            messages.error(self.w, getattr(exc, "message", str(exc)),
                           getattr(exc, "hint", None))
            return False
        self._overrides_applied = True
        self.resegment()
        return True

    def resegment(self) -> None:
        """Segment the open article again (after a word fix), keeping the reading place."""
        w = self.w
        if w.article is None:
            return
        w.popup.hide()
        w.analysis = ArticleAnalysis(w.services, w.article.zh,
                                     traditional=w.article.script == "traditional")
        w.zh.analyzer = w.analysis.get
        w.zh.clear_current()
        self.c._install_locks()
        w.zh.viewport().update()
        self.c.update_known_share()
        self.resegmented.emit()

    # ----- the menu ----------------------------------------------------------------------
    def menu_for(self, pane: TextPane, pos: QPoint) -> QMenu:
        """The context menu at viewport point `pos` of `pane`."""
        menu = pane.createStandardContextMenu(pane.viewport().mapTo(pane, pos))
        menu.setObjectName("paneMenu")
        c = self.c
        selection = c.selection()
        menu.addSeparator()
        if selection is not None:
            colours = menu.addMenu("Highlight")
            for color in COLORS:
                colours.addAction(color, lambda col=color: c.highlight_selection(col))
            menu.addAction("Add note…", c.note_selection)
            note_id = c.panel.current_id()
            row = c.panel.row_of(note_id) if note_id is not None else None
            if row is not None and row.note.anchor.lang == pane.lang:
                label = "Place orphaned note here" if row.note.orphaned else \
                    "Move selected note here"
                menu.addAction(label, lambda n=note_id: c.place_here(n))
        if pane is self.w.zh:
            self._word_actions(menu, pos, selection)
        hit = pane.char_at(pos)
        sid = pane.sentence_at(*hit) if hit is not None else -1
        if sid >= 0 and self.w.sync.beads and c.article_id() is not None:
            menu.addSeparator()
            fix = menu.addMenu("Fix alignment")
            fix.addAction("Merge this passage with the next",
                          lambda: self.merge_with_next(pane.lang, sid))
            fix.addAction("Split the passage before this sentence",
                          lambda: self.split_at(pane.lang, sid))
            fix.addAction("Link this sentence to…", lambda: self.link_dialog(pane, sid))
        return menu

    def _word_actions(self, menu: QMenu, pos: QPoint, selection: Any) -> None:
        c = self.c
        zh = self.w.zh
        found = zh.word_at(pos)
        if selection is not None and selection[0] == "zh":
            from reader.core.service import side_text

            text = side_text(self.w.article, "zh")[selection[1]:selection[2]]
            if 1 < len(text) <= 12 and "\n" not in text and text.strip() == text:
                menu.addAction(f"Make “{text}” one word", lambda t=text: self.override(t, "join"))
        if found is None:
            return
        block, index = found
        tok = zh.token(block, index)
        if not is_word(tok):
            return
        at = Geometry(zh).side_offset(block, tok.start)
        word = tok.text
        menu.addSeparator()
        menu.addAction(f"Save word “{word}”", lambda: c.save_word(word, at))
        menu.addAction(f"Save “{word}” with a note…", lambda: self.word_note_dialog(word, at))
        status = menu.addMenu(f"Mark “{word}” as")
        for s in STATUSES:
            act = status.addAction(s, lambda st=s: c.set_word_status(word, st)
                                   if c.word_status(word) else c.save_word(word, at, st))
            act.setCheckable(True)
            act.setChecked(c.word_status(word) == s)
        choices = c.reading_choices(word)
        if choices:
            lock = menu.addMenu(f"Lock reading of “{word}”")
            locked = c.locked_reading(word)
            for reading in choices:
                act = lock.addAction(reading, lambda r=reading: c.lock_reading(word, r))
                act.setCheckable(True)
                act.setChecked(locked == tuple(reading.split()))
            if locked:
                lock.addSeparator()
                lock.addAction("Unlock", lambda: c.lock_reading(word, None))
        if len(word) > 1:
            menu.addAction(f"Split “{word}” into words…", lambda: self.split_dialog(word))

    def word_note_dialog(self, word: str, at: int) -> None:
        lib = self.c.library()
        old = lib.store.get_word(word) if lib is not None else None
        text, ok = QInputDialog.getMultiLineText(self.w, "Save word", f"Your note on “{word}”:",
                                                 old.note if old else "")
        if ok:
            self.c.save_word(word, at, old.status if old else "new", text.strip())

    def split_dialog(self, word: str) -> None:
        text, ok = QInputDialog.getText(self.w, "Split word",
                                        f"Parts of “{word}”, separated by spaces:",
                                        text=" ".join(word))
        if ok and text.split():
            self.override(word, "split", text.split())
