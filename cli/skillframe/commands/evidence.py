"""Commands over a framework's evidence: the exposure table (also shown by ``stats``)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from skillframe.errors import SkillframeError
from skillframe.printable import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from skillframe.exposure import ExposureTable


class ExposureFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


BAR_WIDTH = 12


def exposure(
    file: Path = typer.Argument(..., help="The framework file.", show_default=False),
    output_format: ExposureFormat = typer.Option(
        ExposureFormat.text, "--format", "-f", help="text (a table with bars), json or md."
    ),
) -> None:
    """Show a framework's AI-exposure table: each task's weight, likelihood and contribution,
    largest contribution first, with a bar per task, and the overall score.

    A task contributes weight x likelihood / 100. The score is the one the file gives; for a
    complete table without one, the sum of the contributions, rounded. "--format md" prints the
    table as Markdown, ready to paste; "--format json" prints it as data. Exit status: 0, or 1
    when the file has no exposure section or cannot be read as a framework.

    Example:

        skillframe exposure frameworks/customs-border-protection-officers.yaml
    """
    from skillframe.exposure import as_json, exposure_table, markdown_table
    from skillframe.model import read_framework

    framework = read_framework(file)
    table = exposure_table(framework)
    if table is None:
        raise SkillframeError(
            "the framework has no exposure: section", path=framework.path, exit_code=1
        )
    if output_format is ExposureFormat.json:
        payload = {"framework": framework.id, "path": framework.path, **as_json(table)}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    elif output_format is ExposureFormat.md:
        sys.stdout.write(markdown_table(table))
    else:
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False, emoji=False)
        heading = f"{framework.title}: {exposure_heading(table)}"
        console.print(Text(printable(heading), style="bold"))
        for part in exposure_renderables(table):
            console.print(part)


def exposure_heading(table: ExposureTable) -> str:
    return f"AI exposure by task ({'complete' if table.complete else 'incomplete'} table)"


def exposure_renderables(table: ExposureTable) -> list[RenderableType]:
    """The table with a bar per task, largest contribution first, then the score sentence, the
    method and the sources: printed one after another (``stats`` prints them too)."""
    from rich import box
    from rich.bar import Bar
    from rich.table import Table
    from rich.text import Text

    from skillframe.exposure import shown, summary

    grid = Table(box=box.SIMPLE, show_footer=True, pad_edge=False, show_edge=False, leading=1)
    grid.add_column("Task", "Total", ratio=1)
    grid.add_column("Weight", f"{shown(table.weights)}%", justify="right", no_wrap=True)
    grid.add_column("Likelihood", justify="right", no_wrap=True)
    grid.add_column("Contribution", f"{table.total:.1f}", justify="right", no_wrap=True)
    grid.add_column("", width=BAR_WIDTH, no_wrap=True)
    largest = max((float(row.contribution) for row in table.rows), default=0.0) or 1.0
    for row in table.rows:
        task = Text(printable(row.task))
        if row.anchor:
            task.append(f"\n{printable(row.anchor)}", style="dim")
        if row.horizon:
            task.append(f"\nhorizon: {printable(row.horizon)}", style="dim")
        grid.add_row(
            task,
            f"{shown(row.weight)}%",
            f"{shown(row.likelihood)}%",
            f"{row.contribution:.1f}",
            Bar(largest, 0, float(row.contribution), width=BAR_WIDTH, color="magenta"),
        )
    out: list[RenderableType] = [grid, Text(""), Text(summary(table), style="bold")]
    if table.method:
        out.append(Text(printable(f"Method: {table.method}")))
    if table.sources:
        out.append(Text(printable("Source: " + ", ".join(table.sources))))
    return out
