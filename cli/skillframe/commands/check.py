"""Commands that check files and explain the checks: lint, rules, explain, schema."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

from skillframe.commands.shared import ListFormat
from skillframe.errors import SkillframeError


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class SchemaName(str, Enum):
    framework = "framework"
    sources = "sources"
    taxonomy = "taxonomy"
    export = "export"


def default_paths() -> list[Path]:
    """With no path given: the configured collection's ``paths``, else its root, else here."""
    from skillframe.config import discover

    config = discover(Path.cwd())
    if config.paths:
        return list(config.paths)
    if config.root is not None:
        return [config.root]
    return [Path(".")]


def lint(
    paths: list[Path] = typer.Argument(
        None,
        help="Files or folders to check (default: the configured collection).",
        show_default=False,
    ),
    output_format: LintFormat = typer.Option(
        LintFormat.text, "--format", "-f", help="text, json, github (annotations) or sarif."
    ),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail the run too (exit 1)."),
    select: list[str] = typer.Option(
        None,
        "--select",
        help="Run only these rule codes or families (SF2, SF201); repeatable.",
        show_default=False,
    ),
    ignore: list[str] = typer.Option(
        None, "--ignore", help="Skip these rule codes or families; repeatable.", show_default=False
    ),
    jobs: int = typer.Option(
        0, "--jobs", "-j", help="Processes to use for many files (0: one per core).", min=0
    ),
    collection: bool = typer.Option(
        False,
        "--collection",
        help="Also compare statements across all the frameworks checked: a near-duplicate "
        "(SF503) is reported in the later file, naming the earlier one.",
    ),
    hook: bool = typer.Option(
        False,
        "--hook",
        help="The files are named by a pre-commit hook: the configuration's exclude applies "
        "to them too, and a named YAML file that is not a skillframe file (no 'schema: "
        "skillframe/...', outside the configured paths) is skipped instead of reported.",
    ),
    fix: bool = typer.Option(
        False,
        "--fix",
        help="First apply every fix whose result is certain (a title's final period or Title "
        "Case, stray spaces, statements out of level order: the rules marked 'safe' in "
        "'skillframe rules'), each reported on stderr; then report what is left.",
    ),
) -> None:
    """Check frameworks, source registries and taxonomies, and report every problem.

    Each problem is printed as path:line:column: CODE message, with the offending line.
    Naming a sources or taxonomy file also checks the frameworks that use it.
    Exit status: 0 when there is no error (warnings allowed unless --strict), 1 when any
    error is found, 2 for a usage error or an unreadable path.

    Examples:

        skillframe lint

        skillframe lint frameworks/customs-border-protection-officers.yaml

        skillframe lint --format github --strict frameworks/

        skillframe lint --collection --select SF503 frameworks/

        skillframe lint --fix frameworks/

        skillframe lint --hook frameworks/sources.yaml .pre-commit-config.yaml
    """
    from skillframe import report
    from skillframe.codes import check_codes
    from skillframe.commands.progress import might_show, tracker
    from skillframe.lint import lint_paths

    chosen = list(paths) if paths else default_paths()
    selected = check_codes(select or [], "--select")
    ignored = check_codes(ignore or [], "--ignore")
    if fix:
        from skillframe.fixing import describe, fix_paths

        for line in describe(fix_paths(chosen, selected, ignored)):
            typer.echo(line, err=True)
    machine = output_format is not LintFormat.text
    total = len(chosen)
    if might_show(machine):
        # Counting the files first gives the bar its length.
        from skillframe.collection import targets

        total = len(targets(chosen, hook))
    with tracker(total, "Linting", machine) as advance:
        result = lint_paths(
            chosen,
            select=selected,
            ignore=ignored,
            jobs=jobs or None,
            progress=advance,
            collection=collection,
            hook=hook,
        )
    report.write(result, output_format.value, sys.stdout)
    raise typer.Exit(result.exit_code(strict))


def rules(
    output_format: ListFormat = typer.Option(
        ListFormat.text, "--format", "-f", help="text or json."
    ),
) -> None:
    """List every rule: its code, name, default severity, its fix and what it checks.

    A rule marked "safe" offers a fix whose result is certain; 'skillframe lint --fix'
    applies those.

    Example:

        skillframe rules
    """
    from skillframe.rules import RULES

    if output_format is ListFormat.json:
        payload = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fix": r.fix,
                "summary": r.summary,
            }
            for r in RULES.values()
        ]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Fix", no_wrap=True)
    table.add_column("Checks")
    for r in RULES.values():
        colour = "red" if r.severity.value == "error" else "yellow"
        table.add_row(r.code, r.name, f"[{colour}]{r.severity.value}[/]", r.fix or "", r.summary)
    Console(highlight=False).print(table)


def explain(
    code: str = typer.Argument(..., help="A rule code such as SF201, or a rule name."),
) -> None:
    """Show a rule's documentation, with an example that fails and one that passes.

    The text is the rule's entry in the rule reference (docs/rules.md), in Markdown.

    Example:

        skillframe explain SF201
    """
    from skillframe.ruledoc import entry
    from skillframe.rules import RULES

    wanted = code.strip()
    rule = RULES.get(wanted.upper()) or next(
        (r for r in RULES.values() if r.name == wanted.lower()), None
    )
    if rule is None:
        import difflib

        close = difflib.get_close_matches(wanted.upper(), list(RULES), n=1)
        hint = f"; did you mean {close[0]}?" if close else " (see 'skillframe rules')"
        raise SkillframeError(f"no rule '{wanted}'{hint}")
    text = entry(rule)
    if sys.stdout.isatty():
        # At a terminal the Markdown is drawn (headings, code blocks, no escapes); in a pipe it
        # is printed as the page has it.
        from rich.console import Console
        from rich.markdown import Markdown

        Console(highlight=False).print(Markdown(text))
    else:
        sys.stdout.write(text)


def schema(
    name: SchemaName = typer.Argument(
        ..., help="framework, sources or taxonomy; or export (the JSON export's schema)."
    ),
) -> None:
    """Print a file kind's JSON Schema, for editors and other tools.

    Point the YAML language server at it with a first line such as
    "# yaml-language-server: $schema=../schemas/framework.schema.json".

    Example:

        skillframe schema framework > framework.schema.json
    """
    from skillframe.schema import schema_text

    sys.stdout.write(schema_text(name.value))
