"""Checks on the project itself: rule documentation, schemas, and the loader's fast path."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from skillframe.rules import RULES

from .conftest import ROOT, invalid_fixtures

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("code", list(RULES))
def test_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"SF\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary.endswith((".", ")")), rule.summary
    doc = rule.doc
    assert "Fails::" in doc and "Passes::" in doc, f"{code} needs a failing and a passing example"
    assert doc.index("Fails::") < doc.index("Passes::")
    assert len(doc.split("Fails::")[0].strip().splitlines()) >= 3, f"{code} needs an explanation"
    assert invalid_fixtures(code), f"{code} has no failing fixture"


def test_rule_names_are_unique() -> None:
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


def _properties(node: Any, where: str = "#") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/properties/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{index}")


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12_and_described(path: Any) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema.get("description")
    undocumented = [where for where, sub in _properties(schema) if not sub.get("description")]
    assert undocumented == []


def test_packaged_schemas_are_the_repository_schemas() -> None:
    from skillframe.schema import schema_text

    for name in ("framework", "sources", "taxonomy"):
        assert schema_text(name) == (ROOT / "schemas" / f"{name}.schema.json").read_text(
            encoding="utf-8"
        )


def test_the_c_parser_is_in_use() -> None:
    from skillframe import load

    parser = load._yaml().Parser
    assert (
        parser.__module__.startswith("ruamel.yaml.clib") or "_ruamel_yaml" in parser.__module__
    ), parser


BUNDLED_FILES = sorted((ROOT / "frameworks").rglob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_bundled_file_names_its_schema_for_editors(path: Any) -> None:
    """Each bundled file starts with the yaml-language-server line, naming the schema of its
    kind by a path that exists, and the file is valid against it."""
    from skillframe.load import load_text

    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path.name} does not start with the yaml-language-server line"
    schema_path = (path.parent / match.group(1)).resolve()
    assert schema_path.is_relative_to(ROOT / "schemas") and schema_path.is_file()
    data = load_text(path.read_text(encoding="utf-8"), str(path)).data
    assert schema_path.name == f"{data['schema'].split('/')[1].split('@')[0]}.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
