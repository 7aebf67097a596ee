"""``lint --fix``: the safe fixes of the statement rules, applied through the editing machinery."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.edit import apply
from skillframe.tree import reorder_items

from .conftest import BUNDLED, FIXTURES, FRAMEWORKS

UNTIDY = FIXTURES / "fix" / "untidy.yaml"
GOLDEN = FIXTURES.parent / "golden" / "fix" / "untidy.yaml"


def _collection(root: Path) -> None:
    shared = FIXTURES / "shared"
    (root / "skillframe.toml").write_text(
        f'sources = "{shared / "sources.yaml"}"\ntaxonomies = "{shared / "taxonomies"}"\n',
        encoding="utf-8",
    )


def test_fix_applies_safe_fixes_and_reports_each(in_tmp: Path) -> None:
    _collection(in_tmp)
    shutil.copy(UNTIDY, in_tmp / "untidy.yaml")
    result = CliRunner().invoke(app, ["lint", "--fix", "untidy.yaml"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "untidy.yaml:17:32: SF505 fixed: removed the title's final period",
        "untidy.yaml:19:55: SF508 fixed: tidied the spaces of the text",
        "untidy.yaml:24:25: SF508 fixed: tidied the spaces of the title",
        "untidy.yaml:24:32: SF505 fixed: removed the title's final period",
        "untidy.yaml:23:16: SF511 fixed: ordered the domain's statements by level",
        "Fixed 5 problems in 1 file.",
    ]
    assert result.stdout == "All checks passed (1 file).\n"
    assert (in_tmp / "untidy.yaml").read_text(encoding="utf-8") == GOLDEN.read_text(
        encoding="utf-8"
    )
    again = CliRunner().invoke(app, ["lint", "--fix", "untidy.yaml"])
    assert again.stderr == ""


def test_fix_keeps_to_what_lint_reports(in_tmp: Path) -> None:
    _collection(in_tmp)
    text = UNTIDY.read_text(encoding="utf-8").replace(
        'title: "Assigned  duties."', 'title: "Assigned  duties."  # skillframe: ignore[SF505]'
    )
    (in_tmp / "untidy.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--fix", "--ignore", "SF511,SF508", "untidy.yaml"])
    assert result.stderr.splitlines() == [
        "untidy.yaml:17:32: SF505 fixed: removed the title's final period",
        "Fixed 1 problem in 1 file.",
    ]
    after = (in_tmp / "untidy.yaml").read_text(encoding="utf-8")
    assert after == text.replace("title: Shift leadership.  ", "title: Shift leadership")


def test_ordering_restores_the_bundled_framework_byte_for_byte(in_tmp: Path) -> None:
    """Foundational statements moved to the end of every domain, then put back by --fix."""
    for name in ("sources.yaml", "taxonomies"):
        source = FRAMEWORKS / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, in_tmp / name)
    path = in_tmp / BUNDLED.name
    shutil.copy(BUNDLED, path)

    def shuffle(tree: Any) -> None:
        for domain in tree["domains"]:
            seq = domain["statements"]
            low = [i for i in range(len(seq)) if seq[i]["level"] == "foundational"]
            reorder_items(seq, [i for i in range(len(seq)) if i not in low] + low)

    assert apply(path, shuffle).written
    assert path.read_bytes() != BUNDLED.read_bytes()
    result = CliRunner().invoke(app, ["lint", "--fix", str(path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == "Fixed 12 problems in 1 file."
    assert path.read_bytes() == BUNDLED.read_bytes()


def test_files_that_do_not_read_cleanly_are_left_alone(in_tmp: Path) -> None:
    _collection(in_tmp)
    broken = in_tmp / "broken.yaml"
    broken.write_text(UNTIDY.read_text(encoding="utf-8") + "  - [\n", encoding="utf-8")
    before = broken.read_bytes()
    result = CliRunner().invoke(app, ["lint", "--fix", "broken.yaml"])
    assert result.exit_code == 1
    assert result.stderr == ""
    assert broken.read_bytes() == before


def test_fmt_order_puts_statements_in_level_order(in_tmp: Path) -> None:
    _collection(in_tmp)
    shutil.copy(UNTIDY, in_tmp / "untidy.yaml")
    shutil.copy(UNTIDY, in_tmp / "kept.yaml")
    assert CliRunner().invoke(app, ["fmt", "kept.yaml"]).exit_code == 0
    kept = CliRunner().invoke(app, ["lint", "--select", "SF511", "kept.yaml"])
    assert "SF511" in kept.stdout  # without --order, fmt never moves a statement
    result = CliRunner().invoke(app, ["fmt", "--order", "untidy.yaml"])
    assert result.exit_code == 0
    assert result.stdout == "reformatted untidy.yaml\n"
    after = (in_tmp / "untidy.yaml").read_text(encoding="utf-8")
    assert after == (GOLDEN.parent / "fmt-order.yaml").read_text(encoding="utf-8")
    lint = CliRunner().invoke(app, ["lint", "--select", "SF511", "untidy.yaml"])
    assert lint.stdout == "All checks passed (1 file).\n"
    again = CliRunner().invoke(app, ["fmt", "--order", "--check", "untidy.yaml"])
    assert again.exit_code == 0


def test_a_refused_fix_leaves_the_file_as_it_was(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fix whose result would add an error is refused by the editing machinery."""
    from skillframe import lint
    from skillframe.diagnostics import Fix

    _collection(in_tmp)
    path = in_tmp / "untidy.yaml"
    shutil.copy(UNTIDY, path)
    before = path.read_bytes()
    offered = lint.offered_fixes

    def emptied(*args: Any, **kwargs: Any) -> list[tuple[Any, Fix]]:
        return [(d, Fix(f.at, "emptied the title", value="")) for d, f in offered(*args, **kwargs)][
            :1
        ]

    monkeypatch.setattr(lint, "offered_fixes", emptied)
    result = CliRunner().invoke(app, ["lint", "--fix", "untidy.yaml"])
    assert result.stderr.startswith("untidy.yaml: not fixed: ")
    assert path.read_bytes() == before


