"""A citation names no known source.

Every citation (in a statement, the evidence pack, the exposure section, or an anchor's
``source``) must name a source listed under ``sources:`` in the framework itself or in the shared
sources file of the collection (``sources.yaml`` beside the framework, or the ``sources`` path of
``[tool.skillframe]``). A misspelled id is the usual cause; the message suggests the closest one.

Fails::

    cite: [onet2]

Passes::

    cite: [onet]        # listed in frameworks/sources.yaml
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule


def unknown(ctx: Context, source: str) -> str | None:
    """The message for a source id that resolves to nothing, or None when it resolves."""
    known = ctx.known_sources()
    if source in known:
        return None
    message = f"citation '{source}' names no known source"
    close = difflib.get_close_matches(source, list(known), n=1, cutoff=0.6)
    if close:
        message += f"; did you mean '{close[0]}'?"
    return message


def check(ctx: Context) -> Iterator[Finding]:
    for at, source, _ in ctx.citations():
        message = unknown(ctx, source)
        if message:
            yield Finding(at, message)
    for at, anchor in ctx.items("anchors"):
        anchor_source = anchor.get("source")
        if isinstance(anchor_source, str):
            message = unknown(ctx, anchor_source)
            if message:
                yield Finding((*at, "source"), message)


RULE = Rule(
    code="SF201",
    name="unknown-source",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
