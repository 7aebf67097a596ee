"""Exports of a framework: pure functions Framework -> text, one module a format.

``FORMATS`` maps each ``--format`` name to its renderer, the file name extension of its output
and the test for "an existing file is an earlier export of this framework" that decides whether
``export`` may replace it without ``--force``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from skillframe.errors import SkillframeError
from skillframe.model import Framework

if TYPE_CHECKING:
    from skillframe.config import Config
    from skillframe.load import Document

#: Problems that make an export unfaithful: an unreadable file, a broken structure (schema),
#: ids used twice (they name CASE objects) and statements at undeclared levels.
BLOCKING = ("SF0", "SF1", "SF301", "SF302")


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    render: Callable[[Framework], str]
    is_ours: Callable[[str, str], bool]
    #: What an existing file must be for ``export`` to replace it, in a refusal message.
    ours_means: str


def formats() -> dict[str, Format]:
    from skillframe.export import case, csv_export, html, json_export, markdown

    return {
        "md": Format(
            "md",
            "md",
            markdown.render,
            markdown.is_ours,
            "a Markdown export of this framework",
        ),
        "html": Format(
            "html",
            "html",
            html.render,
            html.is_ours,
            "an HTML export of this framework",
        ),
        "json": Format(
            "json",
            "json",
            json_export.render,
            json_export.is_ours,
            "a JSON export of this framework",
        ),
        "case": Format(
            "case",
            "case.json",
            case.render,
            case.is_ours,
            "a CASE export of this framework",
        ),
        "csv": Format(
            "csv",
            "csv",
            csv_export.render,
            csv_export.is_ours,
            "exactly the CSV this export writes (a CSV may hold edits made in a spreadsheet)",
        ),
    }


def read_for_export(path: Path, display: str | None = None) -> Framework:
    """The framework at ``path``, refused (exit 1) when its problems would make exports wrong.

    Problems that do not change what an export carries (an unknown source, a level a domain
    does not cover) are left to ``skillframe lint``.
    """
    from skillframe.model import read_framework

    return read_framework(path, display, check=_refuse_broken)


def _refuse_broken(doc: Document, path: Path, config: Config) -> None:
    # The configuration's ignore lists do not apply: these problems would make the export
    # itself wrong (two CASE objects with one identifier, say), whatever lint is told to show.
    from skillframe.collection import Resolver
    from skillframe.diagnostics import Severity
    from skillframe.lint import Selection, diagnose

    shared = Resolver().shared_for(path, config)
    errors = [
        d
        for d in diagnose(doc, shared, Selection(select=BLOCKING), settings=config.extra)
        if d.severity is Severity.ERROR
    ]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise SkillframeError(
            f"{first.code} {first.message}{more}: fix the framework before exporting it "
            f"(see 'skillframe lint {doc.path}')",
            path=doc.path,
            line=first.line,
            column=first.column,
            exit_code=1,
        )
