"""skillframe stats: coverage, citations, anchors and lint findings, on the bundled framework
and on small frameworks written here with known gaps."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.model import read_framework
from skillframe.stats import TOTALS, framework_stats

from .conftest import BUNDLED, FRAMEWORKS

LEVELS = ["foundational", "intermediate", "advanced", "expert"]
DOMAINS = [
    "communication",
    "leadership",
    "metacognition",
    "critical-thinking",
    "collaboration",
    "character",
    "creativity",
    "growth-mindset",
    "mindfulness",
    "fortitude",
    "customs-inspection",
    "ai-at-work",
]


def raw_yaml(path: Path) -> Any:
    """The file read by another YAML reader than skillframe's own loader."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def stats_json(*args: str) -> dict[str, Any]:
    result = run("stats", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


def test_bundled_coverage_exact() -> None:
    payload = stats_json(str(BUNDLED))
    assert len(payload["frameworks"]) == 1
    one = payload["frameworks"][0]
    # Every one of the 12 domains holds exactly 3 statements at each of the 4 levels.
    assert one["coverage"] == {d: dict.fromkeys(LEVELS, 3) for d in DOMAINS}
    assert list(one["coverage"]) == DOMAINS
    assert all(list(row) == LEVELS for row in one["coverage"].values())
    assert one["gaps"] == []
    assert one["by_level"] == dict.fromkeys(LEVELS, 36)
    assert one["by_domain"] == dict.fromkeys(DOMAINS, 12)
    assert one["totals"] == {
        "statements": 144,
        "domains": 12,
        "levels": 4,
        "cells": 48,
        "gaps": 0,
        "undeclared_level": 0,
        "citations": 239,
        "sources_cited": 5,
        "anchors": 11,
        "anchors_used": 11,
        "errors": 0,
        "warnings": 0,
    }
    assert list(one["totals"]) == list(TOTALS)
    assert one["sources"] == {
        "pathsmith": {
            "title": "Pathsmith Durable Skills Framework",
            "citations": 120,
            "statements": 120,
        },
        "onet": {"title": "O*NET 30.2 Database", "citations": 97, "statements": 75},
        "aei": {"title": "Anthropic Economic Index", "citations": 9, "statements": 9},
        "wef-skills-taxonomy": {
            "title": "WEF Skills Taxonomy 2021",
            "citations": 8,
            "statements": 8,
        },
        "safi": {"title": "Skill Automation Feasibility Index", "citations": 5, "statements": 5},
    }
    assert one["anchors"]["onet-task-9450"] == {"declared": True, "statements": 20}
    assert one["lint"] == {}
    assert payload["totals"] == {"frameworks": 1, **one["totals"]}


def test_bundled_figures_match_an_independent_count() -> None:
    """The same figures counted straight from the YAML, without skillframe's model."""
    data = raw_yaml(BUNDLED)
    levels = [lv["id"] for lv in data["levels"]]
    coverage: dict[str, Counter[str]] = {}
    by_source: Counter[str] = Counter()
    citing: Counter[str] = Counter()
    anchored: Counter[str] = Counter()
    for domain in data["domains"]:
        counts = coverage.setdefault(domain["id"], Counter())
        for statement in domain["statements"]:
            counts[statement["level"]] += 1
            sources = [c if isinstance(c, str) else c["source"] for c in statement["cite"]]
            by_source.update(sources)
            citing.update(set(sources))
            anchored.update(set(statement.get("anchors", [])))
    one = stats_json(str(BUNDLED))["frameworks"][0]
    assert one["coverage"] == {d: {lv: c[lv] for lv in levels} for d, c in coverage.items()}
    assert one["totals"]["statements"] == sum(sum(c.values()) for c in coverage.values())
    assert {k: v["citations"] for k, v in one["sources"].items()} == dict(by_source)
    assert {k: v["statements"] for k, v in one["sources"].items()} == dict(citing)
    assert {k: v["statements"] for k, v in one["anchors"].items()} == {
        a["id"]: anchored[a["id"]] for a in data["anchors"]
    }


GAPPY = """\
schema: skillframe/framework@1
id: gappy
title: Gappy framework
scope: A framework with holes.
levels:
  - {id: foundational, name: Foundational}
  - {id: intermediate, name: Intermediate}
  - {id: expert, name: Expert}
anchors:
  - {id: task-1, source: onet, locator: "task 1", text: Inspect cargo.}
  - {id: task-2, source: onet, locator: "task 2", text: Interview travelers.}
domains:
  - id: communication
    name: Communication
    statements:
      - {id: a, level: foundational, title: A, text: does a., cite: [pathsmith], anchors: [task-1]}
      - {id: b, level: foundational, title: B, text: does b., cite: [pathsmith, pathsmith]}
      - {id: c, level: expert, title: C, text: does c., cite: [nowhere], anchors: [task-9]}
  - id: fortitude
    name: Fortitude
    statements:
      - {id: d, level: master, title: D, text: does d., cite: [onet]}
  - id: empty
    name: Empty domain
"""

SOURCES = """\
schema: skillframe/sources@1
sources:
  onet: {title: O*NET, type: website, url: "https://www.onetcenter.org"}
  pathsmith: {title: Pathsmith, type: website, url: "https://example.org"}
"""


@pytest.fixture
def gappy(tmp_path: Path) -> Path:
    (tmp_path / "sources.yaml").write_text(SOURCES)
    path = tmp_path / "gappy.yaml"
    path.write_text(GAPPY)
    return path


def test_gaps_are_zero_cells_and_listed(gappy: Path) -> None:
    one = stats_json(str(gappy))["frameworks"][0]
    assert one["coverage"] == {
        "communication": {"foundational": 2, "intermediate": 0, "expert": 1},
        "fortitude": {"foundational": 0, "intermediate": 0, "expert": 0},
        "empty": {"foundational": 0, "intermediate": 0, "expert": 0},
    }
    assert one["gaps"] == [
        {"domain": "communication", "level": "intermediate"},
        {"domain": "fortitude", "level": "foundational"},
        {"domain": "fortitude", "level": "intermediate"},
        {"domain": "fortitude", "level": "expert"},
        {"domain": "empty", "level": "foundational"},
        {"domain": "empty", "level": "intermediate"},
        {"domain": "empty", "level": "expert"},
    ]
    totals = one["totals"]
    assert (totals["statements"], totals["undeclared_level"], totals["gaps"]) == (4, 1, 7)
    assert (totals["citations"], totals["sources_cited"]) == (5, 3)
    assert one["sources"] == {
        "pathsmith": {"title": "Pathsmith", "citations": 3, "statements": 2},
        "nowhere": {"title": None, "citations": 1, "statements": 1},
        "onet": {"title": "O*NET", "citations": 1, "statements": 1},
    }
    assert one["anchors"] == {
        "task-1": {"declared": True, "statements": 1},
        "task-9": {"declared": False, "statements": 1},
        "task-2": {"declared": True, "statements": 0},
    }
    assert (totals["anchors"], totals["anchors_used"]) == (2, 1)
    # Lint findings counted by rule: the unknown source, the unknown anchor, the undeclared
    # level, the domains with gaps, the anchor no statement uses, and four texts ("does a.")
    # too short to be statements.
    assert one["lint"] == {
        "SF201": {"severity": "error", "count": 1},
        "SF204": {"severity": "error", "count": 1},
        "SF206": {"severity": "warning", "count": 1},
        "SF302": {"severity": "error", "count": 1},
        "SF303": {"severity": "error", "count": 3},
        "SF507": {"severity": "warning", "count": 4},
    }
    assert (totals["errors"], totals["warnings"]) == (6, 5)


def test_text_report(gappy: Path) -> None:
    result = run("stats", str(gappy))
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "Gappy framework"
    assert lines[2] == "4 statements · 3 domains × 3 levels · 7 gaps · 1 at an undeclared level"
    table = "\n".join(lines[4:14])
    assert table == (
        "Coverage: statements by domain and level\n"
        "╭───────────────┬──────────────┬──────────────┬────────┬─────╮\n"
        "│ Domain        │ Foundational │ Intermediate │ Expert │ All │\n"
        "├───────────────┼──────────────┼──────────────┼────────┼─────┤\n"
        "│ Communication │            2 │            0 │      1 │   3 │\n"
        "│ Fortitude     │            0 │            0 │      0 │   0 │\n"
        "│ Empty domain  │            0 │            0 │      0 │   0 │\n"
        "├───────────────┼──────────────┼──────────────┼────────┼─────┤\n"
        "│ All levels    │            2 │            0 │      1 │   3 │\n"
        "╰───────────────┴──────────────┴──────────────┴────────┴─────╯"
    )
    assert (
        "Gaps: Communication (Intermediate); Fortitude (Foundational, Intermediate, "
        "Expert); Empty domain (Foundational, Intermediate, Expert)"
    ) in " ".join(lines)
    assert " SF303   level-coverage     error          3" in lines
    assert " task-9            1   not declared under anchors" in lines
    assert lines[14] == "red: no statement (a gap)"
    assert all(len(line) <= 80 for line in lines)


def test_markdown_report(gappy: Path) -> None:
    result = run("stats", "--format", "md", str(gappy))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "## Gappy framework\n\n"
        f"`{gappy}` · 4 statements · 3 domains × 3 levels · 7 gaps · 1 at an undeclared level\n\n"
        "| Domain | Foundational | Intermediate | Expert | All |\n"
        "|---|---:|---:|---:|---:|\n"
        "| Communication | 2 | **0** ⚠ | 1 | 3 |\n"
        "| Fortitude | **0** ⚠ | **0** ⚠ | **0** ⚠ | 0 |\n"
        "| Empty domain | **0** ⚠ | **0** ⚠ | **0** ⚠ | 0 |\n"
        "| **All** | **2** | **0** | **1** | **3** |\n\n"
        "**Gaps:** Communication (Intermediate); Fortitude (Foundational, Intermediate, Expert); "
        "Empty domain (Foundational, Intermediate, Expert)\n"
    )
    assert "| `nowhere` | *not a known source* | 1 | 1 (25%) |" in result.stdout
    assert "| `task-9` (not declared) | 1 |" in result.stdout


