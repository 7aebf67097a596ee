"""Every command's help as plain text, for the generated command reference (docs/commands.md).

The help is the one ``--help`` shows, laid out by the command line library's plain formatter at a
fixed width, without colour or boxes, so the page is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer
import typer.main

#: The width the help is laid out at.
WIDTH = 100


def _walk(command: Any, ctx: typer.Context, path: str) -> Iterator[tuple[str, str, str]]:
    # Typer's own help is drawn by rich; without a markup mode it is the plain layout.
    command.rich_markup_mode = None
    yield path, command.get_short_help_str(limit=200), command.get_help(ctx)
    if not hasattr(command, "list_commands"):
        return
    from skillframe.app import COMMANDS, load_command

    lazy = {name for name, _, _ in COMMANDS} if ctx.parent is None else set()
    for name in command.list_commands(ctx):
        # The program's own commands are loaded when they run: load each to read its help.
        sub = load_command(name) if name in lazy else command.get_command(ctx, name)
        if sub is None or sub.hidden:
            continue
        child = typer.Context(sub, info_name=name, parent=ctx, **sub.context_settings)
        yield from _walk(sub, child, f"{path} {name}")


def command_help() -> list[tuple[str, str, str]]:
    """(``skillframe statement add``, its one-line summary, its help text) for the program and
    every command under it, in the order ``--help`` lists them."""
    from skillframe.app import app

    root = typer.main.get_command(app)
    ctx = typer.Context(
        root,
        info_name="skillframe",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **root.context_settings,
    )
    return list(_walk(root, ctx, "skillframe"))
