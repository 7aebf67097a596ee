"""A date written without quotes, where the format wants text.

The format keeps dates as text (``date: "2025-09"``, ``version: "2026-01-15"``). Written bare,
``date: 2025-09-01`` is text to skillframe, which reads YAML 1.2, but a timestamp to YAML 1.1
readers: js-yaml, and so ajv, many editors and the schema validators built on them, reject the
file against the JSON Schema, which wants text there. Put the date in quotes;
``skillframe lint --fix`` does it for a date under a key (not for one in a list). The
diagnostic points at the value.

Fails::

    date: 2025-09-01

Passes::

    date: "2025-09-01"
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF107",
    name="unquoted-date",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
    fix="safe",
)
