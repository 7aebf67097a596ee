"""Broken and hostile input: a clear diagnostic or a one-line error, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillframe.app import app

from .conftest import FIXTURES

runner = CliRunner()
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
TYPO = FIXTURES / "invalid" / "SF302" / "typo.yaml"
TASKS = FIXTURES / "onet" / "task-statements.tsv"


def lint_json(*args: str) -> tuple[int, dict[str, object] | None, str]:
    result = runner.invoke(app, ["lint", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    payload = json.loads(result.stdout) if result.stdout else None
    return result.exit_code, payload, result.stderr


def positions(payload: dict[str, object] | None) -> list[tuple[object, ...]]:
    assert payload is not None
    diagnostics = payload["diagnostics"]
    assert isinstance(diagnostics, list)
    return [(d["line"], d["column"], d["code"]) for d in diagnostics]


@pytest.fixture
def shared_here(in_tmp: Path) -> Path:
    shutil.copy(FIXTURES / "skillframe.toml", in_tmp / "skillframe.toml")
    shutil.copytree(FIXTURES / "shared", in_tmp / "shared")
    return in_tmp


def test_bom_and_crlf_keep_positions(shared_here: Path) -> None:
    raw = TYPO.read_bytes()
    (shared_here / "plain.yaml").write_bytes(raw)
    (shared_here / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + raw)
    (shared_here / "crlf.yaml").write_bytes(raw.replace(b"\n", b"\r\n"))
    (shared_here / "both.yaml").write_bytes(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    (shared_here / "cr.yaml").write_bytes(raw.replace(b"\n", b"\r"))
    expected = positions(lint_json("plain.yaml")[1])
    assert expected == [(12, 9, "SF303"), (21, 16, "SF302")]
    for name in ("bom.yaml", "crlf.yaml", "both.yaml", "cr.yaml"):
        code, payload, _ = lint_json(name)
        assert code == 1
        assert positions(payload) == expected, name


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_are_named(in_tmp: Path, encoding: str) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    bom = "\ufeff" if encoding.endswith("-be") else ""
    (in_tmp / "wide.yaml").write_bytes((bom + text).encode(encoding))
    result = runner.invoke(app, ["lint", "--format", "json", "wide.yaml"])
    message = json.loads(result.stdout)["diagnostics"][0]["message"]
    name = "UTF-32" if "32" in encoding else "UTF-16"
    assert message == f"the file is {name}: save it as UTF-8"


def test_binary_file(in_tmp: Path) -> None:
    (in_tmp / "picture.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, payload, _ = lint_json("picture.yaml")
    assert code == 1
    assert positions(payload) == [(1, 1, "SF004")]


def test_folder_named_like_a_file_is_searched(shared_here: Path) -> None:
    folder = shared_here / "odd.yaml"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "inner.yaml")
    code, payload, _ = lint_json("odd.yaml")
    assert code == 0
    assert payload is not None and payload["files"] == 1


def test_unreadable_file(shared_here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(MINIMAL, shared_here / "secret.yaml")

    def refuse(*_: object, **__: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("skillframe.load.read_bytes", refuse)
    result = runner.invoke(app, ["lint", "secret.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "skillframe: error: cannot read 'secret.yaml': Permission denied\n"


def test_symlinks(shared_here: Path) -> None:
    shutil.copy(MINIMAL, shared_here / "real.yaml")
    (shared_here / "link.yaml").symlink_to("real.yaml")
    code, payload, _ = lint_json("link.yaml")
    assert code == 0 and payload is not None and payload["files"] == 1
    (shared_here / "dangling.yaml").symlink_to("nothing-here.yaml")
    result = runner.invoke(app, ["lint", "dangling.yaml"])
    assert result.exit_code == 2
    assert "link that points nowhere" in result.stderr
    # A folder that links to itself is not followed round and round.
    loop = shared_here / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(loop, target_is_directory=True)
    shutil.copy(MINIMAL, loop / "one.yaml")
    code, payload, _ = lint_json("loop")
    assert code == 0 and payload is not None and payload["files"] == 1


def test_named_pipe_is_refused_not_read(in_tmp: Path) -> None:
    os.mkfifo(in_tmp / "pipe.yaml")
    result = runner.invoke(app, ["lint", "pipe.yaml"])
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr


def test_limits_from_configuration(shared_here: Path) -> None:
    for name in ("a", "b", "c"):
        shutil.copy(MINIMAL, shared_here / f"{name}.yaml")
    config = shared_here / "skillframe.toml"
    config.write_text(config.read_text() + "max-files = 2\n")
    result = runner.invoke(app, ["lint", "."])
    assert result.exit_code == 2
    assert "more than 2 files" in result.stderr
    config.write_text(config.read_text().replace("max-files = 2", "max-file-size = 100"))
    code, payload, _ = lint_json("a.yaml")
    assert code == 1
    assert positions(payload) == [(1, 1, "SF008")]


def test_internal_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object, **__: object) -> object:
        raise ValueError("boom")

    monkeypatch.setattr("skillframe.lint.lint_paths", explode)
    result = runner.invoke(app, ["lint", str(MINIMAL)])
    assert result.exit_code == 2
    assert result.stderr.startswith("skillframe: internal error: ValueError: boom")
    assert "Traceback" not in result.stderr


#: Every command that reads a file the user names, with the file's place marked PIPE.
READING_COMMANDS = [
    ["lint", "PIPE"],
    ["fmt", "PIPE"],
    ["fmt", "--check", "PIPE"],
    ["export", "PIPE", "-f", "json"],
    ["stats", "PIPE"],
    ["diff", "PIPE", str(MINIMAL)],
    ["diff", str(MINIMAL), "PIPE"],
    ["exposure", "PIPE"],
    ["statement", "list", "PIPE"],
    ["statement", "show", "PIPE", "x"],
    ["statement", "rm", "PIPE", "x"],
    ["statement", "edit", "PIPE", "x", "--title", "New title"],
    ["statement", "move", "PIPE", "x", "--domain", "y"],
    [
        "statement",
        "add",
        "PIPE",
        "--domain",
        "d",
        "--level",
        "l",
        "--title",
        "T",
        "--text",
        "does a thing.",
        "--cite",
        "s",
    ],
    ["cite", "add", "PIPE", "x", "s"],
    ["cite", "rm", "PIPE", "x", "s"],
    ["source", "list", "PIPE"],
    [
        "source",
        "add",
        "PIPE",
        "new-source",
        "--title",
        "T",
        "--type",
        "website",
        "--url",
        "https://example.org",
    ],
    ["domain", "add", "PIPE", "new-domain", "--name", "New"],
    ["level", "add", "PIPE", "new-level", "--name", "New"],
    ["anchors", "import", "PIPE", "--soc", "33-3051.04", "--tasks", str(TASKS)],
    ["anchors", "import", "COPY", "--soc", "33-3051.04", "--tasks", "PIPE"],
    ["import", "csv", "PIPE"],
    ["import", "csv", str(FIXTURES / "valid" / "minimal.yaml"), "--base", "PIPE"],
    ["import", "case", "PIPE"],
]


@pytest.fixture
def no_hang() -> object:
    """Turn a command that blocks (reading a pipe no one writes to) into a failure, not a hang."""
    import signal

    def stop(*_: object) -> None:
        raise TimeoutError("the command blocked")

    previous = signal.signal(signal.SIGALRM, stop)
    yield None
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("command", READING_COMMANDS, ids=" ".join)
def test_every_command_refuses_a_pipe(in_tmp: Path, no_hang: object, command: list[str]) -> None:
    import signal

    os.mkfifo(in_tmp / "pipe.yaml")
    shutil.copy(MINIMAL, in_tmp / "copy.yaml")
    named = {"PIPE": str(in_tmp / "pipe.yaml"), "COPY": str(in_tmp / "copy.yaml")}
    args = [named.get(a, a) for a in command]
    signal.setitimer(signal.ITIMER_REAL, 5)
    result = runner.invoke(app, args)
    signal.setitimer(signal.ITIMER_REAL, 0)
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "not a regular file (a device, pipe or socket?)" in result.stderr
    assert "Traceback" not in result.stderr


SELF_REFERENCES = [
    "schema: skillframe/framework@1\nx: &a [*a]\n",
    "schema: skillframe/framework@1\nx: &a {k: *a}\n",
    MINIMAL.read_text(encoding="utf-8").replace(
        "cite: [pathsmith]\n      - id: communication-standards",
        "cite: [pathsmith]\n        tags: &t [a, *t]\n      - id: communication-standards",
    ),
]


@pytest.mark.parametrize("text", SELF_REFERENCES, ids=["list", "mapping", "statement tags"])
def test_an_alias_inside_what_it_names_is_refused_at_once(text: str, no_hang: object) -> None:
    import signal

    from skillframe.load import load_text

    signal.setitimer(signal.ITIMER_REAL, 5)
    doc = load_text(text, "loop.yaml")
    signal.setitimer(signal.ITIMER_REAL, 0)
    assert doc.data is None
    [problem] = doc.problems
    assert problem.code == "SF008"
    assert problem.message == (
        "an alias ('*name') inside the value its anchor ('&name') names: it would expand "
        "without end, so the file is refused"
    )
    assert (problem.line, problem.column) == ((2, 4) if "x:" in text else (20, 15))


@pytest.mark.parametrize(
    "command",
    [
        ["lint", "FILE"],
        ["fmt", "FILE"],
        ["export", "FILE", "-f", "json"],
        ["statement", "edit", "FILE", "plain-answers", "--title", "Plain replies"],
        ["statement", "list", "FILE"],
        ["stats", "FILE"],
    ],
    ids=" ".join,
)
def test_every_command_refuses_a_self_referential_alias(
    shared_here: Path, no_hang: object, command: list[str]
) -> None:
    import signal

    path = shared_here / "loop.yaml"
    path.write_text(SELF_REFERENCES[2], encoding="utf-8")
    signal.setitimer(signal.ITIMER_REAL, 5)
    result = runner.invoke(app, [str(path) if a == "FILE" else a for a in command])
    signal.setitimer(signal.ITIMER_REAL, 0)
    assert result.exit_code in (1, 2), (result.stdout, result.stderr, result.exception)
    assert "would expand without end" in result.stdout + result.stderr
    assert path.read_text(encoding="utf-8") == SELF_REFERENCES[2]


def test_the_node_limit_counts_what_aliases_add_not_the_file_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from skillframe import load

    monkeypatch.setattr(load, "MAX_NODES", 100)
    honest = "schema: skillframe/framework@1\nitems:\n" + "".join(
        f"  - {{id: i{n}, n: {n}}}\n" for n in range(60)
    )
    doc = load.load_text(honest, "big.yaml")
    assert doc.problems == [], "a file with no alias is never refused for its number of values"
    assert len(doc.data["items"]) == 60
    repeated = "schema: skillframe/framework@1\nbase: &b [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n" + (
        "more: [" + ", ".join(["*b"] * 11) + "]\n"
    )
    doc = load.load_text(repeated, "aliases.yaml")
    [problem] = doc.problems
    assert (problem.code, problem.line, problem.column) == ("SF008", 3, 7)
    assert problem.message == (
        "aliases ('*name') repeat values so often that the file would expand to more than 100 "
        "values beyond the ones it holds (aliases repeated inside aliases?): it is refused"
    )


YAML_1_1 = "%YAML 1.1\n---\n" + MINIMAL.read_text(encoding="utf-8").replace(
    "id: plain-answers", "id: yes"
)
DIRECTIVE_MESSAGE = (
    "SF001 the file asks for YAML 1.1 ('%YAML 1.1'): skillframe files are YAML 1.2, where "
    "yes, no, on and off are text; remove that line"
)


@pytest.mark.parametrize(
    "command",
    [
        ["lint", "FILE"],
        ["fmt", "FILE"],
        ["fmt", "--check", "FILE"],
        ["export", "FILE", "-f", "json"],
        ["statement", "edit", "FILE", "communication-standards", "--title", "Other standards"],
        ["statement", "edit", "FILE", "communication-standards", "--title", "Other", "--force"],
        ["statement", "list", "FILE"],
        ["stats", "FILE"],
    ],
    ids=" ".join,
)
def test_a_yaml_1_1_directive_is_refused_alike_by_every_command(
    shared_here: Path, command: list[str]
) -> None:
    path = shared_here / "old.yaml"
    path.write_text(YAML_1_1, encoding="utf-8")
    result = runner.invoke(app, ["old.yaml" if a == "FILE" else a for a in command])
    assert result.exit_code == 1, (result.stdout, result.stderr)
    said = result.stdout + result.stderr
    assert "old.yaml:1:1" in said and DIRECTIVE_MESSAGE.split(" ", 1)[1] in said
    assert path.read_text(encoding="utf-8") == YAML_1_1


def test_a_yaml_1_2_directive_is_read() -> None:
    from skillframe.load import load_text

    doc = load_text("%YAML 1.2\n---\n" + MINIMAL.read_text(encoding="utf-8"), "new.yaml")
    assert doc.problems == [] and doc.kind == "framework"
    plain = load_text("# %YAML 1.1 in a comment\n" + MINIMAL.read_text(encoding="utf-8"), "c")
    assert plain.problems == []


#: Runs the command line with Ctrl-C pressed the moment a named module starts being imported.
_INTERRUPTED = """
import builtins, os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal
real = builtins.__import__
module = sys.argv[1]
def importing(name, *args, **kwargs):
    if name == module:
        os.kill(os.getpid(), signal.SIGINT)
    return real(name, *args, **kwargs)
