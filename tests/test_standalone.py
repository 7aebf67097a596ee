"""The repository stands on its own: the tests read nothing outside it.

Two checks. The test sources name no path outside the repository: no Python string holds a
``..`` path step (except in a test that first moves into a folder of its own, where a relative
path is relative to that folder) and nothing climbs above the repository root with ``.parent``;
and every relative path in a configuration file of the fixtures stays inside. While the suite
runs, an audit hook (installed by conftest.py) fails any test that opens or lists a file outside
the repository, the temporary folders the tests make, Python's installation and the system's
folders; a test here proves that the hook is in place and catches such a read.
"""

from __future__ import annotations

import ast
import re
import uuid
from pathlib import Path

import pytest

from . import conftest
from .conftest import ROOT

TESTS = ROOT / "tests"
_PARENT_STEP = re.compile(r"(^|[/\\])\.\.([/\\]|$)")
#: A quoted value in a configuration file: "path" or 'path'.
_QUOTED = re.compile(r"""["']([^"'\n]*)["']""")


def _python_sources() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def _moves_to_its_own_folder(function: ast.AST) -> bool:
    """Whether a test works in a folder of its own: it changes the working folder
    (``monkeypatch.chdir``, ``os.chdir``) or takes the ``in_tmp`` fixture, so a relative path in
    it is relative to that folder, not to the repository."""
    if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        arg.arg == "in_tmp" for arg in function.args.args
    ):
        return True
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "chdir"
        for node in ast.walk(function)
    )


def _parent_steps(node: ast.AST, path: Path) -> list[str]:
    """The ``..`` paths and climbs above ROOT in ``node``, skipping tests in a folder of their own."""
    found = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and _moves_to_its_own_folder(
            child
        ):
            continue
        if (
            isinstance(child, ast.Constant)
            and isinstance(child.value, str)
            and _PARENT_STEP.search(child.value)
        ):
            found.append(f"{path.relative_to(ROOT)}:{child.lineno}: {child.value!r}")
        if (
            isinstance(child, ast.Attribute)
            and child.attr in ("parent", "parents")
            and isinstance(child.value, ast.Name)
            and child.value.id == "ROOT"
        ):
            found.append(f"{path.relative_to(ROOT)}:{child.lineno}: ROOT.{child.attr}")
        found += _parent_steps(child, path)
    return found


def test_no_test_source_names_a_parent_folder() -> None:
    found = []
    for path in _python_sources():
        found += _parent_steps(ast.parse(path.read_text(encoding="utf-8"), str(path)), path)
    assert found == []


def test_the_source_scan_catches_a_parent_folder() -> None:
    source = (
        "DATA = ROOT.parent / 'beside'\n"
        "def test_a():\n    open('../beside/reference.json')\n"
        "def test_b(monkeypatch):\n    monkeypatch.chdir(tmp)\n    open('../site/x')\n"
    )
    assert _parent_steps(ast.parse(source), TESTS / "x.py") == [
        "tests/x.py:1: ROOT.parent",
        "tests/x.py:3: '../beside/reference.json'",
    ]


def test_configuration_files_of_the_fixtures_stay_inside() -> None:
    found = []
    configs = sorted(TESTS.rglob("*.toml"))
    assert configs, "the fixtures hold configuration files"
    for path in configs:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for value in _QUOTED.findall(line):
                if _PARENT_STEP.search(value) or value.startswith("/"):
                    target = (path.parent / value).resolve()
                    if not target.is_relative_to(ROOT):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {value}")
    assert found == []


def test_the_audit_hook_catches_a_read_outside() -> None:
    assert conftest.OUTSIDE_READS == []
    probe = Path("/", f"skillframe-probe-{uuid.uuid4().hex}", "reference.json")
    with pytest.raises(OSError):
        probe.read_text(encoding="utf-8")
    caught = list(conftest.OUTSIDE_READS)
    conftest.OUTSIDE_READS.clear()
    assert caught == [f"open {probe}"]


def test_reads_inside_are_allowed(tmp_path: Path) -> None:
    assert conftest.is_inside(str(ROOT / "frameworks" / "sources.yaml"))
    assert conftest.is_inside(str(tmp_path / "x.yaml"))
    assert not conftest.is_inside(str(ROOT.with_name("beside-the-repository") / "x.json"))
