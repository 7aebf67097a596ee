"""An id is used twice.

Statement ids are unique across the whole framework (they are how exports, diffs and other
files refer to a statement); domain, level, anchor and evidence ids are unique in their lists;
a taxonomy's domain ids are unique. The second use is reported and the first one's line named.

Fails::

    - id: traveler-inquiry-response
      ...
    - id: traveler-inquiry-response

Passes::

    - id: traveler-inquiry-response
      ...
    - id: traveler-inquiry-escalation
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import At, Finding, Severity
from skillframe.rules.base import Context, Rule

_WHAT = {
    "levels": "level",
    "domains": "domain",
    "anchors": "anchor",
    "evidence": "evidence",
    "statements": "statement",
}


def _dupes(entries: list[tuple[At, dict[str, Any]]], what: str) -> Iterator[Finding]:
    first: dict[str, At] = {}
    for at, item in entries:
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first:
            yield Finding(
                (*at, "id"),
                f"{what} id '{ident}' is already used on line {{line}}",
                related=(*first[ident], "id"),
            )
        else:
            first[ident] = at


def check(ctx: Context) -> Iterator[Finding]:
    for key in ("levels", "domains", "anchors", "evidence"):
        yield from _dupes(list(ctx.items(key)), _WHAT[key])
    statements = [(at, statement) for at, statement, _ in ctx.statements()]
    yield from _dupes(statements, "statement")


RULE = Rule(
    code="SF301",
    name="duplicate-id",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    kinds=("framework", "taxonomy"),
    check=check,
)
