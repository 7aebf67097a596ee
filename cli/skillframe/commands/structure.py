"""Commands that edit a framework's structure and its sources: domain, level and source."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from skillframe.commands.shared import (
    TableFormat,
    create,
    dry_run_option,
    file_argument,
    force_option,
    place_option,
    print_table,
    run,
)
from skillframe.errors import SkillframeError

domain_app = typer.Typer(help="Add, rename or remove a framework's domains.", no_args_is_help=True)
level_app = typer.Typer(help="Add, rename or remove a framework's levels.", no_args_is_help=True)
source_app = typer.Typer(help="Add sources to a registry, or list them.", no_args_is_help=True)

#: A new domain or level has no statements yet: the coverage rule's errors are its nature.
COVERAGE = ("SF303",)


def _name_option(what: str) -> Any:
    return typer.Option(
        None, "--name", help=f"The {what}'s name as readers see it.", show_default=False
    )


# -- domains -----------------------------------------------------------------------------------


@domain_app.command("add")
def domain_add(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The new domain's id.", show_default=False),
    name: str | None = _name_option("domain"),
    description: str | None = typer.Option(
        None, "--description", help="What the domain covers.", show_default=False
    ),
    before: str | None = place_option("--before", "domain"),
    after: str | None = place_option("--after", "domain"),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Add an empty domain (at the end, unless --before or --after).

    Without --name, the domain takes its name from the framework's taxonomy, or from its id.
    Until it has a statement at every level, lint reports the gap (SF303): that is noted, and
    does not refuse the edit.

    Example:

        skillframe domain add frameworks/port-officers.yaml customs-inspection --name "Customs inspection"
    """
    from skillframe.operations import add_domain

    operation = add_domain(ident, name=name, description=description, before=before, after=after)
    run(file, operation, dry_run=dry_run, force=force, expected=COVERAGE)


