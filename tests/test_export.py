"""Exports: golden files for every format, and the properties each format promises.

The golden files in tests/golden/export/ are the exact bytes each export writes for the bundled
framework and the hostile-text fixture. After a deliberate change of an export, regenerate them
with ``SKILLFRAME_REGEN=1 pytest tests/test_export.py`` and review the diff before committing.
"""

from __future__ import annotations

import html
import json
import os
import re
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft201909Validator, Draft202012Validator, FormatChecker
from markdown_it import MarkdownIt

from skillframe.export import case, csv_export, formats, json_export, markdown
from skillframe.export.common import cited_sources, source_anchor, statement_anchor
from skillframe.model import Framework, read_framework

from .conftest import BUNDLED, DATA, FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "export"
HOSTILE = FIXTURES / "export" / "hostile.yaml"
EXPORTED = [BUNDLED, HOSTILE]
EVERY_FRAMEWORK = [
    BUNDLED,
    HOSTILE,
    FIXTURES / "valid" / "full.yaml",
    FIXTURES / "valid" / "minimal.yaml",
]
CASE_SCHEMAS = {
    "case-v1p1-cfpackage.schema.json": Draft201909Validator,
    "opensalt-case-v1p0-cfpackage.schema.json": Draft7Validator,
}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
CASE_1_0_TYPES = {
    "isChildOf",
    "isPeerOf",
    "isPartOf",
    "exactMatchOf",
    "precedes",
    "isRelatedTo",
    "replacedBy",
    "exemplar",
    "hasSkillLevel",
}


def _framework(path: Path) -> Framework:
    return read_framework(path)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SKILLFRAME_REGEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.read_bytes().decode("utf-8") == text, f"{name} differs from its golden file"


@pytest.mark.parametrize("fmt", ["md", "html", "json", "case", "csv"])
@pytest.mark.parametrize("path", EXPORTED, ids=lambda p: p.stem)
def test_golden(path: Path, fmt: str) -> None:
    chosen = formats()[fmt]
    fw = _framework(path)
    text = chosen.render(fw)
    _golden(f"{fw.id}.{chosen.extension}", text)
    assert chosen.render(_framework(path)) == text, "the same input must give the same bytes"


# JSON ------------------------------------------------------------------------------------------


def export_validator() -> Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.mark.parametrize("path", EVERY_FRAMEWORK, ids=lambda p: p.stem)
def test_json_export_matches_its_schema(path: Path) -> None:
    data = json.loads(json_export.render(_framework(path)))
    errors = sorted(export_validator().iter_errors(data), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def _described(node: Any, where: str) -> list[str]:
    missing = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            if "description" not in sub:
                missing.append(f"{where}/properties/{name}")
        for key, sub in node.items():
            missing += _described(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            missing += _described(sub, f"{where}/{index}")
    return missing


def test_every_property_of_the_export_schema_is_described() -> None:
    schema = json.loads((ROOT / "schemas" / "export.schema.json").read_text("utf-8"))
    assert _described(schema, "") == []
    assert all("description" in d for d in schema["$defs"].values())


def test_json_export_resolves_citations_levels_and_anchors() -> None:
    data = json_export.build(_framework(BUNDLED))
    assert [(lv["id"], lv["rank"]) for lv in data["levels"]] == [
        ("foundational", 1),
        ("intermediate", 2),
        ("advanced", 3),
        ("expert", 4),
    ]
    statement = data["domains"][0]["statements"][1]
    assert statement["id"] == "shift-log-entries"
    assert statement["level_rank"] == 1
    onet = statement["cite"][1]
    assert onet["source"] == "onet" and onet["locator"] == "task 9455"
    assert onet["details"]["version"] == "30.2"
    assert onet["details"]["link"] == "https://www.onetcenter.org"
    assert statement["anchors"][0]["text"].startswith("Record and report")
    anchor = next(a for a in data["anchors"] if a["id"] == "onet-task-9455")
    assert "shift-log-entries" in anchor["statements"]
    assert [s["id"] for s in data["sources"]] == [
        "pathsmith",
        "onet",
        "wef-skills-taxonomy",
        "aei",
        "safi",
        "skillscrosswalk",
    ]
    assert data["sources"][4]["details"]["link"] == "https://arxiv.org/abs/2604.06906"
    total = sum(len(d["statements"]) for d in data["domains"])
    assert total == 144


# CASE ------------------------------------------------------------------------------------------


def _format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parsed = datetime.fromisoformat(value)
        return parsed.tzinfo is not None and "T" in value

    @checker.checks("uri", raises=ValueError)
    def uri(value: object) -> bool:
        return not isinstance(value, str) or bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value))

    @checker.checks("uuid", raises=ValueError)
    def is_uuid(value: object) -> bool:
        return not isinstance(value, str) or str(uuid.UUID(value)) == value.lower()

    return checker


