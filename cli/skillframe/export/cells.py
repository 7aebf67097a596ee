"""The text of list cells: CSV ``cite``/``anchors``/``tags`` columns and CASE item notes.

A list cell holds items separated by ``;``. A citation item is ``source`` or ``source=locator``,
optionally followed by ``| note``. Inside an item a backslash makes the next character literal
(``\\;``, ``\\|``, ``\\=``, ``\\\\``), except that ``\\n`` and ``\\r`` stand for a line break and a
carriage return, so that a cell is always one line; whitespace around items and their parts is
ignored unless it is escaped. Writers escape every separator, so any text survives the round
trip.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula. :func:`neutralise` puts an apostrophe in front of such a cell (and in front of a
cell that already looks neutralised, so that it is read back unchanged); :func:`restore` removes
exactly that apostrophe. A reader set to split rows on ``;`` or tabs starts a cell after each of
those too, so the same is done there (``checks bags;=cmd`` is written ``checks bags;'=cmd``). A statement whose text starts with ``-`` or ``+`` therefore keeps its
sign: it is written as ``'-20 °C ...`` and read back as ``-20 °C ...``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from skillframe.model import Citation

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_SPECIAL = "\\;|="
_LINE_BREAKS = {"\n": "\\n", "\r": "\\r"}
_ESCAPED = {"n": "\n", "r": "\r"}


#: Where a spreadsheet may start reading a cell: the cell's start, and, for a reader that splits
#: rows on semicolons or tabs rather than commas (Excel in many locales), after each of those.
_STARTS = "(^|[;\t])"
_FORMULA = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
_NEUTRALISE = re.compile(f"{_STARTS}(?={_FORMULA}|'(?:{_FORMULA}|'))")
_RESTORE = re.compile(f"{_STARTS}'(?={_FORMULA}|')")


def neutralise(cell: str) -> str:
    """The cell as written to a CSV file: each place a reader may start a cell (see _STARTS)
    that begins a formula gets an apostrophe."""
    return _NEUTRALISE.sub("\\1'", cell)


def restore(cell: str) -> str:
    """The cell as it was before :func:`neutralise` (a hand-typed apostrophe too)."""
    return _RESTORE.sub("\\1", cell)


def escape(part: str) -> str:
    """One item or part, with separators and edge whitespace made literal."""
    out = []
    last = len(part) - 1
    for index, char in enumerate(part):
        if char in _LINE_BREAKS:
            out.append(_LINE_BREAKS[char])
        elif char in _SPECIAL or (char.isspace() and index in (0, last)):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def format_list(items: Iterable[str]) -> str:
    """Ids or tags as one cell: ``a; b; c``."""
    return "; ".join(escape(item) for item in items)


def format_citation(citation: Citation) -> str:
    """``source``, ``source=locator``, with `` | note`` when the citation has a note."""
    text = escape(citation.source)
    if citation.locator is not None:
        text += "=" + escape(citation.locator)
    if citation.note is not None:
        text += " | " + escape(citation.note)
    return text


def format_citations(citations: Iterable[Citation]) -> str:
    return "; ".join(format_citation(c) for c in citations)


# A parsed character: the character and whether a backslash made it literal.
_Token = tuple[str, bool]


def _tokens(cell: str) -> list[_Token]:
    out: list[_Token] = []
    index = 0
    while index < len(cell):
        char = cell[index]
        if char == "\\" and index + 1 < len(cell):
            following = cell[index + 1]
            out.append((_ESCAPED.get(following, following), True))
            index += 2
        else:
            out.append((char, False))
            index += 1
    return out


def _split(tokens: list[_Token], separator: str, limit: int = -1) -> list[list[_Token]]:
    parts: list[list[_Token]] = [[]]
    for char, literal in tokens:
        if char == separator and not literal and (limit < 0 or len(parts) <= limit):
            parts.append([])
        else:
            parts[-1].append((char, literal))
    return parts


def _text(tokens: list[_Token]) -> str:
    start, end = 0, len(tokens)
    while start < end and tokens[start][0].isspace() and not tokens[start][1]:
        start += 1
    while end > start and tokens[end - 1][0].isspace() and not tokens[end - 1][1]:
        end -= 1
    return "".join(char for char, _ in tokens[start:end])


def _items(cell: str) -> list[list[_Token]]:
    return [item for item in _split(_tokens(cell), ";") if _text(item) or _has_literal(item)]


def _has_literal(tokens: list[_Token]) -> bool:
    return any(literal for _, literal in tokens)


def parse_list(cell: str) -> list[str]:
    """The items of a cell written by :func:`format_list` (empty items are dropped)."""
    return [_text(item) for item in _items(cell)]


def parse_citations(cell: str) -> list[Citation]:
    """The citations of a cell written by :func:`format_citations`.

    Raises ValueError, with a message for the writer, for an item with two notes or no source.
    """
    out = []
    for item in _items(cell):
        pieces = _split(item, "|")
        if len(pieces) > 2:
            raise ValueError(f"'{_text(item)}' has more than one '|': write a literal '|' as '\\|'")
        left = _split(pieces[0], "=", limit=1)
        source = _text(left[0])
        if not source:
            raise ValueError(f"'{_text(item)}' names no source before '=' or '|'")
        locator = _text(left[1]) if len(left) > 1 else None
        note = _text(pieces[1]) if len(pieces) > 1 else None
        out.append(Citation(source, locator or None, note or None))
    return out
