"""The statements of a domain are not written in one grammatical person (warning).

A domain reads as one list: every statement completes the same opening. When most statements
continue "The officer ..." ("explains the rules") and one says "I can explain ..." or "Explain
the rules", the list reads as if written by different hands, and exports that put a stem before
each statement ("The officer ...") produce broken sentences. The style most statements of the
domain use wins (the first one's on a tie); each statement in another is reported at its first
word.

The styles told apart: the third person ("explains ...", "The learner explains ...", "can
explain ..."), the first person ("I can explain ..."), the second ("You explain ...") and the
imperative ("Explain ...").

A good rewrite brings the statement into the domain's style: "I can explain the rules to
travelers" becomes "explains the rules to travelers".

Fails::

    statements:
      - {id: plain-directions, text: states instructions to travelers in plain language., ...}
      - {id: rule-explanations, text: I can explain duty rules to travelers in plain terms., ...}
      - {id: case-reports, text: prepares seizure reports that a supervisor can review., ...}

Passes::

      - {id: rule-explanations, text: explains duty rules to travelers in plain terms., ...}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from skillframe.diagnostics import At, Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import analysed
from skillframe.writing import PERSONS, Opening


def check(ctx: Context) -> Iterator[Finding]:
    by_domain: dict[int, list[tuple[At, Opening]]] = {}
    for at, _, _, analysis in analysed(ctx):
        opening = analysis.opening
        if opening is not None:
            by_domain.setdefault(int(at[1]), []).append((at, opening))
    for found in by_domain.values():
        counts = Counter(opening.person for _, opening in found)
        if len(counts) < 2:
            continue
        order = [opening.person for _, opening in found]
        usual = max(counts, key=lambda p: (counts[p], -order.index(p)))
        for at, opening in found:
            if opening.person != usual:
                yield Finding(
                    at,
                    f"the text is written in {PERSONS[opening.person]}, but the domain's other "
                    f"statements use {PERSONS[usual]}: write a domain's statements one way",
                    offset=opening.start,
                )


RULE = Rule(
    code="SF510",
    name="mixed-person",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
