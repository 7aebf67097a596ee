"""The exposure score does not agree with the tasks' contributions.

The occupation's ``score`` is the sum of its tasks' contributions (weight x likelihood / 100).
When the table is ``complete: true`` the score must equal that sum, rounded to the places the
score is written with (either the exact sum or the sum of the contributions rounded to one
decimal may be rounded). When the table is incomplete, the tasks not listed add to the score, so
it must be at least the sum of those listed. The message gives the expected value.

Fails::

    exposure:
      complete: false
      score: 30
      tasks:
        - {anchor: onet-task-9450, weight: 18, likelihood: 82}              # 14.8
        - {text: Select travelers for secondary inspection, weight: 15, likelihood: 78}  # 11.7
        - {anchor: onet-task-9454, weight: 20, likelihood: 44}              # 8.8

Passes::

      score: 57    # at least 35.3: the rest comes from tasks not listed
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.exposure import contribution, decimal, is_number, places, rounded, shown
from skillframe.rules.base import Context, Rule
from skillframe.rules.sf601_exposure_contribution import exposure_section, scored_tasks


def check(ctx: Context) -> Iterator[Finding]:
    section = exposure_section(ctx)
    score = section.get("score")
    tasks = scored_tasks(ctx)
    if not is_number(score) or tasks is None:
        return
    exact = [contribution(task["weight"], task["likelihood"]) for _, task in tasks]
    digits = places(score)
    # The sum as published tables work it: from the exact products, or from the products
    # rounded to one decimal first. Either rounding of the sum is accepted.
    sums = {
        rounded(sum(exact, decimal(0)), digits),
        rounded(sum((rounded(c, 1) for c in exact), decimal(0)), digits),
    }
    expected = rounded(sum(exact, decimal(0)), digits)
    total = shown(rounded(sum(exact, decimal(0)), 2))
    given = decimal(score)
    if section.get("complete") is True:
        if given not in sums:
            yield Finding(
                ("exposure", "score"),
                f"the exposure score {shown(score)} should be {shown(expected)}: the table is "
                f"complete and its contributions add up to {total}",
            )
    elif given < min(sums):
        yield Finding(
            ("exposure", "score"),
            f"the exposure score {shown(score)} is less than the {total} the tasks listed "
            f"contribute; it should be at least {shown(min(sums))}",
        )


RULE = Rule(
    code="SF603",
    name="exposure-score",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
