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
compared with every earlier one; each later text only with the candidates of an index of more
bands of fewer rows, which passes on near-duplicates sharing as little as 45% of their words.
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
        #: length * 2**32 + number, sorted: the texts by length, then in the order first seen.
        self._order: list[int] = []
        #: The order key of each text, by number.
        self._pending: list[int] = []
        self._buckets: dict[int, list[int]] = {}
        self._hasher = minhash(bands, rows)

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, text: str, keys: Sequence[int] | None = None) -> int:
        """Add a text not seen before (it is compared with from the next :meth:`settle`); its
        number, counting from 0 in the order added. ``keys`` are its :meth:`keys` when known."""
        number = len(self.texts)
        self.texts.append(text)
        self._pending.append(len(text) << 32 | number)
        buckets = self._buckets
        for key in self.keys(text) if keys is None else keys:
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [number]
            elif len(bucket) < self.bucket_size:
                bucket.append(number)
        return number

    def settle(self) -> None:
        """Make the texts added since the last call available to :meth:`window`."""
        if len(self._pending) == 1:
            insort(self._order, self._pending.pop())
        elif self._pending:
            self._order += self._pending
            self._order.sort()
            self._pending = []

    def window(
        self, text: str, low: float, high: float, keys: Sequence[int] | None = None
    ) -> list[str]:
        """The earlier texts whose length lies in [low, high] that ``text`` is compared with,
        shortest first (then in the order first seen); ``keys`` are its :meth:`keys` when
        known."""
        texts, ordered = self.nearby(text, low, high, keys)
        if ordered:
            return texts
        return sorted((t for t in texts if low <= len(t) <= high), key=len)

    def nearby(
        self, text: str, low: float, high: float, keys: Sequence[int] | None = None
    ) -> tuple[list[str], bool]:
        """The earlier texts ``text`` is compared with, and whether they are the whole window:
        then they are those whose length lies in [low, high], shortest first (then in the order
        first seen); else they are the index's candidates in the order first seen, whatever
        their length (a score sorts out those too short or too long)."""
        order = self._order
        start = bisect_left(order, _key_floor(low))
        stop = bisect_right(order, _key_ceiling(high))
        if stop - start <= self.exact_window:
            return [self.texts[key & 0xFFFFFFFF] for key in order[start:stop]], True
        found = self.candidates(keys or self.keys(text))
        return list(map(self.texts.__getitem__, found)), False

    def keys(self, text: str) -> list[int]:
        """The keys of the index's buckets ``text`` falls in: one for each band."""
        return self._hasher.keys(text)

    def candidates(self, keys: Sequence[int]) -> list[int]:
        """The numbers of the texts added that share a bucket with the text of these
        :meth:`keys`, in the order they were added."""
        return sorted(self._found(keys))

    def _found(self, keys: Sequence[int]) -> set[int]:
        buckets = self._buckets
        empty: list[int] = []
        return set().union(*[buckets.get(key, empty) for key in keys])


class MinHash:
    """The band keys of texts: ``bands`` bands of ``rows`` minimum hashes of their word sets.

    The hashes are the same in every process (seeded, and blake2b of each word), so keys
    computed where a file is linted serve the comparison across the collection."""

    #: Words whose hashes are remembered, at most (then they are forgotten and computed again).
    REMEMBERED = 50_000

    def __init__(self, bands: int, rows: int) -> None:
        self.rows = rows
        chance = random.Random(20260)
        self._coefficients = [
            (chance.randrange(1, _PRIME), chance.randrange(_PRIME)) for _ in range(bands * rows)
        ]
        self._hashes: dict[str, list[int]] = {}

    def keys(self, text: str) -> list[int]:
        words = set(text.split()) or {text}
        known = self._hashes
        lowest = list(
            map(min, zip(*[known.get(w) or self._word_hashes(w) for w in words], strict=True))
        )
        # Each band's rows taken together: one key for each band (the bands' hashes differ, so
        # two bands hardly ever give one key).
        return list(map(hash, zip(*[iter(lowest)] * self.rows, strict=True)))

    def _word_hashes(self, word: str) -> list[int]:
        if len(self._hashes) >= self.REMEMBERED:
            self._hashes.clear()
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "big")
        found = self._hashes[word] = [(a * value + b) % _PRIME for a, b in self._coefficients]
        return found


@functools.cache
def minhash(bands: int, rows: int) -> MinHash:
    """The process's MinHash of these bands and rows (it remembers the words it has hashed)."""
    return MinHash(bands, rows)


def collection_keys(text: str) -> tuple[int, ...]:
    """The keys of ``text`` in the index ``lint --collection`` uses (:class:`Pool`'s default)."""
    return tuple(minhash(BANDS, ROWS).keys(text))


def _key_floor(length: float) -> int:
    """The smallest order key of a text at least ``length`` long."""
    whole = int(length) if length == int(length) else int(length) + 1
    return max(0, whole) << 32


def _key_ceiling(length: float) -> int:
    """The largest order key of a text at most ``length`` long."""
    return (int(length) << 32) | 0xFFFFFFFF


def lengths_alike(length: int, similarity: float) -> tuple[float, float]:
    """The lengths a text can have and still be ``similarity`` percent alike to one of
    ``length`` characters: the ratio is at most 2 * shorter / (both lengths together)."""
    alike = similarity / 100
    return length * alike / (2 - alike), length * (2 - alike) / alike


__all__ = ["MinHash", "Pool", "collection_keys", "lengths_alike", "minhash"]
