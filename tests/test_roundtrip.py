"""The round trip underneath every edit: the file's style measured, the dumper's rewriting kept
out of the file, comments kept with what they describe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skillframe import roundtrip, spec, tree
from skillframe.edit import merge
from skillframe.roundtrip import Style
from skillframe.spec import slugify, unique_id

from .conftest import BUNDLED, FIXTURES
from .edit_support import EDIT_FIXTURES


@pytest.mark.parametrize(
    ("path", "style"),
    [
        (BUNDLED, Style(2, 4, 2, wrap=100)),
        (EDIT_FIXTURES / "usual.yaml", Style(2, 4, 2, wrap=98)),
        (EDIT_FIXTURES / "compact.yaml", Style(2, 2, 0)),
        (EDIT_FIXTURES / "wide.yaml", Style(4, 4, 2)),
        (FIXTURES / "valid" / "minimal.yaml", Style(2, 4, 2)),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else "",
)
def test_the_style_is_measured_from_the_file(path: Path, style: Style) -> None:
    text = path.read_text(encoding="utf-8")
    assert roundtrip.detect_style(text) == style


@pytest.mark.parametrize(
    "path", [BUNDLED, *sorted(EDIT_FIXTURES.glob("[!b]*.yaml"))], ids=lambda p: p.name
)
def test_files_in_their_own_style_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    style = roundtrip.detect_style(text)
    base = roundtrip.dump(roundtrip.load(text, style), style)
    # The usual styles come back byte for byte; the rest is spliced back to the original.
    assert (base == text) is (path.name != "compact.yaml")
    assert roundtrip.splice(text, base, base, style) == text


NOISY = """\
schema:   skillframe/framework@1
scope: a plain text
  over two lines
levels:
- {id: a, name: "A \\u00e9"}
- id: b
  name: ~
domains: [ ]
"""


def test_what_the_dumper_rewrites_stays_as_the_writer_wrote_it() -> None:
    style = roundtrip.detect_style(NOISY)
    data = roundtrip.load(NOISY, style)
    base = roundtrip.dump(data, style)
    assert base != NOISY
    tree.set_scalar(data["levels"][1], "name", "Bee")
    edited = roundtrip.dump(data, style)
    text, spliced = merge(NOISY, base, edited, style)
    assert spliced
    assert text == NOISY.replace("  name: ~", "  name: Bee")


def test_crlf_is_kept_and_new_lines_get_it() -> None:
    crlf = NOISY.replace("\n", "\r\n")
    style = roundtrip.detect_style(crlf)
    assert style.newline == "\r\n"
    data = roundtrip.load(crlf, style)
    base = roundtrip.dump(data, style)
    tree.add_key(data["levels"][1], "description", "Second.")
    text, _ = merge(crlf, base, roundtrip.dump(data, style), style)
    assert text == crlf.replace("  name: ~\r\n", "  name: ~\r\n  description: Second.\r\n")


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("plain words", True),
        ("it's fine", True),
        ("needs: quotes", False),
        ("2026.1", False),
        ("yes", True),  # YAML 1.2: only true/false are booleans
        ("true", False),
        ("#hash", False),
        ("a # comment", False),
        ("- dash", False),
        (" padded", False),
        ("", False),
        ("café", True),
    ],
)
def test_plain_only_where_it_reads_back_the_same(text: str, plain: bool) -> None:
    assert spec.plain_ok(text) is plain


def test_plain_in_a_flow_list_is_stricter() -> None:
    assert spec.plain_ok("a, b") is True
    assert spec.plain_ok("a, b", flow=True) is False
    assert spec.plain_ok("x [y]", flow=True) is False


def test_folded_text_is_broken_at_the_width_and_keeps_unchanged_lines() -> None:
    text = "one two three four five six seven eight nine ten eleven twelve"
    value = tree.folded(text, 20)
    assert [text[a:b] for a, b in _lines(value)] == [
        "one two three four",
        "five six seven eight",
        "nine ten eleven",
        "twelve",
    ]
    changed = tree.refold(value, text.replace("six", "6"), 20)
    assert [str(changed)[a:b] for a, b in _lines(changed)] == [
        "one two three four",
        "five 6 seven eight",
        "nine ten eleven",
        "twelve",
    ]


def _lines(value: object) -> list[tuple[int, int]]:
    folds = list(getattr(value, "fold_pos", []))
    starts = [0, *(f + 1 for f in folds)]
    return list(zip(starts, [*folds, len(str(value))], strict=True))


def test_ids_from_titles() -> None:
    assert slugify("Plain-language orders: ship & shore") == "plain-language-orders-ship-shore"
    assert slugify("Café crème") == "cafe-creme"
    assert slugify("!!!") == ""
    assert len(slugify("word " * 40)) <= 60
    assert unique_id("plain", {"plain", "plain-2"}) == "plain-3"


KEYS = """\
a: 1
# about b
b: 2   # b's own
c:
  - x
  - y

# the next section
d: 4
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda m: tree.remove_key(m, "b"), KEYS.replace("b: 2   # b's own\n", "")),
        (
            lambda m: tree.remove_key(m, "c"),
            KEYS.replace("c:\n  - x\n  - y\n", ""),
        ),
        (
            lambda m: tree.add_key(m, "e", 5, after=("a", "b", "c")),
            KEYS.replace("  - y\n", "  - y\ne: 5\n"),
        ),
        (
            lambda m: tree.reorder_keys(m, ["d", "c", "b", "a"], top=True),
            "\n# the next section\nd: 4\nc:\n  - x\n  - y\n# about b\nb: 2   # b's own\na: 1\n",
        ),
        (
            lambda m: tree.reorder_keys(m, ["b", "a"]),
            "b: 2   # b's own\n# about b\na: 1\nc:\n  - x\n  - y\n\n# the next section\nd: 4\n",
        ),
    ],
    ids=["remove", "remove a list", "add", "reorder", "reorder nested"],
)
def test_key_changes_keep_comments(change: object, expected: str) -> None:
    style = roundtrip.detect_style(KEYS)
    data = roundtrip.load(KEYS, style)
    change(data)  # type: ignore[operator]
    assert roundtrip.dump(data, style) == expected


def _empty(m: Any) -> None:
    tree.remove_item(m["c"], 1, (m, "c"))
    tree.remove_item(m["c"], 0, (m, "c"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_empty, KEYS.replace("c:\n  - x\n  - y\n", "c: []\n")),
        (
            lambda m: tree.sync_items(m["c"], ["x", "y"], ["w", "y", "z"], str, (m, "c")),
            KEYS.replace("  - x\n  - y\n", "  - w\n  - y\n  - z\n"),
        ),
        (
            lambda m: tree.sync_items(m["c"], ["x", "y"], [], str, (m, "c")),
            KEYS.replace("c:\n  - x\n  - y\n", "c: []\n"),
        ),
    ],
    ids=["emptied", "synced", "synced to nothing"],
)
def test_list_changes_keep_comments(change: Any, expected: str) -> None:
    """An emptied list is ``[]`` on its key's line, before the comments that followed it (in
    block style they came between the key and the ``[]``, which does not read as YAML)."""
    style = roundtrip.detect_style(KEYS)
    data = roundtrip.load(KEYS, style)
    change(data)
    assert roundtrip.dump(data, style) == expected
