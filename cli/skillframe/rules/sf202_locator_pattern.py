"""A locator does not match its source's locator pattern.

A source may declare how places in it are written, e.g. O*NET's ``locator: {pattern: '^task \\d+$',
example: "task 1234"}``. Every locator that cites that source (in a long-form citation or an
anchor) must match the pattern, so that ``task1234`` or ``Task 1234`` is caught before it
reaches a reader. A pattern that is not a valid regular expression is reported at the source.

Fails::

    cite:
      - source: onet
        locator: "Task #9450"

Passes::

    cite:
      - source: onet
        locator: "task 9450"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from skillframe.diagnostics import At, Finding, Severity
from skillframe.rules.base import Context, Rule


@lru_cache(maxsize=128)
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


def _pattern(source: Any) -> tuple[str, str | None] | None:
    if not isinstance(source, dict):
        return None
    locator = source.get("locator")
    if not isinstance(locator, dict) or not isinstance(locator.get("pattern"), str):
        return None
    example = locator.get("example")
    return locator["pattern"], example if isinstance(example, str) else None


def check(ctx: Context) -> Iterator[Finding]:
    # The sources' own patterns (a framework's local ones, or a registry's) must compile.
    for source_id, source in ctx.local_sources().items():
        found = _pattern(source)
        if found and _compiled(found[0]) is None:
            yield Finding(
                ("sources", source_id, "locator", "pattern"),
                f"source '{source_id}': the locator pattern '{found[0]}' is not a valid "
                "regular expression",
            )
    if ctx.kind != "framework":
        return
    known = ctx.known_sources()
    uses: list[tuple[At, str, str]] = []
    for at, source, locator in ctx.citations():
        if locator is not None:
            uses.append(((*at[:-1], "locator"), source, locator))
    for at, anchor in ctx.items("anchors"):
        source, locator = anchor.get("source"), anchor.get("locator")
        if isinstance(source, str) and isinstance(locator, str):
            uses.append(((*at, "locator"), source, locator))
    for at, source, locator in uses:
        found = _pattern(known.get(source))
        if found is None:
            continue
        pattern, example = found
        compiled = _compiled(pattern)
        if compiled is None:
            continue
        if not compiled.search(locator):
            hint = f" (expected something like '{example}')" if example else f" ({pattern})"
            yield Finding(
                at,
                f"locator '{locator}' does not match the locator pattern of source '{source}'{hint}",
            )


RULE = Rule(
    code="SF202",
    name="locator-pattern",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    kinds=("framework", "sources"),
    check=check,
)
