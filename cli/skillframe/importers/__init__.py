"""Importers: a CSV spreadsheet or a CASE package -> framework YAML text.

Each importer is a pure function of the input text and options that returns an
:class:`Imported`: the YAML text and notes for the writer (what could not be mapped, sources or
anchors the result refers to but does not define). Bad input raises SkillframeError (exit 1)
naming the CSV row and column or the JSON pointer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from skillframe import spec
from skillframe.errors import SkillframeError
from skillframe.spec import DEFAULT_LEVELS, in_order, is_slug, name_from_id, slugify

__all__ = ["DEFAULT_LEVELS", "Ids", "Imported", "in_order", "is_slug", "name_from_id", "slugify"]


@dataclass
class Imported:
    """What an importer made: the framework's YAML text, notes for the writer, and the data
    the text holds."""

    text: str
    notes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


class Ids:
    """Hands out ids unique within one namespace, adding -2, -3 ... to repeats."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)

    def claim(self, wanted: str) -> str:
        candidate = spec.unique_id(wanted, self.taken)
        self.taken.add(candidate)
        return candidate


def decode(raw: bytes, path: str) -> str:
    """UTF-8 text (a byte order mark dropped), or SkillframeError at the first bad byte."""
    from skillframe.load import Problem
    from skillframe.load import decode as decode_bytes

    decoded = decode_bytes(raw)
    if isinstance(decoded, Problem):
        message = decoded.message
        if "binary" in message:
            message = "this is a binary file, not a text file"
        raise SkillframeError(
            message, path=path, line=decoded.line, column=decoded.column, exit_code=1
        )
    return decoded[0]


def reference_notes(data: dict[str, object], known_sources: Collection[str]) -> list[str]:
    """Notes on citations and anchors the imported framework names but cannot resolve."""
    local = data.get("sources")
    known = set(known_sources) | (set(local) if isinstance(local, dict) else set())
    anchors = data.get("anchors")
    declared = (
        {a.get("id") for a in anchors if isinstance(a, dict)}
        if isinstance(anchors, list)
        else set()
    )
    missing_sources: dict[str, None] = {}
    missing_anchors: dict[str, None] = {}
    domains = data.get("domains")
    for domain in domains if isinstance(domains, list) else []:
        for statement in domain.get("statements", []) if isinstance(domain, dict) else []:
            for cite in statement.get("cite", []):
                source = cite if isinstance(cite, str) else cite.get("source")
                if isinstance(source, str) and source not in known:
                    missing_sources.setdefault(source, None)
            for anchor in statement.get("anchors", []):
                if anchor not in declared:
                    missing_anchors.setdefault(anchor, None)
    notes = []
    if missing_sources:
        notes.append(
            "cited sources that no registry here defines: "
            + ", ".join(missing_sources)
            + " (add them to the shared sources file or the framework's sources:)"
        )
    if missing_anchors:
        notes.append(
            "anchors the statements name but the framework does not declare: "
            + ", ".join(missing_anchors)
            + " (declare them under anchors:)"
        )
    return notes
