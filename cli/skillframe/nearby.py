"""Find earlier texts that may be nearly the same as a new one, without comparing every pair.

SF503 compares each statement with every earlier statement of its file, and ``lint
--collection`` with every statement of the frameworks checked before it. Compared pair by pair,
the work grows with the square of the file or the collection. The :class:`Pool` keeps the
earlier texts two ways:

- ordered by length: a text can only be ``similarity`` percent alike to texts whose length is
  close enough to its own (the ratio is at most twice the shorter length over both lengths), so
  only that window is ever compared;
- in a MinHash index of their words (locality-sensitive hashing): each text gets ``BANDS`` bands
  of ``ROWS`` minimum hashes of its word set, and texts sharing a band become candidates. Two
  texts sharing a fraction J of their words share a given band with probability J ** ROWS.

While a window holds at most ``exact_window`` texts, all of it is compared, which is exactly the
comparison of every pair; beyond that, only the window's candidates are compared. Across a
collection each bucket keeps only the first ``BUCKET_SIZE`` texts that fall in it, so a text has
at most ``BANDS * BUCKET_SIZE`` candidates however many frameworks come before it. Either way the
score is rapidfuzz's ratio, and the earlier text reported is the one the pairwise comparison
reports (the best score; among equal scores, the shortest, then the first seen).

Within one file (``sf503_near_duplicate.within``) the first ``WITHIN_WINDOW`` distinct texts are
compared with every earlier one (:func:`best_earlier`: every pair counts, but once numpy is
loaded the pairs that provably cannot reach the similarity are left out before any is scored);
each later text only with the candidates of an index of more bands of fewer rows, which passes on near-duplicates sharing as little as 45% of their words.
Among the candidates the best score wins, then the first in the file, as when every pair is
compared. A candidate index can miss a near-duplicate sharing few of its words; tests check
that it reports exactly what every pair reports on generated, bundled and real frameworks.
"""

from __future__ import annotations

import functools
import hashlib
import random
import sys
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from itertools import accumulate, chain
from typing import Any

#: Bands of rows of minimum hashes: texts sharing 60% of their words meet in a band with
#: probability 0.96, texts sharing 30% with probability 0.16.
BANDS = 20
ROWS = 4
#: Windows up to this many texts are compared whole.
EXACT_WINDOW = 3000
#: Across a collection, a bucket keeps the first this many texts that fall in it, so a text is
#: compared with at most BANDS * BUCKET_SIZE candidates however large the collection grows.
BUCKET_SIZE = 10
#: Within one file: a text is compared with every earlier one while at most this many distinct
#: texts come before it; past that, with the candidates of an index of more bands of fewer
#: rows (texts sharing 45% of their words meet with probability 0.98, 30% with 0.66).
WITHIN_WINDOW = 1000
WITHIN_BANDS = 40
WITHIN_ROWS = 3
_PRIME = (1 << 61) - 1


