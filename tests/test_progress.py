"""The progress bar is shown to a person at a terminal, and never in pipes or machine formats."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.commands.progress import MIN_FILES, show_progress, tracker

from .conftest import FIXTURES


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


TTY = (Terminal(), Terminal())
ENV = {"TERM": "xterm-256color"}


def test_shown_on_a_terminal_for_many_files_in_a_format_for_people() -> None:
    assert show_progress(MIN_FILES, machine_readable=False, streams=TTY, environ=ENV)
    assert show_progress(5000, machine_readable=False, streams=TTY, environ={})


@pytest.mark.parametrize(
    "total,machine,streams,env",
    [
        (MIN_FILES - 1, False, TTY, ENV),  # too few files to be worth a bar
        (100, True, TTY, ENV),  # json, github, sarif
        (100, False, (io.StringIO(), Terminal()), ENV),  # stdout piped or redirected
        (100, False, (Terminal(), io.StringIO()), ENV),  # stderr redirected
        (100, False, (Terminal(), Closed()), ENV),
        (100, False, (Terminal(), object()), ENV),  # a stream with no isatty
        (100, False, TTY, {"TERM": "dumb"}),
    ],
)
def test_not_shown(
    total: int, machine: bool, streams: tuple[object, ...], env: dict[str, str]
) -> None:
    assert not show_progress(total, machine, streams=streams, environ=env)


def test_tracker_gives_no_callback_when_not_shown() -> None:
    # Under pytest stdout and stderr are not terminals.
    with tracker(500, "Linting", machine_readable=False) as advance:
        assert advance is None


def test_tracker_draws_on_stderr_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    out, err = Terminal(), Terminal()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setenv("TERM", "xterm")
    with tracker(MIN_FILES, "Linting", machine_readable=False) as advance:
        assert advance is not None
        advance(MIN_FILES)
    assert "Linting" in err.getvalue()
    assert f"{MIN_FILES}/{MIN_FILES}\x1b[0m files" in err.getvalue()
    assert err.getvalue().endswith("\x1b[2K")  # the bar is cleared at the end
    assert out.getvalue() == ""


def test_lint_writes_nothing_extra_when_not_on_a_terminal(tmp_path: Path) -> None:
    minimal = (FIXTURES / "valid" / "minimal.yaml").read_text()
    for number in range(MIN_FILES + 2):
        (tmp_path / f"fw-{number}.yaml").write_text(minimal)
    (tmp_path / "sources.yaml").write_bytes((FIXTURES / "shared" / "sources.yaml").read_bytes())
    for fmt in ("text", "json"):
        result = CliRunner().invoke(app, ["lint", "-j", "1", "--format", fmt, str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        assert "Linting" not in result.stdout
