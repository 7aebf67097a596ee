"""What the writer points at in a file, and what the editor shows for it.

The language server keeps, for each open file, a :class:`Snapshot`: the text as last checked, the
document read from it (data and node positions), what a framework resolves against, and lint's
diagnostics. Everything here reads snapshots and answers with Language Server Protocol values:
hover, completion, go to definition, and the ranges the diagnostics cover. Nothing here changes
a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from skillframe.collection import Shared, expand, shared_paths
from skillframe.config import Config
from skillframe.diagnostics import At, Diagnostic, Fix, Severity
from skillframe.load import Document, load_text
from skillframe.lsp.positions import TextIndex, token_end, word_end
from skillframe.mdtext import md_text
from skillframe.onet import load_tasks, named_task, normalise

#: Reads the text of a file: an open editor buffer when there is one, else the file (None when
#: it cannot be read).
Reader = Callable[[Path], "str | None"]


@dataclass
class Snapshot:
    """One open file as last checked."""

    uri: str
    path: Path
    version: int | None
    index: TextIndex
    doc: Document
    config: Config = field(default_factory=Config)
    shared: Shared = field(default_factory=Shared)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixes: list[tuple[Diagnostic, Fix]] = field(default_factory=list)
    #: A problem with the collection's configuration that stopped the check, told in one line.
    error: str | None = None
    #: The diagnostics as the editor is given them (the error first, when there is one).
    shown: list[lsp.Diagnostic] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.index.text


# -- ranges ----------------------------------------------------------------------------------------


def yaml_line(index: TextIndex, line: int) -> tuple[int, str]:
    """The offset where a 1-based line (as lint counts lines) starts, and its text."""
    start = index.offset(line, 1)
    rest = index.text[start:]
    match = re.search("\r\n|[\r\n\x85\u2028\u2029]", rest)
    return start, rest[: match.start()] if match else rest


def span(index: TextIndex, line: int, column: int, word: bool = False) -> tuple[int, int]:
    """The offsets a value or key starting at lint's ``line:column`` covers (``word``: only the
    word there, for a finding inside a text)."""
    start, text = yaml_line(index, line)
    column = min(column - 1, len(text))
    end = word_end(text, column) if word else token_end(text, column)
    return start + column, start + end


def lsp_range(index: TextIndex, start: int, end: int) -> lsp.Range:
    line, character = index.position(start)
    end_line, end_character = index.position(end)
    return lsp.Range(lsp.Position(line, character), lsp.Position(end_line, end_character))


def node_starts(doc: Document) -> set[tuple[int, int]]:
    """Every line and column where a value or key starts."""
    starts = set()
    for pos in doc.positions.values():
        starts.add((pos.line, pos.column))
        starts.add((pos.key_line, pos.key_column))
    return starts


def diagnostic_span(
    index: TextIndex, diagnostic: Diagnostic, starts: set[tuple[int, int]]
) -> tuple[int, int]:
    """What a diagnostic covers: the value or key it points at, or the word inside a text."""
    inside_text = (diagnostic.line, diagnostic.column) not in starts
    return span(index, diagnostic.line, diagnostic.column, word=inside_text)


def rule_url(code: str) -> str | None:
    """Where the rule's documentation is read (None for a code that is not a rule)."""
    from skillframe.ruledoc import help_uri
    from skillframe.rules import RULES

    rule = RULES.get(code)
    return help_uri(rule) if rule is not None else None


def to_lsp(snapshot: Snapshot) -> list[lsp.Diagnostic]:
    """Lint's diagnostics of a snapshot as the editor shows them."""
    starts = node_starts(snapshot.doc) if snapshot.diagnostics else set()
    out = []
    if snapshot.error is not None:
        out.append(
            lsp.Diagnostic(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                message=snapshot.error,
                severity=lsp.DiagnosticSeverity.Error,
                source="skillframe",
            )
        )
    for diagnostic in snapshot.diagnostics:
        start, end = diagnostic_span(snapshot.index, diagnostic, starts)
        url = rule_url(diagnostic.code)
        out.append(
            lsp.Diagnostic(
                range=lsp_range(snapshot.index, start, end),
                message=diagnostic.message,
                severity=(
                    lsp.DiagnosticSeverity.Error
                    if diagnostic.severity is Severity.ERROR
                    else lsp.DiagnosticSeverity.Warning
                ),
                code=diagnostic.code,
                code_description=lsp.CodeDescription(href=url) if url else None,
                source="skillframe",
            )
        )
    return out


