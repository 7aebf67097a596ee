"""Named edits of statements: add, edit, remove, move."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from skillframe import spec
from skillframe.edit import Inserting, Spliceable, current_style
from skillframe.operations.citations import citations_for
from skillframe.operations.common import (
    Operation,
    check_slug,
    find_domain,
    find_statement,
    statements_list,
    statements_of,
    usage,
)
from skillframe.roundtrip import Style
from skillframe.splice import ScalarChange
from skillframe.tree import folded, insert_item, is_flow, remove_item, scalar, set_scalar


def _level_position(seq: Any, level: str, levels: list[str]) -> int:
    """Where a statement at ``level`` goes in a domain kept in level order (lowest first):
    after the last statement at its level or below. A domain not in level order: the end."""
    ranks = []
    for item in seq:
        rank = (
            levels.index(item["level"])
            if isinstance(item, dict) and item.get("level") in levels
            else None
        )
        if rank is None:
            return len(seq)
        ranks.append(rank)
    if ranks != sorted(ranks) or level not in levels:
        return len(seq)
    mine = levels.index(level)
    return sum(1 for rank in ranks if rank <= mine)


def _place(
    data: Any, domain: str | None, after: str | None, before: str | None, level: str | None
) -> tuple[int, Any, int]:
    """(domain index, domain, position in its statements) for a statement being placed."""
    if after and before:
        raise usage("give `after` or `before`, not both", "after", "before")
    anchor_id = after or before
    if anchor_id:
        near = find_statement(data, anchor_id)
        if domain and near.domain.get("id") != domain:
            raise usage(
                f"statement '{anchor_id}' is in domain '{near.domain.get('id')}', not '{domain}'"
            )
        return near.domain_index, near.domain, near.index + (1 if after else 0)
    if not domain:
        raise usage(
            "say where the statement goes: `domain`, `after` or `before`",
            "domain",
            "after",
            "before",
        )
    index, found = find_domain(data, domain)
    seq = spec.list_at(found, "statements") or []
    return index, found, _level_position(seq, level or "", spec.level_ids(data))


def _template(data: Any, seq: Any, position: int) -> Any:
    """The statement a new one should look like: its neighbour, else the file's first."""
    for candidate in (position - 1, position):
        if 0 <= candidate < len(seq) and isinstance(seq[candidate], dict):
            return seq[candidate]
    return next((f.statement for f in statements_of(data)), None)


def text_value(data: Any, text: str, template: Any, at: tuple[str | int, ...]) -> Any:
    from ruamel.yaml.scalarstring import FoldedScalarString

    like = template.get("text") if isinstance(template, dict) else None
    if "\n" not in text and (template is None or isinstance(like, FoldedScalarString)):
        # A file's first statement is written as the format reference writes one: ">-", lines broken
        # before column 100.
        style = current_style()
        if template is None and not style.wrap:
            style = replace(style, wrap=spec.WIDTH)
        return folded(text, style.fold_width(data, at))
    return scalar(text, like=like)


def check_locators(cites: Sequence[str], locators: dict[str, str]) -> None:
    for source in locators:
        if source not in cites:
            raise usage(
                f"`locator` names '{source}', which is not cited (add `cite` {source})",
                "locator",
                "cite",
            )


