"""What the editing commands share: their options, running an operation and reporting it,
asking for what is missing, tables, and the formats of listings."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from skillframe.commands.wording import say_notes
from skillframe.errors import SkillframeError
from skillframe.printable import printable


class ListFormat(str, Enum):
    text = "text"
    json = "json"


class TableFormat(str, Enum):
    table = "table"
    json = "json"


def dry_run_option() -> Any:
    return typer.Option(
        False, "--dry-run", help="Print the change as a unified diff and write nothing."
    )


def force_option(extra: str = "") -> Any:
    return typer.Option(
        False,
        "--force",
        help=f"{extra}Write the edit even if it adds errors to the framework (they are listed).",
    )


def place_option(flag: str, what: str) -> Any:
    """``--before`` or ``--after``: where a new or moved item goes."""
    return typer.Option(None, flag, help=f"Place it {flag[2:]} this {what}.", show_default=False)


def file_argument(help_text: str = "The framework file to edit.") -> Any:
    return typer.Argument(..., help=help_text, show_default=False)


#: While a script is read (``skillframe apply``), the operations its lines make: collected,
#: not applied.
_COLLECTED: ContextVar[list[tuple[Any, tuple[str, ...], tuple[str, ...]]] | None] = ContextVar(
    "skillframe_collected", default=None
)


@contextmanager
def collecting() -> Iterator[list[tuple[Any, tuple[str, ...], tuple[str, ...]]]]:
    """Within the block, editing commands hand their operation (with the kinds of file it
    edits and the errors it expects) to the list yielded instead of applying it."""
    found: list[tuple[Any, tuple[str, ...], tuple[str, ...]]] = []
    token = _COLLECTED.set(found)
    try:
        yield found
    finally:
        _COLLECTED.reset(token)


def run(
    path: Path,
    operation: Any,
    *,
    dry_run: bool,
    force: bool = False,
    kinds: tuple[str, ...] = ("framework",),
    expected: tuple[str, ...] = (),
    explain_unchanged: bool = False,
) -> Any:
    """Apply an operation and report: the diff (dry run) or the operation's message; with
    --force, every error the edit adds, on stderr; the expected ones as notes. An edit that
    changes nothing says "no change", or (``explain_unchanged``) prints the operation's
    message, which then says why."""
    collected = _COLLECTED.get()
    if collected is not None:
        collected.append((operation, kinds, expected))
        return None
    from skillframe.edit import apply

    result = apply(path, operation, dry_run=dry_run, force=force, kinds=kinds, expected=expected)
    say_notes(result.write_notes)
    report(result, dry_run, explain_unchanged)
    return result


def create(path: Path, shown: str, text: str, *, dry_run: bool, force: bool, said: str) -> None:
    """Write a new file (``new``, a new sources file): the whole text as a diff with
    ``dry_run``; else through the one write transaction, refusing to replace a file that exists
    unless ``force``, then ``created FILE`` and what was ``said``."""
    from skillframe.edit import unified_diff
    from skillframe.transaction import refuse_replacing, transaction

    if dry_run:
        sys.stdout.write(unified_diff("", text, shown))
        return
    if not path.parent.is_dir():
        raise SkillframeError(f"the folder '{path.parent}' does not exist")
    with transaction(path, shown) as held:
        refuse_replacing(held, force)
        held.write(text.encode("utf-8"))
    say_notes(held.notes)
    typer.echo(f"created {shown}{': ' + said if said else ''}")


def report(result: Any, dry_run: bool, explain_unchanged: bool = False) -> None:
    """Tell what an edit did: notes and forced errors on stderr; the diff (dry run) or the
    edit's message on stdout."""
    for d in result.notes:
        typer.echo(f"skillframe: note: {d}", err=True)
    if result.new_errors:
        from skillframe.operations import plural

        verb = "would add" if dry_run else "added"
        typer.echo(
            f"skillframe: warning: --force: this edit {verb} "
            f"{plural(len(result.new_errors), 'error')} to {result.display}:",
            err=True,
        )
        for d in result.new_errors:
            typer.echo(f"  {d}", err=True)
    if dry_run:
        sys.stdout.write(result.diff())
        if not result.changed:
            typer.echo("no change", err=True)
    elif not result.changed and not (explain_unchanged and result.message):
        typer.echo(f"no change to {result.display}", err=True)
    elif result.message:
        typer.echo(result.message)


