"""An id that is not a slug.

Ids (of the framework, levels, domains, statements, anchors, evidence, sources, tags) are slugs:
lowercase letters and digits, words joined by single hyphens, such as
``traveler-inquiry-response``. No spaces, capitals, underscores or accents, so that ids stay the
same in every file name, URL and spreadsheet they travel to.

Fails::

    - id: Traveler_Inquiry
      level: foundational

Passes::

    - id: traveler-inquiry
      level: foundational
"""

from __future__ import annotations

import re
from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.words import SLUG, field_name, shown, where


def suggest(value: str) -> str:
    """The slug a writer most likely meant."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    if error.validator != "pattern" or error.validator_value != SLUG:
        return None
    at = tuple(error.absolute_path)
    value = error.instance
    name_key = "propertyNames" in error.schema_path
    if name_key:
        # A mapping key that is an id, such as a source's id under sources:.
        at = (*at, value)
        message = f"{shown(value)} is not a valid {field_name(at[:-1]).rstrip('s')} id: use "
    else:
        field = field_name(at)
        label = "id" if field == "id" else f"id in '{field}'"
        message = f"{where(ctx.data, at)}{shown(value)} is not a valid {label}: use "
    message += "lowercase letters, digits and single hyphens"
    better = suggest(value) if isinstance(value, str) else ""
    if better and better != value:
        message += f", like '{better}'"
    return [Finding(at, message, key=name_key)]


RULE = Rule(
    code="SF106",
    name="bad-id",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="schema",
    kinds=("framework", "sources", "taxonomy"),
    claim=claim,
)
