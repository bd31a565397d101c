"""The Qt layer: a thin shell of widgets over `reader.core`."""

from reader.ui.qtfix import protect_none

protect_none()  # PySide6 6.12.0 + Python 3.11 would otherwise crash after long use
