"""``skillframe anchors import``: an occupation's O*NET tasks added as anchors, on real files.

The tasks come from the repository's O*NET extract in frameworks/data. Each import is compared with a golden file (``tests/golden/edit``) byte for
byte; regenerate with ``SKILLFRAME_REGEN=1 pytest tests/test_anchors_import.py`` and review.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillframe import edit, operations
from skillframe.diagnostics import Severity
from skillframe.edit import unified_diff
from skillframe.lint import Linter
from skillframe.load import load_text
from skillframe.onet import parse_tasks

from .conftest import BUNDLED, FIXTURES, FRAMEWORKS
from .edit_support import GOLDEN, TRICKY_WORDS, assert_golden, errors, invoke, workspace

EXTRACT = FRAMEWORKS / "data" / "onet-task-statements-33-3051.04.tsv"
#: The extract plus two made-up rows of occupation 99-9999.00 (see tests/fixtures/onet).
WITH_TEST_ROWS = FIXTURES / "onet" / "task-statements.tsv"
SOC = "33-3051.04"
ALL_IDS = [f"onet-task-{n}" for n in range(9450, 9461)]
HINT = (
    "no statement refers to them yet (lint warns SF206): list each under the statements it "
    "grounds, as in anchors: [{first}], or with skillframe statement add --anchor {first}\n"
)


def added(ids: list[str]) -> str:
    return f"added {len(ids)} anchors: {', '.join(ids)}\n" + HINT.format(first=ids[0])


def codes(path: Path) -> dict[str, list[str]]:
    """The file's diagnostics: errors and warnings, as ``CODE message``.

    The statement-writing rules (SF5xx) judge the wording of statements, which an import never
    touches; some fixtures' statements are deliberately terse, so those rules are left out here.
    """
    found: dict[str, list[str]] = {"error": [], "warning": []}
    for d in Linter(ignore=("SF5",)).lint_file(path):
        key = "error" if d.severity is Severity.ERROR else "warning"
        found[key].append(f"{d.code} {d.message}")
    return found


def only_added(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; the test fails if any line of ``before`` changed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    kinds = {tag for tag, *_ in matcher.get_opcodes()}
    assert kinds <= {"equal", "insert"}, kinds
    return [
        line
        for tag, _, _, j1, j2 in matcher.get_opcodes()
        if tag == "insert"
        for line in new[j1:j2]
    ]


def unused(ids: list[str]) -> list[str]:
    return [f"SF206 anchor '{i}' is not referred to by any statement" for i in ids]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The edit fixtures in a collection whose shared registry knows 'onet'."""
    workspace(tmp_path, "usual.yaml", "compact.yaml", "broken.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_import_adds_the_missing_tasks_after_the_anchors(folder: Path) -> None:
    """usual.yaml has task 9450 already: the other ten follow it, laid out as it is."""
    before = (folder / "usual.yaml").read_text(encoding="utf-8")
    result = invoke("anchors", "import", "usual.yaml", "--soc", SOC, "--tasks", str(EXTRACT))
    assert result.exit_code == 0, result.output
    assert result.stdout == added(ALL_IDS[1:])
    assert result.stderr == ""
    assert_golden("anchors-import", (folder / "usual.yaml").read_bytes())
    new_lines = only_added(before, (folder / "usual.yaml").read_text(encoding="utf-8"))
    assert len(new_lines) == 57
    assert new_lines[0] == "  - id: onet-task-9451\n"
    assert codes(folder / "usual.yaml") == {"error": [], "warning": unused(ALL_IDS[1:])}


def test_a_second_import_adds_nothing_and_leaves_the_file_byte_identical(folder: Path) -> None:
    args = ("anchors", "import", "usual.yaml", "--soc", SOC, "--tasks", str(EXTRACT))
    assert invoke(*args).exit_code == 0
    before = (folder / "usual.yaml").read_bytes()
    again = invoke(*args)
    assert again.exit_code == 0, again.output
    assert again.stdout == f"all 11 tasks of {SOC} are already anchors\n"
    assert again.stderr == ""
    assert (folder / "usual.yaml").read_bytes() == before


def test_a_framework_without_anchors_gets_the_section_before_domains(folder: Path) -> None:
    """compact.yaml (items flush with their key, no blank lines between sections) gets an
    anchors: section, credited to O*NET, in its own layout; tasks from the repository copy."""
    before = (folder / "compact.yaml").read_text(encoding="utf-8")
    result = invoke("anchors", "import", "compact.yaml", "--soc", SOC, "--tasks", str(EXTRACT))
    assert result.exit_code == 0, result.output
    assert result.stdout == added(ALL_IDS)
    text = (folder / "compact.yaml").read_text(encoding="utf-8")
    new_lines = only_added(before, text)
    assert new_lines[:5] == [
        "# Task statements of O*NET occupation 33-3051.04 (Customs and Border Protection Officers).\n",
        "# Includes information from the O*NET Database by the U.S. Department of Labor, Employment and\n",
        "# Training Administration (USDOL/ETA), used under the CC BY 4.0 license. O*NET is a trademark of\n",
        "# USDOL/ETA.\n",
        "anchors:\n",
    ]
    assert text.index("\nanchors:\n") < text.index("\ndomains:\n")
    assert_golden("compact-anchors-import", text.encode("utf-8"))
    assert codes(folder / "compact.yaml") == {"error": [], "warning": unused(ALL_IDS)}


def test_a_new_section_is_set_off_by_a_blank_line_where_the_file_does_so(folder: Path) -> None:
    """usual.yaml without its anchors: a blank line before domains:, so one before the credit."""
    usual = folder / "usual.yaml"
    text = usual.read_text(encoding="utf-8")
    text = text[: text.index("# A task from O*NET")] + text[text.index("domains:") :]
    usual.write_text(text.replace("        anchors: [onet-task-9450]\n", ""), encoding="utf-8")
    before = usual.read_text(encoding="utf-8")
    result = invoke("anchors", "import", "usual.yaml", "--soc", SOC, "--tasks", str(EXTRACT))
    assert result.exit_code == 0, result.output
    after = usual.read_text(encoding="utf-8")
    assert only_added(before, after)[0] == "\n"
    assert "    name: Expert\n\n# Task statements of O*NET occupation 33-3051.04" in after
    assert "      penalties when warranted.\n\ndomains:\n" in after


def test_import_into_a_new_framework(folder: Path) -> None:
    """``skillframe new``, then the import: the rest of the file keeps its bytes (the import is
    lines added between levels: and the comment above domains:)."""
    made = invoke("new", "pilots.yaml", "--id", "pilots", "--title", "Pilots", "--taxonomy", "mini")
    assert made.exit_code == 0, made.output
    before = (folder / "pilots.yaml").read_text(encoding="utf-8")
    result = invoke("anchors", "import", "pilots.yaml", "--soc", SOC, "--tasks", str(EXTRACT))
    assert result.exit_code == 0, result.output
    after = (folder / "pilots.yaml").read_text(encoding="utf-8")
    assert_golden("new-anchors-import", after.encode("utf-8"))
    new_lines = only_added(before, after)
    assert new_lines[0].startswith("# Task statements of O*NET occupation 33-3051.04")
    assert (
        after.index("\nanchors:\n") < after.index("# Each domain needs") < after.index("\ndomains:")
    )
    # An empty domain is the gap the new framework had before (SF303), and nothing else.
    found = codes(folder / "pilots.yaml")
    assert {e.split(" ")[0] for e in found["error"]} == {"SF303"}
    assert found["warning"] == unused(ALL_IDS)


def test_the_bundled_framework_gets_back_exactly_the_anchors_it_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The occupation and the tasks file come from the framework and the configuration; the
    tasks the framework has are skipped, and the three missing ones are written exactly as the
    bundled file writes them. Statements refer to them, so there is no SF206 hint."""
    for name in ("sources.yaml", "taxonomies", "data"):
        source = FRAMEWORKS / name
        copy = shutil.copytree if source.is_dir() else shutil.copy
        copy(source, tmp_path / name)
    (tmp_path / "skillframe.toml").write_text(
        f'onet-tasks = "data/{EXTRACT.name}"\n', encoding="utf-8"
    )
    text = BUNDLED.read_text(encoding="utf-8")
    cut = text[: text.index("  - id: onet-task-9458\n")] + text[text.index("\ndomains:") :]
    target = tmp_path / "officers.yaml"
    target.write_text(cut, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("anchors", "import", "officers.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "added 3 anchors: onet-task-9458, onet-task-9459, onet-task-9460\n"
    assert target.read_bytes() == BUNDLED.read_bytes()


def test_dry_run_prints_the_diff_and_writes_nothing(folder: Path) -> None:
    before = (folder / "usual.yaml").read_text(encoding="utf-8")
    args = ("anchors", "import", "usual.yaml", "--soc", SOC, "--tasks", str(EXTRACT))
    result = invoke(*args, "--dry-run")
    assert result.exit_code == 0, result.output
    golden = (GOLDEN / "anchors-import.yaml").read_text(encoding="utf-8")
    assert result.stdout == unified_diff(before, golden, "usual.yaml")
    assert result.stdout.startswith("--- a/usual.yaml\n+++ b/usual.yaml\n@@ -26,6 +26,63 @@\n")
    assert (folder / "usual.yaml").read_text(encoding="utf-8") == before


def test_line_endings_are_kept(folder: Path) -> None:
    compact = folder / "compact.yaml"
    compact.write_bytes(compact.read_bytes().replace(b"\n", b"\r\n"))
    result = invoke("anchors", "import", "compact.yaml", "--soc", SOC, "--tasks", str(EXTRACT))
    assert result.exit_code == 0, result.output
    golden = (GOLDEN / "compact-anchors-import.yaml").read_bytes()
    assert compact.read_bytes() == golden.replace(b"\n", b"\r\n")


FLOW = """\
schema: skillframe/framework@1
id: flow-anchors
title: Flow anchors
occupation: {title: Customs and Border Protection Officers, onet_soc: "33-3051.04"}
scope: Anchors written one a line, as flow mappings.
levels:
  - {id: foundational, name: Foundational}
anchors:
  - {id: onet-task-9450, source: onet, locator: 'task 9450', text: 'Examine immigration applications, visas, and passports and interview persons to determine eligibility for admission, residence, and travel in the U.S.'}
  - {id: duties, source: onet, locator: 'task 9458', text: 'Determine duty and taxes to be paid on goods.'}
domains:
  - id: communication
    name: Communication
    statements:
      - {id: a, level: foundational, title: A, text: does a., cite: [pathsmith], anchors: [onet-task-9450, duties, onet-task-9451]}
"""


def test_flow_anchors_get_flow_neighbours_and_referenced_ones_no_hint(folder: Path) -> None:
    """A task held under another id (its locator names it) is skipped; new anchors copy the
    neighbour's layout and quoting; the one a statement already refers to is not hinted at."""
    target = folder / "flow.yaml"
    target.write_text(FLOW, encoding="utf-8")
    result = invoke("anchors", "import", "flow.yaml", "--tasks", str(EXTRACT))
    assert result.exit_code == 0, result.output
    ids = [i for i in ALL_IDS if i not in ("onet-task-9450", "onet-task-9458")]
    assert result.stdout == (
        f"added 9 anchors: {', '.join(ids)}\n" + HINT.format(first="onet-task-9452")
    )
    text = target.read_text(encoding="utf-8")
    assert text.startswith(FLOW[: FLOW.index("domains:")])
    assert (
        "  - {id: onet-task-9460, source: onet, locator: 'task 9460', text: 'Investigate "
        "applications for duty refunds and petition for remission or mitigation of penalties "
        "when warranted.'}\ndomains:\n" in text
    )
    assert codes(target) == {"error": [], "warning": unused(ids[1:])}


def test_an_empty_anchors_list_is_filled_in_the_usual_layout(folder: Path) -> None:
    target = folder / "empty.yaml"
    start = FLOW[: FLOW.index("anchors:\n")]
    target.write_text(
        start + "anchors: []\n" + FLOW[FLOW.index("domains:") :].replace(", onet-task-9451", ""),
        encoding="utf-8",
    )
    result = invoke("anchors", "import", "empty.yaml", "--tasks", str(EXTRACT))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert start + "anchors:\n  - id: onet-task-9450\n    source: onet\n" in text
    assert '    locator: "task 9460"\n    text: >-\n      Investigate applications' in text


def test_force_imports_another_occupation_and_lists_the_errors(
    folder: Path,
) -> None:
    (folder / "skillframe.toml").write_text(
        'sources = "shared/sources.yaml"\ntaxonomies = "shared/taxonomies"\n'
        f'onet-tasks = "{WITH_TEST_ROWS}"\n',
        encoding="utf-8",
    )
    target = folder / "flow.yaml"
    target.write_text(FLOW, encoding="utf-8")
    result = invoke("anchors", "import", "flow.yaml", "--soc", "99-9999.00", "--force")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("added 2 anchors: onet-task-99001, onet-task-99002\n")
    assert "--force: this edit added 2 errors to flow.yaml:" in result.stderr
    assert "SF702 error: task 99001 belongs to another occupation, 99-9999.00" in result.stderr


def test_one_task_is_told_in_the_singular(folder: Path) -> None:
    """A tasks file of one made-up row (not O*NET data)."""
    (folder / "one.tsv").write_text(
        "O*NET-SOC Code\tTitle\tTask ID\tTask\n"
        "99-9999.00\tTest occupation\t99001\tSort test parcels by destination.\n",
        encoding="utf-8",
    )
    args = ("anchors", "import", "usual.yaml", "--soc", "99-9999.00", "--tasks", "one.tsv")
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    assert first.stdout == (
        "added 1 anchor: onet-task-99001\n"
        "no statement refers to it yet (lint warns SF206): list it under the statements it "
        "grounds, as in anchors: [onet-task-99001], or with skillframe statement add --anchor "
        "onet-task-99001\n"
    )
    second = invoke(*args)
    assert second.exit_code == 0, second.output
    assert second.stdout == "the one task of 99-9999.00 is already an anchor\n"


# -- refusals ------------------------------------------------------------------------------------

NO_OCCUPATION = FLOW.replace(
    'occupation: {title: Customs and Border Protection Officers, onet_soc: "33-3051.04"}\n', ""
)

REFUSALS = [
    (
        "no tasks file",
        ["usual.yaml", "--soc", SOC],
        2,
        "skillframe: error: no O*NET task statements file: give --tasks PATH, or set onet-tasks "
        "under [tool.skillframe]",
    ),
    (
        "a tasks file that is not there",
        ["usual.yaml", "--soc", SOC, "--tasks", "missing.tsv"],
        2,
        "skillframe: error: missing.tsv: cannot read the O*NET tasks file: No such file or directory",
    ),
    (
        "unknown occupation",
        ["usual.yaml", "--soc", "33-3051.05", "--tasks", str(WITH_TEST_ROWS)],
        2,
        "skillframe: error: O*NET-SOC code '33-3051.05' is not an O*NET occupation; did you "
        "mean '33-3051.04' (Customs and Border Protection Officers), '33-3051.00' (Police and "
        "Sheriff's Patrol Officers) or '33-3052.00' (Transit and Railroad Police)?",
    ),
    (
        "an occupation whose tasks the file does not hold",
        ["usual.yaml", "--soc", "29-1141.00", "--tasks", str(EXTRACT), "--force"],
        2,
        "skillframe: error: the O*NET tasks file (onet-task-statements-33-3051.04.tsv) has no "
        "tasks of 29-1141.00 (Registered Nurses); to add them, copy the occupation's rows from "
        "O*NET's Task Statements file into it, or point onet-tasks at a whole release's Task "
        "Statements.txt (download it from https://www.onetcenter.org/database.html)",
    ),
    (
        "not an O*NET-SOC code",
        ["usual.yaml", "--soc", "33-305104", "--tasks", str(EXTRACT)],
        2,
        "skillframe: error: --soc '33-305104' is not an O*NET-SOC code (like 33-3051.04)",
    ),
    (
        "no occupation to import",
        ["no-occupation.yaml", "--tasks", str(EXTRACT)],
        2,
        "skillframe: error: say whose tasks to import: --soc CODE (such as 33-3051.04); the "
        "framework has no occupation.onet_soc",
    ),
    (
        "another occupation than the framework's",
        ["flow.yaml", "--soc", "99-9999.00", "--tasks", str(WITH_TEST_ROWS)],
        1,
        "skillframe: error: the framework's occupation is 33-3051.04 (occupation.onet_soc), and "
        "its anchors must be tasks of it, not of 99-9999.00; the file is unchanged (--force "
        "imports them anyway)",
    ),
    (
        "no onet source",
        ["lone/compact.yaml", "--soc", SOC, "--tasks", str(EXTRACT)],
        1,
        "skillframe: error: the anchors would cite the source 'onet', which this framework does "
        "not know (neither its own sources: nor the shared registry lists it); add it first: "
        "skillframe source add lone/compact.yaml onet --title 'O*NET 30.2 Database' --type "
        "dataset --version 30.2 --url https://www.onetcenter.org --license CC-BY-4.0",
    ),
    (
        "a file that does not parse",
        ["broken.yaml", "--soc", SOC, "--tasks", str(EXTRACT)],
        1,
        "skillframe: error: broken.yaml:7:23: SF001 YAML syntax error: the text of 'name' holds "
        "': ', which YAML reads as the start of another key: put the whole text in quotes: "
        "name: 'Foundational: the first level'; fix this first (the file is unchanged)",
    ),
    (
        "anchors that are not a list",
        ["not-a-list.yaml", "--soc", SOC, "--tasks", str(EXTRACT)],
        1,
        "skillframe: error: 'anchors:' is not a list; fix it first (the file is unchanged)",
    ),
]


@pytest.mark.parametrize(
    ("args", "code", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_refusals_leave_the_file_byte_identical(
    folder: Path, args: list[str], code: int, message: str
) -> None:
    (folder / "flow.yaml").write_text(FLOW, encoding="utf-8")
    (folder / "no-occupation.yaml").write_text(NO_OCCUPATION, encoding="utf-8")
    (folder / "not-a-list.yaml").write_text(
        NO_OCCUPATION.replace("anchors:\n", "anchors: tasks\nx:\n", 1), encoding="utf-8"
    )
    # A folder outside any collection: no shared registry, and the file has no onet source.
    lone = folder / "lone"
    lone.mkdir()
    shutil.copy(folder / "compact.yaml", lone / "compact.yaml")
    (lone / "pyproject.toml").write_text("[tool.skillframe]\n", encoding="utf-8")
    target = folder / args[0]
    before = target.read_bytes()
    result = invoke("anchors", "import", *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr == message + "\n"
    assert target.read_bytes() == before


# -- any wording O*NET might use -----------------------------------------------------------------

#: Words that need care in YAML among plain ones; O*NET's texts are one line, trimmed.
TASK_WORDS = st.sampled_from(
    [
        *TRICKY_WORDS,
        "U.S.",
        "- item",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "@",
        "`tick`",
        "x" * 120,
    ]
)
TASK_TEXT = st.lists(TASK_WORDS, min_size=1, max_size=30).map(" ".join).map(str.strip)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fixture=st.sampled_from(["usual.yaml", "compact.yaml", "wide.yaml"]),
    texts=st.lists(TASK_TEXT.filter(bool), min_size=1, max_size=4),
)
def test_any_task_wording_reads_back_as_written_and_the_rest_keeps_its_bytes(
    tmp_path_factory: Any, fixture: str, texts: list[str]
) -> None:
    folder = workspace(Path(tmp_path_factory.mktemp("wording")), fixture)
    path = folder / fixture
    before = path.read_text(encoding="utf-8")
    # Made-up rows, of the framework's own occupation when it names one.
    soc = (load_text(before, fixture).data.get("occupation") or {}).get("onet_soc", SOC)
    header = "O*NET-SOC Code\tTitle\tTask ID\tTask\n"
    rows = "".join(f"{soc}\tTest occupation\t{9000 + n}\t{t}\n" for n, t in enumerate(texts))
    table = parse_tasks((header + rows).encode("utf-8"), folder / "tasks.tsv")
    edit.apply(path, operations.import_anchors(table, soc))
    after = path.read_text(encoding="utf-8")
    only_added(before, after)
    anchors = load_text(after, fixture).data["anchors"]
    assert [a["text"] for a in anchors[-len(texts) :]] == texts
    assert errors(path) == []
