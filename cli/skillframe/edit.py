"""Apply one named operation to a file, safely: the core of every editing command.

:func:`apply` is the one way this tool changes a file the writer keeps in git:

1. it holds the file in a :class:`~skillframe.transaction.Transaction`: locked (a lock beside
   the file, released by the system if the process dies), links followed;
2. it reads the bytes and refuses a file that does not read cleanly (a YAML syntax error,
   a duplicate key, a bad encoding ...), giving that problem as the reason;
3. it loads the round-trip tree in the file's own style (:mod:`skillframe.roundtrip`) and runs
   the operation on it; the operation returns a message for the user (such as a new id) or
   raises :class:`~skillframe.errors.SkillframeError` when it cannot apply;
4. it dumps the tree and splices the changed lines into the original text, so every line the
   operation did not touch keeps its bytes (comments, quotes, blank lines, CRLF, a BOM);
5. it lints the new text with the same rules, configuration and shared files as ``lint``, and
   refuses the edit if it adds an error that was not there before (``force`` writes anyway);
6. it writes atomically through the transaction (a temporary file in the same folder, renamed
   over the original, owner and mode bits kept). ``dry_run`` writes nothing.

A refused or failed edit leaves the file byte-identical. Operations change the tree through
:mod:`skillframe.tree` so that comments stay with what they describe.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from skillframe.diagnostics import At, Diagnostic, Severity
from skillframe.errors import Refusal, SkillframeError
from skillframe.load import Document, Problem, decode, load_text, read_file
from skillframe.roundtrip import Style

#: An operation: changes the round-trip tree in place; returns a message for the user or None.
Operation = Callable[[Any], "str | None"]


@dataclass
class EditResult:
    """What an edit did (or, with ``dry_run``, would do)."""

    path: Path
    display: str
    before: str
    after: str
    message: str | None = None
    written: bool = False
    #: Errors the edit adds; not empty only when it was forced.
    new_errors: list[Diagnostic] = field(default_factory=list)
    #: Errors the edit adds by its nature (``expected`` codes), such as the gaps a new domain
    #: opens until it has statements: reported, not refused.
    notes: list[Diagnostic] = field(default_factory=list)
    #: True when the untouched lines are the original lines (the usual case).
    spliced: bool = True
    #: What the user should hear about the write itself (a hard link severed).
    write_notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """The change as a unified diff (empty when nothing changes)."""
        return unified_diff(self.before, self.after, self.display)


def unified_diff(before: str, after: str, display: str) -> str:
    """A unified diff of two texts of one file, ready to print or to give to ``patch``."""
    from skillframe.roundtrip import lines_of

    lines = difflib.unified_diff(
        lines_of(before), lines_of(after), fromfile=f"a/{display}", tofile=f"b/{display}"
    )
    out = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


@dataclass(frozen=True)
class Editing:
    """The file an operation is working on: its path, its style, and what the operations of
    one edit have found out about the file's layout (see :func:`layout`)."""

    path: Path
    style: Style
    found: dict[str, Any] = field(default_factory=dict)


_EDITING: ContextVar[Editing | None] = ContextVar("skillframe_editing", default=None)


def layout(name: str, measure: Callable[[], Any]) -> Any:
    """How the file being edited writes something (``measure()``), measured once an edit: the
    forty statements of a batch all copy the layout the file had."""
    editing = _EDITING.get()
    if editing is None:
        return measure()
    if name not in editing.found:
        editing.found[name] = measure()
    return editing.found[name]


def current_style() -> Style:
    """The style of the file being edited (the format reference's style outside an edit), so that an
    operation writes new text the way the file writes it."""
    editing = _EDITING.get()
    return editing.style if editing is not None else Style()


def current_path() -> Path | None:
    """The path of the file being edited (to resolve its shared sources and taxonomies)."""
    editing = _EDITING.get()
    return editing.path if editing is not None else None


# -- reading --------------------------------------------------------------------------------


@dataclass
class Source:
    """A file read for editing, and its document (text, data, positions, BOM)."""

    path: Path
    display: str
    doc: Document


def read_for_edit(path: Path, display: str, kinds: Sequence[str]) -> Source:
    """Read a file that an edit may change; refuse one that does not read cleanly."""
    from skillframe.config import discover

    raw = read_file(path, display, discover(path).max_file_size)
    if isinstance(raw, Problem):
        _refuse_unreadable(display, raw)
    decoded = decode(raw)
    if isinstance(decoded, Problem):
        _refuse_unreadable(display, decoded)
    text, bom = decoded
    return _source_of(text, path, display, kinds, bom)


