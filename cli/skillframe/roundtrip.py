"""Round-trip YAML in the file's own style, and splice an edit back into the original bytes.

An edit loads a file with ruamel.yaml's round-trip loader (comments, key order and quotes kept),
changes the tree, and dumps it again. Two things keep the rest of the file byte-identical:

1. The dumper is set up in the file's own style: the indentation of mappings and of block
   sequences (``- id:`` flush with its key, or indented under it) is measured from the file,
   quotes are preserved, and lines are never re-wrapped.
2. Even so, ruamel.yaml rewrites a few constructs it reads (extra spaces after a colon, a plain
   text continued over several lines, ``~`` for null, a flow list over several lines, escapes
   in double quotes, ``...``). So the dump is not written as it is: :func:`splice` compares the
   dump of the untouched tree with the dump of the edited tree, and applies only the lines the
   edit changed to the original text (a three-way merge). Every line outside the edited region
   is the original line, with its own line ending.

The caller checks that the spliced text means exactly what the edited tree means (see
:func:`skillframe.edit.apply`); if it ever did not, the whole dump is used instead.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: Lines are never re-wrapped by the dumper: a very large width.
NO_WRAP = 1 << 30

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_BLOCK_SCALAR = re.compile(r"(?:^|[:\-]\s+)[|>][-+0-9]*\s*(?:#.*)?$")
_KEY_ONLY = re.compile(r"^( *)(?:[\w$][^#:]*|'[^']*'|\"[^\"]*\")\s*:\s*(?:#.*)?$")
_ITEM = re.compile(r"^( *)-( +)\S")
_KEY = re.compile(r"^( *)(?:[\w$][^#:]*|'[^']*'|\"[^\"]*\")\s*:(?:\s|$)")


@dataclass(frozen=True)
class Style:
    """How a file is laid out, as far as writing it back needs to know.

    ``mapping`` is the indentation of a nested mapping; ``offset`` is where the ``-`` of a block
    sequence stands relative to its key, and ``sequence`` where the item's content starts
    (``offset`` plus the dash and its spaces). The format reference's own style is 2, 4, 2.
    """

    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    newline: str = "\n"
    bom: bool = False
    final_newline: bool = True
    #: The longest line (indentation included) of the file's folded (``>``) texts: where a new
    #: or edited folded text is broken. 0 when the file has none.
    wrap: int = 0

    def key_column(self, data: Any, at: Sequence[str | int]) -> int:
        """The column of the keys of the mapping at ``at`` in a dump in this style."""
        column = 0
        node = data
        for step in at:
            try:
                node = node[step]
            except (IndexError, KeyError, TypeError):
                node = None  # a place about to be filled: count it as an item or a mapping
            if isinstance(step, int):
                column += self.sequence
            elif node is None or isinstance(node, dict):
                column += self.mapping
        return column

    def fold_width(self, data: Any, at: Sequence[str | int]) -> int:
        """How many characters of text fit on a line of a folded text under the mapping at
        ``at`` (0: do not break)."""
        if not self.wrap:
            return 0
        width = self.wrap - self.key_column(data, at) - self.mapping
        return width if width >= 20 else 0


def lines_of(text: str) -> list[str]:
    """The lines of ``text``, each with its own line ending (CRLF, CR or LF) if it has one."""
    return _LINE.findall(text)


def _bare(line: str) -> str:
    return line.rstrip("\r\n")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def detect_style(text: str, bom: bool = False) -> Style:
    """Measure a file's layout: the commonest mapping and sequence indentation, its line ending.

    A file too small to show a sequence or a nested mapping gets the format reference's style for it.
    """
    lines = [_bare(line) for line in lines_of(text)]
    # "end" closes a block scalar that runs to the end of the file.
    mappings: Counter[int] = Counter()
    sequences: Counter[tuple[int, int]] = Counter()
    content: list[str] = []
    scalar_indent: int | None = None
    folding = False
    folded: list[int] = []
    wrap = 0
    for line in [*lines, "end"]:
        stripped = line.strip()
        if scalar_indent is not None:
            if not stripped or _indent(line) > scalar_indent:
                if folding and stripped:
                    folded.append(len(line.rstrip()))
                continue
            scalar_indent = None
            if len(folded) > 1:
                # Only a text the writer broke over lines says where lines end.
                wrap = max(wrap, *folded)
            folded = []
        if not stripped or stripped.startswith("#"):
            continue
        content.append(line)
        opened = _BLOCK_SCALAR.search(line)
        if opened:
            scalar_indent = _scalar_parent(line)
            folding = ">" in opened.group(0)
    for here, after in itertools.pairwise(content):
        head = _KEY_ONLY.match(here)
        if head is None:
            item = _ITEM.match(here)
            rest = here[len(item.group(0)) - 1 :] if item else ""
            if item and _KEY_ONLY.match(rest):
                # "- key:" opens a mapping whose keys start after the dash
                key_column = len(item.group(1)) + 1 + len(item.group(2))
                _measure(key_column, after, mappings, sequences)
            continue
        _measure(len(head.group(1)), after, mappings, sequences)
    mapping = mappings.most_common(1)[0][0] if mappings else 2
    if sequences:
        offset, sequence = sequences.most_common(1)[0][0]
    else:
        offset, sequence = 2, 4
    sequence = max(sequence, offset + 2)
    first = lines_of(text)[:1]
    newline = "\r\n" if first and first[0].endswith("\r\n") else "\n"
    if first and first[0].endswith("\r") and not first[0].endswith("\r\n"):
        newline = "\r"
    return Style(
        mapping=mapping,
        sequence=sequence,
        offset=offset,
        newline=newline,
        bom=bom,
        final_newline=text == "" or text.endswith(("\n", "\r")),
        wrap=wrap,
    )


def _scalar_parent(line: str) -> int:
    """The indentation a block scalar opened on ``line`` must go beyond."""
    item = _ITEM.match(line)
    if item is None:
        return _indent(line)
    after_dash = line[len(item.group(0)) - 1 :]
    if after_dash[:1] in ("|", ">"):
        return len(item.group(1))
    return len(item.group(1)) + 1 + len(item.group(2))


def _measure(
    key_column: int,
    after: str,
    mappings: Counter[int],
    sequences: Counter[tuple[int, int]],
) -> None:
    item = _ITEM.match(after)
    if item is not None:
        dash = len(item.group(1))
        if dash >= key_column:
            sequences[(dash - key_column, dash - key_column + 1 + len(item.group(2)))] += 1
        return
    key = _KEY.match(after)
    if key is not None and len(key.group(1)) > key_column:
        mappings[len(key.group(1)) - key_column] += 1


def yaml_for(style: Style) -> Any:
    """A round-trip ruamel.yaml object set up to write in ``style``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt", pure=False)
    yaml.preserve_quotes = True
    yaml.width = NO_WRAP
    yaml.allow_unicode = True
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    return yaml


