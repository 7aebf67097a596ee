"""CASE import: a 1EdTech CASE CFPackage -> a framework file.

The tree of ``isChildOf`` associations gives the structure: a top item (a child of the
document) with children of its own, or typed ``Domain``, becomes a domain, and the items below
it become its statements, in ``sequenceNumber`` order (items deeper than that are placed after
their parent, and reported). Top items with no children, and items outside the tree, become the
statements of one more domain, ``general``. A statement's level is the target of its
``hasSkillLevel`` association, else its CFItemType, else the one level ``core``.

Packages written by ``skillframe export --format case`` come back whole: ids from
``humanCodingScheme``, titles from ``abbreviatedStatement``, citations and anchors from the
items' ``notes``, levels from the item types, and sources, anchors, evidence and exposure from
the document's ``extensions.skillframe``. Statements of other packages cite the package itself
(a source made from the CFDocument, with the item's ``humanCodingScheme`` as the locator).

Whatever has no place in a framework is reported by JSON pointer, on stderr and in a comment
at the top of the file, never dropped silently.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillframe.errors import SkillframeError
from skillframe.export.case import (
    DOMAIN_TYPE,
    STATUS_TO_CASE,
    anchor_path,
    citation_path,
    identifier,
)
from skillframe.export.cells import parse_citations, parse_list
from skillframe.export.common import citation_data, http_link
from skillframe.importers import Ids, Imported, in_order, is_slug, reference_notes, slugify
from skillframe.importers.emit import dump
from skillframe.model import Citation
from skillframe.printable import printable

#: CASE adoptionStatus (lowercased) -> skillframe status.
STATUS_FROM_CASE = {
    **{case.lower(): ours for ours, case in STATUS_TO_CASE.items()},
    "private draft": "draft",
    "implemented": "published",
    "published": "published",
    "retired": "deprecated",
}

DEFAULT_LEVEL = {"id": "core", "name": "Core"}
GENERAL_DOMAIN = ("general", "General")

#: Item fields this importer reads; any other field with a value is reported.
_ITEM_FIELDS = {
    "identifier",
    "uri",
    "fullStatement",
    "humanCodingScheme",
    "abbreviatedStatement",
    "CFItemType",
    "CFItemTypeURI",
    "conceptKeywords",
    "notes",
    "listEnumeration",
    "lastChangeDateTime",
    "CFDocumentURI",
}
_DOCUMENT_FIELDS = {
    "identifier",
    "uri",
    "creator",
    "title",
    "lastChangeDateTime",
    "description",
    "version",
    "adoptionStatus",
    "notes",
    "caseVersion",
    "CFPackageURI",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _pointer(*parts: str | int) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Reader:
    """Typed access to the package, failing with the JSON pointer of what is wrong.

    CASE servers publish packages that bend the schema: numbers written as text
    (``"sequenceNumber": "1"``), text written as a number, a keyword list written as one text.
    Such a value is repaired in place (so everything after reads the repaired value) and
    noted in ``repairs``; a value or entry that cannot be used at all is left out and noted in
    ``left_out``. Only what leaves nothing to import is refused.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.repairs: list[str] = []
        self.left_out: list[str] = []

    def fail(self, pointer: str, message: str) -> SkillframeError:
        return SkillframeError(f"{pointer or '/'}: {message}", path=self.path, exit_code=1)

    def leave_out(self, pointer: str, message: str) -> None:
        self.left_out.append(f"{pointer}: {message}: left out")

    def obj(self, value: Any, pointer: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(pointer, f"expected an object, found {_kind(value)}")
        return value

    def entry(self, value: Any, pointer: str) -> dict[str, Any] | None:
        """An entry of a list (an item, an association ...): None, noted, when not an object."""
        if isinstance(value, dict):
            return value
        self.leave_out(pointer, f"expected an object, found {_kind(value)}")
        return None

    def array(self, parent: dict[str, Any], key: str, pointer: str) -> list[Any]:
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(_pointer_join(pointer, key), f"expected a list, found {_kind(value)}")
        return value

    def _repair(self, parent: dict[str, Any], key: str, at: str, new: Any, what: str) -> Any:
        """Put the repaired value in place, noting ``what`` was read as what."""
        self.repairs.append(f"{at}: {what}")
        parent[key] = new
        return new

    def _drop(self, parent: dict[str, Any], key: str, at: str, expected: str) -> None:
        """Take out a value that cannot be used, noting what was expected."""
        self.leave_out(at, f"expected {expected}, found {_kind(parent.pop(key))}")

    def text(
        self, parent: dict[str, Any], key: str, pointer: str, required: bool = False
    ) -> str | None:
        """The text at ``key``: a number or true/false is repaired into text; anything else
        is refused when ``required``, else left out."""
        value = parent.get(key)
        at = _pointer_join(pointer, key)
        if value is None:
            if required:
                raise self.fail(at, "missing: CASE requires it")
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, (bool, int, float)):
            text = json.dumps(value)
            return str(
                self._repair(
                    parent, key, at, text, f"{_kind(value)} {text} read as the text {_json(text)}"
                )
            )
        if required:
            raise self.fail(at, f"expected text, found {_kind(value)}")
        self._drop(parent, key, at, "text")
        return None

    def whole(self, parent: dict[str, Any], key: str, pointer: str) -> int | None:
        """The whole number at ``key``: one written as text (``"1"``) or as ``1.0`` is
        repaired; anything else is left out."""
        value = parent.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        at = _pointer_join(pointer, key)
        written = isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value)
        # Python refuses to read a number of more than 4,300 digits from text: none is needed.
        if not (written or (isinstance(value, float) and value.is_integer())) or (
            isinstance(value, str) and len(value) > 4000
        ):
            self._drop(parent, key, at, f"a whole number ({_json(value)})")
            return None
        number = int(value)
        return int(
            self._repair(
                parent,
                key,
                at,
                number,
                f"{_kind(value)} {_json(value)} read as the number {number}",
            )
        )

    def texts(self, parent: dict[str, Any], key: str, pointer: str) -> list[str] | None:
        """The list of texts at ``key``: one text is split at commas, numbers become text."""
        value = parent.get(key)
        if value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return value
        at = _pointer_join(pointer, key)
        if isinstance(value, str):
            repaired = [part.strip() for part in value.split(",") if part.strip()]
        elif isinstance(value, list) and all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            repaired = [v if isinstance(v, str) else json.dumps(v) for v in value]
        else:
            self._drop(parent, key, at, "a list of texts")
            return None
        return list(
            self._repair(
                parent, key, at, repaired, f"{_json(value)} read as the list {_json(repaired)}"
            )
        )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogates(package: Any, reader: _Reader) -> None:
    """JSON may spell half of a UTF-16 pair (``"\\ud800"``) alone; no UTF-8 file can hold it."""
    stack: list[tuple[Any, str]] = [(package, "")]
    while stack:
        value, pointer = stack.pop()
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                stack.append((key, pointer))
                stack.append((item, _pointer_join(pointer, key)))
        elif isinstance(value, list):
            stack.extend(
                (item, _pointer_join(pointer, i)) for i, item in reversed(list(enumerate(value)))
            )
        elif isinstance(value, str):
            found = _SURROGATE.search(value)
            if found is not None:
                raise reader.fail(
                    pointer,
                    f"holds {printable(found.group())}, half of a UTF-16 pair without the other "
                    "half: it cannot be written as UTF-8",
                )