def _source_of(text: str, path: Path, display: str, kinds: Sequence[str], bom: bool) -> Source:
    """The text as a Source to edit; refuse one that does not read cleanly or is of another kind."""
    doc = load_text(text, display, keep_node=True)
    doc.bom = bom
    if doc.problems:
        _refuse_unreadable(display, doc.problems[0])
    if doc.kind not in kinds:
        wanted = " or ".join(f"a {k} file" for k in kinds)
        raise SkillframeError(f"'{display}' is a {doc.kind} file; this command edits {wanted}")
    return Source(path, display, doc)


def _refuse_unreadable(display: str, problem: Problem) -> NoReturn:
    raise Refusal(
        f"{problem.code} {problem.message}; fix this first (the file is unchanged)",
        problems=[problem],
        path=display,
        line=problem.line,
        column=problem.column,
    )


# -- checking an edit -------------------------------------------------------------------------

_LINE_NUMBER = re.compile(r"\blines? \d+")


def _subjects(doc: Document) -> dict[tuple[int, int], At]:
    """Each node position -> the path of the deepest node found there."""
    index: dict[tuple[int, int], At] = {}
    for at, pos in sorted(doc.positions.items(), key=lambda item: -len(item[0])):
        index.setdefault((pos.line, pos.column), at)
        index.setdefault((pos.key_line, pos.key_column), at)
    return index


def _stable(data: Any, at: At) -> tuple[str | int, ...]:
    """A path that survives inserts and moves: list items named by their ``id`` when they
    have one (``("domains", "=communication", "statements", "=plain-answers", "cite", 0)``)."""
    out: list[str | int] = []
    node = data
    for step in at:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            ident = node.get("id") if isinstance(node, dict) else None
            out.append(f"={ident}" if isinstance(ident, str) else step)
        elif isinstance(step, str) and isinstance(node, dict) and step in node:
            node = node[step]
            out.append(step)
        else:
            node = None
            out.append(step)
    return tuple(out)


@dataclass(frozen=True)
class _Error:
    code: str
    message: str
    subject: tuple[str | int, ...] | None
    diagnostic: Diagnostic


def _errors(diagnostics: list[Diagnostic], doc: Document) -> list[_Error]:
    index = _subjects(doc) if doc.parsed else {}
    out = []
    for d in diagnostics:
        if d.severity is not Severity.ERROR:
            continue
        at = index.get((d.line, d.column))
        subject = _stable(doc.data, at) if at is not None else None
        out.append(_Error(d.code, _LINE_NUMBER.sub("line N", d.message), subject, d))
    return out


def added_errors(
    before: list[Diagnostic], before_doc: Document, after: list[Diagnostic], after_doc: Document
) -> list[Diagnostic]:
    """The errors in ``after`` that ``before`` did not have.

    Lines move in an edit, so an error is matched by what it is, not where: first the same code
    and message at the same node (nodes in lists named by their ids), then the same code at the
    same node (a message that changed, such as a shorter list of missing levels), then the same
    code and message anywhere (a statement moved with its problem). Each error before matches
    at most one after.
    """
    old = _errors(before, before_doc)
    new = _errors(after, after_doc)
    keys: tuple[Callable[[_Error], tuple[Any, ...] | None], ...] = (
        lambda e: (e.code, e.message, e.subject) if e.subject is not None else None,
        lambda e: (e.code, e.subject) if e.subject is not None else None,
        lambda e: (e.code, e.message),
    )
    for key in keys:
        pool: dict[tuple[Any, ...], int] = {}
        for e in old:
            k = key(e)
            if k is not None:
                pool[k] = pool.get(k, 0) + 1
        left_new = []
        matched_old: dict[tuple[Any, ...], int] = {}
        for e in new:
            k = key(e)
            if k is not None and pool.get(k, 0) > 0:
                pool[k] -= 1
                matched_old[k] = matched_old.get(k, 0) + 1
            else:
                left_new.append(e)
        left_old = []
        for e in old:
            k = key(e)
            if k is not None and matched_old.get(k, 0) > 0:
                matched_old[k] -= 1
            else:
                left_old.append(e)
        old, new = left_old, left_new
    return [e.diagnostic for e in new]


def describe_refusal(
    errors: list[Diagnostic],
    hint: str = "`force` writes it anyway",
    *,
    before: str | None = None,
    after: str | None = None,
) -> str:
    """The message of a refused edit (see :mod:`skillframe.refusal`)."""
    from skillframe.refusal import describe

    return describe(errors, hint, before=before, after=after)


