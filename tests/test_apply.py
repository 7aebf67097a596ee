"""``skillframe apply``: many editing commands, one load, one check, one write."""

from __future__ import annotations

from pathlib import Path

import pytest

from .edit_support import EDIT_FIXTURES, invoke, workspace


@pytest.fixture
def usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = workspace(tmp_path, "usual.yaml")
    monkeypatch.chdir(folder)
    return folder / "usual.yaml"


SCRIPT = """\
# two new statements, then a change to the first
statement add --domain communication --level foundational --title "Plain answers" --text "answers travelers' questions in plain language." --cite pathsmith

statement add --domain communication --level intermediate --title "Calm radio" --text "keeps radio calls short and clear." --cite pathsmith
statement edit plain-answers --title "Plain spoken answers"
"""

ADDED = """\
      - id: plain-answers
        level: foundational
        title: Plain spoken answers
        text: >-
          answers travelers' questions in plain language.
        cite: [pathsmith]
"""


def test_a_script_is_applied_as_one_edit(usual: Path) -> None:
    (usual.parent / "edits.txt").write_text(SCRIPT, encoding="utf-8")
    before = usual.read_text(encoding="utf-8")
    result = invoke("apply", "usual.yaml", "edits.txt")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "plain-answers\ncalm-radio\nplain-answers\n"
    assert result.stderr == "applied 3 edits to usual.yaml\n"
    after = usual.read_text(encoding="utf-8")
    assert ADDED in after
    # Every original line is still there, in order: only whole statements were added.
    kept = iter(after.splitlines(keepends=True))
    assert all(line in kept for line in before.splitlines(keepends=True))
    assert len(after.splitlines()) == len(before.splitlines()) + 12


def test_the_script_may_come_from_stdin_and_dry_run_prints_the_diff(usual: Path) -> None:
    before = usual.read_bytes()
    result = invoke("apply", "usual.yaml", "-", "--dry-run", input=SCRIPT)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("--- a/usual.yaml\n+++ b/usual.yaml\n")
    assert "+        title: Plain spoken answers\n" in result.stdout
    assert usual.read_bytes() == before


@pytest.mark.parametrize(
    ("script", "code", "message"),
    [
        (
            'statement add --domain nowhere --level foundational --title X --text "y." --cite pathsmith\n',
            2,
            "line 1: no domain 'nowhere' in this framework (there are: communication, fortitude)",
        ),
        (
            "statement rm plain-language-orders\n\n# then\nstatement rm plain-language-orders\n",
            2,
            "line 4: no statement 'plain-language-orders' in this framework (there are: "
            "clear-radio-calls, bridge-briefings,",
        ),
        (
            'statement edit plain-language-orders --title "Fine"\n'
            'statement add --domain communication --level foundational --title "Y y" '
            '--text "does y." --cite nosuch\n'
            'statement edit plain-language-orders --title "Fine again"\n',
            1,
            "line 2: edit refused: it would add an error; the file is unchanged",
        ),
        ("lint\n", 2, "line 1: 'lint' is not an editing command"),
        ("statement add --bogus\n", 2, "line 1: statement add: No such option: --bogus"),
        ('statement edit x --title "open\n', 2, "line 1: No closing quotation (check its quotes)"),
        ("statement rm x --dry-run\n", 2, "line 1: --dry-run is for the whole script"),
        ("# nothing\n\n", 2, "the script holds no editing command"),
        ("statement edit plain-language-orders\n", 2, "line 1: nothing to change: give --title"),
    ],
)
def test_a_batch_with_a_failing_line_is_refused_whole(
    usual: Path, script: str, code: int, message: str
) -> None:
    before = usual.read_bytes()
    result = invoke("apply", "usual.yaml", input=script)
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith(f"skillframe: error: {message}"), result.stderr
    assert usual.read_bytes() == before


def test_force_writes_a_batch_that_adds_errors_and_lists_them(usual: Path) -> None:
    script = (
        'statement add --domain communication --level foundational --title "Y y" '
        '--text "does y." --cite nosuch\n'
    )
    result = invoke("apply", "usual.yaml", "--force", input=script)
    assert result.exit_code == 0, result.stderr
    assert "skillframe: warning: --force: this edit added 1 error to usual.yaml:" in result.stderr
    assert "cite: [nosuch]" in usual.read_text(encoding="utf-8")


def test_a_batch_keeps_crlf_and_comments(usual: Path) -> None:
    crlf = usual.parent / "crlf.yaml"
    crlf.write_bytes((EDIT_FIXTURES / "usual.yaml").read_bytes().replace(b"\n", b"\r\n"))
    result = invoke(
        "apply",
        "crlf.yaml",
        input='statement add --domain fortitude --level foundational --title "Steady" '
        '--text "stays steady." --cite pathsmith\nstatement rm plain-language-orders\n',
    )
    assert result.exit_code == 0, result.stderr
    data = crlf.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"# the master-pilot exchange" in data
