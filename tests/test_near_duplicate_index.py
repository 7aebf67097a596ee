"""SF503 within one file: past a number of statements, each text is compared only with the
candidates of an index (skillframe.nearby). On generated, bundled and real frameworks it reports
exactly what comparing every pair reports: the same statements, the same earlier statement, the
same score."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from skillframe import nearby
from skillframe.diagnostics import At
from skillframe.load import load_path, load_text
from skillframe.rules import Context
from skillframe.rules.sf503_near_duplicate import check, comparable, within

from .conftest import FRAMEWORKS, ROOT

EVERY_PAIR = sys.maxsize
INDEX_ONLY = 0


def framework_texts(text: str) -> list[tuple[At, str]]:
    doc = load_text(text, "generated.yaml")
    assert doc.parsed and doc.kind == "framework"
    return [(at, compared) for at, _, compared in comparable(Context(doc.data, "framework"))]


def generated(statements: int, seed: int) -> str:
    """A framework written by the benchmarks' generator (bench/generate.py): texts built from
    some 170 words, so hundreds of them are near-duplicates."""
    module = sys.modules.get("bench_generate")
    if module is None:
        path = ROOT / "bench" / "generate.py"
        spec = importlib.util.spec_from_file_location("bench_generate", path)
        assert spec is not None and spec.loader is not None
        module = sys.modules["bench_generate"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return str(module.framework_text(random.Random(seed), "Port Officers", statements))


def both(texts: list[tuple[At, str]]) -> tuple[list[tuple[At, At, float]], ...]:
    pairwise = list(within(texts, 85.0, EVERY_PAIR))
    indexed = list(within(texts, 85.0, INDEX_ONLY))
    return pairwise, indexed


@pytest.mark.parametrize("seed", [1, 2])
def test_the_index_reports_what_every_pair_reports_on_a_generated_framework(seed: int) -> None:
    texts = framework_texts(generated(1500, seed))
    pairwise, indexed = both(texts)
    assert len(pairwise) > 50  # many near-duplicates, some of them with several matches
    assert indexed == pairwise


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FRAMEWORKS.glob("*.yaml") if p.name != "sources.yaml"),
    ids=lambda p: p.name,
)
def test_the_index_reports_what_every_pair_reports_on_the_bundled_frameworks(path: Path) -> None:
    doc = load_path(path)
    assert doc.kind == "framework"
    texts = [(at, t) for at, _, t in comparable(Context(doc.data, "framework"))]
    assert len(texts) > 100
    pairwise, indexed = both(texts)
    assert indexed == pairwise


def test_the_index_reports_what_every_pair_reports_on_real_frameworks() -> None:
    """The 668 statements quoted from five public frameworks (bench/statements/), read as one
    framework, with copies lightly changed by hand added at its end."""
    statements = []
    for path in sorted((ROOT / "bench" / "statements").glob("*.yaml")):
        statements += [s["text"] for s in YAML(typ="safe").load(path)["statements"]]
    statements += [
        "Works effectively within established iOS and Android architectures following best practices",
        "Delivers features that require simple local modifications",
        "Designs major new features and demonstrates a nuanced understanding of the mobile platform",
    ]
    lines = [
        "schema: skillframe/framework@1",
        "id: quoted",
        "title: Quoted",
        "scope: Statements quoted from public frameworks.",
        "levels:",
        "  - {id: one, name: One}",
        "domains:",
        "  - id: all",
        "    name: All",
        "    statements:",
    ]
    for number, text in enumerate(statements):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        lines += [f"      - id: s{number}", "        level: one", f'        text: "{quoted}"']
    texts = framework_texts("\n".join(lines) + "\n")
    assert len(texts) == len(statements) > 600
    pairwise, indexed = both(texts)
    assert len(pairwise) >= 3
    assert indexed == pairwise


def test_a_file_with_many_statements_is_checked_through_the_index(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Lint's check of a file longer than the window gives the findings of every pair."""
    text = generated(1300, 3)
    doc = load_text(text, "generated.yaml")
    asked = []
    candidates = nearby.Pool.candidates
    monkeypatch.setattr(
        nearby.Pool, "candidates", lambda pool, keys: asked.append(1) or candidates(pool, keys)
    )
    found = list(check(Context(doc.data, "framework")))
    assert len(asked) > 200  # the statements past the first 1,000 distinct texts
    pairwise = list(within(framework_texts(text), 85.0, EVERY_PAIR))
    assert [f.at for f in found] == [at for at, _, _ in pairwise]
    assert len(found) > 20


