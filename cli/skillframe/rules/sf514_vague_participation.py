"""A statement names taking part instead of what is done (warning).

"Works on the inspection tools", "Participates in team meetings", "Gets involved in audits",
"Keeps up with new regulations", "Is exposed to complex cases", "Contributes to the training
plan", "Makes a positive contribution to ...": being there, trying or helping names no
behaviour an assessor could judge, because it fits someone who did the work and someone who
watched. Statements opening with such a phrase are reported at it, unless the phrase is joined
with a verb of its own ("contributes to and leads the review", "works on getting ..." ).

The phrases (base forms; articles are ignored):

{phrases}

A good rewrite says what the person does there: "Participates in team meetings" becomes
"reports open cases at the team meeting and proposes who takes each one".

Fails::

    - id: team-meetings
      level: intermediate
      text: participates in team meetings.

Passes::

    - id: team-meetings
      level: intermediate
      text: reports open cases at the team meeting and proposes who takes each one.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import weak_openings
from skillframe.verbs import PARTICIPATION


def check(ctx: Context) -> Iterator[Finding]:
    return weak_openings(ctx, "participation")


RULE = Rule(
    code="SF514",
    name="vague-participation",
    severity=Severity.WARNING,
    doc=(__doc__ or "").replace("{phrases}", "    " + ", ".join(PARTICIPATION)),
    check=check,
)
