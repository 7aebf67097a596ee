"""Bring a framework file to new data with the fewest changes: the edit behind
``skillframe import csv --base``.

An importer works out what the framework should now hold. Writing that data out afresh would
lay the whole file out again, in the importer's style: its comments, blank lines, quoting and
line breaks would all change. :func:`reconcile` instead makes an operation for
:func:`skillframe.edit.apply` that changes the file's round-trip tree only where the data
differs from it, through the helpers the named edits use:

- the framework's id, title, scope and taxonomy are set where they differ (as ``framework
  edit`` sets them); the rest of what a framework holds besides its domains (levels, sources,
  anchors, evidence ...) is the importer's base and is not touched;
- domains are matched by id: a new one is added where the data puts it, one the data leaves out
  is removed with the comments around it kept, a changed name is set, and they are put in the
  data's order;
- statements are matched by id (the second use of an id matches its second use in the file):
  a changed level, title or text is set in place, keeping its quoting and folding (a folded text
  is broken again only in the lines that changed); citations, anchors and tags change item by
  item; a new statement goes where the data puts it, laid out like its neighbour (as
  ``statement add`` writes one); one the data leaves out is removed as ``statement rm`` removes
  it; one that changed domain or place is moved with its comments.

The edit engine then splices only the lines that changed into the file's bytes.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from skillframe import spec
from skillframe.edit import Operation, Spliceable, current_style
from skillframe.operations.citations import citation_key, set_citations
from skillframe.operations.common import plural, statements_list, statements_of
from skillframe.operations.statements import new_statement
from skillframe.operations.structure import add_entry
from skillframe.roundtrip import Style
from skillframe.splice import ScalarChange
from skillframe.tree import (
    add_key,
    insert_item,
    is_flow,
    put,
    remove_item,
    remove_key,
    reorder_items,
    scalar,
    sync_items,
)
from skillframe.upkeep import edit_framework, set_text

#: The framework's own keys an import sets; everything else a base holds is kept as it is.
FRAMEWORK_FACTS = ("id", "title", "scope", "taxonomy")
#: A statement's keys that hold one text.
TEXTS = ("level", "title", "text")
#: A statement's keys that hold a list of ids.
ID_LISTS = ("anchors", "tags")


@dataclass
class Tally:
    """What the reconciliation changed, for the message the writer reads."""

    changed: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0
    facts: list[str] = field(default_factory=list)
    domains_added: list[str] = field(default_factory=list)
    domains_removed: list[str] = field(default_factory=list)

    def message(self) -> str | None:
        """What changed, as ``1 statement changed; domain x added`` (None: nothing)."""

        def many(words: list[str], what: str, verb: str) -> list[str]:
            return [f"{what}{'s' * (len(words) > 1)} {', '.join(words)} {verb}"] if words else []

        said = [f"the framework's {', '.join(self.facts)} set"] if self.facts else []
        said += many(self.domains_added, "domain", "added")
        for count, verb in (
            (self.changed, "changed"),
            (self.added, "added"),
            (self.moved, "moved"),
            (self.removed, "removed"),
        ):
            if count:
                said.append(f"{plural(count, 'statement')} {verb}")
        said += many(self.domains_removed, "domain", "removed")
        return "; ".join(said) or None


def reconcile(want: Mapping[str, Any]) -> Operation:
    """An operation that changes a framework's tree into ``want`` (plain framework data, as an
    importer makes it from a base) where they differ, and nowhere else. Its message says what
    changed (None when nothing did)."""

    def operation(data: Any) -> str | None:
        tally = Tally()
        _facts(data, want, tally)
        wanted = [d for d in want.get("domains") or [] if isinstance(d, Mapping)]
        domains = _domains(data, wanted, tally)
        _statements(data, wanted, domains, tally)
        _tidy_domains(data, domains, tally)
        return tally.message()

    def plan(data: Any, style: Style) -> tuple[list[ScalarChange], str | None] | None:
        changes = _new_texts(data, want, style)
        if changes is None:
            return None
        tally = Tally(changed=len({change.at for change in changes}))
        return changes, tally.message()

    return Spliceable(operation, plan)


def _new_texts(data: Any, want: Mapping[str, Any], style: Style) -> list[ScalarChange] | None:
    """The changes as new values of texts the file already has, when that is all they are (the
    usual spreadsheet edit: a reworded text or title, another level); None otherwise. Then the
    edit engine splices them in without the round-trip tree, which costs far more."""
    if any(isinstance(want.get(k), str) and data.get(k) != want[k] for k in FRAMEWORK_FACTS):
        return None
    have = spec.list_at(data, "domains") or []
    wanted = spec.list_at(want, "domains") or []
    if len(have) != len(wanted):
        return None
    changes = []
    for di, (domain, entry) in enumerate(zip(have, wanted, strict=True)):
        if not isinstance(domain, dict):
            return None
        statements = spec.list_at(domain, "statements") or []
        entries = spec.list_at(entry, "statements") or []
        if (domain.get("id"), domain.get("name"), len(statements)) != (
            entry.get("id"),
            entry.get("name"),
            len(entries),
        ):
            return None
        for si, (statement, new) in enumerate(zip(statements, entries, strict=True)):
            if not isinstance(statement, dict) or statement.get("id") != new.get("id"):
                return None
            if [citation_key(c) for c in statement.get("cite") or []] != [
                citation_key(c) for c in new.get("cite") or []
            ] or any(statement.get(k) != new.get(k) for k in ID_LISTS):
                return None
            at = ("domains", di, "statements", si)
            for key in TEXTS:
                value, old = new.get(key), statement.get(key)
                if value == old:
                    continue
                if not isinstance(value, str) or not isinstance(old, str):
                    return None
                width = style.fold_width(data, at) if key == "text" else 0
                changes.append(ScalarChange(at, key, value, width))
    return changes


def _facts(data: Any, want: Mapping[str, Any], tally: Tally) -> None:
    changed = {
        key: want[key]
        for key in FRAMEWORK_FACTS
        if isinstance(want.get(key), str) and data.get(key) != want[key]
    }
    if "title" in changed or "scope" in changed:
        edit_framework(title=changed.get("title"), scope=changed.get("scope"))(data)
    for key in ("id", "taxonomy"):
        if key in changed:
            set_text(data, key, changed[key], spec.FRAMEWORK_KEYS)
    tally.facts = [key for key in FRAMEWORK_FACTS if key in changed]


def _match(nodes: Sequence[Any], wanted: Sequence[Mapping[str, Any]]) -> list[Any]:
    """For each wanted entry, the node with its id, or None: the k-th use of an id among
    ``wanted`` is its k-th use among ``nodes``."""
    pool: dict[Any, list[Any]] = {}
    for node in nodes:
        ident = node.get("id")
        if isinstance(ident, str):
            pool.setdefault(str(ident), []).append(node)
    out = []
    for entry in wanted:
        same = pool.get(str(entry.get("id")))
        out.append(same.pop(0) if same else None)
    return out


def _index(seq: Sequence[Any], node: Any) -> int | None:
    """Where ``node`` itself (not an equal one) is in ``seq``."""
    return next((i for i, item in enumerate(seq) if item is node), None)


def _domains(data: Any, wanted: list[Mapping[str, Any]], tally: Tally) -> list[Any]:
    """The domain node of each wanted domain: the file's, renamed if the name changed, or a new
    one added after the wanted domain before it."""
    existing = [d for d in spec.list_at(data, "domains") or [] if isinstance(d, dict)]
    nodes = _match(existing, wanted)
    for i, (entry, node) in enumerate(zip(wanted, nodes, strict=True)):
        name = entry.get("name")
        if node is None:
            after = str(wanted[i - 1]["id"]) if i else None
            ids = spec.ids_of(existing)
            before = ids[0] if not i and ids else None
            add_entry(data, "domains", "domain", (str(entry["id"]), name, None), before, after)
            nodes[i] = next(
                d
                for d in data["domains"]
                if isinstance(d, dict)
                and d.get("id") == entry["id"]
                and all(d is not e for e in existing)
            )
            tally.domains_added.append(str(entry["id"]))
        elif isinstance(name, str) and node.get("name") != name:
            set_text(node, "name", name, spec.DOMAIN_KEYS)
    return nodes


def _statements(
    data: Any, wanted: list[Mapping[str, Any]], domains: list[Any], tally: Tally
) -> None:
    found = list(statements_of(data))
    entries = [s for d in wanted for s in d.get("statements") or [] if isinstance(s, Mapping)]
    matches = _match([f.statement for f in found], entries)
    kept = {id(node) for node in matches if node is not None}
    for f in reversed(found):
        if id(f.statement) not in kept:
            remove_item(f.seq, f.index, f.owner)
            tally.removed += 1
    start = 0
    for domain, entry in zip(domains, wanted, strict=True):
        mine = [s for s in entry.get("statements") or [] if isinstance(s, Mapping)]
        nodes = matches[start : start + len(mine)]
        start += len(mine)
        _place(data, domain, list(zip(mine, nodes, strict=True)), tally)


def _place(
    data: Any, domain: Any, pairs: list[tuple[Mapping[str, Any], Any]], tally: Tally
) -> None:
    """Put a domain's wanted statements in their order: the ones it holds reordered, the ones
    held elsewhere moved in, new ones added; each changed where it differs."""
    if not pairs:
        return  # a domain with no statements, in the file as in the data
    di = _index(data["domains"], domain)
    assert di is not None
    seq = statements_list(data, di)
    owner = (domain, "statements")
    tally.moved += _reorder(seq, [node for _, node in pairs])
    previous = None
    for entry, node in pairs:
        position = _index(seq, node) if node is not None else None
        if position is None:
            position = _position(seq, previous, [n for _, n in pairs])
            if node is None:
                node = new_statement(data, (di, seq, position), dict(entry))
                tally.added += 1
            else:
                moved = next(f for f in statements_of(data) if f.statement is node)
                remove_item(moved.seq, moved.index, moved.owner)
                tally.moved += 1
            insert_item(seq, position, node, owner)
        if _update(data, node, entry, ("domains", di, "statements", position)):
            tally.changed += 1
        previous = node


def _position(seq: Sequence[Any], previous: Any, nodes: Sequence[Any]) -> int:
    """Where the next wanted statement goes: after the one before it, else before the first
    wanted one the domain holds, else at the end."""
    if previous is not None:
        return (_index(seq, previous) or 0) + 1
    held = [i for i in (_index(seq, n) for n in nodes if n is not None) if i is not None]
    return min(held) if held else len(seq)


def _reorder(seq: Any, nodes: Sequence[Any]) -> int:
    """Put the wanted nodes ``seq`` holds in their wanted order (anything else keeps its
    place); returns how many had to move."""
    slots = [i for i, item in enumerate(seq) if any(item is n for n in nodes if n is not None)]
    ordered = [n for n in nodes if n is not None and _index(seq, n) is not None]
    current = [seq[i] for i in slots]
    if all(a is b for a, b in zip(current, ordered, strict=True)):
        return 0
    order = list(range(len(seq)))
    for slot, node in zip(slots, ordered, strict=True):
        order[slot] = _index(seq, node) or 0
    reorder_items(seq, order)
    matcher = difflib.SequenceMatcher(None, [id(n) for n in current], [id(n) for n in ordered])
    return len(current) - sum(block.size for block in matcher.get_matching_blocks())


def _update(data: Any, node: Any, entry: Mapping[str, Any], at: tuple[str | int, ...]) -> bool:
    """Change a statement's texts and lists where ``entry`` differs; whether anything did."""
    changed = False
    for key in TEXTS:
        value = entry.get(key)
        old = node.get(key)
        if not isinstance(value, str):
            if key in node:
                remove_key(node, key)
                changed = True
        elif not isinstance(old, str) or old != value:
            width = current_style().fold_width(data, at) if key == "text" else 0
            set_text(node, key, value, spec.STATEMENT_KEYS, width=width)
            changed = True
    changed |= set_citations(data, node, list(entry.get("cite") or []))
    for key in ID_LISTS:
        changed |= _set_ids(node, key, [str(v) for v in entry.get(key) or []])
    return changed


