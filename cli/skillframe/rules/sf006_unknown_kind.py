"""The file does not say what it is.

Every file starts with a ``schema:`` key naming its kind: ``skillframe/framework@1``,
``skillframe/sources@1`` or ``skillframe/taxonomy@1``. Without it (or with a value skillframe
does not know) the file cannot be checked, so it is reported instead of skipped.

Fails::

    id: customs-border-protection-officers
    title: Customs and Border Protection Officers

Passes::

    schema: skillframe/framework@1
    id: customs-border-protection-officers
    title: Customs and Border Protection Officers
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF006",
    name="unknown-kind",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
