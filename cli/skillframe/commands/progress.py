"""A progress bar on stderr for commands that work through many files (lint, export).

The bar is for a person watching a terminal: it is shown only when both stdout and stderr are
terminals, the output format is meant for people, and there are at least ``MIN_FILES`` files.
Otherwise nothing extra is written, so pipes, CI logs and machine formats stay clean. The bar
is drawn on stderr and removed when the work is done.

Use::

    with tracker(len(files), "Linting", machine_readable=False) as advance:
        work(files, progress=advance)   # advance(n) after each n files; None when not shown
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

#: Fewer files than this are done before a bar would be worth reading.
MIN_FILES = 10


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def show_progress(
    total: int,
    machine_readable: bool,
    streams: Sequence[Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Whether a bar for ``total`` files would be seen by a person and not get in the way."""
    if machine_readable or total < MIN_FILES:
        return False
    env = os.environ if environ is None else environ
    if env.get("TERM") == "dumb":
        return False
    watched = (sys.stdout, sys.stderr) if streams is None else streams
    return all(_is_terminal(stream) for stream in watched)


def might_show(machine_readable: bool) -> bool:
    """Whether a bar could be shown at all, before counting the files (counting costs time)."""
    return show_progress(MIN_FILES, machine_readable)


@contextmanager
def tracker(
    total: int, description: str, machine_readable: bool
) -> Iterator[Callable[[int], None] | None]:
    """A callback to report ``n`` more files done, or None when no bar is shown."""
    if not show_progress(total, machine_readable):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(done: int) -> None:
            bar.advance(task, done)

        yield advance
