"""The core's one door: every name it promises resolves, and opening it loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys

from reader.core import service


def test_every_name_resolves() -> None:
    for name in service.__all__:
        assert getattr(service, name) is not None, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        service.no_such_thing  # noqa: B018 - the lookup is the test
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("an unknown name resolved")


def test_importing_the_facade_loads_no_heavy_module() -> None:
    # The window imports it before its first paint.
    code = ("import sys, reader.core.service as s\n"
            "heavy = {'jieba', 'pypinyin', 'numpy', 'sqlite_utils',\n"
            "         'reader.core.language.segment'}\n"
            "print(sorted(heavy & set(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
