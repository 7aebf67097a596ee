"""O*NET task statements: reading the file, refusing a malformed one, and the grounding rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.config import discover
from skillframe.errors import SkillframeError
from skillframe.lint import Linter
from skillframe.onet import (
    SOC_PATTERN,
    TaskTable,
    anchors_to_add,
    closest_occupations,
    is_onet_source,
    known_occupations,
    load_tasks,
    normalise,
    occupation_titles,
    parse_tasks,
    task_id,
)

from .conftest import BUNDLED, FIXTURES, FRAMEWORKS

ONET_FIXTURES = FIXTURES / "onet"
TASKS = ONET_FIXTURES / "task-statements.tsv"
EXTRACT = FRAMEWORKS / "data" / "onet-task-statements-33-3051.04.tsv"
HEADER = (
    "O*NET-SOC Code\tTitle\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source\n"
)
ROW = "33-3051.04\tCustoms and Border Protection Officers\t9458\tDetermine duty and taxes to be paid on goods.\tCore\t82.0\t07/2012\tIncumbent\n"


def parse(text: str | bytes) -> TaskTable:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_tasks(raw, Path("tasks.tsv"))


def refusal(text: str | bytes) -> str:
    with pytest.raises(SkillframeError) as caught:
        parse(text)
    assert caught.value.exit_code == 2
    return str(caught.value)


def test_the_extract_reads_as_eleven_tasks_of_one_occupation() -> None:
    table = load_tasks(EXTRACT)
    assert sorted(table.tasks) == list(range(9450, 9461))
    assert dict(table.titles) == {"33-3051.04": "Customs and Border Protection Officers"}
    assert [t.id for t in table.occupation_tasks("33-3051.04")][:3] == [9450, 9451, 9454]
    assert table.tasks[9458].text == "Determine duty and taxes to be paid on goods."
    assert table.tasks[9458].line == 10


def test_the_test_tasks_file_is_the_extract_plus_two_made_up_rows() -> None:
    extract = EXTRACT.read_bytes()
    test_file = TASKS.read_bytes()
    assert test_file.startswith(extract)
    added = test_file[len(extract) :].decode("utf-8").splitlines()
    assert len(added) == 2 and all(row.startswith("99-9999.00\tTest Occupation") for row in added)


def test_the_file_is_read_once_while_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "tasks.tsv"
    path.write_text(HEADER + ROW, encoding="utf-8")
    first = load_tasks(path)
    assert load_tasks(path) is first
    path.write_text(HEADER + ROW + ROW.replace("9458", "9459"), encoding="utf-8")
    assert sorted(load_tasks(path).tasks) == [9458, 9459]


def test_onet_release_layout_without_title_crlf_and_bom() -> None:
    text = "\ufeffO*NET-SOC Code\tTask ID\tTask\tTask Type\r\n33-3051.04\t9458\tDetermine duty.\tCore\r\n\r\n"
    table = parse(text)
    assert table.tasks[9458].text == "Determine duty."
    assert table.titles == {"33-3051.04": ""}


def test_an_identical_repeated_row_is_accepted() -> None:
    assert sorted(parse(HEADER + ROW + ROW).tasks) == [9458]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "",
            "tasks.tsv:1: the O*NET tasks file has no header row (expected the columns O*NET-SOC Code, Task ID, Task, separated by tabs)",
        ),
        (
            "O*NET-SOC Code,Task ID,Task\n",
            "tasks.tsv:1: the O*NET tasks file's header has no 'O*NET-SOC Code' column (expected the columns O*NET-SOC Code, Task ID, Task, separated by tabs)",
        ),
        (
            "O*NET-SOC Code\tTask\n",
            "tasks.tsv:1: the O*NET tasks file's header has no 'Task ID' column (expected the columns O*NET-SOC Code, Task ID, Task, separated by tabs)",
        ),
        (
            HEADER + ROW + "33-3051.04\t9459\tCollect samples.\n",
            "tasks.tsv:3: 3 tab-separated fields where the header has 8",
        ),
        (
            HEADER + ROW.replace("33-3051.04", "33-305104"),
            "tasks.tsv:2: '33-305104' is not an O*NET-SOC code (like 33-3051.04)",
        ),
        (
            HEADER + ROW.replace("9458", "T9458"),
            "tasks.tsv:2: task ID 'T9458' is not a whole number",
        ),
        (
            HEADER + ROW.replace("Determine duty and taxes to be paid on goods.", " "),
            "tasks.tsv:2: task 9458 has no text",
        ),
        (
            HEADER + ROW + ROW.replace("duty", "tariffs"),
            "tasks.tsv:3: task ID 9458 is also on line 2, with another occupation or wording",
        ),
    ],
    ids=["empty", "commas", "no-task-id", "short-row", "bad-soc", "bad-id", "no-text", "conflict"],
)
def test_a_malformed_file_is_refused_with_file_and_line(text: str, message: str) -> None:
    assert refusal(text) == message


def test_a_file_that_is_not_utf8_names_the_line() -> None:
    raw = (HEADER + ROW).encode("utf-8") + "33-3051.04\tT\t9459\tCaf\u00e9\tCore\t1\t1\tI\n".encode(
        "latin-1"
    )
    assert refusal(raw) == "tasks.tsv:3: the O*NET tasks file is not UTF-8 text"


@pytest.mark.parametrize(
    ("locator", "number"),
    [
        ("task 9450", 9450),
        ("Task  9450", 9450),
        (" task 12 ", 12),
        ("task9450", None),
        ("tasks 1", None),
        ("p. 12", None),
    ],
)
def test_task_locators(locator: str, number: int | None) -> None:
    assert task_id(locator) == number


def test_o_net_sources_by_id_or_url() -> None:
    assert is_onet_source("onet", None)
    assert is_onet_source("onet-30", {"url": "https://www.onetcenter.org/database.html"})
    assert is_onet_source("my-onet", {"url": "https://onetonline.org/link/summary/33-3051.04"})
    assert not is_onet_source("esco", {"url": "https://esco.ec.europa.eu"})
    assert not is_onet_source("lookalike", {"url": "https://notonetcenter.org"})
    assert not is_onet_source("aei", {"title": "O*NET-based index"})


def test_normalise_leaves_out_case_spacing_and_punctuation_only() -> None:
    onet = "Inspect cargo, baggage, and personal articles entering or leaving U.S."
    assert normalise(onet) == normalise(
        "inspect cargo,  baggage and personal articles\nentering or leaving U.S"
    )
    assert normalise(onet) == normalise(
        "Inspect cargo \u2013 baggage, and personal articles entering or leaving U.S."
    )
    assert normalise(onet) != normalise(
        "Inspect cargo, baggage, and articles entering or leaving U.S."
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcXYZ ,.;-\u2019\n\t", min_size=1, max_size=12), min_size=1, max_size=8
    )
)
def test_normalise_ignores_reflowing(words: list[str]) -> None:
    text = " ".join(words)
    assert normalise(text) == normalise("\n  ".join(text.split()))
    assert normalise(text) == normalise(text.upper())


# -- the rules with and without a tasks file --------------------------------------------------


def codes(text: str, path: Path) -> list[str]:
    return [f"{d.line}:{d.column}: {d.code}" for d in Linter().lint_text(text, path)]


def test_the_task_checks_are_silently_off_without_a_tasks_file() -> None:
    """The same wrong tasks, linted in the main fixture collection (no onet-tasks): no SF702,
    SF703 or SF705; the occupation checks (SF701, SF704) use the bundled list and stay on."""
    task_rules = (" SF702", " SF703", " SF705")
    for fixture in sorted((ONET_FIXTURES / "invalid").glob("SF*/*.yaml")):
        text = fixture.read_text(encoding="utf-8")
        elsewhere = FIXTURES / "invalid" / fixture.parent.name / fixture.name
        assert discover(elsewhere).onet_tasks is None
        without = [c.split()[-1] for c in codes(text, elsewhere) if " SF7" in c]
        with_file = [c.split()[-1] for c in codes(text, fixture) if " SF7" in c]
        assert fixture.parent.name in with_file, fixture
        assert not any(c.endswith(task_rules) for c in codes(text, elsewhere)), fixture
        assert without == [c for c in with_file if c in ("SF701", "SF704")], fixture


def test_the_bundled_framework_is_grounded_in_the_extract() -> None:
    assert discover(BUNDLED).onet_tasks == EXTRACT
    assert Linter().lint_file(BUNDLED) == []


def test_a_reworded_bundled_anchor_is_caught() -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace(
        "Determine duty and taxes to be paid on goods.", "Determine duties to be paid on goods."
    )
    found = [d for d in Linter().lint_text(text, BUNDLED) if d.code.startswith("SF7")]
    assert [(d.code, d.message) for d in found] == [
        (
            "SF703",
            "anchor 'onet-task-9458': the text differs from O*NET task 9458: the file says "
            '"Determine duties to be paid on goods."; O*NET says "Determine duty and taxes to be '
            'paid on goods."',
        )
    ]


def write_collection(root: Path, tasks: str | None) -> Path:
    """A collection with one framework quoting task 9458; ``tasks`` is the tasks file's text."""
    setting = 'onet-tasks = "tasks.tsv"\n'
    (root / "skillframe.toml").write_text(setting, encoding="utf-8")
    if tasks is not None:
        (root / "tasks.tsv").write_text(tasks, encoding="utf-8")
    framework = FIXTURES / "onet" / "valid" / "grounded.yaml"
    target = root / "grounded.yaml"
    target.write_text(framework.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "sources.yaml").write_text(
        (FIXTURES / "shared" / "sources.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return target


def test_lint_refuses_a_malformed_tasks_file_naming_file_and_line(in_tmp: Path) -> None:
    write_collection(in_tmp, HEADER + ROW + "33-3051.04\tbroken row\n")
    result = CliRunner().invoke(app, ["lint", "grounded.yaml"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"skillframe: error: {in_tmp / 'tasks.tsv'}:3: 2 tab-separated fields where the header has 8\n"
    )


def test_lint_refuses_a_missing_tasks_file_naming_the_configuration(in_tmp: Path) -> None:
    write_collection(in_tmp, None)
    result = CliRunner().invoke(app, ["lint", "grounded.yaml"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"skillframe: error: {in_tmp / 'skillframe.toml'}: the O*NET tasks file "
        f"'{in_tmp / 'tasks.tsv'}' named in the configuration does not exist\n"
    )
    (in_tmp / "tasks.tsv").mkdir()
    result = CliRunner().invoke(app, ["lint", "grounded.yaml"])
    assert result.exit_code == 2
    assert result.stderr.endswith("named in the configuration is not a file\n")


def test_anchors_to_add_skips_tasks_already_present() -> None:
    table = load_tasks(TASKS)
    sources = {"onet-online": {"url": "https://www.onetonline.org/"}}
    present = [
        {"id": "onet-task-9450", "source": "onet", "locator": "task 9450", "text": "..."},
        {"id": "duty", "source": "onet-online", "locator": "task 9458", "text": "..."},
        {"id": "onet-task-9455", "source": "pathsmith", "text": "an id taken by another anchor"},
    ]
    added = anchors_to_add(table, "33-3051.04", present, sources)
    assert [a["id"] for a in added] == [
        f"onet-task-{n}" for n in (9451, 9452, 9453, 9454, 9456, 9457, 9459, 9460)
    ]
    assert added[-1] == {
        "id": "onet-task-9460",
        "source": "onet",
        "locator": "task 9460",
        "text": "Investigate applications for duty refunds and petition for remission or mitigation of penalties when warranted.",
    }
    assert [a["id"] for a in anchors_to_add(table, "99-9999.00", [], {})] == [
        "onet-task-99001",
        "onet-task-99002",
    ]
    with pytest.raises(SkillframeError, match=r"'33-3051\.05' is not an O\*NET occupation; did"):
        anchors_to_add(table, "33-3051.05", [], {})
    with pytest.raises(SkillframeError) as missing:
        anchors_to_add(table, "29-1141.00", [], {})
    assert str(missing.value) == (
        "the O*NET tasks file (task-statements.tsv) has no tasks of 29-1141.00 (Registered Nurses); to add "
        "them, copy the occupation's rows from O*NET's Task Statements file into it, or point "
        "onet-tasks at a whole release's Task Statements.txt (download it from "
        "https://www.onetcenter.org/database.html)"
    )


def test_an_unknown_code_is_told_the_closest_occupations() -> None:
    """Closest by typing slips (a swap of two digits is one), then by number."""
    titles = occupation_titles()
    assert closest_occupations(titles, "33-3051.05", most=3) == (
        "; did you mean '33-3051.04' (Customs and Border Protection Officers), '33-3051.00' "
        "(Police and Sheriff's Patrol Officers) or '33-3052.00' (Transit and Railroad Police)?"
    )
    assert closest_occupations(titles, "29-1411.00", most=3).count("'29-1141.00' (Registered") == 1
    assert closest_occupations(titles, "11-1011.01") == (
        "; did you mean '11-1011.00' (Chief Executives)?"
    )
    made_up = {"33-3051.04": "Customs and Border Protection Officers", "99-9999.00": ""}
    assert closest_occupations(made_up, "99-9999.01") == "; did you mean '99-9999.00'?"
    assert closest_occupations(made_up, "45-2092.00") == ""


def test_every_occupation_of_o_net_29_2_is_known() -> None:
    titles = occupation_titles()
    assert len(titles) == 1016
    assert titles["29-1141.00"] == "Registered Nurses"
    assert titles["33-3051.04"] == "Customs and Border Protection Officers"
    assert all(SOC_PATTERN.match(code) and title for code, title in titles.items())


def test_the_extract_agrees_with_the_occupation_list() -> None:
    """The bundled task extract and the bundled occupation list name 33-3051.04 alike."""
    table = load_tasks(EXTRACT)
    assert {code: occupation_titles()[code] for code in table.titles} == dict(table.titles)


def test_codes_of_a_newer_release_in_the_tasks_file_are_known() -> None:
    table = load_tasks(TASKS)
    known = known_occupations(table)
    assert known["99-9999.00"].startswith("Test Occupation")
    assert known["29-1141.00"] == "Registered Nurses"
    assert known_occupations(None) is occupation_titles()


def test_grounding_against_the_extract_named_by_absolute_path(in_tmp: Path) -> None:
    """The bundled framework in another folder, its configuration naming the extract by an
    absolute path: it passes, and an unknown task ID and a reworded task are caught."""
    (in_tmp / "skillframe.toml").write_text(
        f'sources = "{FRAMEWORKS / "sources.yaml"}"\n'
        f'taxonomies = "{FRAMEWORKS / "taxonomies"}"\n'
        f'onet-tasks = "{EXTRACT}"\n',
        encoding="utf-8",
    )
    target = in_tmp / "cbp.yaml"
    text = BUNDLED.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    assert discover(target).onet_tasks == EXTRACT
    assert Linter().lint_file(target) == []
    changed = text.replace('locator: "task 9457"', 'locator: "task 9461"', 1).replace(
        "Collect samples of merchandise", "Collect samples of goods"
    )
    found = [f"{d.code} {d.message[:40]}" for d in Linter().lint_text(changed, target)]
    assert found == [
        "SF702 task 9461 is not an O*NET task: the O*NE",
        "SF703 anchor 'onet-task-9459': the text differ",
    ]


def test_new_with_soc_fills_in_the_occupation(in_tmp: Path) -> None:
    runner = CliRunner()
    args = ["new", "nurses.yaml", "--id", "nurses", "--title", "Ward nurses", "--domains", "a"]
    result = runner.invoke(app, [*args, "--soc", "29-1141.00"])
    assert result.exit_code == 0, result.output
    text = (in_tmp / "nurses.yaml").read_text(encoding="utf-8")
    assert (
        "title: Ward nurses\nstatus: draft\noccupation:\n  title: Registered Nurses\n"
        '  onet_soc: "29-1141.00"\n# Replace this scope'
    ) in text
    found = [d.code for d in Linter().lint_file(in_tmp / "nurses.yaml")]
    assert not [code for code in found if code.startswith("SF7")]


def test_new_refuses_a_code_that_is_no_occupation(in_tmp: Path) -> None:
    result = CliRunner().invoke(
        app, ["new", "x.yaml", "--id", "x", "--title", "X", "--domains", "a", "--soc", "29-1141.10"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "skillframe: error: --soc '29-1141.10' is not an O*NET occupation; did you mean "
        "'29-1141.01' (Acute Care Nurses), '29-1141.00' (Registered Nurses) or '29-1141.04' "
        "(Clinical Nurse Specialists)?\n"
    )
    assert not (in_tmp / "x.yaml").exists()
