"""The named edits of a framework: statements, citations, domains, levels, sources and anchors.

Each public function here checks its arguments and returns an :data:`~skillframe.edit.Operation`
for :func:`skillframe.edit.apply`. The operation finds what it changes by id, raises
:class:`~skillframe.errors.SkillframeError` (exit 2) when an id it is given does not exist, and
otherwise changes the tree through :mod:`skillframe.tree`. Whether the result is a valid
framework is not its business: ``apply`` lints the result and refuses an edit that adds an error.

New values are written the way the file already writes them: a new statement copies its
neighbour's layout (block or flow mapping, folded ``>-`` text broken at the file's width, quoted
locators, a flow ``[...]`` list of citations), so it looks as if the writer had typed it.
"""

from __future__ import annotations

import difflib
import re
import shlex
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from skillframe.edit import Operation, current_path, current_style
from skillframe.errors import SkillframeError
from skillframe.onet import TaskTable, anchors_to_add
from skillframe.tree import (
    add_key,
    folded,
    insert_item,
    is_flow,
    make_block,
    make_flow,
    put,
    remove_item,
    scalar,
    set_scalar,
    unfold_item,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: Where the lines of a file's first folded text end (the bundled frameworks' width).
FIRST_TEXT_WRAP = 100

#: The keys of each mapping, in the file format's order (``fmt`` writes them so; edits add keys so).
FRAMEWORK_KEYS = (
    "schema",
    "id",
    "title",
    "version",
    "status",
    "occupation",
    "scope",
    "taxonomy",
    "levels",
    "sources",
    "anchors",
    "domains",
    "evidence",
    "exposure",
)
LEVEL_KEYS = ("id", "name", "description")
DOMAIN_KEYS = ("id", "name", "description", "statements")
STATEMENT_KEYS = ("id", "level", "title", "text", "cite", "anchors", "tags")
CITATION_KEYS = ("source", "locator", "note")
SOURCE_KEYS = (
    "title",
    "type",
    "publisher",
    "authors",
    "year",
    "version",
    "date",
    "url",
    "license",
    "identifiers",
    "locator",
    "description",
)
#: Source fields written in double quotes, as the file format reference writes them (they look like numbers,
#: dates or addresses).
QUOTED_SOURCE_FIELDS = ("version", "date", "url")
IDENTIFIER_KEYS = ("arxiv", "doi", "isbn", "url")


def plural(count: int, word: str) -> str:
    """``1 statement``, ``2 statements``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def usage(message: str) -> SkillframeError:
    return SkillframeError(message, exit_code=2)


def slugify(text: str, limit: int = 60) -> str:
    """An id from a title: lowercase ASCII words joined by hyphens, cut at a word boundary."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit and slug:
            break
        slug = longer[:limit]
    return slug


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... whichever is not taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def check_slug(value: str, what: str) -> str:
    if not SLUG.match(value):
        raise usage(
            f"{what} '{value}' is not a valid id: use lowercase letters and digits with single "
            f"hyphens between words (for example '{slugify(value) or 'plain-answers'}')"
        )
    return value


def _hint(word: str, choices: Sequence[str], listed: str = "there are") -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
    if choices:
        shown = ", ".join(list(choices)[:12])
        more = ", ..." if len(choices) > 12 else ""
        return f" ({listed}: {shown}{more})"
    return f" ({listed}: none)"


# -- finding things ---------------------------------------------------------------------------


def _list(data: Any, key: str) -> Any:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else None


def domains_of(data: Any) -> list[tuple[int, Any]]:
    seq = _list(data, "domains") or []
    return [(i, d) for i, d in enumerate(seq) if isinstance(d, dict)]


def level_ids(data: Any) -> list[str]:
    seq = _list(data, "levels") or []
    return [lv["id"] for lv in seq if isinstance(lv, dict) and isinstance(lv.get("id"), str)]


@dataclass
class Found:
    """A statement and where it is."""

    domain_index: int
    domain: Any
    seq: Any
    index: int
    statement: Any

    @property
    def at(self) -> tuple[str | int, ...]:
        return ("domains", self.domain_index, "statements", self.index)

    @property
    def owner(self) -> tuple[Any, str]:
        return (self.domain, "statements")


