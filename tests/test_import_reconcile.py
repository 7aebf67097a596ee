"""``import csv --base``: the framework file changes only where the CSV changed.

Each test makes the real round trip through the commands: export a framework to CSV, change the
CSV with Python's csv module as a spreadsheet would, import it with the framework as the base,
and compare the bytes of the file before and after.
"""

from __future__ import annotations

import csv
import difflib
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.importers.csv_import import read_csv
from skillframe.load import load_text
from skillframe.roundtrip import lines_of

from .conftest import BUNDLED, FIXTURES, FRAMEWORKS
from .edit_support import workspace

LEARNER_VOICE = FRAMEWORKS / "emergency-medical-technicians.yaml"
OTHER_STYLE = FIXTURES / "import" / "other-style.yaml"
#: The frameworks tried, by name: the file, and whether the test writes it with CRLF line ends.
STYLES = {
    "bundled": (BUNDLED, False),
    "learner-voice": (LEARNER_VOICE, False),
    "other-style": (OTHER_STYLE, True),
}
Rows = list[list[str]]


def _framework(folder: Path, style: str) -> Path:
    """A copy of a framework in ``folder``, beside the bundled shared sources and taxonomies."""
    source, crlf = STYLES[style]
    shutil.copy(FRAMEWORKS / "sources.yaml", folder / "sources.yaml")
    shutil.copytree(FRAMEWORKS / "taxonomies", folder / "taxonomies")
    path = folder / "framework.yaml"
    raw = source.read_bytes()
    path.write_bytes(raw.replace(b"\n", b"\r\n") if crlf else raw)
    return path


