"""A statement starts with a vague verb that names no observable behaviour (warning).

A competency statement says what someone does that others can see and judge: "explains duty
rules to travelers" can be observed and assessed; "understands duty rules" cannot, because
understanding happens in the head. The classic vague openings are understand, know, be aware of,
be familiar with, appreciate, learn (about), value, be responsible for, and "demonstrates an
understanding of". The warning points at the vague verb and suggests measurable verbs for the
statement's level, in the statement's own style ("explains" after "The officer ...", "explain"
after "I can ...").

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
from skillframe.rules.prose import level_bands, rules_of, suggestions, texts
from skillframe.verbs import vague_list


def check(ctx: Context) -> Iterator[Finding]:
    rules = rules_of(ctx)
    bands = level_bands(ctx, rules)
    for at, statement, text in texts(ctx):
        opening = rules.opening(text)
        if opening is None or rules.vague_phrase(opening) is None:
            continue
        written = text[opening.verb_start : opening.verb_end]
        level = statement.get("level")
        band = bands.get(level, 2.5) if isinstance(level, str) else 2.5
        where = f" for level '{level}'" if isinstance(level, str) and level in bands else ""
        yield Finding(
            at,
            f"'{written}' is vague: it names no behaviour anyone can observe; say what is done "
            f"that shows it, with a verb{where} such as {suggestions(band, opening.person, rules)}",
            offset=opening.verb_start,
        )


RULE = Rule(
    code="SF501",
    name="vague-verb",
    severity=Severity.WARNING,
    doc=(__doc__ or "").replace("{vague}", vague_list()),
    check=check,
)
