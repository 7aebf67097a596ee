"""``skillframe fmt``: one canonical layout, meaning and comments kept, a second run a no-op."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillframe.edit import unified_diff
from skillframe.fmt import format_text
from skillframe.load import load_text

from .conftest import FIXTURES, FRAMEWORKS
from .edit_support import EDIT_FIXTURES, GOLDEN, invoke, workspace

CLEAN = [
    *sorted(FRAMEWORKS.rglob("*.yaml")),
    *sorted((FIXTURES / "valid").glob("*.yaml")),
    *sorted(EDIT_FIXTURES.glob("[!b]*.yaml")),
]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_format_keeps_meaning_and_is_idempotent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = load_text(text, path.name)
    once = format_text(text, str(doc.kind))
    assert load_text(once, path.name).data == doc.data
    assert format_text(once, str(doc.kind)) == once
    # Every comment is kept (reordered keys take the comments above them along).
    comments = sorted(line.strip() for line in text.splitlines() if line.strip().startswith("#"))
    assert (
        sorted(line.strip() for line in once.splitlines() if line.strip().startswith("#"))
        == comments
    )


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_other_line_endings_format_as_lf_does(path: Path, ending: str) -> None:
    text = path.read_text(encoding="utf-8")
    doc = load_text(text, path.name)
    other = text.replace("\n", ending)
    assert load_text(other, path.name).data == doc.data
    once = format_text(other, str(doc.kind))
    assert once == format_text(text, str(doc.kind)).replace("\n", ending)
    assert format_text(once, str(doc.kind)) == once


def test_fmt_check_passes_on_a_crlf_copy_of_a_canonical_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for path in sorted(FRAMEWORKS.rglob("*.yaml")):
        target = tmp_path / path.relative_to(FRAMEWORKS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    check = invoke("fmt", "--check", ".")
    assert (check.exit_code, check.stderr) == (0, "0 files would be reformatted, 4 unchanged\n")
    write = invoke("fmt", ".")
    assert write.exit_code == 0, write.output
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before


def test_the_bundled_files_are_already_canonical(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FRAMEWORKS.parent)
    result = invoke("fmt", "--check", "frameworks")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "0 files would be reformatted, 4 unchanged\n"


def test_check_diff_and_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = workspace(tmp_path, "compact.yaml", "usual.yaml")
    monkeypatch.chdir(folder)
    before = (folder / "compact.yaml").read_bytes()

    check = invoke("fmt", "--check", "compact.yaml", "usual.yaml")
    assert check.exit_code == 1
    assert check.stdout == "would reformat compact.yaml\n"
    assert check.stderr == "1 file would be reformatted, 1 unchanged\n"

    diff = invoke("fmt", "--diff", "compact.yaml")
    assert diff.exit_code == 0
    canonical = (GOLDEN / "fmt-compact.yaml").read_text(encoding="utf-8")
    assert diff.stdout == unified_diff(before.decode("utf-8"), canonical, "compact.yaml")
    assert (folder / "compact.yaml").read_bytes() == before

    write = invoke("fmt", "compact.yaml", "usual.yaml")
    assert write.exit_code == 0
    assert write.stdout == "reformatted compact.yaml\n"
    assert write.stderr == "1 file reformatted, 1 unchanged\n"
    again = invoke("fmt", "--check", ".")
    assert again.exit_code == 0, again.output


def test_a_file_that_cannot_be_read_is_reported_and_the_rest_formatted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = workspace(tmp_path, "broken.yaml", "compact.yaml")
    monkeypatch.chdir(folder)
    broken = (folder / "broken.yaml").read_bytes()
    result = invoke("fmt", "broken.yaml", "compact.yaml")
    assert result.exit_code == 1
    assert result.stdout == "reformatted compact.yaml\n"
    assert result.stderr.splitlines() == [
        "skillframe: error: broken.yaml:7:23: SF001 YAML syntax error: the text of 'name' holds "
        "': ', which YAML reads as the start of another key: put the whole text in quotes: "
        "name: 'Foundational: the first level'; fix this first (the file is unchanged)",
        "1 file reformatted, 0 unchanged, 1 could not be formatted",
    ]
    assert (folder / "broken.yaml").read_bytes() == broken


# -- random layouts ------------------------------------------------------------------------------

SLUGS = st.from_regex(r"[a-z]{2,6}(-[a-z]{2,5})?", fullmatch=True)
TEXTS = st.sampled_from(
    ["plain words", "needs: quotes", "2026.1", "yes", "#hash", "it's", "a, b", "x [y]", "café"]
)


@st.composite
def frameworks(draw: Any) -> dict[str, Any]:
    levels = draw(st.lists(SLUGS, min_size=1, max_size=3, unique=True))
    domains = []
    for domain in draw(st.lists(SLUGS, min_size=1, max_size=2, unique=True)):
        statements = [
            {
                # keys in a shuffled order: fmt puts them back
                **dict(
                    draw(
                        st.permutations(
                            [
                                ("text", draw(TEXTS)),
                                ("title", draw(TEXTS)),
                                ("level", draw(st.sampled_from(levels))),
                                ("cite", draw(st.lists(SLUGS, min_size=1, max_size=2))),
                                ("id", f"{domain}-{n}"),
                            ]
                        )
                    )
                ),
            }
            for n in range(draw(st.integers(0, 2)))
        ]
        domains.append({"name": draw(TEXTS), "id": domain, "statements": statements})
    return {
        "schema": "skillframe/framework@1",
        "title": draw(TEXTS),
        "id": "random",
        "version": draw(TEXTS),
        "scope": draw(TEXTS),
        "levels": [{"id": lv, "name": draw(TEXTS)} for lv in levels],
        "domains": domains,
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=frameworks(),
    layout=st.sampled_from([(2, 4, 2), (2, 2, 0), (4, 6, 4), (3, 5, 3)]),
    flow=st.sampled_from([False, None]),
)
def test_any_layout_formats_to_the_same_fixed_point(
    data: dict[str, Any], layout: tuple[int, int, int], flow: bool | None
) -> None:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.default_flow_style = flow
    yaml.indent(mapping=layout[0], sequence=layout[1], offset=layout[2])
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    once = format_text(text, "framework")
    assert load_text(once, "x").data == load_text(text, "x").data
    assert format_text(once, "framework") == once
    # Keys come out in the format's order, whatever order they went in.
    assert once.startswith("schema: skillframe/framework@1\nid: random\ntitle: ")


def test_a_file_that_cannot_be_written_is_counted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillframe.errors import SkillframeError

    folder = workspace(tmp_path, "compact.yaml", "usual.yaml")
    monkeypatch.chdir(folder)
    before = (folder / "compact.yaml").read_bytes()

    def refuse(path: Path, data: bytes, shown: str) -> None:
        raise SkillframeError(f"cannot write '{shown}': Read-only file system")

    monkeypatch.setattr("skillframe.transaction.write_atomic", refuse)
    result = invoke("fmt", "compact.yaml", "usual.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "skillframe: error: cannot write 'compact.yaml': Read-only file system\n"
        "0 files reformatted, 1 unchanged, 1 could not be formatted\n"
    )
    assert (folder / "compact.yaml").read_bytes() == before
