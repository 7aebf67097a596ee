"""``skillframe lsp`` end to end: a real LSP client (pytest-lsp) starts the server over stdio.

Each test writes a collection into a temporary folder (the bundled sources, taxonomy and O*NET
tasks, a skillframe.toml) with a framework made from the bundled one plus the mistakes writers
make, and compares what the editor is told with what ``skillframe lint`` says of the same file.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.ruledoc import help_uri
from skillframe.rules import RULES
from tests.conftest import BUNDLED, FRAMEWORKS

#: One server serves the tests of this module (each test opens files of its own), as an editor
#: keeps one server for many files; clients with other capabilities start their own.
pytestmark = pytest.mark.asyncio(loop_scope="module")

#: The mistakes, as (bundled text, text with the mistake); each bundled text occurs once.
MISTAKES = [
    (  # a title with a final period (SF505, fixable)
        "        title: Plain-language traveler directions\n",
        "        title: Plain-language traveler directions.\n",
    ),
    (  # a doubled space after a character outside the BMP (SF508, fixable)
        "        text: >-\n"
        "          states inspection instructions to travelers in plain language at the primary booth and\n"
        "          checks that each person knows where to go next.\n",
        "        text: states 🛂 inspection instructions to travelers  in plain language and checks"
        " where each person goes next.\n",
    ),
    (  # an undeclared level (SF302, did you mean)
        "        level: foundational\n        title: Shift log entries\n",
        "        level: expret\n        title: Shift log entries\n",
    ),
    (  # a misspelt source (SF201, did you mean)
        "        title: Scripted admissibility questions\n"
        "        text: >-\n"
        "          asks the standard admissibility questions in a calm, neutral tone and notes each\n"
        "          traveler's answers accurately in the inspection record.\n"
        "        cite:\n"
        "          - pathsmith\n",
        "        title: Scripted admissibility questions\n"
        "        text: >-\n"
        "          asks the standard admissibility questions in a calm, neutral tone and notes each\n"
        "          traveler's answers accurately in the inspection record.\n"
        "        cite:\n"
        "          - pathsmth\n",
    ),
]


def with_mistakes(text: str) -> str:
    for good, bad in MISTAKES:
        assert text.count(good) == 1, good
        text = text.replace(good, bad)
    return text


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    """A collection: shared sources, the taxonomy, O*NET tasks and a configuration."""
    shutil.copy(FRAMEWORKS / "sources.yaml", tmp_path / "sources.yaml")
    shutil.copytree(FRAMEWORKS / "taxonomies", tmp_path / "taxonomies")
    shutil.copytree(FRAMEWORKS / "data", tmp_path / "data")
    tasks = next((tmp_path / "data").glob("*.tsv")).name
    (tmp_path / "skillframe.toml").write_text(
        f'sources = "sources.yaml"\ntaxonomies = "taxonomies"\nonet-tasks = "data/{tasks}"\n',
        encoding="utf-8",
    )
    return tmp_path


def lint_json(path: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(app, ["lint", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    diagnostics: list[dict[str, Any]] = json.loads(result.output)["diagnostics"]
    return diagnostics


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected(path: Path, units: Any = utf16) -> list[tuple[int, int, str, int, str, str]]:
    """Lint's diagnostics of a file as the editor should get them: 0-based line, the column in
    the client's code units, code, severity, message and the rule's documentation."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out = []
    for d in lint_json(path):
        prefix = lines[d["line"] - 1][: d["column"] - 1]
        severity = 1 if d["severity"] == "error" else 2
        out.append(
            (
                d["line"] - 1,
                units(prefix),
                d["code"],
                severity,
                d["message"],
                help_uri(RULES[d["code"]]),
            )
        )
    return out


def got(diagnostics: Any) -> list[tuple[int, int, str, int, str, str]]:
    return [
        (
            d.range.start.line,
            d.range.start.character,
            d.code,
            int(d.severity),
            d.message,
            d.code_description.href if d.code_description else None,
        )
        for d in diagnostics
    ]


# -- the client ------------------------------------------------------------------------------------


def _record(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)  # type: ignore[attr-defined]
    client.arrived.set()  # type: ignore[attr-defined]


