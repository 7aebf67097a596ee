"""Text made safe inside Markdown, for every command and export that writes Markdown."""

from __future__ import annotations

import re

from skillframe.printable import printable

#: Characters that Markdown (GitHub-flavoured) would read as markup or a table's cell divider.
_SPECIAL = "\\`*_[]<>|~"


def md_text(text: str) -> str:
    """``text`` safe inside a Markdown paragraph or table cell: runs of whitespace become one
    space, control characters are written as visible escapes (see skillframe.printable), and
    each character Markdown would read as markup is escaped with a backslash."""
    out = []
    for char in printable(re.sub(r"\s+", " ", text)):
        out.append("\\" + char if char in _SPECIAL else char)
    return "".join(out)
