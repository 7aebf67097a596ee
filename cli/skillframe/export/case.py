"""CASE export: the framework as a 1EdTech CASE CFPackage.

The package validates against the official CASE 1.1 schema and against the CASE 1.0 schema
OpenSALT checks imports with, and keeps to what survives an OpenSALT import:

- the framework is the CFDocument (scope as ``description``, status as ``adoptionStatus``, the
  framework id, occupation and taxonomy as ``notes`` lines);
- each domain is a CFItem (``humanCodingScheme`` = domain id, ``fullStatement`` = name, ``notes``
  = description) that ``isChildOf`` the document; each statement is a CFItem
  (``humanCodingScheme`` = statement id, ``abbreviatedStatement`` = title, ``fullStatement`` =
  text, ``conceptKeywords`` = tags) that ``isChildOf`` its domain; ``sequenceNumber`` keeps the
  order;
- each level is a CFItemType (``typeCode`` = level id, ``title`` = name, ``hierarchyCode`` = rank),
  and a statement's ``CFItemType`` is its level;
- a statement's citations and anchors are ``isRelatedTo`` associations to external nodes (the
  source's or the anchor's link) and are also written in its ``notes`` as ``cite: ...`` and
  ``anchors: ...`` lines, in the grammar of the CSV cells;
- what CASE has no field for (source records, anchors, evidence, exposure) rides in the
  document's ``extensions.skillframe``, which ``skillframe import case`` reads back.

Every identifier is a lowercase UUIDv5 derived from the framework id and the object's own id
(:func:`identifier`), so exporting again updates the same objects instead of adding new ones.
With a base URI (the address a CASE server publishes the framework under), each object's URI is
``<base>/<collection>/<identifier>`` (``CFDocuments``, ``CFItems``, ``CFAssociations``,
``CFItemTypes``, as a CASE server serves them); without one, URIs are
``urn:uuid:<identifier>``. Links to sources use the
source's address; a link to an O*NET task (an anchor or citation naming ``task N`` of O*NET)
goes to the occupation's page on O*NET OnLine, with the task id in its title and fragment.
Every ``lastChangeDateTime`` is the one timestamp given to :func:`render`.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import Any

from skillframe.errors import SkillframeError
from skillframe.export.cells import format_citations, format_list
from skillframe.export.common import cited_sources, framework_data, source_link
from skillframe.model import Citation, Framework, Statement

#: The UUIDv5 namespace of every identifier skillframe writes into a CASE package.
NAMESPACE = uuid.UUID("d4d75ccd-38da-432a-9282-e78848cb27ec")

#: The timestamp used when none is given: the Unix epoch, so that output stays reproducible.
DEFAULT_TIMESTAMP = "1970-01-01T00:00:00+00:00"
DEFAULT_CREATOR = "Unknown"

#: skillframe status -> CASE adoptionStatus (as OpenSALT names them), and back.
STATUS_TO_CASE = {"draft": "Draft", "published": "Adopted", "deprecated": "Deprecated"}

DOMAIN_TYPE = "Domain"


def identifier(framework_id: str, *path: str) -> str:
    """The lowercase UUIDv5 of an object: ``framework_id/kind/id...`` in :data:`NAMESPACE`."""
    return str(uuid.uuid5(NAMESPACE, "/".join((framework_id, *path))))


def timestamp(value: str) -> str:
    """An ISO 8601 date or date-time as a CASE timestamp with a UTC offset.

    A date means midnight UTC; a date-time without an offset is taken as UTC.
    Raises SkillframeError for anything else.
    """
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise SkillframeError(
            f"--timestamp: '{value}' is not an ISO 8601 date or date-time "
            "(e.g. 2026-03-01 or 2026-03-01T12:00:00+00:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat(timespec="seconds")


def epoch_timestamp(seconds: str) -> str:
    """A SOURCE_DATE_EPOCH value (seconds since 1970, UTC) as a CASE timestamp."""
    try:
        moment = datetime.fromtimestamp(int(seconds), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise SkillframeError(
            f"SOURCE_DATE_EPOCH: '{seconds}' is not a number of seconds since 1970"
        ) from None
    return moment.isoformat(timespec="seconds")


#: O*NET OnLine's page of one occupation, by O*NET-SOC code.
ONET_OCCUPATION_PAGE = "https://www.onetonline.org/link/summary/{soc}"


def link(title: str, ident: str, uri: str | None = None) -> dict[str, str]:
    return {"title": title, "identifier": ident, "uri": uri or f"urn:uuid:{ident}"}


def base_uri(value: str) -> str:
    """A --base-uri value: an http(s) address, without its final slash.

    Raises SkillframeError for anything else.
    """
    from urllib.parse import urlsplit

    text = value.strip().rstrip("/")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SkillframeError(
            f"--base-uri: '{value}' is not an http or https address without a query "
            "(e.g. https://case.example.org/ims/case/v1p0)"
        )
    return text


class Uris:
    """The URI of each object: ``<base>/<collection>/<identifier>``, or ``urn:uuid:`` with no
    base."""

    def __init__(self, base: str | None) -> None:
        self.base = base

    def __call__(self, collection: str, ident: str) -> str:
        if self.base is None:
            return f"urn:uuid:{ident}"
        return f"{self.base}/{collection}/{ident}"


def onet_task_link(fw: Framework, source: str, locator: str | None) -> tuple[str, int] | None:
    """The O*NET OnLine page and task id of a reference to an O*NET task, when the framework
    names its occupation; else None."""
    from skillframe.onet import named_task

    number = named_task(source, locator, fw.sources)
    if number is None or not fw.onet_soc:
        return None
    return f"{ONET_OCCUPATION_PAGE.format(soc=fw.onet_soc)}#task-{number}", number


def external_uri(record: Any) -> str | None:
    """A source's address for an external link: its web link, else a URN from its ISBN."""
    web = source_link(record)
    if web:
        return web
    identifiers = record.get("identifiers") if isinstance(record, dict) else None
    isbn = identifiers.get("isbn") if isinstance(identifiers, dict) else None
    if isinstance(isbn, str) and isbn.strip():
        return "urn:isbn:" + "".join(isbn.split())
    return None


