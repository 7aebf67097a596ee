"""``lint --fix``: apply the safe fixes the rules offer, through the editing machinery.

A fix (:class:`~skillframe.diagnostics.Fix`) is offered with a finding: a title without its final
period (SF505), a title or text with its spaces tidied (SF508), a domain's statements in level
order (SF511). Only the fixes of diagnostics that ``lint`` reports are applied (selection,
ignores and inline suppressions hold). They are applied by :func:`skillframe.edit.apply`: on the
round-trip tree, through :mod:`skillframe.tree` so that comments stay with what they describe
and a folded text keeps its line breaks where it did not change, with the result linted and
refused if it would add an error, and written atomically.

Fixes come in rounds, each one edit of the file followed by a fresh lint: first the new values,
one for each value (a title with a final period and a doubled space takes two rounds), then,
once no value is left to fix, the new orders (a value's path counts the old order). It stops
when nothing is left to fix, or when an edit is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skillframe.diagnostics import Diagnostic, Fix

if TYPE_CHECKING:
    from skillframe.config import Config
    from skillframe.lint import Linter
    from skillframe.load import Document

#: Rounds of fixing before giving up on a file whose fixes keep coming back.
MAX_ROUNDS = 5


@dataclass
class FixReport:
    """What fixing one file did: the diagnostics fixed (each with its fix), and why it stopped
    short when an edit was refused."""

    path: Path
    display: str
    fixed: list[tuple[Diagnostic, Fix]] = field(default_factory=list)
    refused: str | None = None


def _node(tree: Any, at: Sequence[str | int]) -> Any:
    node = tree
    for step in at:
        node = node[step]
    return node


def apply_fixes(tree: Any, fixes: Sequence[Fix]) -> None:
    """Apply fixes to a round-trip tree: new values first (their paths count the old order),
    then new orders."""
    from skillframe.tree import reorder_items, set_scalar

    for fix in fixes:
        if fix.value is not None:
            set_scalar(_node(tree, fix.at[:-1]), fix.at[-1], fix.value)
    for fix in fixes:
        if fix.order is not None:
            reorder_items(_node(tree, fix.at), list(fix.order))


def _one_round(offered: list[tuple[Diagnostic, Fix]]) -> list[tuple[Diagnostic, Fix]]:
    """The fixes to apply together: new values first, one for each value; new orders once no
    value is left to fix (a value's path counts the old order)."""
    values = [(d, f) for d, f in offered if f.value is not None]
    chosen = values or [(d, f) for d, f in offered if f.order is not None]
    seen: set[tuple[str | int, ...]] = set()
    out = []
    for diagnostic, fix in chosen:
        if fix.at not in seen:
            seen.add(fix.at)
            out.append((diagnostic, fix))
    return out


def _next_round(
    linter: Linter, doc: Document, path: Path, config: Config
) -> list[tuple[Diagnostic, Fix]]:
    """The fixes of the next round, none for a file of no known kind or that does not read
    cleanly (``lint`` reports its problems)."""
    if doc.kind is None or doc.problems:
        return []
    return _one_round(linter.fixes_for(doc, path, config))


def _fixing(fixes: Sequence[Fix]) -> Callable[[Any], None]:
    """The edit operation that applies ``fixes``."""

    def operation(tree: Any) -> None:
        apply_fixes(tree, fixes)

    return operation


def fix_text(
    text: str, path: Path, kind: str, fixes: Sequence[Fix], display: str | None = None
) -> str:
    """The text of the file at ``path`` (held in memory, an editor's buffer say; a ``kind``
    file) with ``fixes`` applied as one edit, checked as ``lint --fix`` checks its edits.
    Raises SkillframeError when the edit is refused or the text does not read cleanly."""
    from skillframe.edit import edit_text

    return edit_text(text, path, _fixing(fixes), kinds=(kind,), display=display).after


def fix_all_text(
    text: str, path: Path, linter: Linter, display: str | None = None
) -> tuple[str, list[tuple[Diagnostic, Fix]]]:
    """What ``lint --fix`` would make of the text of the file at ``path``, in memory: the new
    text and the diagnostics fixed. Rounds as :func:`fix_file`; a refused round ends it."""
    from skillframe.config import discover
    from skillframe.errors import SkillframeError
    from skillframe.load import load_text

    config = discover(path)
    fixed: list[tuple[Diagnostic, Fix]] = []
    for _ in range(MAX_ROUNDS):
        doc = load_text(text, display or str(path))
        chosen = _next_round(linter, doc, path, config)
        if not chosen:
            break
        try:
            after = fix_text(text, path, str(doc.kind), [fix for _, fix in chosen], display)
        except SkillframeError:
            break
        if after == text:
            break
        text = after
        fixed.extend(chosen)
    return text, fixed


def fix_file(
    path: Path,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    display: str | None = None,
) -> FixReport:
    """Apply every safe fix ``lint`` offers for one file (a framework, sources or taxonomy
    file); a file of no known kind, or that does not read cleanly, is left alone (``lint``
    reports its problems)."""
    from skillframe.collection import display_path, open_document
    from skillframe.config import discover
    from skillframe.edit import apply
    from skillframe.errors import SkillframeError
    from skillframe.lint import Linter

    shown = display if display is not None else display_path(path)
    report = FixReport(path, shown)
    linter = Linter(select, ignore)
    for _ in range(MAX_ROUNDS):
        config = discover(path)
        try:
            doc = open_document(path, shown, config.max_file_size)
        except SkillframeError:
            break  # lint says why
        chosen = _next_round(linter, doc, path, config)
        if not chosen:
            break
        try:
            result = apply(
                path,
                _fixing([f for _, f in chosen]),
                kinds=(str(doc.kind),),
                display=shown,
                refusal_hint="",
            )
        except SkillframeError as exc:
            report.refused = str(exc)
            break
        if not result.changed:
            break
        report.fixed.extend(chosen)
    return report


def fix_paths(
    paths: Sequence[Path], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[FixReport]:
    """Fix every framework among the files and folders named (see :func:`fix_file`)."""
    from skillframe.collection import expand

    return [fix_file(path, select, ignore) for path in expand(list(paths))]


def describe(reports: Sequence[FixReport]) -> list[str]:
    """Lines for the writer: each diagnostic fixed, each file an edit was refused for, and a
    summary line when anything was fixed or refused."""
    from skillframe.operations import plural

    lines = []
    for report in reports:
        for diagnostic, fix in report.fixed:
            lines.append(
                f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code} "
                f"fixed: {fix.description}"
            )
        if report.refused:
            lines.append(f"{report.display}: not fixed: {report.refused}")
    fixed = sum(len(r.fixed) for r in reports)
    files = sum(1 for r in reports if r.fixed)
    if fixed:
        lines.append(f"Fixed {plural(fixed, 'problem')} in {plural(files, 'file')}.")
    return lines
