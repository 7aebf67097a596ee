"""An edit never loses a byte it was not asked to change, and a refused or failed edit leaves the
file byte-identical: refusals, dry runs, --force, line endings, modes, locks, crashes and many
writers at once."""

from __future__ import annotations

import multiprocessing
import os
import shlex
import signal
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skillframe import edit, operations
from skillframe.errors import SkillframeError
from skillframe.transaction import transaction

from .conftest import BUNDLED, FRAMEWORKS
from .edit_support import errors, invoke, workspace

ADD = [
    "statement",
    "add",
    "usual.yaml",
    "--domain",
    "communication",
    "--level",
    "intermediate",
    "--title",
    "Tug instructions",
    "--text",
    "gives the tug masters clear instructions.",
]


@pytest.fixture
def usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = workspace(tmp_path, "usual.yaml", "compact.yaml", "broken.yaml")
    monkeypatch.chdir(folder)
    return folder / "usual.yaml"


# -- refusals ----------------------------------------------------------------------------------

REFUSALS = [
    (
        "undeclared level",
        [*ADD[:5], "--level", "proficient", *ADD[7:], "--cite", "pathsmith"],
        1,
        "edit refused: it would add an error; the file is unchanged (--force writes it anyway)",
        "SF302 error: level 'proficient' is not one of the declared levels",
    ),
    (
        "unknown source",
        [*ADD, "--cite", "pathsmth"],
        1,
        "edit refused: it would add an error; the file is unchanged (--force writes it anyway)",
        "SF201 error: citation 'pathsmth' names no known source; did you mean 'pathsmith'?",
    ),
    (
        "no citation left",
        ["cite", "rm", "usual.yaml", "clear-radio-calls", "pathsmith"],
        1,
        "edit refused: it would add an error; the file is unchanged (--force writes it anyway)",
        "'cite' must have at least one item",
    ),
    (
        "unknown statement id",
        ["statement", "edit", "usual.yaml", "bridge-briefing", "--title", "Briefings"],
        2,
        "no statement 'bridge-briefing' in this framework; did you mean 'bridge-briefings'?",
        "",
    ),
    (
        "unknown domain",
        [*ADD[:3], "--domain", "comms", *ADD[5:], "--cite", "pathsmith"],
        2,
        "no domain 'comms' in this framework",
        "",
    ),
    (
        "a level still used",
        ["level", "rm", "usual.yaml", "expert"],
        1,
        "level 'expert' is used by 2 statements",
        "--force",
    ),
    (
        "a taxonomy domain renamed",
        ["domain", "rename", "usual.yaml", "fortitude", "resilience"],
        1,
        "edit refused: it would add an error; the file is unchanged (--force writes it anyway)",
        "SF304",
    ),
    (
        "a bad new id",
        ["statement", "edit", "usual.yaml", "bridge-briefings", "--id", "Bridge Briefings"],
        2,
        "statement id 'Bridge Briefings' is not a valid id",
        "bridge-briefings",
    ),
]


@pytest.mark.parametrize(
    ("args", "code", "start", "contains"),
    [r[1:] for r in REFUSALS],
    ids=[r[0] for r in REFUSALS],
)
def test_refused_edit_leaves_the_file_byte_identical(
    usual: Path, args: list[str], code: int, start: str, contains: str
) -> None:
    before = usual.read_bytes()
    result = invoke(*args)
    assert result.exit_code == code
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"skillframe: error: {start}")
    if start.startswith("edit refused"):
        # The error the edit adds, at its line of the text that was not written, quoted.
        assert lines[1].startswith("usual.yaml:"), result.stderr
        assert "(a line of the edited text, which was not written)" in lines[1]
        assert contains in lines[1]
        assert lines[2].startswith(" ") and " | " in lines[2]
        assert lines[3].strip().endswith("^")
    else:
        assert len(lines) == 1, result.stderr
        assert contains in lines[0]
    assert usual.read_bytes() == before


