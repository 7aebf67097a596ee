"""Which sources a file can cite, and where each one is defined (for ``source list``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from skillframe.collection import display_path
from skillframe.config import discover
from skillframe.errors import SkillframeError

#: One source as listed: id, type, title, and the file that defines it.
Row = tuple[str, str, str, str]


def shared_source_files(framework: Path | None) -> list[Path]:
    """The shared sources files a framework resolves (as ``lint`` resolves them); with no
    framework, those of the collection around the working folder."""
    where = framework if framework is not None else Path.cwd()
    config = discover(where)
    if config.sources:
        return list(config.sources)
    folder = framework.resolve().parent if framework is not None else Path.cwd()
    return [folder / "sources.yaml"]


def _rows(registry: Any, shown: str) -> dict[str, Row]:
    rows: dict[str, Row] = {}
    if not isinstance(registry, dict):
        return rows
    for ident, entry in registry.items():
        entry = entry if isinstance(entry, dict) else {}
        rows[str(ident)] = (
            str(ident),
            str(entry.get("type", "")),
            str(entry.get("title", "")),
            shown,
        )
    return rows


def _read(path: Path) -> tuple[Any, str]:
    from skillframe.edit import read_for_edit

    shown = display_path(path)
    source = read_for_edit(path, shown, ("sources", "framework"))
    return source.doc, shown


def sources_for(path: Path | None) -> list[Row]:
    """Every source known to ``path`` (a sources file or a framework) or, with no path, to the
    collection's shared sources files. A framework's own source replaces a shared one."""
    rows: dict[str, Row] = {}
    framework: Path | None = None
    if path is not None:
        doc, shown = _read(path)
        if doc.kind == "sources":
            return list(_rows(doc.data.get("sources"), shown).values())
        framework = path
        own = _rows(doc.data.get("sources"), shown)
    else:
        own = {}
    files = shared_source_files(framework)
    present = [f for f in files if f.is_file()]
    if not present and path is None:
        raise SkillframeError(
            "no sources file here: name one, or configure 'sources' in skillframe.toml"
        )
    for file in present:
        doc, shown = _read(file)
        rows.update(_rows(doc.data.get("sources"), shown))
    rows.update(own)
    return list(rows.values())
