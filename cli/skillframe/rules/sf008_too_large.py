"""The file is larger or deeper than skillframe accepts.

Limits protect CI from files that would take minutes or gigabytes to read: a file above
``max-file-size`` bytes (10 MiB unless configured), nesting deeper than 64 levels, or aliases that
expand to more than 500,000 values (the "billion laughs" attack). Real frameworks are far
below these limits.

Fails::

    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    # ... and so on, each line ten times the one before

Passes::

    levels:
      - {id: foundational, name: Foundational}
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF008",
    name="too-large",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
