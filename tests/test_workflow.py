"""A writer's whole workflow from the terminal: every mistake a writer made while building a
framework with the commands alone, reproduced, and what the tool now says and does."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from .edit_support import invoke, workspace


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    workspace(tmp_path, "usual.yaml", "compact.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- item 6: duplicate ids and unknown filters ---------------------------------------------------


def _duplicated(folder: Path) -> bytes:
    """usual.yaml with 'night-passage-routines' renamed to the id of the statement above it."""
    target = folder / "usual.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("- id: night-passage-routines", "- id: steady-under-pressure"),
        encoding="utf-8",
    )
    return target.read_bytes()


@pytest.mark.parametrize(
    "command",
    [
        ["statement", "edit", "usual.yaml", "steady-under-pressure", "--title", "Calm"],
        ["statement", "rm", "usual.yaml", "steady-under-pressure"],
        ["cite", "add", "usual.yaml", "steady-under-pressure", "onet", "--locator", "task 9450"],
        ["statement", "show", "usual.yaml", "steady-under-pressure"],
    ],
)
def test_a_duplicated_id_is_refused_naming_both_lines(folder: Path, command: list[str]) -> None:
    before = _duplicated(folder)
    result = invoke(*command)
    assert result.exit_code == 1
    assert result.stderr == (
        "skillframe: error: statement id 'steady-under-pressure' is used 2 times (lines 74 and "
        "80): the edit would have to guess which one is meant, so nothing is changed; give each "
        "its own id first (skillframe statement edit FILE steady-under-pressure --line 80 --id "
        "NEW-ID)\n"
    )
    assert (folder / "usual.yaml").read_bytes() == before


def test_the_copy_at_a_line_gets_its_own_id(folder: Path) -> None:
    """What the refusal suggests mends the file: the copy at line 80 gets its id back."""
    original = (folder / "usual.yaml").read_bytes()
    _duplicated(folder)
    result = invoke(
        "statement",
        "edit",
        "usual.yaml",
        "steady-under-pressure",
        "--line",
        "80",
        "--id",
        "night-passage-routines",
    )
    assert result.exit_code == 0, result.stderr
    assert (folder / "usual.yaml").read_bytes() == original
    wrong = invoke(
        "statement", "edit", "usual.yaml", "steady-under-pressure", "--line", "7", "--title", "Calm"
    )
    assert wrong.exit_code == 2
    assert wrong.stderr == (
        "skillframe: error: no statement 'steady-under-pressure' at line 7 (it is at line 74)\n"
    )
    assert (folder / "usual.yaml").read_bytes() == original


@pytest.mark.parametrize(
    ("option", "value", "told"),
    [
        ("--domain", "comunication", "no domain 'comunication' in this framework; did you mean "),
        ("--level", "experts", "no level 'experts' in this framework; did you mean 'expert'?"),
        ("--cites", "pathsmit", "no source 'pathsmit' in this framework; did you mean "),
    ],
)
def test_a_list_filter_naming_nothing_is_a_usage_error(
    folder: Path, option: str, value: str, told: str
) -> None:
    result = invoke("statement", "list", "usual.yaml", option, value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"skillframe: error: {told}")


def test_a_filter_on_a_known_source_nobody_cites_is_an_empty_answer(folder: Path) -> None:
    """A source of the shared registry is a fair question even when no statement cites it."""
    result = invoke("statement", "list", "usual.yaml", "--cites", "onet", "--level", "expert")
    assert result.exit_code == 0
    assert result.stderr == "0 statements\n"


# -- item 9: syntax hints from the failing line and its neighbours -------------------------------

STATEMENT = """\
schema: skillframe/framework@1
id: nurses
title: Nurses
scope: Registered nurses on hospital wards.
levels:
  - {id: foundational, name: Foundational}
  - {id: expert, name: Expert}
domains:
  - id: communication
    name: Communication
    statements:
      - id: shares-concerns
        level: foundational
        title: Sharing concerns
        text: shares concerns with the care team.
        cite: [pathsmith]
      - id: sets-standards
        level: expert
        title: Setting standards
        text: sets the ward's standards for handovers.
        cite: [pathsmith]
