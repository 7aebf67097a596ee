"""Named edits for the parts of a framework a writer maintains besides its statements' words:
the framework's own facts, a level's or domain's name and description, a source's fields, a
source's removal, a citation's locator, and a statement's tags and anchors.

Each function checks its arguments and returns an operation for :func:`skillframe.edit.apply`,
with the same safety as every edit: the result is linted and refused if it adds an error, only
the changed lines change, ``--dry-run`` shows the diff. A value replacing another keeps its
style (quotes, ``>-`` folding, re-wrapped at the file's width); a new key goes where the file
format puts it, written the way the file writes its neighbours.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from skillframe.edit import Operation, current_path, current_style
from skillframe.errors import SkillframeError
from skillframe.operations import cited, source_entry
from skillframe.operations.common import (
    check_slug,
    find_domain,
    find_statement,
    plural,
    statements_of,
    unknown,
    usage,
)
from skillframe.spec import (
    DOMAIN_KEYS,
    DOUBLE_QUOTED,
    FRAMEWORK_KEYS,
    IDENTIFIER_KEYS,
    LEVEL_KEYS,
    OCCUPATION_KEYS,
    SOURCE_KEYS,
    STATEMENT_KEYS,
    WIDTH,
)
from skillframe.tree import (
    add_key,
    folded,
    insert_item,
    is_flow,
    make_block,
    put,
    remove_item,
    remove_key,
    scalar,
    set_scalar,
)

#: The framework's statuses (docs/format.md).
STATUSES = ("draft", "published", "deprecated")


def set_text(
    mapping: Any,
    key: str,
    text: str,
    order: Sequence[str],
    *,
    quoted: bool = False,
    width: int = 0,
) -> None:
    """Set ``mapping[key]`` to ``text``: an old value keeps its style; a new key goes after its
    neighbours in ``order``, in double quotes when ``quoted`` (codes and versions), folded at
    ``width`` when it is longer than a line."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if key in mapping and mapping[key] is not None:
        set_scalar(mapping, key, text, width)
        return
    if quoted:
        value: Any = DoubleQuotedScalarString(text)
    elif width and len(text) > width and not is_flow(mapping):
        value = folded(text, width)
    else:
        value = scalar(text, flow=is_flow(mapping))
    if key in mapping:
        put(mapping, key, value)
    else:
        add_key(mapping, key, value, after=order[: order.index(key)])


def _width(data: Any, at: tuple[str | int, ...]) -> int:
    """The line width of a folded text at ``at``: the file's own, or (a file with no folded
    text to measure yet, such as a new one) the width docs/format.md's examples use."""
    from dataclasses import replace

    style = current_style()
    if not style.wrap:
        style = replace(style, wrap=WIDTH)
    return int(style.fold_width(data, at))


def _nothing(**given: Any) -> None:
    if all(value is None for value in given.values()):
        flags = ", ".join(f"--{name.replace('_', '-')}" for name in given)
        raise usage(f"nothing to change: give {flags}")


# -- the framework's own facts -------------------------------------------------------------------


def edit_framework(
    *,
    title: str | None = None,
    version: str | None = None,
    status: str | None = None,
    scope: str | None = None,
    occupation: str | None = None,
    onet_soc: str | None = None,
) -> Operation:
    """Set the framework's title, version, status, scope and occupation (title and O*NET-SOC
    code); what is not given stays."""
    _nothing(
        title=title,
        version=version,
        status=status,
        scope=scope,
        occupation=occupation,
        onet_soc=onet_soc,
    )
    if status is not None:
        unknown("status", status, STATUSES)

    def operation(data: Any) -> str:
        changed = []
        for key, value, quoted in (
            ("title", title, False),
            ("version", version, True),
            ("status", status, False),
        ):
            if value is not None:
                set_text(data, key, value, FRAMEWORK_KEYS, quoted=quoted)
                changed.append(key)
        if occupation is not None or onet_soc is not None:
            _occupation(data, occupation, onet_soc)
            changed.append("occupation")
        if scope is not None:
            width = _width(data, ("scope",))
            set_text(data, "scope", scope, FRAMEWORK_KEYS, width=width)
            changed.append("scope")
        return f"set the framework's {_and(changed)}"

    return operation


