"""The layout of skillframe files, known once: what the file format reference (docs/format.md) says about how a file is written.

Every part of the tool that writes or walks a file reads it from here: ``fmt`` (the canonical
layout), the editing operations (new keys and entries in their place and quoting), the importers
(a whole file written from data), the exporters and the lint rules (ids, defensive walking).

- the order of the keys of every mapping the format knows (:data:`SHAPES`);
- which values are always quoted (:data:`DOUBLE_QUOTED`, :data:`SINGLE_QUOTED`), and when any
  other text may stand plain (:func:`plain_ok`);
- which texts are folded (``>-``) and where their lines break (:data:`WIDTH`,
  :func:`fold_positions`), which lists and mappings are written ``[...]`` / ``{...}``;
- ids: the slug pattern, making an id from a title, making it unique, a name from an id;
- walking a framework that may be malformed (rules run even when the schema fails).

Nothing here imports ruamel.yaml or the command line: it is plain knowledge and plain data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

# -- key orders -------------------------------------------------------------------------------

#: The keys of each mapping, in the file format's order (``fmt`` writes them so, edits add keys so,
#: importers build data so). A key the format does not know keeps its place after these.
FRAMEWORK_KEYS = (
    "schema",
    "id",
    "title",
    "version",
    "status",
    "occupation",
    "scope",
    "taxonomy",
    "levels",
    "sources",
    "anchors",
    "domains",
    "evidence",
    "exposure",
)
OCCUPATION_KEYS = ("title", "onet_soc")
LEVEL_KEYS = ("id", "name", "description")
DOMAIN_KEYS = ("id", "name", "description", "statements")
STATEMENT_KEYS = ("id", "level", "title", "text", "cite", "anchors", "tags")
CITATION_KEYS = ("source", "locator", "note")
ANCHOR_KEYS = ("id", "source", "locator", "text")
EVIDENCE_KEYS = ("id", "label", "value", "unit", "range", "cite", "note")
EXPOSURE_KEYS = ("method", "cite", "complete", "score", "tasks")
TASK_KEYS = ("anchor", "text", "weight", "likelihood", "contribution", "horizon")
SOURCE_KEYS = (
    "title",
    "type",
    "publisher",
    "authors",
    "year",
    "version",
    "date",
    "url",
    "license",
    "identifiers",
    "locator",
    "description",
)
IDENTIFIER_KEYS = ("arxiv", "doi", "isbn", "url")
LOCATOR_KEYS = ("pattern", "example")
TAXONOMY_KEYS = ("schema", "id", "title", "description", "domains")
TAXONOMY_DOMAIN_KEYS = ("id", "name", "description")
SOURCES_FILE_KEYS = ("schema", "sources")

Shape = dict[str, Any]
"""How to lay out a mapping: ``keys`` (the order), ``each`` (for a mapping of named entries:
the shape of every value) and per-key shapes of children (a shape, or ``("list", shape)``)."""


def _shape(keys: tuple[str, ...], **children: Any) -> Shape:
    return {"keys": keys, "children": children}


_CITATION = _shape(CITATION_KEYS)
_SOURCE = _shape(SOURCE_KEYS, locator=_shape(LOCATOR_KEYS), identifiers=_shape(IDENTIFIER_KEYS))
_SOURCES: Shape = {"keys": (), "each": _SOURCE, "children": {}}
_STATEMENT = _shape(STATEMENT_KEYS, cite=("list", _CITATION))
#: The shape of each kind of file, from its top-level mapping down.
SHAPES: dict[str, Shape] = {
    "framework": _shape(
        FRAMEWORK_KEYS,
        occupation=_shape(OCCUPATION_KEYS),
        levels=("list", _shape(LEVEL_KEYS)),
        sources=_SOURCES,
        anchors=("list", _shape(ANCHOR_KEYS)),
        domains=("list", _shape(DOMAIN_KEYS, statements=("list", _STATEMENT))),
        evidence=("list", _shape(EVIDENCE_KEYS, cite=("list", _CITATION))),
        exposure=_shape(EXPOSURE_KEYS, cite=("list", _CITATION), tasks=("list", _shape(TASK_KEYS))),
    ),
    "sources": _shape(SOURCES_FILE_KEYS, sources=_SOURCES),
    "taxonomy": _shape(TAXONOMY_KEYS, domains=("list", _shape(TAXONOMY_DOMAIN_KEYS))),
}


def in_order(data: dict[str, Any], keys: Iterable[str] = FRAMEWORK_KEYS) -> dict[str, Any]:
    """``data`` with its keys in ``keys``' order (keys not listed last, in their order)."""
    out = {key: data[key] for key in keys if key in data}
    out.update({key: value for key, value in data.items() if key not in out})
    return out


# -- quoting and layout -----------------------------------------------------------------------

#: Text values always written in double quotes: they look like numbers, dates or addresses.
DOUBLE_QUOTED = frozenset(
    {"version", "date", "url", "locator", "onet_soc", "horizon", "example", *IDENTIFIER_KEYS}
)
#: Text values written in single quotes when they can be (a regular expression keeps its
#: backslashes as they are).
SINGLE_QUOTED = frozenset({"pattern"})
#: Keys whose text is written as a folded (``>-``) block when it is written anew.
FOLDED = frozenset({"scope", "description", "text"})
#: Lists written ``[a, b]`` when they fit on the line.
FLOW_LISTS = frozenset({"cite", "anchors", "tags", "authors", "range"})
#: Mappings written ``{k: v}`` when they fit on the line.
FLOW_MAPS = frozenset({"locator", "identifiers"})
#: Top-level keys set off by a blank line.
SECTIONS = frozenset({"sources", "anchors", "domains", "evidence", "exposure"})
#: Where the lines of a folded text end (the bundled frameworks' width, indentation included).
WIDTH = 100
#: The format reference's indentation: a nested mapping by 2, a list item's ``-`` 2 under its key.
INDENT = 2


