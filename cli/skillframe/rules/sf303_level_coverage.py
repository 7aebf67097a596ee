"""A domain has no statement at some declared level.

A framework describes growth: every domain says what mastery looks like at every level, from
supervised entry level to organisation-wide leadership. A domain with no statement at a level
leaves a gap in that path. The diagnostic points at the domain's id and lists the missing levels.

Fails::

    levels: [{id: foundational, name: Foundational}, {id: expert, name: Expert}]
    domains:
      - id: communication
        name: Communication
        statements:
          - {id: plain-answers, level: foundational, ...}

Passes::

        statements:
          - {id: plain-answers, level: foundational, ...}
          - {id: communication-standards, level: expert, ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.hints import looks_like_statement
from skillframe.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    declared = ctx.level_ids()
    if not declared:
        return
    present: dict[int, set[str]] = {}
    for at, statement, _ in ctx.statements():
        level = statement.get("level")
        if isinstance(level, str):
            present.setdefault(int(at[1]), set()).add(level)
    for at, domain in ctx.domains():
        if looks_like_statement(domain):
            continue  # a statement out of place (SF102), not a domain with gaps
        have = present.get(int(at[1]), set())
        gaps = [level for level in declared if level not in have]
        if not gaps:
            continue
        name = domain.get("id") if isinstance(domain.get("id"), str) else f"{int(at[1]) + 1}"
        if len(gaps) == len(declared):
            message = f"domain '{name}' has no statements yet (levels: {', '.join(gaps)})"
        else:
            plural = "levels" if len(gaps) > 1 else "level"
            message = f"domain '{name}' has no statement at {plural} {', '.join(gaps)}"
        yield Finding((*at, "id"), message)


RULE = Rule(
    code="SF303",
    name="level-coverage",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
