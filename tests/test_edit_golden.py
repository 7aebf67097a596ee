"""Every editing command on fixtures in several styles, compared with golden files byte for byte.

The fixtures (``tests/fixtures/edit``) have comments everywhere, blank lines, odd quoting, flow
lists and mappings, folded and literal texts, and three indentation styles. Each case runs one
command on a copy and compares the whole file with ``tests/golden/edit/<case>.yaml``. After a
deliberate change, regenerate with ``SKILLFRAME_REGEN=1 pytest tests/test_edit_golden.py`` and
review the diff of the golden files before committing.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from .edit_support import assert_golden, errors, invoke, workspace

TEXT = "gives the tug masters short, clear instructions and checks each one was understood before the next manoeuvre begins."

#: (case, the file the command changes, the command line: "F" stands for that file, "$TEXT"
#: for TEXT)
CASES: list[tuple[str, str, str]] = [
    (
        "statement-add",
        "usual.yaml",
        "statement add F --domain communication --level intermediate --title 'Tug instructions' --text \"$TEXT\" --cite pathsmith --cite onet --locator 'onet=task 9450' --anchor onet-task-9450",
    ),
    (
        "statement-add-end-of-domain",
        "usual.yaml",
        "statement add F --domain fortitude --level expert --title 'Incident debriefs' --text 'leads debriefs after near misses.' --cite pathsmith",
    ),
    (
        "statement-add-before",
        "usual.yaml",
        "statement add F --before clear-radio-calls --level foundational --title 'Radio checks' --text 'checks the radio before boarding.' --cite pathsmith --id radio-checks",
    ),
    (
        "statement-edit-text",
        "usual.yaml",
        "statement edit F bridge-briefings --text 'briefs the master and bridge team on the passage plan before taking the con and agrees how changes will be made.'",
    ),
    (
        "statement-edit-title-id",
        "usual.yaml",
        "statement edit F bridge-briefings --title 'Master-pilot exchange' --id master-pilot-exchange",
    ),
    (
        "statement-edit-domain",
        "usual.yaml",
        "statement edit F plain-language-orders --domain fortitude",
    ),
    ("statement-rm", "usual.yaml", "statement rm F plain-language-orders"),
    (
        "statement-move-after",
        "usual.yaml",
        "statement move F port-communication-standards --after clear-radio-calls",
    ),
    ("cite-add-locator", "usual.yaml", "cite add F clear-radio-calls onet --locator 'task 9450'"),
    ("cite-add-short", "usual.yaml", "cite add F fatigue-programme onet"),
    ("cite-rm", "usual.yaml", "cite rm F bridge-briefings onet"),
    (
        "domain-add",
        "usual.yaml",
        "domain add F navigation --description 'Plans and keeps to the passage.'",
    ),
    ("level-add", "usual.yaml", "level add F advanced --after intermediate"),
    ("level-rename", "usual.yaml", "level rename F intermediate proficient --name Proficient"),
    (
        "source-add-local",
        "usual.yaml",
        "source add F skillscrosswalk --title SkillsCrosswalk --type website --url https://skillscrosswalk.com",
    ),
    (
        "source-add-registry",
        "shared/sources.yaml",
        "source add F safi --title 'Skill Automation Feasibility Index' --type paper --author Jadhav --author Danve --year 2026 --arxiv 2604.06906",
    ),
    (
        "compact-statement-add-flow",
        "compact.yaml",
        "statement add F --domain communication --level expert --title 'Radio audits: yearly' --text 'audits the port'\"'\"'s radio logs every year.' --cite pathsmith",
    ),
    (
        "compact-statement-add-block",
        "compact.yaml",
        "statement add F --domain fortitude --level foundational --title 'Rest routines' --text 'keeps to rest routines.' --cite pathsmith",
    ),
    (
        "compact-statement-edit-text",
        "compact.yaml",
        "statement edit F steady-under-pressure --text 'keeps calm when weather adds pressure.'",
    ),
    (
        "compact-domain-rename",
        "compact.yaml",
        "domain rename F fortitude endurance --name Endurance",
    ),
    ("compact-domain-rm-force", "compact.yaml", "domain rm F communication --force"),
    ("compact-level-rm-force", "compact.yaml", "level rm F expert --force"),
    ("compact-cite-rm", "compact.yaml", "cite rm F fatigue-programme onet"),
    (
        "wide-statement-add",
        "wide.yaml",
        "statement add F --domain communication --level expert --title 'Radio audits' --text 'audits the port'\"'\"'s radio logs every year.' --cite pathsmith",
    ),
    ("wide-level-rename", "wide.yaml", "level rename F expert master"),
    ("fmt-compact", "compact.yaml", "fmt F"),
    ("fmt-wide", "wide.yaml", "fmt F"),
    ("fmt-misordered", "misordered.yaml", "fmt F"),
    (
        "flow-domain-statement-add",
        "flow-domains.yaml",
        "statement add F --domain communication --level foundational --title 'Clear calls' --text 'makes clear calls.' --cite pathsmith",
    ),
]


FIXTURE_NAMES = ("usual.yaml", "compact.yaml", "wide.yaml", "misordered.yaml", "flow-domains.yaml")


@pytest.mark.parametrize(("case", "target", "command"), CASES, ids=[c[0] for c in CASES])
def test_golden(
    case: str, target: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = workspace(tmp_path, *FIXTURE_NAMES)
    monkeypatch.chdir(folder)
    args = [{"F": target, "$TEXT": TEXT}.get(a, a) for a in shlex.split(command)]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert_golden(case, (folder / target).read_bytes())
    allowed = ("SF303",) if case in ("domain-add", "level-add") else ()
    assert [e for e in errors(folder / target) if e.split(" ")[1] not in allowed] == []


def test_new_framework_golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = workspace(tmp_path)
    monkeypatch.chdir(folder)
    result = invoke(
        "new",
        "pilots.yaml",
        "--id",
        "harbour-pilots",
        "--title",
        "Harbour pilots",
        "--taxonomy",
        "mini",
        "--levels",
        "foundational,expert",
        "--domains",
        "navigation",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "created pilots.yaml\n"
    assert_golden("new", (folder / "pilots.yaml").read_bytes())
    # What is left to fill in is exactly the statements of every domain.
    assert {e.split(" ")[1] for e in errors(folder / "pilots.yaml")} == {"SF303"}