def load(text: str, style: Style) -> Any:
    """The round-trip tree of ``text`` (a CommentedMap for every file this tool edits).

    The text must already be known to parse (``skillframe.load``); ruamel's own errors pass up.
    """
    return yaml_for(style).load(text)


def dump(data: Any, style: Style) -> str:
    """YAML text of a round-trip tree in ``style``, with LF line endings and no BOM."""
    out = io.StringIO()
    yaml_for(style).dump(data, out)
    return out.getvalue()


def _matches(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Line ``i`` of ``old`` is line ``j`` of ``new`` where they match in a longest common run."""
    import difflib

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pairs: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
    return pairs


def splice(original: str, base: str, edited: str, style: Style) -> str:
    """Apply the change from ``base`` to ``edited`` to ``original``, line by line.

    ``base`` is the dump of the untouched tree and ``edited`` the dump of the edited one; where
    ``original`` and ``base`` differ only by the dumper's own rewriting, the original lines are
    kept. Where a changed region overlaps such a rewrite, the edited lines win. New lines get the
    file's line ending.
    """
    ours = lines_of(original)
    theirs = lines_of(edited)
    o_keys = [_bare(line) for line in lines_of(base)]
    a_keys = [_bare(line) for line in ours]
    b_keys = [_bare(line) for line in theirs]
    to_a = _matches(o_keys, a_keys)
    to_b = _matches(o_keys, b_keys)
    stable = [(o, to_a[o], to_b[o]) for o in range(len(o_keys)) if o in to_a and o in to_b]
    stable.append((len(o_keys), len(ours), len(theirs)))
    out: list[str] = []
    po = pa = pb = -1
    for o, a, b in stable:
        o_chunk = o_keys[po + 1 : o]
        b_chunk = b_keys[pb + 1 : b]
        if b_chunk == o_chunk:
            out.extend(ours[pa + 1 : a])
        else:
            out.extend(_resolve(o_chunk, b_chunk, ours[pa + 1 : a], style))
        if o < len(o_keys):
            out.append(ours[a])
        po, pa, pb = o, a, b
    return _join(out, style)


def _resolve(o_chunk: list[str], b_chunk: list[str], a_lines: list[str], style: Style) -> list[str]:
    """Lines where the edit and the dumper's rewriting meet: the edited lines, except that a
    line the edit left alone keeps its original bytes when the rewriting kept the line count
    (so that lines correspond one to one)."""
    out = [key + style.newline for key in b_chunk]
    if len(o_chunk) != len(a_lines):
        return out
    for o, b in _matches(o_chunk, b_chunk).items():
        out[b] = a_lines[o]
    return out


def _join(lines: list[str], style: Style) -> str:
    for index, line in enumerate(lines[:-1]):
        if not line.endswith(("\n", "\r")):
            lines[index] = line + style.newline
    text = "".join(lines)
    if not style.final_newline:
        text = text.rstrip("\r\n")
    elif text and not text.endswith(("\n", "\r")):
        text += style.newline
    return text


def as_lf(text: str) -> str:
    """``text`` with every line ending (CRLF, CR) written as LF; YAML reads them all alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def with_newlines(text: str, style: Style) -> str:
    """LF text (a dump) with the file's line ending and final-newline choice."""
    if style.newline != "\n":
        text = text.replace("\n", style.newline)
    return _join(lines_of(text), style)


def encode(text: str, style: Style) -> bytes:
    """The bytes to write: UTF-8, with the BOM the file had."""
    raw = text.encode("utf-8")
    return b"\xef\xbb\xbf" + raw if style.bom else raw
