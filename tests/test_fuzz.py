"""Fuzzing: mutated copies of the bundled framework, driven through the command line.

Whatever the mutation, every command ends with exit 0, 1 or 2, never a traceback, and machine
formats stay valid JSON.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe.app import app

from .conftest import BUNDLED, FRAMEWORKS

runner = CliRunner()
ORIGINAL = BUNDLED.read_bytes()
LINES = ORIGINAL.splitlines(keepends=True)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """The bundled framework after a few random edits of the kinds merges and pastes make."""
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["delete", "duplicate", "truncate", "indent", "bytes", "brackets", "swap"]
            )
        )
        at = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            break
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "truncate":
            joined = b"".join(lines)
            cut = draw(st.integers(0, len(joined)))
            lines = joined[:cut].splitlines(keepends=True)
        elif kind == "indent":
            shift = draw(st.sampled_from([b" ", b"   ", b"\t", b""]))
            lines[at] = shift + lines[at].lstrip(b" ") if draw(st.booleans()) else shift + lines[at]
        elif kind == "bytes":
            junk = draw(st.binary(min_size=1, max_size=8))
            pos = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:pos] + junk + lines[at][pos:]
        elif kind == "brackets":
            swapped = bytes(draw(st.permutations(list(b"[]{}"))))
            lines[at] = lines[at].translate(bytes.maketrans(b"[]{}", swapped))
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return b"".join(lines)


def _workspace() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="skillframe-fuzz-"))
    (folder / "sources.yaml").write_bytes((FRAMEWORKS / "sources.yaml").read_bytes())
    (folder / "taxonomies").mkdir()
    for taxonomy in (FRAMEWORKS / "taxonomies").glob("*.yaml"):
        (folder / "taxonomies" / taxonomy.name).write_bytes(taxonomy.read_bytes())
    return folder


WORKSPACE = _workspace()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_lint_survives_any_mutation(content: bytes) -> None:
    target = WORKSPACE / "framework.yaml"
    target.write_bytes(content)
    result = runner.invoke(app, ["lint", "--format", "json", str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["files"] == 1
    for diagnostic in report["diagnostics"]:
        assert diagnostic["line"] >= 1 and diagnostic["column"] >= 1
        assert diagnostic["code"].startswith("SF")
    assert target.read_bytes() == content


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["md", "json", "case", "csv"]))
def test_export_survives_any_mutation(content: bytes, output_format: str) -> None:
    target = WORKSPACE / "framework.yaml"
    target.write_bytes(content)
    result = runner.invoke(app, ["export", "--format", output_format, str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), result.stderr
    if result.exit_code == 0 and output_format in ("json", "case"):
        json.loads(result.stdout)
    if result.exit_code != 0:
        assert result.stderr.strip() and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) <= 3, result.stderr
    assert target.read_bytes() == content


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fmt_check_survives_any_mutation(content: bytes) -> None:
    target = WORKSPACE / "framework.yaml"
    target.write_bytes(content)
    result = runner.invoke(app, ["fmt", "--check", str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == content


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(["--text", "--title", "--level"]))
def test_statement_edit_survives_any_mutation(content: bytes, option: str) -> None:
    target = WORKSPACE / "framework.yaml"
    target.write_bytes(content)
    value = {
        "--text": "states the rules in plain words.",
        "--title": "Plain rules",
        "--level": "expert",
    }
    result = runner.invoke(
        app,
        [
            "statement",
            "edit",
            str(target),
            "plain-language-traveler-directions",
            option,
            value[option],
        ],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr
    if result.exit_code != 0:
        assert result.stderr.strip(), "a refusal says why"
        assert target.read_bytes() == content, "a refused edit leaves the file byte-identical"


@st.composite
def aliased(draw: st.DrawFn) -> tuple[str, bool, int]:
    """A small file of anchored lists whose items are text or aliases of lists before them, or
    (sometimes) of the list itself; with whether it loops and how many values it expands to."""
    count = draw(st.integers(1, 5))
    lines = ["schema: skillframe/framework@1"]
    sizes: list[int] = []
    loops = False
    for index in range(count):
        items = draw(st.lists(st.integers(-1, index), min_size=1, max_size=4))
        shown = []
        size = 1
        for item in items:
            if item < 0:
                shown.append("x")
                size += 1
            elif item == index:
                shown.append(f"*a{item}")
                loops = True
            else:
                shown.append(f"*a{item}")
                size += sizes[item]
        sizes.append(size)
        lines.append(f"k{index}: &a{index} [{', '.join(shown)}]")
    # The mapping, the schema key and value, and each list's key and expansion.
    expanded = 1 + 2 + sum(1 + s for s in sizes)
    return "\n".join(lines) + "\n", loops, expanded


@settings(max_examples=150, deadline=None)
@given(aliased(), st.integers(0, 60))
def test_aliases_expand_or_are_refused_never_loop(case: tuple[str, bool, int], limit: int) -> None:
    from unittest import mock

    from skillframe import load

    text, loops, expanded = case
    distinct = 3 + 2 * text.count("&") + text.count(" x") + text.count("[x")
    with mock.patch.object(load, "MAX_NODES", limit):
        doc = load.load_text(text, "aliases.yaml")
    codes = [p.code for p in doc.problems]
    if loops:
        assert codes == ["SF008"] and "expand without end" in doc.problems[0].message
    elif expanded - distinct > limit:
        assert codes == ["SF008"] and "aliases repeated inside aliases" in doc.problems[0].message
    else:
        assert doc.data is not None and "SF008" not in codes
