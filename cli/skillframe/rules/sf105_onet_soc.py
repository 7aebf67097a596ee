"""An O*NET-SOC code that is not well formed.

O*NET-SOC codes have the form ``NN-NNNN.NN``: two digits, a hyphen, four digits, a point and two
digits, such as ``33-3051.04`` for Customs and Border Protection Officers. Write the code in
quotes so YAML keeps it as text.

Fails::

    occupation:
      onet_soc: "33-305104"

Passes::

    occupation:
      onet_soc: "33-3051.04"
"""

from __future__ import annotations

from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.words import shown


def claim(error: Any, ctx: Context) -> list[Finding] | None:
    at = tuple(error.absolute_path)
    if error.validator != "pattern" or not at or at[-1] != "onet_soc":
        return None
    return [
        Finding(
            at,
            f"{shown(error.instance)} is not an O*NET-SOC code: "
            "it must look like 33-3051.04 (NN-NNNN.NN)",
        )
    ]


RULE = Rule(
    code="SF105",
    name="onet-soc-format",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="schema",
    kinds=("framework",),
    claim=claim,
)