# -- the edit -----------------------------------------------------------------------------


def apply(
    path: Path,
    operation: Operation,
    *,
    dry_run: bool = False,
    force: bool = False,
    kinds: Sequence[str] = ("framework",),
    expected: Sequence[str] = (),
    display: str | None = None,
    refusal_hint: str = "`force` writes it anyway",
) -> EditResult:
    """Load ``path``, run ``operation`` on its round-trip tree, check the result with the lint
    rules, and write it atomically (unless ``dry_run``).

    Raises SkillframeError (the file unchanged) when the file cannot be read or does not read
    cleanly (exit 1 with that problem), is not of one of ``kinds``, when the operation refuses,
    or when the edit would add an error and ``force`` is not set (exit 1; the message ends with
    ``refusal_hint``, which a caller without a --force option leaves empty). New errors whose code
    is in ``expected`` are what the operation does by nature (a new, empty domain has no
    statements yet): they are returned as ``notes`` and do not refuse the edit.
    """
    from skillframe.collection import display_path
    from skillframe.transaction import transaction

    shown = display if display is not None else display_path(path)
    with transaction(path, shown) as held:
        source = read_for_edit(path, shown, kinds)
        result = _edit(source, operation, force, tuple(expected), refusal_hint)
        if result.changed and not dry_run:
            from skillframe.roundtrip import encode

            held.write(encode(result.after, Style(bom=source.doc.bom)))
            result.written = True
            result.write_notes = held.notes
        return result


def edit_text(
    text: str,
    path: Path,
    operation: Operation,
    *,
    kinds: Sequence[str] = ("framework",),
    display: str | None = None,
    force: bool = False,
) -> EditResult:
    """:func:`apply` to a text held in memory, such as an editor's unsaved buffer of the file at
    ``path``: the same edit and the same check against the file's collection, nothing read from
    or written to ``path``. Raises SkillframeError when :func:`apply` would refuse (``force``:
    the errors the edit adds are listed in the result instead)."""
    from skillframe.collection import display_path

    shown = display if display is not None else display_path(path)
    source = _source_of(text, path, shown, kinds, bom=False)
    return _edit(source, operation, force, (), "")


def _edit(
    source: Source, operation: Operation, force: bool, expected: tuple[str, ...], hint: str
) -> EditResult:
    from skillframe import roundtrip

    doc = source.doc
    text = doc.text
    style = roundtrip.detect_style(text, doc.bom)
    plan = getattr(operation, "plan", None)
    if plan is not None or isinstance(operation, Inserting):
        spliced = (
            _spliced(source, plan, style)
            if plan is not None
            else _inserted(source, operation, style)
        )
        if spliced is not None:
            after_doc, message = spliced
            after_doc = _without_served_notes(after_doc, source)
            result = EditResult(source.path, source.display, text, after_doc.text, message)
            if result.changed:
                _check(source, result, after_doc, force, expected, hint)
            return result
    tree = _round_trip(text, style, source.display)
    base = roundtrip.dump(tree, style)
    message = _run(operation, tree, source.path, style)
    edited = roundtrip.dump(tree, style)
    result = EditResult(source.path, source.display, text, text, message)
    if edited == base:
        return result
    result.after, result.spliced = merge(text, base, edited, style)
    after_doc = _without_served_notes(load_text(result.after, source.display), source)
    result.after = after_doc.text
    _check(source, result, after_doc, force, expected, hint)
    return result


def _without_served_notes(after: Document, source: Source) -> Document:
    """The edited framework without the notes of ``skillframe new`` it has made obsolete."""
    if after.kind != "framework" or after.text == source.doc.text:
        return after
    from skillframe.operations.new import served_notes

    text = served_notes(after.text, after.data)
    if text == after.text:
        return after
    tidied = load_text(text, source.display)
    tidied.bom = after.bom
    return tidied


def _check(
    source: Source,
    result: EditResult,
    after_doc: Document,
    force: bool,
    expected: tuple[str, ...],
    hint: str,
) -> None:
    """Lint before and after; refuse the edit if it adds an error (``force``: list them)."""
    from skillframe.config import discover
    from skillframe.lint import Linter

    # Only errors can refuse an edit, and only errors the result has can be new: the file as
    # it was is checked only when the result has some.
    linter = Linter(errors_only=True)
    config = discover(source.path)
    after = linter.lint_document(after_doc, source.path, config)
    before = linter.lint_document(source.doc, source.path, config) if after else []
    added = added_errors(before, source.doc, after, after_doc)
    result.notes = [d for d in added if d.code in expected]
    added = [d for d in added if d.code not in expected]
    if added and not force:
        told = describe_refusal(added, hint, before=source.doc.text, after=result.after)
        first, *details = told.split("\n")
        raise Refusal(first, problems=added, options=("force",), details=details)
    result.new_errors = added


