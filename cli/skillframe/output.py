"""Writing generated files: atomically, and never over a file we did not write.

An output file that already exists is replaced only when the new text is different and the old
file is ours to replace (the caller decides what that means for its format) or ``force`` is set.
Writes go to a temporary file in the same folder, are flushed to disk and renamed over the
target, so a reader never sees half a file; an existing file keeps its permission bits.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skillframe.errors import SkillframeError


@dataclass(frozen=True)
class Planned:
    """One file to write, and whether it changes anything."""

    path: Path
    text: str
    changed: bool


def plan(
    path: Path,
    text: str,
    *,
    force: bool,
    ours: Callable[[str, str], bool],
    refusal: str,
    protected: frozenset[Path] = frozenset(),
) -> Planned:
    """Check that ``text`` may be written to ``path``; raise SkillframeError (exit 1) if not.

    ``ours(existing, new)`` says whether an existing file is one this command wrote and may
    replace; ``refusal`` ends the message that refuses any other ("'path' exists <refusal>").
    Paths in ``protected`` (the inputs) are never written, even with ``force``.
    """
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path
    if resolved in protected:
        raise SkillframeError(f"'{path}' is one of the input files: write the output elsewhere")
    if path.is_dir():
        raise SkillframeError(f"'{path}' is a folder")
    if not path.exists():
        return Planned(path, text, True)
    try:
        existing = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        existing = None
    except OSError as exc:
        raise SkillframeError(f"cannot read '{path}': {exc.strerror or exc}") from None
    if existing == text:
        return Planned(path, text, False)
    if not force and (existing is None or not ours(existing, text)):
        raise SkillframeError(
            f"'{path}' exists {refusal}",
            exit_code=1,
        )
    return Planned(path, text, True)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step, keeping its permission bits."""
    folder = path.parent
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SkillframeError(f"cannot write '{path}': {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise SkillframeError(f"cannot write '{path}': {exc.strerror or exc}") from None


def _default_mode() -> int:
    """The permission bits a new file gets here: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
