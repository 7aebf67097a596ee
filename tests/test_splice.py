"""statement edit splices the changed value into the text: no round-trip load, only the value's
bytes change, the file's style is kept, and anything unusual falls back to the round-trip path."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillframe import edit, operations, roundtrip

from .edit_support import invoke, workspace


@pytest.fixture
def usual(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = workspace(tmp_path, "usual.yaml", "compact.yaml")
    monkeypatch.chdir(folder)
    return folder / "usual.yaml"


@pytest.fixture
def no_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> None:
        raise AssertionError("the round-trip loader was used")

    monkeypatch.setattr(roundtrip, "load", refused)


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_a_title_edit_changes_one_line_without_the_round_trip_loader(
    usual: Path, no_round_trip: None
) -> None:
    before = usual.read_bytes()
    result = invoke("statement", "edit", "usual.yaml", "bridge-briefings", "--title", "Pilot talk")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "bridge-briefings\n"
    assert changed_lines(before, usual.read_bytes()) == [
        (b"        title: Bridge briefings\n", b"        title: Pilot talk\n")
    ]


def test_a_one_word_change_in_a_folded_text_rewrites_one_line(
    usual: Path, no_round_trip: None
) -> None:
    before = usual.read_bytes()
    text = edit.read_for_edit(usual, "usual.yaml", ("framework",)).doc.data["domains"][0][
        "statements"
    ][1]["text"]
    words = text.split(" ")
    new = " ".join(["relays", *words[1:]])
    result = invoke("statement", "edit", "usual.yaml", "plain-language-orders", "--text", new)
    assert result.exit_code == 0, result.stderr
    changed = changed_lines(before, usual.read_bytes())
    assert len(changed) == 1
    assert changed[0][1].strip().startswith(b"relays ")


def test_crlf_and_a_bom_are_kept(usual: Path, no_round_trip: None) -> None:
    crlf = usual.parent / "crlf.yaml"
    crlf.write_bytes(b"\xef\xbb\xbf" + usual.read_bytes().replace(b"\n", b"\r\n"))
    before = crlf.read_bytes()
    long_text = "keeps every radio call short and clear, " * 4 + "and says who is calling."
    result = invoke("statement", "edit", "crlf.yaml", "clear-radio-calls", "--text", long_text)
    assert result.exit_code == 0, result.stderr
    after = crlf.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert after != before
    doc = edit.read_for_edit(crlf, "crlf.yaml", ("framework",)).doc
    assert doc.data["domains"][0]["statements"][0]["text"] == long_text


def test_quotes_the_writer_chose_are_kept_and_needed_ones_are_not_passed_on(
    usual: Path, no_round_trip: None
) -> None:
    compact = usual.parent / "compact.yaml"
    text = compact.read_text(encoding="utf-8")
    assert "'task 9450'" in text  # the compact style quotes locators in single quotes
    result = invoke("statement", "edit", "compact.yaml", "clear-radio-calls", "--title", "yes: no")
    assert result.exit_code == 0, result.stderr
    assert "title: 'yes: no'," in compact.read_text(encoding="utf-8")
    again = invoke(
        "statement", "edit", "compact.yaml", "clear-radio-calls", "--title", "Calm calls"
    )
    assert again.exit_code == 0, again.stderr
    assert "title: Calm calls," in compact.read_text(encoding="utf-8")


def test_a_refused_splice_leaves_the_file_byte_identical(usual: Path, no_round_trip: None) -> None:
    before = usual.read_bytes()
    result = invoke("statement", "edit", "usual.yaml", "bridge-briefings", "--level", "nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "skillframe: error: edit refused: it would add 2 errors; the file is unchanged"
    )
    assert usual.read_bytes() == before


def test_what_cannot_be_spliced_goes_the_round_trip_way(usual: Path) -> None:
    text = usual.read_text(encoding="utf-8")
    literal = text.replace(
        "        text: >-\n          briefs the master",
        "        text: |-\n          briefs the master",
        1,
    )
    assert literal != text
    usual.write_text(literal, encoding="utf-8")
    result = edit.apply(usual, operations.edit_statement("bridge-briefings", text="runs it."))
    assert result.written
    assert "        text: |-\n          runs it.\n" in usual.read_text(encoding="utf-8")