def new_statement(data: Any, where: tuple[int, Any, int], fields: dict[str, Any]) -> Any:
    """A statement of ``fields`` (plain data: id, level, title, text, cite, anchors, tags) to
    insert at ``where`` (domain index, its statements, position), laid out as its neighbour is:
    a block or flow mapping, the neighbour's quoting, a folded text broken at the file's width,
    the file's way of writing citations."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    di, seq, position = where
    template = _template(data, seq, position)
    flow_map = is_flow(template)
    like = template if isinstance(template, dict) else {}
    statement = CommentedMap()
    for key in spec.STATEMENT_KEYS:
        if key not in fields:
            continue
        value = fields[key]
        if key == "text" and not flow_map:
            value = text_value(data, value, template, ("domains", di, "statements", position))
        elif key == "cite":
            value = citations_for(data, value, flow_map)
        elif key in ("anchors", "tags"):
            value = CommentedSeq(scalar(v, flow=True) for v in value)
            value.fa.set_flow_style()
        else:
            value = scalar(
                value, like=like.get(key) if key in ("title", "text") else None, flow=flow_map
            )
        statement[key] = value
    if flow_map:
        statement.fa.set_flow_style()
    return statement


def add_statement(
    *,
    domain: str | None,
    level: str,
    title: str,
    text: str,
    cites: Sequence[str],
    locators: dict[str, str] | None = None,
    anchors: Sequence[str] = (),
    ident: str | None = None,
    after: str | None = None,
    before: str | None = None,
) -> Operation:
    """Add a statement; the operation returns its id (``ident``, or one made from the title)."""
    locators = dict(locators or {})
    check_locators(cites, locators)
    if ident is not None:
        check_slug(ident, "statement id")

    def operation(data: Any) -> str:
        di, target, position = _place(data, domain, after, before, level)
        seq = statements_list(data, di)
        taken = set(spec.statement_ids(data))
        new_id = ident or spec.unique_id(spec.slugify(title) or "statement", taken)
        cite = [{"source": s, "locator": locators[s]} if s in locators else s for s in cites]
        fields: dict[str, Any] = {"id": new_id, "level": level, "title": title, "text": text}
        fields["cite"] = cite
        if anchors:
            fields["anchors"] = list(anchors)
        statement = new_statement(data, (di, seq, position), fields)
        insert_item(seq, position, statement, (target, "statements"))
        return new_id

    return Inserting(operation)


def edit_statement(
    ident: str,
    *,
    title: str | None = None,
    text: str | None = None,
    level: str | None = None,
    domain: str | None = None,
    new_id: str | None = None,
    line: int | None = None,
) -> Operation:
    """Change a statement's title, text, level, domain or id (of several statements with id
    ``ident``, the one at ``line``)."""
    if new_id is not None:
        check_slug(new_id, "statement id")
    if all(v is None for v in (title, text, level, domain, new_id)):
        raise usage(
            "nothing to change: give `title`, `text`, `level`, `domain` or `new_id`",
            *("title", "text", "level", "domain", "new_id"),
        )

    def operation(data: Any) -> str:
        found = find_statement(data, ident, line=line)
        statement = found.statement
        if title is not None:
            set_scalar(statement, "title", title)
        if text is not None:
            set_scalar(statement, "text", text, current_style().fold_width(data, found.at))
        if level is not None:
            set_scalar(statement, "level", level)
        final_id = ident
        if new_id is not None and new_id != ident:
            if new_id in spec.statement_ids(data):
                raise usage(f"statement id '{new_id}' is already used")
            set_scalar(statement, "id", new_id)
            final_id = new_id
        if domain is not None and domain != found.domain.get("id"):
            _move(data, final_id, domain, None, None)
        return final_id

    def plan(data: Any, style: Style) -> tuple[list[ScalarChange], str] | None:
        if (
            line is not None
            or sum(1 for f in statements_of(data) if f.statement.get("id") == ident) > 1
        ):
            return (
                None  # told apart, or refused, on the round-trip tree: its nodes know their lines
            )
        found = find_statement(data, ident)
        if domain is not None and domain != found.domain.get("id"):
            return None  # a move: the round-trip path moves it with its comments
        changes = []
        if title is not None:
            changes.append(ScalarChange(found.at, "title", title))
        if text is not None:
            changes.append(ScalarChange(found.at, "text", text, style.fold_width(data, found.at)))
        if level is not None:
            changes.append(ScalarChange(found.at, "level", level))
        if new_id is not None and new_id != ident:
            if new_id in spec.statement_ids(data):
                raise usage(f"statement id '{new_id}' is already used")
            changes.append(ScalarChange(found.at, "id", new_id))
        return changes, new_id if new_id is not None else ident

    return Spliceable(operation, plan)


def remove_statement(ident: str) -> Operation:
    def operation(data: Any) -> str:
        found = find_statement(data, ident)
        remove_item(found.seq, found.index, found.owner)
        return f"removed statement '{ident}' from domain '{found.domain.get('id')}'"

    return operation


def _move(data: Any, ident: str, domain: str | None, before: str | None, after: str | None) -> Any:
    if ident in (before, after):
        raise usage("a statement cannot be placed next to itself")
    found = find_statement(data, ident)
    if domain is not None:
        find_domain(data, domain)  # an unknown domain is refused before anything moves
    for other in (before, after):
        if other is not None:
            find_statement(data, other)
    statement = remove_item(found.seq, found.index, found.owner)
    level = statement.get("level") if isinstance(statement.get("level"), str) else None
    index, target, position = _place(data, domain, after, before, level)
    insert_item(statements_list(data, index), position, statement, (target, "statements"))
    return target


def move_statement(
    ident: str, *, domain: str | None = None, before: str | None = None, after: str | None = None
) -> Operation:
    """Move a statement to another domain (at its level's place) or before/after another."""
    if sum(v is not None for v in (domain, before, after)) != 1:
        raise usage(
            "say where to move it: one of `domain`, `before` or `after`",
            "domain",
            "before",
            "after",
        )

    def operation(data: Any) -> str:
        target = _move(data, ident, domain, before, after)
        return f"moved statement '{ident}' to domain '{target.get('id')}'"

    return operation
