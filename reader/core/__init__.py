"""The Qt-free core: import, analysis, alignment, storage, export.

Nothing in this package may import PySide6, shiboken6 or reader.ui (an import-linter
contract in pyproject.toml enforces it), so the core runs headless and tests fast.
"""
