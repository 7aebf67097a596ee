"""What the exporters share: source links and references, the order sources are first cited
in, the overview grid, the page anchors of statements and sources, numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from skillframe.model import Citation, Domain, Framework, Level, Statement
from skillframe.spec import is_slug

_HTTP = re.compile(r"^https?://[^\s<>\"]+$")


def http_link(value: Any) -> str | None:
    """The value when it is a plain http(s) address that is safe to print as a link."""
    return value if isinstance(value, str) and _HTTP.match(value) else None


def source_link(record: Mapping[str, Any] | None) -> str | None:
    """The best web address of a source: its url, else one built from its identifiers."""
    if not record:
        return None
    link = http_link(record.get("url"))
    if link:
        return link
    identifiers = record.get("identifiers")
    if not isinstance(identifiers, Mapping):
        return None
    link = http_link(identifiers.get("url"))
    if link:
        return link
    doi = identifiers.get("doi")
    if isinstance(doi, str) and doi.strip():
        return http_link("https://doi.org/" + doi.strip())
    arxiv = identifiers.get("arxiv")
    if isinstance(arxiv, str) and arxiv.strip():
        return http_link("https://arxiv.org/abs/" + arxiv.strip())
    return None


_IDENTIFIER_NAMES = {"arxiv": "arXiv", "doi": "DOI", "isbn": "ISBN"}


@dataclass(frozen=True)
class Reference:
    """A source's details as a bibliography shows them; every field is plain, unescaped text."""

    title: str
    authors: tuple[str, ...] = ()
    year: str | None = None
    publisher: str | None = None
    version: str | None = None
    date: str | None = None
    kind: str | None = None  # the source's type, capitalised: "Dataset"
    identifiers: tuple[tuple[str, str], ...] = ()  # (label, value): ("DOI", "10.1000/xyz")
    licence: str | None = None
    link: str | None = None