class Pool:
    """The distinct texts seen so far, and the candidates a new text is compared with."""

    def __init__(
        self,
        exact_window: int = EXACT_WINDOW,
        bands: int = BANDS,
        rows: int = ROWS,
        bucket_size: int | None = None,
    ) -> None:
        self.exact_window = exact_window
        #: A bucket keeps at most this many texts (the first added), when set.
        self.bucket_size = sys.maxsize if bucket_size is None else bucket_size
        self.bands = bands
        self.rows = rows
        self.texts: list[str] = []
        #: The number of each text: the order it was added in.
        self._numbers: dict[str, int] = {}
        #: The lengths of the texts settled, in order, with the texts of each length in the
        #: order first seen, and how many settled texts are shorter than each length (one more
        #: count at the end: all of them). A collection's texts have a few hundred lengths at
        #: most, so settling a framework's texts does not go over every text seen.
        self._lengths: list[int] = []
        self._of_length: dict[int, list[str]] = {}
        self._shorter: list[int] = [0]
        self._pending: list[str] = []
        #: Each bucket's texts, in the order added.
        self._buckets: dict[int, list[str]] = {}
        self._hasher = minhash(bands, rows)

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, text: str, keys: Sequence[int] | None = None) -> int:
        """Add a text not seen before (it is compared with from the next :meth:`settle`); its
        number, counting from 0 in the order added. ``keys`` are its :meth:`keys` when known."""
        number = self._numbers[text] = len(self.texts)
        self.texts.append(text)
        self._pending.append(text)
        buckets, size = self._buckets, self.bucket_size
        for key in self.keys(text) if keys is None else keys:
            bucket = buckets.setdefault(key, [])
            if len(bucket) < size:
                bucket.append(text)
        return number

    def settle(self) -> None:
        """Make the texts added since the last call available to :meth:`window`."""
        if not self._pending:
            return
        lengths, of_length = self._lengths, self._of_length
        for text in self._pending:
            same = of_length.get(len(text))
            if same is None:
                of_length[len(text)] = [text]
                insort(lengths, len(text))
            else:
                same.append(text)
        self._pending = []
        self._shorter = [0, *accumulate(len(of_length[length]) for length in lengths)]

    def number(self, text: str) -> int:
        """The number of a text added (the order it was added in)."""
        return self._numbers[text]

    def window(
        self, text: str, low: float, high: float, keys: Sequence[int] | None = None
    ) -> list[str]:
        """The earlier texts whose length lies in [low, high] that ``text`` is compared with,
        shortest first (then in the order first seen); ``keys`` are its :meth:`keys` when
        known."""
        texts, ordered = self.nearby(text, low, high, keys)
        if ordered:
            return texts
        alike = (t for t in texts if low <= len(t) <= high)
        return sorted(alike, key=lambda t: (len(t), self._numbers[t]))

    def nearby(
        self, text: str, low: float, high: float, keys: Sequence[int] | None = None
    ) -> tuple[list[str], bool]:
        """The earlier texts ``text`` is compared with, and whether they are the whole window:
        then they are those whose length lies in [low, high], shortest first (then in the order
        first seen); else they are the index's candidates, each once, in no particular order and
        whatever their length (a score sorts out those too short or too long; :meth:`number`
        tells which was seen first)."""
        lengths = self._lengths
        start = bisect_left(lengths, low)
        stop = bisect_right(lengths, high)
        if self._shorter[stop] - self._shorter[start] <= self.exact_window:
            of_length = map(self._of_length.__getitem__, lengths[start:stop])
            return list(chain.from_iterable(of_length)), True
        return list(self._found(keys or self.keys(text))), False

    def keys(self, text: str) -> list[int]:
        """The keys of the index's buckets ``text`` falls in: one for each band."""
        return self._hasher.keys(text)

    def candidates(self, keys: Sequence[int]) -> list[int]:
        """The numbers of the texts added that share a bucket with the text of these
        :meth:`keys`, in the order they were added."""
        return sorted(map(self._numbers.__getitem__, self._found(keys)))

    def _found(self, keys: Sequence[int]) -> set[str]:
        return set(chain.from_iterable(filter(None, map(self._buckets.get, keys))))


