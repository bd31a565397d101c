"""The handout as PDF, printed through Qt (`QTextDocument` → `QPdfWriter`) with a Chinese
font embedded.

It lives in `ui/` because the core never imports Qt; `duizhao export --format pdf`
registers it in the export registry by name (`reader.ui.pdfexport:PdfExporter`). The page
content is the Markdown handout (pinyin in parentheses: Qt's Markdown reader has no
`<ruby>`; footnote markers become superscript numbers, which it has no syntax for either).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import UserError
from reader.core.export import Handout
from reader.core.export.markdown import MarkdownExporter, MarkdownOptions

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class PdfOptions(MarkdownOptions):
    font_size: float = 11.0
    resolution: int = 300


def _ensure_app():
    """A QGuiApplication is needed for fonts; headless (offscreen) when there is no display."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else "duizhao"])


def printable_markdown(text: str) -> str:
    """Footnote syntax Qt cannot read, turned into superscript numbers."""
    text = re.sub(r"^\[\^(\d+)\]: ", lambda m: m.group(1).translate(_SUPERSCRIPT) + " ",
                  text, flags=re.M)
    return re.sub(r"\[\^(\d+)\]", lambda m: m.group(1).translate(_SUPERSCRIPT), text)


class PdfExporter:
    name = "pdf"
    suffix = ".pdf"
    Options = PdfOptions

    def export(self, handout: Handout, options: PdfOptions, path: Path) -> Path:
        app = _ensure_app()
        from PySide6.QtCore import QMarginsF
        from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

        from reader.ui.fonts import INSTALL_HINT, chinese_family

        family = chinese_family(handout.article.script == "traditional")
        if family is None:
            raise UserError("cannot make a PDF: no installed font covers Chinese",
                            INSTALL_HINT)
        options.ruby = False
        markdown = printable_markdown(MarkdownExporter().render(handout, options))
        path = Path(path)
        if not path.parent.is_dir():
            raise UserError(f"cannot write {path}: {path.parent} is not a folder",
                            "choose an existing folder with -o")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        writer = QPdfWriter(str(tmp))
        writer.setResolution(options.resolution)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(18, 18, 18, 18),
                                         QPageLayout.Unit.Millimeter))
        writer.setTitle(handout.article.title.zh or handout.article.title.en or "Duizhao")
        writer.setCreator("Duizhao")
        document = QTextDocument()
        document.setDefaultFont(QFont(family, options.font_size))
        document.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        document.print_(writer)
        del writer   # finishes the file
        del app
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise UserError(f"cannot write {path}", "choose a folder you can write to with -o")
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}",
                            "choose a folder you can write to with -o") from exc
        return path
