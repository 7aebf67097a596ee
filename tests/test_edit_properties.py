"""Property tests: random sequences of edits keep a framework valid, leave every statement they
do not touch byte-identical, and leave the file byte-identical when an edit is refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillframe import edit, operations, spec
from skillframe.errors import SkillframeError
from skillframe.load import load_text

from .edit_support import TRICKY_WORDS, errors, workspace

WORDS = st.sampled_from(TRICKY_WORDS)
PHRASE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
DOMAINS = st.sampled_from(["communication", "fortitude"])
SOURCES = st.sampled_from(["pathsmith", "onet", "nowhere"])
INDEX = st.integers(min_value=0, max_value=50)

Op = tuple[str, Callable[[list[str], list[str]], tuple[Any, str | None]]]


def _pick(ids: list[str], index: int) -> str:
    return ids[index % len(ids)]


def _add(domain: str, level: int, title: str, text: str, cites: list[str]) -> Op:
    def build(ids: list[str], levels: list[str]) -> tuple[Any, str | None]:
        operation = operations.add_statement(
            domain=domain,
            level=levels[level % len(levels)],
            title=title,
            text=text,
            cites=cites,
        )
        return operation, None

    return ("add", build)


def _on(name: str, make: Callable[[str, list[str]], Any], index: int) -> Op:
    def build(ids: list[str], levels: list[str]) -> tuple[Any, str | None]:
        target = _pick(ids, index)
        return make(target, levels), target

    return (name, build)


def _text(i: int, text: str) -> Op:
    return _on("text", lambda s, _: operations.edit_statement(s, text=text), i)


def _title(i: int, title: str) -> Op:
    return _on("title", lambda s, _: operations.edit_statement(s, title=title), i)


def _level(i: int, n: int) -> Op:
    return _on("level", lambda s, lv: operations.edit_statement(s, level=lv[n % len(lv)]), i)


def _rm(i: int) -> Op:
    return _on("rm", lambda s, _: operations.remove_statement(s), i)


def _move(i: int, domain: str) -> Op:
    return _on("move", lambda s, _: operations.move_statement(s, domain=domain), i)


def _cite(i: int, source: str, locator: str | None) -> Op:
    return _on("cite", lambda s, _: operations.add_citation(s, source, locator), i)


def _uncite(i: int, source: str) -> Op:
    return _on("uncite", lambda s, _: operations.remove_citation(s, source), i)


CITES = st.lists(SOURCES, min_size=1, max_size=2, unique=True)
LOCATORS = st.sampled_from([None, "task 9450", "page 3"])
OPS = st.one_of(
    st.builds(_add, DOMAINS, INDEX, PHRASE, PHRASE, CITES),
    st.builds(_text, INDEX, PHRASE),
    st.builds(_title, INDEX, PHRASE),
    st.builds(_level, INDEX, INDEX),
    st.builds(_rm, INDEX),
    st.builds(_move, INDEX, DOMAINS),
    st.builds(_cite, INDEX, SOURCES, LOCATORS),
    st.builds(_uncite, INDEX, SOURCES),
)


def statement_blocks(text: str) -> dict[str, str]:
    """Each statement's own lines (from its first line to its last value, comments after it
    left out), by id."""
    doc = load_text(text, "x.yaml")
    lines = text.splitlines(keepends=True)
    starts = sorted(
        {p.key_line for p in doc.positions.values()} | {p.line for p in doc.positions.values()}
    )
    blocks: dict[str, str] = {}
    for d, domain in enumerate(doc.data.get("domains") or []):
        for s, statement in enumerate(domain.get("statements") or []):
            at = ("domains", d, "statements", s)
            inside = [p for path, p in doc.positions.items() if path[:4] == at]
            first = min(p.line for p in inside)
            last = max(max(p.line, p.key_line) for p in inside)
            following = [
                line
                for line in starts
                if line > last and not any(p.line == line or p.key_line == line for p in inside)
            ]
            end = following[0] - 1 if following else len(lines)
            own = lines[first - 1 : end]
            while own and (not own[-1].strip() or own[-1].lstrip().startswith("#")):
                own.pop()
            blocks[statement["id"]] = "".join(own)
    return blocks


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fixture=st.sampled_from(["usual.yaml", "compact.yaml", "wide.yaml", "misordered.yaml"]),
    ops=st.lists(OPS, min_size=1, max_size=5),
)
def test_random_edits_keep_the_file_valid_and_the_rest_byte_identical(
    tmp_path_factory: Any, fixture: str, ops: list[Op]
) -> None:
    folder = workspace(Path(tmp_path_factory.mktemp("edits")), fixture)
    path = folder / fixture
    for _, build in ops:
        before = path.read_bytes()
        text = before.decode("utf-8")
        blocks = statement_blocks(text)
        ids = list(blocks)
        levels = spec.level_ids(load_text(text, fixture).data)
        if not ids:
            break
        operation, touched = build(ids, levels)
        try:
            result = edit.apply(path, operation)
        except SkillframeError:
            assert path.read_bytes() == before
            continue
        assert result.spliced
        assert errors(path) == []
        after = statement_blocks(path.read_text(encoding="utf-8"))
        for ident, block in blocks.items():
            if ident != touched and ident in after:
                assert after[ident] == block, ident
        assert set(blocks) - {touched} <= set(after)