WORDS = st.sampled_from(["checks", "check", "logs", "the", "shift", "log", "records", "a"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=8), min_size=1, max_size=40))
def test_the_index_never_reports_more_than_every_pair(raw: list[list[str]]) -> None:
    """On any texts, what the index reports is reported by every pair too, never with a
    higher score; copies of an earlier text are always found."""
    texts: list[tuple[At, str]] = [((n,), " ".join(sorted(words))) for n, words in enumerate(raw)]
    pairwise = {at: (earlier, score) for at, earlier, score in within(texts, 85.0, EVERY_PAIR)}
    for at, earlier, score in within(texts, 85.0, INDEX_ONLY):
        assert at in pairwise
        assert score <= pairwise[at][1]
        if score == pairwise[at][1]:
            assert earlier[0] >= pairwise[at][0][0]
    seen: set[str] = set()
    indexed = {at for at, _, _ in within(texts, 85.0, INDEX_ONLY)}
    for at, text in texts:
        if text in seen:
            assert at in indexed
        seen.add(text)


def _best_both_ways(texts: list[str], cutoff: float = 85.0) -> list[tuple[int, float] | None]:
    distinct = list(dict.fromkeys(texts))
    one_by_one = nearby.best_earlier(distinct, cutoff, filtered=False)
    assert nearby.best_earlier(distinct, cutoff, filtered=True) == one_by_one
    return one_by_one


@pytest.mark.parametrize("seed", [4, 5])
def test_the_pair_filter_scores_what_every_pair_scores_on_a_generated_framework(
    seed: int,
) -> None:
    """Generated texts share most of their words: many pairs come near the cutoff."""
    texts = [text for _, text in framework_texts(generated(600, seed))]
    assert sum(match is not None for match in _best_both_ways(texts)) >= 5
    assert sum(match is not None for match in _best_both_ways(texts, 75.0)) > 100


def test_the_pair_filter_scores_what_every_pair_scores_on_bundled_and_real_frameworks() -> None:
    texts = []
    for path in sorted(p for p in FRAMEWORKS.glob("*.yaml") if p.name != "sources.yaml"):
        texts += [t for _, _, t in comparable(Context(load_path(path).data, "framework"))]
    for path in sorted((ROOT / "bench" / "statements").glob("*.yaml")):
        texts += [s["text"].lower() for s in YAML(typ="safe").load(path)["statements"]]
    for cutoff in (60.0, 85.0, 97.5):
        _best_both_ways(texts, cutoff)
    assert sum(match is not None for match in _best_both_ways(texts, 60.0)) > 20


LETTERS = st.sampled_from([*"etaoin sdrlcu’é", "check ", "checks ", "the "])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(LETTERS, max_size=30).map("".join), min_size=2, max_size=30),
    st.sampled_from([50.0, 70.0, 85.0, 92.3, 100.0]),
)
def test_the_pair_filter_never_leaves_out_a_pair_that_reaches_the_cutoff(
    texts: list[str], cutoff: float
) -> None:
    """Whatever the texts and the cutoff, filtering first finds what scoring every pair finds:
    the same earlier text, the same score."""
    _best_both_ways(texts, cutoff)


def test_a_process_filters_pairs_once_it_has_scored_many(monkeypatch: pytest.MonkeyPatch) -> None:
    """Until numpy is loaded or a process's pairs would reach FILTER_AFTER, pairs are scored
    one by one (a lint of one file does not wait for numpy to load); then they are filtered."""
    filtered = []
    real = nearby._filtered
    monkeypatch.setattr(nearby, "_filtered", lambda *a: filtered.append(1) or real(*a))
    monkeypatch.setattr(nearby, "_numpy_loaded", lambda: False)
    monkeypatch.setattr(nearby, "_scored", 0)
    monkeypatch.setattr(nearby, "FILTER_AFTER", 100)
    texts = [f"records {n} events in the log" for n in range(12)]
    nearby.best_earlier(texts, 85.0)  # 66 pairs
    assert filtered == []
    nearby.best_earlier(texts, 85.0)  # 66 more would reach 100: filtered
    assert filtered == [1]
    monkeypatch.setattr(nearby, "_scored", 0)
    nearby.best_earlier(texts * 2, 85.0)  # a file of 24 texts, 276 pairs: filtered at once
    assert filtered == [1, 1]
