"""A key that the format does not know.

Unknown keys are usually typos (``titel`` for ``title``, ``cites`` for ``cite``) and would be
silently ignored by every tool that reads the file, so they are errors. The diagnostic points at
the unknown key and suggests the closest known one.

Fails::

    - id: traveler-inquiry-response
      level: foundational
      titel: Traveler inquiry response

Passes::

    - id: traveler-inquiry-response
      level: foundational
      title: Traveler inquiry response
"""

from __future__ import annotations

import difflib
from typing import Any

from skillframe.diagnostics import At, Finding, Severity
from skillframe.hints import STATEMENT_KEYS, looks_like_statement
from skillframe.rules.base import Context, Rule
from skillframe.rules.words import where


def misplaced_statement(at: At, item: dict[str, Any]) -> Finding:
    """One finding for a statement written at domain level, instead of one a key."""
    keys = [key for key in item if key in STATEMENT_KEYS]
    listed = ", ".join(keys[:-1]) + f" and {keys[-1]}"
    index = int(at[1])
    here: At = (*at, "id") if "id" in item else at
    ident = f"'{item['id']}' " if isinstance(item.get("id"), str) else ""
    message = (
        f"the domain item {ident}has a statement's {listed} and no name: it looks like a "
        "statement indented at domain level; indent it under 'statements:' "
    )
    if index == 0:
        return Finding(here, message + "of a domain, as deep as a statement", key="id" in item)
    return Finding(
        here,
        message + "of the domain above it (line {line}), as deep as its statements",
        key="id" in item,
        related=("domains", index - 1, "id"),
    )


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return None
    known = list(error.schema.get("properties", {}))
    at = tuple(error.absolute_path)
    if len(at) == 2 and at[0] == "domains" and looks_like_statement(error.instance):
        return [misplaced_statement(at, error.instance)]
    findings = []
    for key in error.instance:
        if key in known:
            continue
        message = f"{where(ctx.data, at)}unknown key '{key}'"
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75)
        if close:
            message += f"; did you mean '{close[0]}'?"
        else:
            message += f" (allowed here: {', '.join(known)})"
        findings.append(Finding((*at, key), message, key=True))
    return findings


RULE = Rule(
    code="SF102",
    name="unknown-key",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="schema",
    kinds=("framework", "sources", "taxonomy"),
    claim=claim,
)
