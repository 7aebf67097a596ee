"""The documentation keeps step with the code.

The rule and command references in docs/ are generated; a test fails when either is out of
date, and its message gives the command that regenerates them. Every console example of the
README and of docs/ (a fenced ``console`` block) is run against the real command, and its output
must be the one printed.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillframe import docs
from skillframe.app import app
from skillframe.ruledoc import entry
from skillframe.rules import RULES

from .conftest import ROOT

DOCS = ROOT / "docs"
PAGES_WITH_EXAMPLES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("name", list(docs.PAGES))
def test_generated_page_is_up_to_date(name: str) -> None:
    path = DOCS / name
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    assert current == docs.PAGES[name](), (
        f"docs/{name} is out of date: run `{docs.REGENERATE}` in the repository and commit "
        "the pages it writes"
    )


def test_changing_a_rule_docstring_makes_the_rule_page_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert docs.stale(DOCS) == []
    rule = RULES["SF201"]
    monkeypatch.setitem(RULES, "SF201", dataclasses.replace(rule, doc=rule.doc + "\nMore.\n"))
    assert docs.stale(DOCS) == ["rules.md"]


def test_the_check_mode_names_the_stale_page(tmp_path: Path) -> None:
    (tmp_path / "commands.md").write_text(docs.commands_page(), encoding="utf-8")
    (tmp_path / "rules.md").write_text("# old\n", encoding="utf-8")
    assert docs.main(["--check", str(tmp_path)]) == 1
    assert docs.main([str(tmp_path)]) == 0
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == docs.rules_page()
    assert docs.main(["--check", str(tmp_path)]) == 0


def test_the_pages_do_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {name: make() for name, make in docs.PAGES.items()}
    monkeypatch.setenv("COLUMNS", "37")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert {name: make() for name, make in docs.PAGES.items()} == pages


def _rule_sections() -> dict[str, str]:
    """The entries of docs/rules.md by rule code: from its heading to the next one."""
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=## SF\d{3}\n)", text)
    return {part.split()[1]: part for part in parts[1:]}


@pytest.mark.parametrize("code", list(RULES))
def test_explain_prints_the_rule_page_entry(code: str) -> None:
    result = CliRunner().invoke(app, ["explain", code])
    assert result.exit_code == 0
    section = _rule_sections()[code]
    assert result.stdout == section.rstrip("\n") + "\n"


@pytest.mark.parametrize("code", list(RULES))
def test_rule_entries_read_as_markdown(code: str) -> None:
    text = entry(RULES[code])
    prose = re.sub(r"(?s)```.*?```", "", text)
    assert "``" not in prose and "::" not in prose, "reStructuredText left over"
    assert re.search(r"(?m)^Fails:\n\n```yaml\n", text), "a failing example"
    assert re.search(r"(?m)^Passes:\n\n```yaml\n", text), "a passing example"
    assert text.index("\nFails:") < text.index("\nPasses:")


# -- console examples ---------------------------------------------------------------------------


@dataclasses.dataclass
class Step:
    command: str
    expected: list[str]


@dataclasses.dataclass
class Example:
    where: str
    steps: list[Step]


def _examples() -> list[Example]:
    """Every fenced ``console`` block of the README and docs/: ``$ skillframe ...`` lines, each
    followed by the output it prints."""
    found = []
    for page in PAGES_WITH_EXAMPLES:
        lines = page.read_text(encoding="utf-8").splitlines()
        start = None
        for number, line in enumerate(lines, start=1):
            if start is None and line.strip() == "```console":
                start = number
            elif start is not None and line.strip() == "```":
                block = lines[start : number - 1]
                steps: list[Step] = []
                for entry in block:
                    if entry.startswith("$ "):
                        steps.append(Step(entry[2:], []))
                    else:
                        assert steps, f"{page.name}:{start}: output before any command"
                        steps[-1].expected.append(entry)
                found.append(Example(f"{page.relative_to(ROOT)}:{start}", steps))
                start = None
    return found


EXAMPLES = _examples()


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the output matches: a line ``...`` stands for any lines, and ``...`` inside a line
    for any text."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(_matches(rest, actual[at:]) for at in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split("..."))
    return re.fullmatch(pattern, actual[0]) is not None and _matches(rest, actual[1:])


def test_there_are_console_examples() -> None:
    assert len(EXAMPLES) >= 5
    assert all(example.steps for example in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.where)
def test_console_example(example: Example, tmp_path: Path) -> None:
    """The example runs in a copy of the repository's collection, its commands in order."""
    shutil.copytree(ROOT / "frameworks", tmp_path / "frameworks")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {
        **os.environ,
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "SOURCE_DATE_EPOCH": "0",
    }
    env.pop("FORCE_COLOR", None)
    for step in example.steps:
        words = shlex.split(step.command)
        assert words[0] == "skillframe", f"{example.where}: only skillframe commands are run"
        assert not {"|", ">", "<", ">>", "&&", ";"} & set(words), f"{example.where}: no shell"
        done = subprocess.run(
            [sys.executable, "-m", "skillframe", *words[1:]],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        # Trailing spaces (a table padded to the terminal's width) cannot be seen: not compared.
        actual = [line.rstrip() for line in done.stdout.rstrip("\n").splitlines()]
        expected = list(step.expected)
        while expected and not expected[-1].strip():
            expected.pop()
        assert _matches(expected, actual), (
            f"{example.where}: `{step.command}` printed:\n{done.stdout}"
        )


def _format_examples() -> list[str]:
    """The YAML examples of the format reference that are whole files (they start with
    ``schema:``)."""
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"(?ms)^```yaml\n(.*?)^```", text)
    return [b for b in blocks if b.startswith("schema: skillframe/")]


def test_the_format_reference_shows_every_kind_of_file() -> None:
    kinds = sorted(b.splitlines()[0] for b in _format_examples())
    assert kinds == [
        "schema: skillframe/framework@1",
        "schema: skillframe/sources@1",
        "schema: skillframe/taxonomy@1",
    ]


@pytest.mark.parametrize("example", _format_examples(), ids=lambda b: b.splitlines()[0])
def test_format_reference_example_lints_clean(example: str, tmp_path: Path) -> None:
    """Each whole-file example is a correct file, in a copy of this repository's collection."""
    from skillframe.lint import Linter

    shutil.copytree(ROOT / "frameworks", tmp_path / "frameworks")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "frameworks" / "example.yaml"
    target.write_text(example, encoding="utf-8")
    assert [f"{d.line}: {d.code} {d.message}" for d in Linter().lint_file(target)] == []


def test_the_configuration_example_is_accepted(tmp_path: Path) -> None:
    from skillframe.config import discover

    text = (DOCS / "format.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"(?ms)^```toml\n(\[tool\.skillframe\]\n.*?)^```", text)
    (tmp_path / "pyproject.toml").write_text(example, encoding="utf-8")
    config = discover(tmp_path)
    assert config.root == tmp_path
    assert config.onet_tasks == tmp_path / "frameworks" / "data" / "Task Statements.txt"
    assert config.ignore == ("SF206",)
