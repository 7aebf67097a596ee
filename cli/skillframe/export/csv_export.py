"""CSV export: one row per statement, for curriculum teams who draft in spreadsheets.

The header is ``domain,domain_name,level,id,title,text,cite,anchors,tags``. Lists are joined with
``;`` and a citation with a locator is written ``source=locator`` (see skillframe.export.cells
for the exact grammar). Every cell that a spreadsheet would run as a formula is neutralised with
a leading apostrophe, which ``skillframe import csv`` removes again. Cells holding a comma, a
quote or a line break are quoted (RFC 4180); rows end with ``\\n``; the text is UTF-8 without a
byte order mark.
"""

from __future__ import annotations

from skillframe.export.cells import format_citations, format_list, neutralise
from skillframe.model import Framework

HEADER = ("domain", "domain_name", "level", "id", "title", "text", "cite", "anchors", "tags")


def _cell(text: str) -> str:
    if any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _row(cells: tuple[str, ...]) -> str:
    return ",".join(_cell(neutralise(cell)) for cell in cells) + "\n"


def render(fw: Framework) -> str:
    rows = [_row(HEADER)]
    for domain in fw.domains:
        for s in domain.statements:
            row = (
                domain.id,
                domain.name,
                s.level,
                s.id,
                s.title,
                s.text,
                format_citations(s.cite),
                format_list(s.anchors),
                format_list(s.tags),
            )
            rows.append(_row(row))
    return "".join(rows)


def is_ours(existing: str, new: str) -> bool:
    """A CSV is a working copy people edit: only an identical file is ours to replace."""
    return existing == new
