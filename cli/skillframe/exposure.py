"""The exposure table: arithmetic, rows sorted by contribution, and its Markdown form.

A framework's ``exposure:`` section lists tasks with a weight (percent of working time) and a
likelihood of automation (percent); each task contributes weight x likelihood / 100, and the
occupation's score is the sum of the contributions. The numbers here are worked in decimal, so
that 18 x 82 / 100 is 14.76 exactly and rounds to 14.8 as a reader would round it.

These are pure functions over :mod:`skillframe.model` views (and the lint rules' number helpers);
the ``exposure`` command, the Markdown export and ``stats`` all build on :func:`exposure_table`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeGuard

from skillframe.mdtext import md_text
from skillframe.model import Exposure, Framework
from skillframe.printable import printable

# -- numbers ------------------------------------------------------------------------------------


def is_number(value: Any) -> TypeGuard[float]:
    """True for an int or float (a bool is not a number here)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def decimal(value: float) -> Decimal:
    """A number as written (``14.8`` is 14.8, not the float nearest it)."""
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def places(value: float) -> int:
    """How many decimal places a number is written with (57 -> 0, 14.8 -> 1)."""
    exponent = decimal(value).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def rounded(value: Decimal, digits: int) -> Decimal:
    """``value`` rounded half up to ``digits`` decimal places."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def half_unit(value: float) -> Decimal:
    """Half a unit of a number's last written place: how far rounding may have moved it."""
    return Decimal(5).scaleb(-places(value) - 1)


def contribution(weight: float, likelihood: float) -> Decimal:
    """weight x likelihood / 100, exactly."""
    return decimal(weight) * decimal(likelihood) / 100


def shown(value: Decimal | float) -> str:
    """A number as a reader writes it: no trailing zeros, no exponent (14.76, 18, 0.5)."""
    number = value if isinstance(value, Decimal) else decimal(value)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


# -- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExposureRow:
    """One task of the table: its words, its anchor, its numbers."""

    task: str  # the anchor's text, the task's own text, or the anchor id when it resolves nowhere
    anchor: str | None
    weight: float
    likelihood: float
    contribution: Decimal  # weight x likelihood / 100, to one decimal
    horizon: str | None = None


@dataclass(frozen=True)
class ExposureTable:
    """The exposure section worked out: rows by contribution (largest first) and the totals."""

    rows: tuple[ExposureRow, ...]
    weights: Decimal  # the weights added up: the share of working time the tasks cover
    total: Decimal  # the contributions added up (exactly, then to one decimal)
    complete: bool
    score: float | None = None
    method: str | None = None
    sources: tuple[str, ...] = ()  # the citations, as ``source`` or ``source=locator``

    @property
    def overall(self) -> Decimal | None:
        """The score: the given one, or for a complete table the sum rounded; else None."""
        if self.score is not None:
            return decimal(self.score)
        return rounded(self.total, 0) if self.complete else None


def exposure_table(framework: Framework) -> ExposureTable | None:
    """The framework's exposure table, or None when it has no exposure section."""
    exposure: Exposure | None = framework.exposure
    if exposure is None:
        return None
    rows = []
    exact_total = Decimal(0)
    weights = Decimal(0)
    for task in exposure.tasks:
        exact = contribution(task.weight, task.likelihood)
        exact_total += exact
        weights += decimal(task.weight)
        anchor = framework.anchor(task.anchor) if task.anchor else None
        words = anchor.text if anchor else (task.text or task.anchor or "")
        rows.append(
            ExposureRow(
                task=" ".join(words.split()),
                anchor=task.anchor,
                weight=task.weight,
                likelihood=task.likelihood,
                contribution=rounded(exact, 1),
                horizon=task.horizon,
            )
        )
    rows.sort(key=lambda row: -row.contribution)
    return ExposureTable(
        rows=tuple(rows),
        weights=weights,
        total=rounded(exact_total, 1),
        complete=exposure.complete,
        score=exposure.score,
        method=exposure.method,
        sources=tuple(c.label() for c in exposure.cite),
    )


def summary(table: ExposureTable) -> str:
    """One sentence on the score and what the table covers, for every output format."""
    covers = f"the tasks listed cover {shown(table.weights)}% of working time"
    overall = table.overall
    if overall is None:
        return f"No overall score given; {covers} and contribute {shown(table.total)}."
    if table.score is None:
        return f"Score: {shown(overall)}/100 (the sum of the contributions, rounded)."
    if table.complete:
        return f"Score: {shown(overall)}/100 (the sum of the contributions)."
    return (
        f"Score: {shown(overall)}/100; {covers} and contribute {shown(table.total)} "
        "(the table is incomplete)."
    )


def markdown_table(table: ExposureTable) -> str:
    """The table as GitHub-flavoured Markdown, then the score sentence and method; no heading,
    so a document can put it under a heading of its own level. Ends with a newline."""
    horizon = any(row.horizon for row in table.rows)
    head = ["Task", "Anchor", "Weight (%)", "Likelihood (%)", "Contribution"]
    align = ["---", "---", "---:", "---:", "---:"]
    if horizon:
        head.append("Horizon")
        align.append("---")
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    for row in table.rows:
        cells = [
            md_text(row.task),
            f"`{printable(row.anchor)}`" if row.anchor else "",
            shown(row.weight),
            shown(row.likelihood),
            f"{row.contribution:.1f}",
        ]
        if horizon:
            cells.append(md_text(row.horizon or ""))
        lines.append("| " + " | ".join(cells) + " |")
    total = ["**Total**", "", shown(table.weights), "", f"**{table.total:.1f}**"]
    if horizon:
        total.append("")
    lines.append("| " + " | ".join(total) + " |")
    lines.append("")
    lines.append(summary(table))
    if table.method:
        lines.append("")
        lines.append(f"Method: {md_text(table.method).rstrip('.')}.")
    if table.sources:
        lines.append("")
        lines.append("Source: " + ", ".join(f"`{s}`" for s in table.sources) + ".")
    return "\n".join(lines) + "\n"


def as_json(table: ExposureTable) -> dict[str, Any]:
    """The table as plain JSON data; numbers stay numbers."""

    def number(value: Decimal | float) -> int | float:
        as_decimal = value if isinstance(value, Decimal) else decimal(value)
        return int(as_decimal) if as_decimal == as_decimal.to_integral_value() else float(value)

    overall = table.overall
    return {
        "tasks": [
            {
                "task": row.task,
                "anchor": row.anchor,
                "weight": number(row.weight),
                "likelihood": number(row.likelihood),
                "contribution": float(row.contribution),
                "horizon": row.horizon,
            }
            for row in table.rows
        ],
        "weights": number(table.weights),
        "contributions": float(table.total),
        "complete": table.complete,
        "score": number(overall) if overall is not None else None,
        "score_given": table.score is not None,
        "method": table.method,
        "cite": list(table.sources),
    }
