"""Figures about one framework: how many statements, where the gaps are, what it rests on.

``framework_stats(framework, diagnostics)`` is a pure function of a :class:`Framework` (and the
lint diagnostics of its file, counted by rule); it returns plain data that the ``stats`` command
renders as a table, JSON or Markdown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from skillframe.diagnostics import Diagnostic
from skillframe.exposure import ExposureTable, as_json, exposure_table
from skillframe.model import Framework

#: The keys of ``FrameworkStats.totals()``, in order.
TOTALS = (
    "statements",
    "domains",
    "levels",
    "cells",
    "gaps",
    "undeclared_level",
    "citations",
    "sources_cited",
    "anchors",
    "anchors_used",
    "errors",
    "warnings",
)


@dataclass(frozen=True)
class SourceUse:
    """How much of the framework cites one source."""

    id: str
    title: str | None  # None: the source is not in any registry the framework resolves
    citations: int  # citations of it in statements
    statements: int  # statements citing it at least once


@dataclass(frozen=True)
class AnchorUse:
    id: str
    text: str | None  # None: statements name an anchor the framework does not declare
    statements: int


@dataclass(frozen=True)
class RuleCount:
    code: str
    severity: str
    count: int


@dataclass(frozen=True)
class FrameworkStats:
    path: str
    id: str
    title: str
    #: (id, name) in the framework's order; ids are unique (a repeated id is counted once).
    levels: tuple[tuple[str, str], ...]
    domains: tuple[tuple[str, str], ...]
    #: domain id -> level id -> statements; every domain and every declared level is present.
    coverage: dict[str, dict[str, int]]
    statements: int
    #: Statements whose level is not one of the declared levels (not in the coverage).
    undeclared_level: int
    sources: tuple[SourceUse, ...]
    anchors: tuple[AnchorUse, ...]
    lint: tuple[RuleCount, ...]
    #: The exposure table worked out, when the framework has an exposure section.
    exposure: ExposureTable | None = None
    #: The fewest statements a cell should hold (the configuration's ``min-statements``).
    minimum: int = 1

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """(domain id, level id) of every empty cell of the coverage, row by row."""
        return [
            (domain, level)
            for domain, row in self.coverage.items()
            for level, count in row.items()
            if count == 0
        ]

    @property
    def thin(self) -> list[tuple[str, str]]:
        """(domain id, level id) of every cell holding some statements, but fewer than the
        minimum."""
        return [
            (domain, level)
            for domain, row in self.coverage.items()
            for level, count in row.items()
            if 0 < count < self.minimum
        ]

    def by_level(self) -> dict[str, int]:
        return {
            level: sum(row[level] for row in self.coverage.values()) for level, _ in self.levels
        }

    def by_domain(self) -> dict[str, int]:
        return {domain: sum(row.values()) for domain, row in self.coverage.items()}

    def totals(self) -> dict[str, int]:
        return {
            "statements": self.statements,
            "domains": len(self.domains),
            "levels": len(self.levels),
            "cells": len(self.domains) * len(self.levels),
            "gaps": len(self.gaps),
            "undeclared_level": self.undeclared_level,
            "citations": sum(s.citations for s in self.sources),
            "sources_cited": len(self.sources),
            "anchors": sum(1 for a in self.anchors if a.text is not None),
            "anchors_used": sum(1 for a in self.anchors if a.statements and a.text is not None),
            "errors": sum(r.count for r in self.lint if r.severity == "error"),
            "warnings": sum(r.count for r in self.lint if r.severity == "warning"),
        }

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of the ``stats`` command for one framework."""
        return {
            "path": self.path,
            "id": self.id,
            "title": self.title,
            "levels": [{"id": i, "name": n} for i, n in self.levels],
            "domains": [{"id": i, "name": n} for i, n in self.domains],
            "coverage": self.coverage,
            "gaps": [{"domain": d, "level": lv} for d, lv in self.gaps],
            "by_level": self.by_level(),
            "by_domain": self.by_domain(),
            "totals": self.totals(),
            "sources": {
                s.id: {"title": s.title, "citations": s.citations, "statements": s.statements}
                for s in self.sources
            },
            "anchors": {
                a.id: {"declared": a.text is not None, "statements": a.statements}
                for a in self.anchors
            },
            "lint": {r.code: {"severity": r.severity, "count": r.count} for r in self.lint},
            "exposure": as_json(self.exposure) if self.exposure is not None else None,
        }


def _unique(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for key, name in pairs:
        seen.setdefault(key, name)
    return tuple(seen.items())


def framework_stats(
    framework: Framework, diagnostics: Sequence[Diagnostic] = (), minimum: int = 1
) -> FrameworkStats:
    """The figures of ``framework``; ``diagnostics`` are its file's lint results, ``minimum``
    the fewest statements a domain should have at a level."""
    levels = _unique((lv.id, lv.name or lv.id) for lv in framework.levels)
    domains = _unique((d.id, d.name) for d in framework.domains)
    coverage = {domain: {level: 0 for level, _ in levels} for domain, _ in domains}
    undeclared = 0
    citations: Counter[str] = Counter()
    citing: Counter[str] = Counter()
    anchored: Counter[str] = Counter()
    statements = list(framework.statements())
    for statement in statements:
        row = coverage[statement.domain]
        if statement.level in row:
            row[statement.level] += 1
        else:
            undeclared += 1
        citations.update(c.source for c in statement.cite)
        citing.update({c.source for c in statement.cite})
        anchored.update(set(statement.anchors))
    sources = tuple(
        SourceUse(
            source,
            _title(framework, source),
            count,
            citing[source],
        )
        for source, count in sorted(citations.items(), key=lambda item: (-item[1], item[0]))
    )
    declared = {a.id: a.text for a in framework.anchors}
    anchors = tuple(
        AnchorUse(anchor, declared.get(anchor), anchored[anchor])
        for anchor in sorted(
            {*declared, *anchored}, key=lambda a: (-anchored[a], a not in declared, a)
        )
    )
    by_rule: dict[str, RuleCount] = {}
    for d in diagnostics:
        known = by_rule.get(d.code)
        by_rule[d.code] = RuleCount(d.code, d.severity.value, (known.count if known else 0) + 1)
    return FrameworkStats(
        path=framework.path,
        id=framework.id,
        title=framework.title,
        levels=levels,
        domains=domains,
        coverage=coverage,
        statements=len(statements),
        undeclared_level=undeclared,
        sources=sources,
        anchors=anchors,
        lint=tuple(by_rule[code] for code in sorted(by_rule)),
        exposure=exposure_table(framework),
        minimum=minimum,
    )


def _title(framework: Framework, source: str) -> str | None:
    entry = framework.sources.get(source)
    if entry is None:
        return None
    title = entry.get("title")
    return str(title) if isinstance(title, str) else source


def combined_totals(all_stats: Sequence[FrameworkStats]) -> dict[str, int]:
    """Every framework's totals added up, with the number of frameworks."""
    combined = dict.fromkeys(TOTALS, 0)
    for one in all_stats:
        for key, value in one.totals().items():
            combined[key] += value
    return {"frameworks": len(all_stats), **combined}
