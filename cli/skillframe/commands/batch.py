"""The ``apply`` command: many editing commands on one file, loaded, checked and written once."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import typer

from skillframe.batch import Step
from skillframe.errors import UsageError

#: The editing commands a script may hold (``GROUP SUB``), the ones that change a file.
EDITS = (
    "framework edit",
    "statement add",
    "statement edit",
    "statement rm",
    "statement move",
    "cite add",
    "cite rm",
    "cite edit",
    "source add",
    "source edit",
    "source rm",
    "domain add",
    "domain rename",
    "domain edit",
    "domain rm",
    "level add",
    "level rename",
    "level edit",
    "level rm",
    "anchors import",
)


def apply(
    file: Path = typer.Argument(..., help="The file to edit.", show_default=False),
    script: str = typer.Argument(
        "-",
        help="A file of editing commands, one a line ('-', the default: read them from stdin).",
        show_default=False,
        metavar="[SCRIPT|-]",
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Print the change as a unified diff and write nothing."
    ),
    force: bool = typer.Option(
        False, "--force", help="Write the result even if it adds errors (they are listed)."
    ),
) -> None:
    """Apply many editing commands to one file at once: read once, checked once, written once.

    Each line of the script is an editing command written as after 'skillframe', without the
    file: its options and quoting as in a shell. Blank lines and lines starting with # are
    skipped. If any line fails, or the result would add an error (unless --force), nothing is
    written and the line is named. The commands a script may use: statement add|edit|rm|move,
    cite add|rm, source add, domain add|rename|rm, level add|rename|rm, anchors import.

    Example:

        skillframe apply frameworks/port-officers.yaml edits.txt

    where edits.txt holds lines such as:

        statement add --domain communication --level foundational --title "Plain answers" --text "answers travelers' questions in plain language." --cite pathsmith
    """
    from skillframe.batch import apply_steps
    from skillframe.collection import display_path
    from skillframe.commands.shared import report
    from skillframe.commands.wording import say_notes

    shown = display_path(file)
    steps = collect(file, _read_script(script))
    if not steps:
        raise UsageError("the script holds no editing command")
    done = apply_steps(file, steps, dry_run=dry_run, force=force, display=shown)
    say_notes(done.result.write_notes)
    report(done.result, dry_run)
    if not dry_run and done.result.changed:
        typer.echo(f"applied {len(steps)} edits to {shown}", err=True)


def _read_script(script: str) -> list[tuple[int, str]]:
    """The script's (line number, line) pairs that hold a command."""
    from skillframe.load import read_file

    if script == "-":
        text = sys.stdin.read()
    else:
        raw = read_file(Path(script), script, 10 * 1024 * 1024)
        if not isinstance(raw, bytes):
            raise UsageError(f"'{script}': {raw.message}")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError(f"'{script}' is not UTF-8 text") from None
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            out.append((number, stripped))
    return out


def collect(file: Path, lines: list[tuple[int, str]]) -> list[Step]:
    """Each line's editing command parsed by the command itself, its operation collected (not
    applied): the same options, checks and messages as on the command line."""
    from typer.main import get_command

    from skillframe.app import app
    from skillframe.commands.shared import collecting
    from skillframe.errors import SkillframeError

    root = get_command(app)
    steps: list[Step] = []
    for number, line in lines:
        try:
            words = shlex.split(line, comments=True)
        except ValueError as exc:
            raise UsageError(f"line {number}: {exc} (check its quotes)") from None
        name = " ".join(words[:2])
        if name not in EDITS:
            raise UsageError(
                f"line {number}: '{' '.join(words[:2])}' is not an editing command "
                f"(a script may use: {', '.join(EDITS)})"
            )
        if "--dry-run" in words[2:]:
            raise UsageError(
                f"line {number}: --dry-run is for the whole script: skillframe apply --dry-run"
            )
        argv = [*words[:2], str(file), *words[2:]]
        with collecting() as found:
            try:
                with root.make_context("skillframe", argv) as ctx:
                    type(root).__mro__[1].invoke(root, ctx)  # type: ignore[attr-defined]
            except SkillframeError as exc:
                exc.message = f"line {number}: {exc.message}"
                raise
            except typer.TyperException as exc:
                shown = getattr(exc, "format_message", None)
                message = shown() if callable(shown) else str(exc)
                raise UsageError(f"line {number}: {name}: {message}") from None
            except typer.Exit:
                raise UsageError(f"line {number}: '{line}' is not an edit to apply") from None
        steps.extend(
            Step(number, operation, kinds, expected) for operation, kinds, expected in found
        )
    return steps