def statements_of(data: Any) -> Iterator[Found]:
    for di, domain in domains_of(data):
        seq = _list(domain, "statements") or []
        for si, statement in enumerate(seq):
            if isinstance(statement, dict):
                yield Found(di, domain, seq, si, statement)


def statement_ids(data: Any) -> list[str]:
    return [
        f.statement["id"] for f in statements_of(data) if isinstance(f.statement.get("id"), str)
    ]


def find_statement(data: Any, ident: str) -> Found:
    for found in statements_of(data):
        if found.statement.get("id") == ident:
            return found
    raise usage(f"no statement '{ident}' in this framework{_hint(ident, statement_ids(data))}")


def find_domain(data: Any, ident: str) -> tuple[int, Any]:
    for index, domain in domains_of(data):
        if domain.get("id") == ident:
            return index, domain
    ids = [d.get("id") for _, d in domains_of(data) if isinstance(d.get("id"), str)]
    raise usage(f"no domain '{ident}' in this framework{_hint(ident, ids)}")


def _find_level(data: Any, ident: str) -> int:
    ids = level_ids(data)
    if ident not in ids:
        raise usage(f"no level '{ident}' in this framework{_hint(ident, ids)}")
    return ids.index(ident)


def _ensure_list(
    mapping: Any, key: str, order: Sequence[str], flow: bool = False, comment: str = ""
) -> Any:
    """``mapping[key]`` as a list to add to, created (after its neighbours in ``order``, below
    ``comment`` when it is a new key) if absent or empty (null)."""
    from ruamel.yaml.comments import CommentedSeq

    value = mapping.get(key)
    if isinstance(value, list):
        return value
    seq = CommentedSeq()
    if flow:
        seq.fa.set_flow_style()
    if key in mapping:
        mapping[key] = seq
    else:
        add_key(mapping, key, seq, after=order[: order.index(key)], comment=comment)
    return seq


def _statements_list(data: Any, index: int) -> Any:
    """The statements of domain ``index``, to add to (a domain written as ``{id: ..., name:
    ...}`` is unfolded first: it cannot hold block statements)."""
    unfold_item(data["domains"], index)
    return _ensure_list(data["domains"][index], "statements", DOMAIN_KEYS)


def name_from_id(ident: str) -> str:
    """A readable name for an id: ``critical-thinking`` -> ``Critical thinking``."""
    words = ident.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


# -- statements -------------------------------------------------------------------------------


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
        raise usage("give --after or --before, not both")
    anchor_id = after or before
    if anchor_id:
        near = find_statement(data, anchor_id)
        if domain and near.domain.get("id") != domain:
            raise usage(
                f"statement '{anchor_id}' is in domain '{near.domain.get('id')}', not '{domain}'"
            )
        return near.domain_index, near.domain, near.index + (1 if after else 0)
    if not domain:
        raise usage("say where the statement goes: --domain, --after or --before")
    index, found = find_domain(data, domain)
    seq = _list(found, "statements") or []
    return index, found, _level_position(seq, level or "", level_ids(data))


def _template(data: Any, seq: Any, position: int) -> Any:
    """The statement a new one should look like: its neighbour, else the file's first."""
    for candidate in (position - 1, position):
        if 0 <= candidate < len(seq) and isinstance(seq[candidate], dict):
            return seq[candidate]
    return next((f.statement for f in statements_of(data)), None)


