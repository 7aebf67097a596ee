"""The list-cell grammar shared by CSV and CASE notes, and formula neutralisation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.export.cells import (
    format_citations,
    format_list,
    neutralise,
    parse_citations,
    parse_list,
    restore,
)
from skillframe.model import Citation

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
SOURCE = TEXT.filter(bool)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+1 more", "'+1 more"),
        ("-20 °C", "'-20 °C"),
        ("@cmd", "'@cmd"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'=looks neutralised", "''=looks neutralised"),
        ("''", "'''"),
        ("'Twas", "'Twas"),
        ("'", "'"),
        ("plain", "plain"),
        ("", ""),
        (" =space first", " =space first"),
        # A reader that splits on ';' or tabs (Excel in many locales) starts a cell there too.
        ("checks bags;=cmd|' /C calc'!A0", "checks bags;'=cmd|' /C calc'!A0"),
        ("a\t@b", "a\t'@b"),
        ("a;\t=b", "a;'\t'=b"),
        ("a;'=b", "a;''=b"),
        ("a; -b", "a; -b"),
        ("a;'b", "a;'b"),
    ],
)
def test_neutralise_and_restore(cell: str, written: str) -> None:
    assert neutralise(cell) == written
    assert restore(written) == cell


def test_hand_typed_apostrophe_is_removed_before_a_formula_start() -> None:
    assert restore("'-20 °C") == "-20 °C"
    assert restore("'Twas") == "'Twas"


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_restore_undoes_neutralise(cell: str) -> None:
    assert restore(neutralise(cell)) == cell
    assert not neutralise(cell).startswith(("=", "+", "-", "@", "\t", "\r"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="=+-@\t\r;'a ", max_size=12))
def test_no_cell_starts_a_formula_whatever_the_separator(cell: str) -> None:
    import re

    written = neutralise(cell)
    assert restore(written) == cell
    for part in re.split("[;\t]", written):
        assert not part.startswith(("=", "+", "-", "@", "\r")), (cell, written)


def test_citation_cells() -> None:
    citations = [
        Citation("pathsmith"),
        Citation("onet", "task 9450"),
        Citation("x", "a; b | c = d \\ e", "note; with | separators"),
        Citation("y", None, "only a note"),
    ]
    cell = format_citations(citations)
    assert cell == (
        "pathsmith; onet=task 9450; x=a\\; b \\| c \\= d \\\\ e | note\\; with \\| separators; "
        "y | only a note"
    )
    assert parse_citations(cell) == citations


def test_hand_typed_cells() -> None:
    assert parse_citations(" pathsmith ;onet = task 9450;; ") == [
        Citation("pathsmith"),
        Citation("onet", "task 9450"),
    ]
    assert parse_citations("onet=task=1") == [Citation("onet", "task=1")]
    assert parse_list("a;b; c ;") == ["a", "b", "c"]
    assert parse_list("") == []


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("onet=x | a | b", "more than one '|'"),
        ("=task 1", "names no source"),
        (" | a note", "names no source"),
    ],
)
def test_bad_citation_cells(cell: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_citations(cell)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.builds(
            Citation,
            SOURCE,
            st.none() | TEXT.filter(bool),
            st.none() | TEXT.filter(bool),
        ),
        max_size=4,
    )
)
def test_citations_round_trip(citations: list[Citation]) -> None:
    cell = format_citations(citations)
    assert "\n" not in cell and "\r" not in cell
    assert parse_citations(cell) == citations


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, max_size=4))
def test_lists_round_trip(items: list[str]) -> None:
    items = [i for i in items if i]
    assert parse_list(format_list(items)) == items
