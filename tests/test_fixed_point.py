"""What an importer writes and what an edit writes is already in fmt's layout: the one layout
knowledge (skillframe.spec) serves both; and configured rule codes are checked like --select."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillframe import edit, operations, spec
from skillframe.export.common import framework_data
from skillframe.fmt import format_text
from skillframe.importers.csv_import import import_csv
from skillframe.importers.emit import dump
from skillframe.load import load_text
from skillframe.model import read_framework

from .conftest import BUNDLED
from .edit_support import TRICKY_WORDS, invoke, workspace

words = st.lists(st.sampled_from(TRICKY_WORDS), min_size=1, max_size=8).map(" ".join)
short = st.lists(st.sampled_from(TRICKY_WORDS), min_size=1, max_size=3).map(" ".join)
BOUNDED = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def fmt_of(text: str) -> str:
    doc = load_text(text, "x.yaml")
    return format_text(text, str(doc.kind))


def test_an_imported_exposure_horizon_stays_as_fmt_writes_it() -> None:
    data = framework_data(read_framework(BUNDLED))
    data["exposure"] = {
        "method": "Contribution = weight x likelihood",
        "cite": ["onet"],
        "complete": False,
        "tasks": [{"text": "Checks papers", "weight": 10, "likelihood": 50, "horizon": "soon"}],
    }
    text = dump(data)
    assert '    horizon: "soon"\n' in text
    assert fmt_of(text) == text


@BOUNDED
@given(title=short, text=words, scope=words, horizon=short, locator=short)
def test_what_an_importer_writes_is_a_fixed_point_of_fmt(
    title: str, text: str, scope: str, horizon: str, locator: str
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    rows = "domain,domain_name,level,title,text,cite\n" + (
        f"communication,{cell(locator)},foundational,{cell(title)},{cell(text)},onet\n"
    )
    imported = import_csv(rows, path="x.csv", scope=scope)
    assert fmt_of(imported.text) == imported.text
    data = framework_data(read_framework(BUNDLED))
    data["exposure"] = {"method": scope, "tasks": [{"text": text, "horizon": horizon}]}
    written = dump(data)
    assert fmt_of(written) == written


@BOUNDED
@given(title=short, text=words, new_title=short, new_text=words)
def test_what_an_edit_writes_is_a_fixed_point_of_fmt(
    tmp_path_factory: Any, title: str, text: str, new_title: str, new_text: str
) -> None:
    folder = workspace(Path(tmp_path_factory.mktemp("fixed")))
    path = folder / "canonical.yaml"
    shutil.copy(BUNDLED, path)
    original = path.read_text(encoding="utf-8")
    assert fmt_of(original) == original
    added = edit.apply(
        path,
        operations.add_statement(
            domain="communication",
            level="foundational",
            title=title,
            text=text,
            cites=["onet"],
            locators={"onet": "task 9450"},
        ),
        force=True,
    )
    written = path.read_text(encoding="utf-8")
    assert fmt_of(written) == written
    edit.apply(
        path,
        operations.edit_statement(str(added.message), title=new_title, text=new_text),
        force=True,
    )
    written = path.read_text(encoding="utf-8")
    assert fmt_of(written) == written


def test_spec_is_the_one_home_of_ids() -> None:
    assert spec.slugify("Plain Answers: MD.Table!") == "plain-answers-md-table"
    assert spec.slugify("***", "item") == "item"
    assert spec.unique_id("a", {"a", "a-2"}) == "a-3"
    assert spec.name_from_id("critical-thinking") == "Critical thinking"
    assert spec.fold_lines("one two three four", 9) == ["one two", "three", "four"]
    assert spec.fold_lines("one  two three", 4) == ["one  two", "three"]


def test_a_configured_code_that_does_not_exist_is_refused_like_select(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text('[tool.skillframe]\nselect = ["SF9"]\n', "utf-8")
    (in_tmp / "x.yaml").write_text("schema: skillframe/framework@1\nx: [\n", encoding="utf-8")
    configured = invoke("lint", "x.yaml")
    assert configured.exit_code == 2
    assert configured.stderr.startswith("skillframe: error: ")
    assert configured.stderr.endswith(
        "pyproject.toml: 'select': 'SF9' is not a rule code (see 'skillframe rules')\n"
    )
    (in_tmp / "pyproject.toml").write_text("[tool.skillframe]\n", "utf-8")
    flagged = invoke("lint", "x.yaml", "--select", "SF9")
    assert flagged.exit_code == 2
    assert flagged.stderr == (
        "skillframe: error: --select: 'SF9' is not a rule code (see 'skillframe rules')\n"
    )
    (in_tmp / "pyproject.toml").write_text(
        '[tool.skillframe]\nignore = ["sf5"]\n[tool.skillframe.per-file-ignores]\n"*.yaml" = ["SF77"]\n',
        "utf-8",
    )
    per_file = invoke("lint", "x.yaml")
    assert per_file.exit_code == 2
    assert "'per-file-ignores': 'SF77' is not a rule code" in per_file.stderr
