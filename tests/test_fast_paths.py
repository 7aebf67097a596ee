"""The fast paths of lint give exactly what the plain paths give.

Lint composes with ruamel's C parser through a table-driven resolver, validates with a compiled
validator that also prunes the Python validator's walk, and shares many files among processes.
Each test here pins one of those down: it is really in use, and the diagnostics (codes, lines,
columns, messages) do not depend on it.
"""

from __future__ import annotations

import importlib.metadata
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe import __version__, lint, load
from skillframe import schema as schemas
from skillframe.diagnostics import Diagnostic
from skillframe.lint import Linter, lint_paths

from .conftest import FIXTURES, FRAMEWORKS, ROOT

#: Every YAML file the tests hold, plus the bundled frameworks: valid and broken in every way.
FILES = sorted(FIXTURES.rglob("*.yaml")) + sorted(FRAMEWORKS.rglob("*.yaml"))


def _stock_yaml() -> Any:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False)


def _tree(node: Any, seen: dict[int, int]) -> Any:
    """A node tree as plain tuples: tag, value or children, style, start and end; a node met
    again (an alias) is written as the number it was given the first time."""
    if id(node) in seen:
        return ("alias", seen[id(node)])
    seen[id(node)] = len(seen)
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if node.id == "scalar":
        return (node.tag, node.value, node.style, *marks)
    if node.id == "sequence":
        return (node.tag, [_tree(item, seen) for item in node.value], *marks)
    return (node.tag, [(_tree(k, seen), _tree(v, seen)) for k, v in node.value], *marks)


def _compose(yaml: Any, text: str) -> Any:
    try:
        node = yaml.compose(io.StringIO(text))
    except Exception as exc:  # the same error is expected of both parsers
        return ("error", type(exc).__name__, str(exc))
    return None if node is None else _tree(node, {})


def test_the_c_parser_is_installed_and_used() -> None:
    import _ruamel_yaml

    assert importlib.metadata.distribution("ruamel.yaml.clib")
    _, parser = load._yaml().get_constructor_parser(io.StringIO("a: 1\n"))
    try:
        assert isinstance(parser, _ruamel_yaml.CParser)
    finally:
        parser.dispose()
    assert load._yaml().Resolver is load._table_resolver()


#: The files compared node by node: all but those nested too deep to compare by recursion.
SHALLOW = [
    path
    for path in FILES
    if load._nesting_beyond(path.read_bytes().decode("utf-8", "replace"), 200) is None
]


