"""Which files a command works on, and the shared sources and taxonomies each framework resolves.

Paths given on the command line are files or folders; a folder is searched recursively for
``*.yaml`` and ``*.yml`` files (hidden folders and the configuration's ``exclude`` patterns left
out). The shared sources and taxonomies come from the configuration, or, with none, from
``sources.yaml`` and ``taxonomies/`` beside the framework.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillframe.config import Config, discover
from skillframe.errors import SkillframeError
from skillframe.load import Document, load_path, load_text

YAML_SUFFIXES = (".yaml", ".yml")


def display_path(path: Path) -> str:
    """The path as a user reads it: relative to the working folder when below it."""
    try:
        absolute = path.resolve()
        cwd = Path.cwd().resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links
        return str(path)
    if absolute == cwd or cwd in absolute.parents:
        return absolute.relative_to(cwd).as_posix()
    return str(path)


def repository_root(path: Path) -> Path | None:
    """The folder that paths in code scanning and pull request annotations are relative to:
    the top of the git repository holding ``path`` (the nearest folder upward with a ``.git``),
    else its collection root, else None."""
    folder = (path if path.is_dir() else path.parent).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return discover(folder).root


def names_for(path: Path, *bases: Path | None) -> set[str]:
    """The names a glob pattern may match for ``path``: its file name and its path below each base."""
    names = {path.name}
    for base in bases:
        if base is None:
            continue
        try:
            names.add(path.resolve().relative_to(base.resolve()).as_posix())
        except ValueError:
            continue
    return names


def matches(path: Path, pattern: str, *bases: Path | None) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for name in names_for(path, *bases))


def _excluded(path: Path, config: Config, base: Path) -> bool:
    return any(matches(path, pattern, base, config.root) for pattern in config.exclude)


def expand(
    paths: list[Path], config: Config | None = None, force_exclude: bool = False
) -> list[Path]:
    """Files named by ``paths`` (files as given, folders searched), in a stable order.

    The configuration's ``exclude`` patterns apply to the files found in folders; with
    ``force_exclude``, to the files named directly too (as a pre-commit hook names them).
    Raises SkillframeError (exit 2) for a path that does not exist.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        if not given.exists():
            kind = "link that points nowhere" if given.is_symlink() else "path"
            raise SkillframeError(f"{kind} '{given}' does not exist")
        cfg = config or discover(given)
        if given.is_dir():
            for folder, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                        continue
                    candidate = Path(folder) / name
                    if not candidate.is_file() or _excluded(candidate, cfg, given):
                        continue
                    key = candidate.resolve()
                    if key not in seen:
                        seen.add(key)
                        found.append(candidate)
        elif not given.is_file():
            raise SkillframeError(f"'{given}' is not a regular file (a device, pipe or socket?)")
        elif force_exclude and _excluded(given, cfg, given.parent):
            continue
        else:
            key = given.resolve()
            if key not in seen:
                seen.add(key)
                found.append(given)
        if len(found) > cfg.max_files:
            raise SkillframeError(
                f"more than {cfg.max_files:,} files to read: name fewer paths, or raise "
                "max-files in the configuration"
            )
    return found


#: Why a file is checked, when that decides whether it is skipped: ``NAMED`` files are always
#: checked; a file a hook names (``HOOK``) is skipped when it is not a skillframe file; a file
#: checked because it uses a named shared file (``USER``) is skipped unless it is a framework.
NAMED, HOOK, USER = "named", "hook", "user"


@dataclass(frozen=True)
class Target:
    """A file to check, and why (``NAMED``, ``HOOK`` or ``USER``)."""

    path: Path
    why: str = NAMED


def targets(paths: list[Path], hook: bool = False) -> list[Target]:
    """The files a lint of ``paths`` checks: the files named and found in folders, then the
    frameworks that use a named sources or taxonomy file (they read it, so a change to it can
    break them).

    With ``hook`` (files named by pre-commit), ``exclude`` applies to named files too, and a
    named file that turns out not to be a skillframe file is skipped rather than reported.
    """
    found: dict[Path, Target] = {}
    for given in paths:
        why = HOOK if hook and not given.is_dir() else NAMED
        for file in expand([given], force_exclude=hook):
            found.setdefault(file.resolve(), Target(file, why))
    for file in shared_users([t.path for t in found.values()]):
        found.setdefault(file.resolve(), Target(file, USER))
    return list(found.values())


