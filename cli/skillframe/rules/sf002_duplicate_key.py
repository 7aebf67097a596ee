"""The same key appears twice in one mapping.

Most YAML readers silently keep the last value and drop the first, so one of the two is lost
without a word. skillframe reports the second occurrence and names the line of the first.

Fails::

    - id: traveler-inquiry-response
      title: Traveler inquiry response
      title: Answering traveler questions

Passes::

    - id: traveler-inquiry-response
      title: Traveler inquiry response
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF002",
    name="duplicate-key",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
