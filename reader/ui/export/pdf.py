"""The handout as PDF, drawn through Qt (`QPainter` → `QPdfWriter`) with a Chinese font and
a Latin one embedded.

It lives in `ui/` because the core never imports Qt; `duizhao export --format pdf`
registers it in the export registry by name (`reader.ui.export.pdf:PdfExporter`). What the
pages show is the core's `Plan` (`reader.core.export.plan`: the Markdown handout's choices);
`pdfpages` lays it out: pinyin above the words, a header, page numbers, side-by-side or
interleaved beads.
"""

from __future__ import annotations

import contextlib
import glob
import os
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.core.errors import UserError
from reader.core.service import (
    RADICALS,
    UNIFIED_IDEOGRAPHS,
    Handout,
    MarkdownOptions,
    fix_radicals,
)

LAYOUTS = ("interleaved", "side-by-side")


@dataclass
class PdfOptions(MarkdownOptions):
    font_size: float = 10.5
    resolution: int = 300


def _ensure_app():
    """A QGuiApplication is needed for fonts; headless (offscreen) when there is no display."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else "duizhao"])


class PdfExporter:
    name = "pdf"
    suffix = ".pdf"
    Options = PdfOptions

    def export(self, handout: Handout, options: PdfOptions, path: Path) -> Path:
        app = _ensure_app()
        from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

        from reader.core.service import make_plan
        from reader.ui.export.pdfpages import Pages
        from reader.ui.reading.fonts import INSTALL_HINT, chinese_family

        family = chinese_family(handout.article.script == "traditional")
        if family is None:
            raise UserError("cannot make a PDF: no installed font covers Chinese",
                            INSTALL_HINT)
        if options.arrangement not in LAYOUTS:
            raise UserError(f"unknown layout {options.arrangement!r}",
                            "use interleaved or side-by-side")
        plan = make_plan(handout, pinyin=options.pinyin, zh_only=options.layout == "zh",
                         names=options.names, glossary=options.glossary, notes=options.notes)
        path = Path(path)
        if not path.parent.is_dir():
            raise UserError(f"cannot write {path}: {path.parent} is not a folder",
                            "choose an existing folder with -o")
        buffer = QBuffer()   # printed in memory: no half-written file if Qt or we fail
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(options.resolution)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(16, 14, 16, 14),
                                         QPageLayout.Unit.Millimeter))
        writer.setTitle(plan.title)
        writer.setCreator("Duizhao")
        pages = Pages(plan, writer, family, options.font_size,
                      options.arrangement == "side-by-side", plan.title)
        rect = writer.pageLayout().paintRectPixels(options.resolution).toRectF()
        rect.moveTo(0, 0)
        pages.total = pages.paint(None, rect, lambda: None)   # measure, then draw
        painter = QPainter(writer)
        try:
            pages.paint(painter, rect, writer.newPage)
        finally:
            painter.end()
        del writer   # finishes the PDF
        data = bytes(buffer.data())
        buffer.close()
        del app
        if not data.startswith(b"%PDF"):
            raise RuntimeError(f"Qt printed no PDF ({len(data)} bytes)")
        data, _fixed = fix_radicals(data, radical_equivalents(family))
        write_atomically(path, data)
        return path


@lru_cache(maxsize=4)
def radical_equivalents(family: str) -> dict[str, str]:
    """Radical → the unified ideograph `family` draws with the same glyph (⻢ → 马): the
    text a copy from the PDF must give (see `core.export.pdftext`)."""
    from PySide6.QtGui import QFont, QRawFont

    raw = QRawFont.fromFont(QFont(family))
    if not raw.isValid():
        return {}
    ideographs = "".join(map(chr, UNIFIED_IDEOGRAPHS))
    by_glyph: dict[int, str] = {}
    for ch, glyph in zip(ideographs, raw.glyphIndexesForString(ideographs), strict=False):
        if glyph:
            by_glyph.setdefault(glyph, ch)
    radicals = "".join(map(chr, RADICALS))
    return {ch: by_glyph[glyph]
            for ch, glyph in zip(radicals, raw.glyphIndexesForString(radicals), strict=False)
            if glyph and glyph in by_glyph}


def _reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary sibling that never outlives a failure.

    The sibling is `.NAME.PID.tmp`; ones left by a process that was killed while writing
    (its pid is gone, or the file is older than `STALE_TMP_SECONDS`) are removed first. The
    old `path`, if any, stays whole until the new one replaces it.

    Raises:
        UserError: the file cannot be written, naming the OS's reason.
    """
    remove_stale_tmp(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {_reason(exc)}",
                        "choose a folder you can write to (-o on the command line)") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):   # gone: replaced, or never made
            tmp.unlink()


STALE_TMP_SECONDS = 600   # a PDF is written in well under a second


def remove_stale_tmp(path: Path) -> list[Path]:
    """Remove `.NAME.PID.tmp` siblings of `path` left by dead processes; returns them."""
    removed = []
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:-len(".tmp")]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            old = time.time() - tmp.stat().st_mtime > STALE_TMP_SECONDS
            if old or not _alive(int(pid)):
                tmp.unlink()
                removed.append(tmp)
        except FileNotFoundError:   # its own process, or another cleaner, removed it
            continue
    return removed


def _alive(pid: int) -> bool:
    if os.name != "posix":   # os.kill(pid, 0) is no probe on Windows: rely on the age
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # another user's live process
        return True
    return True
