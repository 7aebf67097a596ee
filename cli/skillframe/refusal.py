"""How a refused edit is told: first the problem the edit itself caused, where it caused it.

An edit that would add errors is refused and nothing is written. The errors are found in the
text the edit would have written, so their line numbers belong to that text, not to the file
on disk: the message says so and quotes the would-be lines. Among the errors, those on the
lines the edit changed come first (an undeclared level at the edited statement says more than
the gap it leaves in its old domain), then the rest in file order. Where a next step exists
(adding before moving, adding a level or a source first), it is suggested.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from skillframe.diagnostics import Diagnostic

#: What to do next, by the code of the first error.
NEXT_STEPS = {
    "SF303": "a domain needs a statement at every level: add the new statement first "
    "(skillframe statement add), then move, re-level or remove this one",
    "SF302": "use one of the declared levels, or add the level first (skillframe level add)",
    "SF201": "cite a source the framework knows (skillframe source list), or add it first "
    "(skillframe source add)",
    "SF204": "use an anchor the framework declares, or add it first (skillframe anchors import)",
    "SF304": "the framework's taxonomy needs this domain: keep it, or change the taxonomy",
}


def changed_lines(before: str, after: str) -> set[int]:
    """The 1-based lines of ``after`` that the edit wrote (for a removal: the line that now
    stands where the removed lines were)."""
    old, new = before.splitlines(), after.splitlines()
    lines: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            lines.update(range(j1 + 1, j2 + 1))
        elif tag == "delete":
            lines.add(min(j1 + 1, max(len(new), 1)))
    return lines


def ordered(errors: Sequence[Diagnostic], before: str, after: str) -> list[Diagnostic]:
    """The errors on the lines the edit changed first, then the others, each in file order."""
    touched = changed_lines(before, after)
    return sorted(errors, key=lambda d: (d.line not in touched, d.line, d.column, d.code))


def _quoted(text: str, line: int, column: int) -> list[str]:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return []
    here = lines[line - 1].replace("\t", "→")
    gutter = f"{line:>5} | "
    return [gutter + here, " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^"]


def describe(
    errors: Sequence[Diagnostic],
    hint: str = "--force writes it anyway",
    *,
    before: str | None = None,
    after: str | None = None,
) -> str:
    """The refusal: the first error (the edit's own, when ``before`` and ``after`` are given)
    with its would-be line quoted and the next step, then every other error, one a line."""
    chosen = (
        ordered(errors, before, after) if before is not None and after is not None else list(errors)
    )
    first = chosen[0]
    count = f"{len(chosen)} errors" if len(chosen) > 1 else "an error"
    where = f"{first.path}:{first.line}:{first.column}"
    if after is not None:
        where += " (a line of the edited text, which was not written)"
    lines = [
        f"edit refused: it would add {count}; the file is unchanged"
        + (f" ({hint})" if hint else ""),
        f"{where}: {first.code} {first.severity}: {first.message}",
    ]
    if after is not None:
        lines += _quoted(after, first.line, first.column)
    step = NEXT_STEPS.get(first.code)
    if step:
        lines.append(f"  hint: {step}")
    for other in chosen[1:]:
        lines.append(f"also: {other}")
    return "\n".join(lines)
