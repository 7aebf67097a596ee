"""What a writer most likely meant when YAML cannot read a line: the fix that works.

The YAML parser names the place where it gave up, which is often not where the mistake is, and
its words ("mapping values are not allowed here") are the parser's. These functions look at
the failing line and its neighbours for the mistakes writers make, and say where the mistake is
and what to write instead:

- a ``: `` inside an unquoted text, which YAML reads as a new key (``text: a: b``, or such a
  text going on over a second line);
- a key glued to its value, ``title:Sharing concerns``, which YAML reads as one word and
  reports on the next line;
- a statement (or any item) indented at the wrong level (see :func:`looks_like_statement`).

Each returns None when the shape is not one it knows; the parser's own words then stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: ``key: value`` on one line, possibly as a list item: (prefix, key, value, value column).
_KEY_VALUE = re.compile(
    r"^(?P<prefix>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<gap>[ ]+)(?P<value>.*)$"
)
#: A key written against its value with no space: ``title:Sharing``.
_GLUED = re.compile(r"^(?P<prefix>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/][^:]*)$")


@dataclass(frozen=True)
class Hint:
    """Where the mistake is (1-based) and what to do about it."""

    line: int
    column: int
    message: str


def quoted(text: str) -> str:
    """``text`` as a YAML quoted scalar: single quotes unless it holds one, then double."""
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _shorten(text: str, limit: int = 70) -> str:
    """``text`` cut in the middle to about ``limit`` characters, keeping both ends (a quote
    that closes the text stays in sight)."""
    if len(text) <= limit:
        return text
    tail = limit // 3
    return f"{text[: limit - tail - 5]} ... {text[-tail:]}"


def colon_in_text(lines: list[str], line: int, column: int) -> Hint | None:
    """The parser found ``: `` where no key can start: inside the value of a key on that line,
    or on a line that continues a plain (unquoted, unfolded) text started above."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    match = _KEY_VALUE.match(here)
    if match and match.start("value") < column:
        key, value = match.group("key"), match.group("value").rstrip()
        if value and value[0] not in "'\"[{|>&*!":
            fixed = f"{match.group('prefix')}{key}: {quoted(value)}"
            return Hint(
                line,
                column,
                f"the text of '{key}' holds ': ', which YAML reads as the start of another key: "
                f"put the whole text in quotes: {_shorten(fixed.strip(), 60)}",
            )
        return None
    # A continuation line: look up for the key whose plain text this line carries on.
    depth = _indent(here)
    for above in range(line - 2, -1, -1):
        previous = lines[above]
        if not previous.strip() or previous.lstrip().startswith("#"):
            continue
        if _indent(previous) >= depth and not _KEY_VALUE.match(previous):
            continue  # another continuation line of the same text
        start = _KEY_VALUE.match(previous)
        if start is None or _indent(previous) >= depth:
            return None
        value = start.group("value").rstrip()
        if not value or value[0] in "'\"[{|>&*!#":
            return None
        key = start.group("key")
        return Hint(
            line,
            column,
            f"this line carries on the text of '{key}' (line {above + 1}), and its ': ' reads as "
            f"a new key: write the text folded, '{key}: >-' with the text on the lines below it, "
            "or put the whole text in quotes",
        )
    return None


def glued_key(lines: list[str], line: int) -> Hint | None:
    """A line above the failing one (or the failing one) whose key has no space after its
    colon, so that YAML read key and value as one word."""
    for index in range(line - 1, max(line - 4, 0) - 1, -1):
        if not 0 <= index < len(lines):
            continue
        text = lines[index]
        match = _GLUED.match(text)
        if match is None:
            continue
        key, value = match.group("key"), match.group("value")
        return Hint(
            index + 1,
            match.end("key") + 1,
            f"'{key}:{_shorten(value, 30)}' has no space after the colon, so YAML does not read "
            f"a key: write '{key}: {_shorten(value, 30)}'",
        )
    return None


def syntax_hint(problem: str, text: str, line: int, column: int) -> Hint | None:
    """The likely mistake behind a YAML syntax error the parser reported at (line, column)."""
    lines = text.splitlines()
    if "mapping values are not allowed" in problem:
        return colon_in_text(lines, line, column) or glued_key(lines, line)
    if "could not find expected ':'" in problem or "did not find expected key" in problem:
        return glued_key(lines, line)
    return None


#: Keys only a statement has: a domain holding several of them is a statement out of place.
STATEMENT_KEYS = frozenset({"level", "title", "text", "cite", "anchors", "tags"})


def looks_like_statement(item: Any) -> bool:
    """A ``domains:`` item that is really a statement indented one level too shallow: it has no
    domain name and two or more keys only statements have."""
    return (
        isinstance(item, dict)
        and "name" not in item
        and "statements" not in item
        and len(STATEMENT_KEYS.intersection(item)) >= 2
    )
