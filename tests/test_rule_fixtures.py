"""Every rule against its fixtures: exact line, column, code and message.

Each ``tests/fixtures/invalid/<CODE>/<name>.yaml`` has a ``<name>.expected`` holding every
diagnostic of that file as ``line:column: CODE message``, one a line. To regenerate them after a
deliberate change of wording, run ``SKILLFRAME_REGEN=1 pytest tests/test_rule_fixtures.py`` and
review the diff before committing.

The O*NET grounding rules (SF7) run only when a task statements file is configured, so their
fixtures live in a collection of their own, ``tests/fixtures/onet/`` (its ``skillframe.toml`` sets
``onet-tasks``), laid out the same way: ``invalid/<CODE>/`` and ``valid/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillframe.lint import Linter
from skillframe.rules import RULES

from .conftest import FIXTURE_COLLECTIONS, FIXTURES, invalid_fixtures

INVALID = sorted(p for c in FIXTURE_COLLECTIONS for p in (c / "invalid").glob("SF*/*.yaml"))
VALID = sorted(p for c in FIXTURE_COLLECTIONS for p in (c / "valid").glob("*.yaml"))


def rendered(path: Path) -> list[str]:
    return [f"{d.line}:{d.column}: {d.code} {d.message}" for d in Linter().lint_file(path)]


def fixture_id(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


@pytest.mark.parametrize("path", INVALID, ids=fixture_id)
def test_invalid_fixture(path: Path) -> None:
    expected_file = path.with_suffix(".expected")
    got = rendered(path)
    if os.environ.get("SKILLFRAME_REGEN"):
        expected_file.write_text("".join(line + "\n" for line in got), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert got == expected
    code = path.parent.name
    assert any(line.split(" ")[1] == code for line in got), f"{code} not reported"


@pytest.mark.parametrize("path", VALID, ids=fixture_id)
def test_valid_fixture_is_clean(path: Path) -> None:
    assert rendered(path) == []


def test_every_rule_has_invalid_fixtures() -> None:
    for code in RULES:
        assert invalid_fixtures(code), f"{code} has no fixture in invalid/{code}/"
