"""Many named edits applied as one: one load, one check, one write.

A batch is a list of :class:`Step`, each an operation and the line of the script it came from.
:func:`apply_steps` runs them in order on one tree of the file (through
:func:`skillframe.edit.apply`, so the file is locked, the result checked with the lint rules
and written atomically once). If any step fails, or the result adds an error (and ``force`` is
not set), the whole batch is refused, the file is left byte-identical, and the error names the
line: the failing step's, or the first step after which the batch adds an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillframe.edit import EditResult, Inserting, Operation, apply
from skillframe.errors import Refusal, SkillframeError


@dataclass(frozen=True)
class Step:
    """One edit of a batch: the script line it came from and its operation."""

    line: int
    operation: Operation
    kinds: tuple[str, ...] = ("framework",)
    expected: tuple[str, ...] = ()


@dataclass
class BatchResult:
    """An edit's result, and each step's message (by line)."""

    result: EditResult
    messages: list[tuple[int, str]] = field(default_factory=list)


def _at_line(error: SkillframeError, line: int) -> SkillframeError:
    """The same error, its message led by the script line it comes from."""
    error.message = f"line {line}: {error.message}"
    return error


def _combined(steps: Sequence[Step], messages: list[tuple[int, str]]) -> Operation:
    """The steps as one operation (one that only inserts when each step does)."""

    def operation(tree: Any) -> str | None:
        messages.clear()
        for step in steps:
            try:
                said = step.operation(tree)
            except SkillframeError as exc:
                raise _at_line(exc, step.line) from None
            if said:
                messages.append((step.line, said))
        return "\n".join(message for _, message in messages) or None

    if steps and all(isinstance(step.operation, Inserting) for step in steps):
        return Inserting(operation)
    return operation


def apply_steps(
    path: Path,
    steps: Sequence[Step],
    *,
    dry_run: bool = False,
    force: bool = False,
    display: str | None = None,
) -> BatchResult:
    """Apply every step to one load of ``path`` and write the result once (see the module)."""
    kinds = tuple(k for k in steps[0].kinds if all(k in s.kinds for s in steps)) if steps else ()
    expected = tuple(sorted({code for step in steps for code in step.expected}))
    messages: list[tuple[int, str]] = []
    try:
        result = apply(
            path,
            _combined(steps, messages),
            dry_run=dry_run,
            force=force,
            kinds=kinds or ("framework",),
            expected=expected,
            display=display,
        )
    except Refusal as exc:
        if not exc.problems or not steps or exc.message.startswith("line "):
            raise
        raise _at_line(exc, _first_breaking(path, steps, kinds, expected, display)) from None
    return BatchResult(result, list(messages))


def _first_breaking(
    path: Path,
    steps: Sequence[Step],
    kinds: tuple[str, ...],
    expected: tuple[str, ...],
    display: str | None,
) -> int:
    """The line of the first step after which the batch adds an error (found by halving: the
    steps before it add none)."""
    low, high = 1, len(steps)  # the first ``high`` steps add an error
    while low < high:
        middle = (low + high) // 2
        try:
            apply(
                path,
                _combined(steps[:middle], []),
                dry_run=True,
                kinds=kinds or ("framework",),
                expected=expected,
                display=display,
            )
        except Refusal:
            high = middle
        else:
            low = middle + 1
    return steps[high - 1].line
