"""An evidence value falls outside its stated range.

An evidence item may state the bounds its value must fall in, ``range: [low, high]`` (``null`` for
no bound): a percentage in ``[0, 100]``, a count in ``[0, null]``. A value outside them, a range
whose low end is above its high end, or a range on a value that is not a number is reported.

Fails::

    - id: incumbents-responding
      label: Incumbents responding to task ratings (percent)
      value: 182
      unit: percent
      range: [0, 100]
      cite: [onet]

Passes::

      value: 82
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check(ctx: Context) -> Iterator[Finding]:
    for at, item in ctx.items("evidence"):
        bounds = item.get("range")
        if not (isinstance(bounds, list) and len(bounds) == 2):
            continue
        low, high = bounds
        if not all(b is None or _number(b) for b in bounds):
            continue
        ident = item.get("id", at[1])
        if low is not None and high is not None and low > high:
            yield Finding(
                (*at, "range"), f"evidence '{ident}': range [{low}, {high}] is upside down"
            )
            continue
        value = item.get("value")
        if not _number(value):
            yield Finding(
                (*at, "value"),
                f"evidence '{ident}': a range is given but the value is not a number",
            )
            continue
        assert isinstance(value, (int, float))
        if (low is not None and value < low) or (high is not None and value > high):
            shown = f"[{'null' if low is None else low}, {'null' if high is None else high}]"
            yield Finding(
                (*at, "value"), f"evidence '{ident}': value {value} is outside its range {shown}"
            )


RULE = Rule(
    code="SF401",
    name="evidence-range",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