builtins.__import__ = importing
sys.argv = ["skillframe", *sys.argv[2:]]
from skillframe.__main__ import main
main()
"""


@pytest.mark.parametrize("module", ["typer", "skillframe.app", "ruamel.yaml", "rich.console"])
def test_ctrl_c_while_starting_prints_no_traceback(module: str) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, module, "stats", str(MINIMAL)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    # Interrupted while loading (our message) or once the command runs (the command line
    # machinery's own quiet exit): 130 either way, as shells expect after Ctrl-C.
    assert done.returncode == 130
    assert done.stderr.strip() in ("skillframe: interrupted", ""), done.stderr


@pytest.mark.parametrize(
    "command",
    [["stats", "FILE"], ["diff", str(MINIMAL), "FILE"], ["exposure", "FILE"], ["lint", "FILE"]],
    ids=" ".join,
)
def test_an_ascii_terminal_gets_text_not_an_internal_error(
    shared_here: Path, command: list[str]
) -> None:
    import subprocess
    import sys

    from .conftest import BUNDLED

    shutil.copy(BUNDLED, shared_here / "cbp.yaml")
    for name in ("sources.yaml", "taxonomies"):
        source = BUNDLED.parent / name
        if source.is_dir():
            shutil.copytree(source, shared_here / name, dirs_exist_ok=True)
        else:
            shutil.copy(source, shared_here / name)
    (shared_here / "skillframe.toml").unlink()
    args = ["cbp.yaml" if a == "FILE" else a for a in command]
    done = subprocess.run(
        [sys.executable, "-m", "skillframe", *args],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert b"internal error" not in done.stderr and b"Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout.decode("ascii")


@pytest.mark.parametrize("output_format", ["json", "sarif", "github", "text"])
def test_a_file_name_that_is_not_utf8_gives_valid_output(
    shared_here: Path, output_format: str
) -> None:
    import subprocess
    import sys

    name = os.fsdecode(b"caf\xff.yaml")
    (shared_here / name).write_text(
        MINIMAL.read_text(encoding="utf-8").replace("title: Plain answers", "title: Plain."),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "skillframe", "lint", "--format", output_format, "."],
        capture_output=True,
        cwd=shared_here,
        check=False,
    )
    assert done.returncode == 0, done.stderr  # a warning (SF505)
    out = done.stdout.decode("utf-8")  # strict: no raw byte 0xff
    # The byte is shown as the escape \xff (and that, percent-encoded, in a SARIF URI).
    if output_format == "json":
        assert json.loads(out)["diagnostics"][0]["path"] == "caf\\xff.yaml"
    elif output_format == "sarif":
        assert "caf%5Cxff.yaml" in json.dumps(json.loads(out))
    else:
        assert "caf\\xff.yaml" in out
