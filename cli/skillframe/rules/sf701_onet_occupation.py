"""The framework's O*NET-SOC code is not in the configured O*NET task statements file.

With ``onet-tasks = "path/to/Task Statements.txt"`` under ``[tool.skillframe]``, the framework's
``occupation.onet_soc`` must be an occupation that file lists tasks for: a mistyped or retired
code is caught here, before anything cites tasks of an occupation that does not exist. Without
``onet-tasks`` configured, this check is off.

Fails::

    occupation:
      title: Customs and Border Protection Officers
      onet_soc: "33-3051.05"

Passes::

      onet_soc: "33-3051.04"
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.onet import SOC_PATTERN, TaskTable, closest_occupations
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
    table = ctx.onet()
    soc = occupation_code(ctx)
    if table is None or soc is None or table.has_occupation(soc):
        return
    message = f"O*NET-SOC code '{soc}' is not an occupation in {file_label(table)}"
    yield Finding(("occupation", "onet_soc"), message + closest_occupations(table, soc))


RULE = Rule(
    code="SF701",
    name="onet-occupation",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