def _set_ids(statement: Any, key: str, wanted: list[str]) -> bool:
    """Make a statement's list of ids (anchors, tags) ``wanted``, item by item; an emptied list
    is removed, a new one written ``[a, b]``."""
    from ruamel.yaml.comments import CommentedSeq

    present = statement.get(key)
    have = [str(v) for v in present] if isinstance(present, list) else None
    if have == wanted or (not wanted and key not in statement):
        return False
    if not wanted:
        remove_key(statement, key)
    elif have is None:
        seq = CommentedSeq(scalar(v, flow=True) for v in wanted)
        seq.fa.set_flow_style()
        if key in statement:
            put(statement, key, seq)
        else:
            add_key(
                statement, key, seq, after=spec.STATEMENT_KEYS[: spec.STATEMENT_KEYS.index(key)]
            )
    else:
        flow = is_flow(present)
        sync_items(present, have, wanted, lambda v: scalar(v, flow=flow), (statement, key))
    return True


def _tidy_domains(data: Any, domains: list[Any], tally: Tally) -> None:
    """Remove the domains the data leaves out (their statements are gone or moved by now), and
    put the rest in the data's order."""
    seq = spec.list_at(data, "domains")
    if seq is None:
        return
    for index in reversed(range(len(seq))):
        item = seq[index]
        if not any(item is node for node in domains):
            remove_item(seq, index, (data, "domains"))
            if isinstance(item, dict):
                tally.domains_removed.insert(0, str(item.get("id")))
    order = [_index(seq, node) for node in domains]
    if order != list(range(len(seq))) and None not in order:
        reorder_items(seq, [i for i in order if i is not None])
