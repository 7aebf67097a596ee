"""The candidate index of ``lint --collection`` (skillframe.nearby): the same findings as
comparing every pair, with the same earlier statement and score in each message."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from skillframe.nearby import Pool
from skillframe.rules.sf503_near_duplicate import Entry, across

VERBS = ["records", "checks", "explains", "reviews", "leads", "designs", "sets", "follows"]
OBJECTS = ["work orders", "safety checks", "shift handovers", "incident reports", "team plans"]
CONTEXTS = ["with clients", "across the team", "on every shift", "during audits"]
PURPOSES = ["so that errors are caught early", "so that decisions can be traced later"]


def generated(files: int, statements: int, seed: int) -> list[list[Entry]]:
    """Frameworks of statements built from few words, so many are near-duplicates."""
    rng = random.Random(seed)
    out = []
    for number in range(files):
        entries = []
        for index in range(statements):
            text = (
                f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CONTEXTS)} and "
                f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PURPOSES)}"
            )
            entries.append(
                Entry(
                    f"f{number}.yaml",
                    f"s{index}",
                    " ".join(sorted(text.split())),
                    1,
                    1,
                    1,
                    85.0,
                    True,
                )
            )
        out.append(entries)
    return out


def pairwise(files: list[list[Entry]]) -> dict[tuple[int, str], tuple[str, float]]:
    """Every statement compared with every distinct earlier text: the best score, and among
    equal scores the shortest text, then the first seen."""
    found = {}
    earlier: list[Entry] = []
    seen: set[str] = set()
    for index, entries in enumerate(files):
        for entry in entries:
            best: tuple[float, int, int, Entry] | None = None
            for order, other in enumerate(earlier):
                score = 100.0 if other.text == entry.text else fuzz.ratio(entry.text, other.text)
                if score >= entry.similarity:
                    key = (-score, len(other.text), order, other)
                    if best is None or key[:3] < best[:3]:
                        best = key
            if best is not None:
                found[(index, entry.name)] = (f"{best[3].path}:{best[3].name}", -best[0])
        for entry in entries:
            if entry.text not in seen:
                seen.add(entry.text)
                earlier.append(entry)
    return found


_MESSAGE = re.compile(r"says (?:nearly )?the same as (\S+) \((\S+), line \d+, (\d+)% alike\)")


def reported(
    files: list[list[Entry]], exact_window: int | None = None
) -> dict[tuple[int, str], tuple[str, float]]:
    """What the collection pass reports: the earlier statement (file and name) and its score."""
    out = {}
    for index, entry, message in across(files, exact_window):
        found = _MESSAGE.search(message)
        assert found is not None, message
        out[(index, entry.name)] = (f"{found.group(2)}:{found.group(1)}", float(found.group(3)))
    return out


def test_the_collection_pass_reports_what_comparing_every_pair_reports() -> None:
    files = generated(12, 30, seed=3)
    expected = pairwise(files)
    assert len(expected) > 100  # the collection is full of near-duplicates
    assert {k: (n, round(s)) for k, (n, s) in reported(files).items()} == {
        k: (n, round(s)) for k, (n, s) in expected.items()
    }


def test_copies_are_found_through_the_index_alone() -> None:
    files = generated(6, 20, seed=8)
    files.append(
        [
            Entry("copy.yaml", f"copy-{n}", e.text, 1, 1, 1, 85.0, True)
            for n, e in enumerate(files[0][:10])
        ]
    )
    through_index = reported(files, exact_window=0)
    for n in range(10):
        assert (6, f"copy-{n}") in through_index


@settings(max_examples=30, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="ab c", min_size=1, max_size=12), min_size=1, max_size=30),
    low=st.integers(0, 12),
    span=st.integers(0, 12),
)
def test_a_small_window_holds_every_text_of_its_lengths_shortest_first(
    texts: list[str], low: int, span: int
) -> None:
    pool = Pool()
    distinct = list(dict.fromkeys(texts))
    for text in distinct:
        pool.add(text)
    pool.settle()
    expected = sorted(
        (t for t in distinct if low <= len(t) <= low + span),
        key=lambda t: (len(t), distinct.index(t)),
    )
    assert pool.window("x", low, low + span) == expected


def test_a_bucket_keeps_its_first_texts_only() -> None:
    """However many texts fall in a bucket, a text is compared with at most bands x
    bucket_size candidates, the first texts of each bucket."""
    pool = Pool(0, bands=2, rows=1, bucket_size=3)
    texts = [f"checks the log {'again ' * n}".strip() for n in range(10)]
    for text in texts:
        pool.add(text)
    pool.settle()
    found = pool.candidates(pool.keys("checks the log"))
    assert 3 <= len(found) <= 6
    assert set(found) <= set(range(6))
    assert pool.window("checks the log", 0, 1000) == [texts[n] for n in sorted(found)]


def test_keys_computed_where_a_file_is_linted_give_the_same_findings() -> None:
    """The band keys that lint computes with each statement (in the worker reading its file)
    are the ones the index computes itself."""
    from dataclasses import replace

    from skillframe.nearby import collection_keys

    files = generated(8, 25, seed=5)
    keyed = [[replace(e, keys=collection_keys(e.text)) for e in entries] for entries in files]
    assert reported(keyed, exact_window=0) == reported(files, exact_window=0)
    assert len(reported(files, exact_window=0)) > 50