def citation_path(citation: Citation) -> tuple[str, ...]:
    """The identifier path of the external node a citation points at."""
    if citation.locator is None:
        return ("source", citation.source)
    return ("source", citation.source, citation.locator)


def anchor_path(anchor_id: str) -> tuple[str, ...]:
    """The identifier path of the external node an anchor link points at."""
    return ("anchor", anchor_id)


def statement_notes(statement: Statement) -> str | None:
    lines = []
    if statement.cite:
        lines.append("cite: " + format_citations(statement.cite))
    if statement.anchors:
        lines.append("anchors: " + format_list(statement.anchors))
    return "\n".join(lines) or None


def document_notes(fw: Framework) -> str:
    lines = [f"Framework: {fw.id}"]
    if fw.occupation_title:
        lines.append("Occupation: " + " ".join(fw.occupation_title.split()))
    if fw.onet_soc:
        lines.append(f"O*NET-SOC: {fw.onet_soc}")
    if fw.taxonomy:
        lines.append(f"Taxonomy: {fw.taxonomy}")
    return "\n".join(lines)


def extension(fw: Framework) -> dict[str, Any]:
    """What CASE has no field for, in the framework file's own shape."""
    wanted = list(dict.fromkeys([*cited_sources(fw), *fw.local_sources]))
    data = framework_data(fw, sources=[s for s in wanted if s in fw.sources])
    keep = ("id", "occupation", "taxonomy", "sources", "anchors", "evidence", "exposure")
    return {key: data[key] for key in keep if key in data}


