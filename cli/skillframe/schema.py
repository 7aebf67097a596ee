"""The JSON Schemas of the file format, compiled once, and their errors turned into Findings.

A compiled validator (jsonschema-rs) answers "is this file valid?" in well under a millisecond.
Only when it says no does the Python jsonschema validator walk the file for the errors, so the
wording and order of diagnostics never depend on which validator is installed. That walk asks the
compiled validator again at every ``$ref`` (a statement, a domain, a citation ...) and skips the
parts it finds valid: a file with one bad statement costs one statement's Python validation, not
the whole file's, and the errors are the same ones.
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
def _fast_defs(name: str) -> dict[str, Any]:
    """A compiled validator for each ``#/$defs/...`` reference of a schema (empty without
    jsonschema-rs)."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform with no wheel
        return {}
    root = schema(name)
    defs = root.get("$defs", {})
    return {
        f"#/$defs/{key}": jsonschema_rs.validator_for(
            {"$schema": root["$schema"], "$defs": defs, "$ref": f"#/$defs/{key}"}
        )
        for key in defs
    }


@cache
def _full(name: str, prune: bool = True) -> Any:
    """The Python validator that words the errors; with ``prune``, a ``$ref`` whose instance the
    compiled validator finds valid yields nothing without being walked."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    fast = _fast_defs(name) if prune else {}
    if not fast:
        return Draft202012Validator(schema(name))
    stock = Draft202012Validator.VALIDATORS["$ref"]

    def ref(validator: Any, ref: Any, instance: Any, subschema: Any) -> Any:
        check = fast.get(ref)
        if check is not None and check.is_valid(instance):
            return
        yield from stock(validator, ref, instance, subschema)

    return extend(Draft202012Validator, {"$ref": ref})(schema(name))


def errors(name: str, data: Any) -> list[Any]:
    """The jsonschema ValidationErrors of ``data`` (empty when valid)."""
    fast = _fast(name)
    if fast is not None and fast.is_valid(data):
        return []
    return list(_full(name).iter_errors(data))