@domain_app.command("rename")
def domain_rename(
    file: Path = file_argument(),
    old: str = typer.Argument(..., help="The domain's id.", show_default=False),
    new: str = typer.Argument(..., help="Its new id.", show_default=False),
    name: str | None = _name_option("domain"),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Give a domain a new id (and, with --name, a new name).

    Example:

        skillframe domain rename frameworks/port-officers.yaml inspection customs-inspection
    """
    from skillframe.operations import rename_domain

    run(file, rename_domain(old, new, name=name), dry_run=dry_run, force=force)


@domain_app.command("rm")
def domain_rm(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The domain's id.", show_default=False),
    dry_run: bool = dry_run_option(),
    force: bool = force_option("Remove the domain's statements too. "),
) -> None:
    """Remove a domain; one that still holds statements is refused unless --force.

    Example:

        skillframe domain rm frameworks/port-officers.yaml customs-inspection
    """
    from skillframe.operations import remove_domain

    run(file, remove_domain(ident, force=force), dry_run=dry_run, force=force)


# -- levels ------------------------------------------------------------------------------------


@level_app.command("add")
def level_add(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The new level's id.", show_default=False),
    name: str | None = _name_option("level"),
    description: str | None = typer.Option(
        None, "--description", help="What a person at this level is like.", show_default=False
    ),
    before: str | None = place_option("--before", "level"),
    after: str | None = place_option("--after", "level"),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Add a level (the highest, unless --before or --after).

    A new level needs a statement in every domain: until they are added, lint reports the gaps
    (SF303); they are noted, and do not refuse the edit.

    Example:

        skillframe level add frameworks/port-officers.yaml proficient --after intermediate
    """
    from skillframe.operations import add_level

    operation = add_level(ident, name=name, description=description, before=before, after=after)
    run(file, operation, dry_run=dry_run, force=force, expected=COVERAGE)


@level_app.command("rename")
def level_rename(
    file: Path = file_argument(),
    old: str = typer.Argument(..., help="The level's id.", show_default=False),
    new: str = typer.Argument(..., help="Its new id.", show_default=False),
    name: str | None = _name_option("level"),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Give a level a new id (and, with --name, a new name); every statement at it follows.

    Example:

        skillframe level rename frameworks/port-officers.yaml expert master --name Master
    """
    from skillframe.operations import rename_level

    run(file, rename_level(old, new, name=name), dry_run=dry_run, force=force)


@level_app.command("rm")
def level_rm(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The level's id.", show_default=False),
    dry_run: bool = dry_run_option(),
    force: bool = force_option("Remove the statements at this level too. "),
) -> None:
    """Remove a level; one that statements still use is refused unless --force.

    Example:

        skillframe level rm frameworks/port-officers.yaml advanced
    """
    from skillframe.operations import remove_level

    run(file, remove_level(ident, force=force), dry_run=dry_run, force=force)


# -- sources -----------------------------------------------------------------------------------


def registry_argument() -> Any:
    return typer.Argument(
        ...,
        help="The sources file (or a framework, for a source of its own).",
        show_default=False,
    )


@source_app.command("add")
def source_add(
    registry: Path = registry_argument(),
    ident: str = typer.Argument(..., help="The id citations will use.", show_default=False),
    title: str = typer.Option(..., "--title", help="Its full name.", show_default=False),
    source_type: str = typer.Option(
        ...,
        "--type",
        help="dataset, framework, taxonomy, paper, report or website.",
        show_default=False,
    ),
    publisher: str | None = typer.Option(None, "--publisher", show_default=False),
    authors: list[str] = typer.Option(
        None,
        "--author",
        help="An author, written as it should appear (a comma inside stays); repeat for each.",
        show_default=False,
    ),
    year: int | None = typer.Option(None, "--year", show_default=False),
    version: str | None = typer.Option(None, "--version", show_default=False),
    date: str | None = typer.Option(
        None, "--date", help="YYYY, YYYY-MM or YYYY-MM-DD.", show_default=False
    ),
    url: str | None = typer.Option(None, "--url", show_default=False),
    license_id: str | None = typer.Option(
        None, "--license", help="An SPDX identifier.", show_default=False
    ),
    arxiv: str | None = typer.Option(None, "--arxiv", show_default=False),
    doi: str | None = typer.Option(None, "--doi", show_default=False),
    isbn: str | None = typer.Option(None, "--isbn", show_default=False),
    locator_pattern: str | None = typer.Option(
        None,
        "--locator-pattern",
        help="A regular expression every locator citing it must match.",
        show_default=False,
    ),
    locator_example: str | None = typer.Option(
        None, "--locator-example", help="A locator that matches the pattern.", show_default=False
    ),
    description: str | None = typer.Option(None, "--description", show_default=False),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Add a source to a registry; the type's required fields are checked as lint checks them.
    A sources file that does not exist yet is created.

    Example:

        skillframe source add frameworks/sources.yaml esco --title "ESCO classification" --type taxonomy --publisher "European Commission" --url "https://esco.ec.europa.eu"
    """
    from skillframe.operations import add_source

    if locator_example and not locator_pattern:
        raise SkillframeError("--locator-example needs --locator-pattern")
    identifiers = {"arxiv": arxiv, "doi": doi, "isbn": isbn}
    fields = {
        "title": title,
        "type": source_type,
        "publisher": publisher,
        "authors": [a.strip() for a in authors or [] if a.strip()],
        "year": year,
        "version": version,
        "date": date,
        "url": url,
        "license": license_id,
        "identifiers": {k: v for k, v in identifiers.items() if v},
        "locator": {"pattern": locator_pattern, "example": locator_example}
        if locator_pattern
        else None,
        "description": description,
    }
    if not registry.exists() and registry.suffix in (".yaml", ".yml"):
        _new_registry(registry, add_source(ident, fields), dry_run)
        return
    run(
        registry,
        add_source(ident, fields),
        dry_run=dry_run,
        force=force,
        kinds=("sources", "framework"),
    )


def _new_registry(path: Path, operation: Any, dry_run: bool) -> None:
    """Create the sources file ``path`` holding the source ``operation`` adds (checked as an
    edit is, written through the one write transaction)."""
    from skillframe.collection import display_path
    from skillframe.edit import edit_text

    result = edit_text("schema: skillframe/sources@1\n", path, operation, kinds=("sources",))
    shown = display_path(path)
    create(path, shown, result.after, dry_run=dry_run, force=False, said=result.message or "")


@source_app.command("list")
def source_list(
    path: Path = typer.Argument(
        None,
        help="A sources file, or a framework (its shared and own sources); default: the "
        "configured shared sources.",
        show_default=False,
    ),
    output_format: TableFormat = typer.Option(
        TableFormat.table, "--format", "-f", help="table or json."
    ),
) -> None:
    """List sources: id, type, title and the file that holds each.

    Example:

        skillframe source list frameworks/customs-border-protection-officers.yaml
    """
    from skillframe.registry import sources_for

    rows = sources_for(path)
    if output_format is TableFormat.json:
        payload = [{"id": i, "type": t, "title": title, "file": f} for i, t, title, f in rows]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    print_table(("Id", "Type", "Title", "File"), list(rows), flexible="Title")
    from skillframe.operations import plural

    typer.echo(plural(len(rows), "source"), err=True)
