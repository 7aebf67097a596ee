"""``skillframe lsp``: the language server, over stdio, built on pygls.

The editor sends each open file's whole text on every change (full synchronisation: the text is
small, and pygls's incremental updates split lines where YAML and LSP do not). The file is checked
by the same :class:`~skillframe.lint.Linter` as ``skillframe lint``, with the configuration of its
collection, against the shared sources and taxonomies as the editor holds them (an open, unsaved
``sources.yaml`` counts). Checks run one at a time on one worker thread, so the server keeps
reading messages while it checks; changes that arrive during a check are coalesced into the next
one (that is the debounce: no fixed delay is added to a lone change). Whatever a file holds, the
server answers: a problem it cannot check past becomes a diagnostic, never a crash.
"""

from __future__ import annotations

import asyncio
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from skillframe import __version__
from skillframe.collection import Resolver, display_path, shared_paths
from skillframe.config import discover
from skillframe.errors import SkillframeError
from skillframe.lint import Linter
from skillframe.load import load_text
from skillframe.lsp import analysis
from skillframe.lsp.analysis import Snapshot
from skillframe.lsp.positions import TextIndex, unquote

logger = logging.getLogger("skillframe.lsp")

T = TypeVar("T")

#: Kinds of code action: one fix, and every safe fix of the file at once.
FIX_ALL = "source.fixAll.skillframe"

#: "... 'wrong'; did you mean 'right'?": the value quoted last before the suggestion is the one
#: the diagnostic points at (a message may name where it is first: "domain 'x': unknown key ...").
_DID_YOU_MEAN = re.compile(r"'(?P<wrong>[^']*)'[^']*; did you mean '(?P<right>[^']*)'\?$")


