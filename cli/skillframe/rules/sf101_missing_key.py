"""A required key is missing.

Every framework needs ``schema``, ``id``, ``title``, ``scope``, ``levels`` and ``domains``; every
statement needs ``id``, ``level``, ``title``, ``text`` and ``cite``; every level and domain needs
``id`` and ``name``. The diagnostic points at the mapping that lacks the key.

Fails::

    - id: traveler-inquiry-response
      level: foundational
      title: Traveler inquiry response
      text: answers travelers' questions about documents in plain language.
      # no cite: where does this statement come from?

Passes::

    - id: traveler-inquiry-response
      level: foundational
      title: Traveler inquiry response
      text: answers travelers' questions about documents in plain language.
      cite: [pathsmith]
"""

from __future__ import annotations

import re
from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.hints import looks_like_statement
from skillframe.rules.base import Context, Rule
from skillframe.rules.words import where

_MISSING = re.compile(r"^'(?P<key>[^']+)' is a required property$")


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    if error.validator != "required":
        return None
    match = _MISSING.match(error.message)
    key = match.group("key") if match else "a key"
    at = tuple(error.absolute_path)
    if len(at) == 2 and at[0] == "domains" and looks_like_statement(error.instance):
        return []  # told once, as a statement out of place (SF102)
    return [Finding(at, f"{where(ctx.data, at)}missing required key '{key}'")]


RULE = Rule(
    code="SF101",
    name="missing-key",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="schema",
    kinds=("framework", "sources", "taxonomy"),
    claim=claim,
)
