"""The one write path: every command that writes a file (edits, ``fmt``, ``new``, ``lint --fix``,
``import``, ``export -o``) goes through a :class:`Transaction`.

1. The path is followed to the real file (a symbolic link is written through, so it stays a
   link and its target gets the new text); a link loop or a name that cannot be a file is told
   in one line.
2. A lock that belongs to the file is held while it is read, changed, checked and written: an
   operating-system lock (``flock``) on a lock file beside it, ``.NAME.lock``. Every writer of
   the file finds the same lock whatever its environment (a temporary folder of its own
   included), the system releases it if its holder dies, and its holder removes it when done,
   so no lock files pile up. A writer still waiting after :data:`LOCK_TIMEOUT` gives up.
3. The write is atomic: a temporary file in the same folder, flushed and fsynced, renamed over
   the original, then the folder is fsynced. The original's owner and group are set before its
   mode bits (setting an owner clears setuid/setgid bits, so they are set after); a file with
   other hard links is severed from them, and the transaction says so (:attr:`notes`).
4. An output that exists but is not a regular file (a device such as ``/dev/full``, a FIFO, a
   socket) is refused before it is opened.

A transaction that fails or is refused leaves the file byte-identical.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from skillframe.errors import SkillframeError, UsageError

#: How long a writer waits for another writer of the same file before giving up (seconds).
LOCK_TIMEOUT = 60.0
#: How often a waiting writer tries the lock again (seconds).
_POLL = 0.02


def _unusable(exc: OSError | ValueError, display: str) -> UsageError:
    """Why a path cannot be used, in one line."""
    if isinstance(exc, ValueError):  # a NUL character in the name
        return UsageError(f"cannot use '{display}': the name holds a NUL character")
    if exc.errno == errno.ELOOP:
        return UsageError(f"'{display}' is a loop of symbolic links")
    if exc.errno == errno.ENOTDIR:
        return UsageError(f"'{display}': a part of the path is a file, not a folder")
    return UsageError(f"cannot use '{display}': {exc.strerror or exc}")


def real_path(path: Path, display: str) -> Path:
    """``path`` with every symbolic link followed: the file a write must change (for a link
    that points nowhere yet, the file it names)."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))
    except (OSError, ValueError) as exc:
        raise _unusable(exc, display) from None


