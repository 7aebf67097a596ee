"""Two statements say nearly the same thing (warning).

Each statement of a framework should assess something the others do not. A statement copied to
make a new one and only lightly changed, or the same behaviour written twice in two domains,
makes learners and assessors do the same work twice and hides what is missing. The later
statement is reported, at the start of its text, naming the earlier one and its line.

Texts are compared as they read: the subject and modal are dropped and the verb taken in its
base form, so "I can explain the rules." and "explains the rules" are the same text; case,
punctuation and word order do not count. The similarity is rapidfuzz's token-sort ratio (0 to
100); the warning is given from ``similarity = 85`` under ``[tool.skillframe.statement-rules]``.

With ``skillframe lint --collection``, statements are also compared with those of every
framework checked before in the same run, and reported in the later file naming the earlier
file and line.

A good rewrite merges the two, or makes plain what the second adds: a different situation, a
higher standard, a wider reach.

Fails::

    - id: shift-log-entries
      text: records key events and open seizures in the shift log using the required format.
    - id: shift-log-records
      text: records open seizures and key events in the shift log in the required format.

Passes::

    - id: shift-log-entries
      text: records key events and open seizures in the shift log using the required format.
    - id: shift-log-review
      text: reviews the shift log for gaps before handover and follows up open seizures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from skillframe.diagnostics import At, Finding, Severity
from skillframe.rules.base import Context, Rule, name_of
from skillframe.rules.prose import analysed, rules_of

if TYPE_CHECKING:
    from skillframe.nearby import Pool

CODE = "SF503"


def comparable(ctx: Context) -> Iterator[tuple[At, str, str]]:
    """Each statement's text as compared: (path of the text, the statement's name, the
    normalised text); empty texts are left out."""
    for at, text in _sorted_texts(ctx):
        yield at, name_of(ctx.data, at), text


def _sorted_texts(ctx: Context) -> Iterator[tuple[At, str]]:
    normalised = rules_of(ctx).normalised_words
    for at, _, text, analysis in analysed(ctx):
        words = normalised(text, analysis)
        if words:
            # Words sorted once here: the ratio of sorted texts is the token-sort ratio.
            yield at, " ".join(sorted(words))


def message(later: str, earlier: str, where: str, score: float) -> str:
    alike = "the same as" if score >= 100 else "nearly the same as"
    return (
        f"{later} says {alike} {earlier} ({where}, {score:.0f}% alike): merge them, "
        "or make plain what this one adds"
    )


def _scorer() -> Any:
    from rapidfuzz import fuzz

    return fuzz.ratio


def check(ctx: Context) -> Iterator[Finding]:
    cutoff = rules_of(ctx).similarity
    for at, first_at, score in within(list(_sorted_texts(ctx)), cutoff):
        yield Finding(
            at,
            message(name_of(ctx.data, at), name_of(ctx.data, first_at), "line {line}", score),
            related=(*first_at[:-1], "id"),
            offset=0,
        )


def within(
    texts: Sequence[tuple[At, str]], cutoff: float, exact_window: int | None = None
) -> Iterator[tuple[At, At, float]]:
    """For each text nearly the same as an earlier one of the same file: (where it is, where
    the earlier one is, the score). The earlier one is the best match; among equal scores, the
    first in the file, as comparing it with every earlier text finds.

    While at most ``exact_window`` distinct texts come before it, a text is compared with all
    of them (``skillframe.nearby.best_earlier``); past that, with the candidates the index
    (``skillframe.nearby.Pool``) passes on."""
    from rapidfuzz import process

    from skillframe.nearby import WITHIN_BANDS, WITHIN_ROWS, WITHIN_WINDOW, Pool, best_earlier

    scorer = _scorer()
    whole = WITHIN_WINDOW if exact_window is None else exact_window
    first: dict[str, int] = {}  # each distinct text, by its number in ``distinct``
    distinct: list[str] = []
    places: list[At] = []
    for at, text in texts:
        if text not in first:
            first[text] = len(distinct)
            distinct.append(text)
            places.append(at)
    # The first texts are compared with every earlier one, all at once.
    best = best_earlier(distinct[: whole + 1], cutoff)
    pool: Pool | None = None
    met = 0  # how many distinct texts have come so far
    for at, text in texts:
        number = first[text]
        found: tuple[int, float] | None = None
        keys: list[int] | None = None
        if number < met:
            found = (number, 100.0)
        elif number <= whole:
            found = best[number]
        else:
            if pool is None:
                pool = Pool(0, WITHIN_BANDS, WITHIN_ROWS)
                for earlier in distinct[:number]:
                    pool.add(earlier)
            keys = pool.keys(text)
            numbers = pool.candidates(keys)
            match = process.extractOne(
                text, list(map(distinct.__getitem__, numbers)), scorer=scorer, score_cutoff=cutoff
            )
            if match is not None:
                found = (numbers[match[2]], match[1])
        if found is not None:
            yield at, places[found[0]], found[1]
        if number == met:
            met += 1
            if pool is not None:
                pool.add(text, keys)


@dataclass(frozen=True)
class Entry:
    """A statement's text as the collection pass compares it across frameworks.

    ``line`` and ``column`` are where a warning about it goes, ``named_line`` where the
    statement is named (its id); ``open`` is False where the warning may not be given (the rule
    is switched off or suppressed there, or already reported it within the file).
    """

    path: str
    name: str
    text: str
    line: int
    column: int
    named_line: int
    similarity: float
    open: bool
    #: Its keys in the candidate index (``nearby.collection_keys``, packed), when computed
    #: already.
    keys: bytes = b""


def across(
    files: Sequence[Sequence[Entry]], exact_window: int | None = None
) -> Iterator[tuple[int, Entry, str]]:
    """For each statement nearly the same as one in a framework checked before it: (the index of
    its file, the statement, the message). Windows of more than ``exact_window`` texts are
    narrowed by the candidate index (``skillframe.nearby``)."""
    comparison = Across(exact_window)
    for index, entries in enumerate(files):
        for entry, text in comparison.add(entries):
            yield index, entry, text


def _keys(entry: Entry, pool: Pool) -> Sequence[int]:
    """The keys of an entry's text in the index, as computed with it, or else now."""
    return memoryview(entry.keys).cast("Q") if entry.keys else pool.keys(entry.text)