def case_errors(package: Any) -> list[str]:
    """Every error of a package against both CASE schemas (tests/data/case)."""
    out = []
    for name, validator in CASE_SCHEMAS.items():
        schema = json.loads((DATA / "case" / name).read_text("utf-8"))
        for error in validator(schema, format_checker=_format_checker()).iter_errors(package):
            out.append(f"{name}: {list(error.path)}: {error.message}")
    return out


def _identifiers(node: Any) -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "identifier" and isinstance(value, str):
                found.append(value)
            found += _identifiers(value)
    elif isinstance(node, list):
        for value in node:
            found += _identifiers(value)
    return found


@pytest.mark.parametrize("path", EVERY_FRAMEWORK, ids=lambda p: p.stem)
def test_case_export_validates_and_follows_the_compatibility_notes(path: Path) -> None:
    fw = _framework(path)
    package = json.loads(case.render(fw))
    assert case_errors(package) == []
    ids = _identifiers(package)
    assert ids and all(UUID.match(i) for i in ids)
    objects = [package["CFDocument"], *package["CFItems"], *package["CFAssociations"]]
    assert len({o["identifier"] for o in objects}) == len(objects), "identifiers are unique"
    assert {a["associationType"] for a in package["CFAssociations"]} <= CASE_1_0_TYPES
    text = json.dumps(package)
    assert "ext:" not in text and "targetType" not in text
    assert "extensions" not in package and "extensions" not in package["CFDefinitions"]
    stamps = {o["lastChangeDateTime"] for o in objects}
    stamps |= {t["lastChangeDateTime"] for t in package["CFDefinitions"]["CFItemTypes"]}
    assert stamps == {case.DEFAULT_TIMESTAMP}
    statements = list(fw.statements())
    assert [i["fullStatement"] for i in package["CFItems"] if i.get("CFItemType") != "Domain"] == [
        s.text for s in statements
    ]
    children = [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"]
    assert len(children) == len(statements) + len(fw.domains)


def test_case_identifiers_follow_the_ids_not_the_text() -> None:
    fw = _framework(BUNDLED)
    first = json.loads(case.render(fw))
    domain = fw.domains[0]
    reworded = replace(
        domain,
        statements=(
            replace(domain.statements[0], text="says something else."),
            *domain.statements[1:],
        ),
    )
    second = json.loads(case.render(replace(fw, domains=(reworded, *fw.domains[1:]))))
    assert _identifiers(first) == _identifiers(second)
    assert first["CFItems"][1]["identifier"] == case.identifier(
        fw.id, "statement", "plain-language-traveler-directions"
    )
    # The documented rule: UUIDv5 of "<framework id>/<kind>/<id>" in skillframe's namespace.
    namespace = uuid.UUID("d4d75ccd-38da-432a-9282-e78848cb27ec")
    name = "customs-border-protection-officers/statement/plain-language-traveler-directions"
    assert first["CFItems"][1]["identifier"] == str(uuid.uuid5(namespace, name))
    renamed = json.loads(case.render(replace(fw, id="another-framework")))
    assert not set(_identifiers(renamed)) & set(_identifiers(first))


def test_case_timestamps() -> None:
    assert case.timestamp("2026-03-01") == "2026-03-01T00:00:00+00:00"
    assert case.timestamp("2026-03-01T12:30:00Z") == "2026-03-01T12:30:00+00:00"
    assert case.timestamp("2026-03-01T12:30:00+02:00") == "2026-03-01T12:30:00+02:00"
    assert case.epoch_timestamp("1767225600") == "2026-01-01T00:00:00+00:00"
    package = json.loads(case.render(_framework(BUNDLED), when="2026-03-01T00:00:00+00:00"))
    assert case_errors(package) == []
    with pytest.raises(Exception, match="not an ISO 8601"):
        case.timestamp("yesterday")


# Markdown --------------------------------------------------------------------------------------

ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "ul", "ol", "li", "strong", "code", "br", "table", "thead", "tbody",
    "tr", "th", "td", "a",
}  # fmt: skip


md = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _render_html(text: str) -> tuple[str, list[Any]]:
    tokens = md.parse(text)
    return md.renderer.render(tokens, md.options, {}), tokens


def _flat(tokens: list[Any]) -> list[Any]:
    out = []
    for token in tokens:
        out.append(token)
        out += _flat(token.children or [])
    return out


@pytest.mark.parametrize("path", EVERY_FRAMEWORK, ids=lambda p: p.stem)
def test_markdown_renders_data_as_text(path: Path) -> None:
    fw = _framework(path)
    text = markdown.render(fw)
    rendered, tokens = _render_html(text)
    flat = _flat(tokens)
    raw = [t.content.strip() for t in flat if t.type in ("html_block", "html_inline")]
    # Ours only: the marker, and an empty named anchor before each statement and reference.
    targets = [statement_anchor(s.id) for s in fw.statements()]
    targets += [source_anchor(sid) for sid in cited_sources(fw)]
    assert raw[0] == markdown.marker(fw)
    assert sorted(raw[1:]) == sorted(
        [f'<a id="{t}">' for t in targets] + ["</a>"] * len(targets)
    ), "no raw HTML but ours"
    # Every link inside the page lands: on one of those anchors or on a heading (the anchors
    # GitHub gives headings, from their text as shown).
    headings = markdown._Headings()
    for i, token in enumerate(flat):
        if token.type == "heading_open":
            shown = html.unescape(
                re.sub(r"<[^>]+>", "", md.renderer.render([flat[i + 1]], md.options, {}))
            )
            targets.append(headings.add(shown))
    linked = set(re.findall(r'href="#([^"]*)"', rendered))
    assert linked <= set(targets), linked - set(targets)
    assert {source_anchor(sid) for sid in cited_sources(fw)} <= linked, "every source is cited"
    assert {statement_anchor(s.id) for s in fw.statements()} <= linked, "the overview links all"
    tags = set(re.findall(r"<([a-z0-9]+)[\s/>]", rendered))
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for href in re.findall(r'href="([^"]*)"', rendered):
        assert href.startswith(("#", "https://", "http://")), href
    visible = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())
    for statement in fw.statements():
        assert " ".join(statement.text.split()) in visible, statement.id
        assert " ".join(statement.title.split()) in visible, statement.id
    # Every row of every table has as many cells as its header.
    for table_open in (i for i, t in enumerate(flat) if t.type == "table_open"):
        widths = []
        row = 0
        for token in flat[table_open:]:
            if token.type == "tr_open":
                row = 0
            elif token.type in ("th_open", "td_open"):
                row += 1
            elif token.type == "tr_close":
                widths.append(row)
            elif token.type == "table_close":
                break
        assert len(set(widths)) == 1, widths


def test_markdown_of_hostile_text_keeps_it_as_text() -> None:
    rendered, _ = _render_html(markdown.render(_framework(HOSTILE)))
    assert "<script" not in rendered and "<img" not in rendered and "<div" not in rendered
    assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', rendered))
    assert "&lt;script&gt;alert('text')&lt;/script&gt;" in rendered
    assert "**bold**" in html.unescape(rendered)
    assert "<strong>bold</strong>" not in rendered
    assert "-20 °C is the storage limit" in rendered


# CSV -------------------------------------------------------------------------------------------


def test_csv_neutralises_formulas() -> None:
    text = csv_export.render(_framework(HOSTILE))
    lines = text.splitlines()
    assert lines[0] == "domain,domain_name,level,id,title,text,cite,anchors,tags"
    assert ",'-20 °C is the storage limit" in text
    assert ",'+1 escalation,'+1 level of review" in text
    assert ",''=already neutralised looking text," in text
    assert "\r\n" not in text.replace('"', "")
