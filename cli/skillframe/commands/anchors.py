"""Commands over a framework's anchors: ``anchors import`` adds an occupation's O*NET tasks."""

from __future__ import annotations

from pathlib import Path

import typer

from skillframe.commands.shared import dry_run_option, file_argument, force_option, run
from skillframe.errors import SkillframeError

app = typer.Typer(
    help="Add the task statements a framework rests on as anchors.", no_args_is_help=True
)


@app.command("import")
def anchors_import(
    file: Path = file_argument(),
    soc: str | None = typer.Option(
        None,
        "--soc",
        help="The O*NET-SOC code of the occupation (default: the framework's occupation.onet_soc).",
        show_default=False,
    ),
    tasks: Path | None = typer.Option(
        None,
        "--tasks",
        help="O*NET's task statements file (default: onet-tasks in the configuration).",
        show_default=False,
    ),
    dry_run: bool = dry_run_option(),
    force: bool = force_option("Import the tasks of an occupation other than the framework's. "),
) -> None:
    """Add an occupation's O*NET task statements to a framework as anchors.

    Each task the framework does not have yet (as an anchor with its id, or one citing its
    O*NET task number) is added after the other anchors: id onet-task-NNNN, source onet,
    locator "task NNNN", and O*NET's own wording as its text. A framework with no anchors gets
    an anchors: section before domains:, under a comment crediting O*NET (CC BY 4.0). The tasks
    come from O*NET's tab-separated "Task Statements" file (--tasks, else the configuration's
    onet-tasks); the framework must know the source 'onet'. Run it again after a new O*NET
    release: it adds only what is new. Until a statement lists an imported anchor under its
    anchors:, lint warns that it is unused (SF206).

    Example:

        skillframe anchors import frameworks/port-officers.yaml --soc 33-3051.04 --tasks "data/Task Statements.txt"
    """
    from skillframe.config import discover
    from skillframe.onet import SOC_PATTERN, load_tasks
    from skillframe.operations import import_anchors

    if soc is not None and not SOC_PATTERN.match(soc):
        raise SkillframeError(f"--soc '{soc}' is not an O*NET-SOC code (like 33-3051.04)")
    source = tasks if tasks is not None else discover(file).onet_tasks
    if source is None:
        raise SkillframeError(
            "no O*NET task statements file: give --tasks PATH, or set onet-tasks under "
            "[tool.skillframe]"
        )
    operation = import_anchors(load_tasks(source), soc, force=force)
    run(file, operation, dry_run=dry_run, force=force, explain_unchanged=True)
