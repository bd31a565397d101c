"""The wheel must carry every package and the resources the code asks for."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(_config()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "reader").rglob("__init__.py")
    }
    assert listed == found | {"reader.resources"}


def test_every_resource_the_code_names_exists_and_is_packaged() -> None:
    patterns = _config()["tool"]["setuptools"]["package-data"]["reader.resources"]
    suffixes = {p.removeprefix("*") for p in patterns}
    named = set()
    for source in (REPO / "reader").rglob("*.py"):
        named |= set(re.findall(r"resource\(\s*[\"']([^\"']+)[\"']", source.read_text("utf-8")))
    assert named, "no resource() calls found: the check would prove nothing"
    for name in named:
        assert (REPO / "resources" / name).is_file(), name
        assert Path(name).suffix in suffixes, f"{name} would be left out of the wheel"
