"""Find earlier texts that may be nearly the same as a new one, without comparing every pair.

``lint --collection`` compares each statement with every statement of the frameworks checked
before it (SF503). Compared pair by pair, the work grows with the square of the collection. The
:class:`Pool` keeps the earlier texts two ways:

- ordered by length: a text can only be ``similarity`` percent alike to texts whose length is
  close enough to its own (the ratio is at most twice the shorter length over both lengths), so
  only that window is ever compared;
- in a MinHash index of their words (locality-sensitive hashing): each text gets ``BANDS`` bands
  of ``ROWS`` minimum hashes of its word set, and texts sharing a band become candidates. Two
  texts sharing a fraction J of their words share a given band with probability J ** ROWS.

While a window holds at most ``exact_window`` texts, all of it is compared, which is exactly the
comparison of every pair; beyond that, only the window's candidates are compared. Either way the
score is rapidfuzz's ratio, and the earlier text reported is the one the pairwise comparison
reports (the best score; among equal scores, the shortest, then the first seen).
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect_left, bisect_right

#: Bands of rows of minimum hashes: texts sharing 60% of their words meet in a band with
#: probability 0.96, texts sharing 30% with probability 0.16.
BANDS = 20
ROWS = 4
#: Windows up to this many texts are compared whole.
EXACT_WINDOW = 3000
_PRIME = (1 << 61) - 1


class Pool:
    """The distinct texts seen so far, and the candidates a new text is compared with."""

    def __init__(self, exact_window: int = EXACT_WINDOW) -> None:
        self.exact_window = exact_window
        self.texts: list[str] = []
        #: length * 2**32 + number, sorted: the texts by length, then in the order first seen.
        self._order: list[int] = []
        self._pending: list[int] = []
        self._buckets: dict[int, list[int]] = {}
        self._hashes: dict[str, list[int]] = {}
        chance = random.Random(20260)
        self._coefficients = [
            (chance.randrange(1, _PRIME), chance.randrange(_PRIME)) for _ in range(BANDS * ROWS)
        ]

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, text: str) -> None:
        """Add a text not seen before (it is compared with from the next :meth:`settle`)."""
        number = len(self.texts)
        self.texts.append(text)
        self._pending.append(len(text) << 32 | number)
        for key in self._bands(text):
            self._buckets.setdefault(key, []).append(number)

    def settle(self) -> None:
        """Make the texts added since the last call available to :meth:`window`."""
        if self._pending:
            self._order += self._pending
            self._order.sort()
            self._pending = []

    def window(self, text: str, low: float, high: float) -> list[str]:
        """The earlier texts whose length lies in [low, high] that ``text`` is compared with,
        shortest first (then in the order first seen)."""
        order = self._order
        start = bisect_left(order, _key_floor(low))
        stop = bisect_right(order, _key_ceiling(high))
        if stop - start <= self.exact_window:
            return [self.texts[key & 0xFFFFFFFF] for key in order[start:stop]]
        found: set[int] = set()
        for key in self._bands(text):
            found.update(self._buckets.get(key, ()))
        texts = self.texts
        chosen = sorted(len(texts[n]) << 32 | n for n in found if low <= len(texts[n]) <= high)
        return [texts[key & 0xFFFFFFFF] for key in chosen]

    # -- MinHash ---------------------------------------------------------------------------

    def _bands(self, text: str) -> list[int]:
        words = set(text.split()) or {text}
        lowest = list(map(min, zip(*map(self._word_hashes, words), strict=True)))
        return [hash((band, *lowest[band * ROWS : (band + 1) * ROWS])) for band in range(BANDS)]

    def _word_hashes(self, word: str) -> list[int]:
        found = self._hashes.get(word)
        if found is None:
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
            value = int.from_bytes(digest, "big")
            found = [(a * value + b) % _PRIME for a, b in self._coefficients]
            self._hashes[word] = found
        return found


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


__all__ = ["Pool", "lengths_alike"]
