"""Shared test helpers: paths to the fixtures, the bundled frameworks and ../shared."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from skillframe.errors import SkillframeError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FRAMEWORKS = ROOT / "frameworks"
BUNDLED = FRAMEWORKS / "customs-border-protection-officers.yaml"
#: The shared reference files (../shared beside the checkout; looked for further up when the
#: checkout sits deeper, as a linked git worktree does).
SHARED = next(
    (p / "shared" for p in ROOT.parents if (p / "shared" / "case").is_dir()), ROOT.parent / "shared"
)
#: The rule fixture collections: the main one, and one whose skillframe.toml sets onet-tasks (the
#: O*NET grounding rules run only with a task statements file). Each has invalid/<CODE>/ and valid/.
FIXTURE_COLLECTIONS = (FIXTURES, FIXTURES / "onet")


def invalid_fixtures(code: str) -> list[Path]:
    """The failing fixtures of a rule, in whichever collection they are."""
    return sorted(p for c in FIXTURE_COLLECTIONS for p in (c / "invalid" / code).glob("*.yaml"))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def error_of(call: Callable[[], object]) -> SkillframeError:
    """The SkillframeError that ``call`` raises (the test fails if it raises none)."""
    with pytest.raises(SkillframeError) as caught:
        call()
    return caught.value
