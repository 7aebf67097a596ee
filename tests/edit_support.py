"""Helpers for the editing tests: a workspace with the shared sources and taxonomies."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from typer.testing import CliRunner

from skillframe.app import app
from skillframe.diagnostics import Severity
from skillframe.lint import Linter

from .conftest import FIXTURES, ROOT

EDIT_FIXTURES = FIXTURES / "edit"
GOLDEN = ROOT / "tests" / "golden" / "edit"

#: Words that need care in YAML (quotes, colons, comments, numbers, booleans) among plain ones.
TRICKY_WORDS = [
    "keeps",
    "calm",
    "radio",
    "tug",
    "checks",
    "the",
    "plan",
    "berth",
    "port's",
    "note:",
    "#1",
    "50%",
    "'quoted'",
    '"double"',
    "-",
    "yes",
    "null",
    "1.5",
    "{brace}",
    "[list]",
    "café",
    "a: b",
]


def workspace(folder: Path, *fixtures: str) -> Path:
    """``folder`` set up as a collection (shared sources and taxonomies, skillframe.toml) holding
    copies of the named edit fixtures."""
    shutil.copytree(FIXTURES / "shared", folder / "shared")
    shutil.copy(FIXTURES / "skillframe.toml", folder / "skillframe.toml")
    for name in fixtures:
        shutil.copy(EDIT_FIXTURES / name, folder / name)
    return folder


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input)


def errors(path: Path) -> list[str]:
    """The file's lint errors as ``line:col: CODE message``."""
    return [
        f"{d.line}:{d.column}: {d.code} {d.message}"
        for d in Linter().lint_file(path)
        if d.severity is Severity.ERROR
    ]


def assert_golden(case: str, got: bytes) -> None:
    """``got`` is byte for byte ``tests/golden/edit/<case>.yaml`` (SKILLFRAME_REGEN=1 rewrites
    it, to be reviewed)."""
    golden = GOLDEN / f"{case}.yaml"
    if os.environ.get("SKILLFRAME_REGEN"):
        golden.write_bytes(got)
    assert got == golden.read_bytes()
