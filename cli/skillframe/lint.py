"""Run every check on files and return sorted Diagnostics.

The flow for one file: load (positions, reading problems) -> resolve shared sources and
taxonomies -> schema errors claimed by the schema rules -> data rules -> each Finding located,
stamped with its rule's code and severity, and filtered by select/ignore, per-file ignores and
inline ``# skillframe: ignore[CODE]`` comments.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillframe import schema as schemas
from skillframe.collection import (
    HOOK,
    NAMED,
    USER,
    Resolver,
    Shared,
    Target,
    display_path,
    matches,
    open_document,
    targets,
)
from skillframe.config import Config, discover
from skillframe.diagnostics import Diagnostic, Finding, Fix, Severity
from skillframe.errors import SkillframeError
from skillframe.load import Document, load_text, too_large
from skillframe.nearby import collection_keys_of
from skillframe.rules import DATA_RULES, RULES, SCHEMA_RULES, Context, Rule
from skillframe.rules import sf503_near_duplicate as near_duplicate
from skillframe.rules.words import one_of_keys
from skillframe.writing import settings_of

#: Below this many files, a process pool costs more than it saves.
PARALLEL_MIN_FILES = 24

_INLINE = re.compile(r"#\s*skillframe:\s*ignore(?:\[(?P<codes>[A-Za-z0-9 ,]*)\])?")


@dataclass(frozen=True)
class Selection:
    """Which rules run: codes or code prefixes (``SF2`` is the whole family)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        if self.select and not any(_matches(code, s) for s in self.select):
            return False
        return not any(_matches(code, i) for i in self.ignore)


def _matches(code: str, pattern: str) -> bool:
    return pattern == "ALL" or code.startswith(pattern)


