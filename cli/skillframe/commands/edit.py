"""Commands that edit frameworks: new, statement add|edit|rm|move|list|show, cite add|rm.

Every command that changes a file goes through :func:`skillframe.edit.apply`: the file is
locked, the edit is checked with the lint rules and refused (exit 1, the file unchanged) if it
would add an error, and written atomically. ``--dry-run`` prints the change as a unified diff
and writes nothing; ``--force`` writes an edit that adds errors, and lists them on stderr.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from skillframe.commands.check import ListFormat
from skillframe.errors import SkillframeError
from skillframe.printable import printable

statement_app = typer.Typer(
    help="Add, change, move, remove, list and show statements.", no_args_is_help=True
)
cite_app = typer.Typer(help="Add or remove a statement's citations.", no_args_is_help=True)


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
    from skillframe.edit import apply

    result = apply(path, operation, dry_run=dry_run, force=force, kinds=kinds, expected=expected)
    for d in result.notes:
        typer.echo(
            f"skillframe: note: {d.path}:{d.line}:{d.column}: {d.code} {d.message}", err=True
        )
    if result.new_errors:
        from skillframe.operations import plural

        verb = "would add" if dry_run else "added"
        typer.echo(
            f"skillframe: warning: --force: this edit {verb} "
            f"{plural(len(result.new_errors), 'error')} to {result.display}:",
            err=True,
        )
        for d in result.new_errors:
            typer.echo(f"  {d.path}:{d.line}:{d.column}: {d.code} {d.message}", err=True)
    if dry_run:
        sys.stdout.write(result.diff())
        if not result.changed:
            typer.echo("no change", err=True)
    elif not result.changed and not (explain_unchanged and result.message):
        typer.echo(f"no change to {result.display}", err=True)
    elif result.message:
        typer.echo(result.message)
    return result


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
    """True when a person can answer questions (stdin is a terminal)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask(value: str | None, option: str, question: str, choices: list[str] | None = None) -> str:
    """The value given, or (in a terminal) the answer to ``question``; with no terminal, a
    missing value is a usage error."""
    if value is not None and value.strip():
        return value
    if not interactive():
        raise SkillframeError(f"missing option '{option}' (there is no terminal to ask for it)")
    shown = f" ({', '.join(choices)})" if choices else ""
    while True:
        answer = str(typer.prompt(f"{question}{shown}", err=True)).strip()
        if answer:
            return answer


def _choices(path: Path) -> tuple[list[str], list[str]]:
    """Domain and level ids of a framework, to show when asking (empty if it cannot be read)."""
    from skillframe.load import load_path

    try:
        data = load_path(path).data
    except SkillframeError:
        return [], []
    from skillframe.operations import domains_of, level_ids

    domains = [d["id"] for _, d in domains_of(data) if isinstance(d.get("id"), str)]
    return domains, level_ids(data)


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


# -- new ----------------------------------------------------------------------------------------


