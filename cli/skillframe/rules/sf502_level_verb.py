"""A statement's verb does not fit its level of mastery (warning).

Verbs climb with mastery: at the lowest level people recognise, follow and record under
supervision; then they apply and carry out the work on their own; then they analyse, evaluate and
lead a team; at the highest level they design, establish and set direction across the
organisation (after the revised Bloom taxonomy, read for the workplace). A lowest-level statement
that "designs the agency's strategy", or a highest-level one that only "identifies" or
"follows", puts the statement at the wrong level or the verb in the wrong statement.

Each built-in verb fits a range of bands from 1 to 4 (``explains`` fits 1 to 3, ``leads`` 3 to
4, ``identifies`` 1 to 2; the full list is at the end). A framework's levels are spread evenly
over the four bands, lowest level first (with five levels: 1, 1.75, 2.5, 3.25 and 4). The
warning is given when the level's band lies more than ``verb-tolerance`` bands (default 1)
outside the verb's range, and points at the verb. Verbs not in the list, such as the trade's
own ("splints", "inspects cargo"), are never reported; a phrase in the list ("sets up",
"builds rapport", "leads on") is judged as a whole, not by its first word.

A statement with several verbs is judged by its strongest: the verbs that open its clauses
("identifies gaps in the plan and develops a fix", "Plan and teach ...", a second sentence) are
read, and the one fitting the highest bands stands for the statement. A statement is reported
as asking too little only when every verb it opens a clause with has a band.

Configure under ``[tool.skillframe.statement-rules]``: ``verbs = {triage = [1, 3], "sign off" =
3, supervise = "none"}`` (a band, a range, ``"none"`` for no band or ``"vague"``);
``level-bands = {novice = 1, expert = 4}`` to place levels yourself; ``verb-tolerance = 0.5``
to be stricter.

A good rewrite keeps the verb and moves the statement, or keeps the level and finds the
behaviour that belongs there: "designs the port's inspection plan" at the foundational level
becomes "follows the port's inspection plan and reports steps that cannot be carried out".

The built-in verbs, by the bands they fit:

{verbs}

Fails::

    levels: [{id: foundational, ...}, {id: intermediate, ...}, {id: advanced, ...}, {id: expert, ...}]
      - id: inspection-plan
        level: foundational
        text: designs the port's inspection plan for the coming year.

Passes::

      - id: inspection-plan
        level: foundational
        text: follows the port's inspection plan and reports steps that cannot be carried out.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import analysed, level_bands, rules_of, suggestions
from skillframe.verbs import BAND_NAMES, band_table


def check(ctx: Context) -> Iterator[Finding]:
    rules = rules_of(ctx)
    bands = level_bands(ctx, rules)
    band_of, tolerance = rules.band_of, rules.verb_tolerance
    for at, statement, text, analysis in analysed(ctx):
        level = statement.get("level")
        if not isinstance(level, str) or level not in bands:
            continue
        if analysis.opening is None:
            continue
        # The statement asks what its strongest verb asks: "identifies gaps and develops a plan"
        # is judged by "develops" (the first of the strongest).
        verb, fits, every = None, (0, 0), True
        for candidate in analysis.verbs:
            found = band_of(candidate.phrase)
            if found is None:
                every = False
            elif verb is None or (found[1], found[0]) > (fits[1], fits[0]):
                verb, fits = candidate, found
        if verb is None:
            continue
        low, high = fits
        band = bands[level]
        if low - band > tolerance:
            more = "more"
        elif band - high > tolerance and every:
            # A verb with no band may be the strong one ("identifies and brings in ..."):
            # only a statement whose every verb is known to ask too little is reported.
            more = "less"
        else:
            continue
        written = text[verb.start : verb.end]
        work = ", or ".join(BAND_NAMES[b] for b in range(low, high + 1))
        yield Finding(
            at,
            f"'{written}' asks {more} than level '{level}' does: it is a verb for work that "
            f"{work}; at this level try {suggestions(band, analysis.opening.person, rules)}",
            offset=verb.start,
        )


RULE = Rule(
    code="SF502",
    name="level-verb",
    severity=Severity.WARNING,
    doc=(__doc__ or "").replace("{verbs}", band_table()),
    check=check,
)
