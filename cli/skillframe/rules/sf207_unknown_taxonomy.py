"""The framework names a taxonomy that cannot be found.

``taxonomy: durable-skills`` promises that every domain of that taxonomy appears in the
framework. The taxonomy is looked up by its ``id`` among the collection's taxonomy files
(``taxonomies/`` beside the framework, or the ``taxonomies`` path of ``[tool.skillframe]``).

Fails::

    taxonomy: durable-skils

Passes::

    taxonomy: durable-skills     # frameworks/taxonomies/durable-skills.yaml has id: durable-skills
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    data = ctx.data if isinstance(ctx.data, dict) else {}
    name = data.get("taxonomy")
    if not isinstance(name, str) or name in ctx.taxonomies:
        return
    message = f"taxonomy '{name}' is not found among the collection's taxonomies"
    close = difflib.get_close_matches(name, list(ctx.taxonomies), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean '{close[0]}'?"
    elif ctx.taxonomies:
        message += f" (known: {', '.join(sorted(ctx.taxonomies))})"
    else:
        message += " (no taxonomy files were found: see 'taxonomies' in the configuration)"
    yield Finding(("taxonomy",), message)


RULE = Rule(
    code="SF207",
    name="unknown-taxonomy",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
