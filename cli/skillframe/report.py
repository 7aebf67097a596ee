"""Render lint results: text for people, json / github / sarif for machines.

Machine formats are plain strings written as they are; only the text format goes through rich,
and only for colour on a terminal (rich honours NO_COLOR). Nothing here wraps lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO

from skillframe import __version__
from skillframe.diagnostics import Severity
from skillframe.lint import LintResult

FORMATS = ("text", "json", "github", "sarif")


def as_json(result: LintResult) -> str:
    """Exactly the object the file format reference describes: files, diagnostics, summary."""
    payload = {
        "files": result.files,
        "diagnostics": [d.as_dict() for d in result.diagnostics],
        "summary": {"errors": result.errors, "warnings": result.warnings},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(result: LintResult) -> str:
    """GitHub Actions workflow commands: one annotation a diagnostic."""
    lines = []
    for d in result.diagnostics:
        command = "error" if d.severity is Severity.ERROR else "warning"
        lines.append(
            f"::{command} file={_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_escape_property(d.code)}::{_escape_data(d.message)}"
        )
    return "".join(line + "\n" for line in lines)


def as_sarif(result: LintResult) -> str:
    """SARIF 2.1.0, for code scanning."""
    from skillframe.rules import RULES

    codes = sorted({d.code for d in result.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        rule = RULES[code]
        rules.append(
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.doc.strip()},
                "help": {"text": f"skillframe explain {code}"},
                "defaultConfiguration": {"level": _sarif_level(rule.severity)},
            }
        )
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _sarif_level(d.severity),
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": Path(d.path).as_posix()},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        for d in result.diagnostics
    ]
    payload = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "skillframe",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/skillframe/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
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
        out.append((style, f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"))
        here = source(d.path, d.line)
        if here:
            gutter = f"{d.line:>5} | "
            shown = here.expandtabs(1)
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
