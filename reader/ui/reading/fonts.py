"""Finding a font that covers Chinese, and saying what to install when there is none."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

PREFERRED = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
             "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Heiti SC")
PREFERRED_TRADITIONAL = ("Noto Sans CJK TC", "Noto Serif CJK TC", "Source Han Sans TC",
                         "Microsoft JhengHei", "PingFang TC")
INSTALL_HINT = ("No installed font covers Chinese, so characters would show as boxes. "
                "Install one, e.g. `sudo apt-get install fonts-noto-cjk` on Debian/Ubuntu "
                "(Fedora: `sudo dnf install google-noto-sans-cjk-fonts`), then restart Duizhao.")


def chinese_families() -> list[str]:
    """Installed families that declare Simplified Chinese coverage."""
    return QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def chinese_family(traditional: bool = False) -> str | None:
    """The best installed Chinese family (Noto CJK first), or None when none is installed."""
    families = chinese_families()
    if not families:
        return None
    available = set(families)
    order = (PREFERRED_TRADITIONAL + PREFERRED) if traditional else PREFERRED
    for name in order:
        if name in available:
            return name
    # Avoid the monospace and the Japanese/Korean-first variants when something else exists.
    plain = [f for f in families if "Mono" not in f and " JP" not in f and " KR" not in f]
    return (plain or families)[0]
