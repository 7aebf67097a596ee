"""The export command: frameworks -> Markdown, HTML, JSON, CASE or CSV."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from skillframe.errors import SkillframeError

if TYPE_CHECKING:
    from skillframe.model import Framework


class ExportFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"
    case = "case"
    csv = "csv"


#: File name endings that say which format a file holds (.json may be JSON or CASE).
_SUFFIXES = {
    ".md": ("md",),
    ".markdown": ("md",),
    ".html": ("html",),
    ".htm": ("html",),
    ".json": ("json", "case"),
    ".csv": ("csv",),
}


def framework_files(paths: list[Path]) -> list[Path]:
    """The framework files named by ``paths``: files as given, folders searched.

    In a folder, source registries and taxonomies are passed over; a file that is not
    readable as any kind of skillframe file is an error, not skipped.
    """
    from skillframe.collection import display_path, expand
    from skillframe.load import load_path

    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        files = [f for f in expand([given]) if f.resolve() not in seen]
        seen.update(f.resolve() for f in files)
        if not given.is_dir():
            found.extend(files)
            continue
        for file in files:
            doc = load_path(file, display_path(file))
            if doc.kind == "framework":
                found.append(file)
            elif doc.kind is None:
                problem = doc.problems[0] if doc.problems else None
                raise SkillframeError(
                    problem.message if problem else "not a skillframe file",
                    path=display_path(file),
                    line=problem.line if problem else None,
                    column=problem.column if problem else None,
                    exit_code=1,
                )
    if not found:
        shown = ", ".join(str(p) for p in paths)
        raise SkillframeError(f"no framework file in {shown}")
    return found


def case_timestamp(value: str | None) -> str:
    """--timestamp, else SOURCE_DATE_EPOCH, else the fixed default (never the clock unasked)."""
    from datetime import datetime, timezone

    from skillframe.export import case

    if value is not None:
        if value.strip().lower() == "now":
            return datetime.now(timezone.utc).isoformat(timespec="seconds")
        return case.timestamp(value)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return case.epoch_timestamp(epoch)
    return case.DEFAULT_TIMESTAMP


def export(
    paths: list[Path] = typer.Argument(
        ..., help="Framework files, or folders of frameworks.", show_default=False
    ),
    output_format: ExportFormat = typer.Option(
        ExportFormat.md,
        "--format",
        "-f",
        help="md (Markdown), html (one page for a browser), json, case (1EdTech CASE) or csv.",
    ),
    output_arg: str | None = typer.Option(
        None,
        "--output",
        "-o",
        help="A file (one framework) or a folder (one file per framework, named <id>.<ext>; "
        "for html also an index.html listing them). Without it, one framework is printed on "
        "stdout.",
        show_default=False,
    ),
    force: bool = typer.Option(
        False, "--force", help="Replace output files even if they are not earlier exports."
    ),
    timestamp: str | None = typer.Option(
        None,
        "--timestamp",
        help="CASE only: the lastChangeDateTime of every object, an ISO 8601 date or date-time, "
        "or 'now'. Default: SOURCE_DATE_EPOCH if set, else 1970-01-01T00:00:00+00:00, so the "
        "same framework always gives the same bytes.",
        show_default=False,
    ),
    creator: str | None = typer.Option(
        None,
        "--creator",
        help="CASE only: who promulgates the framework (the CFDocument's creator). "
        "Default: Unknown.",
        show_default=False,
    ),
    base_uri: str | None = typer.Option(
        None,
        "--base-uri",
        help="CASE only: the address the framework is published under on a CASE server; "
        "each object's uri becomes URL/CFItems/<identifier> (CFDocuments, CFAssociations, "
        "CFItemTypes likewise). Default: urn:uuid:<identifier>.",
        show_default=False,
        metavar="URL",
    ),
) -> None:
    """Export frameworks as Markdown or HTML for people, or JSON, CASE or CSV for machines.

    An HTML export is one self-contained page (no script, nothing loaded from elsewhere) that
    opens in any browser, prints cleanly and reads on a phone; exported into a folder, the
    pages come with an index.html that lists them with their coverage. The same framework
    always gives the same bytes. A framework whose structure is broken (a
    schema error, an id used twice, an undeclared level) is refused: fix what 'skillframe
    lint' reports first. An existing output file is replaced only when it is an earlier export
    of the same framework (for CSV, only when unchanged, since a CSV may hold edits made in a
    spreadsheet); --force replaces it anyway. Input files are never overwritten.

    Exit status: 0 when every file is written, 1 when a framework or an output file is
    refused, 2 for a usage error or an unreadable path.

    Examples:

        skillframe export frameworks/customs-border-protection-officers.yaml

        skillframe export frameworks/ --format md -o docs/frameworks/

        skillframe export frameworks/customs-border-protection-officers.yaml -f html -o cbp.html

        skillframe export frameworks/ --format html -o site/

        skillframe export frameworks/customs-border-protection-officers.yaml -f case --timestamp 2026-03-01 --creator "Curriculum Team" -o cbp.case.json

        skillframe export frameworks/customs-border-protection-officers.yaml -f case --base-uri https://case.example.org/ims/case/v1p0 -o cbp.case.json

        skillframe export frameworks/customs-border-protection-officers.yaml -f csv -o cbp.csv
    """
    from functools import partial

    from skillframe.collection import display_path
    from skillframe.commands.wording import say_notes
    from skillframe.export import formats, read_for_export
    from skillframe.output import plan, write

    chosen = formats()[output_format.value]
    render = chosen.render
    if output_format is ExportFormat.case:
        from skillframe.export import case

        render = partial(
            case.render,
            when=case_timestamp(timestamp),
            creator=creator if creator is not None else case.DEFAULT_CREATOR,
            base=case.base_uri(base_uri) if base_uri is not None else None,
        )
    elif timestamp is not None or creator is not None or base_uri is not None:
        raise SkillframeError("--timestamp, --creator and --base-uri apply to --format case only")

    files = framework_files(list(paths))
    output = Path(output_arg) if output_arg else None
    folder_mode = output is not None and (
        output.is_dir()
        or str(output_arg).endswith(("/", os.sep))
        or len(files) > 1
        or any(p.is_dir() for p in paths)
    )
    if output is None and len(files) > 1:
        raise SkillframeError(
            f"{len(files)} frameworks to export: give -o FOLDER to write one file for each"
        )
    if output is not None and not folder_mode:
        formats_here = _SUFFIXES.get(output.suffix.lower())
        if formats_here and output_format.value not in formats_here:
            raise SkillframeError(
                f"-o {output}: the name ends in {output.suffix} but --format is "
                f"{output_format.value} (give --format {formats_here[0]}, or another name)"
            )
    if folder_mode and output is not None and output.exists() and not output.is_dir():
        raise SkillframeError(f"-o {output}: a file, but a folder is needed for several frameworks")

    rendered = []
    ids: dict[str, Path] = {}
    site: list[tuple[Framework, str]] = []
    for file in files:
        fw = read_for_export(file)
        if folder_mode and output_format is ExportFormat.html and fw.id == "index":
            raise SkillframeError(
                "the framework id 'index' would export to index.html, the page that lists the "
                "frameworks: give the framework another id",
                path=display_path(file),
                exit_code=1,
            )
        if fw.id in ids and folder_mode:
            raise SkillframeError(
                f"two frameworks have the id '{fw.id}' ({display_path(ids[fw.id])} and "
                f"{display_path(file)}): their exports would have the same name",
                exit_code=1,
            )
        ids[fw.id] = file
        rendered.append((f"{fw.id}.{chosen.extension}", render(fw), chosen.ours_means))
        site.append((fw, f"{fw.id}.{chosen.extension}"))
    if folder_mode and output_format is ExportFormat.html:
        from skillframe.export import html

        index_means = "an index page written by skillframe export"
        rendered.append((html.INDEX, html.render_index(site), index_means))

    if output is None:
        sys.stdout.write(rendered[0][1])
        return
    protected = frozenset(p.resolve() for p in files)
    planned = [
        plan(
            output / name if folder_mode else output,
            text,
            force=force,
            ours=chosen.is_ours,
            refusal=f"and is not {means}: it is left as it is (use --force to replace it)",
            protected=protected,
        )
        for name, text, means in rendered
    ]
    for item in planned:
        if item.changed:
            say_notes(write(item.path, item.text))
        typer.echo(f"{'wrote' if item.changed else 'unchanged'} {item.path}", err=True)
