"""``skillframe about``: version, licence, formats, bundled data and their notices."""

from __future__ import annotations

import typer


def about() -> None:
    """Show this skillframe's version and licence, the file formats and standards it follows,
    the data bundled with it (with their releases) and the notices that data requires.

    Example:

        skillframe about
    """
    from skillframe.about import summary

    typer.echo(summary(), nl=False)
