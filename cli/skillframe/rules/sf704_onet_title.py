"""The occupation's title is not the title O*NET gives its code (warning).

When ``occupation.onet_soc`` names an O*NET occupation, ``occupation.title`` should be the title
O*NET gives it, so that a reader who looks the code up finds the occupation the framework names.
Differences of case, spacing and punctuation do not count. The warning quotes O*NET's title:
copy it, or, if the framework really describes another occupation, correct the code (``skillframe
new --soc CODE`` writes both for a new framework).

Fails::

    occupation:
      title: Nurses
      onet_soc: "29-1141.00"

Passes::

    occupation:
      title: Registered Nurses
      onet_soc: "29-1141.00"
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.onet import known_occupations, normalise
from skillframe.rules.base import Context, Rule
from skillframe.rules.sf701_onet_occupation import occupation_code


def check(ctx: Context) -> Iterator[Finding]:
    soc = occupation_code(ctx)
    occupation = ctx.data.get("occupation") if isinstance(ctx.data, dict) else None
    title = occupation.get("title") if isinstance(occupation, dict) else None
    if soc is None or not isinstance(title, str):
        return
    official = known_occupations(ctx.onet()).get(soc)
    if official and normalise(title) != normalise(official):
        yield Finding(
            ("occupation", "title"),
            f"the title '{' '.join(title.split())}' is not O*NET's title for {soc}: "
            f'O*NET calls it "{official}"',
        )


RULE = Rule(
    code="SF704",
    name="onet-title",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
