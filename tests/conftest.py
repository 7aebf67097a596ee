"""Shared test helpers: paths to the fixtures, the bundled frameworks and ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FRAMEWORKS = ROOT / "frameworks"
BUNDLED = FRAMEWORKS / "customs-border-protection-officers.yaml"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
