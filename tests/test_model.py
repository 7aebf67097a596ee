"""The read-only framework view used by exports and reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe.errors import SkillframeError
from skillframe.model import Citation, read_framework

from .conftest import BUNDLED, FIXTURES


def test_bundled_framework_view() -> None:
    fw = read_framework(BUNDLED)
    assert fw.id == "customs-border-protection-officers"
    assert fw.onet_soc == "33-3051.04"
    assert [lv.id for lv in fw.levels] == ["foundational", "intermediate", "advanced", "expert"]
    assert len(fw.domains) == 12
    assert len(list(fw.statements())) == 144
    assert {a.id for a in fw.anchors} == {f"onet-task-{n}" for n in range(9450, 9461)}
    assert fw.sources["onet"]["version"] == "30.2"


def test_long_and_short_citations() -> None:
    fw = read_framework(FIXTURES / "valid" / "full.yaml")
    first = next(fw.statements())
    assert first.cite == (
        Citation("pathsmith"),
        Citation("onet", "task 9450", "the interview part of the task"),
    )
    assert first.cite[1].label() == "onet=task 9450"
    assert "skillscrosswalk" in fw.sources and "onet" in fw.sources


def test_not_a_framework(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("schema: skillframe/taxonomy@1\nid: t\ntitle: T\ndomains: []\n")
    with pytest.raises(SkillframeError, match="not a framework"):
        read_framework(path)
    path.write_text("a: [1,\n")
    with pytest.raises(SkillframeError) as caught:
        read_framework(path)
    assert caught.value.line == 2 and caught.value.exit_code == 1
