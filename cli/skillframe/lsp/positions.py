"""Positions in a text, as lint counts them and as the Language Server Protocol counts them.

Lint's lines and columns come from the YAML parser: 1-based, columns in characters (code points),
and a line ends at ``\\n``, ``\\r\\n``, ``\\r`` or one of the three breaks YAML 1.1 adds (NEL, LINE
SEPARATOR, PARAGRAPH SEPARATOR). LSP positions are 0-based, a line ends only at ``\\n``, ``\\r\\n`` or
``\\r``, and a column counts code units of the encoding agreed with the editor: UTF-16 unless the
client offers another (an emoji is two UTF-16 units, one code point). Every conversion goes through
a character offset into the text, so neither way of counting leaks into the other.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_LSP_BREAK = re.compile("\r\n|[\r\n]")
#: Line breaks other than \n: a text without them is indexed faster.
_RARE_BREAKS = "\r\x85\u2028\u2029"

#: The position encodings of LSP 3.17, by name.
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in the encoding."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _characters(line: str, count: int, encoding: str) -> int:
    """How many characters of ``line`` fit in ``count`` code units (a unit inside a character
    counts as that whole character)."""
    if encoding == UTF32:
        return min(count, len(line))
    used = 0
    for index, ch in enumerate(line):
        if used >= count:
            return index
        used += units(ch, encoding)
    return len(line)


@dataclass
class TextIndex:
    """Where each line of a text starts, in the YAML parser's count and in LSP's."""

    text: str
    encoding: str = UTF16
    _yaml: list[int] = field(init=False, repr=False)
    _lsp: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        text = self.text
        if not any(ch in text for ch in _RARE_BREAKS):
            # The usual text: lines end at \n alone, for YAML and LSP alike.
            self._yaml = self._lsp = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]
            self._yaml.pop()
        else:
            self._yaml = [0, *(m.end() for m in _YAML_BREAK.finditer(text))]
            self._lsp = [0, *(m.end() for m in _LSP_BREAK.finditer(text))]

    # -- lint's lines and columns ----------------------------------------------------------

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 1-based line and column as lint gives them (clamped)."""
        row = min(max(line, 1), len(self._yaml)) - 1
        start = self._yaml[row]
        end = self._yaml[row + 1] if row + 1 < len(self._yaml) else len(self.text)
        return min(start + max(column, 1) - 1, end)

    def line_column(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column lint would give a character offset."""
        row = bisect.bisect_right(self._yaml, offset) - 1
        return row + 1, offset - self._yaml[row] + 1

    # -- LSP positions -----------------------------------------------------------------------

    def _lsp_line(self, row: int) -> str:
        start = self._lsp[row]
        end = self._lsp[row + 1] if row + 1 < len(self._lsp) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def position(self, offset: int) -> tuple[int, int]:
        """The LSP position (0-based line, code units) of a character offset."""
        offset = min(max(offset, 0), len(self.text))
        row = bisect.bisect_right(self._lsp, offset) - 1
        start = self._lsp[row]
        return row, units(self.text[start:offset], self.encoding)

    def offset_of(self, line: int, character: int) -> int:
        """The character offset of an LSP position (clamped to its line, as LSP asks)."""
        if line >= len(self._lsp):
            return len(self.text)
        row = max(line, 0)
        text = self._lsp_line(row)
        return self._lsp[row] + _characters(text, max(character, 0), self.encoding)

    def lsp_line_text(self, line: int) -> str:
        """The text of an LSP line (0-based), without its line ending ('' past the end)."""
        return self._lsp_line(line) if 0 <= line < len(self._lsp) else ""

    @property
    def line_count(self) -> int:
        return len(self._lsp)


# -- how far a value runs ----------------------------------------------------------------------

_PLAIN_END_BLOCK = re.compile(r":(?=\s|$)|\s#")
_PLAIN_END_FLOW = re.compile(r":(?=[\s,\[\]{}]|$)|\s#|[,\[\]{}]")


def _depths(line: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """Each index of the line from ``start``, with the depth of brackets after its character
    (brackets inside quotes do not count)."""
    depth = 0
    quote = ""
    for index in range(start, len(line)):
        ch = line[index]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        yield index, depth


def _in_flow(line: str, column: int) -> bool:
    """Whether ``column`` of the line is inside brackets opened earlier on it."""
    depths = [depth for _, depth in _depths(line[:column])]
    return bool(depths) and depths[-1] > 0


def _closing_quote(line: str, start: int) -> int:
    """The index just past the quote closing the one at ``start``, or the line's end."""
    quote = line[start]
    index = start + 1
    while index < len(line):
        ch = line[index]
        if quote == '"' and ch == "\\":
            index += 2
            continue
        if ch == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return len(line)


def _closing_bracket(line: str, start: int) -> int:
    """The index just past the bracket closing the one at ``start``, or the line's end."""
    for index, depth in _depths(line, start):
        if depth == 0:
            return index + 1
    return len(line.rstrip())


def _content_end(line: str) -> int:
    """The end of the line's content, a trailing comment and spaces left out."""
    match = re.search(r"(^|\s)#", line)
    return len(line[: match.start()].rstrip()) if match else len(line.rstrip())


def token_end(line: str, start: int) -> int:
    """Where the YAML value or key starting at ``start`` of ``line`` ends on that line: a quoted
    text at its closing quote, a bracketed list or mapping at its closing bracket, a plain text
    before ``: `` or a comment (or a comma or bracket inside brackets). A block text's ``|`` or
    ``>`` and a list item's ``-`` run to the end of the line's content."""
    if start >= len(line):
        return start
    head = line[start]
    if head in "'\"":
        return _closing_quote(line, start)
    if head in "[{":
        return _closing_bracket(line, start)
    if head in "|>" or (head == "-" and line[start + 1 : start + 2] in ("", " ")):
        return max(_content_end(line), start + 1)
    pattern = _PLAIN_END_FLOW if _in_flow(line, start) else _PLAIN_END_BLOCK
    match = pattern.search(line, start + 1)
    end = match.start() if match else len(line)
    return max(len(line[:end].rstrip()), start + 1)


def word_end(line: str, start: int) -> int:
    """The end of the word (a run of non-spaces) starting at ``start``."""
    match = re.compile(r"\S*").match(line, start)
    return max(match.end() if match else start, min(start + 1, len(line)))


def unquote(token: str) -> str:
    """A scalar token as its value, for simple quoted ids: quotes off, ``''`` read as ``'``."""
    if len(token) >= 2 and token[0] == token[-1] == "'":
        return token[1:-1].replace("''", "'")
    if len(token) >= 2 and token[0] == token[-1] == '"' and "\\" not in token:
        return token[1:-1]
    return token
