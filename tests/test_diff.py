"""skillframe diff: crafted pairs in tests/fixtures/diff (base.yaml is the old side of each),
the text and Markdown reports as golden files, and --rev against a git repository made here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.diff import diff_frameworks, word_diff
from skillframe.model import read_framework

from .conftest import BUNDLED, FIXTURES

PAIRS = FIXTURES / "diff"
BASE = PAIRS / "base.yaml"
REGEN = os.environ.get("SKILLFRAME_REGEN") == "1"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def changes(case: str) -> list[dict[str, Any]]:
    result = run("diff", "--format", "json", str(BASE), str(PAIRS / f"{case}.yaml"))
    assert result.exit_code == 0, result.output
    found: list[dict[str, Any]] = json.loads(result.stdout)["changes"]
    return found


def brief(case: str) -> list[tuple[str, str, str, list[str]]]:
    """(element, id, change, what) of each change."""
    return [(c["element"], c["id"], c["change"], c.get("what", [])) for c in changes(case)]


def test_same_framework_written_differently_reports_nothing() -> None:
    new = str(PAIRS / "same.yaml")
    assert BASE.read_bytes() != (PAIRS / "same.yaml").read_bytes()
    for fmt in ("text", "md"):
        result = run("diff", "--format", fmt, "--exit-code", str(BASE), new)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    result = run("diff", "--format", "json", "--exit-code", str(BASE), new)
    assert (result.exit_code, result.stdout) == (0, '{\n  "changes": []\n}\n')


def test_statement_added() -> None:
    assert changes("statement-added") == [
        {
            "element": "statement",
            "id": "peer-support-on-shift",
            "change": "added",
            "value": {
                "domain": "fortitude",
                "level": "intermediate",
                "title": "Peer support on shift",
                "text": "checks on colleagues after a hard inspection and points them to support.",
                "cite": ["pathsmith"],
                "anchors": [],
                "tags": [],
            },
        }
    ]


def test_statement_removed() -> None:
    assert brief("statement-removed") == [("statement", "calm-under-pressure", "removed", [])]
    assert changes("statement-removed")[0]["value"]["domain"] == "fortitude"


def test_moved_between_domains() -> None:
    assert changes("moved") == [
        {
            "element": "statement",
            "id": "shift-log-entries",
            "change": "changed",
            "what": ["moved"],
            "fields": {"domain": {"old": "communication", "new": "fortitude"}},
        }
    ]


def test_relevelled() -> None:
    assert changes("relevelled") == [
        {
            "element": "statement",
            "id": "communication-standards",
            "change": "changed",
            "what": ["re-levelled"],
            "fields": {"level": {"old": "expert", "new": "intermediate"}},
        }
    ]


def test_reworded_with_word_diff() -> None:
    old = "follows fatigue routines on long night shifts and asks for relief when alertness drops."
    new = (
        "follows the fatigue routines on long night shifts and asks the supervisor for relief "
        "when alertness drops."
    )
    assert changes("reworded") == [
        {
            "element": "statement",
            "id": "steady-shifts",
            "change": "changed",
            "what": ["reworded"],
            "fields": {
                "text": {
                    "old": old,
                    "new": new,
                    "words": [
                        ["=", "follows"],
                        ["+", "the"],
                        ["=", "fatigue routines on long night shifts and asks"],
                        ["+", "the supervisor"],
                        ["=", "for relief when alertness drops."],
                    ],
                }
            },
        }
    ]


def test_recited() -> None:
    found = changes("recited")
    assert [(c["id"], c["what"]) for c in found] == [
        ("plain-answers", ["re-cited"]),
        ("communication-standards", ["re-cited"]),
    ]
    assert found[0]["fields"]["cite"] == {
        "old": ["pathsmith", "onet=task 9450"],
        "new": ["pathsmith", "onet=task 9455"],
        "added": ["onet=task 9455"],
        "removed": ["onet=task 9450"],
    }
    assert found[1]["fields"]["cite"] == {
        "old": ["pathsmith"],
        "new": ["pathsmith", "onet"],
        "added": ["onet"],
        "removed": [],
    }


def test_retitled_reanchored_retagged() -> None:
    (found,) = changes("statement-details")
    assert found["what"] == ["retitled", "re-anchored", "re-tagged"]
    assert found["fields"]["title"] == {"old": "Plain answers", "new": "Plain-language answers"}
    assert found["fields"]["anchors"]["added"] == ["onet-task-9455"]
    assert found["fields"]["tags"]["added"] == ["primary"]


def test_statement_with_a_new_id_is_matched_by_text_then_title() -> None:
    found = changes("statement-new-id")
    assert [(c["id"], c.get("old_id"), c["what"]) for c in found] == [
        ("fatigue-routines", "steady-shifts", ["new id"]),
        ("composure-with-travelers", "calm-under-pressure", ["new id", "retitled", "reworded"]),
    ]
    assert found[1]["fields"]["text"]["words"][1:3] == [["-", "steady"], ["+", "calm"]]


def test_levels_added_removed_renamed() -> None:
    assert brief("levels") == [
        ("level", "foundational", "changed", ["renamed"]),
        ("level", "advanced", "added", []),
        ("level", "intermediate", "removed", []),
        ("statement", "shift-log-entries", "changed", ["re-levelled"]),
        ("statement", "calm-under-pressure", "changed", ["re-levelled"]),
    ]
    assert changes("levels")[0]["fields"] == {"name": {"old": "Foundational", "new": "Entry level"}}


def test_level_with_a_new_id_takes_its_statements_along() -> None:
    """The statements at the renamed level are not reported as re-levelled."""
    assert changes("level-new-id") == [
        {
            "element": "level",
            "id": "proficient",
            "change": "changed",
            "old_id": "intermediate",
            "what": ["new id", "renamed", "re-described"],
            "fields": {
                "id": {"old": "intermediate", "new": "proficient"},
                "name": {"old": "Intermediate", "new": "Proficient"},
                "description": {"old": None, "new": "Works alone on routine cases."},
            },
        }
    ]


def test_domains_added_removed_renamed() -> None:
    assert brief("domains") == [
        ("domain", "communication", "changed", ["renamed", "re-described"]),
        ("domain", "collaboration", "added", []),
        ("domain", "fortitude", "removed", []),
        ("statement", "joint-inspections", "added", []),
        ("statement", "steady-shifts", "removed", []),
        ("statement", "calm-under-pressure", "removed", []),
        ("statement", "resilience-programme", "removed", []),
    ]
    removed = changes("domains")[2]["value"]
    assert removed["statements"] == ["steady-shifts", "calm-under-pressure", "resilience-programme"]


def test_domain_with_a_new_id_keeps_its_statements() -> None:
    assert brief("domain-new-id") == [("domain", "resilience", "changed", ["new id", "renamed"])]


def test_metadata() -> None:
    (found,) = changes("metadata")
    assert (found["element"], found["id"]) == ("framework", "diff-example")
    assert found["what"] == [
        "title",
        "version",
        "status",
        "scope",
        "occupation.onet_soc",
        "taxonomy",
    ]
    fields = found["fields"]
    assert fields["version"] == {"old": "1.0", "new": "1.1"}
    assert fields["status"] == {"old": "draft", "new": "published"}
    assert fields["occupation.onet_soc"] == {"old": "33-3051.04", "new": "33-3051.00"}
    assert fields["taxonomy"] == {"old": "mini", "new": None}
    assert fields["scope"]["words"] == [
        ["=", "Officers at"],
        ["+", "land, air and sea"],
        ["=", "ports of entry who inspect travelers, baggage and cargo."],
    ]


def test_anchors_evidence_exposure_sources() -> None:
    assert brief("others") == [
        ("anchor", "onet-task-9450", "changed", ["text"]),
        ("evidence", "onet-task-count", "changed", ["value"]),
        ("exposure", "exposure", "added", []),
        ("source", "port-manual", "added", []),
    ]
    assert changes("others")[1]["fields"] == {"value": {"old": 11, "new": 12}}


def test_order() -> None:
    found = changes("order")
    assert brief("order") == [
        ("framework", "diff-example", "changed", ["domain order"]),
        ("domain", "fortitude", "changed", ["statements reordered"]),
    ]
    assert found[1]["fields"]["statements"] == {
        "old": ["steady-shifts", "calm-under-pressure", "resilience-programme"],
        "new": ["calm-under-pressure", "resilience-programme", "steady-shifts"],
    }


def test_reverse_pair_mirrors() -> None:
    result = run("diff", "-f", "json", str(PAIRS / "statement-added.yaml"), str(BASE))
    found = json.loads(result.stdout)["changes"]
    assert [(c["id"], c["change"]) for c in found] == [("peer-support-on-shift", "removed")]


@pytest.mark.parametrize("fmt,suffix", [("text", "txt"), ("md", "md")])
def test_pr_report_golden(fmt: str, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PAIRS)
    result = run("diff", "--format", fmt, "base.yaml", "pr.yaml")
    assert result.exit_code == 0, result.output
    golden = PAIRS / f"pr.expected.{suffix}"
    if REGEN:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_markdown_parses_as_a_list_per_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown_it import MarkdownIt

    monkeypatch.chdir(PAIRS)
    result = run("diff", "--format", "md", "base.yaml", "domains.yaml")
    tokens = MarkdownIt("commonmark").enable("strikethrough").parse(result.stdout)
    headings = [t.content for i, t in enumerate(tokens) if tokens[i - 1].type == "heading_open"]
    assert headings == [
        "Framework changes: Port inspection officers",
        "Domains",
        "Statements",
    ]
    items = sum(1 for t in tokens if t.type == "list_item_open")
    assert items == 7
    html = MarkdownIt("commonmark").enable("strikethrough").render(result.stdout)
    assert "<s>travelers</s> <strong>travelers, colleagues</strong>" in html


def test_exit_code_flag() -> None:
    pair = [str(BASE), str(PAIRS / "moved.yaml")]
    assert run("diff", *pair).exit_code == 0
    assert run("diff", "--exit-code", *pair).exit_code == 1
    assert run("diff", "--exit-code", "-f", "json", *pair).exit_code == 1


def test_usage_errors(tmp_path: Path) -> None:
    result = run("diff", str(BASE))
    assert result.exit_code == 2
    assert "give OLD and NEW" in result.stderr
    result = run("diff", str(BASE), str(BASE), "--rev", "HEAD")
    assert result.exit_code == 2
    assert "with --rev, give one FILE" in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema: skillframe/framework@1\nid: [\n")
    result = run("diff", "--exit-code", str(BASE), str(broken))
    # Exit 1 means "changed" with --exit-code, so a file that cannot be read exits 2.
    assert result.exit_code == 2
    assert result.stderr.startswith(f"skillframe: error: {broken}:3:1: ")


def test_a_framework_against_itself_has_no_change() -> None:
    assert diff_frameworks(read_framework(BUNDLED), read_framework(BUNDLED)) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", "e."]), max_size=12),
    st.lists(st.sampled_from(["a", "b", "c", "d", "e."]), max_size=12),
)
def test_word_diff_rebuilds_both_sides(old: list[str], new: list[str]) -> None:
    ops = word_diff(" ".join(old), " ".join(new))
    assert " ".join(w for op, w in ops if op != "+").split() == old
    assert " ".join(w for op, w in ops if op != "-").split() == new
    assert all(op in "=-+" for op, _ in ops)


# -- --rev -------------------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with base.yaml committed as frameworks/fw.yaml, then edited."""
    folder = tmp_path / "repo" / "frameworks"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "shared" / "sources.yaml", folder / "sources.yaml")
    shutil.copy(BASE, folder / "fw.yaml")
    git(folder.parent, "init", "-q")
    git(folder.parent, "add", ".")
    git(folder.parent, "commit", "-q", "-m", "first")
    shutil.copy(PAIRS / "pr.yaml", folder / "fw.yaml")
    return folder / "fw.yaml"


