"""A statement or exposure task refers to an anchor that is not declared.

Anchors are the task statements that ground a framework, declared once under ``anchors:`` and
referred to by id from statements (``anchors: [onet-task-9450]``) and from the exposure table
(``anchor: onet-task-9450``). An id that is not declared there is a broken link.

Fails::

    anchors: [onet-task-945]

Passes::

    anchors: [onet-task-9450]    # declared under anchors: at the top of the file
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from skillframe.diagnostics import At, Finding, Severity
from skillframe.rules.base import Context, Rule


def references(ctx: Context) -> Iterator[tuple[At, str]]:
    """Every use of an anchor id, from statements and exposure tasks."""
    for at, statement, _ in ctx.statements():
        refs = statement.get("anchors")
        if isinstance(refs, list):
            for index, ref in enumerate(refs):
                if isinstance(ref, str):
                    yield (*at, "anchors", index), ref
    data = ctx.data if isinstance(ctx.data, dict) else {}
    exposure = data.get("exposure")
    tasks = exposure.get("tasks") if isinstance(exposure, dict) else None
    if isinstance(tasks, list):
        for index, task in enumerate(tasks):
            if isinstance(task, dict) and isinstance(task.get("anchor"), str):
                yield ("exposure", "tasks", index, "anchor"), task["anchor"]


def check(ctx: Context) -> Iterator[Finding]:
    declared = ctx.anchor_ids()
    for at, ref in references(ctx):
        if ref in declared:
            continue
        message = f"anchor '{ref}' is not one of the declared anchors"
        close = difflib.get_close_matches(ref, sorted(declared), n=1, cutoff=0.8)
        if close:
            message += f"; did you mean '{close[0]}'?"
        yield Finding(at, message)


RULE = Rule(
    code="SF204",
    name="unknown-anchor",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
