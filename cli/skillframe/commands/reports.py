"""Reports for reviewers: stats (coverage, sources, anchors, lint by rule) and diff."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from skillframe.commands.check import default_paths
from skillframe.mdtext import md_text as _md
from skillframe.printable import printable

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from skillframe.diff import Change
    from skillframe.model import Framework
    from skillframe.stats import FrameworkStats


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


# -- stats -----------------------------------------------------------------------------------


def stats(
    paths: list[Path] = typer.Argument(
        None,
        help="Framework files, or folders to search for them (default: the configured collection).",
        show_default=False,
    ),
    output_format: ReportFormat = typer.Option(
        ReportFormat.text, "--format", "-f", help="text (tables), json or md (Markdown)."
    ),
) -> None:
    """Show each framework's figures: coverage, sources, anchors, lint findings.

    The coverage table counts the statements of every domain at every level:
    an empty cell (a domain with nothing at a level) is a gap, shown in red
    and listed under the table. Colour marks problems only: with
    min-statements = N in the configuration, a cell with fewer than N
    statements is shown in yellow. Then
    come the sources the statements cite, the anchors they use, and the lint
    findings of the file counted by rule. In a folder, source registries and
    taxonomies are passed over.

    Exit status: 0 when the figures are shown (gaps and findings included),
    1 when a file cannot be read as a framework, 2 for a usage error or an
    unreadable path.

    Examples:

        skillframe stats

        skillframe stats frameworks/customs-border-protection-officers.yaml

        skillframe stats --format json frameworks/ | jq '.frameworks[0].coverage'
    """
    from skillframe.stats import combined_totals

    found = _framework_stats(list(paths) if paths else default_paths())
    if output_format is ReportFormat.json:
        payload = {
            "frameworks": [one.as_dict() for one in found],
            "totals": combined_totals(found),
        }
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    elif output_format is ReportFormat.md:
        sys.stdout.write("\n".join(stats_markdown(one) for one in found))
    else:
        console = _console()
        for index, one in enumerate(found):
            if index:
                console.print()
            for part in stats_renderables(one, console.width):
                console.print(part)


def _framework_stats(paths: Sequence[Path]) -> list[FrameworkStats]:
    """Stats of every framework named: files as given, frameworks found in folders."""
    from skillframe.collection import display_path, expand, open_document
    from skillframe.config import discover
    from skillframe.lint import Linter
    from skillframe.model import view_document
    from skillframe.stats import framework_stats

    linter = Linter()
    found = []
    for given in paths:
        searched = given.is_dir()
        for file in expand([given]):
            config = discover(file)
            doc = open_document(file, display_path(file), config.max_file_size)
            if searched and doc.kind in ("sources", "taxonomy"):
                continue
            framework = view_document(doc, file, config)
            diagnostics = linter.lint_document(doc, file, config)
            found.append(framework_stats(framework, diagnostics, config.min_statements))
    if not found:
        from skillframe.errors import SkillframeError

        shown = ", ".join(str(p) for p in paths)
        raise SkillframeError(f"no framework file in {shown}")
    return found


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def _cell_style(count: int, minimum: int) -> str:
    """Colour marks a problem only: a gap, or fewer statements than the configured minimum. A
    cell that meets the requirement stays plain."""
    if count == 0:
        return "bold white on red"
    if count < minimum:
        return "black on yellow"
    return ""


def _legend(minimum: int) -> str:
    legend = "red: no statement (a gap)"
    if minimum > 1:
        legend += f" · yellow: fewer than {minimum} statements (min-statements)"
    return legend


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def gap_list(one: FrameworkStats, cells: list[tuple[str, str]] | None = None) -> str:
    """The empty cells (or the ``cells`` given), domain by domain: ``Mindfulness (Expert); AI at
    Work (Foundational)``."""
    levels = dict(one.levels)
    missing: dict[str, list[str]] = {}
    for domain, level in one.gaps if cells is None else cells:
        missing.setdefault(domain, []).append(levels[level])
    names = dict(one.domains)
    return "; ".join(f"{names[d]} ({', '.join(lv)})" for d, lv in missing.items())


def stats_headline(one: FrameworkStats) -> str:
    """One line of key figures under the framework's title."""
    gaps = len(one.gaps)
    parts = [
        _plural(one.statements, "statement"),
        f"{_plural(len(one.domains), 'domain')} × {_plural(len(one.levels), 'level')}",
        _plural(gaps, "gap") if gaps else "no gaps",
    ]
    if one.undeclared_level:
        parts.append(f"{one.undeclared_level} at an undeclared level")
    return " · ".join(parts)


