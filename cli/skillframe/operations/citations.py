"""Named edits of a statement's citations, and how a file writes its citations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from skillframe import spec
from skillframe.operations.common import (
    Operation,
    ensure_list,
    find_statement,
    hint,
    statements_of,
    usage,
)
from skillframe.tree import (
    add_key,
    insert_item,
    is_flow,
    make_block,
    make_flow,
    put,
    remove_item,
    remove_key,
    scalar,
    set_scalar,
    sync_items,
)


def citation_entry(citation: Any, like: Any, id_like: Any = None) -> Any:
    """A citation given as plain data (a source id, or a mapping with ``source`` and a
    ``locator`` or ``note``) as a node to put in the tree; a locator is quoted like ``like``,
    a source id like ``id_like``."""
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(citation, dict):
        return scalar(citation, like=id_like)
    likes = {"locator": like, "source": id_like}
    entry = CommentedMap()
    for key in spec.CITATION_KEYS:
        if key in citation:
            entry[key] = scalar(citation[key], like=likes.get(key), key=key)
    return entry


def citation_id_style(cites: list[Any], data: Any) -> Any:
    """A cited source id already written, whose quoting a new one copies: in the same list
    first, else anywhere in the file."""
    for cite in cites:
        if isinstance(cite, str):
            return cite
    for found in statements_of(data):
        for cite in spec.list_at(found.statement, "cite") or []:
            if isinstance(cite, str):
                return cite
    return None


def citation_locator_style(data: Any) -> Any:
    """A locator already in the file, whose quoting new locators copy."""
    for found in statements_of(data):
        for cite in spec.list_at(found.statement, "cite") or []:
            if isinstance(cite, dict) and isinstance(cite.get("locator"), str):
                return cite["locator"]
    return None


def _short_lists_flow(data: Any) -> bool:
    """Whether the file writes a list of plain source ids as ``[a, b]`` (the format reference's way)
    rather than one id a line: the more common of the two, flow when neither is seen."""
    flow = block = 0
    for found in statements_of(data):
        if is_flow(found.statement):
            continue  # a statement written as {...} has no choice
        cites = found.statement.get("cite")
        if isinstance(cites, list) and cites and all(isinstance(c, str) for c in cites):
            if is_flow(cites):
                flow += 1
            else:
                block += 1
    return flow >= block


def citations_for(data: Any, cites: Sequence[Any], flow_map: bool) -> Any:
    """A new list of citations (plain data, see :func:`citation_entry`), written as the file
    writes such lists."""
    from ruamel.yaml.comments import CommentedSeq

    from skillframe.edit import layout

    like = layout("locator", lambda: citation_locator_style(data))
    seq = CommentedSeq()
    for citation in cites:
        seq.append(citation_entry(citation, like))
    short = all(isinstance(c, str) for c in seq)
    if flow_map or (short and layout("short-lists-flow", lambda: _short_lists_flow(data))):
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def cited(entry: Any) -> tuple[str | None, str | None]:
    """A citation's (source, locator), whichever form it is written in."""
    if isinstance(entry, str):
        return entry, None
    if isinstance(entry, dict):
        source = entry.get("source")
        locator = entry.get("locator")
        return (
            source if isinstance(source, str) else None,
            locator if isinstance(locator, str) else None,
        )
    return None, None


def citation_key(entry: Any) -> tuple[Any, Any, Any]:
    """A citation as (source, locator, note), whichever form it is written in."""
    if isinstance(entry, dict):
        return entry.get("source"), entry.get("locator"), entry.get("note")
    return entry, None, None


def set_citations(data: Any, statement: Any, wanted: list[Any]) -> bool:
    """Make a statement's citations ``wanted`` (plain data, see :func:`citation_entry`),
    changing only what differs; returns whether anything did.

    Citations are matched by source in order: a citation whose source stays keeps its node
    and has its locator or note set in place; the others are removed or inserted. A list
    written ``[a, b]`` that comes to hold a long-form citation is written one a line (as ``cite
    add`` does); nothing else changes its layout."""
    present = statement.get("cite")
    if isinstance(present, list) and [citation_key(c) for c in present] == [
        citation_key(c) for c in wanted
    ]:
        return False
    if not wanted:
        if not present:
            return False  # an empty cell is no change to an empty list
        remove_key(statement, "cite")
        return True
    if not isinstance(present, list):
        seq = citations_for(data, wanted, is_flow(statement))
        if "cite" in statement:
            put(statement, "cite", seq)
        else:
            order = spec.STATEMENT_KEYS
            add_key(statement, "cite", seq, after=order[: order.index("cite")])
        return True
    like = citation_locator_style(data)
    if any(isinstance(c, dict) for c in wanted) and is_flow(present) and not is_flow(statement):
        make_block(statement, "cite")
        present = statement["cite"]
    owner = (statement, "cite")
    sources = [citation_key(c)[0] for c in wanted]
    sync_items(
        present,
        [citation_key(c)[0] for c in present],
        sources,
        lambda s: citation_entry(s, like),
        owner,
    )
    for index, citation in enumerate(wanted):
        old = present[index]
        if citation_key(old) == citation_key(citation):
            continue
        if isinstance(old, dict) and isinstance(citation, dict):
            _set_details(old, citation, like)
        else:
            remove_item(present, index, owner)
            insert_item(present, index, citation_entry(citation, like), owner)
    return True


def _set_details(entry: Any, citation: dict[str, Any], like: Any) -> None:
    """Set a long-form citation's locator and note to ``citation``'s, each in place."""
    order = spec.CITATION_KEYS
    for key in ("locator", "note"):
        if key not in citation:
            if key in entry:
                remove_key(entry, key)
        elif key in entry:
            if entry[key] != citation[key]:
                set_scalar(entry, key, citation[key])
        else:
            value = scalar(citation[key], like=like if key == "locator" else None, key=key)
            add_key(entry, key, value, after=order[: order.index(key)])


def add_citation(ident: str, source: str, locator: str | None = None) -> Operation:
    def operation(data: Any) -> str:
        found = find_statement(data, ident)
        statement = found.statement
        cites = ensure_list(statement, "cite", spec.STATEMENT_KEYS, flow=True)
        if (source, locator) in [cited(c) for c in cites]:
            where = f" at '{locator}'" if locator else ""
            raise usage(f"statement '{ident}' already cites '{source}'{where}")
        citation = {"source": source, "locator": locator} if locator is not None else source
        entry = citation_entry(
            citation, citation_locator_style(data), citation_id_style(cites, data)
        )
        if not isinstance(entry, str) and is_flow(cites) and not is_flow(statement):
            make_block(statement, "cite")
        insert_item(cites, len(cites), entry, (statement, "cite"))
        return f"statement '{ident}' now cites '{source}'"

    return operation


def remove_citation(ident: str, source: str) -> Operation:
    def operation(data: Any) -> str:
        found = find_statement(data, ident)
        cites = spec.list_at(found.statement, "cite") or []
        indexes = [i for i, c in enumerate(cites) if cited(c)[0] == source]
        if not indexes:
            listed = [s for s, _ in map(cited, cites) if s]
            raise usage(
                f"statement '{ident}' does not cite '{source}'{hint(source, listed, 'it cites')}"
            )
        for index in reversed(indexes):
            remove_item(cites, index, (found.statement, "cite"))
        if cites and all(isinstance(c, str) for c in cites) and _short_lists_flow(data):
            # Only ids are left: written as the file writes such lists, as add left them.
            make_flow(found.statement, "cite")
        return f"statement '{ident}' no longer cites '{source}'"

    return operation
