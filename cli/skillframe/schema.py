"""The JSON Schemas of the file format, compiled once, and their errors turned into Findings.

A compiled validator (jsonschema-rs) answers "is this file valid?" in well under a millisecond.
Only when it says no does the Python jsonschema validator walk the file for the errors, so the
wording and order of diagnostics never depend on which validator is installed.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_NAMES = ("framework", "sources", "taxonomy")


@cache
def schema_text(name: str) -> str:
    """The JSON text of a bundled schema (framework, sources, taxonomy, or an export schema)."""
    return (resources.files("skillframe") / "schemas" / f"{name}.schema.json").read_text("utf-8")


@cache
def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


@cache
def _fast(name: str) -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform with no wheel: the Python path serves
        return None
    return jsonschema_rs.validator_for(schema(name))


@cache
def _full(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


def errors(name: str, data: Any) -> list[Any]:
    """The jsonschema ValidationErrors of ``data`` (empty when valid)."""
    fast = _fast(name)
    if fast is not None and fast.is_valid(data):
        return []
    return list(_full(name).iter_errors(data))
