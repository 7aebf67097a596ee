"""A value the format does not allow: not one of the listed choices, out of bounds, too short.

Examples: a ``status`` other than draft, published or deprecated; a ``weight`` above 100; an empty
``cite`` list; a ``date`` not written as YYYY, YYYY-MM or YYYY-MM-DD; a ``url`` that does not
start with http:// or https://. The diagnostic points at the value and says what is allowed.

Fails::

    status: final
    cite: []

Passes::

    status: published
    cite: [pathsmith]
"""

from __future__ import annotations

from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.words import field_name, one_of_keys, shown, where

_PATTERN_WORDS = {
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "write it as YYYY, YYYY-MM or YYYY-MM-DD, in quotes",
    "^https?://": "a web address must start with http:// or https://",
}


def _choices(values: list[Any]) -> str:
    return ", ".join(str(v) for v in values)


def words(error: Any) -> str:
    """What is wrong with the value, in a writer's words."""
    kind, rule, value = error.validator, error.validator_value, error.instance
    field = field_name(tuple(error.absolute_path))
    if kind == "enum":
        return f"{shown(value)} is not a valid {field}: choose one of {_choices(rule)}"
    if kind == "const":
        return f"{shown(value)} is not allowed here: it must be {shown(rule)}"
    if kind == "pattern":
        hint = _PATTERN_WORDS.get(rule, f"it must match the pattern {rule}")
        return f"{shown(value)} is not a valid {field}: {hint}"
    if kind == "minLength":
        return f"'{field}' must not be empty"
    if kind == "maxLength":
        return f"'{field}' is longer than {rule} characters"
    if kind in ("minimum", "exclusiveMinimum"):
        bound = "at least" if kind == "minimum" else "more than"
        return f"'{field}' must be {bound} {rule}, not {value}"
    if kind in ("maximum", "exclusiveMaximum"):
        bound = "at most" if kind == "maximum" else "less than"
        return f"'{field}' must be {bound} {rule}, not {value}"
    if kind == "minItems":
        if rule == 1:
            return f"'{field}' must have at least one item"
        return f"'{field}' must have at least {rule} items"
    if kind == "maxItems":
        return f"'{field}' must have at most {rule} items"
    if kind == "uniqueItems":
        return f"'{field}' lists the same item twice"
    return error.message if isinstance(error.message, str) else "value not allowed"


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    at = tuple(error.absolute_path)
    if error.validator in ("oneOf", "anyOf"):
        keys = one_of_keys(error)
        if keys:
            options = " or ".join(f"'{k}'" for k in keys)
            return [Finding(at, f"{where(ctx.data, at)}needs exactly one of {options}")]
        return [
            Finding(
                at,
                f"{where(ctx.data, at)}{shown(error.instance)} is not in an accepted form "
                f"for '{field_name(at)}'",
            )
        ]
    return [Finding(at, f"{where(ctx.data, at)}{words(error)}")]


RULE = Rule(
    code="SF104",
    name="bad-value",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="schema",
    kinds=("framework", "sources", "taxonomy"),
    claim=claim,
)