class SkillframeServer(LanguageServer):
    """The language server: open files, their latest checks, and the worker that checks them."""

    def __init__(self) -> None:
        super().__init__(
            "skillframe",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Full,
        )
        self.snapshots: dict[str, Snapshot] = {}
        #: The last check of each file whose text could be read, for completion while the
        #: writer is in the middle of typing something that does not parse yet.
        self.readable: dict[str, Snapshot] = {}
        self.delay = 0.0
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="skillframe-check")
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._dirty: set[str] = set()

    # -- files --------------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)

    def open_text(self, uri: str) -> tuple[str, int | None] | None:
        if uri not in self.workspace.text_documents:
            return None
        document = self.workspace.get_text_document(uri)
        return document.source, document.version

    def _open_paths(self) -> dict[Path, str]:
        found = {}
        for uri in list(self.workspace.text_documents):
            path = path_of(uri)
            if path is not None:
                found[path.resolve()] = uri
        return found

    def buffer_or_file(self, path: Path) -> str | None:
        """The text of a file as the editor holds it when it is open, else as it is on disk."""
        uri = self._open_paths().get(path.resolve())
        held = self.open_text(uri) if uri is not None else None
        if held is not None:
            return held[0]
        try:
            return path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None

    def buffer_only(self, path: Path) -> str | None:
        uri = self._open_paths().get(path)
        held = self.open_text(uri) if uri is not None else None
        return held[0] if held is not None else None

    # -- checking -------------------------------------------------------------------------------

    def linter(self) -> Linter:
        """A linter resolving against the shared files as the editor holds them: an open
        buffer (saved or not) first, else the file. Shared files are read afresh by each
        linter, so a change to sources.yaml is seen at once."""
        linter = Linter()
        linter.resolver = Resolver(texts=self.buffer_only)
        return linter

    def check(self, uri: str, text: str, version: int | None) -> Snapshot:
        """Check one text as ``skillframe lint`` checks the file (on the worker thread)."""
        path = path_of(uri) or Path.cwd() / "untitled.yaml"
        index = TextIndex(text, self.encoding)
        linter = self.linter()
        try:
            config = discover(path)
            doc, report = linter.check_text(text, path, config)
            snapshot = Snapshot(
                uri,
                path,
                version,
                index,
                doc,
                config=config,
                shared=linter.shared_for(doc, path, config),
                diagnostics=report.diagnostics,
            )
            snapshot.shown = analysis.to_lsp(snapshot)
            return snapshot
        except SkillframeError as exc:
            error = f"skillframe cannot check this file: {exc}"
        except Exception as exc:  # the server stays up whatever a file holds
            logger.exception("checking %s", uri)
            error = f"skillframe: internal error while checking this file: {exc!r}"
        snapshot = Snapshot(uri, path, version, index, load_text(text, str(path)), error=error)
        snapshot.shown = analysis.to_lsp(snapshot)
        return snapshot

    async def run(self, function: Any, *args: Any) -> Any:
        """Run on the worker thread: the YAML reader is not shared between threads."""
        return await asyncio.get_running_loop().run_in_executor(self._worker, function, *args)

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check the file soon; changes that come while a check runs make one more check."""
        self._dirty.add(uri)
        task = self._tasks.get(uri)
        if task is None or task.done():
            wait = self.delay if delay is None else delay
            self._tasks[uri] = asyncio.ensure_future(self._checking(uri, wait))

    async def _checking(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        while uri in self._dirty:
            self._dirty.discard(uri)
            held = self.open_text(uri)
            if held is None:
                return
            snapshot: Snapshot = await self.run(self.check, uri, *held)
            if self.open_text(uri) is None:
                return
            self.snapshots[uri] = snapshot
            if snapshot.doc.kind is not None:
                self.readable[uri] = snapshot
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(
                    uri=uri, diagnostics=snapshot.shown, version=snapshot.version
                )
            )
            if snapshot.doc.kind in ("sources", "taxonomy"):
                self.recheck_users(snapshot.path)

    def recheck_users(self, shared: Path) -> None:
        """Check again every open framework that resolves against the shared file ``shared``."""
        target = shared.resolve()
        for uri, snapshot in list(self.snapshots.items()):
            if snapshot.doc.kind != "framework" or uri not in self.workspace.text_documents:
                continue
            sources, taxonomies = shared_paths(snapshot.path, snapshot.config)
            used = [p.resolve() for p in sources + taxonomies]
            if any(target == p or p in target.parents for p in used):
                self.schedule(uri, 0.0)

    async def current(self, uri: str) -> Snapshot | None:
        """The check of the file's text as it is now (checked again if it changed since)."""
        task = self._tasks.get(uri)
        if task is not None and not task.done():
            await asyncio.shield(task)  # the check under way is of the newest text
        held = self.open_text(uri)
        if held is None:
            return None
        snapshot = self.snapshots.get(uri)
        if snapshot is None or snapshot.text != held[0]:
            snapshot = await self.run(self.check, uri, *held)
        return snapshot

    async def pointed(
        self, params: lsp.HoverParams | lsp.CompletionParams | lsp.DefinitionParams
    ) -> tuple[Snapshot, int] | None:
        """The current check of the file a request points into, and the offset it points at."""
        snapshot = await self.current(params.text_document.uri)
        if snapshot is None:
            return None
        where = params.position
        return snapshot, snapshot.index.offset_of(where.line, where.character)

    # -- code actions ---------------------------------------------------------------------------

    def code_actions(
        self, snapshot: Snapshot, wanted: lsp.Range, only: list[str] | None, eager: bool
    ) -> list[lsp.CodeAction]:
        """Quick fixes for the diagnostics in ``wanted``: "did you mean" replacements and the
        safe fixes of ``lint --fix``; and one action that applies every safe fix."""
        index = snapshot.index
        first, last = (
            index.offset_of(wanted.start.line, wanted.start.character),
            index.offset_of(wanted.end.line, wanted.end.character),
        )
        starts = analysis.node_starts(snapshot.doc)
        shown = snapshot.shown[1 if snapshot.error else 0 :]
        actions: list[lsp.CodeAction] = []
        quick = only is None or any(lsp.CodeActionKind.QuickFix.value.startswith(k) for k in only)
        if quick:
            for diagnostic, editor_diagnostic in zip(snapshot.diagnostics, shown, strict=True):
                start, end = analysis.diagnostic_span(index, diagnostic, starts)
                if end < first or start > last:
                    continue
                found = _DID_YOU_MEAN.search(diagnostic.message)
                if found is None or unquote(snapshot.text[start:end]) != found.group("wrong"):
                    continue
                wrong, right = found.group("wrong"), found.group("right")
                edit = lsp.TextEdit(analysis.lsp_range(index, start, end), right)
                actions.append(
                    lsp.CodeAction(
                        title=f"Replace '{wrong}' with '{right}'",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=[editor_diagnostic],
                        is_preferred=True,
                        edit=self._workspace_edit(snapshot, [edit]),
                    )
                )
        if snapshot.doc.kind is None or snapshot.doc.problems or snapshot.error:
            return actions
        fixes = self.linter().fixes_for(snapshot.doc, snapshot.path, snapshot.config)
        if quick:
            for number, (diagnostic, fix) in enumerate(fixes):
                start, end = analysis.diagnostic_span(index, diagnostic, starts)
                if end < first or start > last:
                    continue
                action = lsp.CodeAction(
                    title=f"Fix {diagnostic.code}: {fix.description}",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[
                        d
                        for d, mine in zip(shown, snapshot.diagnostics, strict=True)
                        if mine == diagnostic
                    ],
                    data={"uri": snapshot.uri, "version": snapshot.version, "fix": number},
                )
                actions.append(self.resolve(action) if eager else action)
        # Fixing a whole file takes a few edits; a client that wants every edit at once
        # gets it only when it asks for that action by name.
        wanted_all = only is not None and any(FIX_ALL.startswith(k) for k in only)
        fix_all = wanted_all or (only is None and not eager)
        if fixes and fix_all:
            action = lsp.CodeAction(
                title="Fix all safe problems (skillframe lint --fix)",
                kind=FIX_ALL,
                data={"uri": snapshot.uri, "version": snapshot.version, "fix": "all"},
            )
            actions.append(self.resolve(action) if eager else action)
        return actions

    def resolve(self, action: lsp.CodeAction) -> lsp.CodeAction:
        """Fill in a fix's edit (run on the worker thread: an edit reads the file as YAML)."""
        from skillframe import fixing

        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        snapshot = self.snapshots.get(uri) if isinstance(uri, str) else None
        if snapshot is None or snapshot.version != data.get("version"):
            return action
        shown = display_path(snapshot.path)
        try:
            if data.get("fix") == "all":
                after, _ = fixing.fix_all_text(snapshot.text, snapshot.path, self.linter(), shown)
            else:
                fixes = self.linter().fixes_for(snapshot.doc, snapshot.path, snapshot.config)
                number = data.get("fix")
                if not isinstance(number, int) or not 0 <= number < len(fixes):
                    return action
                fix = fixes[number][1]
                kind = str(snapshot.doc.kind)
                after = fixing.fix_text(snapshot.text, snapshot.path, kind, [fix], shown)
        except SkillframeError as exc:
            action.disabled = lsp.CodeActionDisabled(reason=str(exc))
            return action
        edit = replacement(snapshot.index, after)
        if edit is not None:
            action.edit = self._workspace_edit(snapshot, [edit])
        return action

    def _workspace_edit(self, snapshot: Snapshot, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
        capabilities = self.client_capabilities.workspace
        versioned = bool(
            capabilities
            and capabilities.workspace_edit
            and capabilities.workspace_edit.document_changes
        )
        if versioned:
            document = lsp.OptionalVersionedTextDocumentIdentifier(
                uri=snapshot.uri, version=snapshot.version
            )
            return lsp.WorkspaceEdit(
                document_changes=[lsp.TextDocumentEdit(text_document=document, edits=list(edits))]
            )
        return lsp.WorkspaceEdit(changes={snapshot.uri: list(edits)})


def replacement(index: TextIndex, after: str) -> lsp.TextEdit | None:
    """One edit that turns the indexed text into ``after``: the lines that differ, replaced."""
    before = index.text
    if before == after:
        return None
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = sum(len(line) for line in old[:head])
    end = len(before) - sum(len(line) for line in old[len(old) - tail :])
    return lsp.TextEdit(analysis.lsp_range(index, start, end), "".join(new[head : len(new) - tail]))


def path_of(uri: str) -> Path | None:
    """The file a URI names, or None for a buffer that is not a file."""
    if not uri.startswith("file:"):
        return None
    found = to_fs_path(uri)
    return Path(found) if found else None


def uri_of(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()


def build() -> SkillframeServer:
    """The server with every feature registered."""
    server = SkillframeServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: SkillframeServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        delay = options.get("debounce") if isinstance(options, dict) else None
        if isinstance(delay, (int, float)) and not isinstance(delay, bool) and 0 <= delay <= 5000:
            ls.delay = delay / 1000

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: SkillframeServer, params: lsp.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watching = workspace.did_change_watched_files if workspace else None
        if not (watching and watching.dynamic_registration):
            return
        watchers = [
            lsp.FileSystemWatcher(glob_pattern=pattern)
            for pattern in ("**/*.yaml", "**/*.yml", "**/skillframe.toml", "**/pyproject.toml")
        ]
        registration = lsp.Registration(
            id="skillframe-shared-files",
            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams([registration]))
        except Exception as exc:  # a client may refuse; the editor's own changes still count
            logger.warning("the editor does not watch files for skillframe: %s", exc)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(
        ls: SkillframeServer, params: lsp.DidChangeWatchedFilesParams
    ) -> None:
        # A shared file or a configuration changed on disk (a git pull, another program):
        # every open file is checked again against it.
        for uri in list(ls.snapshots):
            ls.schedule(uri, 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SkillframeServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: SkillframeServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SkillframeServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0.0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SkillframeServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        closed = ls.snapshots.pop(uri, None)
        ls.readable.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if closed is not None and closed.doc.kind in ("sources", "taxonomy"):
            ls.recheck_users(closed.path)  # back to the file as saved

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: SkillframeServer, params: lsp.HoverParams) -> lsp.Hover | None:
        found = await ls.pointed(params)
        result: lsp.Hover | None = await ls.run(analysis.hover, *found) if found else None
        return result

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[" ", "[", ","]),
    )
    async def completion(
        ls: SkillframeServer, params: lsp.CompletionParams
    ) -> lsp.CompletionList | None:
        found = await ls.pointed(params)
        if found is None:
            return None
        snapshot, offset = found
        known = snapshot if snapshot.doc.kind is not None else ls.readable.get(snapshot.uri)
        if known is None:
            return None
        items = await ls.run(analysis.completion, snapshot, known, offset)
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    async def definition(ls: SkillframeServer, params: lsp.DefinitionParams) -> lsp.Location | None:
        found = await ls.pointed(params)
        if found is None:
            return None
        location: lsp.Location | None = await ls.run(
            analysis.definition, *found, ls.buffer_or_file, uri_of
        )
        return location

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(
            code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True
        ),
    )
    async def code_action(
        ls: SkillframeServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        snapshot = await ls.current(params.text_document.uri)
        if snapshot is None:
            return None
        ls.snapshots[snapshot.uri] = snapshot
        only = [str(k) for k in params.context.only] if params.context.only else None
        eager = not _resolves_edits(ls.client_capabilities)
        actions: list[lsp.CodeAction] = await ls.run(
            ls.code_actions, snapshot, params.range, only, eager
        )
        return actions

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: SkillframeServer, params: lsp.CodeAction) -> lsp.CodeAction:
        resolved: lsp.CodeAction = await ls.run(ls.resolve, params)
        return resolved

    return server


def _resolves_edits(capabilities: lsp.ClientCapabilities) -> bool:
    """Whether the client asks for a code action's edit only when the writer picks it."""
    document = capabilities.text_document
    action = document.code_action if document else None
    support = action.resolve_support if action else None
    return bool(support and "edit" in support.properties)


def serve() -> None:
    """Serve the editor on stdin and stdout until it says goodbye."""
    logging.basicConfig(level=logging.WARNING, format="skillframe lsp: %(message)s")
    build().start_io()
