"""The one write path: a lock that belongs to the file, writes through links, outputs that are
not files refused, owner and mode bits kept, hard links told, lock paths that cannot be used."""

from __future__ import annotations

import multiprocessing
import os
import shlex
import stat
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

from skillframe import edit, operations
from skillframe.errors import SkillframeError
from skillframe.transaction import lock_path, transaction

from .conftest import BUNDLED
from .edit_support import errors, invoke, workspace


@pytest.fixture
def usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = workspace(tmp_path, "usual.yaml")
    monkeypatch.chdir(folder)
    return folder / "usual.yaml"


def _add(path: str, n: int) -> list[str]:
    return [
        *shlex.split(f"statement add {path} --domain communication --level intermediate"),
        *("--title", f"Parallel statement {n}", "--cite", "pathsmith"),
        *("--text", f"is statement number {n}, added while others write the same file."),
    ]


def _writer(path: str, n: int, temp: str, start: Any, results: Any) -> None:
    """One `statement add` process with a temporary folder of its own."""
    os.environ["TMPDIR"] = temp
    tempfile.tempdir = None
    start.wait()
    result = invoke(*_add(path, n))
    results.put((result.exit_code, result.stderr))


def test_writers_with_different_temporary_folders_never_lose_an_update(
    usual: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assert errors(usual) == []  # warms what every process would otherwise load for itself
    temps = [str(tmp_path_factory.mktemp(f"tmp{n}")) for n in range(2)]
    context = multiprocessing.get_context("fork")
    count = 6
    start = context.Barrier(count)
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(str(usual), n, temps[n % 2], start, results))
        for n in range(count)
    ]
    for process in processes:
        process.start()
    outputs = [results.get(timeout=180) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert [code for code, _ in outputs] == [0] * count, outputs
    text = usual.read_text(encoding="utf-8")
    assert [n for n in range(count) if f"id: parallel-statement-{n}\n" not in text] == []
    # The lock lived beside the file, and was removed by its last holder.
    assert [p.name for p in usual.parent.iterdir() if p.name.endswith(".lock")] == []
    for temp in temps:
        assert list(Path(temp).iterdir()) == []


def test_the_lock_is_beside_the_real_file_and_is_removed(usual: Path) -> None:
    link = usual.parent / "link.yaml"
    link.symlink_to(usual.name)
    with transaction(link, "link.yaml") as held:
        assert held.target == usual.resolve()
        assert lock_path(held.target).exists()
        assert lock_path(held.target).parent == usual.parent.resolve()
    assert not lock_path(usual.resolve()).exists()


def test_a_lock_left_by_a_killed_writer_is_reused_and_removed(usual: Path) -> None:
    left = lock_path(usual.resolve())
    left.write_bytes(b"")
    result = edit.apply(usual, operations.remove_statement("plain-language-orders"))
    assert result.written
    assert not left.exists()


def test_two_holders_in_one_process_take_turns(usual: Path) -> None:
    order: list[str] = []
    inside = threading.Event()

    def second() -> None:
        inside.wait()
        with transaction(usual, "usual.yaml"):
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    with transaction(usual, "usual.yaml"):
        inside.set()
        thread.join(timeout=0.2)  # the second waits: it cannot be inside yet
        order.append("first")
    thread.join(timeout=30)
    assert order == ["first", "second"]


# -- outputs that are not regular files --------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/full", "/dev/zero", "/dev/null"])
def test_export_refuses_a_device_before_opening_it(in_tmp: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist on this system")
    result = invoke("export", str(BUNDLED), "--format", "json", "-o", device)
    assert result.exit_code == 2
    assert result.stderr == (
        f"skillframe: error: '{device}' is not a regular file (a device, pipe or socket?): "
        "nothing is read from it or written to it\n"
    )


def test_export_and_import_refuse_a_fifo_without_waiting(in_tmp: Path) -> None:
    fifo = in_tmp / "pipe.md"
    os.mkfifo(fifo)
    exported = invoke("export", str(BUNDLED), "--format", "md", "-o", str(fifo))
    assert exported.exit_code == 2
    assert "is not a regular file" in exported.stderr
    csv = in_tmp / "in.csv"
    csv.write_text(
        "domain,level,title,text,cite\n"
        "communication,foundational,Plain answers,answers questions plainly.,pathsmith\n",
        encoding="utf-8",
    )
    imported = invoke("import", "csv", str(csv), "-o", str(fifo))
    assert imported.exit_code == 2
    assert "is not a regular file" in imported.stderr


def test_export_into_a_symlink_writes_through_it(in_tmp: Path) -> None:
    target = in_tmp / "real.md"
    target.write_text("stale\n", encoding="utf-8")
    link = in_tmp / "link.md"
    link.symlink_to(target.name)
    result = invoke("export", str(BUNDLED), "--format", "md", "-o", str(link), "--force")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8").startswith("<!-- Generated by skillframe export")
    assert not [p for p in in_tmp.iterdir() if p.name.endswith((".tmp", ".lock"))]


# -- owner, mode bits, hard links ----------------------------------------------------------------


def test_setuid_and_setgid_bits_are_kept(usual: Path) -> None:
    usual.chmod(0o6755)
    if stat.S_IMODE(usual.stat().st_mode) != 0o6755:
        pytest.skip("this file system does not keep setuid/setgid bits")
    result = invoke("statement", "rm", "usual.yaml", "plain-language-orders")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(usual.stat().st_mode) == 0o6755


def test_a_hard_link_being_severed_is_said(usual: Path) -> None:
    other = usual.parent / "other-name.yaml"
    os.link(usual, other)
    before = other.read_bytes()
    result = invoke("statement", "rm", "usual.yaml", "plain-language-orders")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "skillframe: note: 'usual.yaml' had 1 other hard link: it is now a file of its own, and "
        "the other name keeps the old text\n"
    )
    assert other.read_bytes() == before
    assert usual.read_bytes() != before


# -- paths a lock cannot use: told in one line, never an internal error --------------------------


def test_a_file_name_that_is_not_utf8_is_edited(usual: Path) -> None:
    odd = os.fsencode(usual.parent) + b"/caf\xff.yaml"
    os.rename(usual, odd)
    name = os.fsdecode(odd)
    result = edit.apply(Path(name), operations.remove_statement("plain-language-orders"))
    assert result.written
    assert not Path(name).with_name(".caf\udcff.yaml.lock").exists()


def test_a_symlink_loop_is_told(usual: Path) -> None:
    loop = usual.parent / "loop.yaml"
    loop.symlink_to("loop.yaml")
    result = invoke("statement", "rm", "loop.yaml", "plain-language-orders")
    assert result.exit_code == 2
    assert result.stderr == "skillframe: error: 'loop.yaml' is a loop of symbolic links\n"


def test_a_lock_path_taken_by_a_folder_is_told(usual: Path) -> None:
    before = usual.read_bytes()
    lock_path(usual.resolve()).mkdir()
    result = invoke("statement", "rm", "usual.yaml", "plain-language-orders")
    assert result.exit_code == 2
    assert result.stderr == (
        "skillframe: error: 'usual.yaml' cannot be locked: its lock file '.usual.yaml.lock' is "
        "taken by something that is not a lock file (remove it)\n"
    )
    assert usual.read_bytes() == before


def test_a_lock_path_taken_by_a_link_is_told(usual: Path) -> None:
    before = usual.read_bytes()
    lock_path(usual.resolve()).symlink_to("elsewhere")
    result = invoke("statement", "rm", "usual.yaml", "plain-language-orders")
    assert result.exit_code == 2
    assert "cannot be locked" in result.stderr
    assert usual.read_bytes() == before
    assert not (usual.parent / "elsewhere").exists()


def test_new_refuses_a_device(in_tmp: Path) -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    with pytest.raises(SkillframeError) as caught, transaction(Path("/dev/null"), "/dev/null"):
        pass
    assert "is not a regular file" in str(caught.value)