def _pointer_join(pointer: str, key: str | int) -> str:
    return pointer + _pointer(key)


@dataclass
class _Item:
    index: int
    data: dict[str, Any]
    ident: str
    statement: str
    pointer: str
    parent: str | None = None
    #: The pointer of the isChildOf association that gave the item its parent.
    parent_link: str | None = None
    children: list[tuple[tuple[int, int], int, str]] = field(default_factory=list)
    level: tuple[str, str] | None = None


def _lines(notes: Any) -> list[str]:
    """The non-blank lines of a notes field (split at line feeds only: a cell never holds one)."""
    text = notes if isinstance(notes, str) else ""
    return [line for line in text.split("\n") if line.strip()]


def derive_title(text: str, limit: int = 60) -> str:
    """A short title from a statement's first line: at most ``limit`` characters, whole words."""
    first = next((line for line in text.splitlines() if line.strip()), text)
    words = first.split()
    title = ""
    for word in words:
        candidate = f"{title} {word}".strip()
        if len(candidate) > limit and title:
            break
        title = candidate
    return title.rstrip(".:;, ") or title


def import_case(
    text: str,
    *,
    path: str,
    framework_id: str | None = None,
    known_sources: Mapping[str, Any] | None = None,
) -> Imported:
    """The framework YAML for a CASE package's JSON text; ``path`` names the file in messages.

    ``known_sources`` are the sources the written file will resolve (its shared registry):
    sources the package carries are written into the framework when that registry lacks them or
    holds them differently.
    """
    job = _Import(path, framework_id, known_sources or {})
    job.read(text)
    return job.build()


