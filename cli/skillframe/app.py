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
from skillframe.errors import SkillframeError

#: Every command: its name, where it lives (``module:attribute`` in skillframe.commands) and its
#: one-line help, in the order ``--help`` lists them. A command's module is imported only when
#: the command runs or its own help is asked for, so ``--help`` answers without importing the
#: application; a test keeps these lines equal to the commands' own first help lines.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "lint",
        "check:lint",
        "Check frameworks, source registries and taxonomies, and report every problem.",
    ),
    (
        "rules",
        "check:rules",
        "List every rule: its code, name, default severity, its fix and what it checks.",
    ),
    (
        "explain",
        "check:explain",
        "Show a rule's documentation, with an example that fails and one that passes.",
    ),
    ("schema", "check:schema", "Print a file kind's JSON Schema, for editors and other tools."),
    ("new", "edit:new", "Create a new framework with its levels and every domain scaffolded."),
    (
        "apply",
        "batch:apply",
        "Apply many editing commands to one file at once: read once, checked once, written once.",
    ),
    (
        "framework",
        "upkeep:framework_app",
        "Set the framework's own facts: title, version, status, scope, occupation.",
    ),
    ("statement", "edit:statement_app", "Add, change, move, remove, list and show statements."),
    ("cite", "upkeep:cite_app", "Add or remove a statement's citations."),
    ("source", "upkeep:source_app", "Add sources to a registry, or list them."),
    ("domain", "upkeep:domain_app", "Add, rename or remove a framework's domains."),
    ("level", "upkeep:level_app", "Add, rename or remove a framework's levels."),
    ("anchors", "anchors:app", "Add the task statements a framework rests on as anchors."),
    ("fmt", "fmt:fmt", "Rewrite files in the one canonical layout (comments and meaning kept)."),
    (
        "export",
        "export:export",
        "Export frameworks as Markdown or HTML for people, or JSON, CASE or CSV for machines.",
    ),
    (
        "import",
        "importing:app",
        "Make a framework file from a spreadsheet (CSV) or a 1EdTech CASE package.",
    ),
    (
        "stats",
        "reports:stats",
        "Show each framework's figures: coverage, sources, anchors, lint findings.",
    ),
    (
        "diff",
        "reports:diff",
        "Show what changed between two versions of a framework, element by element.",
    ),
    (
        "exposure",
        "evidence:exposure",
        "Show a framework's AI-exposure table: each task's weight, likelihood and contribution, largest contribution first, with a bar per task, and the overall score.",
    ),
    (
        "lsp",
        "lsp:lsp",
        "Run the language server for an editor: lint's diagnostics as you type, hover, completion, go to definition and quick fixes for framework, sources and taxonomy files.",
    ),
    (
        "about",
        "about:about",
        "Show this skillframe's version and licence, the file formats and standards it follows, the data bundled with it (with their releases) and the notices that data requires.",
    ),
)
_WHERE = {name: where for name, where, _ in COMMANDS}
_SHORT = {name: short for name, _, short in COMMANDS}


def load_command(name: str) -> Any:
    """The click command ``name``, its module imported now."""
    from importlib import import_module

    from typer.main import get_command, get_group

    from skillframe.commands import helptext

    helptext.install()
    module, attribute = _WHERE[name].split(":")
    found = getattr(import_module(f"skillframe.commands.{module}"), attribute)
    command: Any
    if isinstance(found, typer.Typer):
        command = get_group(found)
    else:
        single = typer.Typer(add_completion=False)
        single.command(name)(found)
        command = get_command(single)
    command.name = name
    return command


def _debugging() -> bool:
    return os.environ.get("SKILLFRAME_DEBUG", "") not in ("", "0")


def _help_flag_is_false_when_absent() -> None:
    """typer hands an absent ``--help`` to its type coercion as None, which builds a pydantic
    adapter for it (about 200 ms, more than the rest of a group's help). A help flag whose
    default is False arrives as a bool, which typer passes through as it is."""
    from typer._click.core import Command

    original = Command.get_help_option
    if getattr(original, "_skillframe", False):
        return

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None and option.default is None:
            option.default = False
        return option

    get_help_option._skillframe = True  # type: ignore[attr-defined]
    Command.get_help_option = get_help_option  # type: ignore[method-assign]


_help_flag_is_false_when_absent()


class SafeGroup(TyperGroup):
    """Turns every error into one line on stderr and exit 2 (1 for refused edits); loads each
    command when it is run or its help is asked for (see :data:`COMMANDS`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from typer.core import TyperCommand

        super().__init__(*args, **kwargs)
        # Until one is run, each command is a stand-in that knows its one-line help.
        for name, short in _SHORT.items():
            self.commands.setdefault(name, TyperCommand(name, help=short))
        self.loaded: set[str] = set()

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] in _WHERE and args[0] not in self.loaded:
            self.commands[args[0]] = load_command(args[0])
            self.loaded.add(args[0])
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SkillframeError as exc:
            from skillframe.commands.wording import describe

            typer.echo(f"skillframe: error: {describe(exc)}", err=True)
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


def main() -> None:
    """Run the command line (the installed command enters through ``skillframe.__main__``,
    which answers a lone ``--version`` without importing this module)."""
    app()
