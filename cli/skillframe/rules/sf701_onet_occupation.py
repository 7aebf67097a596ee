"""The framework's O*NET-SOC code is not an O*NET occupation.

``occupation.onet_soc`` must be the code of an occupation O*NET lists. skillframe carries O*NET's
list of every occupation (the Occupation Data of O*NET 29.2: 1,016 codes and titles), so a
mistyped or made-up code is caught with no configuration at all, and the message names the real
occupations whose codes are closest, with their titles. A code that a newer O*NET release added
is accepted when the configured ``onet-tasks`` file lists tasks for it.

Fails::

    occupation:
      title: Registered Nurses
      onet_soc: "29-1141.10"

Passes::

      onet_soc: "29-1141.00"
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.onet import SOC_PATTERN, TaskTable, closest_occupations, known_occupations
from skillframe.rules.base import Context, Rule


def occupation_code(ctx: Context) -> str | None:
    """The framework's ``occupation.onet_soc`` when it is a well-formed code, else None."""
    data: Any = ctx.data if isinstance(ctx.data, dict) else {}
    occupation = data.get("occupation")
    soc = occupation.get("onet_soc") if isinstance(occupation, dict) else None
    return soc if isinstance(soc, str) and SOC_PATTERN.match(soc) else None


def file_label(table: TaskTable) -> str:
    return f"the O*NET tasks file ({table.path.name})"


def check(ctx: Context) -> Iterator[Finding]:
    soc = occupation_code(ctx)
    if soc is None:
        return
    known = known_occupations(ctx.onet())
    if soc not in known:
        yield Finding(
            ("occupation", "onet_soc"),
            f"O*NET-SOC code '{soc}' is not an O*NET occupation"
            + closest_occupations(known, soc, most=3),
        )


RULE = Rule(
    code="SF701",
    name="onet-occupation",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
