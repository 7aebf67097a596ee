"""The file is not UTF-8 text.

Framework files are UTF-8, with or without a byte-order mark. A file saved as Latin-1 or UTF-16,
or a binary file, is reported at the first byte that is not UTF-8, so the odd character (often
a curly quote or an accented letter pasted from a word processor) can be found and retyped.

Fails::

    text: explains the traveler?s rights   # the ? is byte 0x92, saved as Windows-1252

Passes::

    text: explains the traveler’s rights     # saved as UTF-8
"""

from __future__ import annotations

from skillframe.diagnostics import Severity
from skillframe.rules.base import Rule

# Reported by the loader (skillframe.load) while it reads the file.
RULE = Rule(
    code="SF004",
    name="encoding",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    sort="load",
    kinds=("framework", "sources", "taxonomy"),
)
