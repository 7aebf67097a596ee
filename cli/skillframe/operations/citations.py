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
from skillframe.tree import insert_item, is_flow, make_block, make_flow, remove_item, scalar


def _citation(source: str, locator: str | None, like: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if locator is None:
        return scalar(source)
    entry = CommentedMap()
    entry["source"] = scalar(source)
    entry["locator"] = scalar(locator, like=like, key="locator")
    return entry


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


def citations_for(data: Any, cites: Sequence[str], locators: dict[str, str], flow_map: bool) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    from skillframe.edit import layout

    like = layout("locator", lambda: citation_locator_style(data))
    seq = CommentedSeq()
    for source in cites:
        seq.append(_citation(source, locators.get(source), like))
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


def add_citation(ident: str, source: str, locator: str | None = None) -> Operation:
    def operation(data: Any) -> str:
        found = find_statement(data, ident)
        statement = found.statement
        cites = ensure_list(statement, "cite", spec.STATEMENT_KEYS, flow=True)
        if (source, locator) in [cited(c) for c in cites]:
            where = f" at '{locator}'" if locator else ""
            raise usage(f"statement '{ident}' already cites '{source}'{where}")
        entry = _citation(source, locator, citation_locator_style(data))
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
