"""Reader settings, declared once with their defaults and types.

QSettings lives under `$DUIZHAO_HOME` when set (tests never touch a user's settings),
otherwise in the platform's usual place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from reader.core.paths import ENV_HOME, data_dir


@dataclass(frozen=True)
class Option:
    default: Any
    type: type
    help: str


OPTIONS: dict[str, Option] = {
    "font/zh_size": Option(20, int, "Chinese text size (pt)"),
    "font/en_size": Option(13, int, "English text size (pt)"),
    "view/swap_panes": Option(False, bool, "English on the left"),
    "view/show_zh": Option(True, bool, "show the Chinese pane"),
    "view/show_en": Option(True, bool, "show the English pane"),
    "view/show_library": Option(True, bool, "show the library list"),
    "view/sync_scroll": Option(True, bool, "keep aligned passages level"),
    "view/theme": Option("system", str, "system | light | dark"),
    "view/tint_words": Option(False, bool, "tint saved words by their status"),
    "pinyin/above": Option(False, bool, "pinyin above every word"),
    "pinyin/min_hsk": Option(0, int, "pinyin above only for words above this HSK level"),
    "pinyin/style": Option("marks", str, "marks | numbers | zhuyin"),
    "pinyin/tone_colors": Option(True, bool, "colour syllables by tone"),
    "gloss/trigger": Option("hover", str, "hover | click"),
    "export/format": Option("markdown", str, "last export format: markdown | anki | pdf"),
    "export/pinyin": Option("none", str, "last handout pinyin: none | saved | all | hsk-above:N"),
    "export/names": Option(False, bool, "handout pinyin for names too"),
    "export/layout": Option("interleaved", str, "PDF layout: interleaved | side-by-side"),
    "export/folder": Option("", str, "folder of the last export"),
    "library/recent": Option([], list, "recently opened files"),
    "library/progress": Option({}, dict, "reading progress per article key (0-1)"),
}


def _qsettings() -> QSettings:
    home = os.environ.get(ENV_HOME)
    if home:
        path = data_dir().parent / "settings.ini"   # data_dir() checks $DUIZHAO_HOME
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "duizhao", "duizhao")


class Settings:
    """Typed access to the declared options; unknown keys are a bug (KeyError)."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings or _qsettings()

    def get(self, key: str) -> Any:
        opt = OPTIONS[key]
        value = self._q.value(key, opt.default)
        if value is None:
            return opt.default
        try:
            if opt.type is bool:
                if isinstance(value, str):
                    return value.lower() in ("true", "1", "yes")
                return bool(value)
            if opt.type is list:
                if isinstance(value, str):
                    return [value] if value else []
                return list(value)
            if opt.type is dict:
                return dict(value) if isinstance(value, dict) else dict(opt.default)
            return opt.type(value)
        except (TypeError, ValueError):   # a hand-edited or foreign value: the default
            return opt.default

    def set(self, key: str, value: Any) -> None:
        OPTIONS[key]   # an unknown key fails loudly (KeyError)
        self._q.setValue(key, value)

    def sync(self) -> None:
        self._q.sync()
