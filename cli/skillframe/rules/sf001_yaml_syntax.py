"""The file is not valid YAML.

A colon inside unquoted text, a quote or bracket left open, a line indented out of step, a
second ``---`` document: the file cannot be read at all, so nothing else in it is checked until
this is fixed. The diagnostic points where the YAML reader gave up, which is often just after the
real mistake.

Fails::

    title: Traveler inquiry: response
    cite: [pathsmith

Passes::

    title: "Traveler inquiry: response"
    cite: [pathsmith]
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF001",
    name="yaml-syntax",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