def _occupation(data: Any, title: str | None, code: str | None) -> None:
    from ruamel.yaml.comments import CommentedMap

    block = data.get("occupation")
    fresh = not isinstance(block, dict)
    if fresh:
        block = CommentedMap()
    if title is not None:
        set_text(block, "title", title, OCCUPATION_KEYS)
    if code is not None:
        set_text(block, "onet_soc", code, OCCUPATION_KEYS, quoted=True)
    if not fresh:
        return
    # Filled before it goes in: the comment lines that followed the key before it stay below.
    if "occupation" in data:
        put(data, "occupation", block)
    else:
        add_key(data, "occupation", block, after=FRAMEWORK_KEYS[:5])


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


# -- levels and domains ------------------------------------------------------------------------


def edit_entry(
    kind: str, ident: str, *, name: str | None = None, description: str | None = None
) -> Operation:
    """Set a level's or a domain's name and description (``kind``: "level" or "domain")."""
    _nothing(name=name, description=description)

    def operation(data: Any) -> str:
        if kind == "domain":
            index, entry = find_domain(data, ident)
            at: tuple[str | int, ...] = ("domains", index)
            order: Sequence[str] = DOMAIN_KEYS
        else:
            levels = [lv for lv in data.get("levels") or [] if isinstance(lv, dict)]
            unknown("level", ident, [str(lv.get("id")) for lv in levels])
            matches = [i for i, lv in enumerate(data["levels"]) if _id(lv) == ident]
            index, entry = matches[0], data["levels"][matches[0]]
            at, order = ("levels", index), LEVEL_KEYS
        changed = []
        if name is not None:
            set_text(entry, "name", name, order)
            changed.append("name")
        if description is not None:
            width = _width(data, (*at, "description"))
            set_text(entry, "description", description, order, width=width)
            changed.append("description")
        return f"set the {_and(changed)} of {kind} '{ident}'"

    return operation


def _id(entry: Any) -> Any:
    return entry.get("id") if isinstance(entry, dict) else None


# -- sources -----------------------------------------------------------------------------------


def _registry(data: Any, ident: str) -> Any:
    """The ``sources:`` mapping of a sources file or a framework that holds ``ident``."""
    registry = data.get("sources") if isinstance(data, dict) else None
    known = [str(k) for k in registry] if isinstance(registry, dict) else []
    if ident not in known:
        where = "registry" if data.get("schema", "").endswith("sources@1") else "framework's own"
        near = f" (it has: {', '.join(known[:12])})" if known else " (it has none)"
        from skillframe.operations.common import closest

        guess = closest(ident, known)
        hint = f"; did you mean '{guess}'?" if guess else near
        raise usage(f"no source '{ident}' in this {where} sources{hint}")
    return registry


def edit_source(ident: str, fields: dict[str, Any], remove: Sequence[str] = ()) -> Operation:
    """Set a source's fields (``authors`` replaces the list as given, one author a value) and
    remove the fields named in ``remove``."""
    unknown_fields = sorted((set(fields) | set(remove)) - set(SOURCE_KEYS))
    if unknown_fields:
        raise usage(f"unknown source field '{unknown_fields[0]}'")
    if not fields and not remove:
        raise usage("nothing to change: give the fields to set (such as --title) or --unset")
    if "title" in remove or "type" in remove:
        raise usage("a source needs its title and type: they can be changed, not removed")

    def operation(data: Any) -> str:
        registry = _registry(data, ident)
        entry = registry[ident]
        if not isinstance(entry, dict):
            raise usage(f"source '{ident}' is not a mapping of fields; fix it first")
        for key in SOURCE_KEYS:
            if key not in fields:
                continue
            value = fields[key]
            if isinstance(value, str) and key not in DOUBLE_QUOTED and key in entry:
                set_scalar(entry, key, value)
                continue
            if key in DOUBLE_QUOTED and key in entry and isinstance(entry[key], str):
                set_scalar(entry, key, value)
                continue
            if key == "identifiers" and isinstance(entry.get(key), dict):
                for name, code in value.items():
                    set_text(entry[key], name, code, IDENTIFIER_KEYS, quoted=True)
                continue
            rendered = source_entry({key: value}, is_flow(entry))[key]
            if key in entry:
                put(entry, key, rendered)
            else:
                add_key(entry, key, rendered, after=SOURCE_KEYS[: SOURCE_KEYS.index(key)])
        for key in remove:
            if key in entry:
                remove_key(entry, key)
        return f"changed source '{ident}'"

    return operation


