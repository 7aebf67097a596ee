"""Shared wording for the schema rules: names of fields, types and places a writer understands."""

from __future__ import annotations

from typing import Any

from skillframe.diagnostics import At
from skillframe.rules.base import name_of
from skillframe.spec import SLUG as SLUG

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "empty (null)",
}


def type_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def field_name(at: At) -> str:
    """The key a value sits under: 'cite' for ('domains', 0, 'statements', 1, 'cite', 2)."""
    for step in reversed(at):
        if isinstance(step, str):
            return step
    return "the file"


def where(data: Any, at: At) -> str:
    """A prefix naming the element that holds ``at``: "statement 'x': " or "" at the top."""
    owner = name_of(data, at)
    return "" if owner == "the file" else f"{owner}: "


def shown(value: Any) -> str:
    """A value as a writer typed it, shortened."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'"


def one_of_keys(error: Any) -> list[str] | None:
    """For a ``oneOf`` whose branches each only require one key, those keys; else None."""
    branches = error.validator_value
    keys = []
    for branch in branches if isinstance(branches, list) else []:
        required = branch.get("required") if isinstance(branch, dict) else None
        if not (isinstance(required, list) and len(required) == 1 and len(branch) == 1):
            return None
        keys.append(required[0])
    return keys or None