class Across:
    """The comparison of :func:`across`, one framework at a time, in the order checked: each
    framework can be compared as soon as it has been read, while later ones are being read."""

    def __init__(self, exact_window: int | None = None) -> None:
        from skillframe.nearby import BUCKET_SIZE, EXACT_WINDOW, Pool

        self._scorer = _scorer()
        self._first: dict[str, Entry] = {}  # each text seen, with where it was first seen
        self._pool = Pool(
            EXACT_WINDOW if exact_window is None else exact_window, bucket_size=BUCKET_SIZE
        )

    def add(self, entries: Sequence[Entry]) -> list[tuple[Entry, str]]:
        """The statements of the next framework that are nearly the same as one of a framework
        added before, with the message for each; then its statements join the earlier ones."""
        from rapidfuzz import process

        from skillframe.nearby import lengths_alike

        first, pool, scorer = self._first, self._pool, self._scorer
        out = []
        computed: dict[str, Sequence[int]] = {}  # keys computed here, for entries without
        for entry in entries if len(pool) else ():
            if not entry.open:
                continue
            same = first.get(entry.text)
            if same is not None:
                found: tuple[Entry, float] | None = (same, 100.0)
            else:
                low, high = lengths_alike(len(entry.text), entry.similarity)
                keys = computed.get(entry.text)
                if keys is None:
                    keys = computed[entry.text] = _keys(entry, pool)
                texts, whole = pool.nearby(entry.text, low, high, keys)
                if whole:  # shortest first: the first of the best scores is the one reported
                    match = process.extractOne(
                        entry.text, texts, scorer=scorer, score_cutoff=entry.similarity
                    )
                else:  # the best score, then the shortest text, then the first seen
                    matches = process.extract(
                        entry.text, texts, scorer=scorer, score_cutoff=entry.similarity, limit=None
                    )
                    match = self._preferred(matches)
                found = (first[match[0]], match[1]) if match is not None else None
            if found is not None:
                earlier, score = found
                where = f"{earlier.path}, line {earlier.named_line}"
                out.append((entry, message(entry.name, earlier.name, where, score)))
        for entry in entries:
            if entry.text not in first:
                first[entry.text] = entry
                pool.add(entry.text, computed.get(entry.text) or _keys(entry, pool))
        pool.settle()
        return out

    def _preferred(self, matches: list[tuple[str, float, int]]) -> tuple[str, float, int] | None:
        """The match reported among the index's candidates: the best score, then the shortest
        text, then the first seen."""
        if len(matches) < 2:
            return matches[0] if matches else None
        top = max(matches, key=itemgetter(1))[1]
        best = [match for match in matches if match[1] == top]
        if len(best) == 1:
            return best[0]
        return min(best, key=lambda match: (len(match[0]), self._pool.number(match[0])))


RULE = Rule(
    code=CODE,
    name="near-duplicate",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
