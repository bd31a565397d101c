"""The code keeps the shape the README's "How it is built" gives it: modules of one concern,
under 500 lines, and no import cycles among them (imports inside functions count;
TYPE_CHECKING ones do not)."""

from __future__ import annotations

from pathlib import Path

import grimp

import reader

MAX_LINES = 500
ROOT = Path(reader.__file__).parent


def _imports() -> dict[str, set[str]]:
    """reader module → the reader modules it imports, at any depth of its code."""
    graph = grimp.build_graph("reader", exclude_type_checking_imports=True, cache_dir=None)
    modules = set(graph.modules)
    return {m: {d for d in graph.find_modules_directly_imported_by(m) if d in modules}
            for m in modules}


def _cycle_through(edges: dict[str, set[str]], start: str) -> list[str] | None:
    """A path start → … → start, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        module, path = stack.pop()
        for nxt in sorted(edges[module]):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_no_module_is_over_500_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in ROOT.rglob("*.py")}
    assert sizes, "no modules found"
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_no_import_cycles() -> None:
    edges = _imports()
    assert "reader.ui.mainwindow" in edges and "reader.core.text.stored" in edges
    cycles = [c for m in sorted(edges) if (c := _cycle_through(edges, m)) is not None]
    assert cycles == []


def test_the_cycle_check_sees_deferred_imports() -> None:
    edges = _imports()
    # MainWindow builds the notes controller on first use, importing it inside a method.
    assert "reader.ui.notes.controller" in edges["reader.ui.mainwindow"]
    edges["reader.ui.notes.controller"].add("reader.ui.mainwindow")
    assert _cycle_through(edges, "reader.ui.mainwindow") is not None
