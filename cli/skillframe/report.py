"""Render lint results: text for people, json / github / sarif for machines.

Machine formats are plain strings written as they are; only the text format goes through rich,
and only for colour on a terminal (rich honours NO_COLOR). Nothing here wraps lines.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from itertools import chain, cycle
from json.encoder import encode_basestring as _encode
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from skillframe import __version__
from skillframe.collection import repository_root
from skillframe.diagnostics import Diagnostic, Severity
from skillframe.lint import LintResult
from skillframe.rules.base import Rule

FORMATS = ("text", "json", "github", "sarif")


def as_json(result: LintResult) -> str:
    """Exactly the object the file format reference describes: files, diagnostics, summary.

    The text is what ``json.dumps(..., indent=2, ensure_ascii=False)`` writes, but the
    diagnostics' values are encoded all at once by json's C encoder: json's indenting encoder is
    pure Python, some 2.7 s for the 170,000 diagnostics of a large collection."""
    payload = {
        "files": result.files,
        "diagnostics": [],
        "summary": {"errors": result.errors, "warnings": result.warnings},
    }
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    if not result.diagnostics:
        return text + "\n"
    before, after = text.split('"diagnostics": []', 1)
    listed = _listed(result.diagnostics)
    return "".join((before, '"diagnostics": [\n', listed, "\n  ]", after, "\n"))


#: json's C encoder, with a line break between items: no encoded text or number holds one.
_VALUES = json.JSONEncoder(ensure_ascii=False, separators=("\n", ": "))
#: What closes a diagnostic's object and opens the next one, in the list of :func:`as_json`.
_NEXT = "\n    },\n    {\n"


def _listed(diagnostics: Sequence[Diagnostic]) -> str:
    """The items of the diagnostics' list as ``json.dumps(..., indent=2)`` writes them."""
    fields = [diagnostic.as_dict() for diagnostic in diagnostics]
    keys = list(fields[0])
    encoded = _VALUES.encode([value for field in fields for value in field.values()])
    openers = [f"{_NEXT}      {_encode(keys[0])}: "]
    openers += [f",\n      {_encode(key)}: " for key in keys[1:]]
    written = "".join(chain.from_iterable(zip(cycle(openers), encoded[1:-1].split("\n"))))
    return f"    {{\n{written[len(_NEXT) :]}\n    }}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class RepositoryPaths:
    """Paths as GitHub reads them: relative to the repository root, whatever the working folder.

    A diagnostic's path is relative to the working folder (or as given); code scanning and pull
    request annotations resolve paths from the top of the repository, so each path is rewritten
    relative to its file's repository root (the git top level, else the collection root, else
    the working folder). Roots are looked up once a folder.
    """

    def __init__(self) -> None:
        self._roots: dict[Path, Path] = {}
        self._paths: dict[str, tuple[Path, str | None]] = {}

    def __call__(self, shown: str) -> tuple[Path, str | None]:
        """The file's root and its path below it (None when it lies outside every root)."""
        known = self._paths.get(shown)
        if known is None:
            absolute = Path(os.path.abspath(shown))
            folder = absolute.parent.resolve()
            root = self._roots.get(folder)
            if root is None:
                root = self._roots[folder] = repository_root(folder) or Path.cwd().resolve()
            try:
                below: str | None = (folder / absolute.name).relative_to(root).as_posix()
            except ValueError:
                below = None
            known = self._paths[shown] = (root, below)
        return known

    def relative(self, shown: str) -> str:
        below = self(shown)[1]
        return below if below is not None else Path(os.path.abspath(shown)).as_posix()


def as_github(result: LintResult) -> str:
    """GitHub Actions workflow commands: one annotation a diagnostic, paths from the
    repository root."""
    lines = []
    paths = RepositoryPaths()
    for d in result.diagnostics:
        command = "error" if d.severity is Severity.ERROR else "warning"
        lines.append(
            f"::{command} file={_escape_property(paths.relative(d.path))},line={d.line},"
            f"col={d.column},title={_escape_property(d.code)}::{_escape_data(d.message)}"
        )
    return "".join(line + "\n" for line in lines)


#: The name of the repository root in SARIF (``originalUriBaseIds``); further roots, when files
#: from several repositories are linted at once, get a number after it.
SRCROOT = "SRCROOT"


