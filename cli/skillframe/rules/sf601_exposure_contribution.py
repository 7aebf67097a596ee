"""An exposure task's contribution is not its weight x likelihood / 100.

Each task in the exposure table contributes its share of working time (``weight``, percent) times
its likelihood of automation (``likelihood``, percent), divided by 100. A stated ``contribution``
must equal that product to one decimal place, so a figure copied by hand from a published table is
checked against the two numbers it comes from. The message gives the expected value.

Fails::

    exposure:
      cite: [skillscrosswalk]
      tasks:
        - anchor: onet-task-9450
          weight: 18
          likelihood: 82
          contribution: 18.2

Passes::

          contribution: 14.8     # 18 x 82 / 100 = 14.76
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import At, Finding, Severity
from skillframe.exposure import contribution, decimal, is_number, rounded, shown
from skillframe.rules.base import Context, Rule


def exposure_section(ctx: Context) -> dict[str, Any]:
    """The framework's ``exposure:`` mapping, or an empty one."""
    data = ctx.data if isinstance(ctx.data, dict) else {}
    section = data.get("exposure")
    return section if isinstance(section, dict) else {}


def scored_tasks(ctx: Context) -> list[tuple[At, dict[str, Any]]] | None:
    """The exposure tasks as (path, task), or None when any task lacks a usable weight or
    likelihood (the schema rules report that, and sums over part of the table would mislead)."""
    tasks = exposure_section(ctx).get("tasks")
    if not isinstance(tasks, list) or not tasks:
        return None
    found: list[tuple[At, dict[str, Any]]] = []
    for index, task in enumerate(tasks):
        if not isinstance(task, dict):
            return None
        if not all(
            is_number(task.get(k)) and 0 <= task[k] <= 100 for k in ("weight", "likelihood")
        ):
            return None
        found.append((("exposure", "tasks", index), task))
    return found


def task_label(at: At, task: dict[str, Any]) -> str:
    """How a message names an exposure task: by its anchor, else by its place in the table."""
    anchor = task.get("anchor")
    if isinstance(anchor, str):
        return f"exposure task '{anchor}'"
    index = at[-1]
    return f"exposure task {index + 1 if isinstance(index, int) else index}"


def check(ctx: Context) -> Iterator[Finding]:
    tasks = exposure_section(ctx).get("tasks")
    if not isinstance(tasks, list):
        return
    for index, task in enumerate(tasks):
        if not isinstance(task, dict):
            continue
        weight, likelihood, given = (task.get(k) for k in ("weight", "likelihood", "contribution"))
        if not (is_number(weight) and is_number(likelihood) and is_number(given)):
            continue
        exact = contribution(weight, likelihood)
        expected = rounded(exact, 1)
        if rounded(decimal(given), 1) == expected:
            continue
        at: At = ("exposure", "tasks", index)
        yield Finding(
            (*at, "contribution"),
            f"{task_label(at, task)}: contribution {shown(given)} should be {expected} "
            f"(weight {shown(weight)} x likelihood {shown(likelihood)} / 100 = {shown(exact)})",
        )


RULE = Rule(
    code="SF601",
    name="exposure-contribution",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
