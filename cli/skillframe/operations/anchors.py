"""Importing an occupation's O*NET tasks as a framework's anchors."""

from __future__ import annotations

from typing import Any

from skillframe import spec
from skillframe.collection import display_path
from skillframe.edit import current_path, current_style
from skillframe.errors import Refusal
from skillframe.onet import TaskTable, anchors_to_add
from skillframe.operations.common import Operation, ensure_list, plural, statements_of, usage
from skillframe.operations.statements import text_value
from skillframe.tree import insert_item, is_flow, make_block, scalar

#: The source the anchors cite, as ``source add`` would be given it.
ONET_SOURCE = {
    "title": "O*NET 30.2 Database",
    "type": "dataset",
    "version": "30.2",
    "url": "https://www.onetcenter.org",
    "license": "CC-BY-4.0",
}


class MissingSource(Refusal):
    """New entries would cite a source the framework does not know; ``fields`` are what
    adding it takes."""

    def __init__(
        self, message: str, *, source: str, fields: dict[str, str], file: str | None = None
    ) -> None:
        super().__init__(message)
        self.source = source
        self.fields = fields
        #: The file the source would be added to (as the user named it), when known.
        self.file = file


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
        used.update(a for a in spec.list_at(found.statement, "anchors") or [] if isinstance(a, str))
    exposure = data.get("exposure") if isinstance(data, dict) else None
    for task in spec.list_at(exposure, "tasks") or []:
        if isinstance(task, dict) and isinstance(task.get("anchor"), str):
            used.add(task["anchor"])
    return used


def _credit(soc: str, title: str) -> str:
    """The comment above a new section of O*NET anchors, in lines of at most 100 columns."""
    import textwrap

    named = f"{soc} ({title})" if title else soc
    lines = [
        *textwrap.wrap(f"Task statements of O*NET occupation {named}.", spec.WIDTH - 2),
        *textwrap.wrap(ONET_CREDIT, spec.WIDTH - 2),
    ]
    return "".join(f"# {line}\n" for line in lines)


def _anchor_text(data: Any, text: str, like: Any, at: tuple[str | int, ...]) -> Any:
    """An anchor's text: written as the neighbour writes its text when that is one plain or
    quoted line and this text fits on one; otherwise folded (``>-``) at the file's width."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    style = current_style()
    wrap = style.wrap or spec.WIDTH
    one_line = isinstance(like, str) and not isinstance(like, FoldedScalarString)
    if one_line and style.key_column(data, at) + len("text: ") + len(text) <= wrap:
        return scalar(text, like=like)
    return text_value(data, text, None, at)


def _anchor_entry(data: Any, anchor: dict[str, str], like: Any, at: tuple[str | int, ...]) -> Any:
    """A new anchor laid out as its neighbour ``like`` is (the format reference's layout when none)."""
    from ruamel.yaml.comments import CommentedMap

    flow = is_flow(like)
    near = like if isinstance(like, dict) else {}
    entry = CommentedMap()
    entry["id"] = scalar(anchor["id"], flow=flow)
    entry["source"] = scalar(anchor["source"], like=near.get("source"), flow=flow)
    entry["locator"] = scalar(anchor["locator"], like=near.get("locator"), flow=flow, key="locator")
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
                "say whose tasks to import: `soc` CODE (such as 33-3051.04); the framework "
                "has no occupation.onet_soc",
                "soc",
            )
        existing = data.get("anchors")
        if existing is not None and not isinstance(existing, list):
            raise Refusal("'anchors:' is not a list; fix it first (the file is unchanged)")
        sources = known_sources(data)
        new = anchors_to_add(
            table, code, [a for a in existing or [] if isinstance(a, dict)], sources
        )
        if own is not None and code != own and not force:
            raise Refusal(
                f"the framework's occupation is {own} (occupation.onet_soc), and its anchors "
                f"must be tasks of it, not of {code}; the file is unchanged (`force` imports "
                "them anyway)",
                options=("force",),
            )
        if not new:
            count = len(table.occupation_tasks(code))
            if count == 1:
                return f"the one task of {code} is already an anchor"
            return f"all {count} tasks of {code} are already anchors"
        if "onet" not in sources:
            raise MissingSource(
                "the anchors would cite the source 'onet', which this framework does not know "
                "(neither its own sources: nor the shared registry lists it); add it first",
                source="onet",
                fields=ONET_SOURCE,
                file=display_path(path) if (path := current_path()) else None,
            )
        title = table.titles.get(code, "")
        seq = ensure_list(data, "anchors", spec.FRAMEWORK_KEYS, comment=_credit(code, title))
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
