"""The repository stands on its own: the tests read nothing outside it.

Two checks. The test sources name no path outside the repository: no Python string holds a
``..`` path step and no test climbs above the repository root with ``.parent``, and every
relative path in a configuration file of the fixtures stays inside. And while the suite runs, an
audit hook (installed by conftest.py) fails any test that opens or lists a file outside the
repository, the temporary folders the tests make, Python's installation and the system's folders;
the last test here proves that the hook is in place and catches such a read.
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


def test_no_test_source_names_a_parent_folder() -> None:
    found = []
    for path in _python_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _PARENT_STEP.search(node.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("parent", "parents")
                and isinstance(node.value, ast.Name)
                and node.value.id == "ROOT"
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: ROOT.{node.attr}")
    assert found == []


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