SF107 = FIXTURES / "invalid" / "SF107"


def test_fix_quotes_a_bare_date_in_a_sources_file(in_tmp: Path) -> None:
    """An unquoted date in a sources file (YAML 1.1 readers take it for a timestamp) is put in
    quotes, and that line alone changes."""
    before = (SF107 / "sources-date.yaml").read_text(encoding="utf-8")
    (in_tmp / "sources.yaml").write_text(before, encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--fix", "sources.yaml"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "sources.yaml:7:11: SF107 fixed: put the date 2025-09-01 in quotes",
        "Fixed 1 problem in 1 file.",
    ]
    assert result.stdout == "All checks passed (1 file).\n"
    after = (in_tmp / "sources.yaml").read_text(encoding="utf-8")
    assert after == before.replace("date: 2025-09-01", 'date: "2025-09-01"')


def test_a_yaml_1_1_reader_rejects_the_bare_date_and_accepts_the_fix(in_tmp: Path) -> None:
    """The failure SF107 prevents, with a real YAML 1.1 reader (PyYAML, which pre-commit
    installs): it reads the bare date as a date, which the sources schema refuses; once
    lint --fix has quoted it, the same reader and schema accept the file."""
    import json

    import jsonschema
    import yaml

    from skillframe.schema import schema_text

    schema = json.loads(schema_text("sources"))
    (in_tmp / "sources.yaml").write_bytes((SF107 / "sources-date.yaml").read_bytes())

    def errors() -> list[str]:
        data = yaml.safe_load((in_tmp / "sources.yaml").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        return [e.message for e in validator.iter_errors(data)]

    assert errors() == ["datetime.date(2025, 9, 1) is not of type 'string'"]
    assert CliRunner().invoke(app, ["lint", "--fix", "sources.yaml"]).exit_code == 0
    assert errors() == []


def test_a_bare_date_does_not_stop_an_edit(in_tmp: Path) -> None:
    """SF107 is a finding about how a value is written, not a file that cannot be read: an
    edit goes ahead, keeps the date's bytes, and lint --fix quotes the one under a key."""
    _collection(in_tmp)
    before = (SF107 / "framework-version.yaml").read_text(encoding="utf-8")
    (in_tmp / "fw.yaml").write_text(before, encoding="utf-8")
    edit = CliRunner().invoke(
        app, ["statement", "edit", "fw.yaml", "plain-answers", "--title", "Plain replies"]
    )
    assert edit.exit_code == 0, edit.output
    edited = before.replace("title: Plain answers", "title: Plain replies")
    assert (in_tmp / "fw.yaml").read_text(encoding="utf-8") == edited
    fixed = CliRunner().invoke(app, ["lint", "--fix", "fw.yaml"])
    assert fixed.exit_code == 1  # the dates in the tags lists are left to the writer
    assert (in_tmp / "fw.yaml").read_text(encoding="utf-8") == edited.replace(
        "version: 2026-01-15", 'version: "2026-01-15"'
    )
    assert [line.split(": SF107")[0] for line in fixed.stdout.splitlines() if "SF107" in line] == [
        "fw.yaml:21:16",
        "fw.yaml:27:16",
    ]