def _export(path: Path) -> Rows:
    csv_path = path.with_suffix(".csv")
    result = CliRunner().invoke(app, ["export", str(path), "-f", "csv", "-o", str(csv_path)])
    assert result.exit_code == 0, result.stderr
    with csv_path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _import(path: Path, rows: Rows, *options: str) -> tuple[bytes, str]:
    """Write the rows as the CSV, import it onto ``path``; the file's new bytes and stderr."""
    csv_path = path.with_suffix(".csv")
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    args = ["import", "csv", str(csv_path), "--base", str(path), *options]
    if "-o" not in options:
        args += ["-o", str(path), "--force"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return path.read_bytes(), result.stderr


def _round_trip(folder: Path, style: str, change: Callable[[Rows], None]) -> tuple[bytes, bytes]:
    """The framework's bytes before and after an export, ``change`` and an import onto it."""
    path = _framework(folder, style)
    before = path.read_bytes()
    rows = _export(path)
    change(rows)
    after, _ = _import(path, rows)
    return before, after


def _diff(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added (each with its line end)."""
    old = lines_of(before.decode("utf-8"))
    new = lines_of(after.decode("utf-8"))
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def _row(rows: Rows, ident: str) -> list[str]:
    return next(row for row in rows if row[rows[0].index("id")] == ident)


def _set(rows: Rows, ident: str, column: str, value: str) -> None:
    _row(rows, ident)[rows[0].index(column)] = value


def _line_with(text: bytes, words: str) -> str:
    return next(line for line in lines_of(text.decode("utf-8")) if words in line)


def _statement_lines(text: bytes, ident: str) -> list[str]:
    """The lines of a block statement: from its ``- id:`` line to the next item or comment."""
    lines = lines_of(text.decode("utf-8"))
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {ident}")
    dash = lines[start].index("-")
    end = start + 1
    while end < len(lines) and not (
        len(lines[end]) - len(lines[end].lstrip(" ")) <= dash and lines[end].strip()
    ):
        end += 1
    return lines[start:end]


def _fmt_check(path: Path) -> int:
    return CliRunner().invoke(app, ["fmt", "--check", str(path)]).exit_code


# -- the one-word change, and nothing changed --------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_an_unchanged_csv_leaves_the_file_byte_identical(tmp_path: Path, style: str) -> None:
    path = _framework(tmp_path, style)
    before = path.read_bytes()
    after, said = _import(path, _export(path))
    assert after == before
    assert said == f"unchanged {path}\n"


#: (framework, statement, words of its text, the same words after a one-word change)
ONE_WORD = [
    ("bundled", "interpreter-supported-interviews", "interviews through an", "interviews via an"),
    ("learner-voice", "care-report-narratives", "write a patient", "write a full"),
    (
        "other-style",
        "interpreter-supported-interviews",
        "interviews through an",
        "interviews via an",
    ),
]


@pytest.mark.parametrize(("style", "ident", "old", "new"), ONE_WORD, ids=[c[0] for c in ONE_WORD])
def test_one_changed_word_changes_one_line(
    tmp_path: Path, style: str, ident: str, old: str, new: str
) -> None:
    def change(rows: Rows) -> None:
        text = _row(rows, ident)[rows[0].index("text")]
        assert old in text
        _set(rows, ident, "text", text.replace(old, new))

    before, after = _round_trip(tmp_path, style, change)
    line = _line_with(before, old)
    assert _diff(before, after) == ([line], [line.replace(old, new)])
    if style != "other-style":
        assert _fmt_check(tmp_path / "framework.yaml") == 0


def test_a_longer_word_rebreaks_only_the_lines_of_its_folded_text(tmp_path: Path) -> None:
    ident = "interpreter-supported-interviews"

    def change(rows: Rows) -> None:
        text = _row(rows, ident)[rows[0].index("text")]
        _set(rows, ident, "text", text.replace("through", "with the help of"))

    before, after = _round_trip(tmp_path, "bundled", change)
    removed, added = _diff(before, after)
    lines = _statement_lines(before, ident)
    start = lines.index("        text: >-\n") + 1
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith(" " * 10))
    text_lines = lines[start:end]
    assert removed == text_lines
    assert (
        "".join(added).split() == "".join(text_lines).replace("through", "with the help of").split()
    )
    assert all(len(line.rstrip("\n")) <= 100 for line in added)
    assert _fmt_check(tmp_path / "framework.yaml") == 0


# -- rows added, removed, moved; citations and levels changed ----------------------------------

NEW_TEXT = (
    "briefs interpreters on the questions an interview will ask and the words the rules use, "
    "so that each question reaches the traveler unchanged."
)


def _add_row(rows: Rows) -> None:
    header = rows[0]
    after = _row(rows, "interpreter-supported-interviews")
    row = list(after)
    for column, value in (
        ("id", "interpreter-briefings"),
        ("title", "Interpreter briefings"),
        ("text", NEW_TEXT),
        ("cite", "pathsmith;onet=task 9450"),
        ("anchors", ""),
        ("tags", "interview"),
    ):
        row[header.index(column)] = value
    rows.insert(rows.index(after) + 1, row)


#: The new statement as each style writes it: the neighbour's layout and quoting.
ADDED = {
    "bundled": """\
      - id: interpreter-briefings
        level: intermediate
        title: Interpreter briefings
        text: >-
          briefs interpreters on the questions an interview will ask and the words the rules use, so
          that each question reaches the traveler unchanged.
        cite:
          - pathsmith
          - source: onet
            locator: "task 9450"
        tags: [interview]
""",
    "other-style": f"""\
  - id: interpreter-briefings
    level: intermediate
    title: 'Interpreter briefings'
    text: '{NEW_TEXT}'
    cite:
    - pathsmith
    - source: onet
      locator: 'task 9450'
    tags: [interview]
""".replace("\n", "\r\n"),
}


@pytest.mark.parametrize("style", ADDED)
def test_an_added_row_adds_its_statement_after_its_neighbour(tmp_path: Path, style: str) -> None:
    before, after = _round_trip(tmp_path, style, _add_row)
    removed, added = _diff(before, after)
    assert removed == []
    assert "".join(added) == ADDED[style]
    neighbour = "".join(_statement_lines(before, "interpreter-supported-interviews"))
    assert neighbour + ADDED[style] in after.decode("utf-8")
    if style == "bundled":
        assert _fmt_check(tmp_path / "framework.yaml") == 0


@pytest.mark.parametrize("style", STYLES)
def test_a_removed_row_removes_its_statement_and_nothing_else(tmp_path: Path, style: str) -> None:
    ident = {"learner-voice": "radio-status-calls"}.get(style, "scripted-admissibility-questions")
    before, after = _round_trip(tmp_path, style, lambda rows: rows.remove(_row(rows, ident)))
    block = "".join(_statement_lines(before, ident))
    assert after.decode("utf-8") == before.decode("utf-8").replace(block, "", 1)
    if style != "other-style":
        assert _fmt_check(tmp_path / "framework.yaml") == 0


def test_the_comment_after_a_removed_statement_stays(tmp_path: Path) -> None:
    comment = "  # Intermediate: reviewed with the port training board.\r\n"
    ident = "scripted-admissibility-questions"
    before, after = _round_trip(
        tmp_path, "other-style", lambda rows: rows.remove(_row(rows, ident))
    )
    assert comment in before.decode("utf-8")
    assert comment + "  - id: regulation-explanations-for-travelers" in after.decode("utf-8")


@pytest.mark.parametrize("style", ["bundled", "other-style"])
def test_a_changed_locator_changes_its_line(tmp_path: Path, style: str) -> None:
    def change(rows: Rows) -> None:
        _set(rows, "shift-log-entries", "cite", "pathsmith;onet=task 9456")

    before, after = _round_trip(tmp_path, style, change)
    line = next(line for line in _statement_lines(before, "shift-log-entries") if "9455" in line)
    assert _diff(before, after) == ([line], [line.replace("9455", "9456")])


def test_a_citation_added_to_a_short_list_changes_its_line(tmp_path: Path) -> None:
    ident = "plain-language-traveler-directions"
    before, after = _round_trip(
        tmp_path, "bundled", lambda rows: _set(rows, ident, "cite", "pathsmith;wef-skills-taxonomy")
    )
    assert _diff(before, after) == (
        ["        cite: [pathsmith]\n"],
        ["        cite: [pathsmith, wef-skills-taxonomy]\n"],
    )


def test_a_citation_removed_leaves_the_rest_of_the_list(tmp_path: Path) -> None:
    ident = "plain-language-traveler-directions"
    before, after = _round_trip(
        tmp_path, "other-style", lambda rows: _set(rows, ident, "cite", "pathsmith")
    )
    assert _diff(before, after) == (
        ["    - source: cbp-officer-handbook\r\n", "      locator: 'ch. 3'\r\n"],
        [],
    )


@pytest.mark.parametrize("style", STYLES)
def test_a_changed_level_changes_its_line(tmp_path: Path, style: str) -> None:
    ident = {"learner-voice": "radio-status-calls"}.get(style, "shift-log-entries")

    def change(rows: Rows) -> None:
        _set(rows, ident, "level", "intermediate" if style != "learner-voice" else "developing")

    before, after = _round_trip(tmp_path, style, change)
    lines = _statement_lines(before, ident)
    level = next(line for line in lines if line.strip().startswith("level:"))
    new_level = "intermediate" if style != "learner-voice" else "developing"
    old_level = level.split(":")[1].strip()
    assert _diff(before, after) == ([level], [level.replace(old_level, new_level)])


def test_a_row_moved_to_another_domain_moves_its_lines(tmp_path: Path) -> None:
    ident = "shift-log-entries"

    def change(rows: Rows) -> None:
        header = rows[0]
        row = _row(rows, ident)
        rows.remove(row)
        target = _row(rows, "chain-of-command-escalation")
        row[header.index("domain")] = target[header.index("domain")]
        row[header.index("domain_name")] = target[header.index("domain_name")]
        rows.insert(rows.index(target) + 1, row)

    before, after = _round_trip(tmp_path, "bundled", change)
    removed, added = _diff(before, after)
    assert removed == added == _statement_lines(before, ident)
    data = load_text(after.decode("utf-8"), "x").data
    held = {d["id"]: [s["id"] for s in d["statements"]] for d in data["domains"]}
    assert ident not in held["communication"]
    assert held["leadership"][held["leadership"].index("chain-of-command-escalation") + 1] == ident


# -- where the result goes, and what the writer reads -----------------------------------------


def test_output_elsewhere_gets_the_same_text_and_the_base_is_untouched(tmp_path: Path) -> None:
    path = _framework(tmp_path, "other-style")
    before = path.read_bytes()
    rows = _export(path)
    _set(rows, "shift-log-entries", "level", "intermediate")
    out = tmp_path / "updated.yaml"
    _, said = _import(path, rows, "-o", str(out))
    assert path.read_bytes() == before
    level = _line_with(before, "level: foundational")
    assert _diff(before, out.read_bytes()) == (
        [level],
        [level.replace("foundational", "intermediate")],
    )
    assert said == f"skillframe: changes from framework.csv: 1 statement changed\nwrote {out}\n"

    printed = CliRunner().invoke(
        app, ["import", "csv", str(path.with_suffix(".csv")), "--base", str(path)]
    )
    assert printed.exit_code == 0
    assert printed.stdout_bytes == out.read_bytes()


def test_a_byte_order_mark_and_the_messages_stay(tmp_path: Path) -> None:
    path = _framework(tmp_path, "bundled")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    before = path.read_bytes()
    rows = _export(path)
    rows.remove(_row(rows, "shift-log-entries"))
    _set(rows, "scripted-admissibility-questions", "title", "Standard admissibility questions")
    _set(rows, "scripted-admissibility-questions", "cite", "pathsmith;nowhere")
    after, said = _import(path, rows)
    assert after.startswith(b"\xef\xbb\xbf")
    line = 1 + lines_of(after.decode("utf-8")).index("          - nowhere\n")
    removed, added = _diff(before[3:], after[3:])
    assert removed[: len(_statement_lines(before[3:], "shift-log-entries"))] == _statement_lines(
        before[3:], "shift-log-entries"
    )
    assert added == [
        "        title: Standard admissibility questions\n",
        "          - nowhere\n",
    ]
    assert said.splitlines() == [
        "skillframe: cited sources that no registry here defines: nowhere (add them to the "
        "shared sources file or the framework's sources:)",
        "skillframe: changes from framework.csv: 1 statement changed; 1 statement removed",
        f"skillframe: warning: the import adds 1 error to {path} (it is written all the same; "
        "fix them in the CSV or the file):",
        f"  {path}:{line}:13: SF201 error: citation 'nowhere' names no known source",
        f"wrote {path}",
    ]


# -- whatever the CSV says, the file then holds exactly that -----------------------------------

#: A small framework in each layout the edit fixtures show (flow statements included).
SMALL = ["usual.yaml", "compact.yaml", "flow-domains.yaml"]


@st.composite
def _edits(draw: st.DrawFn, rows: Rows) -> Rows:
    header, body = rows[0], [list(r) for r in rows[1:]]
    col = {name: i for i, name in enumerate(header)}
    domains = sorted({r[col["domain"]] for r in body} | {"new-area"})
    for number in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "drop", "add", "move", "swap", "level", "cite"]))
        if not body and kind != "add":
            continue
        i = draw(st.integers(0, max(len(body) - 1, 0)))
        if kind == "text":
            body[i][col["text"]] = draw(st.sampled_from(["keeps the log.", "a: b", "", "x"]))
        elif kind == "drop":
            del body[i]
        elif kind == "add":
            domain = draw(st.sampled_from(domains))
            row = [""] * len(header)
            row[col["domain"]], row[col["level"]] = domain, "foundational"
            row[col["id"]], row[col["title"]] = f"added-{number}", f"Added {number}"
            row[col["text"]], row[col["cite"]] = "checks the added rows.", "pathsmith"
            body.insert(draw(st.integers(0, len(body))), row)
        elif kind == "move":
            body[i][col["domain"]] = draw(st.sampled_from(domains))
            body[i][col["domain_name"]] = ""
        elif kind == "swap":
            j = draw(st.integers(0, len(body) - 1))
            body[i], body[j] = body[j], body[i]
        elif kind == "level":
            body[i][col["level"]] = draw(st.sampled_from(["foundational", "expert", "master"]))
        else:
            body[i][col["cite"]] = draw(st.sampled_from(["", "pathsmith=p. 4", "pathsmith;onet"]))
    return [header, *body]


@pytest.mark.parametrize("name", SMALL)
def test_the_file_holds_what_the_csv_says(tmp_path: Path, name: str) -> None:
    """Any edit of the rows: the file then means exactly what a fresh reading of the CSV over
    the base means, and importing the same CSV again changes nothing."""
    workspace(tmp_path, name)
    path = tmp_path / name
    original = path.read_bytes()
    rows = _export(path)

    @settings(
        max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(_edits(rows))
    def check(edited: Rows) -> None:
        path.write_bytes(original)
        base = load_text(original.decode("utf-8"), name).data
        text = io.StringIO()
        csv.writer(text).writerows(edited)
        want, _ = read_csv(text.getvalue(), path="x.csv", base=base)
        if len(edited) == 1:
            path.with_suffix(".csv").write_text(text.getvalue(), encoding="utf-8")
            refused = CliRunner().invoke(
                app, ["import", "csv", str(path.with_suffix(".csv")), "--base", str(path)]
            )
            assert refused.exit_code == 1
            assert "the CSV has no statement rows" in refused.stderr
            return
        after, _ = _import(path, edited)
        assert load_text(after.decode("utf-8"), name).data == want
        again, said = _import(path, edited)
        assert again == after
        assert said.endswith(f"unchanged {path}\n")

    check()


# -- slips a writer makes ----------------------------------------------------------------------


def test_a_mistyped_level_or_domain_is_named_with_what_was_meant(tmp_path: Path) -> None:
    path = _framework(tmp_path, "learner-voice")
    before = path.read_bytes()
    rows = _export(path)
    _set(rows, "radio-status-calls", "level", "entyr")
    _set(rows, "care-report-narratives", "domain", "comunication")
    after, said = _import(path, rows)
    lines = said.splitlines()
    assert lines[:3] == [
        "skillframe: row 3: level 'entyr' is not a level of the base framework (did you mean "
        "'entry'?); to add a level, use 'skillframe level add'",
        "skillframe: row 6: domain 'comunication' is not in the base framework, so it is added; "
        "did you mean 'communication'?",
        "skillframe: changes from framework.csv: domain comunication added; 1 statement changed; "
        "1 statement moved",
    ]
    assert (
        "SF302 error: level 'entyr' is not one of the declared levels; did you mean 'entry'?"
        in said
    )
    # The levels stay the base's: only the statement's own line says the slip.
    level = _line_with(before, "level: entry")
    removed, added = _diff(before, after)
    assert level in removed and level.replace("entry", "entyr") in added
    assert b"- id: entyr" not in after


def test_without_force_or_with_an_empty_csv_nothing_is_written(tmp_path: Path) -> None:
    path = _framework(tmp_path, "bundled")
    before = path.read_bytes()
    rows = _export(path)
    _set(rows, "shift-log-entries", "level", "intermediate")
    csv_path = path.with_suffix(".csv")
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    runner = CliRunner()
    base = ["import", "csv", str(csv_path), "--base", str(path), "-o", str(path)]
    unforced = runner.invoke(app, base)
    assert unforced.exit_code == 1
    assert unforced.stderr == (
        f"skillframe: error: '{path}' exists and is left as it is (use --force to update it "
        "where the CSV differs from it)\n"
    )
    csv_path.write_text(",".join(rows[0]) + "\n", encoding="utf-8")
    empty = runner.invoke(app, [*base, "--force"])
    assert empty.exit_code == 1
    assert empty.stderr == (
        f"skillframe: error: {csv_path}: the CSV has no statement rows: with --base that would "
        f"remove every statement of {path}, so nothing is written\n"
    )
    assert path.read_bytes() == before


def test_a_framework_built_by_the_commands_keeps_its_empty_domains(tmp_path: Path) -> None:
    """The writer's own framework, made with ``new`` and ``statement add``: domains with no
    statement yet have no row in the CSV, and stay (their absence from a CSV is no change)."""
    path = _framework(tmp_path, "bundled")
    path.unlink()
    runner = CliRunner()
    made = runner.invoke(
        app,
        [
            *("new", str(path), "--id", "nurses", "--title", "Registered nurses"),
            *("--taxonomy", "durable-skills", "--levels", "foundational,advanced"),
        ],
    )
    assert made.exit_code == 0, made.stderr
    for domain in ("communication", "leadership"):
        for level in ("foundational", "advanced"):
            added = runner.invoke(
                app,
                [
                    *("statement", "add", str(path), "--domain", domain, "--level", level),
                    *("--title", f"Care plans {domain} {level}", "--cite", "pathsmith"),
                    *("--text", "explains the care plan to patients and families in plain words."),
                ],
            )
            assert added.exit_code == 0, added.stderr
    before = path.read_bytes()
    rows = _export(path)
    assert len(rows) == 5
    ident = rows[1][rows[0].index("id")]
    _set(rows, ident, "text", "explains the care plan to patients and relatives in plain words.")
    after, said = _import(path, rows)
    line = _line_with(before, "explains the care plan")
    assert _diff(before, after) == ([line], [line.replace("families", "relatives")])
    assert said == f"skillframe: changes from framework.csv: 1 statement changed\nwrote {path}\n"
