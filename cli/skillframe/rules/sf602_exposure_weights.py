"""The exposure weights add up to more than 100, or not to 100 in a complete table.

A task's ``weight`` is its share of working time, in percent, so the weights of the tasks listed
can add up to 100 at most; and when the table says ``complete: true`` (the tasks cover all working
time) they must add up to 100. Each weight may have been rounded where it was published, so the
sum is allowed to be off by as much as that rounding could explain: three whole-number weights may
add up to anything from 98.5 to 101.5. The message gives the sum and what was expected.

Fails::

    exposure:
      complete: true
      tasks:
        - {anchor: onet-task-9450, weight: 18, likelihood: 82}
        - {anchor: onet-task-9454, weight: 20, likelihood: 44}

Passes::

    exposure:
      complete: false     # the two tasks cover 38% of working time
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.exposure import decimal, half_unit, shown
from skillframe.rules.base import Context, Rule
from skillframe.rules.sf601_exposure_contribution import exposure_section, scored_tasks


def check(ctx: Context) -> Iterator[Finding]:
    tasks = scored_tasks(ctx)
    if tasks is None:
        return
    weights = [task["weight"] for _, task in tasks]
    total = sum((decimal(w) for w in weights), decimal(0))
    slack = sum((half_unit(w) for w in weights), decimal(0))
    if total - slack > 100:
        yield Finding(
            ("exposure", "tasks"),
            f"the exposure weights add up to {shown(total)}% of working time; they can add up "
            "to 100 at most",
            key=True,
        )
        return
    complete = exposure_section(ctx).get("complete")
    if complete is True and total + slack < 100:
        yield Finding(
            ("exposure", "complete"),
            f"the exposure table is marked complete but its weights add up to {shown(total)}, "
            "not 100; add the missing tasks or set complete: false",
        )


RULE = Rule(
    code="SF602",
    name="exposure-weights",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
