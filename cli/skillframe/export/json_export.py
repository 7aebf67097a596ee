"""JSON export: the resolved framework for pipelines, described by schemas/export.schema.json.

Every key is always present (``null`` when the framework leaves it out), levels carry their rank,
each citation carries the fields of the source it names, statements carry their anchors' text
and each anchor lists the statements that use it. The first key, ``schema``, says what the
document is: ``skillframe/export@1``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from skillframe.export.common import cited_sources, number, source_link
from skillframe.model import Citation, Framework

SCHEMA_ID = "skillframe/export@1"


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return str(value)


def source_details(record: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A registry record with every field present, typed as the export schema says."""
    if record is None:
        return None
    authors = record.get("authors")
    identifiers = record.get("identifiers")
    locator = record.get("locator")
    year = record.get("year")
    return {
        "title": _str(record.get("title")),
        "type": _str(record.get("type")),
        "publisher": _str(record.get("publisher")),
        "authors": [str(a) for a in authors if _str(a) is not None]
        if isinstance(authors, list)
        else [],
        "year": year if isinstance(year, int) and not isinstance(year, bool) else None,
        "version": _str(record.get("version")),
        "date": _str(record.get("date")),
        "url": _str(record.get("url")),
        "license": _str(record.get("license")),
        "identifiers": {str(k): str(v) for k, v in identifiers.items() if _str(v) is not None}
        if isinstance(identifiers, dict)
        else {},
        "locator": {
            "pattern": _str(locator.get("pattern")),
            "example": _str(locator.get("example")),
        }
        if isinstance(locator, dict)
        else None,
        "link": source_link(record),
    }


def build(fw: Framework) -> dict[str, Any]:
    """The export as plain data (what :func:`render` prints)."""
    ranks = {lv.id: index for index, lv in enumerate(fw.levels, start=1)}
    details = {sid: source_details(fw.sources.get(sid)) for sid in cited_sources(fw)}

    def cite(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
        return [
            {
                "source": c.source,
                "locator": c.locator,
                "note": c.note,
                "details": details.get(c.source),
            }
            for c in citations
        ]

    users: dict[str, list[str]] = {}
    for statement in fw.statements():
        for anchor_id in statement.anchors:
            users.setdefault(anchor_id, []).append(statement.id)

    def anchor_ref(anchor_id: str) -> dict[str, Any]:
        anchor = fw.anchor(anchor_id)
        return {
            "id": anchor_id,
            "source": anchor.source if anchor else None,
            "locator": anchor.locator if anchor else None,
            "text": anchor.text if anchor else None,
        }

    exposure = None
    if fw.exposure is not None:
        x = fw.exposure
        exposure = {
            "method": x.method,
            "complete": x.complete,
            "score": number(x.score),
            "cite": cite(x.cite),
            "tasks": [
                {
                    "anchor": t.anchor,
                    "text": t.text if t.text is not None else _anchor_text(fw, t.anchor),
                    "weight": number(t.weight),
                    "likelihood": number(t.likelihood),
                    "contribution": number(t.contribution),
                    "computed_contribution": number(round(t.computed, 4)),
                    "horizon": t.horizon,
                }
                for t in x.tasks
            ],
        }
    return {
        "schema": SCHEMA_ID,
        "id": fw.id,
        "title": fw.title,
        "version": fw.version,
        "status": fw.status,
        "scope": fw.scope,
        "occupation": {"title": fw.occupation_title, "onet_soc": fw.onet_soc}
        if fw.occupation_title is not None or fw.onet_soc is not None
        else None,
        "taxonomy": fw.taxonomy,
        "levels": [
            {"id": lv.id, "rank": ranks[lv.id], "name": lv.name, "description": lv.description}
            for lv in fw.levels
        ],
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "description": d.description,
                "statements": [
                    {
                        "id": s.id,
                        "domain": d.id,
                        "level": s.level,
                        "level_rank": ranks.get(s.level),
                        "title": s.title,
                        "text": s.text,
                        "cite": cite(s.cite),
                        "anchors": [anchor_ref(a) for a in s.anchors],
                        "tags": list(s.tags),
                    }
                    for s in d.statements
                ],
            }
            for d in fw.domains
        ],
        "anchors": [
            {
                "id": a.id,
                "source": a.source,
                "locator": a.locator,
                "text": a.text,
                "statements": users.get(a.id, []),
            }
            for a in fw.anchors
        ],
        "sources": [
            {"id": sid, "number": n, "details": details[sid]}
            for n, sid in enumerate(details, start=1)
        ],
        "evidence": [
            {
                "id": e.id,
                "label": e.label,
                "value": number(e.value),
                "unit": e.unit,
                "range": [number(e.range[0]), number(e.range[1])] if e.range else None,
                "note": e.note,
                "cite": cite(e.cite),
            }
            for e in fw.evidence
        ],
        "exposure": exposure,
    }


def _anchor_text(fw: Framework, anchor_id: str | None) -> str | None:
    anchor = fw.anchor(anchor_id) if anchor_id else None
    return anchor.text if anchor else None


def render(fw: Framework) -> str:
    return json.dumps(build(fw), indent=2, ensure_ascii=False) + "\n"


def is_ours(existing: str, new: str) -> bool:
    """An earlier JSON export of the same framework."""
    try:
        old = json.loads(existing)
    except ValueError:
        return False
    return (
        isinstance(old, dict)
        and old.get("schema") == SCHEMA_ID
        and old.get("id") == json.loads(new).get("id")
    )
