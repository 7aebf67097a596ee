"""``skillframe lsp``: the language server an editor starts."""

from __future__ import annotations

import typer


def lsp(
    stdio: bool = typer.Option(
        False,
        "--stdio",
        help="Accepted for editors that pass it: the server always talks on standard input "
        "and output.",
    ),
) -> None:
    """Run the language server for an editor: lint's diagnostics as you type, hover, completion,
    go to definition and quick fixes for framework, sources and taxonomy files.

    Your editor starts it and stops it; it runs until the editor closes its input. See
    docs/editors.md for the set-up in VS Code, Neovim and Helix.

    Example (Neovim): vim.lsp.start({name = "skillframe", cmd = {"skillframe", "lsp"}})
    """
    import sys

    if sys.stdin.isatty():
        typer.echo(
            "skillframe lsp: this is the language server your editor starts (see "
            "docs/editors.md); it now waits for the editor's messages. Ctrl-D ends it.",
            err=True,
        )
    from skillframe.lsp.server import serve

    serve()
