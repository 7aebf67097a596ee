"""The ``fmt`` command: write files in the canonical layout."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from skillframe.errors import SkillframeError


def fmt(
    paths: list[Path] = typer.Argument(
        None,
        help="Files or folders to format (default: the configured collection).",
        show_default=False,
    ),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 if any file would change."
    ),
    diff: bool = typer.Option(
        False,
        "--diff",
        "--dry-run",
        help="Write nothing; print each change as a unified diff.",
    ),
    order: bool = typer.Option(
        False,
        "--order",
        help="Also put each domain's statements in level order (what SF511 asks for), each "
        "with the comment lines above it.",
    ),
) -> None:
    """Rewrite files in the one canonical layout (comments and meaning kept).

    Keys in the order of the file format, two-space indentation with list items indented under
    their key, text plain unless it needs quotes (codes, dates, versions, addresses and
    locators always in double quotes). Comments, blank lines, flow or block lists and folded
    texts are the writer's and stay. A second run changes nothing. With --order, statements
    also move into level order within their domain (nothing else about them changes).

    Exit status: 0 when all is well, 1 when --check finds a file to reformat or a file cannot
    be formatted (it is reported and left as it is), 2 for a usage error.

    Examples:

        skillframe fmt

        skillframe fmt --check frameworks/

        skillframe fmt --diff frameworks/port-officers.yaml

        skillframe fmt --order frameworks/
    """
    from skillframe.collection import display_path, expand
    from skillframe.commands.check import default_paths
    from skillframe.commands.wording import describe, say_notes
    from skillframe.edit import read_for_edit, unified_diff
    from skillframe.fmt import check_same_meaning, format_text
    from skillframe.operations import plural
    from skillframe.roundtrip import Style, encode
    from skillframe.transaction import transaction

    files = expand(list(paths) if paths else default_paths())
    changed = failed = 0
    for file in files:
        shown = display_path(file)
        try:
            with transaction(file, shown) as held:
                source = read_for_edit(file, shown, ("framework", "sources", "taxonomy"))
                before = source.doc.text
                after = format_text(before, str(source.doc.kind), source.doc.bom, order)
                if after == before:
                    continue
                check_same_meaning(before, after, shown, order)
                if diff:
                    sys.stdout.write(unified_diff(before, after, shown))
                elif check:
                    typer.echo(f"would reformat {shown}")
                else:
                    held.write(encode(after, Style(bom=source.doc.bom)))
                    typer.echo(f"reformatted {shown}")
                    say_notes(held.notes)
                # Counted once it is done: a file that could not be written is a failure only.
                changed += 1
        except SkillframeError as exc:
            failed += 1
            typer.echo(f"skillframe: error: {describe(exc)}", err=True)
    verb = "would be reformatted" if (check or diff) else "reformatted"
    unchanged = len(files) - changed - failed
    summary = f"{plural(changed, 'file')} {verb}, {unchanged} unchanged"
    if failed:
        summary += f", {failed} could not be formatted"
    typer.echo(summary, err=True)
    raise typer.Exit(1 if failed or (check and changed) else 0)