def _count(value: Any) -> str:
    size = len(value) if isinstance(value, (list, dict)) else 1
    return f"{size} entr{'y' if size == 1 else 'ies'}"


def _title(node: Mapping[str, Any], fallback: str = "") -> str:
    title = node.get("title")
    if isinstance(title, str) and title:
        return title
    return fallback or str(node.get("identifier"))


def _item_name(data: Mapping[str, Any]) -> str:
    """What an item is called: its abbreviated statement, else its full statement."""
    short = data.get("abbreviatedStatement")
    if isinstance(short, str) and short.strip():
        return short
    return str(data.get("fullStatement"))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Import:
    def __init__(
        self, path: str, framework_id: str | None, known_sources: Mapping[str, Any]
    ) -> None:
        self.path = path
        self.framework_id = framework_id
        self.known_sources = known_sources
        self.reader = _Reader(path)
        self.unmapped: list[str] = []
        self.reader.left_out = self.unmapped  # what is left out is not mapped either
        self.document: dict[str, Any] = {}
        self.doc_id = ""
        self.doc_title = ""
        self.ext: dict[str, Any] = {}
        self.facts: dict[str, str] = {}
        self.items: dict[str, _Item] = {}
        self.item_types: dict[str, dict[str, Any]] = {}
        self.top: list[tuple[tuple[int, int], int, str]] = []
        self.related: list[tuple[str, str, dict[str, Any], str]] = []

    def report(self, pointer: str, what: str) -> None:
        self.unmapped.append(f"{pointer}: {what}")

    # Reading -----------------------------------------------------------------------------

    def read(self, text: str) -> None:
        reader = self.reader
        try:
            package = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SkillframeError(
                f"not valid JSON: {exc.msg}",
                path=self.path,
                line=exc.lineno,
                column=exc.colno,
                exit_code=1,
            ) from None
        except RecursionError:
            raise SkillframeError(
                "not valid JSON: it is nested too deeply", path=self.path, exit_code=1
            ) from None
        _refuse_lone_surrogates(package, reader)
        package = reader.obj(package, "")
        if "CFDocument" not in package:
            raise reader.fail("/CFDocument", "missing: a CASE package needs its CFDocument")
        self._document(reader.obj(package["CFDocument"], "/CFDocument"))
        for index, raw in enumerate(reader.array(package, "CFItems", "")):
            self._item(index, raw)
        definitions = package.get("CFDefinitions")
        if isinstance(definitions, dict):
            self._definitions(definitions)
        elif definitions not in (None, []):
            raise reader.fail("/CFDefinitions", f"expected an object, found {_kind(definitions)}")
        for key in ("CFRubrics", "extensions"):
            if package.get(key) not in (None, [], {}):
                self.report(_pointer(key), _count(package[key]))
        for index, raw in enumerate(reader.array(package, "CFAssociations", "")):
            self._association(index, raw)
        self._refuse_cycles()

    def _document(self, document: dict[str, Any]) -> None:
        reader = self.reader
        self.document = document
        doc_id = reader.text(document, "identifier", "/CFDocument", required=True)
        doc_title = reader.text(document, "title", "/CFDocument", required=True)
        assert doc_id is not None and doc_title is not None
        self.doc_id, self.doc_title = doc_id, doc_title
        for key in (
            "creator",
            "description",
            "version",
            "adoptionStatus",
            "notes",
            "lastChangeDateTime",
            "publisher",
            "officialSourceURL",
        ):
            reader.text(document, key, "/CFDocument")
        for key, value in document.items():
            known = (*_DOCUMENT_FIELDS, "extensions", "publisher", "officialSourceURL")
            if key not in known and value not in (None, "", []):
                self.report(_pointer("CFDocument", key), _json(value))
        holder = document.get("extensions")
        if isinstance(holder, dict):
            for key, value in holder.items():
                if key == "skillframe" and isinstance(value, dict):
                    self.ext = value
                else:
                    self.report(_pointer("CFDocument", "extensions", key), _json(value))
        for line in _lines(document.get("notes")):
            key, sep, value = line.partition(":")
            if sep and key.strip() in ("Framework", "Occupation", "O*NET-SOC", "Taxonomy"):
                self.facts[key.strip()] = value.strip()
            else:
                self.report("/CFDocument/notes", _json(line))

    def _needed(self, data: dict[str, Any], keys: tuple[str, ...], pointer: str) -> bool:
        """Whether the entry at ``pointer`` has the texts it cannot do without; if not, the
        entry is left out, and noted."""
        missing = [key for key in keys if self.reader.text(data, key, pointer) is None]
        if missing:
            self.reader.leave_out(pointer, f"it has no {' or '.join(missing)}")
        return not missing

    def _item(self, index: int, raw: Any) -> None:
        reader = self.reader
        pointer = _pointer("CFItems", index)
        data = reader.entry(raw, pointer)
        if data is None or not self._needed(data, ("identifier", "fullStatement"), pointer):
            return
        ident, statement = data["identifier"], data["fullStatement"]
        for key in (
            "humanCodingScheme",
            "abbreviatedStatement",
            "CFItemType",
            "notes",
            "listEnumeration",
            "lastChangeDateTime",
        ):
            reader.text(data, key, pointer)
        reader.texts(data, "conceptKeywords", pointer)
        if ident in self.items:
            raise reader.fail(
                _pointer_join(pointer, "identifier"),
                f"'{ident}' is also the identifier of {self.items[ident].pointer}",
            )
        self.items[ident] = _Item(index, data, ident, statement, pointer)
        for key, value in data.items():
            if key not in _ITEM_FIELDS and value not in (None, "", []):
                self.report(_pointer_join(pointer, key), _json(value))

    def _definitions(self, definitions: dict[str, Any]) -> None:
        reader = self.reader
        for index, raw in enumerate(reader.array(definitions, "CFItemTypes", "/CFDefinitions")):
            pointer = _pointer("CFDefinitions", "CFItemTypes", index)
            data = reader.entry(raw, pointer)
            if data is None or not self._needed(data, ("identifier", "title"), pointer):
                continue
            for key in ("hierarchyCode", "typeCode", "description"):
                reader.text(data, key, pointer)
            self.item_types[data["identifier"]] = data
        for key, value in definitions.items():
            if key != "CFItemTypes" and value not in (None, [], {}):
                self.report(_pointer("CFDefinitions", key), _count(value))

    def _association(self, index: int, raw: Any) -> None:
        reader = self.reader
        pointer = _pointer("CFAssociations", index)
        data = reader.entry(raw, pointer)
        if data is None or not self._needed(data, ("associationType",), pointer):
            return
        kind = data["associationType"]
        ends = []
        for key in ("originNodeURI", "destinationNodeURI"):
            at = _pointer_join(pointer, key)
            end = reader.entry(data.get(key), at)
            if end is None or not self._needed(end, ("identifier",), at):
                return
            reader.text(end, "title", at)
            ends.append(end)
        origin, dest = ends
        origin_id, dest_id = origin["identifier"], dest["identifier"]
        sequence = reader.whole(data, "sequenceNumber", pointer)
        child = self.items.get(origin_id)
        what = f"{kind} from {_json(_title(origin))} to {_json(_title(dest))}"
        parent_known = dest_id == self.doc_id or dest_id in self.items
        if kind == "isChildOf" and child is not None and parent_known:
            if child.parent is not None:
                self.report(pointer, f"{what}: the item already has a parent")
                return
            child.parent = dest_id
            child.parent_link = pointer
            # Numbered children first, in their order (a number of any size), then the rest.
            order = (0, sequence) if sequence is not None else (1, 0)
            holder = self.items.get(dest_id)
            (holder.children if holder else self.top).append((order, child.index, origin_id))
        elif kind == "hasSkillLevel" and child is not None:
            target = self.items.get(dest_id)
            name = _item_name(target.data) if target else _title(dest, fallback=dest_id)
            child.level = (dest_id, name)
        else:
            self.related.append((pointer, origin_id, dest, what))

    def _refuse_cycles(self) -> None:
        """Refuse items that are, through isChildOf, their own ancestors: there is no tree to
        read them into."""
        done: set[str] = set()
        for start in self.items.values():
            chain: list[_Item] = []
            in_chain: set[str] = set()
            item: _Item | None = start
            while item is not None and item.ident not in done:
                if item.ident in in_chain:
                    loop = chain[next(n for n, i in enumerate(chain) if i is item) :]
                    names = " -> ".join(_json(_short(i.statement)) for i in (*loop, item))
                    raise self.reader.fail(
                        loop[-1].parent_link or item.pointer,
                        "the isChildOf associations go round in a circle (each item a child "
                        f"of the next): {names}; an item cannot be inside itself",
                    )
                chain.append(item)
                in_chain.add(item.ident)
                item = self.items.get(item.parent) if item.parent is not None else None
            done.update(i.ident for i in chain)

    # Building ----------------------------------------------------------------------------

    def build(self) -> Imported:
        level_items = {
            item.level[0]
            for item in self.items.values()
            if item.level and item.level[0] in self.items
        }
        placed: set[str] = set()
        groups: list[tuple[str | None, list[str]]] = []  # (domain item, its statement items)
        general: list[str] = []

        def in_general(ident: str) -> None:
            if not general:
                groups.append((None, general))
            placed.add(ident)
            general.append(ident)
            # Items below a statement can only follow it, one level down.
            self._descend(ident, 3, general, placed, level_items)

        for _, _, ident in sorted(self.top):
            if ident in level_items:
                continue
            item = self.items[ident]
            if item.children or item.data.get("CFItemType") == DOMAIN_TYPE:
                members: list[str] = []
                placed.add(ident)
                self._descend(ident, 2, members, placed, level_items)
                groups.append((ident, members))
            else:
                in_general(ident)
        for item in sorted(self.items.values(), key=lambda i: i.index):
            if item.ident in placed or item.ident in level_items:
                continue
            why = "it is not in the tree of isChildOf associations below the document"
            self.report(item.pointer, f"{why}: placed in the domain '{GENERAL_DOMAIN[0]}'")
            in_general(item.ident)

        fid = self.framework_id or self.ext_text("id") or self.facts.get("Framework")
        fid = fid or slugify(self.doc_title, "framework")
        source_fid = self.ext_text("id") or self.facts.get("Framework")
        levels = _Levels(self)
        doc_source = _DocSource(self)
        statement_ids = Ids()
        domain_ids = Ids()
        consumed: set[tuple[str, str]] = set()
        domains = []
        for domain_item, members in groups:
            domain = self._domain(domain_item, domain_ids)
            statements = []
            for ident in members:
                statements.append(
                    self._statement(
                        self.items[ident], statement_ids, levels, doc_source, source_fid, consumed
                    )
                )
            if statements:
                domain["statements"] = statements
            domains.append(domain)
        for pointer, origin_id, dest, what in self.related:
            if (origin_id, str(dest.get("identifier"))) not in consumed:
                self.report(pointer, what)
        if not self.ext and self.items and not source_fid:
            self.report(
                "/CFItems",
                "their identifiers and URIs are not kept (a CASE export of the framework names "
                "its objects from the framework's ids)",
            )

        data: dict[str, Any] = {"schema": "skillframe/framework@1", "id": fid}
        data["title"] = self.doc_title
        version = self.document.get("version")
        if isinstance(version, str) and version:
            data["version"] = version
        status = self.document.get("adoptionStatus")
        if isinstance(status, str) and status:
            mapped = STATUS_FROM_CASE.get(status.strip().lower())
            if mapped:
                data["status"] = mapped
            else:
                self.report(
                    "/CFDocument/adoptionStatus", f"{_json(status)} has no skillframe status"
                )
        occupation = self.ext.get("occupation")
        if not isinstance(occupation, dict):
            occupation = {}
            if self.facts.get("Occupation"):
                occupation["title"] = self.facts["Occupation"]
            if self.facts.get("O*NET-SOC"):
                occupation["onet_soc"] = self.facts["O*NET-SOC"]
        if occupation:
            data["occupation"] = occupation
        description = self.document.get("description")
        notes: list[str] = []
        if isinstance(description, str) and description:
            data["scope"] = description
        else:
            notes.append("the package has no description: write the framework's scope under scope:")
        taxonomy = self.ext_text("taxonomy") or self.facts.get("Taxonomy")
        if taxonomy:
            data["taxonomy"] = taxonomy
        data["levels"] = levels.declared()
        sources = self._sources(doc_source)
        if sources:
            data["sources"] = sources
        for key, kind in (("anchors", list), ("evidence", list), ("exposure", dict)):
            value = self.ext.get(key)
            if isinstance(value, kind) and value:
                data[key] = value
            elif value is not None and not isinstance(value, kind):
                self.report(
                    _pointer("CFDocument", "extensions", "skillframe", key),
                    "not in the expected shape",
                )
        if not domains:
            notes.append("the package has no items: the framework has no domains yet")
        data["domains"] = domains
        data = in_order(data)
        notes = [*self.unmapped_notes(), *notes, *reference_notes(data, self.known_sources)]
        return Imported(dump(data, self.header()), notes)

    def ext_text(self, key: str) -> str | None:
        value = self.ext.get(key)
        return value if isinstance(value, str) and value else None

    def _descend(
        self,
        ident: str,
        depth: int,
        members: list[str],
        placed: set[str],
        level_items: set[str],
    ) -> None:
        """Add the items below ``ident`` to ``members``, depth first, in sequence order;
        ``depth`` is theirs (2 for a domain's statements; deeper ones are reported). A stack,
        not recursion: a chain of children may be thousands deep."""
        pending: list[tuple[str, str, int]] = [
            (ident, child, depth)
            for _, _, child in sorted(self.items[ident].children, reverse=True)
        ]
        while pending:
            parent_id, child, level = pending.pop()
            if child in placed or child in level_items:
                continue
            placed.add(child)
            members.append(child)
            if level > 2:
                parent = self.items[parent_id]
                self.report(
                    self.items[child].pointer,
                    f"a child of {_json(_short(parent.statement))}, which is itself a "
                    "statement: placed after it in the same domain",
                )
            pending.extend(
                (child, grandchild, level + 1)
                for _, _, grandchild in sorted(self.items[child].children, reverse=True)
            )

    def _domain(self, ident: str | None, ids: Ids) -> dict[str, Any]:
        if ident is None:
            return {"id": ids.claim(GENERAL_DOMAIN[0]), "name": GENERAL_DOMAIN[1]}
        item = self.items[ident]
        data = item.data
        code = data.get("humanCodingScheme")
        full = item.statement
        short = data.get("abbreviatedStatement")
        one_line = " ".join(full.split())
        if isinstance(short, str) and short:
            name = short
        elif one_line == full and len(full) <= 80:
            name = full
        else:
            name = derive_title(full)
        domain_id = ids.claim(slugify(code if isinstance(code, str) and code else name, "domain"))
        domain: dict[str, Any] = {"id": domain_id, "name": name}
        notes = data.get("notes")
        if name != full:
            domain["description"] = full
            if isinstance(notes, str) and notes:
                self.report(_pointer_join(item.pointer, "notes"), _json(notes))
        elif isinstance(notes, str) and notes:
            domain["description"] = notes
        if isinstance(code, str) and code and code != domain_id:
            self.report(
                _pointer_join(item.pointer, "humanCodingScheme"),
                f"{_json(code)} (the domain's id is {domain_id})",
            )
        kind = data.get("CFItemType")
        if isinstance(kind, str) and kind and kind != DOMAIN_TYPE:
            self.report(_pointer_join(item.pointer, "CFItemType"), _json(kind))
        if data.get("conceptKeywords"):
            self.report(
                _pointer_join(item.pointer, "conceptKeywords"), _json(data["conceptKeywords"])
            )
        return domain

    def _statement(
        self,
        item: _Item,
        ids: Ids,
        levels: _Levels,
        doc_source: _DocSource,
        source_fid: str | None,
        consumed: set[tuple[str, str]],
    ) -> dict[str, Any]:
        data = item.data
        code = data.get("humanCodingScheme")
        code = code if isinstance(code, str) and code.strip() else None
        short = data.get("abbreviatedStatement")
        title = short if isinstance(short, str) and short.strip() else derive_title(item.statement)
        wanted = (
            code.strip() if code and is_slug(code.strip()) else slugify(code or title, "statement")
        )
        statement: dict[str, Any] = {"id": ids.claim(wanted)}
        statement["level"] = levels.of(item)
        statement["title"] = title or statement["id"]
        statement["text"] = item.statement
        cite: list[Citation] = []
        anchors: list[str] = []
        for line in _lines(data.get("notes")):
            key, sep, value = line.partition(":")
            try:
                if sep and key.strip() == "cite":
                    cite += parse_citations(value)
                    continue
                if sep and key.strip() == "anchors":
                    anchors += parse_list(value)
                    continue
            except ValueError as exc:
                self.report(_pointer_join(item.pointer, "notes"), f"{_json(line)}: {exc}")
                continue
            self.report(_pointer_join(item.pointer, "notes"), _json(line))
        if source_fid:
            for c in cite:
                consumed.add((item.ident, identifier(source_fid, *citation_path(c))))
            for a in anchors:
                consumed.add((item.ident, identifier(source_fid, *anchor_path(a))))
        if not cite:
            cite = [Citation(doc_source.claim(), code)]
        elif code and code != statement["id"]:
            self.report(_pointer_join(item.pointer, "humanCodingScheme"), _json(code))
        statement["cite"] = [citation_data(c) for c in cite]
        if anchors:
            statement["anchors"] = anchors
        keywords = data.get("conceptKeywords") or []
        tags = list(dict.fromkeys(slugify(k, "tag") for k in keywords))
        if tags:
            statement["tags"] = tags
        if [k for k in keywords if not is_slug(k)]:
            self.report(
                _pointer_join(item.pointer, "conceptKeywords"),
                f"{_json(keywords)} written as tags {_json(tags)}",
            )
        return statement

    def _sources(self, doc_source: _DocSource) -> dict[str, Any]:
        """The sources to write into the framework: those the package carries that the
        registry here lacks or holds differently, and the package itself when cited."""
        records = self.ext.get("sources")
        out: dict[str, Any] = {}
        if isinstance(records, dict):
            for sid, record in records.items():
                if self.known_sources.get(sid) != record:
                    out[sid] = record
        elif records is not None:
            self.report(
                _pointer("CFDocument", "extensions", "skillframe", "sources"),
                "not in the expected shape",
            )
        if doc_source.used:
            out[doc_source.id] = doc_source.record()
        else:
            for key in ("publisher", "officialSourceURL"):
                if self.document.get(key) not in (None, ""):
                    self.report(_pointer("CFDocument", key), _json(self.document[key]))
        return out

    def unmapped_notes(self) -> list[str]:
        return [
            *(f"repaired: {entry}" for entry in self.reader.repairs),
            *(f"not mapped: {entry}" for entry in self.unmapped),
        ]

    def header(self) -> list[str]:
        import textwrap

        creator = self.document.get("creator")
        when = self.document.get("lastChangeDateTime")
        about = (
            f"Imported from {Path(self.path).name} by skillframe import case: the CASE package "
            f"{_json(self.doc_title)} (CFDocument {self.doc_id}"
            + (f", creator {_json(creator)}" if isinstance(creator, str) else "")
            + (f", last changed {when}" if isinstance(when, str) else "")
            + ")."
        )
        lines = textwrap.wrap(about, 98, break_long_words=False, break_on_hyphens=False)
        if self.unmapped:
            lines.append("Not mapped from the package (JSON pointer: what):")
            lines.extend(f"  {entry}" for entry in self.unmapped)
        return lines