def new(
    file: Path = typer.Argument(..., help="The framework file to create.", show_default=False),
    ident: str = typer.Option(..., "--id", help="The framework's id (a slug).", show_default=False),
    title: str = typer.Option(..., "--title", help="The framework's title.", show_default=False),
    taxonomy: str | None = typer.Option(
        None, "--taxonomy", help="A taxonomy whose domains are all scaffolded.", show_default=False
    ),
    levels: str = typer.Option(
        "foundational,intermediate,advanced,expert",
        "--levels",
        help="The levels, lowest first, separated by commas.",
    ),
    domains: str | None = typer.Option(
        None,
        "--domains",
        help="Domains to scaffold (besides the taxonomy's), separated by commas.",
        show_default=False,
    ),
    scope: str | None = typer.Option(
        None,
        "--scope",
        help="Who the framework is for and what work it covers.",
        show_default=False,
    ),
    soc: str | None = typer.Option(
        None,
        "--soc",
        help="The O*NET-SOC code of its occupation: the code and O*NET's title go under "
        "occupation:.",
        show_default=False,
    ),
    dry_run: bool = dry_run_option(),
    force: bool = typer.Option(False, "--force", help="Replace the file if it exists."),
) -> None:
    """Create a new framework with its levels and every domain scaffolded.

    The file gets every domain of the taxonomy (and of --domains), the levels, and comments
    that say what to fill in: statements in every domain, at every level.

    Examples:

        skillframe new frameworks/port-officers.yaml --id port-officers --title "Port officers" --taxonomy durable-skills

        skillframe new pilot.yaml --id pilot --title Pilot --levels foundational,expert --domains communication,fortitude

        skillframe new frameworks/nurses.yaml --id nurses --title "Registered nurses" --soc 29-1141.00 --taxonomy durable-skills
    """
    from skillframe.collection import display_path
    from skillframe.edit import locked, unified_diff, write_atomic
    from skillframe.operations import new_framework

    shown = display_path(file)
    text = new_framework(
        file,
        display=shown,
        ident=ident,
        title=title,
        taxonomy=taxonomy,
        levels=split_list([levels]),
        domains=split_list([domains] if domains else []),
        scope=scope,
        occupation=None if soc is None else _occupation(soc, file),
    )
    if dry_run:
        sys.stdout.write(unified_diff("", text, shown))
        return
    if not file.parent.is_dir():
        raise SkillframeError(f"the folder '{file.parent}' does not exist")
    with locked(file, shown):
        if file.exists() and not force:
            raise SkillframeError(f"'{shown}' already exists (--force replaces it)")
        write_atomic(file, text.encode("utf-8"), shown)
    typer.echo(f"created {shown}")


def _occupation(soc: str, file: Path) -> tuple[str, str]:
    """The code and O*NET's title of the occupation ``--soc`` names (one the configured tasks
    file lists counts too); a code that is no occupation is a usage error naming close ones."""
    from skillframe.config import discover
    from skillframe.onet import (
        SOC_PATTERN,
        closest_occupations,
        known_occupations,
        load_tasks,
    )

    code = soc.strip()
    if not SOC_PATTERN.match(code):
        raise SkillframeError(f"--soc '{soc}' is not an O*NET-SOC code (like 29-1141.00)")
    tasks = discover(file).onet_tasks
    known = known_occupations(load_tasks(tasks) if tasks is not None else None)
    if code not in known:
        raise SkillframeError(
            f"--soc '{code}' is not an O*NET occupation" + closest_occupations(known, code, 3)
        )
    return code, known[code]


# -- statements --------------------------------------------------------------------------------


