"""A value of the wrong type: a number where text belongs, a single value where a list belongs.

YAML reads ``version: 2026.1`` as a number and ``version: "2026.1"`` as text; the format wants
text there, so put such values in quotes. The diagnostic points at the value.

Fails::

    version: 2026.1
    levels: foundational

Passes::

    version: "2026.1"
    levels:
      - {id: foundational, name: Foundational}
"""

from __future__ import annotations

from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.words import TYPE_WORDS, field_name, shown, type_of, where


def _level_hint(value: Any, levels: list[str]) -> str:
    """A statement's level written as a number (``level: 1``): quoting it only leads to the next
    error; the fix is one of the framework's level ids."""
    message = f"'level' should be the id of one of the framework's levels, not {shown(value)}"
    if not levels:
        return message + " (the framework declares no levels yet)"
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(levels):
        ordinal = f"level {value} of {len(levels)}"
        return (
            message + f": write level: {levels[value - 1]} ({ordinal}; levels: {', '.join(levels)})"
        )
    return message + f": write one of {', '.join(levels)}"


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    if error.validator != "type":
        return None
    wanted = error.validator_value
    wanted_list = wanted if isinstance(wanted, list) else [wanted]
    expected = " or ".join(TYPE_WORDS.get(str(t), str(t)) for t in wanted_list)
    at = tuple(error.absolute_path)
    value = error.instance
    message = f"{where(ctx.data, at)}'{field_name(at)}' should be {expected}, not {type_of(value)}"
    if at[-1:] == ("level",) and "statements" in at and not isinstance(value, (list, dict)):
        return [Finding(at, f"{where(ctx.data, at)}{_level_hint(value, ctx.level_ids())}")]
    if "string" in wanted_list and isinstance(value, (int, float)) and not isinstance(value, bool):
        message += f' (write it in quotes: "{value}")'
    elif "array" in wanted_list and not isinstance(value, (list, dict)):
        message += f" (write it as a list: [{value}])"
    return [Finding(at, message)]


RULE = Rule(
    code="SF103",
    name="wrong-type",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="schema",
    kinds=("framework", "sources", "taxonomy"),
    claim=claim,
)