def print_table(columns: tuple[str, ...], rows: list[tuple[str, ...]], flexible: str) -> None:
    """A table on stdout. In a terminal it fits the width and the ``flexible`` column wraps;
    into a pipe or a file, every row stays on one line. A row of one value is a heading."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False)
    for index, column in enumerate(columns):
        if column == flexible:
            table.add_column(column, min_width=16, ratio=2)
        elif index == len(columns) - 1:
            table.add_column(column, min_width=9, ratio=1, overflow="fold")
        else:
            table.add_column(column, no_wrap=True)
    for row in rows:
        if len(row) == 1:
            table.add_row(Text(printable(row[0]), style="bold"))
        else:
            table.add_row(*(Text(printable(cell)) for cell in row))
    width = None if sys.stdout.isatty() else 100_000
    Console(highlight=False, width=width).print(table)


# -- asking for what is missing ----------------------------------------------------------------


def interactive() -> bool:
    """True when a person can answer questions (stdin is a terminal, and no script is read)."""
    if _COLLECTED.get() is not None:
        return False
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask(
    value: str | None,
    option: str,
    question: str,
    choices: list[str] | None = None,
    what: str = "value",
    many: bool = False,
) -> str:
    """The value given, or (in a terminal) the answer to ``question``; with no terminal, a
    missing value is a usage error.

    With ``choices`` (a closed set, listed in the question), an answer outside them is told at
    once and asked again, offering the closest choice as the default (Enter takes it): nothing
    typed before is lost. With ``many``, the answer is a comma-separated list, each checked."""
    if value is not None and value.strip():
        if not (choices and interactive()) or not _outside(value, choices, many):
            return value
        answer: str | None = value
    elif not interactive():
        raise SkillframeError(f"missing option '{option}' (there is no terminal to ask for it)")
    else:
        answer = None
    shown = f" ({', '.join(choices)})" if choices else ""
    suggestion: str | None = None
    while True:
        if answer is not None and choices:
            wrong = _outside(answer, choices, many)
            if not wrong:
                return answer
            from skillframe.operations import closest

            near = {word: closest(word, choices) for word in wrong}
            for word, guess in near.items():
                typer.echo(
                    f"no {what} '{word}'" + (f"; did you mean '{guess}'?" if guess else ""),
                    err=True,
                )
            parts = [p.strip() for p in answer.split(",")] if many else [answer.strip()]
            suggestion = (
                ", ".join(near.get(part) or part for part in parts if part)
                if all(near.values())
                else None
            )
        elif answer is not None:
            return answer
        typed = typer.prompt(f"{question}{shown}", default=suggestion, err=True)
        answer = str(typed).strip() or None


def _outside(answer: str, choices: list[str], many: bool) -> list[str]:
    """The words of ``answer`` (one, or comma-separated with ``many``) not among ``choices``."""
    words = [w.strip() for w in answer.split(",")] if many else [answer.strip()]
    return [w for w in words if w and w not in choices]


class Choices:
    """What a framework offers a prompt: its domain, level and citable source ids (empty if the
    file cannot be read: the edit itself then says why)."""

    def __init__(self, path: Path) -> None:
        from skillframe import spec
        from skillframe.load import load_path

        try:
            data = load_path(path).data
        except (OSError, SkillframeError):
            data = None
        data = data if isinstance(data, dict) else {}
        self.domains = spec.domain_ids(data)
        self.levels = spec.level_ids(data)
        self.sources = source_ids(path, data)


def source_ids(path: Path, data: Any) -> list[str]:
    """The ids a framework may cite: the shared registry's, its own, and any it cites."""
    from skillframe.collection import Resolver
    from skillframe.config import discover
    from skillframe.operations import cited, statements_of

    try:
        known = set(Resolver().shared_for(path, discover(path)).sources)
    except SkillframeError:
        known = set()
    own = data.get("sources") if isinstance(data, dict) else None
    known.update(str(key) for key in (own if isinstance(own, dict) else ()))
    for found in statements_of(data):
        entries = found.statement.get("cite")
        known.update(cited(c)[0] or "" for c in entries if isinstance(entries, list))
    return sorted(known - {""})


def split_list(values: list[str] | None) -> list[str]:
    """Values given as repeated options and/or separated by commas."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def parse_locators(values: list[str] | None) -> dict[str, str]:
    locators: dict[str, str] = {}
    for value in values or []:
        source, sep, locator = value.partition("=")
        if not sep or not source.strip() or not locator.strip():
            raise SkillframeError(
                f"--locator '{value}' must be SOURCE=LOCATOR, such as onet='task 9450'"
            )
        locators[source.strip()] = locator.strip()
    return locators