@dataclass
class LintResult:
    files: int
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    def exit_code(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0


def _refine(error: Any) -> Any:
    """For "matches none of these forms" errors, the error of the form the writer meant."""
    while error.validator in ("oneOf", "anyOf") and error.context and one_of_keys(error) is None:
        candidates = [e for e in error.context if e.validator != "type"] or list(error.context)
        error = min(candidates, key=lambda e: len(list(e.relative_schema_path)))
    return error


def findings(
    doc: Document,
    shared: Shared,
    settings: dict[str, Any] | None = None,
    runs: Callable[[str], bool] | None = None,
) -> Iterator[tuple[Rule, Finding]]:
    """Every rule's Findings for a parsed document of a known kind. ``runs(code)``, when
    given, says which data rules to run: a rule switched off for the file costs nothing."""
    if not doc.parsed or doc.kind is None:
        return
    ctx = Context(
        data=doc.data,
        kind=doc.kind,
        path=doc.path,
        shared_sources=shared.sources,
        taxonomies=shared.taxonomies,
        settings=settings or {},
        onet_tasks=shared.onet_tasks,
    )
    for error in schemas.errors(doc.kind, doc.data):
        error = _refine(error)
        for rule in SCHEMA_RULES:
            assert rule.claim is not None
            claimed = rule.claim(error, ctx)
            if claimed is not None:
                for finding in claimed:
                    yield rule, finding
                break
    for rule in DATA_RULES:
        if doc.kind in rule.kinds and rule.check is not None and (runs is None or runs(rule.code)):
            for finding in rule.check(ctx):
                yield rule, finding


def _located(
    doc: Document,
    shared: Shared,
    settings: dict[str, Any] | None,
    runs: Callable[[str], bool] | None = None,
) -> Iterator[tuple[Diagnostic, Fix | None]]:
    """Every reading problem and finding of a document at its line and column, with the fix a
    finding offers (of the data rules that ``runs`` lets run)."""
    for problem in (*doc.problems, *doc.remarks):
        rule = RULES[problem.code]
        yield (
            Diagnostic(
                doc.path, problem.line, problem.column, rule.code, rule.severity, problem.message
            ),
            problem.fix,
        )
    for rule, finding in findings(doc, shared, settings, runs):
        if finding.offset is not None:
            line, column = doc.locate_within(finding.at, finding.offset)
        else:
            line, column = doc.locate(finding.at, finding.key)
        message = finding.message
        if finding.related is not None:
            message = message.replace("{line}", str(doc.locate(finding.related)[0]))
        yield Diagnostic(doc.path, line, column, rule.code, rule.severity, message), finding.fix


def _kept(
    doc: Document,
    located: Iterable[tuple[Diagnostic, Fix | None]],
    runs: Callable[[str], bool],
) -> Iterator[tuple[Diagnostic, Fix | None]]:
    """What selection, per-file ignores (``runs``) and inline suppressions let through."""
    for diagnostic, fix in located:
        if runs(diagnostic.code) and not _suppressed_inline(doc, diagnostic):
            yield diagnostic, fix


def diagnose(
    doc: Document,
    shared: Shared,
    selection: Selection = Selection(),
    settings: dict[str, Any] | None = None,
    ignored_here: Sequence[str] = (),
    errors_only: bool = False,
) -> list[Diagnostic]:
    """Located, filtered and sorted diagnostics of one loaded document (``errors_only``: the
    rules that report warnings are not run)."""
    runs = _runs(selection, ignored_here, errors_only)
    kept = _kept(doc, _located(doc, shared, settings, runs), runs)
    return sorted({diagnostic for diagnostic, _ in kept})


def offered_fixes(
    doc: Document,
    shared: Shared,
    selection: Selection = Selection(),
    settings: dict[str, Any] | None = None,
    ignored_here: Sequence[str] = (),
) -> list[tuple[Diagnostic, Fix]]:
    """The safe fixes offered for the diagnostics :func:`diagnose` reports, each once, in file
    order (a fix that serves several diagnostics comes with the first)."""
    runs = _runs(selection, ignored_here)
    kept = _kept(doc, _located(doc, shared, settings, runs), runs)
    seen: set[Fix] = set()
    out = []
    offered = ((d, f) for d, f in kept if f is not None and f.safe)
    for diagnostic, fix in sorted(offered, key=lambda p: p[0]):
        if fix not in seen:
            seen.add(fix)
            out.append((diagnostic, fix))
    return out


def _runs(
    selection: Selection, ignored_here: Sequence[str], errors_only: bool = False
) -> Callable[[str], bool]:
    """Whether a rule's findings could be reported in this file at all (``errors_only``: and
    whether the rule reports errors)."""

    def runs(code: str) -> bool:
        if errors_only and RULES[code].severity is not Severity.ERROR:
            return False
        return selection.enabled(code) and not any(_matches(code, i) for i in ignored_here)

    return runs


def _suppressed_inline(doc: Document, diagnostic: Diagnostic) -> bool:
    return _suppressed_at(doc, diagnostic.line, diagnostic.code)


def _suppressed_at(doc: Document, line: int, code: str) -> bool:
    """Whether a comment on ``line`` switches off ``code`` there."""
    text = doc.line_text(line)
    if "skillframe" not in text:
        return False
    match = _INLINE.search(text)
    if match is None:
        return False
    codes = match.group("codes")
    if codes is None:
        return True
    wanted = [c.strip().upper() for c in codes.split(",") if c.strip()]
    return any(_matches(code, c) for c in wanted)


def per_file_ignores(path: Path, config: Config) -> tuple[str, ...]:
    """The codes the configuration's ``per-file-ignores`` switch off for ``path``."""
    codes: list[str] = []
    for pattern, listed in config.per_file_ignores:
        if matches(path, pattern, config.root):
            codes.extend(listed)
    return tuple(codes)


def selection_for(
    config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> Selection:
    """Command-line ``--select`` replaces the configured list; ``--ignore`` adds to it."""
    return Selection(
        select=tuple(select) or config.select,
        ignore=(*config.ignore, *ignore),
    )


@dataclass
class FileReport:
    """One file's diagnostics and, when statements are compared across the collection, each
    statement's text as that comparison needs it."""

    diagnostics: list[Diagnostic]
    texts: list[near_duplicate.Entry] = field(default_factory=list)
    #: True when the file was skipped (see :func:`skipped`): it is not counted.
    skipped: bool = False


#: A line saying the file is a skillframe file, even when it cannot be read as YAML.
_SCHEMA_LINE = re.compile(r"""^[ \t]*["']?schema["']?[ \t]*:[ \t]*["']?skillframe/""", re.MULTILINE)


def skipped(doc: Document, path: Path, config: Config, why: str) -> bool:
    """Whether a file checked for ``why`` is left out rather than reported.

    A file a pre-commit hook names (``HOOK``) is left out when it is not a skillframe file: it
    has no kind, no line says ``schema: skillframe/...``, and it lies outside the places the
    configuration names (``paths``, ``sources``, ``taxonomies``), where every file must be one.
    A file checked because it may use a named shared file (``USER``) is left out unless it is a
    framework.
    """
    if why == USER:
        return doc.kind != "framework"
    if why != HOOK or doc.kind is not None or _SCHEMA_LINE.search(doc.text):
        return False
    absolute = path.resolve()
    places = (*config.paths, *config.sources, *config.taxonomies)
    return not any(absolute == p.resolve() or p.resolve() in absolute.parents for p in places)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector waits while one file is read and checked.

    A file's node tree and data are freed by reference counting as soon as they are dropped;
    left running, the collector would walk those objects again and again while they are built
    (some 15% of lint's time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Linter:
    """Lints files one by one, loading each shared file once.

    With ``collection=True``, each file's report also carries its statements' texts, for
    :func:`compare_across` to find near-duplicates between frameworks.
    """

    def __init__(
        self,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        collection: bool = False,
        errors_only: bool = False,
    ) -> None:
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.collection = collection
        #: Run only the rules that report errors (checking an edit needs no more).
        self.errors_only = errors_only
        self.resolver = Resolver()

    def lint_file(self, path: Path, display: str | None = None) -> list[Diagnostic]:
        return self.check_file(path, display).diagnostics

    def check_file(self, path: Path, display: str | None = None, why: str = NAMED) -> FileReport:
        """The report of one file; ``why`` it is checked may leave it out (:func:`skipped`)."""
        shown = display if display is not None else display_path(path)
        config = discover(path)
        with _collector_paused():
            document = open_document(path, shown, config.max_file_size)
            if why != NAMED and skipped(document, path, config, why):
                return FileReport([], skipped=True)
            return self.check_document(document, path, config)

    def lint_text(self, text: str, path: Path, display: str | None = None) -> list[Diagnostic]:
        """Lint text as if it were the file at ``path`` (used to check an edit before writing)."""
        shown = display if display is not None else display_path(path)
        return self.lint_document(load_text(text, shown), path, discover(path))

    def check_text(
        self, text: str, path: Path, config: Config, display: str | None = None
    ) -> tuple[Document, FileReport]:
        """Read and check text as if it were the file at ``path`` (an editor's unsaved buffer):
        the document read and its report, with the file size limit the configuration sets."""
        shown = display if display is not None else display_path(path)
        with _collector_paused():
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > config.max_file_size:
                doc = Document(shown, "", problems=[too_large(size, config.max_file_size)])
            else:
                doc = load_text(text, shown)
            return doc, self.check_document(doc, path, config)

    def lint_document(self, doc: Document, path: Path, config: Config) -> list[Diagnostic]:
        return self.check_document(doc, path, config).diagnostics

    def shared_for(self, doc: Document, path: Path, config: Config) -> Shared:
        """What the document at ``path`` resolves against (nothing, unless it is a framework)."""
        return self.resolver.shared_for(path, config) if doc.kind == "framework" else Shared()

    def check_document(self, doc: Document, path: Path, config: Config) -> FileReport:
        shared = self.shared_for(doc, path, config)
        selection = selection_for(config, self.select, self.ignore)
        ignored_here = per_file_ignores(path, config)
        diagnostics = diagnose(
            doc,
            shared,
            selection,
            settings=config.extra,
            ignored_here=ignored_here,
            errors_only=self.errors_only,
        )
        report = FileReport(diagnostics)
        if self.collection:
            report.texts = _statement_texts(doc, config, selection, ignored_here, diagnostics)
        return report

    def fixes_for(self, doc: Document, path: Path, config: Config) -> list[tuple[Diagnostic, Fix]]:
        """The safe fixes offered for the diagnostics :meth:`check_document` reports."""
        return offered_fixes(
            doc,
            self.shared_for(doc, path, config),
            selection_for(config, self.select, self.ignore),
            config.extra,
            per_file_ignores(path, config),
        )


def _statement_texts(
    doc: Document,
    config: Config,
    selection: Selection,
    ignored_here: Sequence[str],
    diagnostics: list[Diagnostic],
) -> list[near_duplicate.Entry]:
    """The statements of a framework as the comparison across the collection needs them."""
    if not doc.parsed or doc.kind != "framework":
        return []
    rule = RULES[near_duplicate.CODE]
    allowed = _runs(selection, ignored_here)(rule.code)
    reported = {(d.line, d.column) for d in diagnostics if d.code == rule.code}
    ctx = Context(data=doc.data, kind=doc.kind, path=doc.path, settings=config.extra)
    similarity = settings_of(config.extra).similarity
    compared = list(near_duplicate.comparable(ctx))
    # Computed here, in the process linting the file, not in the comparison after.
    keys = collection_keys_of([text for _, _, text in compared])
    entries = []
    for (at, name, text), packed in zip(compared, keys, strict=True):
        line, column = doc.locate_within(at, 0)
        entries.append(
            near_duplicate.Entry(
                path=doc.path,
                name=name,
                text=text,
                line=line,
                column=column,
                named_line=doc.locate((*at[:-1], "id"))[0],
                similarity=similarity,
                open=allowed
                and (line, column) not in reported
                and not _suppressed_at(doc, line, rule.code),
                keys=packed,
            )
        )
    return entries


class AcrossFiles:
    """Compares each framework's statements with those of the frameworks before it (SF503 with
    ``--collection``), one report at a time in the order the files are checked, so the
    comparison runs while later files are still being read."""

    def __init__(self) -> None:
        self._comparison = near_duplicate.Across()

    def __call__(self, report: FileReport) -> None:
        """Add to ``report`` the near-duplicates of its statements in the reports before it."""
        if report.skipped:
            return
        rule = RULES[near_duplicate.CODE]
        with _collector_paused():  # what the comparison keeps lives to the end of the run
            found = self._comparison.add(report.texts)
        for entry, message in found:
            report.diagnostics.append(
                Diagnostic(entry.path, entry.line, entry.column, rule.code, rule.severity, message)
            )
        if found:
            report.diagnostics.sort()


def compare_across(reports: Sequence[FileReport]) -> None:
    """Add to each report the near-duplicates of statements in the files before it."""
    compare = AcrossFiles()
    for report in reports:
        compare(report)


#: A worker process's Linter, kept from chunk to chunk so shared files are read once a process.
_WORKER_LINTER: dict[tuple[tuple[str, ...], tuple[str, ...], bool], Linter] = {}


def _lint_chunk(
    args: tuple[list[tuple[str, str]], tuple[str, ...], tuple[str, ...], bool],
) -> list[FileReport] | str:
    """A worker's share: the report of each file, or the first error's message."""
    paths, select, ignore, collection = args
    linter = _WORKER_LINTER.get((select, ignore, collection))
    if linter is None:
        linter = _WORKER_LINTER[(select, ignore, collection)] = Linter(select, ignore, collection)
    try:
        return [linter.check_file(Path(raw), why=why) for raw, why in paths]
    except SkillframeError as exc:
        return str(exc)


def usable_cores() -> int:
    """The cores this process may run on (a CPU set given by taskset or a container counts)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def lint_paths(
    paths: Sequence[Path],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    jobs: int | None = None,
    progress: Any = None,
    collection: bool = False,
    hook: bool = False,
) -> LintResult:
    """Lint files and folders, and the frameworks that use a named shared file
    (:func:`~skillframe.collection.targets`; ``hook`` for files named by pre-commit). With many
    files, the work is shared among processes; the diagnostics come back in the same order
    whatever the number of processes. With ``collection=True``, statements are also compared
    across the frameworks (SF503)."""
    files = targets(list(paths), hook)
    workers = jobs if jobs is not None else usable_cores()
    reports: list[FileReport]
    # With --collection, each report is compared with the ones before it as soon as it comes.
    take = AcrossFiles() if collection else None
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        reports = _parallel(
            files, tuple(select), tuple(ignore), collection, workers, progress, take
        )
    else:
        linter = Linter(select, ignore, collection)
        reports = []
        for file in files:
            reports.append(linter.check_file(file.path, why=file.why))
            if take is not None:
                take(reports[-1])
            if progress is not None:
                progress(1)
    reports = [r for r in reports if not r.skipped]
    result = LintResult(files=len(reports))
    for report in reports:
        result.diagnostics.extend(report.diagnostics)
    return result


def _parallel(
    files: list[Target],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    collection: bool,
    workers: int,
    progress: Any,
    take: Callable[[FileReport], None] | None = None,
) -> list[FileReport]:
    """The reports of ``files``, in their order, read by ``workers`` processes; ``take``, when
    given, is called with each report in that order as soon as it is there."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks keep every worker busy to the end (a file takes some 20-40 ms, a chunk's
    # round trip well under one); each worker reads the shared files once.
    size = max(1, min(16, len(files) // (workers * 8)))
    chunks = [
        [(str(f.path), f.why) for f in files[i : i + size]] for i in range(0, len(files), size)
    ]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    results: list[FileReport] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [(c, select, ignore, collection) for c in chunks]
        for chunk, done in zip(chunks, pool.map(_lint_chunk, jobs), strict=True):
            if isinstance(done, str):
                raise SkillframeError(done)
            results.extend(done)
            if take is not None:
                for report in done:
                    take(report)
            if progress is not None:
                progress(len(chunk))
    return results