def build(
    fw: Framework,
    when: str = DEFAULT_TIMESTAMP,
    creator: str = DEFAULT_CREATOR,
    base: str | None = None,
) -> Any:
    """The CFPackage as plain data; ``base`` is the address the package is published under."""
    fid = fw.id
    uri = Uris(base)

    def ident(*path: str) -> str:
        return identifier(fid, *path)

    doc_id = ident()
    document: dict[str, Any] = {
        "identifier": doc_id,
        "uri": uri("CFDocuments", doc_id),
        "creator": creator,
        "title": fw.title,
        "lastChangeDateTime": when,
        "description": fw.scope,
    }
    if fw.version:
        document["version"] = fw.version
    if fw.status in STATUS_TO_CASE:
        document["adoptionStatus"] = STATUS_TO_CASE[fw.status]
    document["notes"] = document_notes(fw)
    document["extensions"] = {"skillframe": extension(fw)}
    doc_link = link(fw.title, doc_id, document["uri"])

    def type_link(title: str, type_id: str) -> dict[str, str]:
        return link(title, type_id, uri("CFItemTypes", type_id))

    domain_type = type_link(DOMAIN_TYPE, ident("item-type", "domain"))
    level_types = {lv.id: type_link(lv.name, ident("level", lv.id)) for lv in fw.levels}
    item_types = [
        {
            "identifier": domain_type["identifier"],
            "uri": domain_type["uri"],
            "title": DOMAIN_TYPE,
            "description": "A domain of skill: a group of the framework's statements.",
            "hierarchyCode": "0",
            "typeCode": "domain",
            "lastChangeDateTime": when,
        }
    ]
    for rank, lv in enumerate(fw.levels, start=1):
        item_types.append(
            {
                "identifier": level_types[lv.id]["identifier"],
                "uri": level_types[lv.id]["uri"],
                "title": lv.name,
                "description": lv.description or lv.name,
                "hierarchyCode": str(rank),
                "typeCode": lv.id,
                "lastChangeDateTime": when,
            }
        )

    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []

    def associate(
        kind: str, origin: dict[str, str], dest: dict[str, str], path: tuple[str, ...], seq: int
    ) -> None:
        assoc_id = ident(kind, *path)
        entry: dict[str, Any] = {
            "identifier": assoc_id,
            "uri": uri("CFAssociations", assoc_id),
            "associationType": kind,
            "originNodeURI": origin,
            "destinationNodeURI": dest,
        }
        if seq:
            entry["sequenceNumber"] = seq
        entry["lastChangeDateTime"] = when
        associations.append(entry)

    for d_index, domain in enumerate(fw.domains, start=1):
        domain_id = ident("domain", domain.id)
        item: dict[str, Any] = {
            "identifier": domain_id,
            "uri": uri("CFItems", domain_id),
            "humanCodingScheme": domain.id,
            "fullStatement": domain.name,
            "CFItemType": DOMAIN_TYPE,
            "CFItemTypeURI": domain_type,
        }
        if domain.description:
            item["notes"] = domain.description
        item["lastChangeDateTime"] = when
        items.append(item)
        domain_link = link(domain.name, domain_id, item["uri"])
        associate("isChildOf", domain_link, doc_link, ("domain", domain.id), d_index)
        for s_index, s in enumerate(domain.statements, start=1):
            s_id = ident("statement", s.id)
            item = {
                "identifier": s_id,
                "uri": uri("CFItems", s_id),
                "humanCodingScheme": s.id,
                "abbreviatedStatement": s.title,
                "fullStatement": s.text,
            }
            if s.level in level_types:
                item["CFItemType"] = level_types[s.level]["title"]
                item["CFItemTypeURI"] = level_types[s.level]
            if s.tags:
                item["conceptKeywords"] = list(s.tags)
            notes = statement_notes(s)
            if notes:
                item["notes"] = notes
            item["lastChangeDateTime"] = when
            items.append(item)
            s_link = link(s.title, s_id, item["uri"])
            associate("isChildOf", s_link, domain_link, ("statement", s.id), s_index)
            for c in dict.fromkeys(Citation(c.source, c.locator) for c in s.cite):
                record = fw.sources.get(c.source)
                title = str(record.get("title") or c.source) if record else c.source
                if c.locator:
                    title += f", {c.locator}"
                task = onet_task_link(fw, c.source, c.locator)
                address = task[0] if task else external_uri(record)
                dest = link(title, ident(*citation_path(c)), address)
                associate("isRelatedTo", s_link, dest, ("statement", s.id, *citation_path(c)), 0)
            for anchor_id in dict.fromkeys(s.anchors):
                anchor = fw.anchor(anchor_id)
                record = fw.sources.get(anchor.source) if anchor else None
                title = anchor.text if anchor else anchor_id
                task = onet_task_link(fw, anchor.source, anchor.locator) if anchor else None
                if task is not None:
                    title = f"O*NET task {task[1]}: {title}"
                dest = link(
                    title,
                    ident(*anchor_path(anchor_id)),
                    task[0] if task else external_uri(record),
                )
                path = ("statement", s.id, *anchor_path(anchor_id))
                associate("isRelatedTo", s_link, dest, path, 0)

    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {
            "CFConcepts": [],
            "CFSubjects": [],
            "CFLicenses": [],
            "CFItemTypes": item_types,
            "CFAssociationGroupings": [],
        },
    }


def render(
    fw: Framework,
    when: str = DEFAULT_TIMESTAMP,
    creator: str = DEFAULT_CREATOR,
    base: str | None = None,
) -> str:
    return json.dumps(build(fw, when, creator, base), indent=2, ensure_ascii=False) + "\n"


def is_ours(existing: str, new: str) -> bool:
    """An earlier CASE export of the same framework: the same CFDocument identifier."""
    try:
        old = json.loads(existing)
    except ValueError:
        return False
    document = old.get("CFDocument") if isinstance(old, dict) else None
    return (
        isinstance(document, dict)
        and document.get("identifier") == json.loads(new)["CFDocument"]["identifier"]
    )
