"""Edits as splices into the original text, at node spans from the fast composer lint uses.

A change of a scalar value (a statement's title, text, level or id) is written without loading
the round-trip tree: the file is composed by the C composer (:func:`skillframe.load._yaml`,
the one lint uses), the node of the value is found, its span ``[start, end)`` in the text is
replaced by the new value rendered in the file's style, and nothing else is touched. The new
value is rendered as the round-trip path would render it:

- a plain or quoted value keeps the quotes the writer chose (quotes on a value that needed them
  are not passed on), values the format always quotes get double quotes (:mod:`skillframe.spec`);
- a folded (``>-``) text keeps the line breaks of the lines whose words did not change, and the
  changed lines are broken at the file's width (:func:`skillframe.tree.refold`).

Whatever is unusual (a value over several lines, a literal block, a block scalar with a comment
or an indentation indicator, text a folded block cannot carry) is not spliced: :func:`splice`
returns None and the caller uses the round-trip path. The caller also reads the spliced text
back and compares it with the data the edit should give, so a splice never writes a meaning
other than the one intended.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from skillframe import spec

_HEADER = re.compile(r">([-+]?)[ ]*(?:\r\n|\r|\n)")


@dataclass(frozen=True)
class ScalarChange:
    """Set the text value of ``key`` in the mapping at ``at`` (a path in the plain data);
    ``width`` is where a folded text's changed lines break (0: keep its own width)."""

    at: tuple[Any, ...]
    key: str
    text: str
    width: int = 0


def compose(text: str) -> Any:
    """The node tree of ``text`` (marks and styles kept), by the composer lint uses."""
    from skillframe.load import _yaml

    return _yaml().compose(io.StringIO(text))


def _child(node: Any, step: Any) -> Any:
    if node is None:
        return None
    if node.id == "mapping" and isinstance(step, str):
        for key, value in node.value:
            if key.id == "scalar" and key.value == step:
                return value
        return None
    if node.id == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    return None


def node_at(root: Any, at: tuple[Any, ...]) -> Any:
    node = root
    for step in at:
        node = _child(node, step)
    return node


def _quoted(text: str, quote: str) -> str:
    if quote == "'":
        return "'" + text.replace("'", "''") + "'"
    return spec.double_quoted(text)


def _flat(node: Any, key: str, new: str, source: str, flow: bool) -> tuple[int, int, str] | None:
    """The splice of a one-line plain or quoted value."""
    start, end = node.start_mark.index, node.end_mark.index
    if node.start_mark.line != node.end_mark.line or "\n" in new or "\r" in new:
        return None
    if not all(spec.printable(c) for c in new):
        return None
    quote = node.style if node.style in ("'", '"') else None
    plain = spec.plain_ok(new, flow)
    always = spec.double_quoted_key(key, new)
    if quote and (not plain or always or spec.plain_ok(str(node.value), flow)):
        return start, end, _quoted(new, quote)
    if always or not plain:
        return start, end, _quoted(new, '"')
    return start, end, new


