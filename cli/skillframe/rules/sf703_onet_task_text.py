"""An anchor's text no longer reads as the O*NET task it quotes (warning).

An anchor that names an O*NET task (``locator: "task 9454"``) quotes that task's wording in its
``text``. With ``onet-tasks`` configured, the quote is compared with O*NET's wording, leaving out
differences of case, spacing and punctuation (so line folding, curly quotes and a dropped comma do
not count); a changed, added or missing word is reported with both wordings, so the anchor can be
brought up to date with the release or the edit can be undone. Without ``onet-tasks`` configured,
this check is off.

Fails::

    anchors:
      - id: onet-task-9454
        source: onet
        locator: "task 9454"
        text: Inspect cargo and baggage entering the U.S.

Passes::

        text: >-
          Inspect cargo, baggage, and personal articles entering or leaving U.S. for compliance
          with revenue laws and U.S. customs regulations.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.onet import normalise
from skillframe.rules.base import Context, Rule
from skillframe.rules.sf702_onet_task import anchor_references


def check(ctx: Context) -> Iterator[Finding]:
    table = ctx.onet()
    if table is None:
        return
    for ref in anchor_references(ctx, ctx.known_sources()):
        if ref.anchor is None or ref.anchor_at is None:
            continue
        task = table.get(ref.task)
        text = ref.anchor.get("text")
        if task is None or not isinstance(text, str):
            continue
        if normalise(text) == normalise(task.text):
            continue
        ident = ref.anchor.get("id")
        name = f"anchor '{ident}'" if isinstance(ident, str) else "anchor"
        quoted = " ".join(text.split())
        yield Finding(
            (*ref.anchor_at, "text"),
            f'{name}: the text differs from O*NET task {ref.task}: the file says "{quoted}"; '
            f'O*NET says "{task.text}"',
        )


RULE = Rule(
    code="SF703",
    name="onet-task-text",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