def double_quoted_key(key: Any, value: Any) -> bool:
    """Whether the text ``value`` of ``key`` is always written in double quotes (an evidence
    ``value`` that is text too: a reader must not take it for a number)."""
    return key in DOUBLE_QUOTED or (key == "value" and isinstance(value, str))


_SAFE_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;()'/_\-]*")
_SAFE_FLOW_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .;()'/_\-]*")
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def plain_ok(text: str, flow: bool = False) -> bool:
    """True when ``text`` written without quotes reads back as the same text (in a flow
    collection when ``flow``): no number, date, boolean, comment or indicator confusion.

    Ordinary words and sentences are answered at once; anything else is read back by the one
    reading path (:func:`skillframe.load.load_text`), so the answer is the reader's own.
    """
    if not text or text != text.strip() or "\n" in text:
        return False
    pattern = _SAFE_FLOW_PLAIN if flow else _SAFE_PLAIN
    if pattern.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return True
    from skillframe.load import load_text

    probe = f"k: [{text}]\n" if flow else f"k: {text}\n"
    doc = load_text(probe, "")
    want = [text] if flow else text
    # The probe has no schema: SF006 says so, and is the one problem expected. A bare date
    # reads back as the same text here, but as a timestamp in YAML 1.1 (SF107): quote it.
    return (
        all(p.code == "SF006" for p in doc.problems) and not doc.remarks and doc.data == {"k": want}
    )


def printable(char: str) -> bool:
    """YAML's printable characters, less those a reader may take for a line break
    (NEL, LINE and PARAGRAPH SEPARATOR), which are written escaped instead."""
    code = ord(char)
    return (
        0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and code not in (0x2028, 0x2029))
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or 0x10000 <= code <= 0x10FFFF
    )


def double_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    out = ['"']
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def foldable(text: str) -> bool:
    """Whether a folded (``>-``) block can carry ``text`` exactly."""
    return bool(text) and text == text.strip() and "\n" not in text and all(map(printable, text))


def fold_positions(text: str, width: int) -> list[int]:
    """Where a folded text breaks its lines: at single spaces (a break at a double space would
    change the text), so that each line holds at most ``width`` characters where a space
    allows; a word longer than the width stands on a line of its own. ``width`` 0: one line."""
    body = text.rstrip("\n")
    if width <= 0 or "\n" in body:
        return []
    breaks = [
        i
        for i in range(1, len(body) - 1)
        if body[i] == " " and body[i - 1] != " " and body[i + 1] != " "
    ]
    positions: list[int] = []
    start = 0
    at = 0  # the first break not yet passed
    while len(body) - start > width and at < len(breaks):
        cut = None
        while at < len(breaks) and breaks[at] - start <= width:
            cut = breaks[at]
            at += 1
        if cut is None:  # a word longer than the width: break after it
            cut = breaks[at]
            at += 1
        positions.append(cut)
        start = cut + 1
    return positions


def fold_lines(text: str, width: int) -> list[str]:
    """The lines of ``text`` folded at :func:`fold_positions`."""
    lines, start = [], 0
    for cut in fold_positions(text, width):
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


# -- ids --------------------------------------------------------------------------------------

#: An id: lowercase letters and digits, single hyphens between words.
SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG)
#: The usual levels of mastery, lowest first.
DEFAULT_LEVELS = ("foundational", "intermediate", "advanced", "expert")


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


def slugify(text: str, fallback: str = "", limit: int = 60) -> str:
    """An id from a title: lowercase ASCII words joined by hyphens ("MD.Table" -> "md-table"),
    cut at a word boundary before ``limit`` characters; ``fallback`` when no word is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = ""
    for word in re.findall(r"[a-z0-9]+", ascii_text.lower()):
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > limit and slug:
            break
        slug = longer[:limit]
    return slug or fallback


def unique_id(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... whichever is not taken."""
    used = taken if isinstance(taken, (set, frozenset, dict)) else set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def name_from_id(ident: str) -> str:
    """A readable name for an id: ``critical-thinking`` -> ``Critical thinking``."""
    words = ident.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


# -- walking a framework that may be malformed ------------------------------------------------

At = tuple[Any, ...]


def list_at(data: Any, key: str) -> list[Any] | None:
    """``data[key]`` when ``data`` is a mapping and that is a list; else None."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else None


def items(data: Any, key: str) -> Iterator[tuple[At, dict[str, Any]]]:
    """The mappings in the top-level list ``key``, with their paths."""
    for index, item in enumerate(list_at(data, key) or ()):
        if isinstance(item, dict):
            yield (key, index), item


def statements(data: Any) -> Iterator[tuple[At, dict[str, Any], dict[str, Any]]]:
    """Every statement mapping as (path, statement, its domain)."""
    for domain_at, domain in items(data, "domains"):
        for index, statement in enumerate(list_at(domain, "statements") or ()):
            if isinstance(statement, dict):
                yield (*domain_at, "statements", index), statement, domain


def ids_of(entries: Iterable[Any]) -> list[str]:
    """The text ids of the mappings among ``entries``."""
    return [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]


def level_ids(data: Any) -> list[str]:
    return ids_of(list_at(data, "levels") or ())


def domain_ids(data: Any) -> list[str]:
    return ids_of(list_at(data, "domains") or ())


def statement_ids(data: Any) -> list[str]:
    return ids_of(statement for _, statement, _ in statements(data))
