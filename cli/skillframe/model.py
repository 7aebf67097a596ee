"""Typed, read-only views of a framework, for exports and reports.

``read_framework(path)`` loads a framework file with the lint loader, resolves its shared sources
the way lint does, and returns a :class:`Framework`. Malformed parts are skipped (lint reports
them); a file that cannot be read as a framework at all raises SkillframeError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillframe.errors import SkillframeError

if TYPE_CHECKING:
    from skillframe.config import Config
    from skillframe.load import Document


@dataclass(frozen=True)
class Level:
    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Citation:
    source: str
    locator: str | None = None
    note: str | None = None

    def label(self) -> str:
        """``source`` or ``source=locator``, the form used in CSV cells and summaries."""
        return f"{self.source}={self.locator}" if self.locator else self.source


@dataclass(frozen=True)
class Statement:
    id: str
    level: str
    title: str
    text: str
    domain: str
    cite: tuple[Citation, ...] = ()
    anchors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    description: str | None = None
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class Anchor:
    id: str
    source: str
    text: str
    locator: str | None = None


@dataclass(frozen=True)
class Evidence:
    id: str
    label: str
    value: Any
    unit: str | None = None
    range: tuple[Any, Any] | None = None
    cite: tuple[Citation, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class ExposureTask:
    weight: float
    likelihood: float
    anchor: str | None = None
    text: str | None = None
    contribution: float | None = None
    horizon: str | None = None

    @property
    def computed(self) -> float:
        """weight x likelihood / 100: the task's share of the exposure score."""
        return self.weight * self.likelihood / 100


@dataclass(frozen=True)
class Exposure:
    tasks: tuple[ExposureTask, ...]
    method: str | None = None
    cite: tuple[Citation, ...] = ()
    complete: bool = False
    score: float | None = None


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    scope: str
    path: str = ""
    version: str | None = None
    status: str | None = None
    occupation_title: str | None = None
    onet_soc: str | None = None
    taxonomy: str | None = None
    levels: tuple[Level, ...] = ()
    domains: tuple[Domain, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    exposure: Exposure | None = None
    #: Every source the framework can cite: shared ones overlaid by its own.
    sources: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: The ids of the sources the framework declares itself (under its own ``sources:``).
    local_sources: tuple[str, ...] = ()

    def statements(self) -> Iterator[Statement]:
        for domain in self.domains:
            yield from domain.statements

    def level(self, level_id: str) -> Level | None:
        return next((lv for lv in self.levels if lv.id == level_id), None)

    def anchor(self, anchor_id: str) -> Anchor | None:
        return next((a for a in self.anchors if a.id == anchor_id), None)


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in _list(value) if isinstance(item, dict)]


def citations(value: Any) -> tuple[Citation, ...]:
    out = []
    for item in _list(value):
        if isinstance(item, str):
            out.append(Citation(item))
        elif isinstance(item, dict) and isinstance(item.get("source"), str):
            out.append(
                Citation(item["source"], _text(item.get("locator")), _text(item.get("note")))
            )
    return tuple(out)


def _number(value: Any, default: float = 0.0) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return default


