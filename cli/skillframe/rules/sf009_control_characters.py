"""A text value or key holds control characters (a bell, an escape sequence, NUL, a carriage return).

A file can only hold these through escapes in double-quoted text (``"\\e[31m"``, ``"\\a"``,
``"\\0"``, ``"\\r"``), and they are almost always an accident of copying from a terminal or
another program. They are invisible in an editor, but a terminal obeys them (an escape sequence
recolours or clears the screen), exports carry them into spreadsheets and web pages, and a
carriage return on its own hides the text before it. Tabs and line breaks (a carriage return
followed by a line feed too) are left to SF508. The finding names each kind of character,
written as an escape.

Fails::

    - id: shift-log-entries
      title: "Shift log \\e[31mentries"

Passes::

    - id: shift-log-entries
      title: Shift log entries
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import At, Finding, Severity
from skillframe.printable import printable, quote
from skillframe.rules.base import Context, Rule

#: C0 controls but tab and line feed, DEL, C1 controls, and the Unicode line separators; a
#: carriage return only alone (CR LF is a line break, as in texts imported from Windows tools).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)")


def _named(value: str) -> str:
    return ", ".join(printable(c) for c in dict.fromkeys(CONTROL.findall(value)))


def _strings(node: Any, at: At) -> Iterator[tuple[At, str, bool]]:
    """(path, text, is a key) for every text value and key below ``node``."""
    if isinstance(node, str):
        yield at, node, False
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str):
                yield (*at, key), key, True
            yield from _strings(value, (*at, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _strings(item, (*at, index))


def check(ctx: Context) -> Iterator[Finding]:
    for at, value, is_key in _strings(ctx.data, ()):
        found = CONTROL.search(value)
        if found is None:
            continue
        what = _named(value)
        if is_key:
            yield Finding(at, f"the key {quote(value)} holds control characters ({what})", key=True)
            continue
        name = next((step for step in reversed(at) if isinstance(step, str)), "value")
        yield Finding(
            at,
            f"the {name} holds control characters ({what}): remove them",
            offset=found.start(),
        )


RULE = Rule(
    code="SF009",
    name="control-characters",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    kinds=("framework", "sources", "taxonomy"),
    check=check,
)
