"""A statement claims experience instead of a competence (warning).

"Has worked on customs audits", "Has led a shift", "Reviewed at least 20 cases", "Officer for at
least 3 years": a competency statement says what someone can do now, to a standard; a history
of having done it, or a tenure, says neither what nor how well. Such claims belong in an entry
requirement, not in a framework. Statements opening with "has" or "have" and a past form ("has
worked", "have made", "has led"), with a past form of a known verb ("Reviewed ...", "Led ...",
"Made ..."), or with no verb and a tenure or a count of past work ("for at least 3 months", "at
least 20") are reported, at the claim.

A good rewrite states the behaviour the experience is meant to show: "Has led inspection shifts"
becomes "leads an inspection shift: assigns lanes, adjusts them to the traffic and briefs the
next shift".

Fails::

    - id: shift-leadership
      level: advanced
      text: has led inspection shifts at a busy port of entry.

Passes::

    - id: shift-leadership
      level: advanced
      text: >-
        leads an inspection shift: assigns lanes, adjusts them to the traffic and briefs the
        next shift.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import weak_openings


def check(ctx: Context) -> Iterator[Finding]:
    return weak_openings(ctx, "experience")


RULE = Rule(
    code="SF513",
    name="experience-claim",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
