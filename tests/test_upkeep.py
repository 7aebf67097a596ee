"""Maintaining a whole framework with commands: the framework's facts, levels' and domains'
names and descriptions, sources, locators, tags and anchors. Each edit changes exactly the
lines it must, refuses what would break the framework, and --dry-run writes nothing."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from .edit_support import errors, invoke, workspace


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    workspace(tmp_path, "usual.yaml", "compact.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edited(
    folder: Path, name: str, *command: str, clean: bool = True
) -> tuple[list[str], list[str]]:
    """Run an edit on ``name`` and return the lines it removed and the lines it added (the file
    lints clean afterwards, unless ``clean`` is False)."""
    target = folder / name
    before = target.read_text(encoding="utf-8").splitlines()
    result = invoke(*command)
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.unified_diff(before, after, lineterm="", n=0))
    removed = [d[1:] for d in diff if d.startswith("-") and not d.startswith("---")]
    added = [d[1:] for d in diff if d.startswith("+") and not d.startswith("+++")]
    if clean:
        assert errors(target) == []
    return removed, added


def refused(folder: Path, name: str, *command: str, code: int = 1) -> str:
    """Run an edit that must be refused; the file keeps every byte. Returns stderr."""
    before = (folder / name).read_bytes()
    result = invoke(*command)
    assert result.exit_code == code, result.output
    assert (folder / name).read_bytes() == before
    return result.stderr


# -- item 1: framework edit, level edit, domain edit --------------------------------------------


def test_framework_edit_sets_each_fact_on_its_own_line(folder: Path) -> None:
    removed, added = edited(
        folder,
        "usual.yaml",
        *("framework", "edit", "usual.yaml", "--title", "Harbour and river pilots"),
        *("--version", "2026.2", "--status", "published"),
        *("--occupation", "Ship pilots", "--onet-soc", "53-5021.00"),
    )
    assert removed == ["title: Harbour pilots", 'version: "2026.1"', "status: draft"]
    assert added == [
        "title: Harbour and river pilots",
        'version: "2026.2"',
        "status: published",
        "occupation:",
        "  title: Ship pilots",
        '  onet_soc: "53-5021.00"',
    ]


def test_framework_edit_rewraps_a_folded_scope(folder: Path) -> None:
    removed, added = edited(
        folder,
        "usual.yaml",
        *("framework", "edit", "usual.yaml", "--scope"),
        "Marine pilots who take ships into and out of harbour and up the river, from the pilot "
        "boarding point to the berth.",
    )
    assert removed == [
        "  Marine pilots who take ships into and out of harbour, from the pilot boarding point to the",
        "  berth.",
    ]
    assert added == [
        "  Marine pilots who take ships into and out of harbour and up the river, from the pilot boarding",
        "  point to the berth.",
    ]


def test_framework_edit_dry_run_and_refusals(folder: Path) -> None:
    before = (folder / "usual.yaml").read_bytes()
    dry = invoke("framework", "edit", "usual.yaml", "--title", "Pilots", "--dry-run")
    assert dry.exit_code == 0
    assert "-title: Harbour pilots\n+title: Pilots\n" in dry.stdout
    assert (folder / "usual.yaml").read_bytes() == before
    told = refused(folder, "usual.yaml", "framework", "edit", "usual.yaml", code=2)
    assert "nothing to change: give --title, --version, --status, --scope" in told
    told = refused(
        folder, "usual.yaml", "framework", "edit", "usual.yaml", "--status", "publishd", code=2
    )
    assert "no status 'publishd' in this framework; did you mean 'published'?" in told
    told = refused(folder, "usual.yaml", "framework", "edit", "usual.yaml", "--onet-soc", "53-50")
    assert "SF105" in told


def test_level_edit_adds_a_description_where_the_format_puts_it(folder: Path) -> None:
    removed, added = edited(
        folder,
        "usual.yaml",
        *("level", "edit", "usual.yaml", "intermediate", "--description"),
        "Handles routine passages alone.",
    )
    assert removed == []
    assert added == ["    description: Handles routine passages alone."]
    text = (folder / "usual.yaml").read_text(encoding="utf-8")
    assert "    name: Intermediate\n    description: Handles routine passages alone.\n" in text


def test_domain_edit_renames_without_repeating_the_id(folder: Path) -> None:
    removed, added = edited(
        folder,
        "usual.yaml",
        *("domain", "edit", "usual.yaml", "fortitude", "--name", "Fortitude at sea"),
        *("--description", "Stays effective under pressure."),
    )
    assert removed == ["    name: Fortitude"]
    assert added == [
        "    name: Fortitude at sea",
        "    description: Stays effective under pressure.",
    ]


def test_level_and_domain_edit_in_a_compact_file(folder: Path) -> None:
    removed, added = edited(
        folder, "compact.yaml", "level", "edit", "compact.yaml", "expert", "--name", "Master"
    )
    assert (removed, added) == (
        ['  name: "Expert"   # the top level'],
        ['  name: "Master"   # the top level'],
    )
    told = refused(
        folder, "compact.yaml", "domain", "edit", "compact.yaml", "fortitud", "--name", "F", code=2
    )
    assert "no domain 'fortitud' in this framework; did you mean 'fortitude'?" in told


# -- item 2: source edit and source rm ----------------------------------------------------------


def test_an_author_with_a_comma_stays_one_author(folder: Path) -> None:
    result = invoke(
        "source",
        "add",
        "shared/sources.yaml",
        "benner",
        *("--title", "From Novice to Expert", "--type", "paper", "--year", "1984"),
        *("--author", "Benner, Patricia", "--url", "https://example.org/benner"),
    )
    assert result.exit_code == 0, result.output
    listed = (folder / "shared" / "sources.yaml").read_text(encoding="utf-8")
    assert '    authors: ["Benner, Patricia"]\n' in listed
    removed, added = edited(
        folder,
        "shared/sources.yaml",
        *("source", "edit", "shared/sources.yaml", "benner"),
        *("--author", "Benner, Patricia", "--author", "Tanner, Christine"),
    )
    assert removed == ['    authors: ["Benner, Patricia"]']
    assert added == ['    authors: ["Benner, Patricia", "Tanner, Christine"]']


def test_source_edit_changes_and_removes_fields(folder: Path) -> None:
    removed, added = edited(
        folder,
        "shared/sources.yaml",
        *("source", "edit", "shared/sources.yaml", "onet", "--version", "30.3"),
        *("--unset", "license", "--date", "2026-02"),
    )
    assert removed == ['    version: "30.2"', "    license: CC-BY-4.0"]
    assert added == ['    version: "30.3"', '    date: "2026-02"']
    told = refused(
        folder,
        "shared/sources.yaml",
        "source",
        "edit",
        "shared/sources.yaml",
        "onett",
        "--title",
        "X",
        code=2,
    )
    assert "no source 'onett' in this registry sources; did you mean 'onet'?" in told


def test_source_rm_is_refused_while_cited_unless_forced(folder: Path) -> None:
    told = refused(folder, "shared/sources.yaml", "source", "rm", "shared/sources.yaml", "onet")
    assert told.startswith("skillframe: error: source 'onet' is still cited (")
    assert "usual.yaml: statement 'bridge-briefings', anchor 'onet-task-9450', evidence " in told
    assert "or --force removes the source anyway" in told
    forced = invoke("source", "rm", "shared/sources.yaml", "onet", "--force")
    assert forced.exit_code == 0, forced.output
    assert "onet:" not in (folder / "shared" / "sources.yaml").read_text(encoding="utf-8")


def test_source_rm_of_an_unused_source(folder: Path) -> None:
    invoke(
        "source",
        "add",
        "shared/sources.yaml",
        "spare",
        *("--title", "Spare", "--type", "website", "--url", "https://example.org"),
    )
    before = (folder / "shared" / "sources.yaml").read_text(encoding="utf-8")
    removed, added = edited(
        folder, "shared/sources.yaml", "source", "rm", "shared/sources.yaml", "spare"
    )
    assert added == []
    assert removed == [
        "  spare:",
        "    title: Spare",
        "    type: website",
        '    url: "https://example.org"',
    ]
    assert before.endswith(
        '  spare:\n    title: Spare\n    type: website\n    url: "https://example.org"\n'
    )


# -- item 3: cite edit, tags and anchors --------------------------------------------------------


def test_cite_edit_changes_a_locator_in_one_line(folder: Path) -> None:
    removed, added = edited(
        folder,
        "usual.yaml",
        "cite",
        "edit",
        "usual.yaml",
        "bridge-briefings",
        "onet",
        "--locator",
        "task 9451",
    )
    assert (removed, added) == (
        ['            locator: "task 9450"'],
        ['            locator: "task 9451"'],
    )


def test_cite_edit_gives_a_short_citation_a_locator(folder: Path) -> None:
    removed, added = edited(
        folder,
        "usual.yaml",
        "cite",
        "edit",
        "usual.yaml",
        "steady-under-pressure",
        "pathsmith",
        "--locator",
        "p. 12",
    )
    assert removed == ["        cite: [pathsmith]"]
    assert added == [
        "        cite:",
        "          - source: pathsmith",
        '            locator: "p. 12"',
    ]
    again, back = edited(
        folder,
        "usual.yaml",
        "cite",
        "edit",
        "usual.yaml",
        "steady-under-pressure",
        "pathsmith",
        "--locator",
        "",
    )
    assert again == ["          - source: pathsmith", '            locator: "p. 12"']
    assert back == ["          - pathsmith"]


def test_statement_tags_and_anchors_added_and_removed(folder: Path) -> None:
    removed, added = edited(
        folder,
        "usual.yaml",
        "statement",
        "edit",
        "usual.yaml",
        "clear-radio-calls",
        "--add-tag",
        "radio",
        "--add-tag",
        "vhf",
        "--add-anchor",
        "onet-task-9450",
    )
    assert removed == []
    assert added == ["        anchors: [onet-task-9450]", "        tags: [radio, vhf]"]
    removed, added = edited(
        folder,
        "usual.yaml",
        "statement",
        "edit",
        "usual.yaml",
        "clear-radio-calls",
        "--remove-tag",
        "vhf",
        "--remove-anchor",
        "onet-task-9450",
        "--title",
        "Clear calls",
    )
    assert removed == [
        "        title: Clear radio calls",
        "        anchors: [onet-task-9450]",
        "        tags: [radio, vhf]",
    ]
    assert added == ["        title: Clear calls", "        tags: [radio]"]
    told = refused(
        folder,
        "usual.yaml",
        "statement",
        "edit",
        "usual.yaml",
        "clear-radio-calls",
        "--add-anchor",
        "onet-task-1",
        code=1,
    )
    assert "SF204" in told
    told = refused(
        folder,
        "usual.yaml",
        "statement",
        "edit",
        "usual.yaml",
        "clear-radio-calls",
        "--remove-tag",
        "radi",
        code=2,
    )
    assert "did you mean 'radio'?" in told


# -- item 5: a refused edit names the problem it caused, where it caused it --------------------


def test_a_refusal_shows_the_edit_s_own_problem_first(folder: Path) -> None:
    assert invoke("level", "rename", "usual.yaml", "expert", "master").exit_code == 0
    told = refused(
        folder,
        "usual.yaml",
        "statement",
        "edit",
        "usual.yaml",
        "fatigue-programme",
        "--level",
        "expert",
    )
    lines = told.splitlines()
    assert lines[0] == (
        "skillframe: error: edit refused: it would add 2 errors; the file is unchanged "
        "(--force writes it anyway)"
    )
    assert lines[1] == (
        "usual.yaml:87:16 (a line of the edited text, which was not written): SF302 error: "
        "level 'expert' is not one of the declared levels (declared: foundational, "
        "intermediate, master)"
    )
    assert lines[2:4] == ["   87 |         level: expert", "      |                ^"]
    assert lines[4] == (
        "  hint: use one of the declared levels, or add the level first (skillframe level add)"
    )
    assert lines[5].startswith("also: usual.yaml:71:9: SF303 error: domain 'fortitude' has no ")


def test_moving_the_only_statement_of_a_level_hints_to_add_first(folder: Path) -> None:
    told = refused(
        folder,
        "usual.yaml",
        "statement",
        "move",
        "usual.yaml",
        "fatigue-programme",
        "--domain",
        "communication",
    )
    assert "SF303 error: domain 'fortitude' has no statement at level expert" in told
    assert "  hint: a domain needs a statement at every level: add the new statement first" in told


def test_everything_from_the_terminal_reads_back_as_json(folder: Path) -> None:
    edited(
        folder,
        "usual.yaml",
        "statement",
        "edit",
        "usual.yaml",
        "fatigue-programme",
        "--add-tag",
        "rosters",
    )
    shown = json.loads(
        invoke("statement", "show", "usual.yaml", "fatigue-programme", "-f", "json").stdout
    )
    assert shown["tags"] == ["rosters"]


def test_framework_edit_on_a_new_framework(folder: Path) -> None:
    """A file from `new` has no folded text to measure: a long scope is wrapped as docs/format.md
    wraps one; the note asking for a scope goes once the scope is written."""
    assert (
        invoke("new", "rn.yaml", "--id", "rn", "--title", "Nurses", "--domains", "care").exit_code
        == 0
    )
    scope = (
        "Registered nurses in acute hospital wards: assessing patients, planning and giving "
        "care, and working with the care team, in day and night shifts."
    )
    removed, added = edited(
        folder,
        "rn.yaml",
        "framework",
        "edit",
        "rn.yaml",
        "--scope",
        scope,
        "--occupation",
        "Registered Nurses",
        "--onet-soc",
        "29-1141.00",
        clean=False,
    )
    assert removed == [
        "# Replace this scope with who the framework is for and what work it covers.",
        "  Who the Nurses framework is for and what work it covers.",
    ]
    assert added == [
        "occupation:",
        "  title: Registered Nurses",
        '  onet_soc: "29-1141.00"',
        "  Registered nurses in acute hospital wards: assessing patients, planning and giving care, and",
        "  working with the care team, in day and night shifts.",
    ]
    text = (folder / "rn.yaml").read_text(encoding="utf-8")
    assert '  onet_soc: "29-1141.00"\nscope: >-\n' in text


# -- item 12: the notes of `new` go once they have served ----------------------------------------


def test_the_notes_of_a_new_framework_go_with_the_edit_that_serves_them(folder: Path) -> None:
    assert (
        invoke(
            "new",
            "rn.yaml",
            "--id",
            "rn",
            "--title",
            "Nurses",
            "--domains",
            "care",
            "--levels",
            "foundational,advanced",
        ).exit_code
        == 0
    )
    notes = [
        "# To fill in: statements in every domain, at every level, each citing its sources:",
        "# Replace this scope with who the framework is for and what work it covers.",
        "# Levels of mastery, lowest first; a description of each helps readers.",
        "# Each domain needs a statement at every level (skillframe statement add).",
    ]
    text = (folder / "rn.yaml").read_text(encoding="utf-8")
    assert all(note in text for note in notes)
    add = ["statement", "add", "rn.yaml", "--domain", "care", "--title"]
    # One level of two covered: every note stays.
    removed, _ = edited(
        folder,
        "rn.yaml",
        *add,
        "Plain answers",
        "--level",
        "foundational",
        "--text",
        "answers patients' questions in plain words.",
        "--cite",
        "pathsmith",
        clean=False,
    )
    assert removed == []
    # One level described of two: the levels note stays; both described: it goes.
    removed, _ = edited(
        folder,
        "rn.yaml",
        "level",
        "edit",
        "rn.yaml",
        "foundational",
        "--description",
        "New.",
        clean=False,
    )
    assert removed == []
    removed, _ = edited(
        folder,
        "rn.yaml",
        "level",
        "edit",
        "rn.yaml",
        "advanced",
        "--description",
        "Leads.",
        clean=False,
    )
    assert removed == [notes[2]]
    # The last level covered: the to-fill-in note (all its lines) and the domains note go.
    removed, added = edited(
        folder,
        "rn.yaml",
        *add,
        "Hard news",
        "--level",
        "advanced",
        "--text",
        "leads talks with families about a change in prognosis.",
        "--cite",
        "pathsmith",
        clean=False,
    )
    assert removed == [
        notes[0],
        "#   skillframe statement add rn.yaml --domain DOMAIN --level LEVEL --title TITLE \\",
        "#     --text TEXT --cite SOURCE",
        "# then check the file with: skillframe lint rn.yaml",
        notes[3],
    ]
    assert "      - id: hard-news" in added
    text = (folder / "rn.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Nurses: a competency framework.\nschema: skillframe/framework@1\n")
    assert notes[1] in text  # the placeholder scope is still there


def test_source_add_creates_a_sources_file_that_does_not_exist(folder: Path) -> None:
    add = ["source", "add", "extra.yaml", "benner", "--title", "From Novice to Expert"]
    paper = ["--type", "paper", "--author", "Benner, Patricia", "--year", "1984"]
    refused_add = invoke(*add, *paper)  # a paper needs an identifier or a url
    assert refused_add.exit_code == 1
    assert "SF203" in refused_add.stderr
    assert not (folder / "extra.yaml").exists()
    dry = invoke(*add, *paper, "--isbn", "0-201-00299-4", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert not (folder / "extra.yaml").exists()
    result = invoke(*add, *paper, "--isbn", "0-201-00299-4")
    assert result.exit_code == 0, result.output
    assert result.stdout == "created extra.yaml: added source 'benner'\n"
    written = (
        "schema: skillframe/sources@1\n"
        "sources:\n"
        "  benner:\n"
        "    title: From Novice to Expert\n"
        "    type: paper\n"
        '    authors: ["Benner, Patricia"]\n'
        "    year: 1984\n"
        '    identifiers: {isbn: "0-201-00299-4"}\n'
    )
    assert (folder / "extra.yaml").read_text(encoding="utf-8") == written
    assert dry.stdout.endswith("".join(f"+{line}\n" for line in written.splitlines()))
    assert errors(folder / "extra.yaml") == []
    missing = invoke(
        "source",
        "add",
        "nowhere/extra.yaml",
        "x",
        "--title",
        "X",
        "--type",
        "website",
        "--url",
        "https://example.org",
    )
    assert missing.exit_code == 2
    assert missing.stderr == "skillframe: error: the folder 'nowhere' does not exist\n"