def _lines_of(source: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each line from ``start``, line endings included in ``end``."""
    spans = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", source[start:]):
        if not match.group():
            break
        spans.append((start + match.start(), start + match.end()))
    return spans


def _folded(
    node: Any, new: str, source: str, width: int, newline: str
) -> tuple[int, int, str] | None:
    """The splice of the lines of a folded (``>``, ``>-``) block."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    from skillframe.tree import fold_width, refold

    header = _HEADER.match(source, node.start_mark.index)
    if header is None or header.group(1) == "+" or not spec.foldable(new):
        return None
    lines = _lines_of(source, header.end())
    if not lines:
        return None
    first = source[lines[0][0] : lines[0][1]]
    indent = len(first) - len(first.lstrip(" "))
    body: list[str] = []
    last = lines[0][1]
    for start, end in lines:
        line = source[start:end].rstrip("\r\n")
        if not line.strip() or len(line) - len(line.lstrip(" ")) < indent:
            break
        if line[indent] == " " or line != line.rstrip() or "\t" in line:
            return None  # a more indented or trailing-space line: not a simple fold
        body.append(line[indent:])
        last = end
    old_text = " ".join(body)
    clip = header.group(1) == ""
    if str(node.value) != old_text + ("\n" if clip else ""):
        return None
    old = FoldedScalarString(str(node.value))
    positions, offset = [], 0
    for line in body[:-1]:
        offset += len(line)
        positions.append(offset)
        offset += 1
    old.fold_pos = positions
    wanted = new + ("\n" if clip else "")
    value = refold(old, wanted, width or fold_width(old))
    text = str(value).rstrip("\n")
    pieces, begin = [], 0
    for cut in value.fold_pos:
        pieces.append(text[begin:cut])
        begin = cut + 1
    pieces.append(text[begin:])
    ending = source[lines[0][0] : last][len(source[lines[0][0] : last].rstrip("\r\n")) :]
    rendered = newline.join(" " * indent + piece for piece in pieces) + (ending or "")
    return lines[0][0], last, rendered


def splice(source: str, root: Any, changes: list[ScalarChange], newline: str) -> str | None:
    """``source`` with every change spliced in, or None when one of them cannot be."""
    edits = []
    for change in changes:
        mapping = node_at(root, change.at)
        node = _child(mapping, change.key)
        if node is None or node.id != "scalar" or getattr(node, "anchor", None):
            return None
        if node.style == ">":
            edit = _folded(node, change.text, source, change.width, newline)
        elif node.style in (None, "", "'", '"'):
            flow = bool(getattr(mapping, "flow_style", False))
            edit = _flat(node, change.key, change.text, source, flow)
        else:
            return None
        if edit is None:
            return None
        edits.append(edit)
    edits.sort()
    for (_, end), (start, _) in zip(
        [(s, e) for s, e, _ in edits], [(s, e) for s, e, _ in edits[1:]], strict=False
    ):
        if start < end:
            return None
    out = source
    for start, end, text in reversed(edits):
        out = out[:start] + text + out[end:]
    return out


# -- new items, inserted as text ---------------------------------------------------------------
#
# An operation that only adds items to block lists (``statement add``, and a batch of them) runs
# on a light round-trip tree: the fast composer's nodes constructed as ruamel.yaml's round-trip
# types, so every style an operation copies (flow or block, quotes, folded texts) is there, but
# no comment, and none of the cost of ruamel's pure-Python reader. Each new item is then
# rendered alone, in the file's style, and inserted after the last line of the item before it,
# above any comment that heads what follows, where the round-trip path would put it.


def light_tree(root: Any) -> Any:
    """The round-trip tree of the composed ``root``, without comments."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True  # the quotes a value was written with, copied by new values
    return yaml.constructor.construct_document(root)


@dataclass
class Listed:
    """A block list of mappings in the light tree, its node, and the items it had."""

    seq: Any
    node: Any
    items: list[int]


def lists_of(tree: Any, root: Any) -> list[Listed]:
    """Every block list of mappings or lists in ``tree``, with its node (walked side by side)."""
    found: list[Listed] = []

    def walk(value: Any, node: Any) -> None:
        if node.id == "mapping" and isinstance(value, dict):
            for key, child in node.value:
                if key.id == "scalar" and key.value in value:
                    walk(value[key.value], child)
        elif node.id == "sequence" and isinstance(value, list) and len(value) == len(node.value):
            containers = value and all(isinstance(item, (dict, list)) for item in value)
            if containers and not node.flow_style:
                found.append(Listed(value, node, [id(item) for item in value]))
            for item, child in zip(value, node.value, strict=True):
                walk(item, child)

    walk(tree, root)
    return found


def _line_start(source: str, index: int) -> int:
    return max(source.rfind("\n", 0, index), source.rfind("\r", 0, index)) + 1


def _dash_column(source: str, node: Any) -> int | None:
    """The column of the ``-`` that starts list item ``node`` (alone on its line's start)."""
    start = node.start_mark.index
    prefix = source[_line_start(source, start) : start]
    match = re.fullmatch(r"( *)- +", prefix)
    return len(match.group(1)) if match else None


def _after_item(source: str, item: Any, stop: int, dash: int) -> int | None:
    """Where text goes after list item ``item``: the start of the line after its last line of
    content (blank lines and comments before ``stop``, the next item or the list's end, are
    what follows it)."""
    begin = _line_start(source, item.start_mark.index)
    spans = _lines_of(source, begin)
    last = None
    for start, end in spans:
        if start >= stop:
            break
        line = source[start:end].rstrip("\r\n")
        stripped = line.lstrip(" ")
        if start > begin and (not stripped or stripped.startswith("#")):
            continue
        if start > begin and len(line) - len(stripped) <= dash:
            break  # the next item, or what follows the list
        last = end
    if last is None or source[last - 1] not in "\r\n":
        return None
    return last


def render_items(items: list[Any], style: Any, dash: int, newline: str) -> str | None:
    """``items`` written alone as list items whose ``-`` is at column ``dash``."""
    from ruamel.yaml.comments import CommentedSeq

    from skillframe import roundtrip

    lines = roundtrip.dump(CommentedSeq(items), style).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not lines[0].lstrip(" ").startswith("-"):
        return None
    cut = len(lines[0]) - len(lines[0].lstrip(" "))
    out = []
    for line in lines:
        if line.strip() and len(line) - len(line.lstrip(" ")) < cut:
            return None
        out.append(" " * dash + line[cut:] if line.strip() else "")
    return newline.join(out) + newline


def insert_items(source: str, lists: list[Listed], style: Any) -> str | None:
    """``source`` with the items added to ``lists`` since they were listed written in, or None
    when that is not a matter of inserting whole items after items that were there."""
    edits: list[tuple[int, int, str]] = []
    for listed in lists:
        current = [id(item) for item in listed.seq]
        if current == listed.items:
            continue
        position = {ident: index for index, ident in enumerate(listed.items)}
        kept = [position[i] for i in current if i in position]
        if kept != list(range(len(listed.items))):
            return None  # an item removed or moved: not an insertion
        groups: dict[int, list[Any]] = {}
        previous = -1
        for item in listed.seq:
            if id(item) in position:
                previous = position[id(item)]
            elif previous < 0:
                return None  # before the first item: where its comments go is a choice
            else:
                groups.setdefault(previous, []).append(item)
        nodes = listed.node.value
        for index, items in groups.items():
            dash = _dash_column(source, nodes[index])
            if dash is None:
                return None
            stop = (
                _line_start(source, nodes[index + 1].start_mark.index)
                if index + 1 < len(nodes)
                else listed.node.end_mark.index
            )
            at = _after_item(source, nodes[index], stop, dash)
            if at is None:
                return None
            rendered = render_items(items, style, dash, style.newline)
            if rendered is None:
                return None
            edits.append((at, at, rendered))
    out = source
    for start, end, text in sorted(edits, reverse=True):
        out = out[:start] + text + out[end:]
    return out
