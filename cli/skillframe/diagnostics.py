"""What a check found: a Finding (where in the data, and what), and a Diagnostic (where in the file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from skillframe.printable import printable

#: A path into the data, the same shape as jsonschema's ``absolute_path``:
#: ``("domains", 3, "statements", 2, "cite", 0)``.
At = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Fix:
    """A safe change that resolves a finding: the value at ``at`` becomes ``value``, or, with
    ``order``, the list at ``at`` is rearranged so that its items come in that order of their
    old indices. ``description`` says what the fix does, for the report.

    ``safe`` fixes have a certain result: the meaning of the framework stays and nothing a
    writer would want kept is lost, so ``lint --fix`` applies them. An unsafe fix is offered
    (shown, never applied by ``--fix``) where the result needs a writer's judgement."""

    at: At
    description: str
    value: str | None = None
    order: tuple[int, ...] | None = None
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """A rule's report: ``at`` names the node, ``key=True`` points at the key instead of its value.

    ``related`` names a second node (the first of two duplicates, say); the message may say
    ``{line}`` where that node's line number belongs. ``offset`` points inside a text value: at
    that character of it (a word in a statement's text, say) rather than at the value's start.
    ``fix`` is a safe change that resolves the finding, when there is one.
    """

    at: At
    message: str
    key: bool = False
    related: At | None = None
    offset: int | None = None
    fix: Fix | None = None


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at a file position; lines and columns are 1-based.

    The path and message are kept printable (control characters escaped, see
    :mod:`skillframe.printable`): they quote file names and file content, and every report
    prints them.
    """

    path: str
    line: int
    column: int
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=True)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

    def __str__(self) -> str:
        """The one-line text form, naming the severity in words so that it reads the same
        without colour: ``path:line:column: SF201 error: message``."""
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }
