"""Write framework data as YAML in the style of the bundled frameworks.

Keys are written in the order given (importers build data in the file format's order), lists
under a key are indented by two spaces, long texts (scope, descriptions, statement texts) are
folded (``>-``) at 100 columns, short lists of ids are written in brackets, versions, codes,
locators and links are double-quoted, and a blank line sets off the big sections and each
domain, which is headed by a comment with its name.

A string that a plain, folded or literal scalar cannot carry exactly is double-quoted with
escapes. The text written is parsed again and compared with the data before it is returned, so
what is written always reads back as the same data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from skillframe import spec
from skillframe.spec import (
    FLOW_LISTS,
    FLOW_MAPS,
    FOLDED,
    SECTIONS,
    SINGLE_QUOTED,
    WIDTH,
    double_quoted,
    fold_lines,
    foldable,
    plain_ok,
    printable,
)


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    return (
        len(lines) > 1
        and bool(lines[0])
        and not lines[0][0].isspace()
        and all(line == line.rstrip() for line in lines)
        and bool(lines[-1])
        and all(printable(c) or c in "\t\n" for c in text)
        and "\t" not in text
    )


class _Writer:
    def __init__(self, quote_all: bool) -> None:
        self.quote_all = quote_all
        self.lines: list[str] = []

    def scalar(self, key: str | None, value: Any, flow: bool = False) -> str:
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            if value != value:
                return ".nan"
            if value in (float("inf"), float("-inf")):
                return ".inf" if value > 0 else "-.inf"
            return repr(value)
        text = str(value)
        if self.quote_all or spec.double_quoted_key(key, value):
            return double_quoted(text)
        if key in SINGLE_QUOTED and "'" not in text and all(printable(c) for c in text) and text:
            return f"'{text}'"
        if plain_ok(text, flow):
            return text
        return double_quoted(text)

    def key(self, key: str) -> str:
        return key if plain_ok(key, flow=True) else double_quoted(key)

    def string_block(self, prefix: str, indent: int, key: str, text: str) -> None:
        """``key:`` with a folded or literal block when the key calls for one."""
        if not self.quote_all and key in FOLDED:
            inner = " " * (indent + 2)
            if foldable(text):
                self.lines.append(f"{prefix}>-")
                self.lines.extend(inner + line for line in fold_lines(text, WIDTH - len(inner)))
                return
            if _literal_ok(text):
                self.lines.append(f"{prefix}|-")
                self.lines.extend(inner + line if line else "" for line in text.split("\n"))
                return
        self.lines.append(prefix + self.scalar(key, text))

    def flow_list(self, items: list[Any]) -> str | None:
        if not all(not isinstance(i, (dict, list)) for i in items):
            return None
        parts = [self.scalar(None, i, flow=True) for i in items]
        return "[" + ", ".join(parts) + "]"

    def flow_map(self, data: Mapping[str, Any]) -> str | None:
        if any(isinstance(v, (dict, list)) for v in data.values()):
            return None
        parts = [f"{self.key(k)}: {self.scalar(k, v, flow=True)}" for k, v in data.items()]
        return "{" + ", ".join(parts) + "}"

    def mapping(
        self, data: Mapping[str, Any], indent: int, first_prefix: str | None = None
    ) -> None:
        pad = " " * indent
        for number, (key, value) in enumerate(data.items()):
            prefix = first_prefix if number == 0 and first_prefix is not None else pad
            prefix += f"{self.key(key)}: "
            if indent == 0 and key in SECTIONS and self.lines:
                self.lines.append("")
            self.value(prefix, indent, key, value)

    def value(self, prefix: str, indent: int, key: str, value: Any) -> None:
        if isinstance(value, (dict, list)):
            is_map = isinstance(value, dict)
            if not value:
                self.lines.append(prefix + ("{}" if is_map else "[]"))
                return
            if key in (FLOW_MAPS if is_map else FLOW_LISTS):
                flow = self.flow_map(value) if isinstance(value, dict) else self.flow_list(value)
                if flow and len(prefix) + len(flow) <= WIDTH:
                    self.lines.append(prefix + flow)
                    return
            self.lines.append(prefix.rstrip())
            if isinstance(value, dict):
                self.mapping(value, indent + 2)
            else:
                self.sequence(value, indent + 2, key)
        elif isinstance(value, str):
            self.string_block(prefix, indent, key, value)
        else:
            self.lines.append(prefix + self.scalar(key, value))

    def sequence(self, items: Iterable[Any], indent: int, key: str) -> None:
        pad = " " * indent
        for number, item in enumerate(items):
            if key == "domains" and isinstance(item, dict):
                if number:
                    self.lines.append("")
                name = _comment_text(" ".join(str(item.get("name", "")).split()))
                if name:
                    self.lines.append(f"{pad}# {name}")
            if isinstance(item, dict) and item:
                self.mapping(item, indent + 2, first_prefix=pad + "- ")
            elif isinstance(item, list) and item:
                self.lines.append(pad + "-")
                self.sequence(item, indent + 2, key)
            else:
                self.value(pad + "- ", indent, key, item)


def _comment_text(text: str) -> str:
    """Text that may stand in a comment: characters YAML refuses become U+FFFD."""
    return "".join(c if printable(c) or c == "\t" else "\ufffd" for c in text)


def comment_lines(lines: Iterable[str]) -> list[str]:
    """Text as YAML comment lines (each line of the text its own comment)."""
    out = []
    for line in lines:
        for part in str(line).splitlines() or [""]:
            out.append(("# " + _comment_text(part)).rstrip())
    return out


def dump(data: Mapping[str, Any], header: Iterable[str] = ()) -> str:
    """YAML text for ``data`` (plain dicts, lists and scalars), led by ``header`` comments
    (text, one comment line each).

    Raises ValueError if the text cannot be made to read back as the data (a bug).
    """
    from skillframe.load import load_text

    expected = json.loads(json.dumps(data))
    for quote_all in (False, True):
        writer = _Writer(quote_all)
        writer.lines.extend(comment_lines(header))
        writer.mapping(data, 0)
        text = "\n".join(writer.lines) + "\n"
        doc = load_text(text, "<generated>")
        # The kind of file (its schema: key) is the caller's business, not the writer's.
        ok = all(p.code == "SF006" for p in doc.problems) and not doc.remarks
        if doc.data == expected and ok:
            return text
    raise ValueError("the YAML written does not read back as the data")
