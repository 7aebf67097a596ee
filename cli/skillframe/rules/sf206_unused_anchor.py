"""An anchor that no statement or exposure task refers to (warning).

An anchor declares a task statement the framework rests on; if no statement refers to it, the
framework claims a grounding it does not show. Refer to it from the statements it supports, or
remove it.

Fails::

    anchors:
      - {id: onet-task-9459, source: onet, locator: "task 9459", text: Collect samples ...}
    # ... and no statement lists onet-task-9459 under anchors:

Passes::

    anchors:
      - {id: onet-task-9459, source: onet, locator: "task 9459", text: Collect samples ...}
    domains:
      - id: customs-inspection
        statements:
          - id: sample-collection
            anchors: [onet-task-9459]
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.sf204_unknown_anchor import references


def check(ctx: Context) -> Iterator[Finding]:
    used = {ref for _, ref in references(ctx)}
    for at, anchor in ctx.items("anchors"):
        anchor_id = anchor.get("id")
        if isinstance(anchor_id, str) and anchor_id not in used:
            yield Finding((*at, "id"), f"anchor '{anchor_id}' is not referred to by any statement")


RULE = Rule(
    code="SF206",
    name="unused-anchor",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
