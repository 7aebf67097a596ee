"""Writing generated files: atomically, and never over a file we did not write.

An output file that already exists is replaced only when the new text is different and the old
file is ours to replace (the caller decides what that means for its format) or ``force`` is set.
Writes go through :mod:`skillframe.transaction`: locked, atomic, through a symbolic link to its
target, keeping the owner and permission bits; an output that is a device or a FIFO is refused
before it is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skillframe.errors import SkillframeError
from skillframe.transaction import refuse_special, transaction


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
    status = refuse_special(path, str(path))
    if status is None:
        return Planned(path, text, True)
    existing = _existing_text(path, status.st_size, len(text.encode("utf-8")))
    if existing == text:
        return Planned(path, text, False)
    if not force and (existing is None or not ours(existing, text)):
        raise SkillframeError(
            f"'{path}' exists {refusal}",
            exit_code=1,
        )
    return Planned(path, text, True)


def _existing_text(path: Path, size: int, wanted: int) -> str | None:
    """The text of an existing output, None when it is not UTF-8 text; a file far larger than
    what would be written is only read far enough to tell whether it is ours."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(min(size, max(wanted * 2, 1 << 20)))
    except OSError as exc:
        raise SkillframeError(f"cannot read '{path}': {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def write(path: Path, text: str) -> list[str]:
    """Write ``text`` (UTF-8) to ``path`` through the one write transaction (locked, links
    followed, atomic, owner and mode kept); returns notes for the user."""
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise SkillframeError(f"cannot write '{path}': {exc.strerror or exc}") from None
    with transaction(path, str(path)) as held:
        held.write(text.encode("utf-8"))
    return held.notes
