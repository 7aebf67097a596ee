"""A cited O*NET task does not exist, or is a task of another occupation.

With ``onet-tasks`` configured, every anchor locator and citation locator that names an O*NET
task (``task 9450``, with a source that is O*NET: the source id ``onet``, or a source whose url is
on onetcenter.org or onetonline.org) must name a task in that file, and a task of the framework's
own occupation (``occupation.onet_soc``). A task ID that O*NET does not have and a task that
belongs to another occupation are told apart in the message. When the file holds no task of the
framework's occupation, a task it does not list may still be real, so only tasks it lists under
another occupation are reported (SF705 says once that the others go unchecked). Without
``onet-tasks`` configured, this check is off.

Fails::

    anchors:
      - id: onet-task-9461
        source: onet
        locator: "task 9461"     # no such task
        text: Patrol the border.

Passes::

        locator: "task 9451"     # a task of 33-3051.04
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from skillframe.diagnostics import At, Finding, Severity
from skillframe.onet import known_occupations, named_task
from skillframe.rules.base import Context, Rule
from skillframe.rules.sf701_onet_occupation import file_label, occupation_code


@dataclass(frozen=True)
class TaskReference:
    """A locator naming an O*NET task; for an anchor, the anchor too."""

    at: At  # the locator
    task: int
    anchor_at: At | None = None
    anchor: dict[str, Any] | None = None


def anchor_references(ctx: Context, known: dict[str, Any]) -> Iterator[TaskReference]:
    """Every anchor locator that names an O*NET task (``known``: the framework's sources)."""
    for at, anchor in ctx.items("anchors"):
        number = named_task(anchor.get("source"), anchor.get("locator"), known)
        if number is not None:
            yield TaskReference((*at, "locator"), number, at, anchor)


def task_references(ctx: Context) -> Iterator[TaskReference]:
    """Every anchor and citation locator that names an O*NET task."""
    known = ctx.known_sources()
    yield from anchor_references(ctx, known)
    for at, source, locator in ctx.citations():
        number = named_task(source, locator, known)
        if number is not None:
            yield TaskReference((*at[:-1], "locator"), number)


def check(ctx: Context) -> Iterator[Finding]:
    table = ctx.onet()
    if table is None:
        return
    soc = occupation_code(ctx)
    if soc is not None and soc not in known_occupations(table):
        soc = None  # SF701 reports the code; only whether each task exists is checked here
    # A file without the occupation's tasks cannot tell a real task of it from a made-up one:
    # those references are left to SF705's one warning.
    covered = soc is None or table.has_occupation(soc)
    for ref in task_references(ctx):
        task = table.get(ref.task)
        if task is None:
            if not covered:
                continue
            yield Finding(
                ref.at,
                f"task {ref.task} is not an O*NET task: {file_label(table)} has no task ID {ref.task}",
            )
        elif soc is not None and task.soc != soc:
            occupation = f"{task.soc} {task.title}" if task.title else task.soc
            yield Finding(
                ref.at,
                f"task {ref.task} belongs to another occupation, {occupation}, not to this "
                f"framework's {soc}",
            )


RULE = Rule(
    code="SF702",
    name="onet-task",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
