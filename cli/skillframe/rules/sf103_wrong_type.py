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
from skillframe.rules.words import TYPE_WORDS, field_name, type_of, where


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    if error.validator != "type":
        return None
    wanted = error.validator_value
    wanted_list = wanted if isinstance(wanted, list) else [wanted]
    expected = " or ".join(TYPE_WORDS.get(str(t), str(t)) for t in wanted_list)
    at = tuple(error.absolute_path)
    value = error.instance
    message = f"{where(ctx.data, at)}'{field_name(at)}' should be {expected}, not {type_of(value)}"
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
