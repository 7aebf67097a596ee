"""Control characters in file content and file names never reach a terminal or a CI log raw.

A newline inside a quoted value could print a line that GitHub reads as a workflow command
(``::error ...``); an ESC sequence repaints a terminal. Every value shown by a command is
escaped (``\\n``, ``\\x1b``), and lint reports such characters in text values (SF009).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.printable import printable, quote

from .conftest import FIXTURES

runner = CliRunner()
MINIMAL = FIXTURES / "valid" / "minimal.yaml"

#: The minimal framework with a title holding BEL, ESC and a colour sequence, a text holding NUL
#: and CR, a citation that forges a workflow command, and a local source id that forges another.
HOSTILE = (
    MINIMAL.read_text(encoding="utf-8")
    .replace("title: Plain answers", 'title: "Plain \\a answers \\e[31mred\\e[0m"')
    .replace(
        "text: answers travelers' questions",
        "text: \"answers\\0 and\\r answers travelers' questions",
    )
    .replace("checks they understood.", 'checks they understood."')
    .replace(
        "cite: [pathsmith]\n      - id: communication-standards",
        'cite: ["x\\n::error file=forged.yaml,line=1::FORGED"]\n'
        "      - id: communication-standards",
    )
    .replace(
        "domains:\n",
        'sources:\n  "s\\n::set-output name=x::y": {title: T, type: website, url: "https://e.org"}\n'
        "domains:\n",
    )
)
#: What no output line may carry: a raw control character (tab and line end aside).
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile(in_tmp: Path) -> Path:
    shutil.copy(FIXTURES / "skillframe.toml", in_tmp / "skillframe.toml")
    shutil.copytree(FIXTURES / "shared", in_tmp / "shared")
    path = in_tmp / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def assert_safe(output: str, own: tuple[str, ...] = ()) -> None:
    """No line reads as a workflow command but the ones starting ``own``; nothing raw."""
    for line in output.splitlines():
        assert line.startswith(own) or not line.lstrip().startswith("::"), line
    assert RAW_CONTROL.search(output.replace("\r\n", "\n")) is None, output


def test_the_hostile_file_holds_what_it_should(hostile: Path) -> None:
    from skillframe.load import load_path

    data = load_path(hostile).data
    statement = data["domains"][0]["statements"][0]
    assert statement["title"] == "Plain \x07 answers \x1b[31mred\x1b[0m"
    assert statement["text"].startswith("answers\x00 and\r answers travelers'")
    assert statement["cite"] == ["x\n::error file=forged.yaml,line=1::FORGED"]
    assert "s\n::set-output name=x::y" in data["sources"]


COMMANDS = [
    ["lint", "FILE"],
    ["lint", "--format", "github", "FILE"],
    ["statement", "show", "FILE", "plain-answers"],
    ["statement", "list", "FILE"],
    ["source", "list", "FILE"],
    ["stats", "FILE"],
    ["diff", str(MINIMAL), "FILE"],
    ["diff", str(MINIMAL), "FILE", "-f", "md"],
    ["export", "FILE", "-f", "md"],
    ["export", "FILE", "-f", "csv"],
    ["statement", "edit", "FILE", "communication-standards", "--title", "Other standards"],
    ["statement", "edit", "FILE", "plain-answers", "--title", "New\x1b[2J title"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_command_prints_control_characters(hostile: Path, command: list[str]) -> None:
    args = [str(hostile.name) if a == "FILE" else a for a in command]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), result.exception
    assert "Traceback" not in result.stderr
    assert result.stdout or result.stderr
    github = ("::error file=hostile.yaml,", "::warning file=hostile.yaml,")
    assert_safe(result.stdout, github if "github" in command else ())
    assert_safe(result.stderr)


def test_lint_reports_control_characters(hostile: Path) -> None:
    result = runner.invoke(app, ["lint", hostile.name])
    assert result.exit_code == 1
    found = [line for line in result.stdout.splitlines() if " SF009 " in line]
    assert found == [
        "hostile.yaml:19:16: SF009 error: the title holds control characters (\\a, \\x1b): remove them",
        "hostile.yaml:20:15: SF009 error: the text holds control characters (\\x00, \\r): remove them",
    ]
    assert (
        "hostile.yaml:21:16: SF201 error: citation 'x\\n::error file=forged.yaml,line=1::FORGED' "
        "names no known source" in result.stdout
    )


def test_a_file_name_with_a_newline(in_tmp: Path) -> None:
    shutil.copy(FIXTURES / "skillframe.toml", in_tmp / "skillframe.toml")
    shutil.copytree(FIXTURES / "shared", in_tmp / "shared")
    name = "a\n::error file=x.yaml,line=1::forged.yaml"
    (in_tmp / name).write_text(
        MINIMAL.read_text(encoding="utf-8").replace(
            "title: Plain answers", "title: Plain answers."
        ),
        encoding="utf-8",
    )
    for args in (["lint", name], ["statement", "list", name + "x"], ["export", name, "-f", "md"]):
        result = runner.invoke(app, args)
        assert_safe(result.stdout)
        assert_safe(result.stderr)
    result = runner.invoke(app, ["lint", name])
    assert result.stdout.startswith("a\\n::error file=x.yaml,line=1::forged.yaml:17:")


def test_printable_escapes_what_a_terminal_or_log_would_obey() -> None:
    assert printable("plain text, tab\tand all") == "plain text, tab\tand all"
    assert printable("a\nb\rc\x00d\x07e\x1b[31mf\x7fg\x85h\x9bi") == (
        "a\\nb\\rc\\x00d\\ae\\x1b[31mf\\x7fg\\x85h\\x9bi"
    )
    assert printable("line\u2028sep\u2029para") == "line\\u2028sep\\u2029para"
    assert printable("caf\udcff.yaml") == "caf\\xff.yaml"
    assert printable("lone \ud800 half") == "lone \\ud800 half"
    assert quote("it's\n") == "'it's\\n'"


def test_a_windows_line_break_in_a_text_is_not_a_control_character() -> None:
    from skillframe.rules.base import Context
    from skillframe.rules.sf009_control_characters import check

    data = {"title": "a\r\nb", "text": "a\rb", "name": "plain\ttab\nand line"}
    found = [(f.at, f.message) for f in check(Context(data=data, kind="framework"))]
    assert found == [(("text",), "the text holds control characters (\\r): remove them")]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_printable_leaves_nothing_a_terminal_obeys(text: str) -> None:
    shown = printable(text)
    assert RAW_CONTROL.search(shown) is None
    assert "\n" not in shown and "\r" not in shown
    assert re.search("[\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]", shown) is None
    assert printable(shown) == shown  # nothing left to escape


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12))
def test_any_value_is_shown_safely(hostile: Path, value: str) -> None:
    import json

    quoted = json.dumps(value)  # a YAML double-quoted scalar reads JSON escapes alike
    text = (
        MINIMAL.read_text(encoding="utf-8")
        .replace("title: Plain answers", f"title: {quoted}")
        .replace(
            "cite: [pathsmith]\n      - id: communication-standards",
            f"cite: [{quoted}]\n      - id: communication-standards",
        )
    )
    hostile.write_text(text, encoding="utf-8")
    for args in (
        ["lint", hostile.name],
        ["statement", "show", hostile.name, "plain-answers"],
        ["statement", "list", hostile.name],
    ):
        result = runner.invoke(app, args)
        assert "Traceback" not in result.stderr
        assert_safe(result.stdout)
        assert_safe(result.stderr)
