"""A framework's own source is never cited (warning).

A source listed under the framework's ``sources:`` that nothing cites is usually left over from
an edit, or a citation that was meant to name it is misspelled. Shared sources (in the
collection's sources file) serve many frameworks and are never reported as unused.

Fails::

    sources:
      skillscrosswalk: {title: SkillsCrosswalk, type: website, url: "https://skillscrosswalk.com"}
    # ... and no citation names skillscrosswalk

Passes::

    sources:
      skillscrosswalk: {title: SkillsCrosswalk, type: website, url: "https://skillscrosswalk.com"}
    exposure:
      cite: [skillscrosswalk]
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    used = {source for _, source, _ in ctx.citations()}
    used |= {a["source"] for _, a in ctx.items("anchors") if isinstance(a.get("source"), str)}
    for source_id in ctx.local_sources():
        if source_id not in used:
            yield Finding(("sources", source_id), f"source '{source_id}' is never cited", key=True)


RULE = Rule(
    code="SF205",
    name="unused-source",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
