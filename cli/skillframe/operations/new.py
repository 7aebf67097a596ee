"""The text of a new framework, scaffolded from its taxonomy and levels."""

from __future__ import annotations

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
        "# To fill in: statements in every domain, at every level, each citing its sources:\n"
        f"#   skillframe statement add {shown_path} --domain DOMAIN --level LEVEL --title TITLE \\\n"
        "#     --text TEXT --cite SOURCE\n"
        f"# then check the file with: skillframe lint {shown_path}\n"
    )
    text = header + text
    if placeholder:
        text = text.replace(
            "\nscope: ",
            "\n# Replace this scope with who the framework is for and what work it covers.\nscope: ",
            1,
        )
    text = text.replace(
        "\nlevels:\n",
        "\n# Levels of mastery, lowest first; a description of each helps readers.\nlevels:\n",
        1,
    )
    return text.replace(
        "\ndomains:\n",
        "\n# Each domain needs a statement at every level (skillframe statement add).\ndomains:\n",
        1,
    )