def _table() -> Table:
    from rich import box
    from rich.table import Table

    return Table(box=box.SIMPLE_HEAD, show_edge=False)


def _heading(text: str) -> Text:
    from rich.text import Text

    return Text(text, style="bold")


def _number_column(table: Table, header: str) -> None:
    table.add_column(header, justify="right", no_wrap=True, min_width=len(header))


def _coverage_table(one: FrameworkStats) -> Table:
    """Domains down, levels across, statement counts in the cells; gaps in red."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.ROUNDED, show_footer=True)
    by_level = one.by_level()
    table.add_column("Domain", footer="All levels")
    for level, name in one.levels:
        table.add_column(
            printable(name),
            footer=str(by_level[level]),
            justify="right",
            no_wrap=True,
            min_width=3,
            overflow="ellipsis",
        )
    _number_column(table, "All")
    table.columns[-1].footer = str(one.statements - one.undeclared_level)
    for domain, name in one.domains:
        row = one.coverage[domain]
        cells = [Text(str(count), style=_cell_style(count, one.minimum)) for count in row.values()]
        table.add_row(Text(printable(name)), *cells, Text(str(sum(row.values())), style="bold"))
    return table


def _fit(table: Table, width: int, header: str) -> None:
    """Cut the column ``header`` (one line, an ellipsis) to what the others leave of ``width``."""
    from rich.cells import cell_len
    from rich.text import Text

    def cell_width(cell: object) -> int:
        return cell.cell_len if isinstance(cell, Text) else cell_len(str(cell))

    others = [c for c in table.columns if c.header != header]
    taken = sum(max(map(cell_width, [c.header, *c.cells])) for c in others)
    stretchy = next(c for c in table.columns if c.header == header)
    # Each column is padded by a space either side; a divider stands between two columns.
    columns = len(table.columns)
    stretchy.max_width = max(12, width - taken - 2 * columns - (columns - 1))


def stats_renderables(one: FrameworkStats, width: int = 80) -> list[RenderableType]:
    """The text report of one framework, as rich renderables printed one after another."""
    from rich.text import Text

    out: list[RenderableType] = [
        Text(printable(one.title or one.id), style="bold"),
        Text(printable(one.path), style="dim"),
        Text(stats_headline(one), style="red" if one.gaps else ""),
        Text(""),
    ]
    if one.domains and one.levels:
        out += [
            _heading("Coverage: statements by domain and level"),
            _coverage_table(one),
            Text(_legend(one.minimum), style="dim"),
        ]
    else:
        out.append(Text("No coverage to show: the framework has no domains or no levels."))
    if one.gaps:
        out.append(Text(printable(f"Gaps: {gap_list(one)}"), style="red"))
    if one.thin:
        shown = f"Fewer than {one.minimum} statements: {gap_list(one, one.thin)}"
        out.append(Text(printable(shown), style="yellow"))
    out.append(Text(""))

    if one.sources:
        sources = _table()
        sources.add_column("Source", no_wrap=True)
        sources.add_column("Title", overflow="ellipsis", no_wrap=True)
        _number_column(sources, "Citations")
        _number_column(sources, "Statements")
        for s in one.sources:
            title = (
                Text(printable(s.title))
                if s.title is not None
                else Text("not a known source", "red")
            )
            share = f"{s.statements} ({_percent(s.statements, one.statements)})"
            sources.add_row(Text(printable(s.id)), title, str(s.citations), share)
        _fit(sources, width, "Title")
        out += [_heading("Citations by source"), sources, Text("")]
    else:
        out += [Text("No statement cites a source.", style="yellow"), Text("")]

    if one.anchors:
        used = [a for a in one.anchors if a.statements and a.text is not None]
        declared = [a for a in one.anchors if a.text is not None]
        anchors = _table()
        anchors.add_column("Anchor", no_wrap=True, min_width=max(len(a.id) for a in one.anchors))
        _number_column(anchors, "Statements")
        anchors.add_column("Task", overflow="ellipsis", no_wrap=True)
        for a in one.anchors:
            if a.text is None:
                text = Text("not declared under anchors", style="red")
            else:
                text = Text(printable(" ".join(a.text.split())), style="dim")
            count = Text(str(a.statements), style="" if a.statements else "yellow")
            anchors.add_row(Text(printable(a.id)), count, text)
        _fit(anchors, width, "Task")
        out += [_heading(f"Anchors used: {len(used)} of {len(declared)}"), anchors, Text("")]
    else:
        out += [Text("No anchors declared or used."), Text("")]

    if one.exposure is not None:
        from skillframe.commands.evidence import exposure_heading, exposure_renderables

        out += [_heading(exposure_heading(one.exposure)), *exposure_renderables(one.exposure)]
        out.append(Text(""))

    if one.lint:
        from skillframe.rules import RULES

        findings = _table()
        findings.add_column("Rule", no_wrap=True)
        findings.add_column("Name")
        findings.add_column("Severity")
        _number_column(findings, "Count")
        for r in one.lint:
            colour = "red" if r.severity == "error" else "yellow"
            findings.add_row(
                r.code, RULES[r.code].name, Text(r.severity, style=colour), str(r.count)
            )
        out += [_heading("Lint findings by rule"), findings]
        out.append(Text(printable(f"Run 'skillframe lint {one.path}' to see where."), style="dim"))
    else:
        out.append(Text("Lint: no findings.", style="green"))
    return out


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def stats_markdown(one: FrameworkStats) -> str:
    """The Markdown report of one framework."""
    lines = [
        f"## {_md(one.title or one.id)}",
        "",
        f"`{printable(one.path)}` · {stats_headline(one)}",
        "",
    ]
    if one.domains and one.levels:
        by_level = one.by_level()
        lines.append("| Domain | " + " | ".join(_md(n) for _, n in one.levels) + " | All |")
        lines.append("|---|" + "---:|" * (len(one.levels) + 1))
        for domain, name in one.domains:
            row = one.coverage[domain]
            cells = [f"**{c}** ⚠" if c == 0 else str(c) for c in row.values()]
            lines.append(f"| {_md(name)} | " + " | ".join(cells) + f" | {sum(row.values())} |")
        total = one.statements - one.undeclared_level
        lines.append(
            "| **All** | " + " | ".join(f"**{n}**" for n in by_level.values()) + f" | **{total}** |"
        )
        lines.append("")
    if one.gaps:
        lines += [f"**Gaps:** {_md(gap_list(one))}", ""]
    if one.sources:
        lines += ["### Citations by source", "", "| Source | Title | Citations | Statements |"]
        lines.append("|---|---|---:|---:|")
        for s in one.sources:
            title = _md(s.title) if s.title is not None else "*not a known source*"
            share = f"{s.statements} ({_percent(s.statements, one.statements)})"
            lines.append(f"| `{printable(s.id)}` | {title} | {s.citations} | {share} |")
        lines.append("")
    if one.anchors:
        used = sum(1 for a in one.anchors if a.statements and a.text is not None)
        declared = sum(1 for a in one.anchors if a.text is not None)
        lines += [f"### Anchors used: {used} of {declared}", "", "| Anchor | Statements |"]
        lines.append("|---|---:|")
        for a in one.anchors:
            note = "" if a.text is not None else " (not declared)"
            lines.append(f"| `{printable(a.id)}`{note} | {a.statements} |")
        lines.append("")
    if one.exposure is not None:
        from skillframe.commands.evidence import exposure_heading
        from skillframe.exposure import markdown_table

        lines += [f"### {exposure_heading(one.exposure)}", "", markdown_table(one.exposure)]
    lines += ["### Lint findings by rule", ""]
    if one.lint:
        from skillframe.rules import RULES

        lines += ["| Rule | Name | Severity | Count |", "|---|---|---|---:|"]
        for r in one.lint:
            lines.append(f"| {r.code} | {RULES[r.code].name} | {r.severity} | {r.count} |")
    else:
        lines.append("No findings.")
    lines.append("")
    return "\n".join(lines)


# -- diff ------------------------------------------------------------------------------------


def diff(
    paths: list[Path] = typer.Argument(
        ..., help="OLD NEW: two framework files; or one FILE with --rev.", show_default=False
    ),
    rev: str = typer.Option(
        None,
        "--rev",
        "-r",
        help="Compare FILE with its version at this git revision (a commit, branch or tag).",
        show_default=False,
    ),
    output_format: ReportFormat = typer.Option(
        ReportFormat.text,
        "--format",
        "-f",
        help="text, json or md (Markdown, to post as a pull-request comment).",
    ),
    exit_code: bool = typer.Option(
        False, "--exit-code", help="Exit 1 when there are changes, 0 when there are none."
    ),
) -> None:
    """Show what changed between two versions of a framework, element by element.

    Lists statements added, removed, moved to another domain, re-levelled,
    reworded (with the words that changed), retitled and re-cited; levels and
    domains added, removed or renamed; the framework's title, version,
    status, scope, occupation and taxonomy; anchors, evidence, exposure and
    sources. Whitespace and the order of a statement's citations are not
    changes. With no change nothing is printed (json: an empty list).

    Exit status: 0, or with --exit-code 1 when something changed; 2 when a
    file cannot be read as a framework, for a bad revision or a usage error.

    Examples:

        skillframe diff old/cbp.yaml frameworks/cbp.yaml

        skillframe diff frameworks/cbp.yaml --rev origin/main -f md > diff.md

        skillframe diff frameworks/cbp.yaml --rev HEAD~1 --exit-code
    """
    from skillframe.diff import diff_frameworks
    from skillframe.errors import SkillframeError
    from skillframe.model import read_framework

    note = None
    try:
        if rev is not None:
            if len(paths) != 1:
                raise SkillframeError("with --rev, give one FILE (its old version comes from git)")
            from skillframe.diff import read_revision
            from skillframe.load import load_bytes
            from skillframe.model import view_document

            new = read_framework(paths[0])
            # A full commit hash is shortened in the report, as git shows it.
            shown_rev = rev[:12] if re.fullmatch(r"[0-9a-f]{40}", rev) else rev
            label = f"{shown_rev}:{new.path}"
            raw = read_revision(paths[0], rev, new.path)
            old = view_document(load_bytes(raw, label), paths[0])
        else:
            if len(paths) != 2:
                raise SkillframeError(
                    "give OLD and NEW, two framework files (or one FILE with --rev)"
                )
            from skillframe.diff import read_pair

            old, new, note = read_pair(paths[0], paths[1])
    except SkillframeError as exc:
        # Exit 1 is kept for "there are changes" (with --exit-code).
        exc.exit_code = 2
        raise
    if note:
        typer.echo(f"skillframe: note: {note}", err=True)
    changes = diff_frameworks(old, new)
    if output_format is ReportFormat.json:
        payload = {"changes": [c.as_dict() for c in changes]}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
    elif changes and output_format is ReportFormat.md:
        sys.stdout.write(diff_markdown(old, new, changes))
    elif changes:
        _print_indented(_console(), diff_text(old, new, changes))
    raise typer.Exit(1 if exit_code and changes else 0)


HEADINGS = {
    "framework": "Framework",
    "level": "Levels",
    "domain": "Domains",
    "statement": "Statements",
    "anchor": "Anchors",
    "evidence": "Evidence",
    "exposure": "Exposure",
    "source": "Sources",
}


def _shown(value: Any) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


#: A run of report text and what it is: plain, id, del / ins (words of a text), add / drop
#: (items of a list), old / new (a value before and after).
Piece = tuple[str, str]

#: The order changes are listed in under each heading.
KIND_ORDER = {"added": 0, "removed": 1, "changed": 2}


def _head(change: Change) -> list[Piece]:
    """The element's id, with where an added or removed statement sits, or a name or title."""
    head: list[Piece] = [("id", change.id)]
    value = change.value or {}
    if change.element == "statement" and change.change != "changed":
        head += [("plain", f": {value.get('title')} ("), ("id", str(value.get("domain")))]
        head += [("plain", ", "), ("id", str(value.get("level"))), ("plain", ")")]
    elif change.change != "changed":
        named = next((value[k] for k in ("name", "label", "title") if value.get(k)), None)
        if named is not None:
            head.append(("plain", f": {named}"))
    if change.old_id is not None:
        head += [("plain", " (was "), ("id", change.old_id), ("plain", ")")]
    return head


