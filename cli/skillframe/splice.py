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