def test_bundled_text_fits_80_columns() -> None:
    result = run("stats", str(BUNDLED))
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[2] == "144 statements · 12 domains × 4 levels · no gaps"
    assert (
        "│ Communication        │            3 │            3 │        3 │      3 │  12 │" in lines
    )
    assert (
        "│ All levels           │           36 │           36 │       36 │     36 │ 144 │" in lines
    )
    assert lines[-1] == "Lint: no findings."
    assert max(len(line) for line in lines) == 80


def test_folder_skips_registries_and_taxonomies() -> None:
    payload = stats_json(str(FRAMEWORKS))
    assert [f["id"] for f in payload["frameworks"]] == [
        "customs-border-protection-officers",
        "emergency-medical-technicians",
    ]


def test_two_frameworks_and_combined_totals(gappy: Path) -> None:
    payload = stats_json(str(BUNDLED), str(gappy))
    assert [f["id"] for f in payload["frameworks"]] == [
        "customs-border-protection-officers",
        "gappy",
    ]
    assert payload["totals"]["frameworks"] == 2
    assert payload["totals"]["statements"] == 148
    assert payload["totals"]["gaps"] == 7


def test_pure_function_on_the_model() -> None:
    stats = framework_stats(read_framework(BUNDLED))
    assert stats.gaps == []
    assert stats.by_level() == dict.fromkeys(LEVELS, 36)
    assert stats.lint == ()


def test_not_a_framework(tmp_path: Path) -> None:
    registry = tmp_path / "sources.yaml"
    registry.write_text(SOURCES)
    result = run("stats", str(registry))
    assert result.exit_code == 1
    assert "not a framework file" in result.stderr
    result = run("stats", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"skillframe: error: no framework file in {tmp_path}\n"
    result = run("stats", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
