"""Commands that maintain what surrounds the statements: framework edit, level edit, domain
edit, source edit, source rm, cite edit. Each is an edit like ``statement edit``: --dry-run
shows the diff, an edit that would add an error is refused (the file unchanged), --force
writes it anyway and lists what it adds."""

from __future__ import annotations

from pathlib import Path

import typer

from skillframe.commands.edit import cite_app
from skillframe.commands.shared import dry_run_option, file_argument, force_option, run
from skillframe.commands.structure import domain_app, level_app, registry_argument, source_app

framework_app = typer.Typer(
    help="Set the framework's own facts: title, version, status, scope, occupation.",
    no_args_is_help=True,
)


def _text(flag: str, what: str) -> str | None:
    return typer.Option(None, flag, help=what, show_default=False)  # type: ignore[no-any-return]


@framework_app.command("edit")
def framework_edit(
    file: Path = file_argument(),
    title: str | None = _text("--title", "A new title."),
    version: str | None = _text("--version", 'A new version, such as "2026.2".'),
    status: str | None = _text("--status", "draft, published or deprecated."),
    scope: str | None = _text("--scope", "Who the framework is for and what work it covers."),
    occupation: str | None = _text("--occupation", "The occupation's title."),
    onet_soc: str | None = _text(
        "--onet-soc", "The occupation's O*NET-SOC code, such as 29-1141.00."
    ),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Set the framework's title, version, status, scope or occupation; the rest stays.

    A changed value keeps its quotes or folding (a folded scope is re-wrapped at the width of
    the file's other texts); a new one goes where the file format puts it.

    Example:

        skillframe framework edit frameworks/nurses.yaml --version 2026.2 --status published --occupation "Registered Nurses" --onet-soc 29-1141.00
    """
    from skillframe.upkeep import edit_framework

    operation = edit_framework(
        title=title,
        version=version,
        status=status,
        scope=scope,
        occupation=occupation,
        onet_soc=onet_soc,
    )
    run(file, operation, dry_run=dry_run, force=force)


def _entry_edit(
    kind: str,
    file: Path,
    ident: str,
    name: str | None,
    description: str | None,
    dry_run: bool,
    force: bool,
) -> None:
    from skillframe.upkeep import edit_entry

    operation = edit_entry(kind, ident, name=name, description=description)
    run(file, operation, dry_run=dry_run, force=force)


@level_app.command("edit")
def level_edit(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The level's id.", show_default=False),
    name: str | None = _text("--name", "Its new name, as readers see it."),
    description: str | None = _text("--description", "What mastery at this level means."),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Set a level's name or description (its id changes with 'level rename').

    Example:

        skillframe level edit frameworks/nurses.yaml foundational --description "Works under direct supervision."
    """
    _entry_edit("level", file, ident, name, description, dry_run, force)


@domain_app.command("edit")
def domain_edit(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The domain's id.", show_default=False),
    name: str | None = _text("--name", "Its new name, as readers see it."),
    description: str | None = _text("--description", "What the domain covers."),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Set a domain's name or description (its id changes with 'domain rename').

    Example:

        skillframe domain edit frameworks/nurses.yaml communication --name "Communication with patients"
    """
    _entry_edit("domain", file, ident, name, description, dry_run, force)


@source_app.command("edit")
def source_edit(
    registry: Path = registry_argument(),
    ident: str = typer.Argument(..., help="The source's id.", show_default=False),
    title: str | None = _text("--title", "Its full name."),
    source_type: str | None = _text(
        "--type", "dataset, framework, taxonomy, paper, report or website."
    ),
    publisher: str | None = _text("--publisher", "Who publishes it."),
    authors: list[str] = typer.Option(
        None,
        "--author",
        help="An author, written as it should appear (a comma inside stays); repeat for each. "
        "The list given replaces the old one.",
        show_default=False,
    ),
    year: int | None = typer.Option(None, "--year", help="Its year.", show_default=False),
    version: str | None = _text("--version", "Its version."),
    date: str | None = _text("--date", "YYYY, YYYY-MM or YYYY-MM-DD."),
    url: str | None = _text("--url", "Its address."),
    license_id: str | None = _text("--license", "An SPDX identifier."),
    description: str | None = _text("--description", "A sentence about it."),
    arxiv: str | None = _text("--arxiv", "Its arXiv identifier."),
    doi: str | None = _text("--doi", "Its DOI."),
    isbn: str | None = _text("--isbn", "Its ISBN."),
    unset: list[str] = typer.Option(
        None,
        "--unset",
        help="A field to remove, such as publisher; repeatable.",
        show_default=False,
    ),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Change a source's fields; what is not given stays.

    Example:

        skillframe source edit frameworks/sources.yaml benner --author "Benner, Patricia" --year 1984
    """
    from skillframe.upkeep import edit_source

    given = {
        "title": title,
        "type": source_type,
        "publisher": publisher,
        "authors": [a.strip() for a in authors or [] if a.strip()] or None,
        "year": year,
        "version": version,
        "date": date,
        "url": url,
        "license": license_id,
        "description": description,
        "identifiers": {k: v for k, v in (("arxiv", arxiv), ("doi", doi), ("isbn", isbn)) if v}
        or None,
    }
    fields = {k: v for k, v in given.items() if v is not None}
    run(
        registry,
        edit_source(ident, fields, [u.strip() for u in unset or []]),
        dry_run=dry_run,
        force=force,
        kinds=("sources", "framework"),
    )


@source_app.command("rm")
def source_rm(
    registry: Path = registry_argument(),
    ident: str = typer.Argument(..., help="The source's id.", show_default=False),
    dry_run: bool = dry_run_option(),
    force: bool = force_option("Remove it even while statements cite it. "),
) -> None:
    """Remove a source; refused while a statement, anchor or evidence cites it, unless --force.

    For a shared sources file, every framework of the collection that resolves it is searched
    for citations.

    Example:

        skillframe source rm frameworks/sources.yaml wef-skills-taxonomy
    """
    from skillframe.upkeep import remove_source

    run(
        registry,
        remove_source(ident, force=force),
        dry_run=dry_run,
        force=force,
        kinds=("sources", "framework"),
    )


@cite_app.command("edit")
def cite_edit(
    file: Path = file_argument(),
    ident: str = typer.Argument(..., help="The statement's id.", show_default=False),
    source: str = typer.Argument(..., help="The cited source.", show_default=False),
    locator: str | None = _text(
        "--locator", 'Where in the source, such as "p. 405"; "" removes the locator.'
    ),
    note: str | None = _text("--note", "A note on the citation."),
    dry_run: bool = dry_run_option(),
    force: bool = force_option(),
) -> None:
    """Change where a statement's citation points in its source (its locator), or its note.

    Example:

        skillframe cite edit frameworks/nurses.yaml escalating-concerns benner --locator "p. 405"
    """
    from skillframe.upkeep import edit_citation

    run(
        file, edit_citation(ident, source, locator=locator, note=note), dry_run=dry_run, force=force
    )
