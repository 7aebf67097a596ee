"""Start-up: help answers without importing the application; each command loads what it uses."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.main import get_command

from skillframe.app import COMMANDS, app, load_command

_PROBE = """
import json, sys
from skillframe.app import app
sys.argv = ["skillframe", *json.loads(sys.argv[1])]
try:
    app()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("skillframe", "ruamel", "jsonschema", "rapidfuzz")))))
"""


def modules_after(*args: str) -> set[str]:
    """The modules of skillframe (and its heavy dependencies) a run of the command imported."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_imports_no_command() -> None:
    assert modules_after("--help") == {
        "skillframe",
        "skillframe.app",
        "skillframe.errors",
        "skillframe.printable",
    }


@pytest.mark.parametrize("group", ["statement", "import", "source"])
def test_a_group_help_imports_its_commands_only(group: str) -> None:
    loaded = modules_after(group, "--help")
    heavy = {m for m in loaded if m.startswith(("ruamel", "jsonschema", "rapidfuzz"))}
    assert heavy == set()
    assert not {"skillframe.lint", "skillframe.rules", "skillframe.edit"} & loaded
    others = {f"skillframe.commands.{where.split(':')[0]}" for _, where, _ in COMMANDS}
    assert len(others & loaded) <= 2  # its own module (and the shared options it uses)


def test_each_listed_help_line_is_the_commands_own() -> None:
    for name, _, short in COMMANDS:
        command = load_command(name)
        assert command.get_short_help_str(limit=10_000) == short, name


def test_every_command_is_listed_once() -> None:
    root = get_command(app)
    ctx = root.make_context("skillframe", [], resilient_parsing=True)
    assert root.list_commands(ctx) == [name for name, _, _ in COMMANDS]
