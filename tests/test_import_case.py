"""CASE import: OpenSALT packages without loss, round trips through the CASE export, errors by
JSON pointer, and a report of everything that could not be mapped."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.collection import Resolver
from skillframe.config import discover
from skillframe.export import case
from skillframe.export.common import cited_sources, framework_data
from skillframe.importers.case_import import import_case
from skillframe.lint import Linter
from skillframe.load import load_text
from skillframe.model import framework_from, read_framework

from .conftest import BUNDLED, DATA, FIXTURES, FRAMEWORKS, error_of

HOSTILE = FIXTURES / "export" / "hostile.yaml"
OPENSALT = sorted((DATA / "case").glob("opensalt-*Framework.json"))


def _texts(data: Any) -> list[str]:
    """Every string value in the data."""
    if isinstance(data, dict):
        return [t for v in data.values() for t in _texts(v)]
    if isinstance(data, list):
        return [t for v in data for t in _texts(v)]
    return [data] if isinstance(data, str) else []


def test_the_opensalt_packages_are_there() -> None:
    assert len(OPENSALT) == 5


@pytest.mark.parametrize("path", OPENSALT, ids=lambda p: p.stem)
def test_opensalt_packages_import_without_loss(path: Path) -> None:
    package = json.loads(path.read_text(encoding="utf-8"))
    result = import_case(path.read_text(encoding="utf-8"), path=path.name)
    doc = load_text(result.text, "x.yaml")
    assert not doc.problems
    data = doc.data
    statements = [s for d in data["domains"] for s in d.get("statements", [])]
    texts = [s["text"] for s in statements]
    for item in package["CFItems"]:
        assert item["fullStatement"] in texts, item["identifier"]
        code = item.get("humanCodingScheme")
        if code:
            assert code in _texts(data)
    assert data["title"] == package["CFDocument"]["title"]
    assert len(statements) == len(package["CFItems"])
    # Only what the package does not give is left for lint to report (besides the statement
    # rules' warnings on the package's own wording, which the import keeps as it is).
    codes = {d.code for d in Linter().lint_text(result.text, Path("x.yaml"))}
    assert {code for code in codes if not code.startswith("SF5")} <= {"SF101", "SF104"}


def test_opensalt_details_are_mapped() -> None:
    by_name = {p.stem: p for p in OPENSALT}
    typed = import_case(by_name["opensalt-ItemTypeTestFramework"].read_text("utf-8"), path="t.json")
    data = load_text(typed.text, "x").data
    assert data["levels"] == [{"id": "standard", "name": "Standard"}]
    assert data["status"] == "draft"
    adopted = load_text(
        import_case(
            by_name["opensalt-AdoptedTestFramework"].read_text("utf-8"), path="a.json"
        ).text,
        "x",
    ).data
    assert adopted["status"] == "published"
    assert adopted["sources"]["adopted-test"] == {
        "title": "Adopted Test",
        "type": "framework",
        "publisher": "OpenSALT Testing",
        "date": "2017-09-22",
        "url": "https://server/ims/case/v1p0/CFDocuments/d0000000-0000-0000-0000-000000000000",
    }
    markdown = load_text(
        import_case(by_name["opensalt-MarkdownFramework"].read_text("utf-8"), path="m.json").text,
        "x",
    ).data
    table = markdown["domains"][0]["statements"][0]
    assert table["id"] == "md-table"
    assert table["title"] == "This contains a _table_ in markdown"
    assert table["cite"] == [{"source": "test-markdown-framework", "locator": "MD.Table"}]


def _known(where: Path) -> dict[str, Any]:
    return Resolver().shared_for(where, discover(where)).sources


@pytest.mark.parametrize(
    "path",
    [BUNDLED, HOSTILE, FIXTURES / "valid" / "full.yaml", FIXTURES / "valid" / "minimal.yaml"],
    ids=lambda p: p.stem,
)
def test_yaml_case_yaml_round_trip(path: Path, tmp_path: Path) -> None:
    fw = read_framework(path)
    out = tmp_path / "back.yaml"
    shutil.copy(FRAMEWORKS / "sources.yaml", tmp_path / "sources.yaml")
    known = _known(out)
    result = import_case(case.render(fw), path="x.case.json", known_sources=known)
    assert result.notes == []
    out.write_text(result.text, encoding="utf-8")
    back = read_framework(out)
    assert framework_data(back, sources=[]) == framework_data(fw, sources=[])
    # Sources the registry here lacks are written into the framework, so every citation
    # resolves to the same record as before.
    for sid in cited_sources(fw):
        assert back.sources[sid] == fw.sources[sid], sid
    assert set(back.local_sources) == {s for s in fw.sources if known.get(s) != fw.sources[s]} & (
        set(cited_sources(fw)) | set(fw.local_sources)
    )
    if path == BUNDLED:
        shutil.copytree(FRAMEWORKS / "taxonomies", tmp_path / "taxonomies")
        assert Linter().lint_file(out) == []


def test_what_survives_an_opensalt_import() -> None:
    """OpenSALT drops extensions: statements, tree, levels, citations and ids still return."""
    fw = read_framework(BUNDLED)
    package = json.loads(case.render(fw))
    del package["CFDocument"]["extensions"]
    result = import_case(json.dumps(package), path="x.json", known_sources=fw.sources)
    back = framework_from(load_text(result.text, "x").data, fw.sources)
    assert [d["statements"] for d in framework_data(back)["domains"]] == [
        d["statements"] for d in framework_data(fw)["domains"]
    ]
    assert back.levels == fw.levels and back.id == fw.id and back.onet_soc == fw.onet_soc
    assert back.anchors == () and back.evidence == ()
    assert result.notes == [
        "anchors the statements name but the framework does not declare: onet-task-9455, "
        "onet-task-9450, onet-task-9453, onet-task-9457, onet-task-9454, onet-task-9451, "
        "onet-task-9452, onet-task-9458, onet-task-9456, onet-task-9459, onet-task-9460 "
        "(declare them under anchors:)"
    ]


def _package() -> dict[str, Any]:
    def item(ident: str, text: str, **extra: Any) -> dict[str, Any]:
        return {
            "identifier": ident,
            "uri": f"https://x/{ident}",
            "fullStatement": text,
            "lastChangeDateTime": "2020-01-01T00:00:00+00:00",
            **extra,
        }

    def assoc(
        ident: str, kind: str, origin: str, dest: str, seq: int | None = None
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "identifier": ident,
            "uri": f"https://x/{ident}",
            "associationType": kind,
            "originNodeURI": {"title": origin, "identifier": origin, "uri": f"https://x/{origin}"},
            "destinationNodeURI": {"title": dest, "identifier": dest, "uri": f"https://x/{dest}"},
            "lastChangeDateTime": "2020-01-01T00:00:00+00:00",
        }
        if seq is not None:
            entry["sequenceNumber"] = seq
        return entry

    return {
        "CFDocument": {
            "identifier": "doc",
            "uri": "https://x/doc",
            "creator": "Board",
            "title": "Nested Standards",
            "lastChangeDateTime": "2020-01-01T00:00:00+00:00",
            "description": "Standards in a deep tree.",
            "language": "en",
            "adoptionStatus": "Private Draft",
        },
        "CFItems": [
            item("d1", "Reading", humanCodingScheme="RD"),
            item("s2", "Reads fluently.", humanCodingScheme="RD.2", educationLevel=["03"]),
            item("s1", "Reads aloud.", humanCodingScheme="RD.1", notes="From the 2019 review."),
            item("s11", "Reads aloud with expression.", humanCodingScheme="RD.1.a"),
            item("lv", "Proficient"),
            item("orphan", "Nobody's child."),
            item("kid", "Follows an orphan."),
        ],
        "CFAssociations": [
            assoc("a1", "isChildOf", "d1", "doc", 1),
            assoc("a2", "isChildOf", "s2", "d1", 2),
            assoc("a3", "isChildOf", "s1", "d1", 1),
            assoc("a4", "isChildOf", "s11", "s1", 1),
            assoc("a5", "hasSkillLevel", "s1", "lv"),
            assoc("a6", "isPeerOf", "s1", "s2"),
            assoc("a7", "isChildOf", "kid", "orphan"),
        ],
        "CFDefinitions": {"CFConcepts": [{"identifier": "c"}], "CFItemTypes": []},
    }


def test_the_tree_levels_and_what_is_not_mapped() -> None:
    result = import_case(json.dumps(_package()), path="nested.json")
    data = load_text(result.text, "x").data
    assert data["status"] == "draft"
    assert [lv["id"] for lv in data["levels"]] == ["proficient", "core"]
    reading, general = data["domains"]
    assert reading["id"] == "rd" and reading["name"] == "Reading"
    assert [(s["id"], s["level"], s["text"]) for s in reading["statements"]] == [
        ("rd-1", "proficient", "Reads aloud."),
        ("rd-1-a", "core", "Reads aloud with expression."),
        ("rd-2", "core", "Reads fluently."),
    ]
    assert reading["statements"][0]["cite"] == [{"source": "nested-standards", "locator": "RD.1"}]
    assert general["id"] == "general"
    assert [s["text"] for s in general["statements"]] == ["Nobody's child.", "Follows an orphan."]
    expected = [
        '/CFDocument/language: "en"',
        '/CFItems/1/educationLevel: ["03"]',
        "/CFDefinitions/CFConcepts: 1 entry",
        '/CFItems/3: a child of "Reads aloud", which is itself a statement: placed after it in '
        "the same domain",
        "/CFItems/5: it is not in the tree of isChildOf associations below the document: placed "
        "in the domain 'general'",
        '/CFItems/6: a child of "Nobody\'s child", which is itself a statement: placed after it '
        "in the same domain",
        '/CFItems/0/humanCodingScheme: "RD" (the domain\'s id is rd)',
        '/CFItems/2/notes: "From the 2019 review."',
        '/CFAssociations/5: isPeerOf from "s1" to "s2"',
        "/CFItems: their identifiers and URIs are not kept (a CASE export of the framework "
        "names its objects from the framework's ids)",
    ]
    assert result.notes == [f"not mapped: {e}" for e in expected]
    header = result.text.split("schema:", 1)[0]
    for entry in expected:
        assert f"#   {entry}\n" in header


def _node(ident: str) -> dict[str, str]:
    return {"title": ident, "identifier": ident, "uri": f"https://x/{ident}"}


def _broken(change: Any) -> str:
    package = copy.deepcopy(_package())
    change(package)
    return json.dumps(package, indent=2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"CFDocument": {',
            "p.json:1:17: not valid JSON: Expecting property name enclosed in double quotes",
        ),
        ("[]", "p.json: /: expected an object, found a list"),
        ("{}", "p.json: /CFDocument: missing: a CASE package needs its CFDocument"),
        (
            _broken(lambda p: p["CFDocument"].pop("title")),
            "p.json: /CFDocument/title: missing: CASE requires it",
        ),
        (
            _broken(lambda p: p["CFItems"][3].update(identifier="s1")),
            "p.json: /CFItems/3/identifier: 's1' is also the identifier of /CFItems/2",
        ),
        (
            _broken(lambda p: p.update(CFItems={"a": 1})),
            "p.json: /CFItems: expected a list, found an object",
        ),
        (
            _broken(lambda p: p["CFAssociations"][0].update(destinationNodeURI=_node("s11"))),
            "p.json: /CFAssociations/2: the isChildOf associations go round in a circle (each "
            'item a child of the next): "Reading" -> "Reads aloud with expression" -> '
            '"Reads aloud" -> "Reading"; an item cannot be inside itself',
        ),
        (
            _broken(lambda p: p["CFAssociations"][6].update(destinationNodeURI=_node("kid"))),
            "p.json: /CFAssociations/6: the isChildOf associations go round in a circle (each "
            'item a child of the next): "Follows an orphan" -> "Follows an orphan"; an item '
            "cannot be inside itself",
        ),
    ],
)
def test_bad_packages_are_clear_errors(text: str, message: str) -> None:
    error = error_of(lambda: import_case(text, path="p.json"))
    assert (str(error), error.exit_code) == (message, 1)


def test_cli_import_case(in_tmp: Path) -> None:
    runner = CliRunner()
    Path("nested.json").write_text(json.dumps(_package()), encoding="utf-8")
    result = runner.invoke(app, ["import", "case", "nested.json", "-o", "nested.yaml"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == 'skillframe: not mapped: /CFDocument/language: "en"'
    assert lines[-1] == "wrote nested.yaml"
    assert (
        Path("nested.yaml")
        .read_text(encoding="utf-8")
        .startswith("# Imported from nested.json by skillframe import case: the CASE package ")
    )
    same = runner.invoke(app, ["import", "case", "nested.json", "-o", "nested.yaml"])
    assert same.exit_code == 0 and same.stderr.endswith("unchanged nested.yaml\n")
    Path("nested.yaml").write_text("# my own notes\n", encoding="utf-8")
    refused = runner.invoke(app, ["import", "case", "nested.json", "-o", "nested.yaml"])
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert Path("nested.yaml").read_text(encoding="utf-8") == "# my own notes\n"
    Path("bad.json").write_text('{"CFDocument": []}', encoding="utf-8")
    bad = runner.invoke(app, ["import", "case", "bad.json", "-o", "bad.yaml"])
    assert bad.exit_code == 1
    assert (
        bad.stderr == "skillframe: error: bad.json: /CFDocument: expected an object, found a list\n"
    )
    missing = runner.invoke(app, ["import", "case", "nowhere.json"])
    assert missing.exit_code == 2
    assert "path 'nowhere.json' does not exist" in missing.stderr


def test_a_deep_chain_of_children_is_imported() -> None:
    package = _package()
    depth = 3_000
    package["CFItems"] += [
        {"identifier": f"c{n}", "uri": f"https://x/c{n}", "fullStatement": f"Step {n}."}
        for n in range(depth)
    ]
    package["CFAssociations"] += [
        {
            "identifier": f"ca{n}",
            "uri": f"https://x/ca{n}",
            "associationType": "isChildOf",
            "originNodeURI": {"title": "", "identifier": f"c{n}", "uri": f"https://x/c{n}"},
            "destinationNodeURI": {
                "title": "",
                "identifier": f"c{n - 1}" if n else "d1",
                "uri": "https://x/p",
            },
            "sequenceNumber": 9,
        }
        for n in range(depth)
    ]
    result = import_case(json.dumps(package), path="deep.json")
    reading = load_text(result.text, "x").data["domains"][0]
    texts = [s["text"] for s in reading["statements"]]
    assert texts[:3] == ["Reads aloud.", "Reads aloud with expression.", "Reads fluently."]
    assert texts[3:] == [f"Step {n}." for n in range(depth)]


def test_a_huge_sequence_number_orders_last() -> None:
    package = _package()
    package["CFAssociations"][2]["sequenceNumber"] = 10**400  # s1, otherwise first
    result = import_case(json.dumps(package), path="big.json")
    reading = load_text(result.text, "x").data["domains"][0]
    assert [s["text"] for s in reading["statements"]][-1] == "Reads aloud with expression."
    package["CFAssociations"][2]["sequenceNumber"] = "7" * 5000
    result = import_case(json.dumps(package), path="big.json")
    assert any("sequenceNumber" in note for note in result.notes)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "p.json: not valid JSON: it is nested too deeply"),
        (
            _broken(lambda p: p["CFItems"][2].update(fullStatement="Reads \ud800 aloud.")),
            "p.json: /CFItems/2/fullStatement: holds \\ud800, half of a UTF-16 pair without "
            "the other half: it cannot be written as UTF-8",
        ),
        (
            _broken(lambda p: p["CFDocument"].update(title={"deep": ["\udfff"]})),
            "p.json: /CFDocument/title/deep/0: holds \\udfff, half of a UTF-16 pair without "
            "the other half: it cannot be written as UTF-8",
        ),
    ],
)
def test_hostile_packages_are_clear_errors(text: str, message: str) -> None:
    error = error_of(lambda: import_case(text, path="p.json"))
    assert (str(error), error.exit_code) == (message, 1)