# -- what is under the cursor ----------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A node the cursor is on: its path, whether it is the key, and the offsets it covers."""

    at: At
    key: bool
    start: int
    end: int


def node_span(doc: Document, index: TextIndex, at: At, key: bool = False) -> tuple[int, int] | None:
    pos = doc.positions.get(at)
    if pos is None:
        return None
    line, column = (pos.key_line, pos.key_column) if key else (pos.line, pos.column)
    return span(index, line, column)


def target_at(doc: Document, index: TextIndex, offset: int) -> Target | None:
    """The innermost key or plain value (text, number ...) covering ``offset``."""
    line, _ = index.line_column(offset)
    best: Target | None = None
    for at, pos in doc.positions.items():
        candidates = []
        if pos.line == line and not isinstance(doc.value_at(at), (dict, list)):
            candidates.append(False)
        if at and isinstance(at[-1], str) and pos.key_line == line:
            candidates.append(True)
        for key in candidates:
            found = node_span(doc, index, at, key)
            if found is None or not found[0] <= offset <= found[1]:
                continue
            if best is None or found[1] - found[0] < best.end - best.start:
                best = Target(at, key, *found)
    return best


@dataclass(frozen=True)
class Reference:
    """What an id in a file names: ``kind`` is source, anchor, level, domain or taxonomy;
    ``declared`` when the cursor is on the id's declaration rather than a use of it."""

    kind: str
    ident: str
    declared: bool = False


def _statement_field(at: At, name: str) -> bool:
    return len(at) >= 5 and at[0] == "domains" and at[2] == "statements" and at[4] == name


def reference(doc: Document, target: Target) -> Reference | None:
    """What the id under the cursor names, or None when the cursor is on no id."""
    at = target.at
    if target.key:
        if len(at) == 2 and at[0] == "sources" and doc.kind in ("framework", "sources"):
            return Reference("source", str(at[1]), declared=True)
        return None
    value = doc.value_at(at)
    if not isinstance(value, str):
        return None
    if doc.kind == "taxonomy":
        if at == ("id",):
            return Reference("taxonomy", value, declared=True)
        if len(at) == 3 and at[0] == "domains" and at[2] == "id":
            return Reference("domain", value, declared=True)
        return None
    if doc.kind != "framework":
        return None
    last = at[-1]
    if (len(at) >= 2 and at[-2] == "cite" and isinstance(last, int)) or (
        last == "source" and ((len(at) >= 3 and at[-3] == "cite") or at[0] == "anchors")
    ):
        return Reference("source", value)
    if len(at) == 3 and at[0] == "anchors" and last == "id":
        return Reference("anchor", value, declared=True)
    in_statement = _statement_field(at, "anchors") and len(at) == 6
    if in_statement or (at[:2] == ("exposure", "tasks") and last == "anchor"):
        return Reference("anchor", value)
    if len(at) == 3 and at[0] == "levels" and last == "id":
        return Reference("level", value, declared=True)
    if _statement_field(at, "level") and len(at) == 5:
        return Reference("level", value)
    if len(at) == 3 and at[0] == "domains" and last == "id":
        return Reference("domain", value, declared=True)
    if at == ("taxonomy",):
        return Reference("taxonomy", value)
    return None


# -- what the framework declares -------------------------------------------------------------------


