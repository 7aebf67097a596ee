"""The ``skillframe`` command's entry point, also run as ``python -m skillframe``.

A lone ``--version`` is answered here, before the command line machinery (typer, click) is even
imported: the commonest health check starts in the time Python itself takes.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the installed ``skillframe`` command."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or log that cannot show a character (PYTHONIOENCODING=ascii, a C locale)
        # gets it as an escape (\u2192) rather than the command failing half-way.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        if sys.argv[1:] == ["--version"]:
            from skillframe import __version__

            print(f"skillframe {__version__}")
            return
        from skillframe.app import main as run

        run()
    except KeyboardInterrupt:
        # Ctrl-C before the command line machinery is ready to catch it (while modules load).
        print("skillframe: interrupted", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
