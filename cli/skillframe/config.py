"""Find and read the collection's configuration: ``[tool.skillframe]`` or ``skillframe.toml``.

The collection root is the nearest folder upward holding ``skillframe.toml`` or a
``pyproject.toml`` with a ``[tool.skillframe]`` table. Paths in the configuration are relative to
that folder. With no configuration, each framework resolves ``sources.yaml`` and ``taxonomies/``
beside itself.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from skillframe.errors import SkillframeError
from skillframe.load import DEFAULT_MAX_BYTES, MAX_DATA_BYTES, read_bytes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: Every key the configuration may hold; anything else is reported, so a typo is not ignored.
KNOWN_KEYS = {
    "paths",
    "sources",
    "taxonomies",
    "exclude",
    "select",
    "ignore",
    "per-file-ignores",
    "max-file-size",
    "max-files",
    "onet-tasks",
    "statement-rules",
    "min-statements",
}

DEFAULT_MAX_FILES = 10_000


@dataclass(frozen=True)
class Config:
    """The settings of one collection (or the defaults when there is no configuration)."""

    root: Path | None = None
    file: Path | None = None
    paths: tuple[Path, ...] = ()
    sources: tuple[Path, ...] = ()
    taxonomies: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    max_file_size: int = DEFAULT_MAX_BYTES
    max_files: int = DEFAULT_MAX_FILES
    onet_tasks: Path | None = None
    #: The fewest statements a domain should have at each level; stats shows fewer as a problem.
    min_statements: int = 1
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def configured(self) -> bool:
        return self.file is not None


def _table(path: Path) -> dict[str, Any] | None:
    """The skillframe table of a configuration file (None when a pyproject.toml has none)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise SkillframeError(f"cannot read the configuration: {exc}", path=str(path)) from exc
    # Keyed by size and modification time, so an edited configuration is read afresh.
    return _table_cached(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _table_cached(path: Path, mtime_ns: int, size: int) -> dict[str, Any] | None:
    try:
        raw = read_bytes(path, MAX_DATA_BYTES)
        if not isinstance(raw, bytes):
            raise SkillframeError(f"the configuration is too large: {raw.message}", path=str(path))
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SkillframeError(f"cannot read the configuration: {exc}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise SkillframeError(
            f"the configuration is not valid TOML: {exc}", path=str(path)
        ) from exc
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("skillframe") if isinstance(tool, dict) else None
        return dict(table) if isinstance(table, dict) else None
    tool = data.get("tool")
    if isinstance(tool, dict) and isinstance(tool.get("skillframe"), dict):
        return dict(tool["skillframe"])
    return dict(data)


def find_config_file(start: Path) -> Path | None:
    """The configuration file that governs ``start`` (a file or folder), or None."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / "skillframe.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
    return None


def discover(start: Path) -> Config:
    """The configuration that governs ``start``: the nearest one upward, else the defaults."""
    found = find_config_file(start)
    if found is None:
        return Config()
    stat = found.stat()
    return _load_cached(found, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_cached(path: Path, mtime_ns: int, size: int) -> Config:
    return load_config(path)


def _paths(root: Path, value: Any, key: str, where: Path) -> tuple[Path, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise SkillframeError(f"'{key}' must be a path or a list of paths", path=str(where))
    return tuple((root / item) for item in items)


def _codes(value: Any, key: str, where: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise SkillframeError(f"'{key}' must be a list of rule codes", path=str(where))
    from skillframe.codes import check_codes

    try:
        return check_codes(items, f"'{key}'")
    except SkillframeError as exc:
        raise SkillframeError(exc.message, path=str(where)) from None


def load_config(path: Path) -> Config:
    """Read one configuration file (``skillframe.toml`` or ``pyproject.toml``)."""
    table = _table(path)
    if table is None:
        return Config()
    root = path.parent
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise SkillframeError(
            f"unknown configuration key '{unknown[0]}' (known keys: {', '.join(sorted(KNOWN_KEYS))})",
            path=str(path),
        )
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise SkillframeError(
            "'per-file-ignores' must be a table of pattern = [codes]", path=str(path)
        )
    size = table.get("max-file-size", DEFAULT_MAX_BYTES)
    count = table.get("max-files", DEFAULT_MAX_FILES)
    minimum = table.get("min-statements", 1)
    for key, value in (("max-file-size", size), ("max-files", count), ("min-statements", minimum)):
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise SkillframeError(f"'{key}' must be a positive whole number", path=str(path))
    onet = table.get("onet-tasks")
    if onet is not None and not isinstance(onet, str):
        raise SkillframeError("'onet-tasks' must be a path", path=str(path))
    extra: dict[str, Any] = {}
    if "statement-rules" in table:
        from skillframe.writing import parse_settings

        try:
            extra["statement-rules"] = parse_settings(table["statement-rules"])
        except ValueError as exc:
            raise SkillframeError(str(exc), path=str(path)) from None
    exclude = table.get("exclude", [])
    if not isinstance(exclude, list) or not all(isinstance(e, str) for e in exclude):
        raise SkillframeError("'exclude' must be a list of patterns", path=str(path))
    return Config(
        root=root,
        file=path,
        paths=_paths(root, table.get("paths"), "paths", path),
        sources=_paths(root, table.get("sources"), "sources", path),
        taxonomies=_paths(root, table.get("taxonomies"), "taxonomies", path),
        exclude=tuple(exclude),
        select=_codes(table.get("select"), "select", path),
        ignore=_codes(table.get("ignore"), "ignore", path),
        per_file_ignores=tuple(
            (pattern, _codes(codes, "per-file-ignores", path)) for pattern, codes in pfi.items()
        ),
        max_file_size=size,
        max_files=count,
        min_statements=minimum,
        onet_tasks=(root / onet) if onet else None,
        extra=extra,
    )