def _short(text: str) -> str:
    return derive_title(text, 40)


class _Levels:
    """The framework's levels: from hasSkillLevel targets, else item types, else one level."""

    def __init__(self, job: _Import) -> None:
        self.job = job
        self.found: dict[str, dict[str, Any]] = {}  # key -> level
        self.order: dict[str, tuple[Any, ...]] = {}
        self.ids = Ids()

    def of(self, item: _Item) -> str:
        data = item.data
        if item.level is not None:
            key, title = item.level
            target = self.job.items.get(key)
            order: tuple[Any, ...] = (0, target.index if target else len(self.order), "")
            return self._level("skill:" + key, title, None, None, order)
        type_link = data.get("CFItemTypeURI")
        type_id = type_link.get("identifier") if isinstance(type_link, dict) else None
        kind = self.job.item_types.get(type_id) if isinstance(type_id, str) else None
        name = data.get("CFItemType")
        if kind is None and isinstance(name, str) and name:
            kind = next((t for t in self.job.item_types.values() if t.get("title") == name), None)
        if kind is not None:
            code = kind.get("hierarchyCode")
            order = (1, *_rank(code), len(self.order))
            description = kind.get("description")
            return self._level(
                "type:" + str(kind["identifier"]),
                str(kind.get("title")),
                kind.get("typeCode") if isinstance(kind.get("typeCode"), str) else None,
                description if isinstance(description, str) else None,
                order,
            )
        if isinstance(name, str) and name:
            return self._level("name:" + name, name, None, None, (2, len(self.order)))
        return self._level("", DEFAULT_LEVEL["name"], DEFAULT_LEVEL["id"], None, (3,))

    def _level(
        self,
        key: str,
        title: str,
        code: str | None,
        description: str | None,
        order: tuple[Any, ...],
    ) -> str:
        if key not in self.found:
            wanted = code if code and is_slug(code) else slugify(title, "level")
            level: dict[str, Any] = {"id": self.ids.claim(wanted), "name": title}
            if description and description != title:
                level["description"] = description
            self.found[key] = level
            self.order[key] = order
        return str(self.found[key]["id"])

    def declared(self) -> list[dict[str, Any]]:
        keys = sorted(self.found, key=lambda k: tuple(map(str, self.order[k])))
        if not keys:
            return [dict(DEFAULT_LEVEL)]
        return [self.found[k] for k in keys]


def _rank(code: Any) -> tuple[Any, ...]:
    if isinstance(code, str) and code.strip().isdigit():
        return (0, int(code.strip()))
    return (1, str(code) if code is not None else "")


class _DocSource:
    """The package itself as a source, for statements that cite nothing else."""

    def __init__(self, job: _Import) -> None:
        self.job = job
        self.used = False
        self.id = slugify(job.doc_title, "case-package")

    def claim(self) -> str:
        self.used = True
        return self.id

    def record(self) -> dict[str, Any]:
        doc = self.job.document
        record: dict[str, Any] = {"title": self.job.doc_title, "type": "framework"}
        publisher = doc.get("publisher") or doc.get("creator")
        if isinstance(publisher, str) and publisher:
            record["publisher"] = publisher
        version = doc.get("version")
        if isinstance(version, str) and version:
            record["version"] = version
        when = doc.get("lastChangeDateTime")
        if isinstance(when, str) and _DATE.match(when):
            record["date"] = when[:10]
        url = http_link(doc.get("officialSourceURL")) or http_link(doc.get("uri"))
        if url:
            record["url"] = url
        return record
