"""Run every check on files and return sorted Diagnostics.

The flow for one file: load (positions, reading problems) -> resolve shared sources and
taxonomies -> schema errors claimed by the schema rules -> data rules -> each Finding located,
stamped with its rule's code and severity, and filtered by select/ignore, per-file ignores and
inline ``# skillframe: ignore[CODE]`` comments.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillframe import schema as schemas
from skillframe.collection import (
    Resolver,
    Shared,
    display_path,
    expand,
    matches,
    open_document,
)
from skillframe.config import Config, discover
from skillframe.diagnostics import Diagnostic, Finding, Severity
from skillframe.errors import SkillframeError
from skillframe.load import Document, load_text
from skillframe.rules import DATA_RULES, RULES, SCHEMA_RULES, Context, Rule
from skillframe.rules.words import one_of_keys

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


def check_codes(codes: Iterable[str], where: str) -> tuple[str, ...]:
    """Upper-cased codes, each matching at least one rule; else a usage error."""
    result = []
    for raw in codes:
        for part in raw.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if code != "ALL" and not any(c.startswith(code) for c in RULES):
                raise SkillframeError(
                    f"{where}: '{code}' is not a rule code (see 'skillframe rules')"
                )
            result.append(code)
    return tuple(result)


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
    doc: Document, shared: Shared, settings: dict[str, Any] | None = None
) -> Iterator[tuple[Rule, Finding]]:
    """Every rule's Findings for a parsed document of a known kind."""
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
        if doc.kind in rule.kinds and rule.check is not None:
            for finding in rule.check(ctx):
                yield rule, finding


def diagnose(
    doc: Document,
    shared: Shared,
    selection: Selection = Selection(),
    settings: dict[str, Any] | None = None,
    ignored_here: Sequence[str] = (),
) -> list[Diagnostic]:
    """Located, filtered and sorted diagnostics of one loaded document."""
    out: list[Diagnostic] = []
    for problem in doc.problems:
        rule = RULES[problem.code]
        out.append(
            Diagnostic(
                doc.path, problem.line, problem.column, rule.code, rule.severity, problem.message
            )
        )
    for rule, finding in findings(doc, shared, settings):
        line, column = doc.locate(finding.at, finding.key)
        message = finding.message
        if finding.related is not None:
            message = message.replace("{line}", str(doc.locate(finding.related)[0]))
        out.append(Diagnostic(doc.path, line, column, rule.code, rule.severity, message))
    kept = [
        d
        for d in out
        if selection.enabled(d.code)
        and not any(_matches(d.code, i) for i in ignored_here)
        and not _suppressed_inline(doc, d)
    ]
    return sorted(set(kept))


def _suppressed_inline(doc: Document, diagnostic: Diagnostic) -> bool:
    line = doc.line_text(diagnostic.line)
    if "skillframe" not in line:
        return False
    match = _INLINE.search(line)
    if match is None:
        return False
    codes = match.group("codes")
    if codes is None:
        return True
    wanted = [c.strip().upper() for c in codes.split(",") if c.strip()]
    return any(_matches(diagnostic.code, c) for c in wanted)


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


class Linter:
    """Lints files one by one, loading each shared file once."""

    def __init__(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> None:
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.resolver = Resolver()

    def lint_file(self, path: Path, display: str | None = None) -> list[Diagnostic]:
        shown = display if display is not None else display_path(path)
        config = discover(path)
        return self.lint_document(open_document(path, shown, config.max_file_size), path, config)

    def lint_text(self, text: str, path: Path, display: str | None = None) -> list[Diagnostic]:
        """Lint text as if it were the file at ``path`` (used to check an edit before writing)."""
        shown = display if display is not None else display_path(path)
        return self.lint_document(load_text(text, shown), path, discover(path))

    def lint_document(self, doc: Document, path: Path, config: Config) -> list[Diagnostic]:
        shared = self.resolver.shared_for(path, config) if doc.kind == "framework" else Shared()
        return diagnose(
            doc,
            shared,
            selection_for(config, self.select, self.ignore),
            settings=config.extra,
            ignored_here=per_file_ignores(path, config),
        )


def _lint_chunk(
    args: tuple[list[str], tuple[str, ...], tuple[str, ...]],
) -> list[list[Diagnostic]] | str:
    """A worker's share: the diagnostics of each file, or the first error's message."""
    paths, select, ignore = args
    linter = Linter(select, ignore)
    try:
        return [linter.lint_file(Path(raw)) for raw in paths]
    except SkillframeError as exc:
        return str(exc)


def lint_paths(
    paths: Sequence[Path],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    jobs: int | None = None,
    progress: Any = None,
) -> LintResult:
    """Lint files and folders. With many files, the work is shared among processes; the
    diagnostics come back in the same order whatever the number of processes."""
    files = expand(list(paths))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    per_file: list[list[Diagnostic]]
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        per_file = _parallel(files, tuple(select), tuple(ignore), workers, progress)
    else:
        linter = Linter(select, ignore)
        per_file = []
        for file in files:
            per_file.append(linter.lint_file(file))
            if progress is not None:
                progress(1)
    result = LintResult(files=len(files))
    for diagnostics in per_file:
        result.diagnostics.extend(diagnostics)
    return result


def _parallel(
    files: list[Path], select: tuple[str, ...], ignore: tuple[str, ...], workers: int, progress: Any
) -> list[list[Diagnostic]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks keep every worker busy to the end; each chunk shares one Resolver.
    size = max(4, min(64, len(files) // (workers * 8) or 1))
    chunks = [[str(f) for f in files[i : i + size]] for i in range(0, len(files), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    results: list[list[Diagnostic]] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        jobs = [(c, select, ignore) for c in chunks]
        for chunk, done in zip(chunks, pool.map(_lint_chunk, jobs), strict=True):
            if isinstance(done, str):
                raise SkillframeError(done)
            results.extend(done)
            if progress is not None:
                progress(len(chunk))
    return results
