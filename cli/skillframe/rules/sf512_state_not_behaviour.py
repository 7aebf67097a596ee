"""A statement names a state, a quality or a role instead of behaviour (warning).

"Is accountable for the budget", "Has ownership of the release process", "Is a champion of
accessibility", "Proficient in SQL", "Trusted advisor to the product team", "Acts as primary
maintainer": each says what someone *is* or *has*, not what they *do*, so an assessor has
nothing to watch and a learner nothing to practise. Statements that open with "is" or "has"
(other than "is able to", which is read as "can"), with "acts as", "serves as" or "exemplifies",
with a status given by others ("Sponsored by two reviewers", "Assigned to ..."), or with no verb
at all but a quality or a role ("Proficient in", "Responsive to", "Vocal champion for", "Ability
to ...") are reported, at the words that name the state.

Knowing ("has a deep knowledge of") is reported by SF501, experience ("has led") by SF513, and
being exposed to or involved in something by SF514.

A good rewrite names the behaviour that shows the state: "Is accountable for the shift's
seizure records" becomes "checks every seizure record of the shift before handover and corrects
gaps with the officer who made them".

Fails::

    - id: seizure-records
      level: advanced
      text: is accountable for the seizure records of the shift.

Passes::

    - id: seizure-records
      level: advanced
      text: >-
        checks every seizure record of the shift before handover and corrects gaps with the
        officer who made them.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import weak_openings


def check(ctx: Context) -> Iterator[Finding]:
    return weak_openings(ctx, "state")


RULE = Rule(
    code="SF512",
    name="state-not-behaviour",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