def _items(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    seq = data.get(key) if isinstance(data, dict) else None
    if isinstance(seq, list):
        for index, item in enumerate(seq):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield index, item


def known_sources(doc: Document, shared: Shared) -> dict[str, Any]:
    """The sources a file knows: the shared ones overlaid by its own."""
    merged = dict(shared.sources) if doc.kind == "framework" else {}
    own = doc.data.get("sources") if isinstance(doc.data, dict) else None
    if isinstance(own, dict):
        merged.update({str(k): v for k, v in own.items()})
    return merged


def _text(value: Any) -> str:
    return md_text(str(value)) if value is not None else ""


def _source_hover(ident: str, entry: Any, where: str) -> str:
    entry = entry if isinstance(entry, dict) else {}
    lines = [f"**{_text(entry.get('title') or ident)}**", ""]
    facts = [f"`{ident}`"]
    if entry.get("type"):
        facts.append(_text(entry["type"]))
    year = entry.get("year") or (str(entry["date"])[:4] if entry.get("date") else None)
    if year:
        facts.append(_text(year))
    if entry.get("publisher"):
        facts.append(_text(entry["publisher"]))
    if entry.get("version"):
        facts.append(f"version {_text(entry['version'])}")
    lines.append(" · ".join(facts))
    for url in _urls(entry):
        lines += ["", f"<{url}>"]
    lines += ["", f"*{where}*"]
    return "\n".join(lines)


def _urls(entry: dict[str, Any]) -> list[str]:
    urls = []
    if isinstance(entry.get("url"), str):
        urls.append(entry["url"])
    identifiers = entry.get("identifiers")
    if isinstance(identifiers, dict):
        if isinstance(identifiers.get("url"), str):
            urls.append(identifiers["url"])
        if isinstance(identifiers.get("doi"), str):
            urls.append(f"https://doi.org/{identifiers['doi']}")
        if isinstance(identifiers.get("arxiv"), str):
            urls.append(f"https://arxiv.org/abs/{identifiers['arxiv']}")
    return [u for u in urls if re.fullmatch(r"https?://[^\s<>]+", u)]


def _anchor_hover(snapshot: Snapshot, anchor: dict[str, Any]) -> str:
    doc = snapshot.doc
    lines = [f"**{_text(anchor['id'])}**"]
    where = [_text(anchor.get("source"))] if anchor.get("source") else []
    if anchor.get("locator"):
        where.append(_text(anchor["locator"]))
    if where:
        lines += ["", ", ".join(where)]
    own = anchor.get("text")
    task = None
    number = named_task(
        anchor.get("source"), anchor.get("locator"), known_sources(doc, snapshot.shared)
    )
    if number is not None and snapshot.shared.onet_tasks is not None:
        try:
            task = load_tasks(snapshot.shared.onet_tasks).get(number)
        except (OSError, ValueError):
            task = None
    if task is not None:
        occupation = f"{task.soc} {task.title}".strip()
        lines += ["", f"O\\*NET task {task.id} ({_text(occupation)}):", "", f"> {_text(task.text)}"]
        if isinstance(own, str) and normalise(own) != normalise(task.text):
            lines += ["", "The framework's text:", "", f"> {_text(own)}"]
    elif isinstance(own, str):
        lines += ["", f"> {_text(own)}"]
    return "\n".join(lines)


def _named_hover(item: dict[str, Any], note: str) -> str:
    lines = [f"**{_text(item.get('name') or item['id'])}** `{item['id']}`"]
    if note:
        lines += ["", note]
    if item.get("description"):
        lines += ["", _text(item["description"])]
    return "\n".join(lines)


def hover_text(snapshot: Snapshot, ref: Reference) -> str | None:
    """The hover of an id (Markdown), or None when it names nothing known."""
    doc = snapshot.doc
    data = doc.data
    if ref.kind == "source":
        own = data.get("sources") if isinstance(data, dict) else None
        if isinstance(own, dict) and ref.ident in own:
            where = "a source of this file"
            return _source_hover(ref.ident, own[ref.ident], where)
        if ref.ident in snapshot.shared.sources:
            return _source_hover(ref.ident, snapshot.shared.sources[ref.ident], "a shared source")
        return None
    if ref.kind == "anchor":
        for _, anchor in _items(data, "anchors"):
            if anchor["id"] == ref.ident:
                return _anchor_hover(snapshot, anchor)
        return None
    if ref.kind == "level":
        levels = list(_items(data, "levels"))
        for position, (_, level) in enumerate(levels, 1):
            if level["id"] == ref.ident:
                note = f"level {position} of {len(levels)}, lowest first"
                return _named_hover(level, note)
        return None
    if ref.kind == "domain":
        for _, domain in _items(data, "domains"):
            if domain["id"] == ref.ident:
                statements = domain.get("statements")
                note = ""
                if doc.kind == "framework":
                    count = len(statements) if isinstance(statements, list) else 0
                    note = f"{count} statement{'s' if count != 1 else ''}"
                    taxonomy = _taxonomy_of(snapshot)
                    if taxonomy is not None and any(
                        d["id"] == ref.ident for _, d in _items(taxonomy, "domains")
                    ):
                        note += f"; a domain of the taxonomy {_text(taxonomy.get('id'))}"
                return _named_hover(domain, note)
        return None
    if ref.kind == "taxonomy":
        taxonomy = data if doc.kind == "taxonomy" else snapshot.shared.taxonomies.get(ref.ident)
        if not isinstance(taxonomy, dict):
            return None
        names = [_text(d.get("name") or d["id"]) for _, d in _items(taxonomy, "domains")]
        lines = [f"**{_text(taxonomy.get('title') or ref.ident)}** `{_text(ref.ident)}`"]
        if taxonomy.get("description"):
            lines += ["", _text(taxonomy["description"])]
        if names:
            lines += ["", f"{len(names)} domains: " + ", ".join(names)]
        return "\n".join(lines)
    return None


def _taxonomy_of(snapshot: Snapshot) -> dict[str, Any] | None:
    data = snapshot.doc.data
    name = data.get("taxonomy") if isinstance(data, dict) else None
    found = snapshot.shared.taxonomies.get(name) if isinstance(name, str) else None
    return found if isinstance(found, dict) else None


def hover(snapshot: Snapshot, offset: int) -> lsp.Hover | None:
    target = target_at(snapshot.doc, snapshot.index, offset)
    if target is None:
        return None
    ref = reference(snapshot.doc, target)
    text = hover_text(snapshot, ref) if ref is not None else None
    if text is None:
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
        range=lsp_range(snapshot.index, target.start, target.end),
    )


