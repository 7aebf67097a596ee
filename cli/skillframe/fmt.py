"""The canonical layout of skillframe files, as ``skillframe fmt`` writes it.

- Keys in the file format's order, in every mapping the format knows (a key it does not know keeps its
  place after the known ones).
- Indentation as in the file format reference: nested mappings by 2 spaces, list items ``  - `` under their key.
- Quoting: text is written plain when plain YAML reads it back as the same text, else in double
  quotes; values that are codes, dates, versions or addresses (``version``, ``date``, ``url``,
  ``locator``, ``onet_soc``, ``horizon``, identifiers, a locator's ``example``, an evidence
  ``value`` that is text) are always in double quotes, and a locator ``pattern`` (a regular
  expression) in single quotes.
- What is the writer's choice stays: comments and blank lines, flow (``[a, b]``, ``{...}``) or
  block layout of each list and mapping, and folded (``>-``) or literal (``|``) texts with their
  line breaks; a text in quotes or plain over several lines is joined onto one.
- The file ends with a line break; its line endings (LF or CRLF) and a BOM are kept.

Formatting never changes what a file means: the result is read back and compared with the
original data before anything is written. Running it twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from skillframe import spec
from skillframe.errors import Refusal
from skillframe.roundtrip import Style
from skillframe.tree import is_collection, is_flow, put, reorder_keys

CANONICAL = Style(mapping=spec.INDENT, sequence=2 * spec.INDENT, offset=spec.INDENT)


def _requote(value: Any, key: Any, flow: bool, double: bool = False) -> Any:
    """The canonical form of one scalar value (anything but text is returned as it is)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if not isinstance(value, str) or isinstance(value, (FoldedScalarString, LiteralScalarString)):
        return value
    text = str(value)
    if "\n" in text or (text != text.strip() and not text.strip()):
        return value
    if key in spec.SINGLE_QUOTED and "'" not in text:
        return SingleQuotedScalarString(text)
    if double or not spec.plain_ok(text, flow):
        return DoubleQuotedScalarString(text)
    return text


def _walk(node: Any, shape: spec.Shape | None, flow: bool, top: bool = False) -> None:
    """Reorder and requote a mapping (and everything under it) of a known shape."""
    if not isinstance(node, dict):
        return
    flow = flow or is_flow(node)
    if shape is not None and shape.get("keys"):
        reorder_keys(node, list(shape["keys"]), top=top)
    children: dict[str, Any] = shape.get("children", {}) if shape else {}
    each: spec.Shape | None = shape.get("each") if shape else None
    for key in list(node.keys()):
        value = node[key]
        child = each if each is not None else children.get(key)
        if isinstance(value, dict):
            _walk(value, child if isinstance(child, dict) else None, flow)
        elif isinstance(value, list):
            item_shape = child[1] if isinstance(child, tuple) else None
            _walk_list(value, item_shape, flow)
        else:
            double = spec.double_quoted_key(key, value)
            new = _requote(value, key, flow, double)
            if new is not value:
                put(node, key, new)


def _walk_list(seq: Any, item_shape: spec.Shape | None, flow: bool) -> None:
    flow = flow or is_flow(seq)
    for index, item in enumerate(seq):
        if isinstance(item, dict):
            _walk(item, item_shape, flow)
        elif isinstance(item, list):
            _walk_list(item, None, flow)
        else:
            new = _requote(item, None, flow)
            if new is not item:
                list.__setitem__(seq, index, new)


def format_text(text: str, kind: str, bom: bool = False, order: bool = False) -> str:
    """The canonical layout of a file's text (which must read cleanly); with ``order``, each
    domain's statements also come in level order (see :func:`ordered`)."""
    from skillframe import roundtrip

    found = roundtrip.detect_style(text, bom)
    style = replace(CANONICAL, newline=found.newline, bom=bom)
    # The round-trip loader keeps a CR in comments and drops blank lines before them when lines
    # end in CRLF: it reads LF text, and the file's own line ending is put back at the end.
    tree = roundtrip.load(roundtrip.as_lf(text), style)
    if is_collection(tree):
        _walk(tree, spec.SHAPES.get(kind), False, top=True)
        if order and kind == "framework":
            _order_statements(tree)
    return roundtrip.with_newlines(roundtrip.dump(tree, style), style)


def _level_orders(data: Any) -> list[tuple[Any, tuple[int, ...]]]:
    """Each domain whose statements are out of level order, with their level order (a domain
    with a statement at an undeclared level is left as it is: SF302 reports that)."""
    from skillframe.rules.sf511_level_order import level_order

    if not isinstance(data, dict):
        return []
    levels = [lv.get("id") for lv in data.get("levels") or [] if isinstance(lv, dict)]
    known = [lv for lv in levels if isinstance(lv, str)]
    out = []
    for domain in data.get("domains") or []:
        order = level_order(domain, known)
        if order is not None and list(order) != sorted(order):
            out.append((domain, order))
    return out


def _order_statements(tree: Any) -> None:
    from skillframe.tree import reorder_items

    for domain, order in _level_orders(tree):
        reorder_items(domain["statements"], list(order))


def ordered(data: Any) -> Any:
    """Plain framework data with each domain's statements in level order, as ``fmt --order``
    writes them (stable: statements at one level keep their order)."""
    import copy

    data = copy.deepcopy(data)
    for domain, order in _level_orders(data):
        statements = domain["statements"]
        domain["statements"] = [statements[index] for index in order]
    return data


def check_same_meaning(before: str, after: str, display: str, order: bool = False) -> None:
    """Refuse a layout that would change what the file means (a bug, never expected); with
    ``order``, statements may have moved into level order, and nothing else."""
    from skillframe.load import load_text

    old, new = load_text(before, display), load_text(after, display)
    expected = ordered(old.data) if order and old.kind == "framework" else old.data
    if new.problems or expected != new.data:
        raise Refusal(
            f"'{display}' was left as it is: its new layout would not read back the same "
            "(please report this)"
        )
