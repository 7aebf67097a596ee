"""The exposure table: its arithmetic, its rules' edge cases, and the exposure command."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.exposure import exposure_table, markdown_table, rounded, shown, summary
from skillframe.model import read_framework
from skillframe.rules import sf601_exposure_contribution as sf601
from skillframe.rules import sf602_exposure_weights as sf602
from skillframe.rules import sf603_exposure_score as sf603
from skillframe.rules.base import Context

from .conftest import BUNDLED, FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "exposure"
COMPLETE = FIXTURES / "valid" / "exposure.yaml"
runner = CliRunner()


def test_bundled_table_rows_by_contribution() -> None:
    table = exposure_table(read_framework(BUNDLED))
    assert table is not None
    assert [(r.anchor, r.task[:22], str(r.contribution)) for r in table.rows] == [
        ("onet-task-9450", "Examine immigration ap", "14.8"),
        (None, "Select for secondary i", "11.7"),
        ("onet-task-9454", "Inspect cargo, baggage", "8.8"),
    ]
    assert (table.weights, table.total, table.score, table.complete) == (
        Decimal(53),
        Decimal("35.3"),
        57,
        False,
    )
    assert summary(table) == (
        "Score: 57/100; the tasks listed cover 53% of working time and contribute 35.3 "
        "(the table is incomplete)."
    )


def test_no_exposure_section_gives_no_table() -> None:
    assert exposure_table(read_framework(FIXTURES / "valid" / "minimal.yaml")) is None


def framework_with(exposure: dict[str, Any]) -> Any:
    from skillframe.model import framework_from

    data = {"id": "x", "title": "X", "scope": "s", "exposure": exposure}
    return framework_from(data)


def test_summary_of_each_kind_of_table() -> None:
    tasks = [
        {"text": "A", "weight": 60, "likelihood": 50},
        {"text": "B", "weight": 40, "likelihood": 25},
    ]
    complete = exposure_table(framework_with({"cite": ["x"], "complete": True, "tasks": tasks}))
    incomplete = exposure_table(framework_with({"cite": ["x"], "tasks": tasks[:1]}))
    scored = exposure_table(
        framework_with({"cite": ["x"], "complete": True, "score": 40, "tasks": tasks})
    )
    assert complete and incomplete and scored
    assert summary(complete) == "Score: 40/100 (the sum of the contributions, rounded)."
    assert summary(scored) == "Score: 40/100 (the sum of the contributions)."
    assert summary(incomplete) == (
        "No overall score given; the tasks listed cover 60% of working time and contribute 30."
    )


def test_ties_keep_the_file_order_and_cells_are_escaped() -> None:
    tasks = [
        {"text": "First | with a pipe", "weight": 10, "likelihood": 50},
        {"text": "Second", "weight": 50, "likelihood": 10},
        {"text": "Third", "weight": 20, "likelihood": 50},
    ]
    table = exposure_table(framework_with({"cite": ["x"], "tasks": tasks}))
    assert table is not None
    assert [r.task for r in table.rows] == ["Third", "First | with a pipe", "Second"]
    assert "| First \\| with a pipe |  | 10 | 50 | 5.0 |" in markdown_table(table)


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 100), st.integers(0, 100))
def test_contribution_rounds_half_up_like_a_reader(weight: int, likelihood: int) -> None:
    tenths = (weight * likelihood + 5) // 10  # the product / 100 in tenths, half up, exactly
    expected = Decimal(tenths) / 10
    table = exposure_table(
        framework_with(
            {"cite": ["x"], "tasks": [{"text": "t", "weight": weight, "likelihood": likelihood}]}
        )
    )
    assert table is not None and table.rows[0].contribution == expected

    def findings(value: float) -> list[str]:
        task = {"text": "t", "weight": weight, "likelihood": likelihood, "contribution": value}
        data = {"exposure": {"cite": ["x"], "tasks": [task]}}
        return [f.message for f in sf601.check(Context(data, "framework"))]

    assert findings(float(expected)) == []
    assert findings(weight * likelihood / 100) == []  # the exact product is accepted too
    wrong = findings(float(expected + Decimal("0.1")))
    assert len(wrong) == 1 and f"should be {rounded(expected, 1)}" in wrong[0]


def rule_messages(rule: Any, exposure: dict[str, Any]) -> list[str]:
    return [f.message for f in rule.check(Context({"exposure": exposure}, "framework"))]


@pytest.mark.parametrize(
    ("weights", "complete", "ok"),
    [
        ([33.3, 33.3, 33.3], True, True),  # 99.9: three weights rounded to a tenth
        ([33, 33, 33], True, True),  # 99: three whole weights may each be off by a half
        ([49, 49], True, False),  # 98: two whole weights can explain only 1
        ([50, 50.5], False, True),  # 100.5: within the rounding of the two weights
        ([50, 52], False, False),
        ([20, 30], False, True),
    ],
)
def test_weights_are_allowed_their_rounding(weights: list[float], complete: bool, ok: bool) -> None:
    tasks = [{"text": "t", "weight": w, "likelihood": 10} for w in weights]
    found = rule_messages(sf602, {"cite": ["x"], "complete": complete, "tasks": tasks})
    assert (found == []) == ok, found


def test_score_may_round_the_exact_sum_or_the_rounded_contributions() -> None:
    # 5 x 9 / 100 = 0.45 (0.5 to one decimal) and 56 x 100 / 100 = 56: the exact sum is 56.45,
    # which rounds to 56; the contributions as published add up to 56.5, which rounds to 57.
    tasks = [
        {"text": "a", "weight": 5, "likelihood": 9},
        {"text": "b", "weight": 56, "likelihood": 100},
        {"text": "c", "weight": 39, "likelihood": 0},
    ]
    for score in (56, 57):
        assert (
            rule_messages(sf603, {"cite": ["x"], "complete": True, "score": score, "tasks": tasks})
            == []
        )
    assert rule_messages(sf603, {"cite": ["x"], "complete": True, "score": 58, "tasks": tasks}) == [
        "the exposure score 58 should be 56: the table is complete and its contributions add up to 56.45"
    ]
    assert (
        rule_messages(sf603, {"cite": ["x"], "complete": True, "score": 56.5, "tasks": tasks}) == []
    )


def test_rules_skip_what_the_schema_reports() -> None:
    broken = {
        "cite": ["x"],
        "complete": True,
        "score": 3,
        "tasks": [{"text": "t", "weight": "ten", "likelihood": 1}],
    }
    for rule in (sf601, sf602, sf603):
        assert rule_messages(rule, broken) == []
    assert rule_messages(sf602, {"cite": ["x"], "tasks": "none"}) == []


def test_shown_numbers() -> None:
    assert [shown(v) for v in (18, 18.0, 14.76, Decimal("35.30"), 0.0, Decimal("1E+2"))] == [
        "18",
        "18",
        "14.76",
        "35.3",
        "0",
        "100",
    ]


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def plain_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text table as rich renders it off a terminal, whatever the developer's shell says."""
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SKILLFRAME_REGEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("md", "md"), ("json", "json")])
def test_exposure_command_on_the_bundled_framework(
    fmt: str, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["exposure", str(BUNDLED.relative_to(ROOT)), "--format", fmt])
    assert result.exit_code == 0, result.output
    golden(f"customs-border-protection-officers.{suffix}", result.stdout)


