"""The ``skillframe`` command: a thin Typer shell over the library.

Commands parse their options, call the core, render, and exit 0 (all good), 1 (problems found,
or an edit refused) or 2 (a usage error or an unreadable path). No Python traceback reaches the
user: ``--debug`` (or SKILLFRAME_DEBUG=1) shows one for developers.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from typer.core import TyperGroup

from skillframe import __version__
from skillframe.commands import (
    about,
    anchors,
    check,
    edit,
    evidence,
    export,
    fmt,
    importing,
    lsp,
    reports,
    structure,
)
from skillframe.errors import SkillframeError


def _debugging() -> bool:
    return os.environ.get("SKILLFRAME_DEBUG", "") not in ("", "0")


class SafeGroup(TyperGroup):
    """Turns every error into one line on stderr and exit 2 (1 for refused edits)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SkillframeError as exc:
            typer.echo(f"skillframe: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            # Usage errors (a TyperException) are printed by the command line machinery itself.
            if isinstance(exc, typer.TyperException) or _debugging():
                raise
            typer.echo(
                f"skillframe: internal error: {type(exc).__name__}: {exc} "
                "(run again with --debug to see where; please report it)",
                err=True,
            )
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=SafeGroup,
    name="skillframe",
    help="Author, lint and export competency frameworks kept as YAML files.\n\n"
    "Exit status: 0 when all is well, 1 when problems are found or an edit is refused, "
    "2 for a usage error or an unreadable path.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"skillframe {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(
        False, "--debug", help="Show Python tracebacks (for developers reporting a bug)."
    ),
) -> None:
    """Author, lint and export competency frameworks kept as YAML files."""
    if debug:
        os.environ["SKILLFRAME_DEBUG"] = "1"


app.command("lint")(check.lint)
app.command("rules")(check.rules)
app.command("explain")(check.explain)
app.command("schema")(check.schema)
app.command("new")(edit.new)
app.add_typer(edit.statement_app, name="statement")
app.add_typer(edit.cite_app, name="cite")
app.add_typer(structure.source_app, name="source")
app.add_typer(structure.domain_app, name="domain")
app.add_typer(structure.level_app, name="level")
app.add_typer(anchors.app, name="anchors")
app.command("fmt")(fmt.fmt)
app.command("export")(export.export)
app.add_typer(importing.app, name="import")
app.command("stats")(reports.stats)
app.command("diff")(reports.diff)
app.command("exposure")(evidence.exposure)
app.command("lsp")(lsp.lsp)
app.command("about")(about.about)


def main() -> None:
    """Run the command line (the installed command enters through ``skillframe.__main__``,
    which answers a lone ``--version`` without importing this module)."""
    app()
