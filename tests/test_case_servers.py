"""CASE as servers publish and serve it: resolvable URIs under --base-uri, O*NET anchors linked
to their occupation's page, and packages that bend the schema (numbers written as text, dates
left out, extension keys of their own) imported with a note for each repair."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from skillframe.app import app
from skillframe.export import case
from skillframe.export.common import framework_data
from skillframe.importers.case_import import import_case
from skillframe.lint import Linter
from skillframe.load import load_text
from skillframe.model import read_framework

from .conftest import BUNDLED, DATA, FIXTURES, FRAMEWORKS
from .test_export import case_errors
from .test_import_case import _package

BASE = "https://case.example.org/ims/case/v1p0"
SERVER_PACKAGE = FIXTURES / "case" / "server-package.json"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def test_base_uri_gives_every_object_a_uri_a_server_resolves() -> None:
    fw = read_framework(BUNDLED)
    package = json.loads(case.render(fw, base=BASE))
    assert case_errors(package) == []
    document = package["CFDocument"]
    assert document["uri"] == f"{BASE}/CFDocuments/{document['identifier']}"
    objects = [
        ("CFItems", package["CFItems"]),
        ("CFAssociations", package["CFAssociations"]),
        ("CFItemTypes", package["CFDefinitions"]["CFItemTypes"]),
    ]
    for collection, entries in objects:
        for entry in entries:
            assert entry["uri"] == f"{BASE}/{collection}/{entry['identifier']}"
    items = {i["identifier"]: i["uri"] for i in package["CFItems"]}
    items[document["identifier"]] = document["uri"]
    for association in package["CFAssociations"]:
        origin = association["originNodeURI"]
        assert origin["uri"] == items[origin["identifier"]]
        if association["associationType"] == "isChildOf":
            dest = association["destinationNodeURI"]
            assert dest["uri"] == items[dest["identifier"]]
    for entry in package["CFItems"]:
        link = entry["CFItemTypeURI"]
        assert link["uri"] == f"{BASE}/CFItemTypes/{link['identifier']}"
    # Only a node outside the package with no address of its own (a source without a web
    # address) keeps a urn:uuid: no server serves it.
    unaddressed = {
        a["destinationNodeURI"]["identifier"]
        for a in package["CFAssociations"]
        if a["destinationNodeURI"]["uri"].startswith("urn:uuid:")
    }
    assert unaddressed and not unaddressed & set(items)
    assert all(
        a["associationType"] == "isRelatedTo"
        for a in package["CFAssociations"]
        if a["destinationNodeURI"]["identifier"] in unaddressed
    )
    text = json.dumps(package)
    assert text.count("urn:uuid:") == sum(
        1 for a in package["CFAssociations"] if a["destinationNodeURI"]["identifier"] in unaddressed
    )


def test_base_uri_export_imports_back_whole(tmp_path: Path) -> None:
    fw = read_framework(BUNDLED)
    (tmp_path / "sources.yaml").write_bytes((FRAMEWORKS / "sources.yaml").read_bytes())
    result = import_case(case.render(fw, base=BASE + "/"), path="x.case.json")
    back = load_text(result.text, "back.yaml")
    assert not back.problems
    out = tmp_path / "back.yaml"
    out.write_text(result.text, encoding="utf-8")
    assert framework_data(read_framework(out), sources=[]) == framework_data(fw, sources=[])


def test_cli_base_uri(in_tmp: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", str(BUNDLED), "-f", "case", "--base-uri", BASE + "/", "-o", "x.json"]
    )
    assert result.exit_code == 0, result.stderr
    package = json.loads(Path("x.json").read_text(encoding="utf-8"))
    assert re.fullmatch(f"{re.escape(BASE)}/CFItems/{UUID}", package["CFItems"][0]["uri"])


def test_onet_anchors_link_to_their_occupation_page_with_the_task() -> None:
    """Each O*NET anchor (and citation of an O*NET task) goes to the occupation's page on
    O*NET OnLine, with its own task id: eleven tasks, eleven addresses."""
    fw = read_framework(BUNDLED)
    assert fw.onet_soc == "33-3051.04"
    package = json.loads(case.render(fw))
    anchors = {a.id: a for a in fw.anchors}
    anchor_ids = {case.identifier(fw.id, *case.anchor_path(a)): a for a in anchors}
    seen: dict[str, str] = {}
    for association in package["CFAssociations"]:
        dest = association["destinationNodeURI"]
        anchor_id = anchor_ids.get(dest["identifier"])
        if anchor_id is None:
            continue
        number = anchors[anchor_id].locator.split()[-1]
        assert dest["uri"] == (f"https://www.onetonline.org/link/summary/33-3051.04#task-{number}")
        assert dest["title"] == f"O*NET task {number}: {anchors[anchor_id].text}"
        seen[anchor_id] = dest["uri"]
    onet_anchors = [a for a in fw.anchors if a.source == "onet"]
    assert len(onet_anchors) == 11
    assert len(set(seen.values())) == len(seen) == len({a.id for a in onet_anchors} & set(seen))
    cited = [
        a["destinationNodeURI"]
        for a in package["CFAssociations"]
        if a["destinationNodeURI"]["title"].startswith("O*NET 30.2 Database, task ")
    ]
    assert cited
    for dest in cited:
        number = dest["title"].rsplit(" ", 1)[-1]
        assert dest["uri"] == f"https://www.onetonline.org/link/summary/33-3051.04#task-{number}"


def test_a_package_as_a_server_publishes_it_is_imported_with_its_repairs_noted() -> None:
    """Sequence numbers and list numbers written as text, a keyword list written as one text,
    dates left out, extension keys of the server's own: imported, each repair named."""
    result = import_case(SERVER_PACKAGE.read_text(encoding="utf-8"), path=SERVER_PACKAGE.name)
    assert result.notes[:5] == [
        'repaired: /CFItems/0/listEnumeration: a number 1 read as the text "1"',
        'repaired: /CFItems/1/conceptKeywords: "manifests, escalation" read as the list '
        '["manifests", "escalation"]',
        'repaired: /CFAssociations/0/sequenceNumber: text "1" read as the number 1',
        'repaired: /CFAssociations/1/sequenceNumber: text "2" read as the number 2',
        'repaired: /CFAssociations/2/sequenceNumber: text "1" read as the number 1',
    ]
    assert 'not mapped: /CFDocument/extensions/vendorTheme: "harbour"' in result.notes
    assert 'not mapped: /CFItems/1/extensions: {"reviewCycle": 2}' in result.notes
    data = load_text(result.text, "x.yaml").data
    (domain,) = data["domains"]
    # The items come in the file as PI.1.2, PI.1.1; their sequence numbers ("1", "2") win.
    assert [s["id"] for s in domain["statements"]] == ["pi-1-1", "pi-1-2"]
    assert domain["statements"][1]["tags"] == ["manifests", "escalation"]
    codes = {d.code for d in Linter().lint_text(result.text, Path("x.yaml"))}
    assert {c for c in codes if not c.startswith("SF5")} <= {"SF303"}