def test_exposure_command_on_a_complete_table_with_horizons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(FIXTURES)
    result = runner.invoke(app, ["exposure", "valid/exposure.yaml", "-f", "md"])
    assert result.exit_code == 0
    golden("complete.md", result.stdout)
    data = json.loads(runner.invoke(app, ["exposure", "valid/exposure.yaml", "-f", "json"]).stdout)
    assert (data["score"], data["weights"], data["contributions"], data["complete"]) == (
        73,
        100,
        73.2,
        True,
    )
    assert [t["contribution"] for t in data["tasks"]] == [41.0, 23.4, 8.8]
    text = runner.invoke(app, ["exposure", "valid/exposure.yaml"]).stdout
    assert "horizon: 1-3 years" in text and "Score: 73/100 (the sum of the contributions)." in text


def test_exposure_command_without_a_section_or_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    result = runner.invoke(app, ["exposure", "valid/minimal.yaml"])
    assert result.exit_code == 1
    assert (
        result.stderr
        == "skillframe: error: valid/minimal.yaml: the framework has no exposure: section\n"
    )
    result = runner.invoke(app, ["exposure", "valid/nowhere.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "skillframe: error: path 'valid/nowhere.yaml' does not exist\n"
    result = runner.invoke(app, ["exposure", "valid/sources.yaml"])
    assert result.exit_code == 1
    assert "is not a framework" in result.stderr


def test_the_library_gives_what_the_command_prints() -> None:
    """What the Markdown export and stats call gives the same table as the command."""
    table = exposure_table(read_framework(BUNDLED))
    assert table is not None
    assert markdown_table(table) == (GOLDEN / "customs-border-protection-officers.md").read_text(
        encoding="utf-8"
    )


def test_stats_include_the_exposure_table_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    bundled = str(BUNDLED.relative_to(ROOT))
    text = runner.invoke(app, ["stats", bundled]).stdout
    assert "AI exposure by task (incomplete table)" in text
    assert text.index("AI exposure by task") < text.index("Lint: no findings.")
    md = runner.invoke(app, ["stats", "--format", "md", bundled]).stdout
    assert (
        "### AI exposure by task (incomplete table)\n\n"
        + (GOLDEN / "customs-border-protection-officers.md").read_text(encoding="utf-8")
        in md
    )
    payload = json.loads(runner.invoke(app, ["stats", "--format", "json", bundled]).stdout)
    command = json.loads(runner.invoke(app, ["exposure", bundled, "--format", "json"]).stdout)
    assert payload["frameworks"][0]["exposure"] == {
        k: v for k, v in command.items() if k not in ("framework", "path")
    }
    minimal = json.loads(
        runner.invoke(app, ["stats", "-f", "json", str(FIXTURES / "valid" / "minimal.yaml")]).stdout
    )
    assert minimal["frameworks"][0]["exposure"] is None
    assert (
        "AI exposure"
        not in runner.invoke(app, ["stats", str(FIXTURES / "valid" / "minimal.yaml")]).stdout
    )
