"""``skillframe lsp``: the language server an editor starts."""

from __future__ import annotations

import typer


def lsp(
    stdio: bool = typer.Option(
        True,
        "--stdio",
        help="Talk to the editor on standard input and output (the only way; accepted because "
        "many editors pass it).",
    ),
) -> None:
    """Run the language server for an editor: lint's diagnostics as you type, hover, completion,
    go to definition and quick fixes for framework, sources and taxonomy files.

    Editors start it themselves; see docs/editors.md for VS Code, Neovim and Helix.

    Example (Neovim): vim.lsp.start({name = "skillframe", cmd = {"skillframe", "lsp"}})
    """
    from skillframe.lsp.server import serve

    serve()
