"""A tab is used for indentation.

YAML indents with spaces only; a tab at the start of a line makes the file unreadable. Set the
editor to insert spaces, or replace the tab with two spaces.

Fails::

    levels:
    \t- id: foundational

Passes::

    levels:
      - id: foundational
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF003",
    name="tab-indent",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
