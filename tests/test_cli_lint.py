"""The lint command end to end: formats, exit codes, rule selection, configuration, suppression."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe import __version__
from skillframe.app import app

from .conftest import FIXTURES, ROOT

runner = CliRunner()

MISSPELLED = FIXTURES / "invalid" / "SF201" / "misspelled.yaml"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def lint(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["lint", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


@pytest.fixture
def collection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small collection with its own configuration, as a writer's repository would have."""
    (tmp_path / "frameworks").mkdir()
    shutil.copytree(FIXTURES / "shared", tmp_path / "shared")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.skillframe]\npaths = ["frameworks"]\n'
        'sources = "shared/sources.yaml"\ntaxonomies = "shared/taxonomies"\n',
        encoding="utf-8",
    )
    shutil.copy(MINIMAL, tmp_path / "frameworks" / "good.yaml")
    shutil.copy(MISSPELLED, tmp_path / "frameworks" / "bad.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"skillframe {__version__}\n"


def test_clean_file_exits_0() -> None:
    code, out = lint(str(MINIMAL))
    assert code == 0
    assert out == "All checks passed (1 file).\n"


def test_text_format(collection: Path) -> None:
    code, out = lint("frameworks/bad.yaml")
    assert code == 1
    assert out.splitlines() == [
        "frameworks/bad.yaml:19:16: SF201 error: citation 'pathsmit' names no known source; did you mean 'pathsmith'?",
        "   19 |         cite: [pathsmit]",
        "      |                ^",
        "",
        "Found 1 error in 1 file.",
    ]


def test_no_path_lints_the_configured_collection(collection: Path) -> None:
    code, out = lint("--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["files"] == 2
    assert [d["path"] for d in report["diagnostics"]] == ["frameworks/bad.yaml"]


def test_config_is_found_from_a_subfolder(
    collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(collection / "frameworks")
    code, out = lint("good.yaml")
    assert code == 0, out
    code, out = lint("--format", "json")
    assert json.loads(out)["files"] == 2
    assert code == 1


def test_json_format_is_exactly_the_contract(collection: Path) -> None:
    code, out = lint("--format", "json", "frameworks/bad.yaml")
    assert code == 1
    assert json.loads(out) == {
        "files": 1,
        "diagnostics": [
            {
                "path": "frameworks/bad.yaml",
                "line": 19,
                "column": 16,
                "code": "SF201",
                "severity": "error",
                "message": "citation 'pathsmit' names no known source; did you mean 'pathsmith'?",
            }
        ],
        "summary": {"errors": 1, "warnings": 0},
    }


@settings(max_examples=40, deadline=None)
@given(
    messages=st.lists(st.text(), max_size=6),
    path=st.text(min_size=1),
    line=st.integers(1, 10**6),
)
def test_json_is_written_as_json_dumps_writes_it(messages: list[str], path: str, line: int) -> None:
    """The JSON report is written without json's (slow) indenting encoder, byte for byte as it
    would write it, whatever the texts: quotes, backslashes, line breaks, control characters,
    any Unicode."""
    from skillframe.diagnostics import Diagnostic, Severity
    from skillframe.lint import LintResult
    from skillframe.report import as_json

    result = LintResult(
        files=3,
        diagnostics=[
            Diagnostic(path, line + n, n + 1, "SF503", Severity.WARNING, message)
            for n, message in enumerate(messages)
        ],
    )
    payload = {
        "files": 3,
        "diagnostics": [d.as_dict() for d in result.diagnostics],
        "summary": {"errors": result.errors, "warnings": result.warnings},
    }
    assert as_json(result) == json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def test_github_format(collection: Path) -> None:
    code, out = lint("--format", "github", "frameworks/bad.yaml")
    assert code == 1
    assert out == (
        "::error file=frameworks/bad.yaml,line=19,col=16,title=SF201::"
        "citation 'pathsmit' names no known source; did you mean 'pathsmith'?\n"
    )


def test_github_format_escapes_properties_and_data(tmp_path: Path) -> None:
    from skillframe.diagnostics import Diagnostic, Severity
    from skillframe.lint import LintResult
    from skillframe.report import as_github

    result = LintResult(1, [Diagnostic("a,b:c.yaml", 1, 2, "SF205", Severity.WARNING, "50%\nnext")])
    # A Diagnostic never holds a raw line break: its message is kept printable ("\\n").
    assert result.diagnostics[0].message == "50%\\nnext"
    assert (
        as_github(result)
        == "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=SF205::50%25\\nnext\n"
    )


def test_sarif_format(collection: Path) -> None:
    code, out = lint("--format", "sarif", "frameworks/bad.yaml")
    assert code == 1
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "skillframe"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["SF201"]
    (result,) = run["results"]
    assert result["ruleId"] == "SF201"
    assert result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 19, "startColumn": 16}
    assert (
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "frameworks/bad.yaml"
    )


def test_warnings_pass_unless_strict() -> None:
    path = FIXTURES / "invalid" / "SF205" / "unused-local-source.yaml"
    code, out = lint(str(path))
    assert code == 0
    assert "SF205" in out and "Found 1 warning in 1 file." in out
    code, _ = lint("--strict", str(path))
    assert code == 1


def test_select_and_ignore() -> None:
    path = FIXTURES / "invalid" / "SF106" / "source-key.yaml"
    codes = lambda out: [d["code"] for d in json.loads(out)["diagnostics"]]  # noqa: E731
    assert codes(lint("-f", "json", str(path))[1]) == ["SF106", "SF205", "SF201"]
    assert codes(lint("-f", "json", "--select", "SF2", str(path))[1]) == ["SF205", "SF201"]
    assert codes(lint("-f", "json", "--ignore", "SF205", "--ignore", "SF106", str(path))[1]) == [
        "SF201"
    ]
    assert codes(lint("-f", "json", "--select", "SF201,SF106", str(path))[1]) == ["SF106", "SF201"]


def test_unknown_rule_code_is_a_usage_error() -> None:
    result = runner.invoke(app, ["lint", "--select", "SF999", str(MINIMAL)])
    assert result.exit_code == 2
    assert "'SF999' is not a rule code" in result.stderr


def test_config_select_ignore_and_per_file_ignores(collection: Path) -> None:
    pyproject = collection / "pyproject.toml"
    base = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(base + 'ignore = ["SF201"]\n', encoding="utf-8")
    assert lint("frameworks")[0] == 0
    pyproject.write_text(base + 'select = ["SF1"]\n', encoding="utf-8")
    assert lint("frameworks")[0] == 0
    pyproject.write_text(
        base + '\n[tool.skillframe.per-file-ignores]\n"frameworks/bad.yaml" = ["SF201"]\n',
        encoding="utf-8",
    )
    assert lint("frameworks")[0] == 0
    pyproject.write_text(
        base + '\n[tool.skillframe.per-file-ignores]\n"frameworks/good.yaml" = ["SF201"]\n',
        encoding="utf-8",
    )
    assert lint("frameworks")[0] == 1


def test_exclude_patterns(collection: Path) -> None:
    pyproject = collection / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + 'exclude = ["bad.yaml"]\n', encoding="utf-8"
    )
    code, out = lint("--format", "json")
    assert code == 0
    assert json.loads(out)["files"] == 1


def test_bad_configuration_is_a_clear_error(collection: Path) -> None:
    pyproject = collection / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + 'ignroe = ["SF201"]\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 2
    assert "unknown configuration key 'ignroe'" in result.stderr


def test_inline_suppression(collection: Path) -> None:
    bad = collection / "frameworks" / "bad.yaml"
    text = bad.read_text(encoding="utf-8")
    bad.write_text(
        text.replace("cite: [pathsmit]", "cite: [pathsmit]  # skillframe: ignore[SF201]"),
        encoding="utf-8",
    )
    assert lint("frameworks/bad.yaml")[0] == 0
    bad.write_text(
        text.replace("cite: [pathsmit]", "cite: [pathsmit]  # skillframe: ignore[SF202]"),
        encoding="utf-8",
    )
    assert lint("frameworks/bad.yaml")[0] == 1
    bad.write_text(
        text.replace("cite: [pathsmit]", "cite: [pathsmit]  # skillframe: ignore"), encoding="utf-8"
    )
    assert lint("frameworks/bad.yaml")[0] == 0


def test_missing_path_exits_2(in_tmp: Path) -> None:
    result = runner.invoke(app, ["lint", "nowhere.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "skillframe: error: path 'nowhere.yaml' does not exist\n"


def test_folder_search_reports_files_without_schema(in_tmp: Path) -> None:
    (in_tmp / "notes.yml").write_text("title: not a framework\n", encoding="utf-8")
    (in_tmp / "readme.txt").write_text("ignored\n", encoding="utf-8")
    code, out = lint("--format", "json", ".")
    report = json.loads(out)
    assert code == 1
    assert report["files"] == 1
    assert report["diagnostics"][0]["code"] == "SF006"


def test_syntax_error_is_a_diagnostic_not_a_crash(in_tmp: Path) -> None:
    (in_tmp / "broken.yaml").write_text(
        "schema: skillframe/framework@1\ntitle: [unclosed\n", encoding="utf-8"
    )
    code, out = lint("--format", "json", "broken.yaml")
    assert code == 1
    (diagnostic,) = json.loads(out)["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"]) == ("SF001", 3)


def test_bundled_collection_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = lint("--strict")
    assert code == 0, out
    assert out.startswith("All checks passed")


def test_rules_lists_every_rule() -> None:
    from skillframe.rules import RULES

    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [r["code"] for r in listed] == list(RULES)
    assert all(r["summary"] and r["severity"] in ("error", "warning") for r in listed)
    text = runner.invoke(app, ["rules"])
    assert text.exit_code == 0 and "SF201" in text.stdout and "unknown-source" in text.stdout


def test_explain() -> None:
    result = runner.invoke(app, ["explain", "sf201"])
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "## SF201\n\n**SF201 unknown-source** (error): A citation names no known source.\n"
    )
    assert "\nFails:\n\n```yaml\ncite: [onet2]\n```\n" in result.stdout
    assert "\nPasses:\n\n```yaml\ncite: [onet]" in result.stdout
    by_name = runner.invoke(app, ["explain", "unknown-source"])
    assert by_name.stdout == result.stdout
    missing = runner.invoke(app, ["explain", "SF20"])
    assert missing.exit_code == 2
    assert "no rule 'SF20'" in missing.stderr


@pytest.mark.parametrize("name", ["framework", "sources", "taxonomy"])
def test_schema_command_prints_the_bundled_schema(name: str) -> None:
    result = runner.invoke(app, ["schema", name])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(
        (ROOT / "schemas" / f"{name}.schema.json").read_text()
    )


def _command_paths() -> list[list[str]]:
    import typer.main

    def walk(prefix: list[str], command: object) -> list[list[str]]:
        subs = getattr(command, "commands", None)
        if not subs:
            return [prefix]
        found = []
        for name, sub in subs.items():
            found.extend(walk([*prefix, name], sub))
        return found

    from skillframe.app import load_command

    group = typer.main.get_command(app)
    # Commands load lazily: walk each one as it is when it runs.
    paths = [p for name in group.commands for p in walk([name], load_command(name))]  # type: ignore[attr-defined]
    assert len(paths) > len(group.commands)  # type: ignore[attr-defined]
    return paths


def test_every_command_has_help_with_an_example() -> None:
    paths = _command_paths()
    assert len(paths) > 10
    for path in paths:
        for flag in ("-h", "--help"):
            result = runner.invoke(app, [*path, flag])
            assert result.exit_code == 0, path
            assert "Example" in result.stdout, f"{' '.join(path)} help has no example"


def test_help_names_values_in_words_not_programmer_notation() -> None:
    """Issue 14 item 8: no ``<bool>``, ``<list[Path]>``, ``<int range> [x>=0]``, ``{file}``."""
    seen = ""
    for path in _command_paths():
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, path
        for notation in ("<bool>", "<list[", "range>", "[x>=", "<str>", "<Path>", "<int"):
            assert notation not in result.stdout, f"{' '.join(path)} help shows {notation}"
        assert not re.search(r"\{[a-z_]+\}", result.stdout), f"{' '.join(path)}: {{name}}"
        seen += result.stdout
    lint_help = runner.invoke(app, ["lint", "--help"], env={"COLUMNS": "200"}).stdout
    assert "Usage: skillframe lint [OPTIONS] [PATH...]" in lint_help
    assert "text|json|github|sarif" in lint_help
    assert "--jobs        -j      NUMBER" in lint_help
    cite_help = runner.invoke(app, ["cite", "add", "--help"], env={"COLUMNS": "200"}).stdout
    assert "Usage: skillframe cite add [OPTIONS] FILE ID SOURCE" in cite_help
    assert "--locator          LOCATOR" in cite_help


@pytest.mark.parametrize("word", ["true", "False", "yes", "1"])
def test_a_switch_given_a_value_is_told_so(word: str) -> None:
    """Issue 14 item 8: ``lint --strict true`` was read as a path named 'true'."""
    result = runner.invoke(app, ["lint", "--strict", word, str(MINIMAL)])
    assert result.exit_code == 2
    assert "--strict takes no value: write --strict alone to turn it on" in result.output
    assert f"(remove '{word}')" in result.output
    assert "does not exist" not in result.output


def test_every_finding_line_names_its_severity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 7: without colour an error line and a warning line differ in words."""
    monkeypatch.chdir(FIXTURES)
    warned = "invalid/SF505/final-period.yaml"
    code, out = lint("invalid/SF201/misspelled.yaml", warned, "--select", "SF201,SF505")
    assert code == 1
    findings = [line for line in out.splitlines() if ": SF" in line]
    assert {line.split(": ")[1].split(" ")[:2][1] for line in findings} == {"error", "warning"}
    for line in findings:
        _where, code_severity, _ = line.split(": ", 2)
        assert code_severity in ("SF201 error", "SF505 warning"), line
    # JSON keeps its own severity field, and the message without the word.
    _, out = lint(warned, "--format", "json", "--select", "SF505")
    diagnostics = json.loads(out)["diagnostics"]
    assert [d["severity"] for d in diagnostics] == ["warning"] * len(diagnostics)
    assert all(not d["message"].startswith("warning") for d in diagnostics)


def test_a_dozen_mistakes_each_at_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole text report of a file with many different mistakes, byte for byte."""
    monkeypatch.chdir(FIXTURES)
    code, out = lint("dozen/mistakes.yaml")
    assert code == 1
    assert out == (FIXTURES / "dozen" / "mistakes.expected").read_text(encoding="utf-8")
    codes = {line.split(" ")[1] for line in out.splitlines() if line.startswith("dozen/")}
    assert len(codes) >= 12