def _register(client: LanguageClient, params: lsp.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


def make_client() -> LanguageClient:
    """pytest-lsp's client, keeping every diagnostics notification in order and accepting the
    server's registrations (as VS Code does)."""
    client = LanguageClient()
    client.published = []  # type: ignore[attr-defined]
    client.arrived = asyncio.Event()  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
            lsp.CLIENT_REGISTER_CAPABILITY: _register,
        },
    )
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "skillframe", "lsp"], client_factory=make_client
)


def capabilities(name: str) -> lsp.ClientCapabilities:
    return client_capabilities(name)


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient) -> Any:
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=capabilities("visual-studio-code"))
    )
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def neovim(lsp_client: LanguageClient) -> Any:
    """A client with Neovim 0.11's capabilities: it prefers UTF-8 positions."""
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=capabilities("neovim@v0.11.0"))
    )
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str, version: int | None, since: int) -> Any:
    """The first diagnostics for ``uri`` at ``version`` published after the ``since``-th."""
    while True:
        for params in client.published[since:]:  # type: ignore[attr-defined]
            if params.uri == uri and (version is None or params.version == version):
                return params.diagnostics
        client.arrived.clear()  # type: ignore[attr-defined]
        await asyncio.wait_for(client.arrived.wait(), 60)  # type: ignore[attr-defined]


def mark(client: LanguageClient) -> int:
    return len(client.published)  # type: ignore[attr-defined]


async def settles(client: LanguageClient, uri: str, since: int, codes: list[str]) -> list[str]:
    """Wait until diagnostics for ``uri`` published after the ``since``-th carry ``codes``.

    A check started before the change may still publish the old findings first (the server
    checks one thing at a time), so earlier publications are passed over; if the wanted ones
    never come, the wait in ``published`` times out and the test fails."""
    while True:
        found = [d.code for d in await published(client, uri, 1, since)]
        if found == codes:
            return found
        since = next(
            i + 1
            for i in range(since, mark(client))
            if client.published[i].uri == uri  # type: ignore[attr-defined]
        )


async def open_file(client: LanguageClient, path: Path, text: str | None = None) -> Any:
    uri = from_fs_path(str(path))
    since = mark(client)
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(
                uri=uri,
                language_id="yaml",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri, await published(client, uri, 1, since)


async def open_with_mistakes(client: LanguageClient, collection: Path) -> Any:
    """Write the framework with the mistakes into the collection and open it: its path, its
    text, its URI and the diagnostics published for it."""
    path = collection / "officers.yaml"
    bad = with_mistakes(BUNDLED.read_text(encoding="utf-8"))
    path.write_text(bad, encoding="utf-8")
    uri, diagnostics = await open_file(client, path)
    return path, bad, uri, diagnostics


async def change(client: LanguageClient, uri: str, version: int, text: str) -> Any:
    since = mark(client)
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await published(client, uri, version, since)


def at(text: str, needle: str, shift: int = 0) -> lsp.Position:
    """The UTF-16 position of the first ``needle`` in ``text`` (plus ``shift`` characters)."""
    offset = text.index(needle) + shift
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return lsp.Position(line, utf16(text[start:offset]))


def apply_edit(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply TextEdits (UTF-16 positions) to a text with LF line ends."""
    lines = text.split("\n")

    def offset(pos: lsp.Position) -> int:
        line = lines[pos.line]
        count = units = 0
        while units < pos.character:
            units += utf16(line[count])
            count += 1
        return sum(len(x) + 1 for x in lines[: pos.line]) + count

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def edits_of(action: lsp.CodeAction) -> list[lsp.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        return [e for change in action.edit.document_changes for e in change.edits]
    assert action.edit.changes is not None
    return [e for edits in action.edit.changes.values() for e in edits]


# -- diagnostics -----------------------------------------------------------------------------------


async def test_open_gives_lints_diagnostics_and_a_fix_makes_them_go(
    client: LanguageClient, collection: Path
) -> None:
    path = collection / "officers.yaml"
    bad = with_mistakes(BUNDLED.read_text(encoding="utf-8"))
    path.write_text(bad, encoding="utf-8")
    want = expected(path)
    assert {w[2] for w in want} >= {"SF201", "SF302", "SF505", "SF508"}
    assert all(w[5] and w[5].startswith("https://") for w in want)  # each links to its rule
    uri, diagnostics = await open_file(client, path)
    assert got(diagnostics) == want
    assert all(d.source == "skillframe" for d in diagnostics)
    # the doubled space after the emoji: its column counts the emoji as two UTF-16 units
    line = bad.split("\n")[want[[w[2] for w in want].index("SF508")][0]]
    sf508 = next(d for d in diagnostics if d.code == "SF508")
    doubled = line.index("travelers  ") + len("travelers")
    assert "🛂" in line[:doubled]
    assert sf508.range.start.character == utf16(line[:doubled]) == len(line[:doubled]) + 1
    # the citation's range covers the misspelt id exactly
    sf201 = next(d for d in diagnostics if d.code == "SF201")
    text_line = bad.split("\n")[sf201.range.start.line]
    assert text_line[sf201.range.start.character : sf201.range.end.character] == "pathsmth"

    good = BUNDLED.read_text(encoding="utf-8")
    path.write_text(good, encoding="utf-8")
    assert list(await change(client, uri, 2, good)) == [] == lint_json(path)


async def test_positions_in_utf8_when_the_client_prefers_it(
    neovim: LanguageClient, collection: Path
) -> None:
    path = collection / "officers.yaml"
    path.write_text(with_mistakes(BUNDLED.read_text(encoding="utf-8")), encoding="utf-8")
    _, diagnostics = await open_file(neovim, path)
    assert got(diagnostics) == expected(path, units=lambda s: len(s.encode("utf-8")))


async def test_sources_and_taxonomy_files_are_checked(
    client: LanguageClient, collection: Path
) -> None:
    sources = collection / "sources.yaml"
    text = sources.read_text(encoding="utf-8").replace("    type: paper\n", "    type: paperr\n")
    sources.write_text(text, encoding="utf-8")
    _, diagnostics = await open_file(client, sources)
    assert got(diagnostics) == expected(sources) != []
    taxonomy = collection / "taxonomies" / "durable-skills.yaml"
    text = taxonomy.read_text(encoding="utf-8").replace("title: Durable", "titel: Durable")
    taxonomy.write_text(text, encoding="utf-8")
    _, diagnostics = await open_file(client, taxonomy)
    assert got(diagnostics) == expected(taxonomy) != []


async def test_a_change_to_sources_rechecks_the_open_frameworks_that_use_it(
    client: LanguageClient, collection: Path
) -> None:
    framework = collection / "officers.yaml"
    text = BUNDLED.read_text(encoding="utf-8").replace("cite: [pathsmith]", "cite: [esco]", 1)
    framework.write_text(text, encoding="utf-8")
    framework_uri, diagnostics = await open_file(client, framework)
    assert [d.code for d in diagnostics] == ["SF201"]
    sources = collection / "sources.yaml"
    sources_uri, _ = await open_file(client, sources)
    since = mark(client)
    added = sources.read_text(encoding="utf-8") + (
        "  esco:\n    title: ESCO\n    type: taxonomy\n    url: https://esco.ec.europa.eu\n"
    )
    await change(client, sources_uri, 2, added)  # not saved: the editor's text counts
    assert await settles(client, framework_uri, since, []) == []
    since = mark(client)
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri=sources_uri))
    )  # closed without saving: back to the file on disk
    assert await settles(client, framework_uri, since, ["SF201"]) == ["SF201"]
    [watch] = client.registrations  # type: ignore[attr-defined]
    assert watch.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    sources.write_text(added, encoding="utf-8")  # saved by another program: the editor says so
    since = mark(client)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=sources_uri, type=lsp.FileChangeType.Changed)]
        )
    )
    assert await settles(client, framework_uri, since, []) == []


async def test_a_configuration_problem_is_a_diagnostic(
    client: LanguageClient, collection: Path
) -> None:
    (collection / "skillframe.toml").write_text('sources = "nowhere.yaml"\n', encoding="utf-8")
    path = collection / "officers.yaml"
    shutil.copy(BUNDLED, path)
    _, diagnostics = await open_file(client, path)
    assert len(diagnostics) == 1
    assert "nowhere.yaml" in diagnostics[0].message
    assert "does not exist" in diagnostics[0].message


# -- hover, completion, definition -----------------------------------------------------------------


async def test_hover(client: LanguageClient, collection: Path) -> None:
    path = collection / "officers.yaml"
    shutil.copy(BUNDLED, path)
    text = path.read_text(encoding="utf-8")
    uri, _ = await open_file(client, path)
    document = lsp.TextDocumentIdentifier(uri=uri)

    async def hover(position: lsp.Position) -> str:
        result = await client.text_document_hover_async(lsp.HoverParams(document, position))
        assert result is not None
        assert isinstance(result.contents, lsp.MarkupContent)
        return result.contents.value

    citation = await hover(at(text, "          - source: onet\n", 20))
    assert citation.startswith("**O\\*NET 30.2 Database**")
    for fact in ("dataset", "2025", "<https://www.onetcenter.org>", "a shared source"):
        assert fact in citation
    anchor = await hover(at(text, "anchors: [onet-task-9455]", 12))
    assert "O\\*NET task 9455 (33-3051.04 Customs and Border Protection Officers)" in anchor
    wording = next(
        line.split("\t")[3]
        for line in next((collection / "data").glob("*.tsv")).read_text().splitlines()
        if line.split("\t")[2] == "9455"
    )
    assert f"> {wording}" in anchor
    level = await hover(at(text, "level: foundational", 8))
    assert level.startswith("**Foundational** `foundational`")
    assert "level 1 of 4, lowest first" in level
    assert "Works under direct supervision on routine cases" in level
    domain = await hover(at(text, "  - id: communication", 10))
    assert domain.startswith("**Communication** `communication`")
    assert "Exchanges information clearly with travelers" in domain
    assert "a domain of the taxonomy durable-skills" in domain
    # nothing to say on a statement's text
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(document, at(text, "states inspection", 3))
    )
    assert nothing is None


async def test_completion(client: LanguageClient, collection: Path) -> None:
    path = collection / "officers.yaml"
    shutil.copy(BUNDLED, path)
    uri, _ = await open_file(client, path)
    document = lsp.TextDocumentIdentifier(uri=uri)
    text = path.read_text(encoding="utf-8")

    async def labels(new: str, needle: str) -> list[str]:
        """The labels offered at the end of the first ``needle`` (it ends the line)."""
        await change(client, uri, 2 + labels.count, new)  # type: ignore[attr-defined]
        labels.count += 1  # type: ignore[attr-defined]
        result = await client.text_document_completion_async(
            lsp.CompletionParams(document, at(new, needle + "\n", len(needle)))
        )
        assert isinstance(result, lsp.CompletionList)
        return [item.label for item in result.items]

    labels.count = 0  # type: ignore[attr-defined]
    sources = ["aei", "onet", "pathsmith", "safi", "skillscrosswalk", "wef-skills-taxonomy"]
    typing = text.replace("cite: [pathsmith]", "cite: [pathsmith, ", 1)  # does not parse yet
    assert await labels(typing, "cite: [pathsmith, ") == sources
    typing = text.replace("          - pathsmith\n", "          - pathsmith\n          - o\n", 1)
    assert await labels(typing, "          - o") == sources
    typing = text.replace("level: intermediate", "level: ", 1)
    assert await labels(typing, "level: ") == ["foundational", "intermediate", "advanced", "expert"]
    typing = text.replace("anchors: [onet-task-9455]", "anchors: [onet-task-9455, onet", 1)
    anchors = await labels(typing, "anchors: [onet-task-9455, onet")
    assert anchors[:2] == ["onet-task-9450", "onet-task-9451"]
    assert len(anchors) == len(re.findall(r"(?m)^  - id: onet-task-\d+$", text))
    typing = text.replace("taxonomy: durable-skills", "taxonomy: d", 1)
    assert await labels(typing, "taxonomy: d") == ["durable-skills"]
    typing = text.replace("  - id: communication\n", "  - id: \n", 1)
    assert await labels(typing, "  - id: ") == ["communication"]


async def test_definition(client: LanguageClient, collection: Path) -> None:
    path = collection / "officers.yaml"
    shutil.copy(BUNDLED, path)
    uri, _ = await open_file(client, path)
    document = lsp.TextDocumentIdentifier(uri=uri)
    text = path.read_text(encoding="utf-8")

    async def definition(position: lsp.Position) -> lsp.Location:
        found = await client.text_document_definition_async(
            lsp.DefinitionParams(document, position)
        )
        assert isinstance(found, lsp.Location)
        return found

    sources = (collection / "sources.yaml").read_text(encoding="utf-8")
    found = await definition(at(text, "cite: [pathsmith]", 9))
    assert found.uri == from_fs_path(str(collection / "sources.yaml"))
    assert found.range.start == at(sources, "  pathsmith:\n", 2)
    found = await definition(at(text, "anchors: [onet-task-9455]", 12))
    assert found.uri == uri
    assert found.range.start == at(text, "  - id: onet-task-9455\n", 8)
    found = await definition(at(text, "level: advanced", 9))
    assert found.range.start == at(text, "  - id: advanced\n", 8)
    found = await definition(at(text, "taxonomy: durable-skills", 12))
    assert found.uri == from_fs_path(str(collection / "taxonomies" / "durable-skills.yaml"))


async def test_a_framework_source_is_defined_in_the_framework(
    client: LanguageClient, collection: Path
) -> None:
    path = collection / "officers.yaml"
    text = BUNDLED.read_text(encoding="utf-8").replace("cite: [pathsmith]", "cite: [local]", 1)
    text = text.replace(
        "\nanchors:\n",
        "\nsources:\n  local: {title: Local notes, type: website, url: 'https://example.org'}\nanchors:\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    uri, diagnostics = await open_file(client, path)
    assert list(diagnostics) == []
    found = await client.text_document_definition_async(
        lsp.DefinitionParams(lsp.TextDocumentIdentifier(uri=uri), at(text, "cite: [local]", 8))
    )
    assert isinstance(found, lsp.Location)
    assert found.uri == uri
    assert found.range.start == at(text, "  local: {", 2)


# -- code actions ----------------------------------------------------------------------------------


async def code_actions(
    client: LanguageClient, uri: str, diagnostics: list[lsp.Diagnostic], where: lsp.Range
) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri=uri),
            where,
            lsp.CodeActionContext(diagnostics=diagnostics),
        )
    )
    assert found is not None
    return [a for a in found if isinstance(a, lsp.CodeAction)]


async def test_did_you_mean_replacements(client: LanguageClient, collection: Path) -> None:
    _, bad, uri, diagnostics = await open_with_mistakes(client, collection)
    for code, wrong, right in (("SF201", "pathsmth", "pathsmith"), ("SF302", "expret", "expert")):
        diagnostic = next(d for d in diagnostics if d.code == code)
        actions = await code_actions(client, uri, [diagnostic], diagnostic.range)
        action = next(a for a in actions if a.title == f"Replace '{wrong}' with '{right}'")
        assert action.kind == lsp.CodeActionKind.QuickFix
        assert action.is_preferred
        fixed = apply_edit(bad, edits_of(action))
        assert fixed == bad.replace(f"- {wrong}\n", f"- {right}\n").replace(
            f"level: {wrong}", f"level: {right}"
        )
    # a misspelt key
    typo = bad.replace(
        "    description: >-\n      Exchanges", "    descripton: >-\n      Exchanges"
    )
    diagnostics = await change(client, uri, 2, typo)
    [key] = [d for d in diagnostics if d.code == "SF102"]
    assert key.message.endswith("did you mean 'description'?")
    [action] = [a for a in await code_actions(client, uri, [key], key.range) if a.edit]
    assert apply_edit(typo, edits_of(action)) == bad


async def test_safe_fixes_are_what_lint_fix_writes(
    client: LanguageClient, collection: Path
) -> None:
    path, bad, uri, diagnostics = await open_with_mistakes(client, collection)
    period = next(d for d in diagnostics if d.code == "SF505")
    actions = await code_actions(client, uri, [period], period.range)
    one = next(a for a in actions if a.kind == lsp.CodeActionKind.QuickFix)
    assert one.title == "Fix SF505: removed the title's final period"
    assert one.edit is None  # this client asks for the edit when the writer picks the fix
    one = await client.code_action_resolve_async(one)
    assert apply_edit(bad, edits_of(one)) == bad.replace(
        "traveler directions.\n", "traveler directions\n"
    )

    every = next(a for a in actions if a.kind == "source.fixAll.skillframe")
    every = await client.code_action_resolve_async(every)
    fixed_in_editor = apply_edit(bad, edits_of(every))
    result = CliRunner().invoke(app, ["lint", "--fix", str(path)])
    assert "SF505 fixed" in result.output and "SF508 fixed" in result.output
    assert fixed_in_editor == path.read_text(encoding="utf-8") != bad


async def test_a_sources_file_gets_its_fixes_too(client: LanguageClient, collection: Path) -> None:
    sources = collection / "sources.yaml"
    bad = sources.read_text(encoding="utf-8").replace('date: "2026-03-24"', "date: 2026-03-24")
    sources.write_text(bad, encoding="utf-8")
    uri, diagnostics = await open_file(client, sources)
    assert got(diagnostics) == expected(sources)
    [date] = [d for d in diagnostics if d.code == "SF107"]
    actions = await code_actions(client, uri, [date], date.range)
    [one] = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
    one = await client.code_action_resolve_async(one)
    CliRunner().invoke(app, ["lint", "--fix", str(sources)])
    assert apply_edit(bad, edits_of(one)) == sources.read_text(encoding="utf-8") != bad


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def eager(lsp_client: LanguageClient) -> Any:
    """A client that cannot ask for a code action's edit later (Neovim 0.10 without it)."""
    caps = capabilities("neovim@v0.10.0")
    assert caps.text_document and caps.text_document.code_action
    caps.text_document.code_action.resolve_support = None
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=caps))
    yield
    await lsp_client.shutdown_session()


