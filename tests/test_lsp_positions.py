"""Positions for the language server: lint's line:column (the YAML parser's count) against LSP's
0-based lines and UTF-16 (or UTF-8, UTF-32) columns, on texts with every kind of line break and
characters outside the Basic Multilingual Plane."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.load import load_text
from skillframe.lsp.positions import UTF8, UTF16, UTF32, TextIndex, token_end, units, unquote

PIECES = st.lists(
    st.sampled_from(["a", "é", "😀", " ", ":", "\n", "\r\n", "\r", "\u2028", "\x85", "𝕏", "-"]),
    max_size=40,
)


def reference(text: str, offset: int, encoding: str) -> tuple[int, int]:
    """LSP's position of an offset (not inside a CRLF), the slow and obvious way."""
    before = text[:offset]
    line = len(re.findall("\r\n|\r|\n", before))
    column = before[max(before.rfind("\n"), before.rfind("\r")) + 1 :]
    size = {
        UTF16: len(column.encode("utf-16-le")) // 2,
        UTF8: len(column.encode("utf-8")),
        UTF32: len(column),
    }
    return line, size[encoding]


@settings(max_examples=150, deadline=None)
@given(PIECES, st.sampled_from([UTF8, UTF16, UTF32]))
def test_lsp_positions_round_trip(pieces: list[str], encoding: str) -> None:
    text = "".join(pieces)
    index = TextIndex(text, encoding)
    for offset in range(len(text) + 1):
        position = index.position(offset)
        if text[offset - 1 : offset + 1] != "\r\n":
            assert position == reference(text, offset, encoding)
            assert index.offset_of(*position) == offset


@settings(max_examples=150, deadline=None)
@given(PIECES)
def test_yaml_lines_and_columns_round_trip(pieces: list[str]) -> None:
    text = "".join(pieces)
    index = TextIndex(text)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] != "\r\n":
            assert index.offset(*index.line_column(offset)) == offset


def test_yaml_counts_lines_as_the_parser_does() -> None:
    # NEL and LINE SEPARATOR end a line for the YAML parser, not for LSP
    text = "a: 1\u2028b: 2\x85c: [x, 😀, bad]\r\nd: 4\n"
    doc = load_text(text, "t.yaml")
    index = TextIndex(text)
    pos = doc.positions[("c", 2)]
    offset = index.offset(pos.line, pos.column)
    assert text[offset : offset + 3] == "bad"
    before = "a: 1\u2028b: 2\x85c: [x, 😀, "
    assert index.position(offset) == (0, len(before) + 1)  # the emoji is two UTF-16 units
    pos = doc.positions[("d",)]
    assert index.position(index.offset(pos.line, pos.column)) == (1, 3)


def test_a_column_inside_a_surrogate_pair_counts_the_whole_character() -> None:
    index = TextIndex("😀x")
    assert index.offset_of(0, 1) == 1
    assert index.offset_of(0, 2) == 1
    assert index.offset_of(0, 99) == 2


def test_units() -> None:
    assert [units("a😀é", e) for e in (UTF8, UTF16, UTF32)] == [7, 4, 3]


def test_token_ends() -> None:
    cases = {
        "cite: [onet2, pathsmith]": (7, "onet2"),
        "cite: ['o''x', pathsmith]": (7, "'o''x'"),
        'url: "https://a.b/c"  # where': (5, '"https://a.b/c"'),
        "level: expret   # a comment": (7, "expret"),
        "titel: Something: else": (0, "titel"),
        "sources: {a: {title: T}}": (9, "{a: {title: T}}"),
        "text: >-": (6, ">-"),
        "  - pathsmth": (4, "pathsmth"),
        "  - id: x": (2, "- id: x"),
        "url: https://x.org/a:b": (5, "https://x.org/a:b"),
    }
    for line, (start, token) in cases.items():
        assert line[start : token_end(line, start)] == token, line
    assert unquote("'o''x'") == "o'x"
    assert unquote('"onet"') == "onet"
    assert unquote("onet") == "onet"
