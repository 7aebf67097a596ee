"""How the command line words the library's errors: options as flags, commands in full.

The library names the options of a request by their parameter names in backquotes
(```after```); here they become the flags a user types (``--after``), and a command named
that way (```statement move```) is given whole (``skillframe statement move``).
"""

from __future__ import annotations

import shlex

import typer

from skillframe.errors import SkillframeError

#: Parameters whose flag is not simply their name.
_FLAGS = {"new_id": "--id", "ident": "--id", "cites": "--cite", "locators": "--locator"}


def flag(name: str) -> str:
    """The command line's words for a parameter (or a command) the library names."""
    if " " in name:
        return f"skillframe {name}"
    return _FLAGS.get(name, "--" + name.replace("_", "-"))


def describe(error: SkillframeError) -> str:
    """The one line the command line prints for ``error`` (after ``skillframe: error: ``)."""
    from skillframe.operations.anchors import MissingSource
    from skillframe.printable import printable

    text = printable(f"{error.where()}{error.worded(flag)}")
    if isinstance(error, MissingSource) and error.path is None:
        shown = shlex.quote(error.file) if error.file else "FILE"
        options = " ".join(f"--{k} {shlex.quote(v)}" for k, v in error.fields.items())
        text += f": skillframe source add {shown} {error.source} {options}"
    return "\n".join([text, *(printable(detail) for detail in error.details)])


def say_notes(notes: list[str]) -> None:
    """What the write itself did that the user should know (a hard link severed), on stderr."""
    for note in notes:
        typer.echo(f"skillframe: note: {note}", err=True)