def test_cli_names_each_repair(in_tmp: Path) -> None:
    result = CliRunner().invoke(app, ["import", "case", str(SERVER_PACKAGE), "-o", "port.yaml"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[2] == (
        'skillframe: repaired: /CFAssociations/0/sequenceNumber: text "1" read as the number 1'
    )
    assert lines[-1] == "wrote port.yaml"


def test_opensalt_packages_with_sequence_numbers_as_text() -> None:
    """The failure reported: a real OpenSALT package whose sequence numbers are text."""
    path = DATA / "case" / "opensalt-MarkdownFramework.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    for index, association in enumerate(package["CFAssociations"]):
        association["sequenceNumber"] = str(index + 1)
    result = import_case(json.dumps(package), path=path.name)
    assert [n for n in result.notes if n.startswith("repaired:")] == [
        f'repaired: /CFAssociations/{i}/sequenceNumber: text "{i + 1}" read as the number {i + 1}'
        for i in range(len(package["CFAssociations"]))
    ]
    texts = [
        s["text"] for d in load_text(result.text, "x").data["domains"] for s in d["statements"]
    ]
    assert sorted(texts) == sorted(i["fullStatement"] for i in package["CFItems"])


def _bent() -> dict[str, Any]:
    package = copy.deepcopy(_package())
    package["CFItems"][2]["fullStatement"] = 7
    package["CFItems"][3]["humanCodingScheme"] = 11
    package["CFItems"][4] = "not an item"
    for entry in (package["CFDocument"], *package["CFItems"][:4], *package["CFAssociations"]):
        if isinstance(entry, dict):
            entry.pop("lastChangeDateTime", None)
    package["CFAssociations"][5].pop("destinationNodeURI")
    package["CFAssociations"][1]["sequenceNumber"] = "second"
    package["CFDefinitions"]["CFItemTypes"] = [
        {"identifier": "t", "uri": "https://x/t", "title": "Level", "hierarchyCode": 1}
    ]
    return package


def test_what_cannot_be_used_is_left_out_and_the_rest_repaired() -> None:
    result = import_case(json.dumps(_bent()), path="bent.json")
    repaired = [n for n in result.notes if n.startswith("repaired:")]
    assert repaired == [
        'repaired: /CFItems/2/fullStatement: a number 7 read as the text "7"',
        'repaired: /CFItems/3/humanCodingScheme: a number 11 read as the text "11"',
        'repaired: /CFDefinitions/CFItemTypes/0/hierarchyCode: a number 1 read as the text "1"',
    ]
    left_out = [n for n in result.notes if n.endswith("left out")]
    assert left_out == [
        "not mapped: /CFItems/4: expected an object, found text: left out",
        'not mapped: /CFAssociations/1/sequenceNumber: expected a whole number ("second"), '
        "found text: left out",
        "not mapped: /CFAssociations/5/destinationNodeURI: expected an object, found null: left out",
    ]
    data = load_text(result.text, "x").data
    texts = [s["text"] for d in data["domains"] for s in d.get("statements", [])]
    assert "7" in texts and "Proficient" not in texts
    header = result.text.split("schema:", 1)[0]
    assert "#   /CFItems/4: expected an object, found text: left out\n" in header