def test_a_file_that_does_not_parse_is_refused_with_the_syntax_error(usual: Path) -> None:
    broken = usual.parent / "broken.yaml"
    before = broken.read_bytes()
    result = invoke("level", "add", "broken.yaml", "expert")
    assert result.exit_code == 1
    assert result.stderr == (
        "skillframe: error: broken.yaml:7:23: SF001 YAML syntax error: the text of 'name' holds "
        "': ', which YAML reads as the start of another key: put the whole text in quotes: "
        "name: 'Foundational: the first level'; fix this first (the file is unchanged)\n"
    )
    assert broken.read_bytes() == before


def test_a_sources_file_is_not_a_framework(usual: Path) -> None:
    result = invoke(*ADD[:2], "shared/sources.yaml", *ADD[3:], "--cite", "pathsmith")
    assert result.exit_code == 2
    assert result.stderr == (
        "skillframe: error: 'shared/sources.yaml' is a sources file; this command edits a "
        "framework file\n"
    )


# -- dry run and force ---------------------------------------------------------------------------


def test_dry_run_prints_the_diff_and_writes_nothing(usual: Path) -> None:
    before = usual.read_bytes()
    result = invoke(
        "statement",
        "edit",
        "usual.yaml",
        "fatigue-programme",
        "--title",
        "Rest programme",
        "--dry-run",
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "--- a/usual.yaml\n"
        "+++ b/usual.yaml\n"
        "@@ -85,7 +85,7 @@\n"
        "         cite: [pathsmith]\n"
        "       - id: fatigue-programme\n"
        "         level: expert\n"
        "-        title: Fatigue programme\n"
        "+        title: Rest programme\n"
        "         text: >-\n"
        "           designs the pilotage service's fatigue and recovery programme and checks that rosters\n"
        "           follow it.\n"
    )
    assert usual.read_bytes() == before


def test_dry_run_of_a_refused_edit_is_refused_too(usual: Path) -> None:
    result = invoke(*ADD, "--cite", "nowhere", "--dry-run")
    assert result.exit_code == 1
    assert "SF201" in result.stderr


def test_force_writes_and_lists_the_errors_it_adds(usual: Path) -> None:
    result = invoke(*ADD, "--cite", "nowhere", "--force")
    assert result.exit_code == 0
    assert result.stdout == "tug-instructions\n"
    assert result.stderr.splitlines()[0] == (
        "skillframe: warning: --force: this edit added 1 error to usual.yaml:"
    )
    assert "SF201 error: citation 'nowhere' names no known source" in result.stderr
    assert [e.split(" ")[1] for e in errors(usual)] == ["SF201"]


def test_an_edit_of_a_file_with_errors_is_allowed_if_it_adds_none(usual: Path) -> None:
    invoke(*ADD, "--cite", "nowhere", "--force")
    result = invoke("statement", "edit", "usual.yaml", "fatigue-programme", "--title", "Rest")
    assert result.exit_code == 0, result.output
    # The error that was there is still the only one; moving it does not count as new.
    result = invoke("statement", "move", "usual.yaml", "tug-instructions", "--domain", "fortitude")
    assert result.exit_code == 0, result.output
    assert [e.split(" ")[1] for e in errors(usual)] == ["SF201"]


def test_the_first_statements_of_a_new_framework_shrink_its_gaps(tmp_path: Path) -> None:
    folder = workspace(tmp_path)
    new = folder / "new.yaml"
    assert (
        invoke(
            "new", str(new), "--id", "x", "--title", "X", "--levels", "a,b", "--domains", "d"
        ).exit_code
        == 0
    )
    first = invoke(
        "statement",
        "add",
        str(new),
        "--domain",
        "d",
        "--level",
        "a",
        "--title",
        "One",
        "--text",
        "does one thing.",
        "--cite",
        "pathsmith",
    )
    assert first.exit_code == 0, first.output
    assert errors(new) == ["21:9: SF303 domain 'd' has no statement at level b"]