class MinHash:
    """The band keys of texts: ``bands`` bands of ``rows`` minimum hashes of their word sets.

    The hashes are the same in every process (seeded, and blake2b of each word), so keys
    computed where a file is linted serve the comparison across the collection. Each word's
    hashes are computed once and kept in a table; a text's minimum hashes are the minima of its
    words' rows, taken with numpy for many texts at once (in Python, some 80 minima over a
    statement's words cost about 90 microseconds a statement)."""

    #: Words whose hashes are remembered, at most (then they are forgotten and computed again).
    REMEMBERED = 50_000

    def __init__(self, bands: int, rows: int) -> None:
        import numpy

        self.bands = bands
        self.rows = rows
        chance = random.Random(20260)
        self._coefficients = [
            (chance.randrange(1, _PRIME), chance.randrange(_PRIME)) for _ in range(bands * rows)
        ]
        # A band's rows are folded into one key by odd multipliers, modulo 2**64: texts with the
        # same minimum hashes in a band get the same key, others hardly ever.
        self._fold = numpy.array(
            [chance.randrange(1 << 64) | 1 for _ in range(bands * rows)], dtype=numpy.uint64
        ).reshape(bands, rows)
        #: The row of each word remembered in ``_table`` (its hashes).
        self._rows: dict[str, int] = {}
        self._table = numpy.empty((64, bands * rows), dtype=numpy.uint64)

    def keys(self, text: str) -> list[int]:
        """The keys of ``text``: one for each band."""
        found: list[int] = self.keys_of([text])[0].tolist()
        return found

    def keys_of(self, texts: Sequence[str]) -> Any:
        """The keys of each text, as a numpy array of one row of ``bands`` keys a text."""
        import numpy

        if len(self._rows) >= self.REMEMBERED:
            self._rows.clear()
        rows = self._rows
        found: list[int] = []
        starts: list[int] = []
        for text in texts:
            starts.append(len(found))
            words = set(text.split()) or {text}
            try:
                found.extend(map(rows.__getitem__, words))
            except KeyError:  # a word not seen before (the words before it were added)
                del found[starts[-1] :]
                found.extend(map(self._row, words))
        if not texts:
            return numpy.empty((0, self.bands), dtype=numpy.uint64)
        lowest = numpy.minimum.reduceat(self._table[found], starts, axis=0)
        folded = lowest.reshape(len(texts), self.bands, self.rows) * self._fold
        return folded.sum(axis=2, dtype=numpy.uint64)

    def _row(self, word: str) -> int:
        """The row of ``word``'s hashes in the table, computed if new."""
        row = self._rows.get(word)
        if row is not None:
            return row
        import numpy

        row = self._rows[word] = len(self._rows)
        if row >= len(self._table):
            grown = numpy.empty((2 * len(self._table), self._table.shape[1]), numpy.uint64)
            grown[:row] = self._table[:row]
            self._table = grown
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "big")
        self._table[row] = [(a * value + b) % _PRIME for a, b in self._coefficients]
        return row


@functools.cache
def minhash(bands: int, rows: int) -> MinHash:
    """The process's MinHash of these bands and rows (it remembers the words it has hashed)."""
    return MinHash(bands, rows)


def collection_keys(text: str) -> bytes:
    """The keys of ``text`` in the index ``lint --collection`` uses (:class:`Pool`'s default),
    packed: ``BANDS`` unsigned 64-bit numbers in the machine's order (``memoryview(packed)
    .cast("Q")`` reads them)."""
    return collection_keys_of([text])[0]


def collection_keys_of(texts: Sequence[str]) -> list[bytes]:
    """The packed :func:`collection_keys` of each text, computed together."""
    packed = minhash(BANDS, ROWS).keys_of(texts).tobytes()
    size = 8 * BANDS
    return [packed[start : start + size] for start in range(0, len(packed), size)]


def lengths_alike(length: int, similarity: float) -> tuple[float, float]:
    """The lengths a text can have and still be ``similarity`` percent alike to one of
    ``length`` characters: the ratio is at most 2 * shorter / (both lengths together)."""
    alike = similarity / 100
    return length * alike / (2 - alike), length * (2 - alike) / alike


#: The letters left out of the short forms :func:`best_earlier` compares first: the space and
#: the commonest letters of English, some 40% of a statement. cdist compares many texts at once
#: only while they are at most 64 characters long: when a short form is longer, the "s" is left
#: out too, which brings most statements of up to some 170 characters under that.
_LEFT_OUT = " etaoin"
_LEFT_OUT_LONG = " etaoins"
_SIMD_LENGTH = 64
#: The rows of the comparison :func:`best_earlier` makes at once.
_ROWS_AT_ONCE = 64
#: Pairs a process scores one by one before :func:`best_earlier` filters them: the filter
#: needs numpy, which takes about as long to load as scoring this many pairs, so a lint of one
#: file of fewer than 1,000 statements never waits for it.
FILTER_AFTER = 500_000
#: Pairs scored one by one so far in this process.
_scored = 0