# -- go to definition ------------------------------------------------------------------------------


def _location(
    path: Path, text: str, at: At, key: bool, encoding: str, uri_of: Callable[[Path], str]
) -> lsp.Location | None:
    doc = load_text(text, str(path))
    index = TextIndex(text, encoding)
    found = node_span(doc, index, at, key)
    if found is None:
        return None
    return lsp.Location(uri=uri_of(path), range=lsp_range(index, *found))


def _id_path(data: Any, key: str, ident: str) -> At | None:
    for index, item in _items(data, key):
        if item["id"] == ident:
            return (key, index, "id")
    return None


def definition(
    snapshot: Snapshot, offset: int, read: Reader, uri_of: Callable[[Path], str]
) -> lsp.Location | None:
    """Where the id under the cursor is declared: a source's entry (in this file or the shared
    sources file that defines it), an anchor's, a level's declaration, a taxonomy's file, or the
    taxonomy's entry for a domain."""
    doc = snapshot.doc
    target = target_at(doc, snapshot.index, offset)
    ref = reference(doc, target) if target is not None else None
    if ref is None or doc.kind != "framework":
        return None
    encoding = snapshot.index.encoding
    here = snapshot.path
    if ref.kind == "source" and not ref.declared:
        own = doc.data.get("sources") if isinstance(doc.data, dict) else None
        if isinstance(own, dict) and ref.ident in own:
            return _location(here, snapshot.text, ("sources", ref.ident), True, encoding, uri_of)
        source_files, _ = shared_paths(here, snapshot.config)
        for file in reversed(source_files):  # a later file wins, as in lint
            text = read(file)
            if text is None:
                continue
            found = _location(file, text, ("sources", ref.ident), True, encoding, uri_of)
            if found is not None:
                return found
        return None
    if ref.kind in ("anchor", "level") and not ref.declared:
        at = _id_path(doc.data, "anchors" if ref.kind == "anchor" else "levels", ref.ident)
        return _location(here, snapshot.text, at, False, encoding, uri_of) if at else None
    if ref.kind in ("taxonomy", "domain"):
        name = ref.ident if ref.kind == "taxonomy" else doc.data.get("taxonomy")
        if not isinstance(name, str):
            return None
        _, taxonomy_paths = shared_paths(here, snapshot.config)
        for file in _files(taxonomy_paths):
            text = read(file)
            if text is None:
                continue
            taxonomy = load_text(text, str(file))
            if taxonomy.kind != "taxonomy" or taxonomy.data.get("id") != name:
                continue
            at = (
                ("id",) if ref.kind == "taxonomy" else _id_path(taxonomy.data, "domains", ref.ident)
            )
            return _location(file, text, at, False, encoding, uri_of) if at else None
    return None


def _files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.exists():
            found.extend(expand([path]))
    return found


# -- completion ------------------------------------------------------------------------------------

_KEY_VALUE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):\s*(?P<rest>.*)$")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<rest>[^:#]*)$")
_PARTIAL = re.compile(r"[^\s\[\],{}:'\"]*$")
_LAST_KEY = re.compile(r"(?:^|\s)(?P<key>[A-Za-z_][\w-]*):\s*$")


def _parent_key(lines: list[str], dash: int) -> tuple[str, int] | None:
    """The key whose block list holds an item whose ``-`` is at column ``dash``, and the
    indentation of that key's line (scanning up from the last line)."""
    for line in reversed(lines):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if indent > dash or (indent == dash and stripped.startswith("-")):
            continue
        match = _LAST_KEY.search(line.split(" #")[0])
        return (match.group("key"), indent) if match else None
    return None


@dataclass(frozen=True)
class Slot:
    """Where the cursor is being typed into: the key whose value it is, the partial id typed
    so far, and (for a list item or a value under ``domains:``) the enclosing key."""

    key: str
    partial: str
    indent: int


