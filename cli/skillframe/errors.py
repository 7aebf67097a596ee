"""The errors the library raises for anything the user must hear about, and the exit statuses.

Three kinds, each carrying data as well as a message:

- :class:`UsageError`: what was asked cannot be done as asked (conflicting or missing values);
- :class:`NotFound`: a thing named does not exist (``what``, ``ident`` and the ``choices``);
- :class:`Refusal`: the request is understood and refused, because of what the file holds
  (an edit that would add an error, a domain that still holds statements).

The library words its messages without the command line: where a message refers to an option
of the calling program it names the parameter in backquotes (```title```), listed in
``options``; ``str()`` shows the bare name, and the command line words it as its flag
(``--title``). The exit status of every error comes from :func:`exit_status`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from skillframe.printable import printable

#: Exit statuses, one place: all well; problems found or an edit refused; usage or I/O.
OK = 0
FINDINGS = 1
USAGE = 2

_OPTION = re.compile(r"`([a-z][a-z0-9_ ]*)`")


class SkillframeError(Exception):
    """A problem with the user's input or environment, told in one line.

    ``exit_code`` is 2 for usage and I/O problems (a missing path, a refused option) and 1 for
    findings (an edit refused because the framework would break). ``details`` are lines shown
    under it (the line a refused edit would have written, say), each kept to one line.
    """

    default_exit = USAGE

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        exit_code: int | None = None,
        options: Sequence[str] = (),
        details: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.exit_code = self.default_exit if exit_code is None else exit_code
        #: The parameters the message names in backquotes (```title```).
        self.options = tuple(options)
        #: Lines shown under the message (the line a refused edit would have written, say).
        self.details = tuple(details)

    def where(self) -> str:
        """``path:line:column: `` (as much of it as is known), or nothing."""
        if not self.path:
            return ""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where + ": "

    def worded(self, option: Any = None) -> str:
        """The message with each option named as ``option(name)`` words it (bare by default)."""
        name = option or (lambda bare: bare)
        known = set(self.options)
        return _OPTION.sub(
            lambda m: name(m.group(1)) if m.group(1) in known else m.group(0), self.message
        )

    def __str__(self) -> str:
        # The message and path quote what the user typed or a file holds: keep them one line.
        return "\n".join(
            printable(line) for line in (f"{self.where()}{self.worded()}", *self.details)
        )


class UsageError(SkillframeError):
    """What was asked cannot be done as asked: conflicting, missing or malformed values."""

    default_exit = USAGE


class NotFound(SkillframeError):
    """A thing named does not exist: ``what`` (such as "statement"), ``ident`` and the
    ``choices`` there are."""

    default_exit = USAGE

    def __init__(
        self,
        message: str,
        *,
        what: str = "",
        ident: str = "",
        choices: Sequence[str] = (),
        **where: Any,
    ) -> None:
        super().__init__(message, **where)
        self.what = what
        self.ident = ident
        self.choices = tuple(choices)


class Refusal(SkillframeError):
    """The request is understood and refused because of what the file holds; the file is
    unchanged. ``problems`` holds the findings behind it, when there are any."""

    default_exit = FINDINGS

    def __init__(self, message: str, *, problems: Sequence[Any] = (), **where: Any) -> None:
        super().__init__(message, **where)
        self.problems = list(problems)


def exit_status(error: BaseException | None = None, *, findings: bool = False) -> int:
    """The exit status of a command: that of ``error`` when one ended it, else FINDINGS when
    ``findings`` (problems found, a check that fails), else OK."""
    if isinstance(error, SkillframeError):
        return error.exit_code
    if error is not None:
        return USAGE
    return FINDINGS if findings else OK
