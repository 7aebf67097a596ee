"""CSV import: round trips with the CSV export, spreadsheet dialects, and exact errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.edit import edit_text
from skillframe.export import csv_export
from skillframe.export.common import framework_data
from skillframe.importers.csv_import import import_csv, read_csv
from skillframe.lint import Linter
from skillframe.load import load_path, load_text
from skillframe.model import framework_from, read_framework
from skillframe.reconcile import reconcile

from .conftest import BUNDLED, FIXTURES, FRAMEWORKS, error_of

HOSTILE = FIXTURES / "export" / "hostile.yaml"
HEADER = "domain,domain_name,level,id,title,text,cite,anchors,tags\n"


@pytest.mark.parametrize("path", [BUNDLED, HOSTILE], ids=lambda p: p.stem)
def test_csv_yaml_csv_round_trip(path: Path) -> None:
    fw = read_framework(path)
    exported = csv_export.render(fw)
    imported = import_csv(exported, path="x.csv", known_sources=fw.sources)
    again = framework_from(load_text(imported.text, "x.yaml").data, fw.sources)
    assert csv_export.render(again) == exported
    # The statements come back whole: ids, levels, titles, texts, citations, anchors, tags.
    before = [d["statements"] for d in framework_data(fw)["domains"]]
    after = [d["statements"] for d in framework_data(again)["domains"]]
    assert after == before


@pytest.mark.parametrize("path", [BUNDLED, HOSTILE], ids=lambda p: p.stem)
def test_import_onto_its_base_gives_back_the_file(path: Path) -> None:
    doc = load_path(path)
    fw = read_framework(path)
    data, notes = read_csv(
        csv_export.render(fw), path="x.csv", base=doc.data, known_sources=fw.sources
    )
    assert notes == []
    assert data == doc.data
    result = edit_text(doc.text, path, reconcile(data))
    assert result.after == path.read_text(encoding="utf-8")
    assert result.message is None


def test_fresh_import_lints_clean_where_the_csv_allows(tmp_path: Path) -> None:
    csv_text = HEADER + (
        "communication,Communication,foundational,,Plain answers,answers questions about entry rules in plain words.,pathsmith,,\n"
        "communication,Communication,expert,,Communication standards,sets the port standards for explaining entry rules.,pathsmith,,\n"
    )
    shutil.copy(FRAMEWORKS / "sources.yaml", tmp_path / "sources.yaml")
    result = import_csv(
        csv_text,
        path="team-draft.csv",
        scope="Officers who answer travelers.",
        known_sources={"pathsmith": {}},
    )
    out = tmp_path / "team-draft.yaml"
    out.write_text(result.text, encoding="utf-8")
    assert result.notes == []
    assert Linter().lint_file(out) == []
    data = load_path(out).data
    assert data["id"] == "team-draft" and data["title"] == "Team draft"
    assert [s["id"] for s in data["domains"][0]["statements"]] == [
        "plain-answers",
        "communication-standards",
    ]
    assert [lv["id"] for lv in data["levels"]] == ["foundational", "expert"]
    assert result.text.startswith("# Imported from team-draft.csv by skillframe import csv.\n")


def test_spreadsheet_dialects() -> None:
    """Excel's "CSV UTF-8": a byte order mark, CRLF line ends, ';' between cells in some
    locales, columns in another order, short rows."""
    text = (
        "\ufeffTitle;Text;Domain;Level;Cite\r\n"
        'Radio discipline;"uses call signs; keeps it short";comms;novice;pathsmith\r\n'
        "\r\n"
        "Radio logs;'=keeps logs;comms;expert\r\n"
    )
    result = import_csv(text, path="d.csv", levels=["novice", "expert"], known_sources={})
    data = load_text(result.text, "x").data
    statements = data["domains"][0]["statements"]
    assert statements[0] == {
        "id": "radio-discipline",
        "level": "novice",
        "title": "Radio discipline",
        "text": "uses call signs; keeps it short",
        "cite": ["pathsmith"],
    }
    assert statements[1]["text"] == "=keeps logs" and "cite" not in statements[1]
    assert data["domains"][0]["name"] == "Comms"
    assert [lv["id"] for lv in data["levels"]] == ["novice", "expert"]
    assert any("pathsmith" in note for note in result.notes)


def test_ids_made_from_titles_are_unique() -> None:
    text = (
        HEADER + "d,D,a,,Same title,x,s,,\nd,D,a,,Same title,y,s,,\nd,D,a,same-title,Other,z,s,,\n"
    )
    data = load_text(import_csv(text, path="x.csv").text, "x").data
    assert [s["id"] for s in data["domains"][0]["statements"]] == [
        "same-title-2",
        "same-title-3",
        "same-title",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x.csv: the file holds no rows: not even a header"),
        (
            "domain,level,titel,text\n",
            "x.csv: row 1: column 'titel' is not one skillframe knows; the columns are domain, "
            "domain_name, level, id, title, text, cite, anchors, tags",
        ),
        (
            "domain,level,text\n",
            "x.csv: row 1: the header lacks the column 'title' (the export's header is "
            "domain,domain_name,level,id,title,text,cite,anchors,tags)",
        ),
        ("domain,level,title,text,level\n", "x.csv: row 1: column 'level' appears twice"),
        (
            HEADER + "d,D,a,s,T,x,y,z,w,extra\n",
            "x.csv: row 2 has 10 cells but the header names 9 columns (a comma inside a cell "
            "needs the cell in double quotes)",
        ),
        (
            HEADER + "d,D,a\n",
            "x.csv: row 2 has 3 cells but the header names 9 columns (it has no 'title', "
            "'text'; a missing cell still needs its comma)",
        ),
        (
            HEADER + "d,D,a,s,T,x,p,,\n,D,a,t,T,x,p,,\n",
            "x.csv: row 3, column 'domain': empty; every statement needs a domain id",
        ),
        (
            HEADER + "d,D,a,s,T,x,onet=task 1 | a | b,,\n",
            "x.csv: row 2, column 'cite': 'onet=task 1 | a | b' has more than one '|': write a "
            "literal '|' as '\\|'",
        ),
        (
            HEADER + "d,One,a,s,T,x,p,,\nd,Two,a,t,T,x,p,,\n",
            "x.csv: row 3, column 'domain_name': 'Two' differs from 'One' given for domain 'd' "
            "on row 2",
        ),
        (
            HEADER + 'd,D,a,s,T,"never closed,p,,\n',
            "x.csv:2: row 2: the CSV cannot be read: a double quote opened in this row is "
            "never closed",
        ),
    ],
)
def test_bad_csv_is_a_clear_error(text: str, message: str) -> None:
    error = error_of(lambda: import_csv(text, path="x.csv"))
    assert (str(error), error.exit_code) == (message, 1)


def test_cli_import_csv(in_tmp: Path) -> None:
    runner = CliRunner()
    shutil.copy(FRAMEWORKS / "sources.yaml", in_tmp / "sources.yaml")
    shutil.copytree(FRAMEWORKS / "taxonomies", in_tmp / "taxonomies")
    exported = runner.invoke(app, ["export", str(BUNDLED), "-f", "csv", "-o", "cbp.csv"])
    assert exported.exit_code == 0, exported.stderr
    lines = Path("cbp.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("using the required format", "in the required format")
    Path("cbp.csv").write_text("".join(lines), encoding="utf-8")

    result = runner.invoke(
        app, ["import", "csv", "cbp.csv", "--base", str(BUNDLED), "-o", "cbp.yaml"]
    )
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr == "skillframe: changes from cbp.csv: 1 statement changed\nwrote cbp.yaml\n"
    )
    written = Path("cbp.yaml").read_text(encoding="utf-8")
    original = BUNDLED.read_text(encoding="utf-8")
    # Only the changed line changes: the folded text is not broken again where it did not change.
    assert written == original.replace(
        "the shift log using the\n          required format so",
        "the shift log in the\n          required format so",
    )
    lint = runner.invoke(app, ["lint", "cbp.yaml"])
    assert lint.exit_code == 0, lint.stdout

    again = runner.invoke(app, ["import", "csv", "cbp.csv", "-o", "cbp.yaml"])
    assert again.exit_code == 1
    assert again.stderr == (
        "skillframe: error: 'cbp.yaml' exists and is left as it is (use --force to replace it; "
        "to update it from the CSV, add --base cbp.yaml: a CSV has no levels, anchors or "
        "sources)\n"
    )
    assert Path("cbp.yaml").read_text(encoding="utf-8") == written

    forced = runner.invoke(app, ["import", "csv", "cbp.csv", "-o", "cbp.yaml", "--force"])
    assert forced.exit_code == 0
    assert "the CSV gives no scope" in forced.stderr
    assert "anchors the statements name but the framework does not declare" in forced.stderr

    onto_input = runner.invoke(app, ["import", "csv", "cbp.csv", "-o", "cbp.csv", "--force"])
    assert onto_input.exit_code == 2
    assert "is one of the input files" in onto_input.stderr

    printed = runner.invoke(app, ["import", "csv", "cbp.csv", "--id", "cbp", "--title", "CBP"])
    assert printed.exit_code == 0
    assert "id: cbp\ntitle: CBP\n" in printed.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"domain,level,title,text\nd,a,caf\xe9,x\n", "bad.csv:2:8: byte 0xe9 is not valid UTF-8"),
        (b"\xff\xfed\x00", "bad.csv:1:1: the file is UTF-16: save it as UTF-8"),
    ],
)
def test_cli_refuses_bad_bytes(in_tmp: Path, content: bytes, message: str) -> None:
    Path("bad.csv").write_bytes(content)
    result = CliRunner().invoke(app, ["import", "csv", "bad.csv", "-o", "out.yaml"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"skillframe: error: {message}")
    assert result.stderr.count("\n") == 1
    assert not Path("out.yaml").exists()


def test_a_formula_after_a_semicolon_is_neutralised_and_comes_back(in_tmp: Path) -> None:
    import csv
    import io

    text = "checks bags;=cmd|' /C calc'!A0 and @SUM(1) after\ta tab"
    source = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    shutil.copy(FIXTURES / "skillframe.toml", in_tmp / "skillframe.toml")
    shutil.copytree(FIXTURES / "shared", in_tmp / "shared")
    (in_tmp / "m.yaml").write_text(
        source.replace(
            "text: answers travelers' questions about documents in plain language and checks "
            "they understood.",
            f'text: "{text}"'.replace("\t", "\\t"),
        ),
        encoding="utf-8",
    )
    exported = csv_export.render(read_framework(in_tmp / "m.yaml"))
    for separator in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(exported), delimiter=separator):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), (separator, cell)
    imported = import_csv(
        exported, path="x.csv", known_sources=read_framework(in_tmp / "m.yaml").sources
    )
    texts = [
        s["text"] for d in load_text(imported.text, "x").data["domains"] for s in d["statements"]
    ]
    assert texts[0] == text


def test_a_cell_as_long_as_export_writes_is_read(in_tmp: Path) -> None:
    long_text = "reads " + "very " * 40_000 + "long texts."
    row = f"d,D,a,s,Title,{long_text},p,,\n"
    result = import_csv(HEADER + row, path="x.csv")
    assert load_text(result.text, "x").data["domains"][0]["statements"][0]["text"] == long_text
