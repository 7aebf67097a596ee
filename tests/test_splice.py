"""statement edit splices the changed value into the text: no round-trip load, only the value's
bytes change, the file's style is kept, and anything unusual falls back to the round-trip path."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from skillframe import edit, operations, roundtrip
from skillframe.errors import SkillframeError

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


# -- new statements inserted as text ---------------------------------------------------------

ADDS = [
    # (domain, level, title, text, cites, locators)
    (
        "communication",
        "foundational",
        "Radio answers",
        "answers radio calls in plain words.",
        ["onet"],
        {},
    ),
    (
        "communication",
        "expert",
        "Radio logs",
        "keeps the radio log of every harbor call, noting the time, the caller and the answer given "
        "to each caller in full.",
        ["onet", "pathsmith"],
        {"onet": "task 9450"},
    ),
    (
        "fortitude",
        "intermediate",
        "Night shifts",
        "stays alert through night shifts.",
        ["pathsmith"],
        {},
    ),
]


def _add(
    domain: str, level: str, title: str, text: str, cites: list[str], locators: dict[str, str]
) -> operations.Operation:
    return operations.add_statement(
        domain=domain, level=level, title=title, text=text, cites=cites, locators=locators
    )


@pytest.mark.parametrize("fixture", ["usual.yaml", "compact.yaml", "wide.yaml", "misordered.yaml"])
@pytest.mark.parametrize("add", ADDS, ids=["plain", "locator", "other-domain"])
def test_a_spliced_add_writes_the_bytes_the_round_trip_path_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture: str, add: tuple[Any, ...]
) -> None:
    """Whatever the file's style, a new statement inserted as text is the round-trip path's
    statement, byte for byte, where the round-trip path would put it."""
    folder = workspace(tmp_path, fixture)
    monkeypatch.chdir(folder)
    path = folder / fixture
    original = path.read_bytes()
    used: list[bool] = []
    inserted = edit._inserted

    def spy(*args: Any) -> Any:
        found = inserted(*args)
        used.append(found is not None)
        return found

    monkeypatch.setattr(edit, "_inserted", spy)
    try:
        edit.apply(path, _add(*add))
    except SkillframeError:
        with pytest.raises(SkillframeError):  # refused alike on both paths
            monkeypatch.setattr(edit, "_inserted", lambda *args: None)
            edit.apply(path, _add(*add))
        assert path.read_bytes() == original
        return
    spliced = path.read_bytes()
    path.write_bytes(original)
    monkeypatch.setattr(edit, "_inserted", lambda *args: None)
    edit.apply(path, _add(*add))
    assert spliced == path.read_bytes()
    assert spliced != original
    if fixture == "usual.yaml":
        assert used == [True]  # the usual file takes the fast way


def test_forty_adds_in_one_batch_skip_the_round_trip_loader(
    usual: Path, no_round_trip: None
) -> None:
    script = "".join(
        f'statement add --domain communication --level foundational --title "Batch {n}" '
        f'--text "checks batch record {n} before each inspection." --cite onet\n'
        for n in range(40)
    )
    before = usual.read_text(encoding="utf-8")
    result = invoke("apply", "usual.yaml", input=script)
    assert result.exit_code == 0, result.stderr
    after = usual.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert sum(1 for line in added if line.lstrip().startswith("- id: batch-")) == 40
    # Each new statement is whole and in order, after the domain's foundational statements.
    ids = [line.split()[-1] for line in after.splitlines() if "- id: batch-" in line]
    assert ids == [f"batch-{n}" for n in range(40)]
    # One block of new lines, every other line as it was.
    opcodes = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines()).get_opcodes()
    assert [tag for tag, *_ in opcodes if tag != "equal"] == ["insert"]


def test_an_add_to_an_empty_domain_goes_the_round_trip_way(usual: Path) -> None:
    """No statement to follow: where comments go is the round-trip path's choice."""
    result = invoke("domain", "add", "usual.yaml", "harbor-law", "--name", "Harbor law")
    assert result.exit_code == 0, result.stderr
    result = invoke(
        "statement",
        "add",
        "usual.yaml",
        "--domain",
        "harbor-law",
        "--level",
        "foundational",
        "--title",
        "Port rules",
        "--text",
        "knows the port's rules.",
        "--cite",
        "onet",
        "--force",
    )
    assert result.exit_code == 0, result.stderr
    assert "- id: port-rules" in usual.read_text(encoding="utf-8")
