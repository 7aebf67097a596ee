"""Named edits of a source registry (a sources file's, or a framework's own ``sources:``)."""

from __future__ import annotations

from typing import Any

from skillframe import spec
from skillframe.operations.common import Operation, check_slug, usage
from skillframe.tree import add_key, is_flow, put, scalar


def add_source(ident: str, fields: dict[str, Any]) -> Operation:
    """Add a source to a registry (``sources:`` of a sources file, or a framework's own)."""
    check_slug(ident, "source id")
    unknown = sorted(set(fields) - set(spec.SOURCE_KEYS))
    if unknown:
        raise usage(f"unknown source field '{unknown[0]}'")

    def operation(data: Any) -> str:
        from ruamel.yaml.comments import CommentedMap

        registry = data.get("sources")
        if isinstance(registry, dict):
            if ident in registry:
                raise usage(f"source '{ident}' is already in this registry")
            neighbour = list(registry.values())[-1] if registry else None
            add_key(registry, ident, source_entry(fields, is_flow(neighbour)))
            return f"added source '{ident}'"
        registry = CommentedMap()
        registry[ident] = source_entry(fields, False)
        if "sources" in data:
            put(data, "sources", registry)
        else:
            add_key(
                data,
                "sources",
                registry,
                after=spec.FRAMEWORK_KEYS[: spec.FRAMEWORK_KEYS.index("sources")],
            )
        return f"added source '{ident}'"

    return operation


def source_entry(fields: dict[str, Any], flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    entry = CommentedMap()
    for key in spec.SOURCE_KEYS:
        value = fields.get(key)
        if value is None or value == [] or value == {}:
            continue
        if key in spec.DOUBLE_QUOTED:
            entry[key] = DoubleQuotedScalarString(value)
        elif key == "authors":
            authors = CommentedSeq(scalar(a, flow=True) for a in value)
            authors.fa.set_flow_style()
            entry[key] = authors
        elif key == "identifiers":
            identifiers = CommentedMap()
            for name in spec.IDENTIFIER_KEYS:
                if value.get(name):
                    identifiers[name] = DoubleQuotedScalarString(value[name])
            identifiers.fa.set_flow_style()
            entry[key] = identifiers
        elif key == "locator":
            locator = CommentedMap()
            locator["pattern"] = SingleQuotedScalarString(value["pattern"])
            if value.get("example"):
                locator["example"] = DoubleQuotedScalarString(value["example"])
            locator.fa.set_flow_style()
            entry[key] = locator
        elif isinstance(value, str):
            entry[key] = scalar(value, flow=flow)
        else:
            entry[key] = value
    if flow:
        entry.fa.set_flow_style()
    return entry
