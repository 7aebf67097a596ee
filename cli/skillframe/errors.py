"""The one exception type the core raises for anything the user must hear about."""

from __future__ import annotations

from skillframe.printable import printable


class SkillframeError(Exception):
    """A problem with the user's input or environment, told in one line.

    ``exit_code`` is 2 for usage and I/O problems (a missing path, a refused option) and 1 for
    findings (an edit refused because the framework would break).
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        exit_code: int = 2,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.exit_code = exit_code

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        # The message and path quote what the user typed or a file holds: keep them one line.
        return printable(f"{where}{self.message}")