def _citing(data: Any, ident: str) -> Iterator[str]:
    """What in a framework cites the source ``ident``: statements, anchors, evidence, the
    exposure table (each named once)."""
    for found in statements_of(data):
        entries = found.statement.get("cite")
        if isinstance(entries, list) and any(cited(c)[0] == ident for c in entries):
            yield f"statement '{found.statement.get('id')}'"
    for key, what in (("anchors", "anchor"), ("evidence", "evidence")):
        for item in data.get(key) or []:
            if not isinstance(item, dict):
                continue
            listed = item.get("cite")
            cites = listed if isinstance(listed, list) else []
            if item.get("source") == ident or any(cited(c)[0] == ident for c in cites):
                yield f"{what} '{item.get('id')}'"
    exposure = data.get("exposure")
    told = exposure.get("cite") if isinstance(exposure, dict) else None
    if isinstance(told, list) and any(cited(c)[0] == ident for c in told):
        yield "the exposure table"


def _citing_elsewhere(registry_path: Path, ident: str) -> list[tuple[str, list[str]]]:
    """The frameworks of the collection that resolve ``registry_path`` as their shared sources
    and cite ``ident`` from it (a framework with its own source of that id does not)."""
    from skillframe.collection import display_path, expand
    from skillframe.config import discover
    from skillframe.load import load_path
    from skillframe.registry import shared_source_files

    config = discover(registry_path)
    roots = list(config.paths) or [config.root or registry_path.parent]
    target = registry_path.resolve()
    out: list[tuple[str, list[str]]] = []
    try:
        files = expand([r for r in roots if r.exists()], config)
    except SkillframeError:
        return out
    for file in files:
        if file.resolve() == target:
            continue
        try:
            doc = load_path(file)
        except OSError:
            continue
        if doc.kind != "framework" or not isinstance(doc.data, dict):
            continue
        if target not in [f.resolve() for f in shared_source_files(file)]:
            continue
        own = doc.data.get("sources")
        if isinstance(own, dict) and ident in own:
            continue
        users = list(_citing(doc.data, ident))
        if users:
            out.append((display_path(file), users))
    return out


def remove_source(ident: str, *, force: bool = False) -> Operation:
    """Remove a source from a registry; refused while anything cites it, unless ``force``."""

    def operation(data: Any) -> str:
        registry = _registry(data, ident)
        path = current_path()
        users: list[tuple[str, list[str]]] = []
        if data.get("schema") == "skillframe/framework@1":
            from skillframe.operations import known_sources

            shared = dict(known_sources({})) if path else {}
            here = list(_citing(data, ident))
            if here and ident not in shared:
                users.append(("this framework", here))
        elif path is not None:
            users = _citing_elsewhere(path, ident)
        if users and not force:
            told = "; ".join(f"{where}: {_listed(what)}" for where, what in users)
            count = sum(len(what) for _, what in users)
            raise SkillframeError(
                f"source '{ident}' is still cited ({plural(count, 'citation')}; {told}): remove "
                "those citations first (skillframe cite rm FILE STATEMENT SOURCE), or --force "
                "removes the source anyway",
                exit_code=1,
            )
        remove_key(registry, ident)
        if users:
            return f"removed source '{ident}' (still cited: {'; '.join(w for w, _ in users)})"
        return f"removed source '{ident}'"

    return operation


def _listed(names: list[str], most: int = 4) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


# -- citations ---------------------------------------------------------------------------------


def edit_citation(
    ident: str, source: str, *, locator: str | None = None, note: str | None = None
) -> Operation:
    """Change the locator (and note) of a statement's citation of ``source``. A short citation
    (a bare id) becomes the long form; an empty locator removes it."""
    _nothing(locator=locator, note=note)

    def operation(data: Any) -> str:
        from ruamel.yaml.comments import CommentedMap

        from skillframe.operations import citation_locator_style

        found = find_statement(data, ident)
        statement = found.statement
        cites = statement.get("cite") if isinstance(statement.get("cite"), list) else []
        indexes = [i for i, c in enumerate(cites) if cited(c)[0] == source]
        if not indexes:
            listed = [s for s, _ in map(cited, cites) if s]
            unknown(f"citation of '{source}' in statement '{ident}' (it cites", source, listed)
        if len(indexes) > 1:
            where = ", ".join(repr(cited(cites[i])[1]) for i in indexes)
            raise usage(
                f"statement '{ident}' cites '{source}' {len(indexes)} times ({where}): remove "
                "the ones you do not want with cite rm and add the right one with cite add"
            )
        index = indexes[0]
        entry = cites[index]
        if not isinstance(entry, dict):
            if not locator and not note:
                return f"statement '{ident}' cites '{source}' with no locator already"
            long = CommentedMap()
            long["source"] = scalar(source)
            if is_flow(cites) and not is_flow(statement):
                make_block(statement, "cite")
                cites = statement["cite"]
            remove_item(cites, index, (statement, "cite"))
            insert_item(cites, index, long, (statement, "cite"))
            entry = cites[index]
        if locator is not None:
            if locator == "":
                if "locator" in entry:
                    remove_key(entry, "locator")
            elif "locator" in entry:
                set_scalar(entry, "locator", locator)
            else:
                from ruamel.yaml.scalarstring import DoubleQuotedScalarString

                like = citation_locator_style(data)
                value = scalar(
                    locator, like=like if like is not None else DoubleQuotedScalarString("")
                )
                add_key(entry, "locator", value, after=("source",))
        if note is not None:
            set_text(entry, "note", note, ("source", "locator", "note"))
        if set(entry) == {"source"}:
            remove_item(cites, index, (statement, "cite"))
            insert_item(cites, index, scalar(source), (statement, "cite"))
        shown = f" at '{locator}'" if locator else ""
        return f"statement '{ident}' cites '{source}'{shown}"

    return operation


# -- a statement's tags and anchors --------------------------------------------------------------


def edit_lists(
    ident: str,
    *,
    add_tags: Sequence[str] = (),
    remove_tags: Sequence[str] = (),
    add_anchors: Sequence[str] = (),
    remove_anchors: Sequence[str] = (),
) -> Operation:
    """Add and remove a statement's tags and anchors (a list emptied is removed)."""
    for tag in add_tags:
        check_slug(tag, "tag")

    def operation(data: Any) -> str:
        found = find_statement(data, ident)
        said = []
        for key, adding, removing in (
            ("tags", add_tags, remove_tags),
            ("anchors", add_anchors, remove_anchors),
        ):
            said += _change_list(found.statement, key, adding, removing, ident)
        return f"statement '{ident}': {'; '.join(said)}" if said else "no change"

    return operation


def _change_list(
    statement: Any, key: str, adding: Sequence[str], removing: Sequence[str], ident: str
) -> list[str]:
    from ruamel.yaml.comments import CommentedSeq

    if not adding and not removing:
        return []
    what = key[:-1]
    present = statement.get(key) if isinstance(statement.get(key), list) else None
    have = [str(v) for v in present or []]
    for value in removing:
        if value not in have:
            unknown(f"{what} of statement '{ident}' (it has", value, have)
    said = []
    if adding:
        new = [v for v in adding if v not in have]
        if new:
            if present is None:
                present = CommentedSeq()
                present.fa.set_flow_style()
                add_key(statement, key, present, after=STATEMENT_KEYS[: STATEMENT_KEYS.index(key)])
            for value in new:
                insert_item(present, len(present), scalar(value, flow=True), (statement, key))
            said.append(
                f"added {what}s {', '.join(new)}" if len(new) > 1 else f"added {what} {new[0]}"
            )
    for value in removing:
        assert present is not None
        index = [str(v) for v in present].index(value)
        remove_item(present, index, (statement, key))
        said.append(f"removed {what} {value}")
    if present is not None and len(present) == 0:
        remove_key(statement, key)
    return said


def together(*operations: Operation) -> Operation:
    """One operation doing several in order; its message is their messages joined."""

    def operation(data: Any) -> str:
        return "; ".join(str(m) for m in (op(data) for op in operations) if m)

    return operation


__all__ = [
    "edit_citation",
    "edit_entry",
    "edit_framework",
    "edit_lists",
    "edit_source",
    "remove_source",
    "together",
]