"""


def _lint_lines(folder: Path, text: str, *options: str) -> list[str]:
    (folder / "nurses.yaml").write_text(text, encoding="utf-8")
    result = invoke("lint", "nurses.yaml", "--select", "SF0,SF1,SF3", *options)
    return [line for line in result.stdout.splitlines() if line.startswith("nurses.yaml:")]


def test_the_bare_framework_reads_cleanly(folder: Path) -> None:
    assert _lint_lines(folder, STATEMENT) == []


def test_a_colon_inside_a_text_says_to_quote_the_text(folder: Path) -> None:
    text = STATEMENT.replace(
        "text: shares concerns with the care team.", "text: shares concerns: with the care team."
    )
    assert _lint_lines(folder, text) == [
        "nurses.yaml:15:30: SF001 error: YAML syntax error: the text of 'text' holds ': ', which "
        "YAML reads as the start of another key: put the whole text in quotes: text: 'shares "
        "concerns: with the care team.'"
    ]
    fixed = text.replace("text: shares concerns: with", "text: 'shares concerns: with").replace(
        "care team.\n", "care team.'\n"
    )
    assert _lint_lines(folder, fixed) == []


def test_a_colon_on_the_second_line_of_a_plain_text(folder: Path) -> None:
    text = STATEMENT.replace(
        "text: shares concerns with the care team.",
        "text: shares concerns with the care team\n          about risks: at once.",
    )
    assert _lint_lines(folder, text) == [
        "nurses.yaml:16:22: SF001 error: YAML syntax error: this line carries on the text of "
        "'text' (line 15), and its ': ' reads as a new key: write the text folded, 'text: >-' "
        "with the text on the lines below it, or put the whole text in quotes"
    ]


def test_a_key_glued_to_its_value_is_told_on_its_own_line(folder: Path) -> None:
    text = STATEMENT.replace("title: Sharing concerns", "title:Sharing concerns")
    assert _lint_lines(folder, text) == [
        "nurses.yaml:14:14: SF001 error: YAML syntax error: 'title:Sharing concerns' has no space "
        "after the colon, so YAML does not read a key: write 'title: Sharing concerns'"
    ]


def test_a_level_written_as_a_number_is_told_the_level_id(folder: Path) -> None:
    text = STATEMENT.replace("level: expert", "level: 2")
    assert _lint_lines(folder, text) == [
        "nurses.yaml:9:9: SF303 error: domain 'communication' has no statement at level expert",
        "nurses.yaml:18:16: SF103 error: statement 'sets-standards': 'level' should be the id of "
        "one of the framework's levels, not '2': write level: expert (level 2 of 2; levels: "
        "foundational, expert)",
    ]


def test_a_statement_at_domain_level_is_one_error_with_the_fix(folder: Path) -> None:
    shallow = "\n".join(
        line[4:] if index >= 16 else line for index, line in enumerate(STATEMENT.splitlines())
    )
    assert "\n  - id: sets-standards\n    level: expert" in shallow
    assert _lint_lines(folder, shallow + "\n") == [
        "nurses.yaml:9:9: SF303 error: domain 'communication' has no statement at level expert",
        "nurses.yaml:17:5: SF102 error: the domain item 'sets-standards' has a statement's level, "
        "title, text and cite and no name: it looks like a statement indented at domain level; "
        "indent it under 'statements:' of the domain above it (line 9), as deep as its "
        "statements",
    ]


def test_a_tab_is_shown_as_an_arrow_in_the_quoted_line(folder: Path) -> None:
    (folder / "nurses.yaml").write_text(
        STATEMENT.replace("        title: Sharing", "       \ttitle: Sharing"), encoding="utf-8"
    )
    result = invoke("lint", "nurses.yaml")
    assert result.stdout.splitlines()[:3] == [
        "nurses.yaml:14:8: SF003 error: a tab is used for indentation: YAML needs spaces",
        "   14 |        →title: Sharing concerns",
        "      |        ^",
    ]


# -- item 4: prompts check each answer as it is typed -------------------------------------------


def test_a_typo_at_a_prompt_is_asked_again_with_the_suggestion(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A misspelt domain, level and source are each told at once; Enter takes the suggestion,
    and nothing typed before is lost."""
    monkeypatch.setattr("skillframe.commands.shared.interactive", lambda: True)
    answers = "comunication\n\nexprt\n\nPort standards review\nreviews the port's radio standards.\npathsmit, onet\n\n"
    result = invoke("statement", "add", "usual.yaml", input=answers)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "port-standards-review"
    assert result.stderr == (
        "Domain (communication, fortitude):"
        "no domain 'comunication'; did you mean 'communication'?\n"
        "Domain (communication, fortitude) [communication]:"
        "Level (foundational, intermediate, expert):"
        "no level 'exprt'; did you mean 'expert'?\n"
        "Level (foundational, intermediate, expert) [expert]:"
        "Title:Text:"
        "Sources to cite, separated by commas (onet, pathsmith):"
        "no source 'pathsmit'; did you mean 'pathsmith'?\n"
        "Sources to cite, separated by commas (onet, pathsmith) [pathsmith, onet]:"
    )
    shown = invoke("statement", "show", "usual.yaml", "port-standards-review", "-f", "json")
    assert '"domain": "communication"' in shown.stdout
    assert '"level": "expert"' in shown.stdout
    assert '"source": "pathsmith"' in shown.stdout and '"source": "onet"' in shown.stdout