def _details(change: Change) -> list[tuple[str, list[Piece]]]:
    """(verb, pieces) for each changed field; a new id is shown in the head instead (``was``),
    but for the framework's own."""
    out: list[tuple[str, list[Piece]]] = []
    for (name, entry), verb in zip(change.fields.items(), change.what, strict=True):
        pieces: list[Piece] = []
        if name == "id" and change.old_id is not None:
            continue
        if "words" in entry:
            for op, words in entry["words"]:
                if pieces:
                    pieces.append(("plain", " "))
                pieces.append(({"-": "del", "+": "ins"}.get(op, "plain"), words))
        elif "added" in entry:
            for kind, items in (("add", entry["added"]), ("drop", entry["removed"])):
                for item in items:
                    pieces += [("plain", " ")] if pieces else []
                    pieces.append((kind, str(item)))
        elif name != "statements":  # a domain's new order of statements needs no detail
            pieces = [
                ("old", _shown(entry["old"])),
                ("plain", " → "),
                ("new", _shown(entry["new"])),
            ]
        out.append((verb, pieces))
    return out


def _grouped(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    """(element, its changes: added, then removed, then changed) for each element changed."""
    from skillframe.diff import ELEMENTS

    out = []
    for element in ELEMENTS:
        mine = [c for c in changes if c.element == element]
        if mine:
            out.append((element, sorted(mine, key=lambda c: KIND_ORDER[c.change])))
    return out


TEXT_STYLES = {
    "id": "",
    "del": "red strike",
    "ins": "green",
    "add": "green",
    "drop": "red",
    "old": "red",
    "new": "green",
    "plain": "",
}
TEXT_MARKS = {"del": "[-{}-]", "ins": "{{+{}+}}", "add": "+{}", "drop": "-{}"}
MD_MARKS = {"id": "`{}`", "del": "~~{}~~", "ins": "**{}**", "add": "+`{}`", "drop": "−`{}`"}
SIGNS = {"added": ("+ ", "green"), "removed": ("- ", "red"), "changed": ("~ ", "yellow")}


def _text_of(pieces: Sequence[Piece], start: str = "") -> Text:
    from rich.text import Text

    line = Text(start)
    for kind, text in pieces:
        shown = TEXT_MARKS.get(kind, "{}").format(printable(text))
        line.append(shown, style=TEXT_STYLES[kind])
    return line


def _md_of(pieces: Sequence[Piece]) -> str:
    out = []
    for kind, text in pieces:
        shown = text if kind in ("id", "add", "drop") else _md(text)
        out.append(MD_MARKS.get(kind, "{}").format(shown))
    return "".join(out)


def diff_text(old: Framework, new: Framework, changes: Sequence[Change]) -> list[tuple[int, Text]]:
    """The text report as (indent, line): a summary, then the changes under a heading per kind
    of element."""
    from rich.text import Text

    from skillframe.diff import summary

    out = [
        (0, Text(printable(f"{old.path} → {new.path}"), style="bold")),
        (0, Text("; ".join(summary(changes)))),
    ]
    for element, mine in _grouped(changes):
        out += [(0, Text("")), (0, Text(HEADINGS[element], style="bold underline"))]
        for change in mine:
            indent = 2
            if element != "framework":
                sign, style = SIGNS[change.change]
                head = _text_of(_head(change))
                head.stylize(style)
                out.append((0, Text(sign, style=style) + head))
                indent = 4
            for verb, pieces in _details(change):
                out.append((indent, _text_of(pieces, f"{verb}: " if pieces else verb)))
    return out


def _print_indented(console: Console, lines: Sequence[tuple[int, Text]]) -> None:
    """On a terminal, long lines wrap at word boundaries under their indent; elsewhere (a file,
    a pipe) each line is written whole, as ``git diff`` does."""
    from rich.padding import Padding
    from rich.text import Text

    for indent, line in lines:
        if console.is_terminal:
            console.print(Padding(line, (0, 0, 0, indent), expand=False))
        else:
            console.print(Text(" " * indent) + line, soft_wrap=True)


def diff_markdown(old: Framework, new: Framework, changes: Sequence[Change]) -> str:
    """The Markdown report, for a pull-request comment."""
    from skillframe.diff import summary

    title = new.title or old.title or new.id
    lines = [
        f"### Framework changes: {_md(title)}",
        "",
        f"`{old.path}` → `{new.path}`",
        "",
        "; ".join(_md(part) for part in summary(changes)),
    ]
    for element, mine in _grouped(changes):
        lines += ["", f"#### {HEADINGS[element]}", ""]
        for change in mine:
            details = [
                f"{verb}: {_md_of(pieces)}" if pieces else verb for verb, pieces in _details(change)
            ]
            if element == "framework":
                lines += [f"- {detail}" for detail in details]
                continue
            head = _md_of(_head(change))
            if change.change != "changed":
                head = f"**{change.change}** {head}"
            lines.append(f"- {head}" + (": " + "; ".join(details) if details else ""))
    # Values may hold line breaks or escape sequences: each line of the report stays one line.
    return "".join(printable(line) + "\n" for line in lines)
