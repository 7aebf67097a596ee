"""The named edits of a framework, one module per part of it.

Each public function checks its arguments and returns an :data:`Operation` for
:func:`skillframe.edit.apply` (or a batch, :func:`skillframe.batch.apply_script`). The operation
finds what it changes by id, raises a typed error (:mod:`skillframe.errors`) when an id it is
given does not exist or the request cannot be done, and otherwise changes the tree through
:mod:`skillframe.tree`. Whether the result is a valid framework is not its business: the edit
lints the result and refuses one that adds an error.

New values are written the way the file already writes them: a new statement copies its
neighbour's layout (block or flow mapping, folded ``>-`` text broken at the file's width, quoted
locators, a flow ``[...]`` list of citations), so it looks as if the writer had typed it. What a
file's layout should be in general is :mod:`skillframe.spec`'s.

- :mod:`~skillframe.operations.statements`: add, edit, remove, move statements;
- :mod:`~skillframe.operations.citations`: a statement's citations;
- :mod:`~skillframe.operations.structure`: domains and levels;
- :mod:`~skillframe.operations.sources`: a source registry;
- :mod:`~skillframe.operations.anchors`: O*NET tasks as anchors;
- :mod:`~skillframe.operations.new`: the text of a new framework.
"""

from __future__ import annotations

from skillframe.operations.anchors import (
    MissingSource,
    anchor_references,
    import_anchors,
    known_sources,
)
from skillframe.operations.citations import (
    add_citation,
    citation_locator_style,
    cited,
    remove_citation,
)
from skillframe.operations.common import (
    Found,
    Operation,
    closest,
    domains_of,
    find_domain,
    find_statement,
    plural,
    statements_of,
    unknown,
)
from skillframe.operations.new import new_framework
from skillframe.operations.sources import add_source, source_entry
from skillframe.operations.statements import (
    add_statement,
    edit_statement,
    move_statement,
    remove_statement,
)
from skillframe.operations.structure import (
    add_domain,
    add_level,
    remove_domain,
    remove_level,
    rename_domain,
    rename_level,
)

__all__ = [
    "Found",
    "MissingSource",
    "Operation",
    "add_citation",
    "add_domain",
    "add_level",
    "add_source",
    "add_statement",
    "anchor_references",
    "citation_locator_style",
    "cited",
    "closest",
    "domains_of",
    "edit_statement",
    "find_domain",
    "find_statement",
    "import_anchors",
    "known_sources",
    "move_statement",
    "new_framework",
    "plural",
    "remove_citation",
    "remove_domain",
    "remove_level",
    "remove_statement",
    "rename_domain",
    "rename_level",
    "source_entry",
    "statements_of",
    "unknown",
]