# -- bytes kept --------------------------------------------------------------------------------


def test_crlf_line_endings_and_a_bom_are_kept(usual: Path) -> None:
    text = usual.read_text(encoding="utf-8")
    usual.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = invoke(*ADD, "--cite", "pathsmith")
    assert result.exit_code == 0, result.output
    raw = usual.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n") == text.count("\n") + 6
    back = invoke("statement", "rm", "usual.yaml", "tug-instructions")
    assert back.exit_code == 0
    assert usual.read_bytes() == b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def test_a_file_without_a_final_newline_keeps_it_that_way(usual: Path) -> None:
    text = usual.read_text(encoding="utf-8").rstrip("\n")
    usual.write_text(text, encoding="utf-8")
    assert invoke("cite", "add", "usual.yaml", "fatigue-programme", "onet").exit_code == 0
    assert usual.read_text(encoding="utf-8") == text.replace(
        "[pathsmith]\n\n# Measured", "[pathsmith, onet]\n\n# Measured"
    )


def test_mode_bits_are_kept_and_a_link_stays_a_link(usual: Path) -> None:
    usual.chmod(0o640)
    link = usual.parent / "link.yaml"
    link.symlink_to(usual.name)
    result = invoke(*ADD[:2], "link.yaml", *ADD[3:], "--cite", "pathsmith")
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert stat.S_IMODE(usual.stat().st_mode) == 0o640
    assert b"tug-instructions" in usual.read_bytes()
    assert [p.name for p in usual.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_text_edit_changes_exactly_one_line_of_a_usual_file(tmp_path: Path) -> None:
    copy = tmp_path / BUNDLED.name
    copy.write_bytes(BUNDLED.read_bytes())
    (tmp_path / "sources.yaml").write_bytes((FRAMEWORKS / "sources.yaml").read_bytes())
    (tmp_path / "taxonomies").mkdir()
    taxonomy = FRAMEWORKS / "taxonomies" / "durable-skills.yaml"
    (tmp_path / "taxonomies" / taxonomy.name).write_bytes(taxonomy.read_bytes())
    before = copy.read_text(encoding="utf-8").splitlines()
    text = (
        "records key events, pending referrals and open seizures in the shift log using the "
        "required format so the incoming team can act on them at once."
    )
    result = edit.apply(copy, operations.edit_statement("shift-log-entries", text=text))
    assert result.written and result.spliced
    after = copy.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert changed == [
        (
            "          required format so the incoming team can act on them.",
            "          required format so the incoming team can act on them at once.",
        )
    ]


@pytest.mark.parametrize(
    ("fixture", "command"),
    [
        ("usual.yaml", ["--domain", "communication", "--level", "intermediate"]),
        ("usual.yaml", ["--domain", "fortitude", "--level", "expert"]),
        ("usual.yaml", ["--before", "clear-radio-calls", "--level", "foundational"]),
        ("usual.yaml", ["--after", "port-communication-standards", "--level", "expert"]),
        ("compact.yaml", ["--domain", "communication", "--level", "expert"]),
        ("compact.yaml", ["--domain", "fortitude", "--level", "expert"]),
        ("compact.yaml", ["--after", "steady-under-pressure", "--level", "foundational"]),
        ("wide.yaml", ["--domain", "fortitude", "--level", "foundational"]),
    ],
)
def test_add_then_remove_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: str, command: list[str]
) -> None:
    folder = workspace(tmp_path, fixture)
    monkeypatch.chdir(folder)
    original = (folder / fixture).read_bytes()
    added = invoke(
        "statement",
        "add",
        fixture,
        *command,
        "--title",
        "Added: then removed",
        "--text",
        "is added and removed again.",
        "--cite",
        "pathsmith",
        "--cite",
        "onet",
        "--locator",
        "onet=task 9450",
    )
    assert added.exit_code == 0, added.output
    assert (folder / fixture).read_bytes() != original
    removed = invoke("statement", "rm", fixture, added.stdout.strip())
    assert removed.exit_code == 0, removed.output
    assert (folder / fixture).read_bytes() == original


