"""Read a YAML file into plain data plus the position of every node.

This is the fast path used by ``lint`` and by every check of an edit: ruamel.yaml's C parser
composes the node tree (YAML 1.2), and one walk turns it into plain dicts, lists and scalars while
recording where each node starts. Nothing here raises on bad input: every problem (bad encoding,
syntax, duplicate keys, unknown tags, limits) becomes a :class:`Problem` with a line and column.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from skillframe.diagnostics import At, Fix
from skillframe.printable import printable

#: The ``schema:`` values this tool knows, and the kind of file each one names.
KINDS = {
    "skillframe/framework@1": "framework",
    "skillframe/sources@1": "sources",
    "skillframe/taxonomy@1": "taxonomy",
}

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Data files read whole rather than as frameworks (imports, O*NET task lists, configuration).
MAX_DATA_BYTES = 1 << 30
MAX_DEPTH = 64
#: Values that aliases may add to a document by repeating others: a "billion laughs" file stops here.
MAX_NODES = 500_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class Pos(NamedTuple):
    """Where a node starts (1-based). For a mapping value, ``key_*`` is where its key starts."""

    line: int
    column: int
    key_line: int
    key_column: int


@dataclass(frozen=True)
class Problem:
    """A problem found while reading a file, before any rule runs."""

    code: str
    line: int
    column: int
    message: str
    fix: Fix | None = None


@dataclass
class Document:
    """One file as read: its text, its plain data, and the position of every node."""

    path: str
    text: str
    data: Any = None
    positions: dict[At, Pos] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Problems of how a value is written that leave the file readable and editable (an
    #: unquoted date): reported by lint like the others, but no reason to refuse an edit.
    remarks: list[Problem] = field(default_factory=list)
    kind: str | None = None
    bom: bool = False
    #: The composed node tree (marks and styles), kept when asked for: an edit splices at it.
    node: Any = field(default=None, repr=False, compare=False)
    #: The text split into lines, kept for the text it was split from.
    _lines: tuple[str, list[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def parsed(self) -> bool:
        """True when the YAML was read into data (it may still break the schema)."""
        return self.data is not None and not any(p.code in _FATAL for p in self.problems)

    def locate(self, at: At, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at ``at``; a path that does not exist falls back to the
        nearest parent that does (so a missing key points at the mapping that lacks it)."""
        path = tuple(at)
        while path:
            pos = self.positions.get(path)
            if pos is not None:
                return (pos.key_line, pos.key_column) if key else (pos.line, pos.column)
            path = path[:-1]
        pos = self.positions.get(())
        return (pos.line, pos.column) if pos else (1, 1)

    def value_at(self, at: At) -> Any:
        """The data at ``at``, or None when the path does not exist."""
        node = self.data
        for step in at:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def locate_within(self, at: At, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset`` of the text value at ``at``.

        The value's words are matched one by one with the file's, from where the value starts
        (past a block scalar's header line or an opening quote), so plain and folded text running
        over several lines is followed. Where the file does not spell the value word for word
        (escapes in quoted text), the value's own position is given.
        """
        value = self.value_at(at)
        pos = self.positions.get(tuple(at))
        if not isinstance(value, str) or pos is None:
            return self.locate(at)
        # The last word of the value starting at or before the offset, and its number.
        index, last = -1, None
        for word_match in _TOKEN.finditer(value):
            if word_match.start() > offset:
                break
            index, last = index + 1, word_match
        if last is None:
            return self.locate(at)
        word = last.group()
        delta = offset - last.start()
        lines = self.lines()
        line, column = pos.line - 1, pos.column - 1
        head = lines[line][column : column + 1] if line < len(lines) else ""
        if head in ("|", ">"):
            line, column = line + 1, 0
        elif head in ("'", '"'):
            column += 1
        seen = 0
        for number in range(line, len(lines)):
            text = lines[number]
            skip = column if number == line else 0
            for match in _TOKEN.finditer(text, skip):
                if seen < index:
                    seen += 1
                    continue
                start = match.start()
                token = match.group()
                if head == "'" and "''" in token and delta == 0:
                    token = token.replace("''", "'")  # 'it''s' spells it's
                spelled = token.startswith(word) and (
                    delta <= len(word) or text[start + len(word) : start + delta].isspace()
                )
                return (number + 1, start + delta + 1) if spelled else self.locate(at)
        return self.locate(at)

    def lines(self) -> list[str]:
        """The text split into lines (without their endings): split once per text, however
        many findings ask, so a file's cost stays linear in its size."""
        if self._lines is None or self._lines[0] is not self.text:
            self._lines = (self.text, self.text.splitlines())
        return self._lines[1]

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending ('' past the end)."""
        lines = self.lines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


_TOKEN = re.compile(r"\S+")

#: Codes after which there is no data to check.
_FATAL = {"SF001", "SF003", "SF004", "SF005", "SF008"}


def _yaml() -> Any:
    # One parser object per process; composing does not keep state between documents.
    global _PARSER
    if _PARSER is None:
        from ruamel.yaml import YAML

        _PARSER = YAML(typ="safe", pure=False)
        _PARSER.Resolver = _table_resolver()
    return _PARSER


_PARSER: Any = None


@cache
def _table_resolver() -> Any:
    """ruamel's YAML 1.2 resolver, answering from a table built once.

    The stock resolver looks the YAML version up again for every scalar (through two caught
    AttributeErrors when the C parser drives it) and makes a new Tag each time: that is half the
    time of composing a framework. This one gives the very same tags: the version is read once
    per document, the same regular expressions are tried in the same order, and the Tag objects
    are shared (nothing changes a Tag once the parser has set it on a node).
    """
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver
    from ruamel.yaml.tag import Tag

    tables: dict[Any, dict[str, list[tuple[Any, Any]]] | None] = {}
    tags: dict[str, Any] = {}

    def shared(suffix: str) -> Any:
        tag = tags.get(suffix)
        if tag is None:
            tag = tags[suffix] = Tag(suffix=suffix)
            _TAG_NAMES[id(tag)] = suffix
        return tag

    def table_for(resolver: Any) -> dict[str, list[tuple[Any, Any]]] | None:
        version = resolver.processing_version
        if version not in tables:
            stock = resolver.versioned_resolver
            built: dict[str, list[tuple[Any, Any]]] | None = {
                first: [(shared(tag), rx.match) for tag, rx in pairs]
                for first, pairs in stock.items()
                if first is not None
            }
            if None in stock:  # resolvers for any first character: leave them to ruamel
                built = None
            tables[version] = built
        return tables[version]

    class TableResolver(VersionedResolver):
        _table: dict[str, list[tuple[Any, Any]]] | None

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is not ScalarNode or self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            try:
                table = self._table
            except AttributeError:
                table = self._table = table_for(self)
            if table is None:
                return super().resolve(kind, value, implicit)
            if implicit[0]:
                for tag, match in table.get(value[:1], ()):
                    if match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG

    for default in ("DEFAULT_SCALAR_TAG", "DEFAULT_SEQUENCE_TAG", "DEFAULT_MAPPING_TAG"):
        tag = getattr(TableResolver, default)
        _TAG_NAMES[id(tag)] = str(tag)
    return TableResolver


#: The tag of every shared Tag object the resolver hands out, by the object's id: reading a
#: node's tag through ``node.tag`` costs three Python calls, a lookup here costs none.
#: The objects live as long as the process, so their ids cannot be taken by another object.
_TAG_NAMES: dict[int, str] = {}


def _tag_names() -> dict[int, str]:
    _yaml()
    return _TAG_NAMES


def too_large(size: int, max_bytes: int) -> Problem:
    """The problem of a file of ``size`` bytes, more than ``max_bytes``."""
    return Problem(
        "SF008",
        1,
        1,
        f"the file is {size:,} bytes, more than the limit of {max_bytes:,} "
        "(raise max-file-size in the configuration if it is really this large)",
    )


class NotRegularFileError(OSError):
    """The path names a FIFO, a device or a socket: reading it could block or never end."""


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Problem:
    """The file's bytes, or a Problem when it is too large; OSError is left to the caller.

    A path that is not a regular file is refused before a byte is read (NotRegularFileError;
    IsADirectoryError for a folder): it is opened without waiting (a FIFO with no writer would
    block the open itself), and what was opened is checked, not the name, so nothing can be
    swapped in between. Never more than ``max_bytes + 1`` bytes are read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(handle)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFileError(
                errno.EINVAL, "not a regular file (a device, pipe or socket?)", str(path)
            )
        os.set_blocking(handle, True)
        size = status.st_size
        if size > max_bytes:
            return too_large(size, max_bytes)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def read_file(path: Path, shown: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Problem:
    """The one way every command reads an input file: :func:`read_bytes`, with each reason it
    cannot be read told in one line (SkillframeError, exit 2) naming the file as ``shown``.

    A Problem (SF008) is returned, not raised, for a file over ``max_bytes``.
    """
    from skillframe.errors import SkillframeError

    try:
        return read_bytes(path, max_bytes)
    except FileNotFoundError:
        what = "link that points nowhere" if os.path.islink(path) else "path"
        raise SkillframeError(f"{what} '{shown}' does not exist") from None
    except IsADirectoryError:
        raise SkillframeError(f"'{shown}' is a folder, not a file") from None
    except NotRegularFileError:
        raise SkillframeError(
            f"'{shown}' is not a regular file (a device, pipe or socket?)"
        ) from None
    except OSError as exc:
        raise SkillframeError(f"cannot read '{shown}': {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name
        raise SkillframeError(f"cannot read '{shown}': the name holds a NUL character") from None


def load_path(
    path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read and parse one file. A file that cannot be read (missing, unreadable, a folder, a
    pipe) raises SkillframeError, as :func:`read_file` words it."""
    shown = display if display is not None else str(path)
    raw = read_file(path, shown, max_bytes)
    if isinstance(raw, Problem):
        return Document(shown, "", problems=[raw])
    return load_bytes(raw, shown)


def decode(raw: bytes) -> tuple[str, bool] | Problem:
    """UTF-8 text (a BOM is dropped and remembered), or a Problem at the first bad byte."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return Problem("SF004", 1, 1, "the file is UTF-32: save it as UTF-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem("SF004", 1, 1, "the file is UTF-16: save it as UTF-8")
    if b"\x00" in raw[:8192]:
        return Problem("SF004", 1, 1, "this is a binary file, not a YAML text file")
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        return body.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return Problem(
            "SF004",
            line,
            column,
            f"byte 0x{body[exc.start]:02x} is not valid UTF-8: save the file as UTF-8",
        )


def load_bytes(raw: bytes, path: str) -> Document:
    """Parse bytes into a Document; every problem is recorded, none is raised."""
    decoded = decode(raw)
    if isinstance(decoded, Problem):
        return Document(path, raw.decode("utf-8", "replace"), problems=[decoded])
    text, bom = decoded
    doc = load_text(text, path)
    doc.bom = bom
    return doc


def load_text(text: str, path: str, keep_node: bool = False) -> Document:
    """Parse YAML text into a Document; every problem is recorded, none is raised.
    ``keep_node`` keeps the composed node tree on it."""
    doc = Document(path, text)
    if not _has_content(text):
        doc.problems.append(Problem("SF005", 1, 1, "the file is empty: it holds no YAML data"))
        return doc
    directive = _version_directive(text)
    if directive is not None:
        doc.problems.append(directive)
        return doc
    too_deep = _nesting_beyond(text, PARSER_DEPTH_LIMIT)
    if too_deep is not None:
        doc.problems.append(
            Problem("SF008", too_deep, 1, f"the file is nested more than {MAX_DEPTH} levels deep")
        )
        return doc
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        node = _yaml().compose(io.StringIO(text))
    except MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(exc, text))
        return doc
    except YAMLError as exc:  # ReaderError: a control character the YAML reader refuses
        doc.problems.append(_reader_problem(exc, text))
        return doc
    except RecursionError:
        doc.problems.append(
            Problem("SF008", 1, 1, f"the file is nested more than {MAX_DEPTH} levels deep")
        )
        return doc
    if node is None:
        doc.problems.append(Problem("SF005", 1, 1, "the file is empty: it holds no YAML data"))
        return doc
    walker = _Walker(doc)
    try:
        # Without an anchor ('&') no node is shared: only a file with anchors can expand.
        if "&" in text:
            _check_expansion(node)
        doc.data = walker.walk(node, (), None, 0)
    except _LimitReached as exc:
        doc.data = None
        doc.problems.append(Problem("SF008", exc.line, exc.column, exc.message))
        return doc
    doc.kind = _kind_of(doc)
    if keep_node:
        doc.node = node
    return doc


#: Nesting far beyond MAX_DEPTH is refused before parsing: the parser would exhaust the C stack.
PARSER_DEPTH_LIMIT = 1000
_OPEN_CLOSE = re.compile(r"[\[\]{}]")
_BLOCK_PREFIX = re.compile(r"^(?:[ ]*(?:[-?:][ ]+)?)*", re.MULTILINE)


def _nesting_beyond(text: str, limit: int) -> int | None:
    """The line where brackets or block indicators nest past ``limit``, or None.

    An over-estimate (brackets inside quoted text count too) is fine: real files stay far below.
    """
    # Each scan runs only when it could find something (a test holds the two ways equal):
    # brackets cannot nest deeper than they are opened, and a block prefix longer than the
    # limit needs that many of its characters at the start of one line.
    if text.count("[") + text.count("{") > limit:
        depth = 0
        for match in _OPEN_CLOSE.finditer(text):
            depth += 1 if match.group() in "[{" else -1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1
    if len(text) // 2 > limit and _long_prefix(text, limit):
        for match in _BLOCK_PREFIX.finditer(text):
            if len(match.group()) > limit:
                return text.count("\n", 0, match.start()) + 1
    return None


def _long_prefix(text: str, limit: int) -> bool:
    """Whether some line starts with more than ``limit`` block prefix characters."""
    run = f"[ ?:-]{{{limit + 1}}}"
    return re.match(run, text) is not None or re.search("\n" + run, text) is not None


_DIRECTIVE = re.compile(r"%YAML[ \t]+(\S*)")


def _version_directive(text: str) -> Problem | None:
    """A Problem for a ``%YAML`` directive naming any version but 1.2, or None.

    The fast reader ignores the directive and the round-trip reader honours it, so a file that
    asks for YAML 1.1 would mean one thing to lint and another to an edit (``id: yes`` is text
    in one, true in the other). The file format is YAML 1.2: such a file is refused by every
    command alike. Directives stand before the document, so only the lines before the first
    line of content are looked at.
    """
    # Lines are read lazily, and any line ending ends a line (newline=None).
    for number, line in enumerate(io.StringIO(text, newline=None)):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line.startswith("%"):
            return None
        found = _DIRECTIVE.match(line)
        if found is not None and found.group(1) != "1.2":
            return Problem(
                "SF001",
                number + 1,
                1,
                f"the file asks for YAML {found.group(1) or '(no version)'} "
                f"('{printable(found.group(0))}'): skillframe files are YAML 1.2, where yes, "
                "no, on and off are text; remove that line",
            )
    return None


_CONTENT = re.compile(r"^\s*[^\s#]", re.MULTILINE)


def _has_content(text: str) -> bool:
    # A CR alone ends a line too (old Mac files): "^" must see those lines start.
    bare = text.replace("---", "").replace("...", "").replace("\r", "\n")
    return bool(_CONTENT.search(bare))


_HINTS = {
    "mapping values are not allowed": "a ':' where none belongs: put text that contains ': ' in quotes, or check the indentation",
    "found character that cannot start any token": "a character that cannot start a value here: put the text in quotes",
    "did not find expected key": "the indentation of this line does not line up with the lines above",
    "did not find expected '-' indicator": "a list item is expected here: check the indentation",
    "found unexpected end of stream": "a quote or bracket is opened but never closed",
    "could not find expected ':'": "a key is missing its ':' or a quote is not closed",
    "but found another document": "the file holds more than one YAML document ('---'): keep one",
    "found undefined alias": "this alias ('*name') refers to no anchor ('&name')",
    "did not find expected ',' or ']'": "a list in brackets is not closed with ']'",
    "did not find expected ',' or '}'": "a mapping in braces is not closed with '}'",
}


def _syntax_problem(exc: Any, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = str(exc.problem or exc.context or "invalid YAML").strip()
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent:
        column = indent.index("\t") + 1
        return Problem("SF003", line, column, "a tab is used for indentation: YAML needs spaces")
    from skillframe.hints import syntax_hint

    likely = syntax_hint(problem, text, line, column)
    if likely is not None:
        return Problem("SF001", likely.line, likely.column, f"YAML syntax error: {likely.message}")
    hint = next((h for key, h in _HINTS.items() if key in problem), "")
    message = f"YAML syntax error: {problem}"
    if hint:
        message += f" ({hint})"
    return Problem("SF001", line, column, message)


def _reader_problem(exc: Any, text: str) -> Problem:
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    if isinstance(position, int) and 0 <= position <= len(text):
        before = text[:position]
        line = before.count("\n") + 1
        column = position - (before.rfind("\n") + 1) + 1
    else:
        line, column = 1, 1
    what = f"U+{ord(character):04X}" if isinstance(character, str) else "a control character"
    return Problem(
        "SF001", line, column, f"YAML syntax error: {what} is not allowed in a YAML file"
    )


def _kind_of(doc: Document) -> str | None:
    data = doc.data
    if not isinstance(data, dict):
        doc.problems.append(
            Problem(
                "SF006", 1, 1, "the file is not a mapping of keys: it must start with 'schema:'"
            )
        )
        return None
    value = data.get("schema")
    if value is None:
        line, column = doc.locate(())
        known = ", ".join(KINDS)
        doc.problems.append(
            Problem(
                "SF006",
                line,
                column,
                f"the file has no 'schema:' key; it must name one of: {known}",
            )
        )
        return None
    kind = KINDS.get(value) if isinstance(value, str) else None
    if kind is None:
        line, column = doc.locate(("schema",))
        known = ", ".join(KINDS)
        doc.problems.append(
            Problem("SF006", line, column, f"unknown schema {value!r}: it must be one of: {known}")
        )
    return kind


class _LimitReached(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def _check_expansion(root: Any) -> None:
    """Refuse a document whose aliases would expand without end, or too far, before expanding
    anything.

    Each distinct node is sized once (aliases share nodes), so a "billion laughs" file is
    refused in the time it takes to count its few dozen distinct nodes. An alias inside the
    value its anchor names (``x: &a [*a]``) is a loop: found while its node is still being
    sized. The limit counts only what aliases add: a large file that repeats nothing is never
    refused here (``max-file-size`` bounds it).
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if node.id == "scalar":
            sizes[key] = 1
            continue
        children = [n for pair in node.value for n in pair] if node.id == "mapping" else node.value
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            continue
        if key in sizes:
            continue
        open_nodes.add(key)
        stack.append((node, True))
        for child in children:
            child_key = id(child)
            if child_key in open_nodes:
                mark = node.start_mark
                raise _LimitReached(
                    mark.line + 1,
                    mark.column + 1,
                    "an alias ('*name') inside the value its anchor ('&name') names: it would "
                    "expand without end, so the file is refused",
                )
            if child_key not in sizes:
                stack.append((child, False))
    added = sizes[id(root)] - len(sizes)
    if added > MAX_NODES:
        mark = _first_beyond(root, sizes, len(sizes) + MAX_NODES)
        raise _LimitReached(
            mark.line + 1,
            mark.column + 1,
            "aliases ('*name') repeat values so often that the file would expand to more than "
            f"{MAX_NODES:,} values beyond the ones it holds (aliases repeated inside aliases?): "
            "it is refused",
        )


def _first_beyond(root: Any, sizes: dict[int, int], limit: int) -> Any:
    """The start of the first collection, in file order, whose expansion passes ``limit``."""
    node = root
    while True:
        children = [n for pair in node.value for n in pair] if node.id == "mapping" else node.value
        bigger = next((c for c in children if c.id != "scalar" and sizes[id(c)] > limit), None)
        if bigger is None:
            return node.start_mark
        node = bigger


class _Walker:
    """Turns composed nodes into plain data, recording positions and reading problems.

    This runs once for every node of every file linted, so it reads each node's tag through
    :func:`_tag_names` and keeps the common cases (plain text, mappings, lists) first.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.positions = doc.positions
        self.constructor = _yaml().constructor
        self.names = _tag_names()

    def walk(self, node: Any, at: At, key_node: Any, depth: int) -> Any:
        mark = node.start_mark
        if depth > MAX_DEPTH:
            raise _LimitReached(
                mark.line + 1,
                mark.column + 1,
                f"the file is nested more than {MAX_DEPTH} levels deep",
            )
        if at not in self.positions:
            kmark = key_node.start_mark if key_node is not None else mark
            self.positions[at] = Pos(
                mark.line + 1, mark.column + 1, kmark.line + 1, kmark.column + 1
            )
        node_id = node.id
        if node_id == "scalar":
            return self._scalar(node, at)
        tag = self.names.get(id(node.ctag)) or node.tag
        if node_id == "mapping":
            if tag != _MAP:
                self._tag_problem(node)
            return self._mapping(node, at, depth)
        if tag != _SEQ:
            self._tag_problem(node)
        walk = self.walk
        depth += 1
        return [walk(item, (*at, index), None, depth) for index, item in enumerate(node.value)]

    def _mapping(self, node: Any, at: At, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        names = self.names
        walk = self.walk
        depth += 1
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                mark = key_node.start_mark
                self.doc.problems.append(
                    Problem(
                        "SF001",
                        mark.line + 1,
                        mark.column + 1,
                        "YAML syntax error: a key must be plain text, not a list or mapping",
                    )
                )
                continue
            if names.get(id(key_node.ctag)) == _STR:
                key = key_node.value
            else:
                key = self._scalar(key_node)
                if not isinstance(key, str):
                    # Keys are names: 2026 and true are read as the text "2026" and "true".
                    key = str(key_node.value)
            if key in first_seen:
                mark = key_node.start_mark
                earlier = first_seen[key].start_mark.line + 1
                self.doc.problems.append(
                    Problem(
                        "SF002",
                        mark.line + 1,
                        mark.column + 1,
                        f"duplicate key '{key}': it is already set on line {earlier}",
                    )
                )
                continue
            first_seen[key] = key_node
            result[key] = walk(value_node, (*at, key), key_node, depth)
        return result

    def _scalar(self, node: Any, at: At | None = None) -> Any:
        """A scalar's value; ``at`` is its path when it is a value (not a key)."""
        tag = self.names.get(id(node.ctag)) or node.tag
        if tag == _STR:
            return node.value
        if tag == _INT:
            return self.constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return self.constructor.construct_yaml_float(node)
        if tag == _BOOL:
            return self.constructor.construct_yaml_bool(node)
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            # Dates are kept as the text the writer typed ("2025-09-01"), and reported.
            if at is not None:
                self._date_problem(node, at)
            return node.value
        self._tag_problem(node)
        return node.value

    def _date_problem(self, node: Any, at: At) -> None:
        """An unquoted date: YAML 1.1 readers build a date object, where the format wants text."""
        mark = node.start_mark
        value = node.value
        name = f"'{at[-1]}'" if at and isinstance(at[-1], str) else "this list item"
        fix = None
        if at and isinstance(at[-1], str):
            fix = Fix(at, f"put the date {value} in quotes", value=value)
        self.doc.remarks.append(
            Problem(
                "SF107",
                mark.line + 1,
                mark.column + 1,
                f"{name} is written as a bare date, which YAML 1.1 readers (js-yaml, many editors "
                f'and validators) take for a timestamp, not text: write it in quotes: "{value}"',
                fix,
            )
        )

    def _tag_problem(self, node: Any) -> None:
        mark = node.start_mark
        self.doc.problems.append(
            Problem(
                "SF007",
                mark.line + 1,
                mark.column + 1,
                f"the tag '{node.tag}' is not allowed: remove it (framework files use plain YAML)",
            )
        )
