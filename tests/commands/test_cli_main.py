"""The command's own manners: version, usage errors, module entry point, paths."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader import __version__, cli
from reader.cli import _first_positional, main
from reader.core import paths


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"duizhao {__version__}"


def test_unknown_option_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["bench", "--no-such-option", "core"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--no-such-option" in err


def test_first_positional_skips_option_values() -> None:
    assert _first_positional(["--db", "import", "x.txt"]) == "x.txt"
    assert _first_positional(["--zh", "a", "--en", "b"]) is None
    assert _first_positional(["import", "--json", "f"]) == "import"


def test_command_names_are_those_the_modules_register() -> None:
    registered = set(cli.build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert registered == cli.COMMAND_NAMES


def test_opening_the_window_does_not_load_the_commands(monkeypatch, capsys, tmp_path) -> None:
    def no_commands() -> None:
        raise AssertionError("the subcommand parser was built for `duizhao FILE`")

    monkeypatch.setattr(cli, "build_parser", no_commands)
    assert main([str(tmp_path / "missing.txt")]) == 2   # the GUI path: a clear error
    assert "missing.txt" in capsys.readouterr().err


def test_python_dash_m_reader_runs_the_same_command() -> None:
    out = subprocess.run([sys.executable, "-m", "reader", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert out.stdout.strip() == f"duizhao {__version__}"


def test_duizhao_home_redirects_every_path(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(paths.ENV_HOME, str(tmp_path))
    assert paths.data_dir() == tmp_path / "data"
    assert paths.cache_dir() == tmp_path / "cache"
    assert paths.db_path() == tmp_path / "data" / "library.sqlite"
    assert paths.db_path(tmp_path / "x.db") == tmp_path / "x.db"


def test_resources_are_found() -> None:
    assert paths.resource("does-not-exist").name == "does-not-exist"
    assert paths.RESOURCES.is_dir()


def test_duizhao_home_that_is_a_file_is_a_clear_error(tmp_path, monkeypatch, capsys) -> None:
    blocker = tmp_path / "home"
    blocker.write_text("not a folder")
    monkeypatch.setenv(paths.ENV_HOME, str(blocker))
    assert main(["notes", "list", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DUIZHAO_HOME" in err and "folder" in err
