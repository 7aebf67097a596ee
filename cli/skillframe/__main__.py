"""The ``skillframe`` command's entry point, also run as ``python -m skillframe``.

A lone ``--version`` is answered here, before the command line machinery (typer, click) is even
imported: the commonest health check starts in the time Python itself takes.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the installed ``skillframe`` command."""
    if sys.argv[1:] == ["--version"]:
        from skillframe import __version__

        print(f"skillframe {__version__}")
        return
    from skillframe.app import main as run

    run()


if __name__ == "__main__":
    main()
