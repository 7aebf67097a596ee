"""The import commands: a CSV spreadsheet or a CASE package -> a framework file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from skillframe.errors import SkillframeError

app = typer.Typer(
    help="Make a framework file from a spreadsheet (CSV) or a 1EdTech CASE package.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The options both import commands share.
OUTPUT = typer.Option(
    None,
    "--output",
    "-o",
    help="The framework file to write. Without it the YAML is printed on stdout. An existing "
    "file is not replaced unless --force.",
    show_default=False,
)
FORCE = typer.Option(False, "--force", help="Replace the output file if it exists.")


def _option(flag: str, help_text: str) -> Any:
    """An optional text option with no default shown."""
    return typer.Option(None, flag, help=help_text, show_default=False)


def _read(path: Path) -> str:
    from skillframe.collection import display_path
    from skillframe.importers import decode
    from skillframe.load import MAX_DATA_BYTES, Problem, read_file

    shown = display_path(path)
    raw = read_file(path, shown, MAX_DATA_BYTES)
    if isinstance(raw, Problem):
        raise SkillframeError(raw.message, path=shown)
    return decode(raw, shown)


def _known_sources(output: Path | None) -> dict[str, Any]:
    """The shared sources the written file will resolve, as lint will resolve them."""
    from skillframe.collection import Resolver
    from skillframe.config import discover

    where = output if output is not None else Path.cwd() / "framework.yaml"
    return Resolver().shared_for(where, discover(where)).sources


def _finish(
    text: str,
    notes: list[str],
    output: Path | None,
    force: bool,
    inputs: list[Path],
    advice: str = "use --force to replace it",
    said: list[str] | None = None,
) -> None:
    """Write (or print) the imported framework, then tell the writer what to look at (and
    what ``said`` says the import changed). ``advice`` is what the refusal to write over an
    existing file suggests."""
    from skillframe.commands.wording import say_notes
    from skillframe.output import plan, write

    planned = None
    if output is not None:
        planned = plan(
            output,
            text,
            force=force,
            ours=lambda existing, new: False,
            refusal=f"and is left as it is ({advice})",
            protected=frozenset(p.resolve() for p in inputs),
        )
    for note in notes:
        shown = note if len(note) <= 300 else note[:299] + "…"
        typer.echo(f"skillframe: {shown}", err=True)
    for line in said or []:
        typer.echo(line if line.startswith(" ") else f"skillframe: {line}", err=True)
    if planned is None:
        sys.stdout.write(text.lstrip("\ufeff"))
        return
    if planned.changed:
        say_notes(write(planned.path, text))
    typer.echo(f"{'wrote' if planned.changed else 'unchanged'} {planned.path}", err=True)


def import_csv(
    file: Path = typer.Argument(..., help="The CSV file to read.", show_default=False),
    output: Path | None = OUTPUT,
    framework_id: str | None = _option(
        "--id",
        "The framework's id (default: the base's, else the CSV file's name).",
    ),
    title: str | None = _option(
        "--title",
        "The framework's title (default: the base's, else from the file name).",
    ),
    taxonomy: str | None = _option(
        "--taxonomy",
        "The id of a taxonomy whose domains the framework must cover.",
    ),
    scope: str | None = _option(
        "--scope",
        "What the framework covers (default: the base's).",
    ),
    levels: str | None = _option(
        "--levels",
        "The level ids in order, lowest first, comma-separated "
        "(default: the base's, else the usual four, else the order of first use).",
    ),
    base: Path | None = _option(
        "--base",
        "The framework the CSV was exported from: the result is that file changed only where "
        "the CSV differs from it (levels, anchors, sources, evidence, descriptions and comments "
        "stay as they are).",
    ),
    force: bool = FORCE,
) -> None:
    """Make a framework from a CSV of statements, one row each.

    The CSV's header names its columns: domain, level, title and text are needed, and
    domain_name, id, cite, anchors and tags are read when present (the header of 'skillframe
    export --format csv' is domain,domain_name,level,id,title,text,cite,anchors,tags). Lists
    are separated by ';' and a citation with a locator is written source=locator. A row
    without an id gets one from its title. A CSV exported by skillframe comes back with the
    same statements.

    With --base, the base file is changed only where the CSV differs from it, so 'git diff'
    shows just the edits made in the spreadsheet: a changed text, level or citation is changed
    in place, in the file's own style; a new row becomes a statement laid out like its
    neighbour; a row left out removes its statement; a row given another domain or place moves
    it. What changed is summed up on stderr, with any errors the changes bring.

    Sources and anchors the statements name but nothing defines are reported; run
    'skillframe lint' on the result. Exit status: 0 when the file is written, 1 for a CSV that
    cannot be read (the message names the row and column) or an output file that exists, 2
    for a usage error.

    Examples:

        skillframe import csv statements.csv -o frameworks/new-framework.yaml --title "New framework"

        skillframe import csv cbp.csv --base frameworks/cbp.yaml -o frameworks/cbp.yaml --force
    """
    from skillframe.collection import display_path
    from skillframe.importers.csv_import import import_csv as convert
    from skillframe.importers.csv_import import read_csv

    options: dict[str, Any] = {
        "path": display_path(file),
        "framework_id": framework_id,
        "title": title,
        "taxonomy": taxonomy,
        "scope": scope,
        "levels": [lv.strip() for lv in (levels or "").split(",") if lv.strip()],
        "known_sources": _known_sources(output),
    }
    if base is None:
        result = convert(_read(file), **options)
        advice = "use --force to replace it"
        if output is not None and output.is_file():
            advice += f"; to update it from the CSV, add --base {output}: a CSV has no levels, anchors or sources"
        _finish(result.text, result.notes, output, force, [file], advice)
        return
    source = _base(base)
    data, notes = read_csv(_read(file), base=source.doc.data, **options)
    from skillframe import spec

    if not any(spec.statements(data)) and any(spec.statements(source.doc.data)):
        raise SkillframeError(
            "the CSV has no statement rows: with --base that would remove every statement of "
            f"{source.display}, so nothing is written",
            path=options["path"],
            exit_code=1,
        )
    text, said = _onto(source, data, output, file.name)
    advice = "use --force to replace it"
    if output is not None and output.resolve() == source.path.resolve():
        advice = "use --force to update it where the CSV differs from it"
    _finish(text, notes, output, force, [file], advice, said)


def _base(base: Path) -> Any:
    """The --base framework, read as an edit reads the file it changes."""
    from skillframe.collection import display_path
    from skillframe.edit import read_for_edit
    from skillframe.load import load_path

    shown = display_path(base)
    doc = load_path(base, shown)
    if not doc.parsed or doc.kind != "framework":
        raise SkillframeError(
            "--base: not a framework file that can be read (see 'skillframe lint')",
            path=shown,
            exit_code=1,
        )
    return read_for_edit(base, shown, ("framework",))


def _onto(
    source: Any, data: dict[str, Any], output: Path | None, csv_name: str
) -> tuple[str, list[str]]:
    """The base file's text, changed where ``data`` (what the CSV makes of the base) differs
    from it and nowhere else; and what to tell the writer about the change."""
    from skillframe.collection import display_path
    from skillframe.edit import edit_text
    from skillframe.operations import plural
    from skillframe.reconcile import reconcile

    shown = display_path(output) if output is not None else source.display
    result = edit_text(source.doc.text, source.path, reconcile(data), display=shown, force=True)
    from skillframe.load import load_text

    written = load_text(result.after, shown)
    if written.problems:
        # The edit engine checks that what it writes means what the tree means; a file that
        # no longer reads at all is refused here even though the import writes past lint errors.
        problem = written.problems[0]
        raise SkillframeError(
            f"the updated framework would not read back ({problem.message}); nothing is "
            "written: please report this",
            path=shown,
            exit_code=1,
        )
    said = [f"changes from {csv_name}: {result.message}"] if result.message else []
    if result.new_errors:
        said.append(
            f"warning: the import adds {plural(len(result.new_errors), 'error')} to {shown} "
            "(it is written all the same; fix them in the CSV or the file):"
        )
        said += [f"  {d}" for d in result.new_errors]
    return ("\ufeff" if source.doc.bom else "") + result.after, said


def import_case(
    file: Path = typer.Argument(..., help="The CASE package (JSON) to read.", show_default=False),
    output: Path | None = OUTPUT,
    framework_id: str | None = _option(
        "--id",
        "The framework's id (default: the one a skillframe export recorded, "
        "else one made from the package's title).",
    ),
    force: bool = FORCE,
) -> None:
    """Make a framework from a 1EdTech CASE package (a CFPackage JSON file).

    The items directly below the document become domains and the items below those become
    statements; levels come from hasSkillLevel associations or item types, else one level
    'core' is declared. A package exported by skillframe comes back whole. Whatever has no
    place in a framework is reported, by JSON pointer, on stderr and in a comment at the top
    of the written file.

    Exit status: 0 when the file is written, 1 for a package that cannot be read (the message
    gives the JSON pointer) or an output file that exists, 2 for a usage error.

    Example:

        skillframe import case framework.case.json -o frameworks/imported.yaml
    """
    from skillframe.collection import display_path
    from skillframe.importers.case_import import import_case as convert

    result = convert(
        _read(file),
        path=display_path(file),
        framework_id=framework_id,
        known_sources=_known_sources(output),
    )
    _finish(result.text, result.notes, output, force, [file])


app.command("csv")(import_csv)
app.command("case")(import_case)