def _citation(source: str, locator: str | None, like: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if locator is None:
        return scalar(source)
    entry = CommentedMap()
    entry["source"] = scalar(source)
    entry["locator"] = scalar(
        locator, like=like if like is not None else DoubleQuotedScalarString("")
    )
    return entry


def _locator_style(data: Any) -> Any:
    """A locator already in the file, whose quoting new locators copy."""
    for found in statements_of(data):
        for cite in _list(found.statement, "cite") or []:
            if isinstance(cite, dict) and isinstance(cite.get("locator"), str):
                return cite["locator"]
    return None


def _short_lists_flow(data: Any) -> bool:
    """Whether the file writes a list of plain source ids as ``[a, b]`` (the file format reference's way)
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


def _citations(data: Any, cites: Sequence[str], locators: dict[str, str], flow_map: bool) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    like = _locator_style(data)
    seq = CommentedSeq()
    for source in cites:
        seq.append(_citation(source, locators.get(source), like))
    short = all(isinstance(c, str) for c in seq)
    if flow_map or (short and _short_lists_flow(data)):
        seq.fa.set_flow_style()
    else:
        seq.fa.set_block_style()
    return seq


def _text_value(data: Any, text: str, template: Any, at: tuple[str | int, ...]) -> Any:
    from ruamel.yaml.scalarstring import FoldedScalarString

    like = template.get("text") if isinstance(template, dict) else None
    if "\n" not in text and (template is None or isinstance(like, FoldedScalarString)):
        # A file's first statement is written as the file format reference writes one: ">-", lines broken
        # before column 100.
        style = current_style()
        if template is None and not style.wrap:
            style = replace(style, wrap=FIRST_TEXT_WRAP)
        return folded(text, style.fold_width(data, at))
    return scalar(text, like=like)


def check_locators(cites: Sequence[str], locators: dict[str, str]) -> None:
    for source in locators:
        if source not in cites:
            raise usage(f"--locator names '{source}', which is not cited (add --cite {source})")


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
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        di, target, position = _place(data, domain, after, before, level)
        seq = _statements_list(data, di)
        template = _template(data, seq, position)
        flow_map = is_flow(template)
        taken = set(statement_ids(data))
        new_id = ident or unique_id(slugify(title) or "statement", taken)
        statement = CommentedMap()
        like = template if isinstance(template, dict) else {}
        statement["id"] = scalar(new_id, flow=flow_map)
        statement["level"] = scalar(level, flow=flow_map)
        statement["title"] = scalar(title, like=like.get("title"), flow=flow_map)
        if flow_map:
            statement["text"] = scalar(text, like=like.get("text"), flow=True)
        else:
            at = ("domains", di, "statements", position)
            statement["text"] = _text_value(data, text, template, at)
        statement["cite"] = _citations(data, cites, locators, flow_map)
        if anchors:
            anchor_seq = CommentedSeq(scalar(a, flow=True) for a in anchors)
            anchor_seq.fa.set_flow_style()
            statement["anchors"] = anchor_seq
        if flow_map:
            statement.fa.set_flow_style()
        insert_item(seq, position, statement, (target, "statements"))
        return new_id

    return operation


def edit_statement(
    ident: str,
    *,
    title: str | None = None,
    text: str | None = None,
    level: str | None = None,
    domain: str | None = None,
    new_id: str | None = None,
) -> Operation:
    """Change a statement's title, text, level, domain or id."""
    if new_id is not None:
        check_slug(new_id, "statement id")
    if all(v is None for v in (title, text, level, domain, new_id)):
        raise usage("nothing to change: give --title, --text, --level, --domain or --id")

    def operation(data: Any) -> str:
        found = find_statement(data, ident)
        statement = found.statement
        if title is not None:
            set_scalar(statement, "title", title)
        if text is not None:
            set_scalar(statement, "text", text, current_style().fold_width(data, found.at))
        if level is not None:
            set_scalar(statement, "level", level)
        final_id = ident
        if new_id is not None and new_id != ident:
            if new_id in statement_ids(data):
                raise usage(f"statement id '{new_id}' is already used")
            set_scalar(statement, "id", new_id)
            final_id = new_id
        if domain is not None and domain != found.domain.get("id"):
            _move(data, final_id, domain, None, None)
        return final_id

    return operation


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
    insert_item(_statements_list(data, index), position, statement, (target, "statements"))
    return target


def move_statement(
    ident: str, *, domain: str | None = None, before: str | None = None, after: str | None = None
) -> Operation:
    """Move a statement to another domain (at its level's place) or before/after another."""
    if sum(v is not None for v in (domain, before, after)) != 1:
        raise usage("say where to move it: one of --domain, --before or --after")

    def operation(data: Any) -> str:
        target = _move(data, ident, domain, before, after)
        return f"moved statement '{ident}' to domain '{target.get('id')}'"

    return operation


# -- citations --------------------------------------------------------------------------------


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
        cites = _ensure_list(statement, "cite", STATEMENT_KEYS, flow=True)
        if (source, locator) in [cited(c) for c in cites]:
            where = f" at '{locator}'" if locator else ""
            raise usage(f"statement '{ident}' already cites '{source}'{where}")
        entry = _citation(source, locator, _locator_style(data))
        if not isinstance(entry, str) and is_flow(cites) and not is_flow(statement):
            make_block(statement, "cite")
        insert_item(cites, len(cites), entry, (statement, "cite"))
        return f"statement '{ident}' now cites '{source}'"

    return operation


def remove_citation(ident: str, source: str) -> Operation:
    def operation(data: Any) -> str:
        found = find_statement(data, ident)
        cites = _list(found.statement, "cite") or []
        indexes = [i for i, c in enumerate(cites) if cited(c)[0] == source]
        if not indexes:
            listed = [s for s, _ in map(cited, cites) if s]
            raise usage(
                f"statement '{ident}' does not cite '{source}'{_hint(source, listed, 'it cites')}"
            )
        for index in reversed(indexes):
            remove_item(cites, index, (found.statement, "cite"))
        if cites and all(isinstance(c, str) for c in cites) and _short_lists_flow(data):
            # Only ids are left: written as the file writes such lists, as add left them.
            make_flow(found.statement, "cite")
        return f"statement '{ident}' no longer cites '{source}'"

    return operation


# -- domains and levels -----------------------------------------------------------------------


def _position(ids: list[str], before: str | None, after: str | None, what: str) -> int:
    if before and after:
        raise usage("give --after or --before, not both")
    near = before or after
    if near is None:
        return len(ids)
    if near not in ids:
        raise usage(f"no {what} '{near}' in this framework{_hint(near, ids)}")
    return ids.index(near) + (1 if after else 0)


def _entry(ident: str, name: str, description: str | None, like: Any) -> Any:
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


def _add_entry(
    data: Any,
    key: str,
    what: str,
    entry: tuple[str, str | None, str | None],
    before: str | None,
    after: str | None,
) -> str:
    """Insert a new level or domain ``entry`` (id, name, description) into ``data[key]``."""
    ident, name, description = entry
    seq = _ensure_list(data, key, FRAMEWORK_KEYS)
    ids = [str(d.get("id")) for d in seq if isinstance(d, dict)]
    if ident in ids:
        raise usage(f"{what} '{ident}' already exists")
    position = _position(ids, before, after, what)
    like = seq[position - 1] if position > 0 else (seq[0] if len(seq) else None)
    shown = name or name_from_id(ident)
    insert_item(seq, position, _entry(ident, shown, description, like), (data, key))
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
        return _add_entry(data, "domains", "domain", (ident, shown, description), before, after)

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
        held = len(_list(domain, "statements") or [])
        if held and not force:
            raise SkillframeError(
                f"domain '{ident}' still holds {plural(held, 'statement')}: move "
                "them first (skillframe statement move), or give --force to remove them too",
                exit_code=1,
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
        return _add_entry(data, "levels", "level", (ident, name, description), before, after)

    return operation


def rename_level(old: str, new: str, *, name: str | None = None) -> Operation:
    """Rename a level and every statement's use of it."""
    check_slug(new, "level id")

    def operation(data: Any) -> str:
        index = _find_level(data, old)
        if new != old and new in level_ids(data):
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
        index = _find_level(data, ident)
        using = [f for f in statements_of(data) if f.statement.get("level") == ident]
        if using and not force:
            raise SkillframeError(
                f"level '{ident}' is used by {plural(len(using), 'statement')} "
                f"(first: '{using[0].statement.get('id')}'): re-level them first (skillframe "
                "statement edit --level), or give --force to remove them too",
                exit_code=1,
            )
        for found in reversed(using):
            remove_item(found.seq, found.index, found.owner)
        remove_item(data["levels"], index, (data, "levels"))
        also = f" and {plural(len(using), 'statement')}" if using else ""
        return f"removed level '{ident}'{also}"

    return operation


# -- sources ----------------------------------------------------------------------------------


def add_source(ident: str, fields: dict[str, Any]) -> Operation:
    """Add a source to a registry (``sources:`` of a sources file, or a framework's own)."""
    check_slug(ident, "source id")
    unknown = sorted(set(fields) - set(SOURCE_KEYS))
    if unknown:
        raise usage(f"unknown source field '{unknown[0]}'")

    def operation(data: Any) -> str:
        from ruamel.yaml.comments import CommentedMap

        registry = data.get("sources")
        if isinstance(registry, dict):
            if ident in registry:
                raise usage(f"source '{ident}' is already in this registry")
            neighbour = list(registry.values())[-1] if registry else None
            add_key(registry, ident, _source_entry(fields, is_flow(neighbour)))
            return f"added source '{ident}'"
        registry = CommentedMap()
        registry[ident] = _source_entry(fields, False)
        if "sources" in data:
            put(data, "sources", registry)
        else:
            add_key(
                data, "sources", registry, after=FRAMEWORK_KEYS[: FRAMEWORK_KEYS.index("sources")]
            )
        return f"added source '{ident}'"

    return operation


def _source_entry(fields: dict[str, Any], flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    entry = CommentedMap()
    for key in SOURCE_KEYS:
        value = fields.get(key)
        if value is None or value == [] or value == {}:
            continue
        if key in QUOTED_SOURCE_FIELDS:
            entry[key] = DoubleQuotedScalarString(value)
        elif key == "authors":
            authors = CommentedSeq(scalar(a, flow=True) for a in value)
            authors.fa.set_flow_style()
            entry[key] = authors
        elif key == "identifiers":
            identifiers = CommentedMap()
            for name in IDENTIFIER_KEYS:
                if value.get(name):
                    identifiers[name] = DoubleQuotedScalarString(value[name])
            identifiers.fa.set_flow_style()
            entry[key] = identifiers
        elif key == "locator":
            locator = CommentedMap()
            locator["pattern"] = SingleQuotedScalarString(value["pattern"])
            if value.get("example"):
                locator["example"] = DoubleQuotedScalarString(value["example"])
            locator.fa.set_flow_style()
            entry[key] = locator
        elif isinstance(value, str):
            entry[key] = scalar(value, flow=flow)
        else:
            entry[key] = value
    if flow:
        entry.fa.set_flow_style()
    return entry


# -- anchors ----------------------------------------------------------------------------------

#: Who to credit, above a section of anchors imported from O*NET (its CC BY 4.0 attribution).
ONET_CREDIT = (
    "Includes information from the O*NET Database by the U.S. Department of Labor, Employment "
    "and Training Administration (USDOL/ETA), used under the CC BY 4.0 license. O*NET is a "
    "trademark of USDOL/ETA."
)


def _occupation_code(data: Any) -> str | None:
    occupation = data.get("occupation") if isinstance(data, dict) else None
    soc = occupation.get("onet_soc") if isinstance(occupation, dict) else None
    return soc if isinstance(soc, str) and soc.strip() else None


def known_sources(data: Any) -> dict[str, Any]:
    """The sources a framework being edited knows: the shared registry's, overlaid by its own."""
    from skillframe.collection import Resolver
    from skillframe.config import discover

    path = current_path()
    merged = dict(Resolver().shared_for(path, discover(path)).sources) if path else {}
    own = data.get("sources") if isinstance(data, dict) else None
    if isinstance(own, dict):
        merged.update(own)
    return merged


def anchor_references(data: Any) -> set[str]:
    """The anchor ids that statements and exposure tasks refer to."""
    used: set[str] = set()
    for found in statements_of(data):
        used.update(a for a in _list(found.statement, "anchors") or [] if isinstance(a, str))
    exposure = data.get("exposure") if isinstance(data, dict) else None
    for task in _list(exposure, "tasks") or []:
        if isinstance(task, dict) and isinstance(task.get("anchor"), str):
            used.add(task["anchor"])
    return used


def _credit(soc: str, title: str) -> str:
    """The comment above a new section of O*NET anchors, in lines of at most 100 columns."""
    import textwrap

    named = f"{soc} ({title})" if title else soc
    lines = [
        *textwrap.wrap(f"Task statements of O*NET occupation {named}.", FIRST_TEXT_WRAP - 2),
        *textwrap.wrap(ONET_CREDIT, FIRST_TEXT_WRAP - 2),
    ]
    return "".join(f"# {line}\n" for line in lines)


def _anchor_text(data: Any, text: str, like: Any, at: tuple[str | int, ...]) -> Any:
    """An anchor's text: written as the neighbour writes its text when that is one plain or
    quoted line and this text fits on one; otherwise folded (``>-``) at the file's width."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    style = current_style()
    wrap = style.wrap or FIRST_TEXT_WRAP
    one_line = isinstance(like, str) and not isinstance(like, FoldedScalarString)
    if one_line and style.key_column(data, at) + len("text: ") + len(text) <= wrap:
        return scalar(text, like=like)
    return _text_value(data, text, None, at)


def _anchor_entry(data: Any, anchor: dict[str, str], like: Any, at: tuple[str | int, ...]) -> Any:
    """A new anchor laid out as its neighbour ``like`` is (the format reference's layout when none)."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    flow = is_flow(like)
    near = like if isinstance(like, dict) else {}
    entry = CommentedMap()
    entry["id"] = scalar(anchor["id"], flow=flow)
    entry["source"] = scalar(anchor["source"], like=near.get("source"), flow=flow)
    locator_like = near.get("locator", DoubleQuotedScalarString(""))
    entry["locator"] = scalar(anchor["locator"], like=locator_like, flow=flow)
    if flow:
        entry["text"] = scalar(anchor["text"], like=near.get("text"), flow=True)
        entry.fa.set_flow_style()
    else:
        entry["text"] = _anchor_text(data, anchor["text"], near.get("text"), at)
    return entry


def import_anchors(table: TaskTable, soc: str | None = None, *, force: bool = False) -> Operation:
    """Add an occupation's O*NET tasks as anchors, after the framework's own, leaving out each
    task it already has (see :func:`skillframe.onet.anchors_to_add`). The occupation is ``soc``,
    else the framework's ``occupation.onet_soc``; importing another occupation's tasks than the
    framework's is refused unless ``force``. A new ``anchors:`` section goes before
    ``domains:``, below a comment crediting O*NET."""

    def operation(data: Any) -> str:
        own = _occupation_code(data)
        code = soc or own
        if code is None:
            raise usage(
                "say whose tasks to import: --soc CODE (such as 33-3051.04); the framework "
                "has no occupation.onet_soc"
            )
        existing = data.get("anchors")
        if existing is not None and not isinstance(existing, list):
            raise SkillframeError(
                "'anchors:' is not a list; fix it first (the file is unchanged)", exit_code=1
            )
        sources = known_sources(data)
        new = anchors_to_add(
            table, code, [a for a in existing or [] if isinstance(a, dict)], sources
        )
        if own is not None and code != own and not force:
            raise SkillframeError(
                f"the framework's occupation is {own} (occupation.onet_soc), and its anchors "
                f"must be tasks of it, not of {code}; the file is unchanged (--force imports "
                "them anyway)",
                exit_code=1,
            )
        if not new:
            count = len(table.occupation_tasks(code))
            if count == 1:
                return f"the one task of {code} is already an anchor"
            return f"all {count} tasks of {code} are already anchors"
        if "onet" not in sources:
            from skillframe.collection import display_path

            path = current_path()
            shown = shlex.quote(display_path(path)) if path else "FILE"
            raise SkillframeError(
                "the anchors would cite the source 'onet', which this framework does not know "
                "(neither its own sources: nor the shared registry lists it); add it first: "
                f"skillframe source add {shown} onet --title 'O*NET 30.2 Database' "
                "--type dataset --version 30.2 --url https://www.onetcenter.org "
                "--license CC-BY-4.0",
                exit_code=1,
            )
        title = table.titles.get(code, "")
        seq = _ensure_list(data, "anchors", FRAMEWORK_KEYS, comment=_credit(code, title))
        if is_flow(seq) and len(seq):
            make_block(data, "anchors")
        like = next((a for a in reversed(seq) if isinstance(a, dict)), None)
        for anchor in new:
            at = ("anchors", len(seq))
            insert_item(seq, len(seq), _anchor_entry(data, anchor, like, at), (data, "anchors"))
        ids = [a["id"] for a in new]
        message = f"added {plural(len(ids), 'anchor')}: {', '.join(ids)}"
        unused = [i for i in ids if i not in anchor_references(data)]
        if unused:
            them, each = ("it", "it") if len(unused) == 1 else ("them", "each")
            message += (
                f"\nno statement refers to {them} yet (lint warns SF206): list {each} under the "
                f"statements it grounds, as in anchors: [{unused[0]}], or with "
                f"skillframe statement add --anchor {unused[0]}"
            )
        return message

    return operation


# -- a new framework --------------------------------------------------------------------------

DEFAULT_LEVELS = ("foundational", "intermediate", "advanced", "expert")


def new_framework(
    path: Any,
    *,
    display: str,
    ident: str,
    title: str,
    taxonomy: str | None = None,
    levels: Sequence[str] = DEFAULT_LEVELS,
    domains: Sequence[str] = (),
    scope: str | None = None,
    occupation: tuple[str, str] | None = None,
) -> str:
    """The text of a new framework: its levels, every domain of its taxonomy (and ``domains``)
    scaffolded, and comments that tell the writer what to fill in. ``occupation`` is the
    O*NET-SOC code and title of the occupation it describes."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from skillframe import roundtrip
    from skillframe.collection import Resolver
    from skillframe.config import discover

    check_slug(ident, "framework id")
    if not title.strip():
        raise usage("the title must not be empty")
    for level in levels:
        check_slug(level, "level id")
    for domain in domains:
        check_slug(domain, "domain id")
    if len(set(levels)) != len(levels) or not levels:
        raise usage("--levels must name at least one level, each once")
    scaffold: list[tuple[str, str]] = []
    if taxonomy is not None:
        known = Resolver().shared_for(path, discover(path)).taxonomies
        if taxonomy not in known:
            raise usage(f"no taxonomy '{taxonomy}' is known here{_hint(taxonomy, sorted(known))}")
        for entry in known[taxonomy].get("domains") or []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                name = entry.get("name")
                shown = name if isinstance(name, str) else name_from_id(entry["id"])
                scaffold.append((entry["id"], shown))
    for domain in domains:
        if domain not in [d for d, _ in scaffold]:
            scaffold.append((domain, name_from_id(domain)))
    if not scaffold:
        raise usage("name the domains: --taxonomy ID (its domains) or --domains a,b,c")
    data = CommentedMap()
    data["schema"] = "skillframe/framework@1"
    data["id"] = scalar(ident)
    data["title"] = scalar(title.strip())
    data["status"] = "draft"
    if occupation is not None:
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        code, name = occupation
        data["occupation"] = CommentedMap(
            [("title", scalar(name)), ("onet_soc", DoubleQuotedScalarString(code))]
        )
    placeholder = scope is None or not scope.strip()
    scope_text = (
        scope.strip()
        if scope and scope.strip()
        else f"Who the {title.strip()} framework is for and what work it covers."
    )
    # As the file format reference writes it: a folded text, lines broken before column 100.
    data["scope"] = folded(scope_text, FIRST_TEXT_WRAP - roundtrip.Style().mapping)
    if taxonomy is not None:
        data["taxonomy"] = taxonomy
    data["levels"] = CommentedSeq(
        _entry(level, name_from_id(level), None, None) for level in levels
    )
    data["domains"] = CommentedSeq(_entry(d, name, None, None) for d, name in scaffold)
    text = roundtrip.dump(data, roundtrip.Style())
    shown_path = shlex.quote(display)
    header = (
        f"# {title.strip()}: a competency framework.\n"
        "# To fill in: statements in every domain, at every level, each citing its sources:\n"
        f"#   skillframe statement add {shown_path} --domain DOMAIN --level LEVEL --title TITLE \\\n"
        "#     --text TEXT --cite SOURCE\n"
        f"# then check the file with: skillframe lint {shown_path}\n"
    )
    text = header + text
    if placeholder:
        text = text.replace(
            "\nscope: ",
            "\n# Replace this scope with who the framework is for and what work it covers.\nscope: ",
            1,
        )
    text = text.replace(
        "\nlevels:\n",
        "\n# Levels of mastery, lowest first; a description of each helps readers.\nlevels:\n",
        1,
    )
    return text.replace(
        "\ndomains:\n",
        "\n# Each domain needs a statement at every level (skillframe statement add).\ndomains:\n",
        1,
    )