def _below(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def shared_users(files: list[Path]) -> list[Path]:
    """The files that may be frameworks resolving one of ``files`` as their shared sources or
    taxonomy file, in a stable order (which of them are frameworks is known once read).

    A configured sources file or taxonomy path is used by the collection's ``paths`` (else
    everything below its root); without configuration, ``sources.yaml`` is used by the files
    beside it and a file in ``taxonomies/`` by the files beside that folder.
    """
    users: list[Path] = []
    for file in files:
        if not file.name.endswith(YAML_SUFFIXES):
            continue
        absolute = file.resolve()
        config = discover(absolute)
        collection = list(config.paths) or ([config.root] if config.root else [])
        deep: list[Path] = []  # folders searched whole
        beside: list[Path] = []  # folders whose own files resolve the file
        if config.sources:
            if any(absolute == s.resolve() for s in config.sources):
                deep += collection
        elif absolute.name == "sources.yaml":
            beside.append(absolute.parent)
        if config.taxonomies:
            if any(_below(absolute, t.resolve()) for t in config.taxonomies):
                deep += collection
        else:
            folder = next((p for p in absolute.parents if p.name == "taxonomies"), None)
            if folder is not None:
                beside.append(folder.parent)
        for place in dict.fromkeys(deep):
            if place.is_dir():
                users += expand([place], config)
        for place in dict.fromkeys(beside):
            users += sorted(
                p
                for p in place.iterdir()
                if p.name.endswith(YAML_SUFFIXES)
                and not p.name.startswith(".")
                and p.is_file()
                and not _excluded(p, config, place)
            )
    return users


@dataclass
class Shared:
    """What one framework resolves against: shared sources and taxonomies (by id), and the
    O*NET task statements file when the configuration names one."""

    sources: dict[str, Any] = field(default_factory=dict)
    taxonomies: dict[str, Any] = field(default_factory=dict)
    onet_tasks: Path | None = None


def shared_paths(path: Path, config: Config) -> tuple[list[Path], list[Path]]:
    """The sources files and the taxonomy files or folders the framework at ``path`` resolves."""
    folder = path.resolve().parent
    source_files = list(config.sources) or [folder / "sources.yaml"]
    taxonomy_paths = list(config.taxonomies) or [folder / "taxonomies"]
    return source_files, taxonomy_paths


#: Where a caller keeps texts newer than the files on disk (an editor's unsaved buffers): the
#: text for a resolved path, or None to read the file.
Texts = Callable[[Path], "str | None"]


class Resolver:
    """Loads each shared file once and hands frameworks what they resolve against.

    ``texts``, when given, is asked first for the text of each shared file, so a language
    server resolves against what the writer sees in the editor, saved or not.
    """

    def __init__(self, texts: Texts | None = None) -> None:
        self._texts = texts
        self._sources: dict[Path, dict[str, Any]] = {}
        self._taxonomies: dict[Path, dict[str, Any]] = {}

    def shared_for(self, path: Path, config: Config) -> Shared:
        source_files, taxonomy_paths = shared_paths(path, config)
        shared = Shared()
        for source_file in source_files:
            if config.sources and not source_file.exists():
                raise SkillframeError(
                    f"the sources file '{source_file}' named in the configuration does not exist",
                    path=str(config.file) if config.file else None,
                )
            shared.sources.update(self._registry(source_file))
        for taxonomy_path in taxonomy_paths:
            if config.taxonomies and not taxonomy_path.exists():
                raise SkillframeError(
                    f"the taxonomies path '{taxonomy_path}' named in the configuration does not exist",
                    path=str(config.file) if config.file else None,
                )
            shared.taxonomies.update(self._taxonomy_index(taxonomy_path))
        if config.onet_tasks is not None:
            if not config.onet_tasks.is_file():
                state = "is not a file" if config.onet_tasks.exists() else "does not exist"
                raise SkillframeError(
                    f"the O*NET tasks file '{config.onet_tasks}' named in the configuration "
                    f"{state}",
                    path=str(config.file) if config.file else None,
                )
            shared.onet_tasks = config.onet_tasks
        return shared

    def _registry(self, path: Path) -> dict[str, Any]:
        key = path.resolve()
        if key not in self._sources:
            self._sources[key] = {}
            if path.is_file():
                data = self._load_data(path, "sources")
                if isinstance(data, dict) and isinstance(data.get("sources"), dict):
                    self._sources[key] = data["sources"]
        return self._sources[key]

    def _taxonomy_index(self, path: Path) -> dict[str, Any]:
        key = path.resolve()
        if key not in self._taxonomies:
            index: dict[str, Any] = {}
            files = expand([path]) if path.exists() else []
            for file in files:
                data = self._load_data(file, "taxonomy")
                if isinstance(data, dict) and isinstance(data.get("id"), str):
                    index.setdefault(data["id"], data)
            self._taxonomies[key] = index
        return self._taxonomies[key]

    def _load_data(self, path: Path, kind: str) -> Any:
        """The data of a shared file of the given kind, or None when it cannot be read as one.

        Its own problems are reported when the file itself is linted, not by every framework.
        """
        text = self._texts(path.resolve()) if self._texts is not None else None
        if text is not None:
            doc = load_text(text, str(path))
        else:
            try:
                doc = load_path(path)
            except SkillframeError:
                return None
        return doc.data if doc.kind == kind else None


def open_document(path: Path, shown: str, max_bytes: int) -> Document:
    """Read and parse the file at ``path`` (named ``shown`` in messages).

    Raises SkillframeError (exit 2) when it is a folder, a pipe or cannot be read; problems in
    the file itself are recorded in the Document.
    """
    return load_path(path, shown, max_bytes)
