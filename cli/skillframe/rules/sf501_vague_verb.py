"""A statement starts with a vague verb that names no observable behaviour (warning).

A competency statement says what someone does that others can see and judge: "explains duty
rules to travelers" can be observed and assessed; "understands duty rules" cannot, because
understanding happens in the head. The classic vague openings are understand, know, be aware of,
be familiar with, appreciate, learn (about), value, pay attention to, and "demonstrates an
understanding of" with any words between ("demonstrates a clear understanding of", "has a secure
knowledge of", "shows good subject and curriculum knowledge"); a statement with no verb that
opens with knowing ("Deep understanding of ...", "Knowledgeable about ...", "Acutely aware of
...") is reported too. The warning points at the vague words and suggests measurable verbs for
the statement's level, in the statement's own style ("explains" after "The officer ...",
"explain" after "I can ...").

States of being and roles ("is responsible for", SF512), experience claims ("has worked on",
SF513) and taking part ("works on", "is exposed to", SF514) have rules of their own.

The built-in vague verbs and phrases (articles are ignored: "demonstrate an understanding"
matches "demonstrate understanding"):

{vague}

The verb is found past a subject ("The learner", "I"), a modal ("can", "is able to"), a lead-in
("Under supervision,") and adverbs ("clearly"). Verbs are added to or taken off the vague list
in the configuration: ``verbs = {appreciate = 2, "be conversant with" = "vague"}`` under
``[tool.skillframe.statement-rules]``.

A good rewrite names the behaviour that shows the understanding: "understands the chain of
custody" becomes "records the chain of custody for each seized item and explains a gap to the
supervisor".

Fails::

    - id: chain-of-custody
      level: foundational
      text: understands the chain of custody for seized goods.

Passes::

    - id: chain-of-custody
      level: foundational
      text: >-
        records the chain of custody for each seized item and reports any gap to the supervisor.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import weak_openings
from skillframe.verbs import vague_list


def check(ctx: Context) -> Iterator[Finding]:
    return weak_openings(ctx, "vague")


RULE = Rule(
    code="SF501",
    name="vague-verb",
    severity=Severity.WARNING,
    doc=(__doc__ or "").replace("{vague}", vague_list()),
    check=check,
)
