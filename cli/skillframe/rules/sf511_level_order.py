"""A domain's statements are not ordered by level (warning; ``lint --fix`` reorders them).

Within a domain, statements run from the lowest level to the highest, in the order the
framework declares its levels. Readers follow the path of growth from top to bottom, and
exports and reviews rely on that order; a foundational statement after an advanced one is easy
to miss. Each statement that comes after one of a higher level is reported at its ``level``,
naming the first statement of that higher level. Statements at undeclared levels are left out
(SF302 reports them).

A good rewrite moves the statement up to its level's place. ``skillframe lint --fix`` does it
for the domains reported, and ``skillframe fmt --order`` for every domain: statements move into
level order, those at one level keep their order, and each takes the comment lines above it.

Fails::

    statements:
      - {id: shift-leadership, level: advanced, ...}
      - {id: assigned-duties, level: foundational, ...}

Passes::

    statements:
      - {id: assigned-duties, level: foundational, ...}
      - {id: shift-leadership, level: advanced, ...}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import At, Finding, Fix, Severity
from skillframe.rules.base import Context, Rule, name_of


def level_order(domain: Any, levels: list[str]) -> tuple[int, ...] | None:
    """The indices of a domain's statements in level order (those at one level keep their
    order), or None when a statement has no declared level to sort by."""
    rank = {level: index for index, level in enumerate(levels)}
    statements = domain.get("statements") if isinstance(domain, dict) else None
    if not isinstance(statements, list):
        return None
    ranks = []
    for statement in statements:
        level = statement.get("level") if isinstance(statement, dict) else None
        if not isinstance(level, str) or level not in rank:
            return None
        ranks.append(rank[level])
    return tuple(sorted(range(len(ranks)), key=lambda index: ranks[index]))


def check(ctx: Context) -> Iterator[Finding]:
    levels = ctx.level_ids()
    rank = {level: index for index, level in enumerate(levels)}
    highest: dict[int, tuple[int, At]] = {}  # each domain's highest level so far, and where
    for at, statement, domain in ctx.statements():
        level = statement.get("level")
        if not isinstance(level, str) or level not in rank:
            continue
        index = int(at[1])
        top = highest.get(index)
        if top is not None and top[0] > rank[level]:
            order = level_order(domain, levels)
            yield Finding(
                (*at, "level"),
                f"{name_of(ctx.data, at)} ({level}) comes after {name_of(ctx.data, top[1])} "
                f"({levels[top[0]]}) "
                "on line {line}: order a domain's statements from the lowest level to the highest",
                related=(*top[1], "id"),
                fix=None
                if order is None
                else Fix(at[:3], "ordered the domain's statements by level", order=order),
            )
        elif top is None or rank[level] > top[0]:
            highest[index] = (rank[level], at)


RULE = Rule(
    code="SF511",
    name="level-order",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    fix="safe",
)
