"""Where the library, caches and settings live.

`DUIZHAO_HOME` puts everything under one folder (tests use it so they never touch a real
user's data); otherwise platformdirs gives the per-user locations.
"""

from __future__ import annotations

import os
from pathlib import Path

from reader.core.errors import UserError

APP = "duizhao"
ENV_HOME = "DUIZHAO_HOME"
RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def _home() -> Path | None:
    value = os.environ.get(ENV_HOME)
    return Path(value).expanduser() if value else None


def _folder(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = f"{ENV_HOME}={os.environ[ENV_HOME]}" if ENV_HOME in os.environ else str(path)
        raise UserError(f"cannot use the folder {path}: {exc.strerror or exc}",
                        f"check {where}: it must be a folder you can write to") from exc
    return path


def data_dir() -> Path:
    home = _home()
    if home:
        return _folder(home / "data")
    import platformdirs  # imported only when needed: 8 ms of the window's start-up

    return _folder(Path(platformdirs.user_data_dir(APP, appauthor=False)))


def cache_dir() -> Path:
    home = _home()
    if home:
        return _folder(home / "cache")
    import platformdirs

    return _folder(Path(platformdirs.user_cache_dir(APP, appauthor=False)))


def db_path(override: str | os.PathLike | None = None) -> Path:
    """The library file: `--db PATH` wins, then `DUIZHAO_HOME`, then the user data dir."""
    if override:
        return Path(override).expanduser()
    return data_dir() / "library.sqlite"


def resource(name: str) -> Path:
    """A file shipped in `resources/` (or inside the installed package, see `_packaged`)."""
    local = RESOURCES / name
    if local.exists():
        return local
    return Path(__file__).resolve().parent.parent / "resources" / name
