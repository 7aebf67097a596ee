"""The file is empty or holds only comments.

An empty ``.yaml`` file among the frameworks is usually a mistake (a failed save, a merge that
went wrong); it is reported rather than skipped.

Fails::

    # nothing but a comment

Passes::

    schema: skillframe/framework@1
    id: customs-border-protection-officers
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF005",
    name="empty-file",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