def framework_from(
    data: Any, shared_sources: Mapping[str, Any] | None = None, path: str = ""
) -> Framework:
    """A Framework view of plain framework data (as read by skillframe.load)."""
    if not isinstance(data, dict):
        raise SkillframeError("the file is not a framework", path=path or None)
    occupation = data.get("occupation") if isinstance(data.get("occupation"), dict) else {}
    assert isinstance(occupation, dict)
    domains = []
    for domain in _dicts(data.get("domains")):
        domain_id = _text(domain.get("id")) or ""
        statements = tuple(
            Statement(
                id=_text(s.get("id")) or "",
                level=_text(s.get("level")) or "",
                title=_text(s.get("title")) or "",
                text=_text(s.get("text")) or "",
                domain=domain_id,
                cite=citations(s.get("cite")),
                anchors=tuple(str(a) for a in _list(s.get("anchors")) if isinstance(a, str)),
                tags=tuple(str(t) for t in _list(s.get("tags")) if isinstance(t, str)),
            )
            for s in _dicts(domain.get("statements"))
        )
        domains.append(
            Domain(
                domain_id,
                _text(domain.get("name")) or domain_id,
                _text(domain.get("description")),
                statements,
            )
        )
    evidence = []
    for item in _dicts(data.get("evidence")):
        bounds = item.get("range")
        evidence.append(
            Evidence(
                id=_text(item.get("id")) or "",
                label=_text(item.get("label")) or "",
                value=item.get("value"),
                unit=_text(item.get("unit")),
                range=(bounds[0], bounds[1])
                if isinstance(bounds, list) and len(bounds) == 2
                else None,
                cite=citations(item.get("cite")),
                note=_text(item.get("note")),
            )
        )
    exposure = None
    raw_exposure = data.get("exposure")
    if isinstance(raw_exposure, dict):
        tasks = tuple(
            ExposureTask(
                weight=_number(t.get("weight")),
                likelihood=_number(t.get("likelihood")),
                anchor=_text(t.get("anchor")),
                text=_text(t.get("text")),
                contribution=_number(t["contribution"]) if "contribution" in t else None,
                horizon=_text(t.get("horizon")),
            )
            for t in _dicts(raw_exposure.get("tasks"))
        )
        score = raw_exposure.get("score")
        exposure = Exposure(
            tasks=tasks,
            method=_text(raw_exposure.get("method")),
            cite=citations(raw_exposure.get("cite")),
            complete=raw_exposure.get("complete") is True,
            score=_number(score) if score is not None else None,
        )
    sources: dict[str, Mapping[str, Any]] = {
        k: v for k, v in (shared_sources or {}).items() if isinstance(v, dict)
    }
    local = data.get("sources")
    own = {k: v for k, v in local.items() if isinstance(v, dict)} if isinstance(local, dict) else {}
    sources.update(own)
    return Framework(
        id=_text(data.get("id")) or "",
        title=_text(data.get("title")) or "",
        scope=_text(data.get("scope")) or "",
        path=path,
        version=_text(data.get("version")),
        status=_text(data.get("status")),
        occupation_title=_text(occupation.get("title")),
        onet_soc=_text(occupation.get("onet_soc")),
        taxonomy=_text(data.get("taxonomy")),
        levels=tuple(
            Level(
                _text(lv.get("id")) or "", _text(lv.get("name")) or "", _text(lv.get("description"))
            )
            for lv in _dicts(data.get("levels"))
        ),
        domains=tuple(domains),
        anchors=tuple(
            Anchor(
                _text(a.get("id")) or "",
                _text(a.get("source")) or "",
                _text(a.get("text")) or "",
                _text(a.get("locator")),
            )
            for a in _dicts(data.get("anchors"))
        ),
        evidence=tuple(evidence),
        exposure=exposure,
        sources=sources,
        local_sources=tuple(own),
    )


def read_framework(
    path: Path,
    display: str | None = None,
    check: Callable[[Document, Path, Config], None] | None = None,
) -> Framework:
    """Load, resolve and view the framework at ``path``.

    Raises SkillframeError (exit 1) when the file cannot be read as a framework, with the first
    reading problem's position. ``check``, when given, sees the loaded document first and may
    refuse it by raising SkillframeError.
    """
    from skillframe.collection import display_path, open_document
    from skillframe.config import discover

    shown = display if display is not None else display_path(path)
    config = discover(path)
    return view_document(open_document(path, shown, config.max_file_size), path, config, check)


def view_document(
    doc: Document,
    path: Path,
    config: Config | None = None,
    check: Callable[[Document, Path, Config], None] | None = None,
) -> Framework:
    """The Framework view of a loaded document, resolved as if it were the file at ``path``.

    ``doc`` may hold another version of that file (an older revision, say): the shared sources
    are those the file at ``path`` resolves today. Raises SkillframeError (exit 1) when the
    document cannot be read as a framework.
    """
    from skillframe.collection import Resolver
    from skillframe.config import discover

    if doc.problems and not doc.parsed:
        first = doc.problems[0]
        raise SkillframeError(
            first.message, path=doc.path, line=first.line, column=first.column, exit_code=1
        )
    if doc.kind != "framework":
        raise SkillframeError(
            "this is not a framework file (its schema: is not skillframe/framework@1)",
            path=doc.path,
            exit_code=1,
        )
    config = config or discover(path)
    if check is not None:
        check(doc, path, config)
    shared = Resolver().shared_for(path, config)
    return framework_from(doc.data, shared.sources, doc.path)
