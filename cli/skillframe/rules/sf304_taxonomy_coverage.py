"""A domain of the framework's taxonomy is missing.

``taxonomy: durable-skills`` promises that every one of that taxonomy's domains (Communication,
Leadership, Metacognition, Critical Thinking, Collaboration, Character, Creativity, Growth
Mindset, Mindfulness, Fortitude) has a domain with the same id in the framework. The framework
may add domains of its own.

Fails::

    taxonomy: durable-skills
    domains:
      - {id: communication, name: Communication, statements: [...]}
      # ... and no fortitude

Passes::

    taxonomy: durable-skills
    domains:
      - {id: communication, name: Communication, statements: [...]}
      # ... one domain for each of the taxonomy's ten, fortitude included
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    data = ctx.data if isinstance(ctx.data, dict) else {}
    name = data.get("taxonomy")
    taxonomy = ctx.taxonomies.get(name) if isinstance(name, str) else None
    if not isinstance(taxonomy, dict) or not isinstance(taxonomy.get("domains"), list):
        return
    have = {d.get("id") for _, d in ctx.domains()}
    missing = [
        d
        for d in taxonomy["domains"]
        if isinstance(d, dict) and isinstance(d.get("id"), str) and d["id"] not in have
    ]
    for domain in missing:
        label = domain.get("name") if isinstance(domain.get("name"), str) else domain["id"]
        yield Finding(
            ("taxonomy",),
            f"domain '{domain['id']}' ({label}) of taxonomy '{name}' is missing from the framework",
        )


RULE = Rule(
    code="SF304",
    name="taxonomy-coverage",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