@statement_app.command("add")
def statement_add(
    file: Path = file_argument(),
    domain: str | None = typer.Option(
        None, "--domain", help="The domain to add it to.", show_default=False
    ),
    level: str | None = typer.Option(None, "--level", help="Its level.", show_default=False),
    title: str | None = typer.Option(
        None, "--title", help="A short name, sentence case, no final period.", show_default=False
    ),
    text: str | None = typer.Option(
        None, "--text", help="The statement itself.", show_default=False
    ),
    cite: list[str] = typer.Option(
        None, "--cite", help="A source it cites; repeatable (or a,b).", show_default=False
    ),
    locator: list[str] = typer.Option(
        None,
        "--locator",
        help="Where in a cited source: SOURCE=LOCATOR; repeatable.",
        show_default=False,
    ),
    anchor: list[str] = typer.Option(
        None, "--anchor", help="An anchor it is based on; repeatable.", show_default=False
    ),
    ident: str | None = typer.Option(
        None, "--id", help="Its id (default: made from the title).", show_default=False
    ),
    after: str | None = place_option("--after", "statement"),
    before: str | None = place_option("--before", "statement"),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Add a statement and print its id.

    Without --after or --before, the statement goes into --domain after the last statement at
    its level or below (at the end if the domain is not in level order). The id is made from
    the title, made unique, unless --id is given. In a terminal, missing values are asked for;
    with no terminal they are a usage error (exit 2).

    Example:

        skillframe statement add frameworks/port-officers.yaml --domain communication --level foundational --title "Plain answers" --text "answers travelers' questions in plain language." --cite pathsmith --cite onet --locator onet="task 9450"
    """
    from skillframe.operations import add_statement

    if not (after or before):
        domains, _ = _choices(file) if interactive() else ([], [])
        domain = ask(domain, "--domain", "Domain", domains)
    _, levels = _choices(file) if interactive() and not level else ([], [])
    level = ask(level, "--level", "Level", levels)
    title = ask(title, "--title", "Title")
    text = ask(text, "--text", "Text")
    cites = split_list(cite) or split_list(
        [ask(None, "--cite", "Sources to cite (ids, comma-separated)")]
    )
    operation = add_statement(
        domain=domain,
        level=level,
        title=title,
        text=text,
        cites=cites,
        locators=parse_locators(locator),
        anchors=split_list(anchor),
        ident=ident,
        after=after,
        before=before,
    )
    run(file, operation, dry_run=dry_run, force=force)


@statement_app.command("edit")
def statement_edit(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The statement's id.", show_default=False),
    title: str | None = typer.Option(None, "--title", help="A new title.", show_default=False),
    text: str | None = typer.Option(None, "--text", help="A new text.", show_default=False),
    level: str | None = typer.Option(None, "--level", help="A new level.", show_default=False),
    domain: str | None = typer.Option(
        None, "--domain", help="Move it to this domain.", show_default=False
    ),
    new_id: str | None = typer.Option(None, "--id", help="A new id.", show_default=False),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Change a statement's title, text, level, domain or id.

    Only what is given changes; the text keeps its layout (a folded text is re-wrapped at the
    width of the file's other texts), so the diff shows only the changed lines.

    Example:

        skillframe statement edit frameworks/port-officers.yaml plain-answers --text "answers travelers' questions in plain words." --level intermediate
    """
    from skillframe.operations import edit_statement

    operation = edit_statement(
        ident, title=title, text=text, level=level, domain=domain, new_id=new_id
    )
    run(file, operation, dry_run=dry_run, force=force)


@statement_app.command("rm")
def statement_rm(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The statement's id.", show_default=False),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Remove a statement (the comments around it stay).

    Example:

        skillframe statement rm frameworks/port-officers.yaml plain-answers
    """
    from skillframe.operations import remove_statement

    run(file, remove_statement(ident), dry_run=dry_run, force=force)


@statement_app.command("move")
def statement_move(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The statement's id.", show_default=False),
    domain: str | None = typer.Option(
        None, "--domain", help="Move it to this domain (at its level's place).", show_default=False
    ),
    before: str | None = place_option("--before", "statement"),
    after: str | None = place_option("--after", "statement"),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Move a statement to another domain, or before or after another statement.

    Example:

        skillframe statement move frameworks/port-officers.yaml plain-answers --after scripted-questions
    """
    from skillframe.operations import move_statement

    run(
        file,
        move_statement(ident, domain=domain, before=before, after=after),
        dry_run=dry_run,
        force=force,
    )


def _read(file: Path) -> Any:
    from skillframe.collection import display_path
    from skillframe.edit import read_for_edit

    return read_for_edit(file, display_path(file), ("framework",))


def _rows(data: Any, domain: str | None, level: str | None, cites: str | None) -> list[Any]:
    from skillframe.operations import cited, statements_of

    rows = []
    for found in statements_of(data):
        s = found.statement
        if domain is not None and found.domain.get("id") != domain:
            continue
        if level is not None and s.get("level") != level:
            continue
        sources = [cited(c)[0] for c in (s.get("cite") or []) if isinstance(s.get("cite"), list)]
        if cites is not None and cites not in sources:
            continue
        rows.append((found, sources))
    return rows


@statement_app.command("list")
def statement_list(
    file: Path = file_argument("The framework file."),
    domain: str | None = typer.Option(
        None, "--domain", help="Only this domain's statements.", show_default=False
    ),
    level: str | None = typer.Option(
        None, "--level", help="Only statements at this level.", show_default=False
    ),
    cites: str | None = typer.Option(
        None, "--cites", help="Only statements citing this source.", show_default=False
    ),
    output_format: TableFormat = typer.Option(
        TableFormat.table, "--format", "-f", help="table or json."
    ),
) -> None:
    """List statements: id, domain, level, title and sources, in file order.

    Example:

        skillframe statement list frameworks/port-officers.yaml --level expert --cites onet
    """
    source = _read(file)
    rows = _rows(source.doc.data, domain, level, cites)
    if output_format is TableFormat.json:
        payload = [
            {
                "id": found.statement.get("id"),
                "domain": found.domain.get("id"),
                "level": found.statement.get("level"),
                "title": found.statement.get("title"),
                "cites": [s for s in sources if s],
            }
            for found, sources in rows
        ]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    table: list[tuple[str, ...]] = []
    current = None
    for found, sources in rows:
        if found.domain_index != current:
            current = found.domain_index
            table.append((str(found.domain.get("id")),))
        table.append(
            (
                f"  {found.statement.get('id')}",
                str(found.statement.get("level")),
                str(found.statement.get("title")),
                ", ".join(x for x in sources if x),
            )
        )
    print_table(("Domain / id", "Level", "Title", "Cites"), table, flexible="Title")
    from skillframe.operations import plural

    typer.echo(plural(len(rows), "statement"), err=True)


@statement_app.command("show")
def statement_show(
    file: Path = file_argument("The framework file."),
    ident: str = typer.Argument(..., help="The statement's id.", show_default=False),
    output_format: ListFormat = typer.Option(
        ListFormat.text, "--format", "-f", help="text or json."
    ),
) -> None:
    """Show one statement: where it is, its domain and level, its text and its citations.

    Example:

        skillframe statement show frameworks/port-officers.yaml plain-answers
    """
    from skillframe.operations import cited, find_statement

    source = _read(file)
    data = source.doc.data
    found = find_statement(data, ident)
    s = found.statement
    line, _ = source.doc.locate(found.at)
    levels = {
        lv.get("id"): lv.get("name") for lv in data.get("levels") or [] if isinstance(lv, dict)
    }
    cites = []
    for entry in s.get("cite") or []:
        cited_source, where = cited(entry)
        if cited_source:
            cites.append({"source": cited_source, "locator": where})
    if output_format is ListFormat.json:
        payload = {
            "id": s.get("id"),
            "path": source.display,
            "line": line,
            "domain": found.domain.get("id"),
            "level": s.get("level"),
            "title": s.get("title"),
            "text": s.get("text"),
            "cite": cites,
            "anchors": s.get("anchors") or [],
            "tags": s.get("tags") or [],
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    domain_name = found.domain.get("name")
    level_name = levels.get(s.get("level"))
    out = [
        f"{s.get('id')}  ({source.display}:{line})",
        f"  domain:  {found.domain.get('id')}" + (f" ({domain_name})" if domain_name else ""),
        f"  level:   {s.get('level')}" + (f" ({level_name})" if level_name else ""),
        f"  title:   {s.get('title')}",
        f"  text:    {s.get('text')}",
        "  cite:    "
        + "; ".join(
            f"{c['source']} ({c['locator']})" if c["locator"] else f"{c['source']}" for c in cites
        ),
    ]
    for key in ("anchors", "tags"):
        if isinstance(s.get(key), list) and s[key]:
            out.append(f"  {key}:{' ' * (8 - len(key))}" + ", ".join(map(str, s[key])))
    sys.stdout.write("".join(printable(line) + "\n" for line in out))


# -- citations ---------------------------------------------------------------------------------


@cite_app.command("add")
def cite_add(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The statement's id.", show_default=False),
    source: str = typer.Argument(..., help="The source to cite.", show_default=False),
    locator: str | None = typer.Option(
        None, "--locator", help="Where in the source (a task, page, section).", show_default=False
    ),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Add a citation to a statement (with a locator, in the long form).

    Example:

        skillframe cite add frameworks/port-officers.yaml plain-answers onet --locator "task 9450"
    """
    from skillframe.operations import add_citation

    run(file, add_citation(ident, source, locator), dry_run=dry_run, force=force)


@cite_app.command("rm")
def cite_rm(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The statement's id.", show_default=False),
    source: str = typer.Argument(..., help="The source to stop citing.", show_default=False),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Remove every citation of a source from a statement (refused if none would be left).

    Example:

        skillframe cite rm frameworks/port-officers.yaml plain-answers onet
    """
    from skillframe.operations import remove_citation

    run(file, remove_citation(ident, source), dry_run=dry_run, force=force)
