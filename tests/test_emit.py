"""The YAML writer of the importers: the bundled style, and exact read-back of any text."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.export.common import framework_data
from skillframe.importers.emit import double_quoted, dump
from skillframe.load import load_path, load_text
from skillframe.model import read_framework

from .conftest import BUNDLED, FIXTURES


def test_bundled_framework_is_written_in_its_own_style() -> None:
    """Written from its data, the bundled framework matches its file line for line, except
    for comments that are not a domain's name."""
    written = dump(framework_data(read_framework(BUNDLED))).splitlines()
    original = BUNDLED.read_text(encoding="utf-8").splitlines()
    names = {f"  # {d.name}" for d in read_framework(BUNDLED).domains}
    kept = [line for line in original if not line.lstrip().startswith("#") or line in names]
    assert written == kept


def test_header_comments_and_flow_style() -> None:
    data = {
        "schema": "skillframe/framework@1",
        "id": "x",
        "title": "true",
        "version": "2026.1",
        "scope": "line one\nline two",
        "levels": [{"id": "a", "name": "A"}],
        "sources": {
            "s": {
                "title": "S",
                "type": "paper",
                "authors": ["Jadhav", "Danve"],
                "year": 2026,
                "identifiers": {"arxiv": "2604.06906"},
                "locator": {"pattern": "^task \\d+$", "example": "task 1"},
            }
        },
        "domains": [],
    }
    text = dump(data, ["first", "second\nthird"])
    assert text == (
        "# first\n"
        "# second\n"
        "# third\n"
        "schema: skillframe/framework@1\n"
        "id: x\n"
        'title: "true"\n'
        'version: "2026.1"\n'
        "scope: |-\n"
        "  line one\n"
        "  line two\n"
        "levels:\n"
        "  - id: a\n"
        "    name: A\n"
        "\n"
        "sources:\n"
        "  s:\n"
        "    title: S\n"
        "    type: paper\n"
        "    authors: [Jadhav, Danve]\n"
        "    year: 2026\n"
        '    identifiers: {arxiv: "2604.06906"}\n'
        "    locator: {pattern: '^task \\d+$', example: \"task 1\"}\n"
        "\n"
        "domains: []\n"
    )


def test_double_quoted_escapes() -> None:
    assert (
        double_quoted('a"b\\c\n\r\t\x07\ufeff\U0001f600')
        == '"a\\"b\\\\c\\n\\r\\t\\x07\\ufeff\U0001f600"'
    )


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=120, deadline=None)
@given(title=ANY_TEXT, text=ANY_TEXT, tags=st.lists(ANY_TEXT, max_size=3))
def test_any_text_reads_back_exactly(title: str, text: str, tags: list[str]) -> None:
    data: dict[str, Any] = {
        "schema": "skillframe/framework@1",
        "id": title,
        "title": title,
        "scope": text,
        "levels": [{"id": "a", "name": title, "description": text}],
        "domains": [
            {
                "id": "d",
                "name": text,
                "statements": [
                    {"id": "s", "title": title, "text": text, "cite": [title], "tags": tags}
                ],
            }
        ],
    }
    doc = load_text(dump(data), "x.yaml")
    assert not doc.problems
    assert doc.data == data


def test_valid_fixtures_read_back() -> None:
    for path in sorted((FIXTURES / "valid").glob("*.yaml")):
        doc = load_path(path)
        if doc.kind == "framework":
            assert load_text(dump(doc.data), "x").data == doc.data