#: An operation's change said as scalar changes, from the plain data and the file's style: the
#: changes and the operation's message, or None when it cannot be said so.
Plan = Callable[[Any, Style], "tuple[list[Any], str | None] | None"]


class Spliceable:
    """An operation that can also say its change as splices (see :mod:`skillframe.splice`):
    then the file is changed without loading the round-trip tree."""

    def __init__(self, run: Operation, plan: Plan) -> None:
        self.run = run
        self.plan = plan

    def __call__(self, tree: Any) -> str | None:
        return self.run(tree)


def _spliced(source: Source, plan: Plan, style: Style) -> tuple[Document, str | None] | None:
    """The document after the planned changes are spliced in, and the message; None when the
    change cannot be spliced (or the splice would not mean exactly the change)."""
    import copy

    from skillframe import splice

    doc = source.doc
    planned = plan(doc.data, style)
    if planned is None:
        return None
    changes, message = planned
    root = doc.node if doc.node is not None else splice.compose(doc.text)
    text = splice.splice(doc.text, root, changes, style.newline)
    if text is None:
        return None
    want = copy.deepcopy(doc.data)
    for change in changes:
        mapping = want
        for step in change.at:
            mapping = mapping[step]
        old = mapping.get(change.key)
        keep_end = isinstance(old, str) and old.endswith("\n") and not change.text.endswith("\n")
        mapping[change.key] = change.text + ("\n" if keep_end else "")
    after = load_text(text, source.display)
    after.bom = doc.bom
    if after.problems != doc.problems or after.data != want:
        return None
    return after, message


def _run(operation: Operation, tree: Any, path: Path, style: Style) -> str | None:
    """Run ``operation`` on ``tree``, the file at ``path`` in ``style`` being edited."""
    token = _EDITING.set(Editing(path, style))
    try:
        return operation(tree)
    finally:
        _EDITING.reset(token)


class Inserting:
    """An operation that only adds items to block lists (new statements): it can run on the
    light tree of :mod:`skillframe.splice` and have its new items inserted as text."""

    def __init__(self, run: Operation) -> None:
        self.run = run

    def __call__(self, tree: Any) -> str | None:
        return self.run(tree)


def _inserted(
    source: Source, operation: Operation, style: Style
) -> tuple[Document, str | None] | None:
    """The document after ``operation`` ran on the light tree and its new items were inserted
    as text, and its message; None when that cannot be done (or would not mean exactly what
    the operation did): the round-trip path then runs it."""
    from skillframe import splice

    doc = source.doc
    if not doc.text.endswith(("\n", "\r")):
        return None
    root = doc.node if doc.node is not None else splice.compose(doc.text)
    tree = splice.light_tree(root)
    if not isinstance(tree, dict):
        return None
    lists = splice.lists_of(tree, root)
    message = _run(operation, tree, source.path, style)
    text = splice.insert_items(doc.text, lists, style)
    if text is None:
        return None
    after = load_text(text, source.display)
    after.bom = doc.bom
    if after.problems != doc.problems or after.data != tree:
        return None
    return after, message


def _round_trip(text: str, style: Any, display: str) -> Any:
    from ruamel.yaml.error import YAMLError

    from skillframe import roundtrip

    try:
        return roundtrip.load(text, style)
    except YAMLError as exc:  # what the fast reader accepts, the round-trip reader should too
        mark = getattr(exc, "problem_mark", None)
        raise Refusal(
            f"the file cannot be edited: {getattr(exc, 'problem', None) or exc}",
            path=display,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None


def merge(text: str, base: str, edited: str, style: Any) -> tuple[str, bool]:
    """The edited text: the changed lines spliced into the original, or the whole dump in the
    file's line endings when the splice would not mean exactly what the edited tree means.
    Returns the text and whether it was spliced."""
    from skillframe import roundtrip

    spliced = roundtrip.splice(text, base, edited, style)
    want = load_text(edited, "")
    got = load_text(spliced, "")
    if got.problems or want.problems or got.data != want.data:
        return roundtrip.with_newlines(edited, style), False
    return spliced, True
