"""A source lacks the fields its type requires.

So that every citation can be followed back to something a reader can find, each type of source
must say enough about itself: a ``dataset`` needs ``version`` and ``url``; a ``paper`` needs
``authors``, ``year`` and an identifier (``identifiers:`` doi, arxiv, isbn or url) or a ``url``;
a ``framework``, ``taxonomy`` or ``report`` needs a ``publisher`` or a ``url``; a ``website``
needs a ``url``.

Fails::

    onet:
      title: O*NET 30.2 Database
      type: dataset            # which release? where?

Passes::

    onet:
      title: O*NET 30.2 Database
      type: dataset
      version: "30.2"
      url: "https://www.onetcenter.org"
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule


def missing(source: dict[str, Any]) -> list[str]:
    """What a source of its type still needs, in words; empty when it has all it needs."""
    kind = source.get("type")

    def has(key: str) -> bool:
        return source.get(key) not in (None, "", [], {})

    needs: list[str] = []
    if kind == "dataset":
        needs += [f"'{k}'" for k in ("version", "url") if not has(k)]
    elif kind == "paper":
        needs += [f"'{k}'" for k in ("authors", "year") if not has(k)]
        if not has("identifiers") and not has("url"):
            needs.append("an identifier (doi, arxiv, isbn) or a 'url'")
    elif kind in ("framework", "taxonomy", "report"):
        if not has("publisher") and not has("url"):
            needs.append("a 'publisher' or a 'url'")
    elif kind == "website" and not has("url"):
        needs.append("'url'")
    return needs


#: The option of ``source edit`` that sets each field a type may need.
_FLAGS = {
    "'authors'": "--author for each author",
    "'year'": "--year",
    "'version'": "--version",
    "'url'": "--url",
    "'publisher'": "--publisher",
}


def _flags(needs: list[str]) -> str:
    said = []
    for need in needs:
        if need in _FLAGS:
            said.append(_FLAGS[need])
        elif "identifier" in need:
            said.append("--doi, --arxiv, --isbn or --url")
        else:
            said.append("--publisher or --url")
    return ", ".join(said)


def check(ctx: Context) -> Iterator[Finding]:
    for source_id, source in ctx.local_sources().items():
        if not isinstance(source, dict):
            continue
        needs = missing(source)
        if needs:
            yield Finding(
                ("sources", source_id),
                f"source '{source_id}' is a {source.get('type')} and needs {' and '.join(needs)}"
                f" (set {'it' if len(needs) == 1 else 'them'} with skillframe source edit "
                f"{_flags(needs)})",
                key=True,
            )


RULE = Rule(
    code="SF203",
    name="source-fields",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    kinds=("framework", "sources"),
    check=check,
)