def best_earlier(
    texts: Sequence[str], cutoff: float, filtered: bool | None = None
) -> list[tuple[int, float] | None]:
    """For each of ``texts`` (distinct), the earlier text it is most alike, as ``(its index,
    the score)``, when the score (rapidfuzz's ratio) reaches ``cutoff``; the first among equal
    scores. Every pair counts, exactly as when each text is scored against every earlier one.

    With ``filtered`` (by default, once numpy is loaded or once this process's pairs, these
    included, reach ``FILTER_AFTER``), the pairs that cannot reach the cutoff are left out
    before any is scored. A text's common subsequence with another is at most that of their
    short forms (the space and the letters e, t, a, o, i, n left out, and s in long texts)
    plus the smaller number of letters either lost: the short forms of all pairs are compared
    at once (rapidfuzz's cdist, a third of the work of the texts themselves), and only the
    pairs whose bound reaches the cutoff are scored."""
    global _scored
    from rapidfuzz import fuzz, process

    pairs = len(texts) * (len(texts) - 1) // 2
    if filtered is None:
        filtered = _numpy_loaded() or _scored + pairs >= FILTER_AFTER
    if filtered and pairs:
        return _filtered(texts, cutoff)
    _scored += pairs
    out: list[tuple[int, float] | None] = []
    earlier: list[str] = []
    for text in texts:
        match = process.extractOne(text, earlier, scorer=fuzz.ratio, score_cutoff=cutoff)
        out.append(None if match is None else (match[2], match[1]))
        earlier.append(text)
    return out


def _numpy_loaded() -> bool:
    return "numpy" in sys.modules


def _short_forms(texts: Sequence[str], letters: str) -> list[str] | list[bytes]:
    """The texts with ``letters`` left out (as bytes when all are ASCII: several times faster)."""
    if "".join(texts).isascii():
        gone = letters.encode()
        return [text.encode().translate(None, gone) for text in texts]
    table = str.maketrans("", "", letters)
    return [text.translate(table) for text in texts]


def _filtered(texts: Sequence[str], cutoff: float) -> list[tuple[int, float] | None]:
    import numpy
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import LCSseq

    size = len(texts)
    short = _short_forms(texts, _LEFT_OUT)
    if max(map(len, short)) > _SIMD_LENGTH:
        short = _short_forms(texts, _LEFT_OUT_LONG)
    lengths = numpy.fromiter(map(len, texts), numpy.int64, size)
    lost = lengths - numpy.fromiter(map(len, short), numpy.int64, size)
    # The ratio is 200 * common / (both lengths); a hair below the cutoff keeps a pair that
    # rounding could put on it.
    scaled = (cutoff - 1e-6) * lengths
    # Each text is only compared with those before it: the rows go in blocks, each block
    # compared with the texts up to its last (about half the pairs of the whole square once
    # there are a few blocks). Given the same list twice, cdist would score each pair once but
    # without its comparison of many texts at once, which is faster even over both halves.
    found_rows: list[int] = []
    found_columns: list[int] = []
    for first in range(0, size, _ROWS_AT_ONCE):
        last = min(size, first + _ROWS_AT_ONCE)
        most = process.cdist(
            short[first:last], short[:last], scorer=LCSseq.similarity, dtype=numpy.int64, workers=1
        )
        most += numpy.minimum.outer(lost[first:last], lost[:last])
        most *= 200
        rows, columns = numpy.nonzero(most >= numpy.add.outer(scaled[first:last], scaled[:last]))
        rows += first
        earlier = rows > columns  # each pair once, and not a text with itself
        found_rows += rows[earlier].tolist()
        found_columns += columns[earlier].tolist()
    out: list[tuple[int, float] | None] = [None] * size
    ratio = fuzz.ratio
    # Row by row, each row's columns in order: the first of the best scores is kept.
    for row, column in zip(found_rows, found_columns, strict=True):
        score = ratio(texts[row], texts[column], score_cutoff=cutoff)
        if score >= cutoff:
            found = out[row]
            if found is None or score > found[1]:
                out[row] = (column, score)
    return out


__all__ = [
    "MinHash",
    "Pool",
    "best_earlier",
    "collection_keys",
    "collection_keys_of",
    "lengths_alike",
    "minhash",
]
