"""A statement's level is not one of the framework's declared levels.

The ``levels:`` list at the top of the framework declares the mastery levels, lowest first;
every statement's ``level`` must be one of their ids.

Fails::

    levels:
      - {id: foundational, name: Foundational}
      - {id: expert, name: Expert}
    ...
          level: expret

Passes::

          level: expert
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    declared = ctx.level_ids()
    for at, statement, _ in ctx.statements():
        level = statement.get("level")
        if not isinstance(level, str) or level in declared:
            continue
        message = f"level '{level}' is not one of the declared levels"
        close = difflib.get_close_matches(level, declared, n=1, cutoff=0.6)
        if close:
            message += f"; did you mean '{close[0]}'?"
        elif declared:
            message += f" (declared: {', '.join(dict.fromkeys(declared))})"
        yield Finding((*at, "level"), message)


RULE = Rule(
    code="SF302",
    name="undeclared-level",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