MISSPELT_DOMAIN = shlex.split(
    "statement add usual.yaml --domain fortitud --level expert --title 'Rest rules' "
    '--text "sets the port\'s rest rules." --cite onet'
)


def test_a_wrong_option_value_is_asked_again_in_a_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("skillframe.commands.shared.interactive", lambda: True)
    result = invoke(*MISSPELT_DOMAIN, input="fortitude\n")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "no domain 'fortitud'; did you mean 'fortitude'?\n"
        "Domain (communication, fortitude) [fortitude]:"
    )


def test_without_a_terminal_a_wrong_value_is_the_edit_s_usage_error(folder: Path) -> None:
    before = (folder / "usual.yaml").read_bytes()
    result = invoke(*MISSPELT_DOMAIN)
    assert result.exit_code == 2
    assert "no domain 'fortitud' in this framework; did you mean 'fortitude'?" in result.stderr
    assert (folder / "usual.yaml").read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_prompts_in_a_real_terminal(folder: Path) -> None:
    """The same session through a pseudo-terminal: the command sees a terminal on stdin, as a
    writer's shell gives it, and each answer is checked as it is typed."""
    import os
    import pty
    import select
    import subprocess

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "skillframe", "statement", "add", "usual.yaml"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=folder,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    os.close(follower)
    seen = b""

    def until(wanted: bytes) -> None:
        nonlocal seen
        while wanted not in seen:
            ready, _, _ = select.select([leader], [], [], 120)
            assert ready, f"no {wanted!r} after {seen!r}"
            seen += os.read(leader, 4096)

    for prompt, answer in [
        (b"Domain (communication, fortitude): ", b"fortitud"),
        (b"Domain (communication, fortitude) [fortitude]: ", b""),
        (b"Level (foundational, intermediate, expert): ", b"expert"),
        (b"Title: ", b"Rest rules"),
        (b"Text: ", b"sets the port's rest rules."),
        (b"(onet, pathsmith): ", b"onet"),
    ]:
        until(prompt)
        os.write(leader, answer + b"\r")
    until(b"rest-rules")
    assert process.wait(timeout=120) == 0
    os.close(leader)
    assert b"no domain 'fortitud'; did you mean 'fortitude'?" in seen
    assert "      - id: rest-rules\n" in (folder / "usual.yaml").read_text(encoding="utf-8")


# -- item 11: diff resolves an old copy saved outside the collection -----------------------------


