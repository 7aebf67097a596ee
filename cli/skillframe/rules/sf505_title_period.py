"""A statement's title ends with a period (warning; ``lint --fix`` removes it).

A title is a name, not a sentence: like a heading, it takes no final period. Periods at the end
of some titles and not others also make lists of titles look untidy. An abbreviation at the end
("U.S.") is left alone. The warning points at the period.

A good rewrite drops the period: "Shift log entries." becomes "Shift log entries".

Fails::

    - id: shift-log-entries
      title: Shift log entries.

Passes::

    - id: shift-log-entries
      title: Shift log entries
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Fix, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import texts


def without_period(title: str) -> str | None:
    """The title without its final period, or None when it has none to remove."""
    body = title.rstrip()
    if not body.endswith(".") or body.endswith(".."):
        return None
    last = body.split()[-1] if body.split() else ""
    if "." in last[:-1]:  # an abbreviation such as "U.S." or "e.g."
        return None
    return body[:-1].rstrip() + title[len(body) :]


def check(ctx: Context) -> Iterator[Finding]:
    for at, _, title in texts(ctx, "title"):
        fixed = without_period(title)
        if fixed is not None:
            yield Finding(
                at,
                "the title ends with a period: a title is a name, not a sentence",
                offset=len(title.rstrip()) - 1,
                fix=Fix(at, "removed the title's final period", value=fixed)
                if fixed.strip()
                else None,
            )


RULE = Rule(
    code="SF505",
    name="title-period",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    fix="safe",
)
