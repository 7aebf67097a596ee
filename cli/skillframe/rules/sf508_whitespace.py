"""A statement's title or text has stray spaces (warning; ``lint --fix`` removes them).

Doubled spaces, tabs and spaces at the start or end of a title or text are invisible in the
file but show in exports, make two texts that read the same compare as different, and make
diffs noisy. They usually come from pasting. Line breaks kept inside a text (a ``|`` block)
are reported too: write long texts as folded blocks (``>-``) so the lines join with single
spaces. The warning points at the first stray space.

A good rewrite has single spaces between words and none at the ends.

Fails::

    - id: shift-log-entries
      title: "Shift log  entries "
      text: records key events  in the shift log.

Passes::

    - id: shift-log-entries
      title: Shift log entries
      text: records key events in the shift log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from skillframe.diagnostics import Finding, Fix, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import texts

_STRAY = re.compile(r"^[ \t]+|[ \t]+$| [ \t]+|\t+")


def tidy(value: str) -> str:
    """The value with single spaces between words and none at the ends (line breaks kept)."""
    return "\n".join(" ".join(line.split()) for line in value.split("\n"))


def check(ctx: Context) -> Iterator[Finding]:
    for key in ("title", "text"):
        for at, _, value in texts(ctx, key):
            tidy_already = "  " not in value and "\t" not in value and value.strip(" ") == value
            stray = [] if tidy_already else list(_STRAY.finditer(value))
            if stray:
                first = stray[0]
                if first.start() == 0:
                    what = "starts with a space"
                elif first.end() == len(value):
                    what = "ends with a space"
                elif "\t" in first.group():
                    what = "has a tab"
                else:
                    what = "has a doubled space"
                more = f" ({len(stray)} places)" if len(stray) > 1 else ""
                yield Finding(
                    at,
                    f"the {key} {what}{more}",
                    offset=first.start(),
                    fix=Fix(at, f"tidied the spaces of the {key}", value=tidy(value))
                    if value.strip()
                    else None,
                )
            elif "\n" in value.strip("\n"):
                yield Finding(
                    at,
                    f"the {key} holds a line break: write it as a folded block ('>-') so its "
                    "lines join with spaces",
                    offset=value.index("\n"),
                )


RULE = Rule(
    code="SF508",
    name="whitespace",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    fix="safe",
)
