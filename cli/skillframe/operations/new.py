"""The text of a new framework, scaffolded from its taxonomy and levels."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import Any

from skillframe import spec
from skillframe.operations.common import check_slug, not_found, usage
from skillframe.operations.structure import entry_for
from skillframe.tree import folded, scalar


def new_framework(
    path: Any,
    *,
    display: str,
    ident: str,
    title: str,
    taxonomy: str | None = None,
    levels: Sequence[str] = spec.DEFAULT_LEVELS,
    domains: Sequence[str] = (),
    scope: str | None = None,
    occupation: tuple[str, str] | None = None,
) -> str:
    """The text of a new framework: its levels, every domain of its taxonomy (and ``domains``)
    scaffolded, and comments that tell the writer what to fill in. ``occupation`` is the
    O*NET-SOC code and title of the occupation it describes."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from skillframe import roundtrip
    from skillframe.collection import Resolver
    from skillframe.config import discover

    check_slug(ident, "framework id")
    if not title.strip():
        raise usage("the title must not be empty")
    for level in levels:
        check_slug(level, "level id")
    for domain in domains:
        check_slug(domain, "domain id")
    if len(set(levels)) != len(levels) or not levels:
        raise usage("`levels` must name at least one level, each once", "levels")
    scaffold: list[tuple[str, str]] = []
    if taxonomy is not None:
        known = Resolver().shared_for(path, discover(path)).taxonomies
        if taxonomy not in known:
            raise not_found("taxonomy", taxonomy, sorted(known), "is known here")
        for entry in known[taxonomy].get("domains") or []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                name = entry.get("name")
                shown = name if isinstance(name, str) else spec.name_from_id(entry["id"])
                scaffold.append((entry["id"], shown))
    for domain in domains:
        if domain not in [d for d, _ in scaffold]:
            scaffold.append((domain, spec.name_from_id(domain)))
    if not scaffold:
        raise usage(
            "name the domains: `taxonomy` ID (its domains) or `domains` a,b,c",
            "taxonomy",
            "domains",
        )
    data = CommentedMap()
    data["schema"] = "skillframe/framework@1"
    data["id"] = scalar(ident)
    data["title"] = scalar(title.strip())
    data["status"] = "draft"
    if occupation is not None:
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        code, name = occupation
        data["occupation"] = CommentedMap(
            [("title", scalar(name)), ("onet_soc", DoubleQuotedScalarString(code))]
        )
    placeholder = scope is None or not scope.strip()
    scope_text = (
        scope.strip()
        if scope and scope.strip()
        else f"Who the {title.strip()} framework is for and what work it covers."
    )
    # As the format reference writes it: a folded text, lines broken before column 100.
    data["scope"] = folded(scope_text, spec.WIDTH - roundtrip.Style().mapping)
    if taxonomy is not None:
        data["taxonomy"] = taxonomy
    data["levels"] = CommentedSeq(
        entry_for(level, spec.name_from_id(level), None, None) for level in levels
    )
    data["domains"] = CommentedSeq(entry_for(d, name, None, None) for d, name in scaffold)
    text = roundtrip.dump(data, roundtrip.Style())
    shown_path = shlex.quote(display)
    header = (
        f"# {title.strip()}: a competency framework.\n"
        f"{TO_FILL_IN}\n"
        f"#   skillframe statement add {shown_path} --domain DOMAIN --level LEVEL --title TITLE \\\n"
        "#     --text TEXT --cite SOURCE\n"
        f"# then check the file with: skillframe lint {shown_path}\n"
    )
    text = header + text
    if placeholder:
        text = text.replace("\nscope: ", f"\n{SCOPE_NOTE}\nscope: ", 1)
    text = text.replace("\nlevels:\n", f"\n{LEVELS_NOTE}\nlevels:\n", 1)
    return text.replace("\ndomains:\n", f"\n{DOMAINS_NOTE}\ndomains:\n", 1)


# -- the scaffold's notes, and when they have served ----------------------------------------

#: The notes a new framework carries, each removed by the edit that makes it true no longer.
TO_FILL_IN = "# To fill in: statements in every domain, at every level, each citing its sources:"
SCOPE_NOTE = "# Replace this scope with who the framework is for and what work it covers."
LEVELS_NOTE = "# Levels of mastery, lowest first; a description of each helps readers."
DOMAINS_NOTE = "# Each domain needs a statement at every level (skillframe statement add)."
_PLACEHOLDER_SCOPE = re.compile(r"Who the .* framework is for and what work it covers\.")
#: The lines of the to-fill-in note after its first: the command to run, and the check.
_TO_FILL_IN_REST = (
    "#   skillframe statement add ",
    "#     --text TEXT",
    "# then check the file with:",
)


def _covered(data: Any) -> bool:
    """Every domain has a statement at every declared level."""
    levels = set(spec.level_ids(data))
    domains = [domain for _, domain in spec.items(data, "domains")]
    return bool(domains) and all(
        levels
        <= {s.get("level") for s in spec.list_at(domain, "statements") or [] if isinstance(s, dict)}
        for domain in domains
    )


def served_notes(text: str, data: Any) -> str:
    """``text`` without the scaffold's notes that no longer apply to ``data``: the to-fill-in
    note and the domains note once every domain has a statement at every level, the scope note
    once the scope is written, the levels note once every level is described. Only whole lines
    at the start of a line that are exactly the notes go; the file's meaning is untouched."""
    from skillframe.roundtrip import lines_of

    if not any(note in text for note in (TO_FILL_IN, SCOPE_NOTE, LEVELS_NOTE, DOMAINS_NOTE)):
        return text
    if not isinstance(data, dict):
        return text
    served: set[str] = set()
    if _covered(data):
        served |= {TO_FILL_IN, DOMAINS_NOTE}
    scope = data.get("scope")
    if isinstance(scope, str) and not _PLACEHOLDER_SCOPE.fullmatch(scope.strip()):
        served.add(SCOPE_NOTE)
    levels = [level for _, level in spec.items(data, "levels")]
    if levels and all(isinstance(level.get("description"), str) for level in levels):
        served.add(LEVELS_NOTE)
    out: list[str] = []
    dropping = False
    for line in lines_of(text):
        bare = line.rstrip("\r\n")
        if dropping and bare.startswith(_TO_FILL_IN_REST):
            continue
        dropping = bare == TO_FILL_IN and TO_FILL_IN in served
        if bare in served:
            continue
        out.append(line)
    return "".join(out)
