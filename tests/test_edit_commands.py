"""The editing commands as a writer meets them: listing, showing, prompts, new files, sources,
usage errors and help."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any

import pytest

from .edit_support import errors, invoke, workspace


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    workspace(tmp_path, "usual.yaml", "compact.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_statement_list_as_json_with_filters(folder: Path) -> None:
    result = invoke("statement", "list", "usual.yaml", "--cites", "onet", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "id": "bridge-briefings",
            "domain": "communication",
            "level": "intermediate",
            "title": "Bridge briefings",
            "cites": ["pathsmith", "onet"],
        }
    ]
    by_level = invoke("statement", "list", "usual.yaml", "--level", "expert", "-f", "json")
    assert [s["id"] for s in json.loads(by_level.stdout)] == [
        "port-communication-standards",
        "fatigue-programme",
    ]
    by_domain = invoke("statement", "list", "compact.yaml", "--domain", "fortitude", "-f", "json")
    assert [s["id"] for s in json.loads(by_domain.stdout)] == [
        "steady-under-pressure",
        "fatigue-programme",
    ]


def test_statement_list_as_a_table(folder: Path) -> None:
    result = invoke("statement", "list", "compact.yaml")
    assert result.exit_code == 0
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Domain / id              Level         Title                  Cites",
        "communication",
        "  clear-radio-calls      foundational  Clear radio calls      pathsmith",
        "  port-standards         expert        Port standards         pathsmith",
        "fortitude",
        "  steady-under-pressure  foundational  Steady under pressure  pathsmith",
        "  fatigue-programme      expert        Fatigue programme      onet, pathsmith",
    ]
    assert result.stderr == "4 statements\n"


def test_statement_show(folder: Path) -> None:
    result = invoke("statement", "show", "usual.yaml", "bridge-briefings")
    assert result.exit_code == 0
    assert result.stdout == (
        "bridge-briefings  (usual.yaml:51)\n"
        "  domain:  communication (Communication)\n"
        "  level:   intermediate (Intermediate)\n"
        "  title:   Bridge briefings\n"
        "  text:    briefs the master and bridge team on the passage plan before taking the con "
        "and agrees how changes will be called.\n"
        "  cite:    pathsmith; onet (task 9450)\n"
        "  anchors: onet-task-9450\n"
    )
    as_json = json.loads(
        invoke("statement", "show", "usual.yaml", "bridge-briefings", "-f", "json").stdout
    )
    assert as_json["line"] == 51
    assert as_json["cite"] == [
        {"source": "pathsmith", "locator": None},
        {"source": "onet", "locator": "task 9450"},
    ]


def test_source_list_and_add(folder: Path) -> None:
    shared = invoke("source", "list", "--format", "json")
    assert shared.exit_code == 0, shared.output
    assert [(s["id"], s["file"]) for s in json.loads(shared.stdout)] == [
        ("onet", "shared/sources.yaml"),
        ("pathsmith", "shared/sources.yaml"),
    ]
    added = invoke(
        "source",
        "add",
        "usual.yaml",
        "skillscrosswalk",
        "--title",
        "SkillsCrosswalk",
        "--type",
        "website",
        "--url",
        "https://skillscrosswalk.com",
    )
    assert added.exit_code == 0, added.output
    assert added.stdout == "added source 'skillscrosswalk'\n"
    local = invoke("source", "list", "usual.yaml", "--format", "json")
    assert [(s["id"], s["type"], s["file"]) for s in json.loads(local.stdout)] == [
        ("onet", "dataset", "shared/sources.yaml"),
        ("pathsmith", "framework", "shared/sources.yaml"),
        ("skillscrosswalk", "website", "usual.yaml"),
    ]
    again = invoke(
        "source", "add", "usual.yaml", "skillscrosswalk", "--title", "X", "--type", "website"
    )
    assert again.exit_code == 2
    assert again.stderr == (
        "skillframe: error: source 'skillscrosswalk' is already in this registry\n"
    )


def test_a_source_missing_what_its_type_needs_is_refused(folder: Path) -> None:
    registry = folder / "shared" / "sources.yaml"
    before = registry.read_bytes()
    result = invoke(
        "source", "add", "shared/sources.yaml", "esco", "--title", "ESCO", "--type", "dataset"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("skillframe: error: edit refused: it would add ")
    assert "SF203" in result.stderr
    assert registry.read_bytes() == before


def test_new_refuses_to_overwrite_and_reports_bad_options(folder: Path) -> None:
    exists = invoke("new", "usual.yaml", "--id", "x", "--title", "X", "--domains", "d")
    assert exists.exit_code == 2
    assert exists.stderr == "skillframe: error: 'usual.yaml' already exists (--force replaces it)\n"
    unknown = invoke("new", "x.yaml", "--id", "x", "--title", "X", "--taxonomy", "minii")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "skillframe: error: no taxonomy 'minii' is known here; did you mean 'mini'?\n"
    )
    bare = invoke("new", "x.yaml", "--id", "x", "--title", "X")
    assert bare.exit_code == 2
    assert "name the domains" in bare.stderr
    bad_id = invoke("new", "x.yaml", "--id", "Pilots", "--title", "X", "--domains", "d")
    assert bad_id.exit_code == 2
    assert "framework id 'Pilots' is not a valid id" in bad_id.stderr
    assert not (folder / "x.yaml").exists()
    dry = invoke("new", "x.yaml", "--id", "x", "--title", "X", "--domains", "d", "--dry-run")
    assert dry.exit_code == 0
    assert dry.stdout.startswith("--- a/x.yaml\n+++ b/x.yaml\n@@ -0,0 +1,")
    assert not (folder / "x.yaml").exists()


def test_usage_errors_are_one_line(folder: Path) -> None:
    cases = [
        (
            "statement edit usual.yaml bridge-briefings",
            "nothing to change: give --title, --text, --level, --domain or --id",
        ),
        (
            "statement move usual.yaml bridge-briefings",
            "say where to move it: one of --domain, --before or --after",
        ),
        (
            "statement move usual.yaml bridge-briefings --after bridge-briefings",
            "a statement cannot be placed next to itself",
        ),
        (
            "statement add usual.yaml --domain communication --level expert --title T --text x. --cite pathsmith --locator 'onet=task 1'",
            "--locator names 'onet', which is not cited (add --cite onet)",
        ),
        (
            "statement add usual.yaml --after clear-radio-calls --domain fortitude --level expert --title T --text x. --cite pathsmith",
            "statement 'clear-radio-calls' is in domain 'communication', not 'fortitude'",
        ),
        (
            "cite add usual.yaml clear-radio-calls pathsmith",
            "statement 'clear-radio-calls' already cites 'pathsmith'",
        ),
        (
            "cite rm usual.yaml clear-radio-calls onet",
            "statement 'clear-radio-calls' does not cite 'onet' (it cites: pathsmith)",
        ),
        (
            "domain rm usual.yaml communication",
            "domain 'communication' still holds 4 statements: move them first (skillframe statement move), or give --force to remove them too",
        ),
        ("level add usual.yaml expert", "level 'expert' already exists"),
        ("level rename usual.yaml expert foundational", "level 'foundational' already exists"),
    ]
    before = (folder / "usual.yaml").read_bytes()
    for command, message in cases:
        result = invoke(*shlex.split(command))
        assert result.exit_code in (1, 2), command
        assert result.stderr == f"skillframe: error: {message}\n", command
    assert (folder / "usual.yaml").read_bytes() == before


ADD = ["statement", "add", "usual.yaml"]


def test_missing_values_without_a_terminal_are_a_usage_error(folder: Path) -> None:
    result = invoke(*ADD, "--domain", "communication", "--level", "expert", "--title", "T")
    assert result.exit_code == 2
    assert result.stderr == (
        "skillframe: error: missing option '--text' (there is no terminal to ask for it)\n"
    )


def test_missing_values_are_asked_for_in_a_terminal(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("skillframe.commands.shared.interactive", lambda: True)
    answers = "fortitude\nexpert\nWatch handovers\nhands over the watch with a full briefing.\npathsmith, onet\n"
    result = invoke(*ADD, input=answers)
    assert result.exit_code == 0, result.output
    # (the test runner echoes the answers; a terminal shows them as they are typed)
    assert result.stdout.splitlines()[-1] == "watch-handovers"
    assert result.stderr == (
        "Domain (communication, fortitude):Level (foundational, intermediate, expert):Title:"
        "Text:Sources to cite, separated by commas (onet, pathsmith):"
    )
    shown = json.loads(
        invoke("statement", "show", "usual.yaml", "watch-handovers", "-f", "json").stdout
    )
    assert (shown["domain"], shown["level"], [c["source"] for c in shown["cite"]]) == (
        "fortitude",
        "expert",
        ["pathsmith", "onet"],
    )
    assert errors(folder / "usual.yaml") == []


def _commands() -> list[list[str]]:
    """Every command and sub-command, as loaded when it runs (the program loads them lazily)."""
    from skillframe.app import COMMANDS, load_command

    def walk(prefix: list[str], command: Any) -> list[list[str]]:
        subs = getattr(command, "commands", None)
        if not subs:
            return [prefix]
        return [path for name, sub in subs.items() for path in walk([*prefix, name], sub)]

    return [path for name, _, _ in COMMANDS for path in walk([name], load_command(name))]


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_a_new_citation_is_quoted_as_the_list_quotes_its_ids(folder: Path) -> None:
    """A writer who quotes the ids of a list finds the new id quoted too; a locator's source
    as well. A list of plain ids stays plain."""
    path = folder / "usual.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("cite: [pathsmith]\n") > 1
    path.write_text(text.replace("cite: [pathsmith]\n", 'cite: ["pathsmith"]\n', 1), "utf-8")
    first = invoke("cite", "add", "usual.yaml", "clear-radio-calls", "onet")
    assert first.exit_code == 0, first.output
    assert 'cite: ["pathsmith", "onet"]\n' in path.read_text(encoding="utf-8")
    plain = invoke("cite", "add", "usual.yaml", "port-communication-standards", "onet")
    assert plain.exit_code == 0, plain.output
    assert "cite: [pathsmith, onet]\n" in path.read_text(encoding="utf-8")
