"""Named edits of a framework's structure: its domains and its levels."""

from __future__ import annotations

from typing import Any

from skillframe import spec
from skillframe.edit import current_path
from skillframe.errors import Refusal
from skillframe.operations.common import (
    Operation,
    check_slug,
    domains_of,
    ensure_list,
    find_domain,
    find_level,
    not_found,
    plural,
    statements_of,
    usage,
)
from skillframe.tree import insert_item, is_flow, remove_item, scalar, set_scalar


def _position(ids: list[str], before: str | None, after: str | None, what: str) -> int:
    if before and after:
        raise usage("give `after` or `before`, not both", "after", "before")
    near = before or after
    if near is None:
        return len(ids)
    if near not in ids:
        raise not_found(what, near, ids)
    return ids.index(near) + (1 if after else 0)


def entry_for(ident: str, name: str, description: str | None, like: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    entry = CommentedMap()
    flow = is_flow(like)
    entry["id"] = scalar(ident, flow=flow)
    entry["name"] = scalar(name, flow=flow)
    if description:
        entry["description"] = scalar(description, flow=flow)
    if flow:
        entry.fa.set_flow_style()
    return entry


def _taxonomy_domain(data: Any, ident: str) -> dict[str, Any]:
    """The framework's taxonomy's entry for a domain id, if there is one."""
    taxonomy_id = data.get("taxonomy") if isinstance(data, dict) else None
    path = current_path()
    if not isinstance(taxonomy_id, str) or path is None:
        return {}
    from skillframe.collection import Resolver
    from skillframe.config import discover

    taxonomy = Resolver().shared_for(path, discover(path)).taxonomies.get(taxonomy_id)
    for entry in (taxonomy or {}).get("domains") or []:
        if isinstance(entry, dict) and entry.get("id") == ident:
            return entry
    return {}


def add_entry(
    data: Any,
    key: str,
    what: str,
    entry: tuple[str, str | None, str | None],
    before: str | None,
    after: str | None,
) -> str:
    """Insert a new level or domain ``entry`` (id, name, description) into ``data[key]``."""
    ident, name, description = entry
    seq = ensure_list(data, key, spec.FRAMEWORK_KEYS)
    ids = [str(d.get("id")) for d in seq if isinstance(d, dict)]
    if ident in ids:
        raise usage(f"{what} '{ident}' already exists")
    position = _position(ids, before, after, what)
    like = seq[position - 1] if position > 0 else (seq[0] if len(seq) else None)
    shown = name or spec.name_from_id(ident)
    insert_item(seq, position, entry_for(ident, shown, description, like), (data, key))
    return f"added {what} '{ident}'"


def add_domain(
    ident: str,
    *,
    name: str | None = None,
    description: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> Operation:
    """Add an empty domain (named as its taxonomy names it, or from its id)."""
    check_slug(ident, "domain id")

    def operation(data: Any) -> str:
        shown = name or _taxonomy_domain(data, ident).get("name")
        return add_entry(data, "domains", "domain", (ident, shown, description), before, after)

    return operation


def rename_domain(old: str, new: str, *, name: str | None = None) -> Operation:
    check_slug(new, "domain id")

    def operation(data: Any) -> str:
        _, domain = find_domain(data, old)
        if new != old and new in [d.get("id") for _, d in domains_of(data)]:
            raise usage(f"domain '{new}' already exists")
        set_scalar(domain, "id", new)
        if name is not None:
            set_scalar(domain, "name", name)
        return f"renamed domain '{old}' to '{new}'"

    return operation


def remove_domain(ident: str, *, force: bool = False) -> Operation:
    def operation(data: Any) -> str:
        index, domain = find_domain(data, ident)
        held = len(spec.list_at(domain, "statements") or [])
        if held and not force:
            raise Refusal(
                f"domain '{ident}' still holds {plural(held, 'statement')}: move "
                "them first (`statement move`), or give `force` to remove them too",
                options=("statement move", "force"),
            )
        remove_item(data["domains"], index, (data, "domains"))
        also = f" and its {plural(held, 'statement')}" if held else ""
        return f"removed domain '{ident}'{also}"

    return operation


def add_level(
    ident: str,
    *,
    name: str | None = None,
    description: str | None = None,
    before: str | None = None,
    after: str | None = None,
) -> Operation:
    """Add a level (by default the highest)."""
    check_slug(ident, "level id")

    def operation(data: Any) -> str:
        return add_entry(data, "levels", "level", (ident, name, description), before, after)

    return operation


def rename_level(old: str, new: str, *, name: str | None = None) -> Operation:
    """Rename a level and every statement's use of it."""
    check_slug(new, "level id")

    def operation(data: Any) -> str:
        index = find_level(data, old)
        if new != old and new in spec.level_ids(data):
            raise usage(f"level '{new}' already exists")
        level = data["levels"][index]
        set_scalar(level, "id", new)
        if name is not None:
            set_scalar(level, "name", name)
        count = 0
        for found in statements_of(data):
            if found.statement.get("level") == old:
                set_scalar(found.statement, "level", new)
                count += 1
        return f"renamed level '{old}' to '{new}' (and {plural(count, 'statement')})"

    return operation


def remove_level(ident: str, *, force: bool = False) -> Operation:
    def operation(data: Any) -> str:
        index = find_level(data, ident)
        using = [f for f in statements_of(data) if f.statement.get("level") == ident]
        if using and not force:
            raise Refusal(
                f"level '{ident}' is used by {plural(len(using), 'statement')} "
                f"(first: '{using[0].statement.get('id')}'): re-level them first "
                "(`statement edit` `level`), or give `force` to remove them too",
                options=("statement edit", "level", "force"),
            )
        for found in reversed(using):
            remove_item(found.seq, found.index, found.owner)
        remove_item(data["levels"], index, (data, "levels"))
        also = f" and {plural(len(using), 'statement')}" if using else ""
        return f"removed level '{ident}'{also}"

    return operation