def _uri(path: str) -> str:
    """A relative path as a URI reference: each segment percent-encoded (UTF-8)."""
    return quote(path, safe="/")


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    from skillframe import ruledoc

    entry: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": ruledoc.summary(rule)},
        "fullDescription": {"text": ruledoc.description(rule)},
        "help": {"text": ruledoc.plain_text(rule), "markdown": ruledoc.markdown(rule)},
        "defaultConfiguration": {"level": _sarif_level(rule.severity)},
    }
    uri = ruledoc.help_uri(rule)
    if uri is not None:
        entry["helpUri"] = uri
    return entry


def as_sarif(result: LintResult) -> str:
    """SARIF 2.1.0, for code scanning: paths relative to the repository root (``SRCROOT``),
    columns counted in Unicode code points, every rule with its documentation."""
    from skillframe import ruledoc
    from skillframe.rules import RULES

    codes = sorted({d.code for d in result.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    paths = RepositoryPaths()
    bases: dict[Path, str] = {}
    results = []
    for d in result.diagnostics:
        root, below = paths(d.path)
        if below is None:
            artifact = {"uri": Path(os.path.abspath(d.path)).as_uri()}
        else:
            if root not in bases:
                bases[root] = SRCROOT if not bases else f"{SRCROOT}{len(bases) + 1}"
            artifact = {"uri": _uri(below), "uriBaseId": bases[root]}
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": artifact,
                            "region": {"startLine": d.line, "startColumn": d.column},
                        }
                    }
                ],
            }
        )
    driver: dict[str, Any] = {
        "name": "skillframe",
        "version": __version__,
        "informationUri": ruledoc.repository_url() or "https://pypi.org/project/skillframe/",
        "rules": [_sarif_rule(RULES[code]) for code in codes],
    }
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if bases:
        run["originalUriBaseIds"] = {
            name: {"uri": root.as_uri() + "/"} for root, name in bases.items()
        }
    run["results"] = results
    run["columnKind"] = "unicodeCodePoints"
    payload = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _sarif_level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def summary(result: LintResult) -> str:
    """One line a writer reads at the end of a run."""
    files = f"{result.files} file{'s' if result.files != 1 else ''}"
    if not result.diagnostics:
        return f"All checks passed ({files})."
    parts = []
    if result.errors:
        parts.append(f"{result.errors} error{'s' if result.errors != 1 else ''}")
    if result.warnings:
        parts.append(f"{result.warnings} warning{'s' if result.warnings != 1 else ''}")
    return f"Found {' and '.join(parts)} in {files}."


def text_lines(result: LintResult, source: Callable[[str, int], str]) -> list[tuple[str, str]]:
    """The text report as (style, line) pairs; ``source(path, line)`` gives a file's line."""
    out: list[tuple[str, str]] = []
    for d in result.diagnostics:
        style = "red" if d.severity is Severity.ERROR else "yellow"
        out.append((style, str(d)))
        here = source(d.path, d.line)
        if here:
            gutter = f"{d.line:>5} | "
            # A tab shows as an arrow: as a space it would hide the very mistake SF003 reports,
            # and one character a tab keeps the caret under the reported column.
            shown = here.replace("\t", "→")
            out.append(("dim", gutter + shown))
            out.append(
                ("bold " + style, " " * (len(gutter) - 2) + "| " + " " * (d.column - 1) + "^")
            )
    if result.diagnostics:
        out.append(("", ""))
    out.append(("bold", summary(result)))
    return out


class SourceLines:
    """Reads a file's lines on demand for the text report. Diagnostics come file by file, so
    only the latest file's lines are kept: a report on a thousand files holds one file's text."""

    def __init__(self) -> None:
        self._path: str | None = None
        self._lines: list[str] = []

    def __call__(self, path: str, line: int) -> str:
        if path != self._path:
            self._path = path
            try:
                raw = Path(path).read_bytes()
                self._lines = raw.decode("utf-8-sig", "replace").splitlines()
            except OSError:
                self._lines = []
        lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else ""


def write(result: LintResult, fmt: str, stream: IO[str]) -> None:
    """Write ``result`` in ``fmt`` to ``stream``."""
    if fmt == "json":
        stream.write(as_json(result))
    elif fmt == "github":
        stream.write(as_github(result))
    elif fmt == "sarif":
        stream.write(as_sarif(result))
    else:
        _write_text(result, stream)


def _write_text(result: LintResult, stream: IO[str]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=True, emoji=False)
    for style, line in text_lines(result, SourceLines()):
        console.print(Text(line, style=style or ""))