@pytest.mark.parametrize("path", SHALLOW, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_table_resolver_composes_the_same_tree(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    assert _compose(load._yaml(), text) == _compose(_stock_yaml(), text)


TRICKY = [
    "", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "no", "on", "off", "y",
    "0", "-0", "+1", "010", "0o17", "0x1F", "0b101", "1_000", "1e3", "-1.5e-3", ".5", "1.",
    ".inf", "-.Inf", ".nan", "2025-09-01", "2025-9-1 10:00:00", "12:30", "1:30:00", "<<",
    "=", "task 9450", "33-3051.04", "2026.1", "07/2012",
]  # fmt: skip


@settings(max_examples=120, deadline=None)
@given(
    st.one_of(
        st.sampled_from(TRICKY),
        st.text(alphabet="0123456789+-._:eExXoObBtTfFnNyYaIl~<= ", min_size=1, max_size=10),
    )
)
def test_table_resolver_tags_every_plain_scalar_alike(scalar: str) -> None:
    for text in (f"- {scalar}\n", f"{scalar}: x\n", f"k: [{scalar}]\n"):
        assert _compose(load._yaml(), text) == _compose(_stock_yaml(), text)


def _diagnostics(paths: list[Path]) -> list[list[Diagnostic]]:
    linter = Linter()
    return [linter.lint_file(path) for path in paths]


def test_schema_paths_give_the_same_diagnostics(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only files that reach the schema: the others cannot differ (and one takes seconds).
    checked = [path for path in FILES if load.load_path(path).parsed]
    assert len(checked) > 40
    fast = _diagnostics(checked)
    full = schemas._full
    # Python jsonschema walking the whole file (no pruning at $ref) ...
    monkeypatch.setattr(schemas, "_full", lambda name: full(name, False))
    unpruned = _diagnostics(checked)
    # ... and with no compiled validator at all (a platform without jsonschema-rs).
    monkeypatch.setattr(schemas, "_fast", lambda name: None)
    python_only = _diagnostics(checked)
    assert fast == unpruned == python_only
    assert sum(map(len, fast)) > 30
    claimed = {d.code for ds in fast for d in ds}
    assert {"SF101", "SF102", "SF103", "SF104", "SF105", "SF106"} <= claimed


def test_parallel_lint_gives_the_serial_result(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    parallel = lint._parallel

    def counted(files: list[Path], *args: Any) -> list[list[Diagnostic]]:
        calls.append(len(files))
        return parallel(files, *args)

    monkeypatch.setattr(lint, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(lint, "_parallel", counted)
    serial = lint_paths([FIXTURES], jobs=1)
    assert calls == []
    shared = lint_paths([FIXTURES], jobs=2)
    assert calls == [serial.files]
    assert shared.files == serial.files == len(list(FIXTURES.rglob("*.yaml")))
    assert shared.diagnostics == serial.diagnostics
    assert len(serial.diagnostics) > 50


_PROBE = """
import json, sys
sys.argv = ["skillframe", *json.loads(sys.argv[1])]
from skillframe.__main__ import main
try:
    main()
except SystemExit:
    pass
heavy = ("typer", "click", "rich", "jsonschema", "jsonschema_rs", "ruamel", "pydantic")
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(heavy))
print("\\nLOADED " + json.dumps(loaded))
"""


def _loaded_by(*args: str) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
    )
    output, _, loaded = done.stdout.rpartition("\nLOADED ")
    return output, set(json.loads(loaded))


def test_version_imports_nothing_heavy() -> None:
    output, loaded = _loaded_by("--version")
    assert output == f"skillframe {__version__}\n"
    assert loaded == set()


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("--help",), "lint"),
        (("lint", "--help"), "--strict"),
        (("rules", "--format", "json"), "SF001"),
    ],
)
def test_help_does_not_import_the_checking_machinery(args: tuple[str, ...], shown: str) -> None:
    output, loaded = _loaded_by(*args)
    assert shown in output
    assert "typer" in loaded
    assert not loaded & {"jsonschema", "jsonschema_rs", "ruamel"}


def _nesting_scan(text: str, limit: int) -> int | None:
    """The nesting pre-check without its shortcuts: every bracket, every line prefix."""
    depth = 0
    for match in load._OPEN_CLOSE.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return text.count("\n", 0, match.start()) + 1
    if len(text) // 2 > limit:
        for match in load._BLOCK_PREFIX.finditer(text):
            if len(match.group()) > limit:
                return text.count("\n", 0, match.start()) + 1
    return None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="[]{}-?: \nab", max_size=60), st.integers(min_value=0, max_value=6))
def test_nesting_check_shortcuts_change_nothing(text: str, limit: int) -> None:
    assert load._nesting_beyond(text, limit) == _nesting_scan(text, limit)


def test_the_cycle_collector_waits_only_while_a_file_is_linted() -> None:
    import gc

    path = FIXTURES / "valid" / "full.yaml"
    assert gc.isenabled()
    assert Linter().lint_file(path) == []
    assert gc.isenabled()
    gc.disable()
    try:
        assert Linter().lint_file(path) == []
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_rule_switched_off_for_a_file_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from skillframe.rules import RULES

    calls: list[str] = []
    rule = RULES["SF503"]
    original = rule.check
    assert original is not None

    def counted(ctx: Any) -> Any:
        calls.append(ctx.path)
        return original(ctx)

    import dataclasses

    swapped = tuple(
        dataclasses.replace(r, check=counted) if r is rule else r for r in lint.DATA_RULES
    )
    monkeypatch.setattr(lint, "DATA_RULES", swapped)
    path = FRAMEWORKS / "customs-border-protection-officers.yaml"
    Linter().lint_file(path)
    assert len(calls) == 1
    Linter(ignore=["SF503"]).lint_file(path)
    Linter(ignore=["SF5"]).lint_file(path)
    Linter(select=["SF1", "SF2"]).lint_file(path)
    assert len(calls) == 1


class _CountedText(str):
    """Text that counts how often it is split into lines."""

    splits = 0

    def splitlines(self, keepends: bool = False) -> list[str]:
        _CountedText.splits += 1
        return super().splitlines(keepends)


def test_a_file_is_split_into_lines_once_however_many_findings() -> None:
    text = (FIXTURES / "invalid" / "SF508" / "stray-spaces.yaml").read_text(encoding="utf-8")
    doc = load.load_text(text, "stray-spaces.yaml")
    doc.text = _CountedText(doc.text)
    _CountedText.splits = 0
    found = lint.diagnose(doc, lint.Shared())
    assert len(found) >= 4
    assert _CountedText.splits == 1
