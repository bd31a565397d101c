"""Fixtures every test shares (core, command line and window): built once per session.

Every test gets its own `DUIZHAO_HOME` (never the user's folders). The expensive objects,
a built dictionary cache and a ready segmenter, are made once per session in a session
folder and shared; `warm_cache` copies that folder's files into the test's own cache dir
so code that opens the default cache (the CLI) starts warm.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reader.core import paths
from reader.core.language.dictionary import Dictionary
from reader.core.language.segment import Segmenter


@pytest.fixture(autouse=True)
def duizhao_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh DUIZHAO_HOME for every test."""
    home = tmp_path / "duizhao-home"
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    return home


@pytest.fixture(scope="session")
def core_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A session cache folder holding the dictionary and segmenter caches."""
    return tmp_path_factory.mktemp("core-cache")


@pytest.fixture(scope="session")
def dictionary(core_cache_dir: Path) -> Dictionary:
    """The CC-CEDICT dictionary, built once per session (a few seconds)."""
    return Dictionary.open(core_cache_dir)


@pytest.fixture(scope="session")
def segmenter(core_cache_dir: Path) -> Segmenter:
    """A ready segmenter (CEDICT words included), shared: do not set overrides on it."""
    seg = Segmenter(core_cache_dir)
    seg.ensure_ready()
    return seg


@pytest.fixture
def warm_cache(dictionary: Dictionary, segmenter: Segmenter, core_cache_dir: Path,
               duizhao_home: Path) -> Path:
    """Copy (hard-link when possible) the session caches into this test's cache dir.

    The files may be hard links to the session ones: replace them, never write in place.
    """
    target = paths.cache_dir()
    for item in core_cache_dir.iterdir():
        if item.is_file() and not item.name.startswith("."):
            try:
                os.link(item, target / item.name)
            except OSError:
                shutil.copy2(item, target / item.name)
    return target
