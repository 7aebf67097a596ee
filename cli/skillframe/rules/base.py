"""The pieces every rule is made of: the Rule record and the Context a check reads.

A rule module holds one rule: its docstring is its documentation (shown by ``skillframe explain``),
and it ends with ``RULE = Rule(...)``. A rule is one of three sorts:

- ``load``: reported by the loader while reading the file (encoding, syntax, duplicate keys ...);
- ``schema``: claims JSON Schema errors of one sort and words them for a writer;
- ``data``: ``check(ctx)`` walks the data and yields Findings.

Data rules run even when the schema fails, so they read the data defensively through the
helpers here and skip what is malformed: the schema rules already report that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillframe import spec
from skillframe.diagnostics import At, Finding, Severity
from skillframe.onet import TaskTable, load_tasks

Check = Callable[["Context"], Iterable[Finding]]
Claim = Callable[[Any, "Context"], "list[Finding] | None"]


@dataclass(frozen=True)
class Rule:
    """One rule: a stable code, a kebab-case name, a default severity and its documentation."""

    code: str
    name: str
    severity: Severity
    doc: str
    sort: str = "data"  # load | schema | data
    kinds: tuple[str, ...] = ("framework",)
    check: Check | None = None
    claim: Claim | None = None
    #: The fix the rule offers with its findings: "safe" (a certain result, applied by
    #: ``lint --fix``), "unsafe" (offered, left to the writer), or None (no fix).
    fix: str | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip()


@dataclass
class Context:
    """What a check may read: the file's data and what it resolves against."""

    data: Any
    kind: str
    path: str = ""
    shared_sources: Mapping[str, Any] = field(default_factory=dict)
    taxonomies: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: The configured O*NET task statements file (``onet-tasks``), or None.
    onet_tasks: Path | None = None

    _onet: TaskTable | None = field(default=None, init=False, repr=False, compare=False)
    #: The statements, listed once: most statement rules walk them.
    _statements: list[tuple[At, dict[str, Any], dict[str, Any]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    #: What several rules read the same way, worked out once a file (see ``rules.prose``).
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def onet(self) -> TaskTable | None:
        """The configured O*NET task table (read once per process), or None when none is set."""
        if self._onet is None and self.onet_tasks is not None:
            self._onet = load_tasks(self.onet_tasks)
        return self._onet

    # -- reading the data defensively -------------------------------------------------------

    def items(self, key: str) -> Iterator[tuple[At, dict[str, Any]]]:
        """The mappings in the top-level list ``key``, with their paths."""
        return spec.items(self.data, key)

    def domains(self) -> Iterator[tuple[At, dict[str, Any]]]:
        return self.items("domains")

    def statements(self) -> Iterator[tuple[At, dict[str, Any], dict[str, Any]]]:
        """Every statement mapping as (path, statement, its domain)."""
        if self._statements is None:
            self._statements = list(spec.statements(self.data))
        return iter(self._statements)

    def local_sources(self) -> dict[str, Any]:
        data = self.data if isinstance(self.data, dict) else {}
        sources = data.get("sources")
        return sources if isinstance(sources, dict) else {}

    def known_sources(self) -> dict[str, Any]:
        """Shared sources overlaid by the framework's own (a local source wins)."""
        merged = dict(self.shared_sources)
        merged.update(self.local_sources())
        return merged

    def level_ids(self) -> list[str]:
        return spec.level_ids(self.data)

    def anchor_ids(self) -> set[str]:
        return {a["id"] for _, a in self.items("anchors") if isinstance(a.get("id"), str)}

    def citations(self) -> Iterator[tuple[At, str, str | None]]:
        """Every citation as (path of the source id, source id, locator or None).

        Citations come from statements, evidence and the exposure section.
        """
        lists: list[tuple[At, Any]] = []
        for at, statement, _ in self.statements():
            lists.append(((*at, "cite"), statement.get("cite")))
        for at, item in self.items("evidence"):
            lists.append(((*at, "cite"), item.get("cite")))
        data = self.data if isinstance(self.data, dict) else {}
        exposure = data.get("exposure")
        if isinstance(exposure, dict):
            lists.append((("exposure", "cite"), exposure.get("cite")))
        for at, cites in lists:
            if not isinstance(cites, list):
                continue
            for index, cite in enumerate(cites):
                if isinstance(cite, str):
                    yield (*at, index), cite, None
                elif isinstance(cite, dict) and isinstance(cite.get("source"), str):
                    locator = cite.get("locator")
                    yield (
                        (*at, index, "source"),
                        cite["source"],
                        locator if isinstance(locator, str) else None,
                    )


def name_of(data: Any, at: At) -> str:
    """A writer's name for the node at ``at``: "statement 'x'", "domain 2", "the file" ..."""
    names = {
        "domains": "domain",
        "statements": "statement",
        "levels": "level",
        "anchors": "anchor",
        "evidence": "evidence",
        "tasks": "exposure task",
        "sources": "source",
    }
    node: Any = data
    label = "the file"
    previous: str | int | None = None
    for step in at:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, int) and isinstance(previous, str) and previous in names:
            ident = node.get("id") if isinstance(node, dict) else None
            kind = names[previous]
            label = f"{kind} '{ident}'" if isinstance(ident, str) else f"{kind} {step + 1}"
        elif previous == "sources" and isinstance(step, str):
            label = f"source '{step}'"
        elif step in ("occupation", "exposure") and previous is None:
            label = step
        previous = step
    return label