def slot_at(index: TextIndex, offset: int) -> Slot | None:
    """What kind of value the cursor is in, read from the text (which may not parse yet)."""
    line, _ = index.position(offset)
    before = index.text[index.offset_of(line, 0) : offset]
    partial_match = _PARTIAL.search(before)
    partial = partial_match.group() if partial_match else ""
    above = [index.lsp_line_text(n) for n in range(line)]
    item = _LIST_ITEM.match(before)
    if item is not None and not item.group("rest").lstrip().startswith(("[", "{")):
        parent = _parent_key(above, len(item.group("indent")))
        if parent is None or parent[0] == "domains":  # a domain is a mapping, not an id
            return None
        return Slot(parent[0], partial, parent[1])
    pair = _KEY_VALUE.match(before)
    if pair is None:
        return None
    key, indent = pair.group("key"), len(pair.group("indent"))
    if key == "id" and before.lstrip().startswith("-"):
        parent = _parent_key(above, indent)
        if parent is not None and parent[0] == "domains":
            return Slot("domains", partial, parent[1])
    return Slot(key, partial, indent)


def _item(
    label: str,
    kind: lsp.CompletionItemKind,
    detail: str,
    docs: str | None,
    order: int,
    edit: lsp.Range,
) -> lsp.CompletionItem:
    return lsp.CompletionItem(
        label=label,
        kind=kind,
        detail=detail,
        documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=docs) if docs else None,
        sort_text=f"{order:05d}",
        filter_text=label,
        text_edit=lsp.TextEdit(range=edit, new_text=label),
    )


def completion(snapshot: Snapshot, known: Snapshot, offset: int) -> list[lsp.CompletionItem]:
    """Ids that fit where the cursor is: source ids in ``cite`` and ``source``, level ids in
    ``level``, anchor ids in a statement's ``anchors`` and an exposure task's ``anchor``,
    taxonomy ids in ``taxonomy``, and a taxonomy's domains not yet in the framework as a new
    domain's ``id``. ``snapshot`` holds the text being typed; ``known`` the last version of the
    file that could be read (the text being typed may not parse yet)."""
    doc = known.doc
    if doc.kind != "framework":
        return []
    slot = slot_at(snapshot.index, offset)
    if slot is None:
        return []
    edit = lsp_range(snapshot.index, offset - len(slot.partial), offset)
    data = doc.data
    items = []
    if slot.key in ("cite", "source"):
        for order, (ident, entry) in enumerate(sorted(known_sources(doc, known.shared).items())):
            title = entry.get("title") if isinstance(entry, dict) else None
            docs = hover_text(known, Reference("source", ident))
            items.append(
                _item(ident, lsp.CompletionItemKind.Reference, str(title or ""), docs, order, edit)
            )
    elif slot.key == "level":
        for order, (_, level) in enumerate(_items(data, "levels")):
            docs = hover_text(known, Reference("level", level["id"]))
            name = str(level.get("name") or "")
            items.append(
                _item(level["id"], lsp.CompletionItemKind.EnumMember, name, docs, order, edit)
            )
    elif (slot.key == "anchors" and slot.indent > 0) or slot.key == "anchor":
        for order, (_, anchor) in enumerate(_items(data, "anchors")):
            text = str(anchor.get("text") or "")
            detail = text if len(text) <= 60 else text[:59] + "…"
            docs = hover_text(known, Reference("anchor", anchor["id"]))
            items.append(
                _item(anchor["id"], lsp.CompletionItemKind.Reference, detail, docs, order, edit)
            )
    elif slot.key == "taxonomy" and slot.indent == 0:
        for order, (ident, taxonomy) in enumerate(sorted(known.shared.taxonomies.items())):
            title = str(taxonomy.get("title") or "") if isinstance(taxonomy, dict) else ""
            docs = hover_text(known, Reference("taxonomy", ident))
            items.append(_item(ident, lsp.CompletionItemKind.Module, title, docs, order, edit))
    elif slot.key == "domains" and slot.indent == 0:
        taxonomy = _taxonomy_of(known)
        present = {d["id"] for _, d in _items(data, "domains")}
        if taxonomy is not None:
            for order, (_, domain) in enumerate(_items(taxonomy, "domains")):
                if domain["id"] in present:
                    continue
                name = str(domain.get("name") or "")
                docs = _named_hover(domain, f"a domain of the taxonomy {_text(taxonomy.get('id'))}")
                items.append(
                    _item(domain["id"], lsp.CompletionItemKind.Folder, name, docs, order, edit)
                )
    return items
