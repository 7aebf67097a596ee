"""A YAML tag (``!something``) is used.

Tags ask a YAML reader to build special objects; in a framework file they are never needed and
could be used to make an unsafe reader run code. skillframe never builds them: it reports them
and reads the value as plain text.

Fails::

    title: !!python/object:os.system Traveler inquiry

Passes::

    title: Traveler inquiry
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF007",
    name="yaml-tag",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