def reference(sid: str, record: Mapping[str, Any]) -> Reference:
    """The details of the source ``sid`` from its registry record, for a bibliography."""

    def text(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value is not None and str(value) else None

    authors = record.get("authors")
    identifiers = record.get("identifiers")
    kind = text("type")
    return Reference(
        title=text("title") or sid,
        authors=tuple(str(a) for a in authors) if isinstance(authors, list) else (),
        year=text("year"),
        publisher=text("publisher"),
        version=text("version"),
        date=text("date"),
        kind=kind.capitalize() if kind else None,
        identifiers=tuple(
            (_IDENTIFIER_NAMES.get(str(name), str(name)), str(identifiers[name]))
            for name in sorted(identifiers, key=str)
            if name != "url"
        )
        if isinstance(identifiers, Mapping)
        else (),
        licence=text("license"),
        link=source_link(record),
    )


def source_anchor(sid: str) -> str:
    """The page anchor of a source's bibliography entry (Markdown and HTML alike)."""
    return "source-" + fragment(sid)


def statement_anchor(sid: str) -> str:
    """The page anchor of a statement (Markdown and HTML alike)."""
    return "statement-" + fragment(sid)


def fragment(value: str) -> str:
    """An id as a safe, unique piece of a page anchor: a slug as it is, anything else spelled
    out in hexadecimal after an ``x--`` (a slug never holds ``--``, so the two never meet)."""
    return value if is_slug(value) else "x--" + value.encode("utf-8", "surrogatepass").hex()


@dataclass(frozen=True)
class GridRow:
    """One domain of the overview grid: its statements at each level, in the levels' order."""

    domain: Domain
    cells: tuple[tuple[Level, tuple[Statement, ...]], ...]


def grid(fw: Framework) -> list[GridRow]:
    """The overview grid: a row per domain, a cell per declared level (empty cells included)."""
    return [
        GridRow(
            domain,
            tuple(
                (level, tuple(s for s in domain.statements if s.level == level.id))
                for level in fw.levels
            ),
        )
        for domain in fw.domains
    ]


def all_citations(fw: Framework) -> Iterator[Citation]:
    """Every citation in reading order: statements, anchors' sources, evidence, exposure."""
    for statement in fw.statements():
        yield from statement.cite
    for anchor in fw.anchors:
        if anchor.source:
            yield Citation(anchor.source, anchor.locator)
    for item in fw.evidence:
        yield from item.cite
    if fw.exposure is not None:
        yield from fw.exposure.cite


def cited_sources(fw: Framework) -> list[str]:
    """The ids of the sources the framework cites, in the order they are first cited."""
    seen: dict[str, None] = {}
    for citation in all_citations(fw):
        seen.setdefault(citation.source, None)
    return list(seen)


def number(value: Any) -> Any:
    """A whole float as an int (18.0 -> 18), so numbers read as the writer typed them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def range_text(bounds: tuple[Any, Any] | None) -> str:
    """An evidence range in words: "0 to 100", "at least 0", "at most 5", or ""."""
    if bounds is None:
        return ""
    low, high = (str(number(b)) if b is not None else None for b in bounds)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    return f"at most {high}" if high is not None else "any value"


def framework_data(fw: Framework, sources: list[str] | None = None) -> dict[str, Any]:
    """The framework as plain data in the file format's shape and key order.

    ``sources`` lists the source ids to include under ``sources:`` with their resolved records
    (default: the framework's own). Keys with no value are left out.
    """
    data: dict[str, Any] = {"schema": "skillframe/framework@1", "id": fw.id, "title": fw.title}
    _put(data, "version", fw.version)
    _put(data, "status", fw.status)
    occupation: dict[str, Any] = {}
    _put(occupation, "title", fw.occupation_title)
    _put(occupation, "onet_soc", fw.onet_soc)
    _put(data, "occupation", occupation or None)
    data["scope"] = fw.scope
    _put(data, "taxonomy", fw.taxonomy)
    data["levels"] = [
        _drop_none({"id": lv.id, "name": lv.name, "description": lv.description})
        for lv in fw.levels
    ]
    wanted = list(fw.local_sources) if sources is None else sources
    records = {sid: dict(fw.sources[sid]) for sid in wanted if sid in fw.sources}
    _put(data, "sources", records or None)
    _put(
        data,
        "anchors",
        [
            _drop_none({"id": a.id, "source": a.source, "locator": a.locator, "text": a.text})
            for a in fw.anchors
        ]
        or None,
    )
    data["domains"] = [
        _drop_none(
            {
                "id": d.id,
                "name": d.name,
                "description": d.description,
                "statements": [
                    _drop_none(
                        {
                            "id": s.id,
                            "level": s.level,
                            "title": s.title,
                            "text": s.text,
                            "cite": [citation_data(c) for c in s.cite],
                            "anchors": list(s.anchors) or None,
                            "tags": list(s.tags) or None,
                        }
                    )
                    for s in d.statements
                ]
                or None,
            }
        )
        for d in fw.domains
    ]
    _put(
        data,
        "evidence",
        [
            _drop_none(
                {
                    "id": e.id,
                    "label": e.label,
                    "value": e.value,
                    "unit": e.unit,
                    "range": list(e.range) if e.range is not None else None,
                    "cite": [citation_data(c) for c in e.cite],
                    "note": e.note,
                }
            )
            for e in fw.evidence
        ]
        or None,
    )
    if fw.exposure is not None:
        x = fw.exposure
        data["exposure"] = _drop_none(
            {
                "method": x.method,
                "cite": [citation_data(c) for c in x.cite],
                "complete": x.complete,
                "score": number(x.score),
                "tasks": [
                    _drop_none(
                        {
                            "anchor": t.anchor,
                            "text": t.text,
                            "weight": number(t.weight),
                            "likelihood": number(t.likelihood),
                            "contribution": number(t.contribution),
                            "horizon": t.horizon,
                        }
                    )
                    for t in x.tasks
                ],
            }
        )
    return data


def citation_data(citation: Citation) -> Any:
    """A citation in the file's short form (a source id) or long form (a mapping)."""
    if citation.locator is None and citation.note is None:
        return citation.source
    return _drop_none(
        {"source": citation.source, "locator": citation.locator, "note": citation.note}
    )


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        data[key] = value


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}
