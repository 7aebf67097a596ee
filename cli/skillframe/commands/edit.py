"""Commands that edit frameworks: new, statement add|edit|rm|move|list|show, cite add|rm.

Every command that changes a file goes through :func:`skillframe.edit.apply`: the file is
locked, the edit is checked with the lint rules and refused (exit 1, the file unchanged) if it
would add an error, and written atomically. ``--dry-run`` prints the change as a unified diff
and writes nothing; ``--force`` writes an edit that adds errors, and lists them on stderr.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from skillframe.commands import shared
from skillframe.commands.shared import (
    Choices,
    ListFormat,
    TableFormat,
    ask,
    create,
    dry_run_option,
    file_argument,
    force_option,
    parse_locators,
    place_option,
    print_table,
    run,
    source_ids,
    split_list,
)
from skillframe.errors import SkillframeError
from skillframe.printable import printable

statement_app = typer.Typer(
    help="Add, change, move, remove, list and show statements.", no_args_is_help=True
)
cite_app = typer.Typer(help="Add or remove a statement's citations.", no_args_is_help=True)


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
    create(file, shown, text, dry_run=dry_run, force=force, said="")


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

    known = Choices(file) if shared.interactive() else None
    if not (after or before):
        domain = ask(domain, "--domain", "Domain", known.domains if known else None, "domain")
    level = ask(level, "--level", "Level", known.levels if known else None, "level")
    title = ask(title, "--title", "Title")
    text = ask(text, "--text", "Text")
    cites = split_list(
        [
            ask(
                ",".join(split_list(cite)) or None,
                "--cite",
                "Sources to cite, separated by commas",
                known.sources if known else None,
                "source",
                many=True,
            )
        ]
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
    line: int | None = typer.Option(
        None,
        "--line",
        min=1,
        help="When ID is used by more than one statement: the line of the one to change "
        "(give it its own id with --id).",
        show_default=False,
    ),
    add_tag: list[str] = typer.Option(
        None, "--add-tag", help="A tag to add; repeatable.", show_default=False
    ),
    remove_tag: list[str] = typer.Option(
        None, "--remove-tag", help="A tag to remove; repeatable.", show_default=False
    ),
    add_anchor: list[str] = typer.Option(
        None, "--add-anchor", help="An anchor to add; repeatable.", show_default=False
    ),
    remove_anchor: list[str] = typer.Option(
        None, "--remove-anchor", help="An anchor to remove; repeatable.", show_default=False
    ),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Change a statement's title, text, level, domain or id, and add or remove its tags and
    anchors.

    Only what is given changes; the text keeps its layout (a folded text is re-wrapped at the
    width of the file's other texts), so the diff shows only the changed lines. A list of tags
    or anchors emptied is removed.

    Example:

        skillframe statement edit frameworks/port-officers.yaml plain-answers --text "answers travelers' questions in plain words." --level intermediate
    """
    from skillframe.operations import edit_statement
    from skillframe.upkeep import edit_lists, together

    lists = {
        "add_tags": add_tag or [],
        "remove_tags": remove_tag or [],
        "add_anchors": add_anchor or [],
        "remove_anchors": remove_anchor or [],
    }
    changes = [title, text, level, domain, new_id]
    if not any(lists.values()) or any(v is not None for v in changes):
        operation = edit_statement(
            ident, title=title, text=text, level=level, domain=domain, new_id=new_id, line=line
        )
        if any(lists.values()):
            operation = together(edit_lists(ident, **lists), operation)
    else:
        operation = edit_lists(ident, **lists)
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


def _check_filters(
    file: Path, data: Any, domain: str | None, level: str | None, cites: str | None
) -> None:
    """A filter naming nothing the framework has is a usage error (a typo would otherwise print
    an empty list and look like an answer)."""
    from skillframe import spec
    from skillframe.operations import unknown

    if domain is not None:
        unknown("domain", domain, spec.domain_ids(data))
    if level is not None:
        unknown("level", level, spec.level_ids(data))
    if cites is not None:
        unknown("source", cites, source_ids(file, data))


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
    _check_filters(file, source.doc.data, domain, level, cites)
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
    found = find_statement(data, ident, lambda f: source.doc.locate(f.at)[0])
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