def test_rev_compares_with_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.parent.parent)
    result = run("diff", "frameworks/fw.yaml", "--rev", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["changes"]
    expected = json.loads(run("diff", "-f", "json", str(BASE), str(PAIRS / "pr.yaml")).stdout)
    assert found == expected["changes"]
    result = run("diff", "frameworks/fw.yaml", "--rev", "HEAD")
    assert result.stdout.splitlines()[0] == "HEAD:frameworks/fw.yaml → frameworks/fw.yaml"
    # From inside the folder, and with the file committed: nothing changed.
    monkeypatch.chdir(repo.parent)
    git(repo.parent, "commit", "-q", "-am", "second")
    result = run("diff", "fw.yaml", "--rev", "HEAD", "--exit-code")
    assert (result.exit_code, result.stdout) == (0, "")
    assert run("diff", "fw.yaml", "--rev", "HEAD~1", "--exit-code").exit_code == 1


def test_rev_errors(repo: Path, tmp_path: Path) -> None:
    result = run("diff", str(repo), "--rev", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == "skillframe: error: --rev: unknown git revision 'no-such-branch'\n"
    result = run("diff", str(repo), "--rev", "--output=x")
    assert result.exit_code == 2
    assert "'--output=x' is not a git revision" in result.stderr
    added = repo.parent / "new.yaml"
    shutil.copy(BASE, added)
    result = run("diff", str(added), "--rev", "HEAD")
    assert result.exit_code == 2
    assert (
        result.stderr == "skillframe: error: 'frameworks/new.yaml' is not in git revision 'HEAD'\n"
    )
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(BASE, outside / "fw.yaml")
    result = run("diff", str(outside / "fw.yaml"), "--rev", "HEAD")
    assert result.exit_code == 2
    assert "is not in a git repository, so --rev cannot be used" in result.stderr


def test_terminal_wraps_details_under_their_indent(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from skillframe.commands.reports import _print_indented, diff_text

    monkeypatch.chdir(PAIRS)
    old, new = read_framework(Path("base.yaml")), read_framework(Path("reworded.yaml"))
    lines = diff_text(old, new, diff_frameworks(old, new))
    screen = io.StringIO()
    _print_indented(Console(file=screen, width=40, force_terminal=True, no_color=True), lines)
    shown = [line.rstrip() for line in screen.getvalue().splitlines()]
    assert shown[-5:] == [
        "~ steady-shifts",
        "    reworded: follows {+the+} fatigue",
        "    routines on long night shifts and",
        "    asks {+the supervisor+} for relief",
        "    when alertness drops.",
    ]
    # Not a terminal: each line whole.
    screen = io.StringIO()
    _print_indented(Console(file=screen, width=40, no_color=True), lines)
    assert screen.getvalue().splitlines()[-1] == (
        "    reworded: follows {+the+} fatigue routines on long night shifts and asks "
        "{+the supervisor+} for relief when alertness drops."
    )


def test_framework_id_change_is_shown(tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(BASE.read_text().replace("id: diff-example", "id: port-officers"))
    shutil.copy(FIXTURES / "shared" / "sources.yaml", tmp_path / "sources.yaml")
    result = run("diff", str(BASE), str(renamed))
    assert result.stdout.splitlines()[1:5] == [
        "framework: id changed",
        "",
        "Framework",
        "  id: diff-example → port-officers",
    ]