def refuse_special(path: Path, display: str) -> os.stat_result | None:
    """The status of the file at ``path`` (links followed), None if there is none; refuse a
    path that exists and is not a regular file, before anything opens it."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise _unusable(exc, display) from None
    if stat.S_ISDIR(status.st_mode):
        raise UsageError(f"'{display}' is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise UsageError(
            f"'{display}' is not a regular file (a device, pipe or socket?): "
            "nothing is read from it or written to it"
        )
    return status


# -- the lock --------------------------------------------------------------------------------


def lock_path(target: Path) -> Path:
    """The lock file of the real file ``target``: ``.NAME.lock`` beside it."""
    return target.with_name(f".{target.name}.lock")


@contextmanager
def file_lock(target: Path, display: str, timeout: float = LOCK_TIMEOUT) -> Iterator[bool]:
    """Hold the lock of the real file ``target`` while the block runs; yields False (and
    holds nothing) when the folder cannot hold a lock file because it is read-only, where no
    writer can change the file either."""
    if os.name == "nt":  # pragma: no cover - no flock there: filelock's own lock file
        from filelock import FileLock, Timeout

        lock = FileLock(str(lock_path(target)), timeout=timeout)
        try:
            lock.acquire()
        except Timeout:
            raise _busy(display, timeout) from None
        try:
            yield True
        finally:
            lock.release()
        return
    import fcntl

    where = lock_path(target)
    deadline = time.monotonic() + timeout
    while True:
        handle = _open_lock(where, display)
        if handle is None:
            yield False
            return
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise _busy(display, timeout) from None
                    time.sleep(_POLL)
            # The holder before us removes the lock file when it is done: a lock taken on a
            # file no longer at its place locks nothing, so take the one that is there now.
            try:
                current = os.stat(where, follow_symlinks=False)
            except FileNotFoundError:
                current = None
            mine = os.fstat(handle)
            if current is None or (current.st_ino, current.st_dev) != (mine.st_ino, mine.st_dev):
                continue
            try:
                yield True
            finally:
                with suppress(OSError):
                    os.unlink(where)
            return
        finally:
            os.close(handle)


def _open_lock(where: Path, display: str) -> int | None:
    # Read-only is enough for flock, and lets every writer of a shared file use one lock file.
    flags = os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(where, flags | getattr(os, "O_NONBLOCK", 0), 0o666)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and not os.access(
            where.parent, os.W_OK
        ):
            return None
        if exc.errno in (errno.EISDIR, errno.ELOOP, errno.ENXIO, errno.EWOULDBLOCK):
            raise UsageError(
                f"'{display}' cannot be locked: its lock file '{where.name}' is taken by "
                "something that is not a lock file (remove it)"
            ) from None
        raise UsageError(
            f"'{display}' cannot be locked: {exc.strerror or exc} ({where.name})"
        ) from None
    status = os.fstat(handle)
    if not stat.S_ISREG(status.st_mode):
        os.close(handle)
        raise UsageError(
            f"'{display}' cannot be locked: its lock file '{where.name}' is taken by something "
            "that is not a lock file (remove it)"
        )
    return handle


def _busy(display: str, timeout: float) -> SkillframeError:
    return SkillframeError(
        f"another edit of '{display}' has held it for {timeout:g} seconds; try again"
    )


# -- writing ---------------------------------------------------------------------------------


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(target: Path, data: bytes, display: str) -> list[str]:
    """Replace the real file ``target`` with ``data`` so that a reader sees the old or the new
    bytes, never a mix; returns notes for the user (a hard link severed). On failure the
    original is untouched and the temporary file removed."""
    old = refuse_special(target, display)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise SkillframeError(
            f"cannot write '{display}': {exc.strerror or exc}; the file is unchanged"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if old is not None:
                # Owner first: changing it clears the setuid and setgid bits set after it.
                with suppress(OSError):
                    os.fchown(stream.fileno(), old.st_uid, old.st_gid)
                os.fchmod(stream.fileno(), stat.S_IMODE(old.st_mode))
            else:
                os.fchmod(stream.fileno(), 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise SkillframeError(
                f"cannot write '{display}': {exc.strerror or exc}; the file is unchanged"
            ) from None
        raise
    _sync_folder(target.parent)
    if old is not None and old.st_nlink > 1:
        others = old.st_nlink - 1
        names = "name keeps" if others == 1 else "names keep"
        return [
            f"'{display}' had {others} other hard link{'s' if others > 1 else ''}: it is now "
            f"a file of its own, and the other {names} the old text"
        ]
    return []


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(handle)
    finally:
        os.close(handle)


# -- the transaction -------------------------------------------------------------------------


@dataclass
class Transaction:
    """A file held for reading, changing and writing (see :func:`transaction`)."""

    path: Path
    display: str
    #: The real file (links followed): what is read, locked and written.
    target: Path
    #: False when the folder is read-only and no lock could be taken (nothing can be written).
    locked: bool = True
    #: What the user should hear about the write (a hard link severed).
    notes: list[str] = field(default_factory=list)
    written: bool = False

    def exists(self) -> bool:
        return refuse_special(self.target, self.display) is not None

    def write(self, data: bytes) -> None:
        """Write ``data`` atomically over the file (or create it)."""
        if not self.locked:
            raise SkillframeError(
                f"cannot write '{self.display}': its folder is read-only; the file is unchanged"
            )
        self.notes.extend(write_atomic(self.target, data, self.display))
        self.written = True


@contextmanager
def transaction(
    path: Path, display: str | None = None, *, timeout: float = LOCK_TIMEOUT
) -> Iterator[Transaction]:
    """Hold ``path`` (its real file) locked for one read-change-check-write.

    Raises UsageError (exit 2) for a path that cannot be a file to write (a folder, a device or
    a FIFO, a loop of links, a missing folder) and SkillframeError when the lock cannot be
    had in ``timeout`` seconds.
    """
    shown = display if display is not None else str(path)
    target = real_path(path, shown)
    refuse_special(target, shown)
    if not target.parent.is_dir():
        raise UsageError(f"the folder of '{shown}' does not exist")
    with file_lock(target, shown, timeout) as held:
        yield Transaction(path, shown, target, locked=held)


def refuse_replacing(held: Transaction, force: bool) -> None:
    """Refuse to create a file that exists (``force``: replace it)."""
    if held.exists() and not force:
        raise UsageError(
            f"'{held.display}' already exists (`force` replaces it)", options=("force",)
        )