def test_diff_of_an_old_copy_outside_the_collection(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "old.yaml"
    elsewhere.write_bytes((folder / "usual.yaml").read_bytes())
    edited = invoke("statement", "edit", "usual.yaml", "fatigue-programme", "--title", "Fatigue")
    assert edited.exit_code == 0, edited.output
    result = invoke("diff", str(elsewhere), "usual.yaml", "-f", "json")
    assert result.exit_code == 0
    changes = json.loads(result.stdout)["changes"]
    assert [(c["element"], c["change"], c["id"]) for c in changes] == [
        ("statement", "changed", "fatigue-programme")
    ]
    assert result.stderr == (
        f"skillframe: note: {elsewhere}: it has no shared sources of its own (no configuration, "
        "no sources.yaml beside it); its citations were resolved with the shared sources of "
        "usual.yaml, as in its collection\n"
    )


def test_diff_of_two_copies_in_one_collection_needs_no_note(folder: Path) -> None:
    (folder / "old.yaml").write_bytes((folder / "usual.yaml").read_bytes())
    invoke("statement", "edit", "usual.yaml", "fatigue-programme", "--title", "Fatigue")
    result = invoke("diff", "old.yaml", "usual.yaml", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert '"id": "fatigue-programme"' in result.stdout


# -- item 12: stats colours problems only --------------------------------------------------------


def _coverage_styles(folder: Path) -> tuple[list[str], list[str]]:
    """The styles of the coverage cells of compact.yaml's text report, and its plain lines."""
    from rich.table import Table
    from rich.text import Text

    from skillframe.commands.reports import _framework_stats, stats_renderables

    (one,) = _framework_stats([folder / "compact.yaml"])
    parts = stats_renderables(one, 100)
    table = next(p for p in parts if isinstance(p, Table))
    styles = [
        str(cell.style)
        for column in table.columns[1:-1]
        for cell in column._cells
        if isinstance(cell, Text)
    ]
    return styles, [p.plain for p in parts if isinstance(p, Text)]


def test_stats_leaves_a_cell_that_meets_the_requirement_plain(folder: Path) -> None:
    """compact.yaml is complete with one statement a cell: nothing to colour (it was all
    black-on-yellow, as if meeting the requirement were a warning)."""
    styles, lines = _coverage_styles(folder)
    assert styles == ["", "", "", ""]
    assert "red: no statement (a gap)" in lines
    assert not any(line.startswith("Fewer than") for line in lines)


def test_stats_colours_cells_below_the_configured_minimum(folder: Path) -> None:
    config = folder / "skillframe.toml"
    config.write_text(config.read_text(encoding="utf-8") + "min-statements = 2\n", "utf-8")
    styles, lines = _coverage_styles(folder)
    assert styles == ["black on yellow"] * 4
    assert "red: no statement (a gap) · yellow: fewer than 2 statements (min-statements)" in lines
    assert (
        "Fewer than 2 statements: Communication (Foundational, Expert); Fortitude (Foundational, "
        "Expert)" in lines
    )


def test_a_bad_minimum_is_a_configuration_error(folder: Path) -> None:
    config = folder / "skillframe.toml"
    config.write_text(config.read_text(encoding="utf-8") + "min-statements = 0\n", "utf-8")
    result = invoke("stats", "compact.yaml")
    assert result.exit_code == 2
    assert "'min-statements' must be a positive whole number" in result.stderr


# -- item 12: lint --fix applies every certain fix, and the rules say which are safe -------------


def test_fix_writes_the_sentence_case_title_the_message_gives(folder: Path) -> None:
    target = folder / "usual.yaml"
    before = target.read_text(encoding="utf-8")
    assert "title: Steady under pressure\n" in before
    assert "title: Clear radio calls\n" in before
    text = before.replace("title: Steady under pressure", "title: Steady Under Heavy Pressure")
    text = text.replace("title: Clear radio calls", "title: clear radio calls")
    target.write_text(text, encoding="utf-8")
    warned = invoke("lint", "usual.yaml", "--select", "SF506")
    assert "write it in sentence case ('Steady under heavy pressure')" in warned.stdout
    assert "write it in sentence case ('Clear radio calls')" in warned.stdout
    result = invoke("lint", "--fix", "usual.yaml", "--select", "SF506")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "Fixed 2 problems in 1 file."
    assert target.read_text(encoding="utf-8") == before.replace(
        "title: Steady under pressure", "title: Steady under heavy pressure"
    )


def test_every_fix_offered_is_declared_by_its_rule() -> None:
    """Every rule whose findings carry a fix says so ("safe" or "unsafe"), and a rule that
    declares a fix offers one on its failing fixtures."""
    from skillframe.collection import Resolver
    from skillframe.config import discover
    from skillframe.diagnostics import Fix
    from skillframe.lint import _located
    from skillframe.load import load_path
    from skillframe.rules import RULES

    from .conftest import FIXTURE_COLLECTIONS

    offering: dict[str, set[bool]] = {}
    for collection in FIXTURE_COLLECTIONS:
        for path in sorted((collection / "invalid").glob("*/*.yaml")):
            doc = load_path(path)
            config = discover(path)
            shared = Resolver().shared_for(path, config)
            for diagnostic, fix in _located(doc, shared, config.extra):
                if isinstance(fix, Fix):
                    offering.setdefault(diagnostic.code, set()).add(fix.safe)
    declared = {code for code, rule in RULES.items() if rule.fix is not None}
    assert set(offering) == declared >= {"SF505", "SF506", "SF508", "SF511"}
    for code, safeties in offering.items():
        assert safeties == {RULES[code].fix == "safe"}, code


def test_rules_lists_each_rule_s_fix() -> None:
    result = invoke("rules", "--format", "json")
    listed = {r["code"]: r["fix"] for r in json.loads(result.stdout)}
    assert listed["SF506"] == "safe"
    assert listed["SF201"] is None
