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

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.words import where


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return None
    known = list(error.schema.get("properties", {}))
    at = tuple(error.absolute_path)
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
