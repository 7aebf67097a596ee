"""GitHub annotations and SARIF as code scanning reads them: paths from the repository root
whatever the working folder, percent-encoded URIs with a base id, code point columns, every rule
documented; the SARIF validated against the official SARIF 2.1.0 schema (tests/sarif/)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.diagnostics import Diagnostic, Severity
from skillframe.lint import LintResult
from skillframe.report import as_sarif
from skillframe.rules import RULES

from .conftest import FIXTURES, ROOT

SARIF_SCHEMA = ROOT / "tests" / "sarif" / "sarif-schema-2.1.0.json"
MISSPELLED = FIXTURES / "invalid" / "SF201" / "misspelled.yaml"

runner = CliRunner()


def lint(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["lint", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def validate(sarif: Any) -> None:
    """The log against the official schema, its formats checked: the schema is draft-04, whose
    format checker knows no "uri-reference", so every known format is checked
    (rfc3986-validator checks URIs and URI references)."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "rfc3986-validator is missing"
    jsonschema.Draft4Validator(schema, format_checker=checker).validate(sarif)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository whose collection sits in a subfolder: ``site/`` holds the
    configuration, ``site/frameworks/`` a broken framework, ``tests/`` is another folder."""
    repo = tmp_path / "repo"
    site = repo / "site"
    (site / "frameworks").mkdir(parents=True)
    (repo / "tests").mkdir()
    shutil.copytree(FIXTURES / "shared", site / "shared")
    (site / "skillframe.toml").write_text(
        'sources = "shared/sources.yaml"\ntaxonomies = "shared/taxonomies"\n', encoding="utf-8"
    )
    shutil.copy(MISSPELLED, site / "frameworks" / "draft #2 é.yaml")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


@pytest.mark.parametrize("where", [".", "tests", "site/frameworks"])
def test_github_paths_are_relative_to_the_repository_root(
    repository: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / where)
    target = repository / "site" / "frameworks" / "draft #2 é.yaml"
    code, out = lint("--format", "github", os.path.relpath(target))
    assert code == 1
    assert out == (
        "::error file=site/frameworks/draft #2 é.yaml,line=19,col=16,title=SF201::"
        "citation 'pathsmit' names no known source; did you mean 'pathsmith'?\n"
    )


def test_without_git_paths_are_relative_to_the_collection_root(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(repository / ".git")
    monkeypatch.chdir(repository / "tests")
    code, out = lint("--format", "github", "../site/frameworks")
    assert code == 1
    assert out.startswith("::error file=frameworks/draft #2 é.yaml,line=19,col=16,title=SF201::")


@pytest.mark.parametrize("where", [".", "tests", "site/frameworks"])
def test_sarif_uris_are_relative_to_the_repository_root_and_percent_encoded(
    repository: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repository / where)
    target = repository / "site" / "frameworks" / "draft #2 é.yaml"
    code, out = lint("--format", "sarif", os.path.relpath(target))
    assert code == 1
    sarif = json.loads(out)
    validate(sarif)
    (run,) = sarif["runs"]
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": repository.resolve().as_uri() + "/"}}
    (result,) = run["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "site/frameworks/draft%20%232%20%C3%A9.yaml",
        "uriBaseId": "SRCROOT",
    }
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_columns_count_code_points(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A title after characters outside the Basic Multilingual Plane: its final period is at
    code point 32 (UTF-16 would count 34), and the log says which count it uses."""
    shutil.copytree(FIXTURES / "shared", tmp_path / "shared")
    (tmp_path / "skillframe.toml").write_text(
        'sources = "shared/sources.yaml"\ntaxonomies = "shared/taxonomies"\n', encoding="utf-8"
    )
    text = MISSPELLED.read_text(encoding="utf-8")
    text = text.replace("cite: [pathsmit]", "cite: [pathsmith]")
    text = text.replace("title: Plain answers", 'title: "\U0001d40flain \U0001f600 answers."')
    (tmp_path / "fw.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = lint("--format", "sarif", "--select", "SF505", "fw.yaml")
    assert code == 0
    sarif = json.loads(out)
    validate(sarif)
    (run,) = sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    (result,) = run["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 17,
        "startColumn": 32,
    }


def test_every_rule_in_sarif_has_readable_help_and_a_page() -> None:
    """One diagnostic of every rule: the log validates, and each rule carries its documentation
    as text and Markdown (no reStructuredText left) and the address of its section."""
    result = LintResult(
        1,
        [
            Diagnostic("frameworks/x.yaml", i + 1, 1, code, rule.severity, f"{code} here")
            for i, (code, rule) in enumerate(RULES.items())
        ],
    )
    sarif = json.loads(as_sarif(result))
    validate(sarif)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    for entry in rules:
        code = entry["id"]
        summary = RULES[code].summary.replace("``", "`")
        assert entry["shortDescription"]["text"] == summary
        assert entry["fullDescription"]["text"].startswith(summary)
        assert entry["help"]["text"].startswith(summary + "\n\n")
        markdown = entry["help"]["markdown"]
        assert markdown.startswith(f"**{code} {RULES[code].name}** ({RULES[code].severity.value}):")
        for rendered in (entry["fullDescription"]["text"], entry["help"]["text"], markdown):
            assert "``" not in rendered.replace("```yaml", "").replace("```\n", ""), code
            assert "::" not in rendered.replace("http://", "").replace("https://", ""), code
        assert entry["helpUri"] == (
            f"https://github.com/skillframe/skillframe/blob/main/docs/rules.md#{code.lower()}"
        )


def test_sarif_help_markdown_of_a_rule() -> None:
    """The exact Markdown of one rule: prose with code spans, the examples as YAML blocks."""
    result = LintResult(1, [Diagnostic("x.yaml", 1, 1, "SF201", Severity.ERROR, "m")])
    (rule,) = json.loads(as_sarif(result))["runs"][0]["tool"]["driver"]["rules"]
    assert rule["help"]["markdown"] == (
        "**SF201 unknown-source** (error): A citation names no known source.\n\n"
        "Every citation (in a statement, the evidence pack, the exposure section, or an anchor's "
        "`source`) must name a source listed under `sources:` in the framework itself or in the "
        "shared sources file of the collection (`sources.yaml` beside the framework, or the "
        "`sources` path of `[tool.skillframe]`). A misspelled id is the usual cause; the message "
        "suggests the closest one.\n\n"
        "Fails:\n\n```yaml\ncite: [onet2]\n```\n\n"
        "Passes:\n\n```yaml\ncite: [onet]        # listed in frameworks/sources.yaml\n```\n"
    )
    assert rule["help"]["text"].endswith(
        "Fails:\n\n    cite: [onet2]\n\nPasses:\n\n"
        "    cite: [onet]        # listed in frameworks/sources.yaml\n"
    )


def test_the_vendored_schema_rejects_what_code_scanning_would() -> None:
    """The schema check can fail: a region with column 0, and a URI with a raw space."""
    result = LintResult(1, [Diagnostic("x.yaml", 1, 1, "SF201", Severity.ERROR, "m")])
    sarif = json.loads(as_sarif(result))
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["region"]["startColumn"] = 0
    with pytest.raises(jsonschema.ValidationError):
        validate(sarif)
    location["region"]["startColumn"] = 1
    location["artifactLocation"]["uri"] = "draft #2 é.yaml"
    with pytest.raises(jsonschema.ValidationError):
        validate(sarif)