async def test_fixes_come_with_their_edit_for_a_client_that_does_not_resolve(
    eager: LanguageClient, collection: Path
) -> None:
    path, bad, uri, diagnostics = await open_with_mistakes(eager, collection)
    period = next(d for d in diagnostics if d.code == "SF505")
    actions = await code_actions(eager, uri, [period], period.range)
    one = next(a for a in actions if a.kind == lsp.CodeActionKind.QuickFix)
    assert one.edit is not None and one.edit.changes is not None  # no versioned edits here
    assert apply_edit(bad, edits_of(one)) == bad.replace(
        "traveler directions.\n", "traveler directions\n"
    )
    assert not any(a.kind == "source.fixAll.skillframe" for a in actions)
    found = await eager.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri=uri),
            period.range,
            lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceFixAll]),
        )
    )
    assert found is not None
    [every] = found
    assert isinstance(every, lsp.CodeAction) and every.kind == "source.fixAll.skillframe"
    CliRunner().invoke(app, ["lint", "--fix", str(path)])
    assert apply_edit(bad, edits_of(every)) == path.read_text(encoding="utf-8") != bad


# -- a broken file never kills the server ------------------------------------------------------------

BROKEN = [
    "schema: skillframe/framework@1\nid: [unclosed\n",
    "schema: skillframe/framework@1\n\tid: tab\n",
    "\x00\x01 binary",
    "",
    "- just\n- a list\n",
    "schema: skillframe/framework@1\nid: !!python/object:os.system x\n",
    "a: &a [*a, *a]\nb: &b [*a, *a, *a]\n" + "[" * 2000,
    "schema: skillframe/framework@1\nlevels: {}\ndomains: 7\n",
    "schema: skillframe/framework@1\ncite: 'it''s\n\u2028 😀 \r\n",
]


async def test_a_broken_file_never_kills_the_server(
    client: LanguageClient, collection: Path
) -> None:
    path = collection / "broken.yaml"
    uri, _ = await open_file(client, path, BROKEN[0])
    document = lsp.TextDocumentIdentifier(uri=uri)
    for version, text in enumerate(BROKEN, 2):
        diagnostics = await change(client, uri, version, text)
        assert isinstance(diagnostics, (list, tuple))
        for line in range(3):
            for character in (0, 3, 200):
                where = lsp.Position(line, character)
                await client.text_document_hover_async(lsp.HoverParams(document, where))
                await client.text_document_completion_async(lsp.CompletionParams(document, where))
                await client.text_document_definition_async(lsp.DefinitionParams(document, where))
                await code_actions(client, uri, list(diagnostics), lsp.Range(where, where))
    # still serving: a good framework opened afterwards is checked as lint checks it
    good = collection / "officers.yaml"
    shutil.copy(BUNDLED, good)
    _, diagnostics = await open_file(client, good)
    assert got(diagnostics) == expected(good) == []