def test_other_add_then_remove_pairs_are_byte_identical(usual: Path) -> None:
    original = usual.read_bytes()
    pairs = [
        (
            "cite add usual.yaml clear-radio-calls onet --locator 'task 9450'",
            "cite rm usual.yaml clear-radio-calls onet",
        ),
        ("cite add usual.yaml fatigue-programme onet", "cite rm usual.yaml fatigue-programme onet"),
        ("domain add usual.yaml navigation", "domain rm usual.yaml navigation"),
        ("level add usual.yaml advanced --after intermediate", "level rm usual.yaml advanced"),
        ("level rename usual.yaml expert master", "level rename usual.yaml master expert"),
    ]
    for add, remove in pairs:
        assert invoke(*shlex.split(add)).exit_code == 0
        assert invoke(*shlex.split(remove)).exit_code == 0
        assert usual.read_bytes() == original, add


# -- crashes, locks and many writers -------------------------------------------------------------


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failure_in_the_middle_of_a_write_leaves_the_original(
    usual: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    before = usual.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, broken)
    result = invoke(*ADD, "--cite", "pathsmith")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr == (
        "skillframe: error: cannot write 'usual.yaml': No space left on device; "
        "the file is unchanged\n"
    )
    assert usual.read_bytes() == before
    assert sorted(p.name for p in usual.parent.iterdir() if p.name.startswith(".")) == []


def test_an_interrupt_during_a_write_leaves_the_original(
    usual: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = usual.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        edit.apply(usual, operations.remove_statement("plain-language-orders"))
    monkeypatch.undo()
    assert usual.read_bytes() == before
    assert [p.name for p in usual.parent.iterdir() if p.name.endswith(".tmp")] == []


def _holder(path: Path) -> subprocess.Popen[str]:
    """Another process that takes the file's lock and waits."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from skillframe.transaction import transaction\n"
        "with transaction(Path(sys.argv[1]), 'x'):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "locked\n"
    return process


def test_a_writer_waits_for_the_lock_and_gives_up_in_the_end(usual: Path) -> None:
    holder = _holder(usual)
    try:
        with (
            pytest.raises(SkillframeError) as caught,
            transaction(usual, "usual.yaml", timeout=0.3),
        ):
            pass
        assert str(caught.value) == (
            "another edit of 'usual.yaml' has held it for 0.3 seconds; try again"
        )
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_writer_does_not_block_the_next_one(usual: Path) -> None:
    holder = _holder(usual)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    result = edit.apply(usual, operations.remove_statement("plain-language-orders"))
    assert result.written


def _writer(path: str, n: int, start: Any, results: Any) -> None:
    """One `statement add` process: waits for the others, then runs the command."""
    start.wait()
    result = invoke(
        *shlex.split(f"statement add {path} --domain communication --level intermediate"),
        *("--title", f"Concurrent statement {n}", "--cite", "pathsmith"),
        *("--text", f"is statement number {n}, added at the same time as nine others."),
    )
    results.put((result.exit_code, result.stdout, result.stderr))


def test_ten_writers_at_once_all_land(usual: Path) -> None:
    # Forked processes (no start-up cost) released together, each running the command.
    assert errors(usual) == []  # warms what every process would otherwise load for itself
    context = multiprocessing.get_context("fork")
    start = context.Barrier(10)
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(str(usual), n, start, results)) for n in range(10)
    ]
    for process in processes:
        process.start()
    outputs = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=120)
    assert [code for code, _, _ in outputs] == [0] * 10, outputs
    assert sorted(out for _, out, _ in outputs) == sorted(
        f"concurrent-statement-{n}\n" for n in range(10)
    )
    text = usual.read_text(encoding="utf-8")
    assert all(f"id: concurrent-statement-{n}\n" in text for n in range(10))
    assert errors(usual) == []
