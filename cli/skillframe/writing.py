"""Reading statements as a writer does, for the statement-writing rules (SF5xx).

A statement's text may be written in several styles, and the rules read them all:

- completing "The officer ...": ``explains duty rules to travelers.`` (third person);
- with a subject: ``The learner explains ...``, ``Nurses can explain ...``;
- learner voice: ``I can explain ...`` (first person);
- imperative: ``Explain duty rules ...``.

:func:`opening` finds the verb the statement starts with (past a subject, a modal such as "can"
or "is able to", a short lead-in such as "Under supervision," and adverbs such as "clearly"),
its base form and the grammatical person. :class:`StatementRules` holds the settings of the
rules, read from ``[tool.skillframe.statement-rules]`` and checked there.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple

from skillframe.verbs import (
    BANDED,
    KNOWING,
    NEUTRAL,
    PARTICIPATION,
    PARTICIPLES,
    QUALITIES,
    QUALITY_ENDINGS,
    STATES,
    VAGUE,
)

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_ARTICLES = frozenset({"a", "an", "the"})
_DETERMINERS = frozenset({"the", "a", "an", "each", "every", "any", "this", "our", "all"})
_MODALS = frozenset({"can", "will", "could", "should", "must", "may", "shall", "would"})
#: "is able to", "will be able to", "demonstrates the ability to" ...: skipped before the verb.
_ABLE = (
    ("be", "able", "to"),
    ("able", "to"),
    ("be", "expected", "to"),
    ("be", "required", "to"),
    ("be", "competent", "to"),
    ("be", "prepared", "to"),
    ("be", "ready", "to"),
    ("have", "ability", "to"),
    ("demonstrate", "ability", "to"),
    ("show", "ability", "to"),
)
_ABLE_HEADS = frozenset(pattern[0] for pattern in _ABLE)
#: A topic set before the statement: "Vital signs — measure ...", "Scene safety: check ...".
_TOPIC = re.compile(r"\s[—–-]\s|:\s")
#: A mark after which a clause may open with a verb of its own.
_CLAUSE_MARK = re.compile(r"[,;.:]")
_LEAD_INS = frozenset(
    {
        "under",
        "with",
        "without",
        "within",
        "when",
        "where",
        "while",
        "if",
        "after",
        "before",
        "during",
        "in",
        "on",
        "at",
        "for",
        "using",
        "given",
        "once",
        "from",
        "by",
        "as",
        "across",
        "through",
    }
)
_ADVERBS = frozenset(
    {
        "always",
        "often",
        "also",
        "first",
        "then",
        "still",
        "well",
        "promptly",
        "routinely",
        "not",
        "never",
        "together",
        "reliably",
        "safely",
        "calmly",
        "quickly",
        "actively",
        "only",
    }
)
_IRREGULAR = {
    "is": "be",
    "are": "be",
    "am": "be",
    "be": "be",
    "has": "have",
    "have": "have",
    "does": "do",
    "goes": "go",
}
_SUBJECT_PRONOUNS = {"i": "first", "we": "first", "you": "second"}
#: Words that join clauses: the word after one may open a new clause with its own verb.
_JOINS = frozenset({"and", "or", "but", "then"})
_PREPOSITIONS = frozenset(
    {"of", "for", "to", "in", "on", "about", "with", "at", "over", "within", "by", "as"}
)
#: Verbs that show what is known: "demonstrates an understanding of", "has a secure knowledge".
_SHOWING = frozenset({"demonstrate", "show", "have", "possess", "display", "gain", "develop", "be"})
#: Past forms that open an experience claim: "Led the migration ...", "Made minor upgrades".
_PAST_OPENINGS = frozenset(
    {"made", "led", "built", "wrote", "ran", "took", "gave", "held", "taught", "brought", "won"}
)
#: A tenure or a count of past work: "for at least 3 months", "at least 20 reviews".
_TENURE = re.compile(
    r"\b(?:for (?:at least |over |more than )?(?:\d+|one|two|three|four|five|six|several) "
    r"(?:months?|years?)|at least \d+)\b",
    re.IGNORECASE,
)
#: The ways a statement can be written, as messages name them.
PERSONS = {
    "first": "the first person ('I can explain ...')",
    "second": "the second person ('You explain ...')",
    "third": "the third person ('explains ...')",
    "imperative": "the imperative ('Explain ...')",
}


def variants(word: str) -> tuple[str, ...]:
    """The word and its other spelling: -ise/-ize, -yse/-yze, -isation/-ization."""
    out = [word]
    for a, b in (("ise", "ize"), ("yse", "yze"), ("ize", "ise"), ("yze", "yse")):
        if word.endswith(a):
            out.append(word[: -len(a)] + b)
    return tuple(out)


def third_person(lemma: str) -> str:
    """'explain' -> 'explains', 'identify' -> 'identifies', 'carry out' -> 'carries out'."""
    first, _, rest = lemma.partition(" ")
    if first == "be":
        first = "is"
    elif first == "have":
        first = "has"
    elif first.endswith("y") and len(first) > 1 and first[-2] not in "aeiou":
        first = first[:-1] + "ies"
    elif first.endswith(("s", "sh", "ch", "x", "z", "o")):
        first += "es"
    else:
        first += "s"
    return f"{first} {rest}".strip()


_SPLIT = re.compile(f"({_WORD.pattern})")


class _Text:
    """A statement's text, its words in lower case (a typographic apostrophe made plain) and
    ``marks``: the index of each word that follows a clause mark (``,;.:``) in the text between
    it and the word before (perhaps also 0 or the number of words, for a mark before the first
    word or after the last).

    ``parts``, the text split into gap, word, gap, ..., word, gap, is made only when asked, as
    are the places where the words start: most statements need them for two or three of their
    words, or none."""

    __slots__ = ("_parts", "_starts", "low", "marks", "text")

    def __init__(self, text: str, low: list[str], marks: list[int]) -> None:
        self.text = text
        self.low = low
        self.marks = marks
        self._parts: list[str] | None = None
        self._starts: list[int] | None = None

    @property
    def parts(self) -> list[str]:
        if self._parts is None:
            self._parts = _SPLIT.split(self.text)
        return self._parts

    def token(self, index: int) -> str:
        """Word ``index`` as written."""
        return self.parts[2 * index + 1]

    def start(self, index: int) -> int:
        if self._starts is not None:
            return self._starts[index]
        return sum(map(len, self.parts[: 2 * index + 1]))

    def end(self, index: int) -> int:
        return self.start(index) + len(self.low[index])

    def starts(self) -> list[int]:
        """Where every word starts (one pass over the parts, kept)."""
        if self._starts is None:
            self._starts = list(accumulate(map(len, self.parts)))[0:-1:2]
        return self._starts

    def gap(self, index: int) -> str:
        """The text before word ``index``."""
        return self.parts[2 * index]


def _gaps_table() -> bytes:
    table = bytearray(b" " * 256)
    for letter in b"abcdefghijklmnopqrstuvwxyz'":
        table[letter] = letter
    for mark in b",;.:":
        table[mark] = ord("|")
    return bytes(table)


#: Lower-case letters and the apostrophe kept, a clause mark made a bar and anything else a
#: space: the bytes of an ASCII text so translated split into its words and marks in one go.
_GAPS = _gaps_table()
#: An apostrophe joins letters only: one with no letter on either side is a gap.
_LOOSE_APOSTROPHE = re.compile(r"(?<![a-z])'|'(?![a-z])")


def _split(text: str) -> _Text:
    """``text``, its words in lower case and the words that follow a clause mark."""
    plain = text.replace("’", "'") if "’" in text else text
    if plain.isascii():
        # (A mark before the first word or after the last opens no clause: they go first.)
        read = plain.lower().encode().translate(_GAPS).decode().strip(" |")
        if "'" in read:
            read = _LOOSE_APOSTROPHE.sub(" ", read)
        if "|" not in read:
            return _Text(text, read.split(), [])
        pieces = read.split("|")
        low = pieces[0].split()
        marks = []
        for piece in pieces[1:]:
            marks.append(len(low))  # the number of words before the mark
            low += piece.split()
        return _Text(text, low, marks)
    found = _Text(text, [], [])
    parts = found._parts = _SPLIT.split(text)
    tokens = parts[1::2]
    if tokens:
        found.low = " ".join(tokens).lower().replace("’", "'").split(" ")
    found.marks = [k for k, gap in enumerate(parts[0::2]) if _CLAUSE_MARK.search(gap)]
    return found


def word_count(text: str) -> int:
    """How many words ``text`` has, as the statement rules count them."""
    if text.isascii() and text.replace(" ", "").isalpha():  # most titles: words and spaces
        return len(text.split())
    return len(_split(text).low)


class Opening(NamedTuple):
    """How a statement starts: its first verb's base form, and the grammatical person.

    ``phrase`` is the longest known verb phrase starting there ("be aware of", "carry out") or
    the verb's base form. ``first`` is the index of the statement's own first word (the
    subject, or the verb when there is none; past a lead-in such as "Under supervision,"),
    ``at`` that of the verb and ``last`` that of the phrase's last word; :attr:`start`,
    :attr:`verb_start` and :attr:`verb_end` are where they are in the text.
    """

    lemma: str
    phrase: str
    person: str
    at: int
    last: int
    first: int
    words: _Text

    @property
    def verb(self) -> str:
        """The verb as written."""
        return self.words.token(self.at)

    @property
    def start(self) -> int:
        return self.words.start(self.first)

    @property
    def verb_start(self) -> int:
        return self.words.start(self.at)

    @property
    def verb_end(self) -> int:
        return self.words.end(self.last)


class Verb(NamedTuple):
    """A verb of the statement: the known phrase (or base form), the indices of its first and
    last words, and (:attr:`start`, :attr:`end`) where it is written."""

    phrase: str
    at: int
    last: int
    words: _Text

    @property
    def start(self) -> int:
        return self.words.start(self.at)

    @property
    def end(self) -> int:
        return self.words.end(self.last)


class Weakness(NamedTuple):
    """What a weak opening names instead of behaviour, and where it is written.

    ``kind`` is "vague" (knowing: SF501), "state" (a state, quality or role: SF512),
    "experience" (the past: SF513) or "participation" (taking part: SF514).
    """

    kind: str
    start: int
    end: int


class Analysis(NamedTuple):
    """One statement's text read once for every statement rule: its words, how it opens, the
    verbs of its clauses and what its opening names instead of behaviour, if anything."""

    #: The words in lower case (a typographic apostrophe made plain).
    lower: list[str]
    opening: Opening | None
    verbs: tuple[Verb, ...]
    weakness: Weakness | None
    words: _Text


class _Facts(NamedTuple):
    """What the analysis asks of one lower-case word, worked out the first time it is seen."""

    #: Its base form as a verb, and whether it was a third-person form ("explains").
    lemma: str
    third: bool
    #: The known verb it is in its base form ("analyze" -> "analyse"), else None.
    known: str | None
    #: The known verb it is a past form of ("reviewed" -> "review"), else None.
    past: str | None
    #: The head of a modal phrase it may open ("is" -> "be" in "is able to").
    head: str
    #: The base form when it opens a clause of a statement in the third person: a known
    #: verb's third-person form ("develops") or past form ("reviewed"), else None.
    clause: str | None
    #: Passed over inside a verb phrase: an article, or an adverb in -ly ("deeply").
    skippable: bool
    #: Passed over before a verb: "clearly", "always".
    adverb: bool
    #: A third-person verb a statement opens with, no subject, modal, lead-in or adverb
    #: before it: "explains ...". Most statements open so, and are read the short way.
    opens: bool
    #: A verb behaviour opens with: known or a third-person form, and none of what a weak
    #: opening names (knowing, a state, the past, taking part). The opening's phrase and the
    #: verb after it can still name one.
    doing: bool

    @property
    def verb_like(self) -> bool:
        """Whether it can be read as a verb: known, a third-person form, a past form."""
        return self.known is not None or self.past is not None or self.third


#: A named tuple made from its fields in one call, for the tuples the reading makes for every
#: statement: the class's own ``__new__`` is a Python function, which costs as much again.
_new = tuple.__new__

_PARTICIPATION = frozenset(PARTICIPATION)
_STATES = frozenset(STATES)
#: Words that, first in a statement, are not its verb: they open a lead-in, a subject or a
#: modal.
_NOT_OPENING_VERBS = _LEAD_INS | _SUBJECT_PRONOUNS.keys() | _DETERMINERS | _MODALS


@dataclass(frozen=True)
class StatementRules:
    """The settings of the statement-writing rules, with their defaults."""

    verbs: Mapping[str, tuple[int, int] | str] = field(default_factory=dict)
    level_bands: Mapping[str, float] = field(default_factory=dict)
    verb_tolerance: float = 1.0
    similarity: float = 85.0
    title_max_words: int = 8
    proper_nouns: frozenset[str] = frozenset()
    text_min_words: int = 4
    text_max_words: int = 50
    text_final_period: str = "either"

    # -- the verb tables, built-in merged with the configuration ---------------------------

    @cached_property
    def bands(self) -> dict[str, tuple[int, int]]:
        table = dict(BANDED)
        for phrase, value in self.verbs.items():
            table.pop(phrase, None)
            if isinstance(value, tuple):
                table[phrase] = value
        return table

    @cached_property
    def vague(self) -> frozenset[str]:
        table = {v for v in VAGUE if v not in self.verbs}
        table.update(p for p, value in self.verbs.items() if value == "vague")
        return frozenset(table)

    @cached_property
    def phrases(self) -> dict[str, tuple[str, ...]]:
        """Every known verb phrase (two words or more) by its first word, longest first."""
        by_first: dict[str, list[str]] = {}
        for phrase in (*self.bands, *self.vague, *NEUTRAL, *PARTICIPATION, *STATES, *self.verbs):
            if " " in phrase:
                by_first.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
        return {
            k: tuple(sorted(set(v), key=lambda p: -len(p.split()))) for k, v in by_first.items()
        }

    @cached_property
    def _phrase_tails(
        self,
    ) -> dict[str, tuple[tuple[tuple[str, tuple[str, ...]], ...], frozenset[str]]]:
        """:attr:`phrases` with the words after the first of each, as :meth:`_phrase_at`
        matches them, and the second words of all of them."""
        table = {}
        for first, phrases in self.phrases.items():
            tails = tuple((p, tuple(p.split(" ")[1:])) for p in phrases)
            table[first] = (tails, frozenset(tail[0] for _, tail in tails))
        return table

    @cached_property
    def lexicon(self) -> frozenset[str]:
        """The base forms of every verb known: banded, vague, neutral or configured."""
        everything = (*self.bands, *self.vague, *NEUTRAL, *PARTICIPATION, *STATES, *self.verbs)
        known = {p.split(" ", 1)[0] for p in everything}
        known.update(_IRREGULAR.values())
        return frozenset(known)

    @cached_property
    def _weak_lemmas(self) -> frozenset[str]:
        """The base forms whose opening may name something other than behaviour."""
        return self.vague | _SHOWING | {"be", "have", "make"}

    @cached_property
    def _weak_phrases(self) -> frozenset[str]:
        """The verb phrases an opening may name something other than behaviour with."""
        return self.vague | _PARTICIPATION | _STATES

    @cached_property
    def band_of(self) -> Callable[[str], tuple[int, int] | None]:
        """``band_of(phrase)``: the band of a verb phrase (``Verb.phrase``: the longest known
        phrase, else the verb), or None when it has none (a verb configured "vague" or "none"
        has none). It is :attr:`bands`' own lookup: SF502 asks it for every verb."""
        return self.bands.get

    # -- reading a statement ---------------------------------------------------------------

    @cached_property
    def _known(self) -> dict[str, str | None]:
        return {}

    @cached_property
    def _lemmas(self) -> dict[str, tuple[str, bool]]:
        return {}

    @cached_property
    def _word_facts(self) -> dict[str, _Facts]:
        return {}

    def known(self, word: str) -> str | None:
        """The base form of ``word`` when it is a known verb in its base form, else None."""
        cache = self._known
        if word in cache:
            return cache[word]
        found = None
        for form in variants(word):
            if form in self.lexicon:
                found = form
                break
        if len(cache) < 100_000:
            cache[word] = found
        return found

    def lemma(self, word: str) -> tuple[str, bool]:
        """The base form of a verb and whether ``word`` was a third-person form of it.

        Known verbs are looked up ("analyses" -> "analyse", "focuses" -> "focus"); others are
        read by the regular patterns of English ("-ies" -> "-y", "-ches" -> "-ch", "-s")."""
        cache = self._lemmas
        found = cache.get(word)
        if found is None:
            found = self._lemma(word)
            if len(cache) < 100_000:
                cache[word] = found
        return found

    def _lemma(self, word: str) -> tuple[str, bool]:
        word = word.lower()
        if word in _IRREGULAR:
            return _IRREGULAR[word], word not in ("be", "have", "are", "am")
        base = self.known(word)
        if base is not None:
            return base, False
        if word.endswith("ing") and len(word) > 5:
            stem = word[:-3]
            for candidate in (stem, stem + "e", stem[:-1]):
                found = self.known(candidate)
                if found is not None:
                    return found, False
        if word.endswith("s") and len(word) > 3:
            candidates = []
            if word.endswith("ies"):
                candidates.append(word[:-3] + "y")
            if word.endswith("es"):
                candidates.append(word[:-2])
            candidates.append(word[:-1])
            for candidate in candidates:
                found = self.known(candidate)
                if found is not None:
                    return found, True
            if word.endswith("ies"):
                return word[:-3] + "y", True
            if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
                return word[:-2], True
            if not word.endswith(("ss", "us", "is")):
                return word[:-1], True
        return word, False

    def _past(self, word: str) -> str | None:
        """The base form of a known verb's past form ("reviewed", "identified"), else None."""
        if not word.endswith("ed") or self.known(word) is not None:
            return None
        stem = word[:-2]
        for candidate in (
            stem,
            word[:-1],
            stem[:-1] + "y" if stem.endswith("i") else "",
            stem[:-1],
        ):
            if candidate and self.known(candidate) is not None:
                return self.known(candidate)
        return None

    def _facts(self, word: str) -> _Facts:
        """What the analysis asks of a lower-case word (remembered: words recur)."""
        cache = self._word_facts
        found = cache.get(word)
        if found is None:
            lemma, third = self.lemma(word)
            known = self.known(word)
            longer = word.endswith("ly") and len(word) > 4 and known is None
            past = self._past(word)
            head = _IRREGULAR.get(word) or known or lemma
            adverb = word in _ADVERBS or longer
            found = _Facts(
                lemma=lemma,
                third=third,
                known=known,
                past=past,
                clause=(self.known(lemma) if third else None) or past,
                head=head,
                skippable=word in _ARTICLES or longer,
                adverb=adverb,
                opens=third
                and not adverb
                and head not in _ABLE_HEADS
                and word not in _NOT_OPENING_VERBS,
                doing=(known is not None or past is not None or third)
                and past is None
                and word not in _PAST_OPENINGS
                and lemma not in self._weak_lemmas,
            )
            if len(cache) >= 100_000:
                cache.clear()
            cache[word] = found
        return found

    @cached_property
    def _analyses(self) -> dict[str, Analysis]:
        return {}

    def analyse(self, text: str) -> Analysis:
        """``text`` read once for every statement rule (remembered: several rules ask)."""
        cache = self._analyses
        found = cache.get(text)
        if found is None:
            if len(cache) > 20_000:
                cache.clear()
            found = cache[text] = self._read(text)
        return found

    def opening(self, text: str) -> Opening | None:
        """How ``text`` starts, or None when it has no words."""
        return self.analyse(text).opening

    def _read(self, text: str) -> Analysis:
        found = _split(text)
        low = found.low
        if not low:
            return Analysis(low, None, (), None, found)
        opening = self._read_opening(text, found, low)
        if opening is None:
            return Analysis(low, None, (), None, found)
        verbs = self._verbs(text, found, low, opening)
        weakness = self._weakness(text, found, low, opening, verbs)
        return _new(Analysis, (low, opening, verbs, weakness, found))

    def _read_opening(self, text: str, found: _Text, low: list[str]) -> Opening | None:
        # Written out in one piece, with each step looked at only when its first word can open
        # it: most statements open with their verb, and this runs for every statement.
        facts_of, learn = self._word_facts.get, self._facts
        size = len(low)
        i = 0
        word = low[0]
        facts = facts_of(word) or learn(word)
        if facts.opens and (size == 1 or low[1] not in _MODALS):  # "explains ..."
            lemma = facts.lemma
            phrase, last = (
                self._phrase_at(lemma, low, 0) if lemma in self._phrase_tails else (lemma, 0)
            )
            return _new(Opening, (lemma, phrase, "third", 0, last, 0, found))
        if size >= 3 and (word in _LEAD_INS or (word not in _SUBJECT_PRONOUNS and not facts.third)):
            i = self._past_lead_in(text, found, low)
            if i:
                word = low[i]
                facts = facts_of(word) or learn(word)
        first = i
        person = ""
        if word in _SUBJECT_PRONOUNS:
            person = _SUBJECT_PRONOUNS[word]
            i += 1
        elif word in _DETERMINERS:
            person = "third"
            i = self._past_noun_phrase(low, i + 1)
        elif i + 1 < size and low[i + 1] in _MODALS and facts.known is None:
            person = "third"  # "Nurses can ...": a subject without a determiner
            i += 1
        modal = False
        if i != first and i < size:
            word = low[i]
            facts = facts_of(word) or learn(word)
        if i < size and (word in _MODALS or facts.head in _ABLE_HEADS):
            i, modal = self._past_modals(low, i)
            if i < size:
                word = low[i]
                facts = facts_of(word) or learn(word)
        if i + 1 < size and facts.adverb:
            i = self._past_adverbs(low, i)
            if i < size:
                word = low[i]
                facts = facts_of(word) or learn(word)
        if i >= size:
            return None
        lemma = facts.lemma
        if not person:
            person = "third" if facts.third or modal else "imperative"
        phrase, last = self._phrase_at(lemma, low, i) if lemma in self._phrase_tails else (lemma, i)
        return Opening(lemma, phrase, person, i, last, first, found)

    def _past_lead_in(self, text: str, found: _Text, low: list[str]) -> int:
        """The first word after a lead-in: "Under direct supervision, ...", "With support from a
        mentor, ...", or a topic before a dash or colon ("Vital signs — measure ...")."""
        if len(low) < 3:
            return 0
        first = low[0]
        if first not in _SUBJECT_PRONOUNS and not self._facts(first).third:
            topic = _TOPIC.search(text)
            if topic is not None:
                after = bisect_left(found.starts(), topic.end())
                if 0 < after <= 6 and after < len(low) and self._is_verb(low[after]):
                    return after
        if first not in _LEAD_INS:
            return 0
        comma = text.find(",")
        if comma < 0:
            return 0
        after = bisect_right(found.starts(), comma)
        return after if after < min(9, len(low)) else 0

    def _is_verb(self, word: str) -> bool:
        """A known verb in its base or third-person form."""
        return self.known(self._facts(word).lemma) is not None

    def _past_noun_phrase(self, low: list[str], i: int) -> int:
        """Past the subject's nouns ("learner", "emergency medical technician") to its verb."""
        for j in range(i, min(i + 5, len(low))):
            word = low[j]
            if word in _MODALS:
                return j
            facts = self._facts(word)
            if (facts.third and self.known(facts.lemma) is not None) or word in _IRREGULAR:
                return j
            if j > i and facts.known is not None:  # "The officers explain ..."
                return j
        return i + 1 if i + 1 < len(low) else i

    def _past_modals(self, low: list[str], i: int) -> tuple[int, bool]:
        modal = False
        while i < len(low):
            if low[i] in _MODALS:
                i, modal = i + 1, True
                continue
            head = self._facts(low[i]).head
            if head not in _ABLE_HEADS:
                return i, modal
            tail = [w for w in low[i + 1 : i + 5] if w not in _ARTICLES]
            for pattern in _ABLE:
                if head == pattern[0] and tuple(tail[: len(pattern) - 1]) == pattern[1:]:
                    skipped = 1 + len(pattern) - 1
                    j = i + 1
                    while skipped > 1:
                        if low[j] not in _ARTICLES:
                            skipped -= 1
                        j += 1
                    i, modal = j, True
                    break
            else:
                return i, modal
        return i, modal

    def _past_adverbs(self, low: list[str], i: int) -> int:
        for _ in range(3):
            if i + 1 >= len(low) or not self._facts(low[i]).adverb:
                return i
            i += 1
            if i < len(low) and low[i] == "and":  # "clearly and calmly explains"
                i += 1
        return i

    def _phrase_at(self, lemma: str, low: list[str], i: int) -> tuple[str, int]:
        """The longest known phrase of the verb at ``i`` (articles and adverbs such as "deeply"
        between its words are passed over) and the index of its last word."""
        found = self._phrase_tails.get(lemma)
        if found is None or i + 1 >= len(low):
            return lemma, i
        candidates, seconds = found
        after = low[i + 1]
        if after not in seconds and not self._skippable(after):
            return lemma, i  # the next word goes on no phrase of this verb
        kept = [j for j in range(i + 1, min(len(low), i + 8)) if not self._skippable(low[j])]
        following = tuple(low[j] for j in kept)
        for phrase, tail in candidates:
            if following[: len(tail)] == tail:
                return phrase, kept[len(tail) - 1]
        return lemma, i

    def _skippable(self, word: str) -> bool:
        return self._facts(word).skippable

    # -- the verbs of the clauses, and what a weak opening names ---------------------------

    def _verbs(self, text: str, found: _Text, low: list[str], opening: Opening) -> tuple[Verb, ...]:
        """The opening's verb and the verbs that open the clauses after it: "identifies gaps
        and develops ...", "Plan and teach ...", a second sentence."""
        first = _new(Verb, (opening.phrase, opening.at, opening.last, found))
        size = len(low)
        j = opening.last + 1
        if j >= size:
            return (first,)
        # Where a clause may open: after a joining word ("and"), found by list scans, or after
        # a clause mark (``found.marks``, in order).
        joins = _JOINS.intersection(low)
        places = found.marks
        if joins:
            places = places.copy()
            for join in joins:
                k = -1
                for _ in range(low.count(join)):
                    k = low.index(join, k + 1)
                    places.append(k + 1)
            if len(places) > 1:
                places.sort()
        elif not places:
            return (first,)
        out = [first]
        facts_of, learn = self._word_facts.get, self._facts
        third = opening.person == "third"
        tails = self._phrase_tails
        for place in places:
            if place < j or place >= size or low[place] in _JOINS:
                continue
            k = place
            while k + 1 < size and low[k] in _ADVERBS:
                k += 1
            facts = facts_of(low[k]) or learn(low[k])
            lemma = facts.clause if third else facts.known
            if lemma is None:
                continue
            phrase, last = self._phrase_at(lemma, low, k) if lemma in tails else (lemma, k)
            out.append(_new(Verb, (phrase, k, last, found)))
            j = last + 1
        return tuple(out)

    def _verb_like(self, word: str) -> bool:
        """Whether ``word`` can be read as a verb: known, a third-person form, a past form."""
        return self._facts(word).verb_like

    def _weakness(
        self,
        text: str,
        found: _Text,
        low: list[str],
        opening: Opening,
        verbs: tuple[Verb, ...],
    ) -> Weakness | None:
        """What the opening names instead of behaviour, checked in this order: knowing,
        the past, taking part, a state."""
        i, lemma, phrase = opening.at, opening.lemma, opening.phrase
        word = low[i]
        size = len(low)
        facts_of, learn = self._word_facts.get, self._facts
        facts = facts_of(word) or learn(word)
        if (
            facts.doing
            and phrase not in self._weak_phrases
            and (len(verbs) == 1 or verbs[1].phrase not in _PARTICIPATION)
        ):
            return None  # most statements: a verb of doing, and no verb of taking part after it
        start, end = found.start, found.end
        verb_like = facts.verb_like or lemma in ("be", "have")
        # knowing: a vague verb, "demonstrates a clear understanding of", "Deep knowledge of"
        if self.vague_phrase(opening) is not None:
            return Weakness("vague", opening.verb_start, opening.verb_end)
        if verb_like and lemma in _SHOWING:
            for j in range(i + 1, min(size, i + 6)):
                if low[j] in KNOWING:
                    return Weakness("vague", start(i), end(j))
                if low[j] in _PREPOSITIONS or self._verb_like(low[j]):
                    break
        elif not verb_like and (word in KNOWING or word in QUALITIES):
            # a noun phrase headed by knowing: "Deep understanding of", "Knowledgeable about"
            for j in range(i, min(size, i + 3)):
                if low[j] in KNOWING:
                    return Weakness("vague", start(i), end(j))
        # the past: "has led", "Reviewed at least 20 ...", "member for at least 3 months"
        past = word in _PAST_OPENINGS or facts.past is not None
        # the first word after the verb, articles and adverbs in -ly passed over (within three)
        after = -1
        if past or lemma == "have":
            after = next(
                (j for j in range(i + 1, min(size, i + 4)) if not self._skippable(low[j])), -1
            )
        if lemma == "have" and after >= 0:
            nxt = low[after]
            if nxt in PARTICIPLES or (facts_of(nxt) or learn(nxt)).past is not None:
                return Weakness("experience", start(i), end(after))
        passive = past and after >= 0 and low[after] in ("by", "to")
        if past and not passive:
            return Weakness("experience", start(i), end(i))
        if not verb_like:
            count = _TENURE.search(text, start(i))
            if count is not None:
                return Weakness("experience", count.start(), count.end())
        # taking part: "works on", "participates in", "makes a positive contribution to"
        second = verbs[1].phrase if len(verbs) > 1 else ""
        if phrase in _PARTICIPATION or second in _PARTICIPATION or lemma == "make":
            found_part = self._taking_part(text, low, opening, verbs)
            if found_part is not None:
                return found_part
        # a state, a quality or a role: "is accountable for", "has ownership of", "Proficient in"
        if phrase in _STATES and self._goes_on(found, low, opening, verbs):
            return None
        if lemma in ("be", "have") or phrase in _STATES or passive:
            last = opening.last
            for j in range(last + 1, min(size, last + 6)):
                if low[j] in _PREPOSITIONS:
                    return Weakness("state", start(i), end(j))
            return Weakness("state", start(i), end(min(last + 1, size - 1)))
        if not verb_like and (
            word in QUALITIES
            or word.endswith(QUALITY_ENDINGS)
            or (word.endswith("ed") and len(word) > 4)
        ):
            # through a preposition right after it: "Proficient in"
            last = i + 1 if i + 1 < size and low[i + 1] in _PREPOSITIONS else i
            return Weakness("state", start(i), end(last))
        return None

    def _taking_part(
        self, text: str, low: list[str], opening: Opening, verbs: tuple[Verb, ...]
    ) -> Weakness | None:
        """Taking part named instead of what is done: "works on", "participates in" (or joined
        to a second verb: "contributes to and leads"), "makes a positive contribution to"."""
        i = opening.at
        joined = [opening.phrase] + [
            v.phrase for v in verbs[1:2] if self._joined(text, opening.verb_end, v.start)
        ]
        taking_part = [p for p in joined if p in _PARTICIPATION]
        if opening.lemma == "make" and any(
            w.startswith("contribution") for w in low[i + 1 : i + 4]
        ):
            taking_part.append("make contribution")
        if not taking_part:
            return None
        doing = [p for p in joined if p not in _PARTICIPATION and self.band_of(p) is not None]
        after = low[opening.last + 1] if opening.last + 1 < len(low) else ""
        following = low[opening.last + 2] if opening.last + 2 < len(low) else ""
        gerund = after.endswith("ing") and (
            self.known(self._facts(after).lemma) is not None or following in _DETERMINERS
        )
        if doing or (opening.phrase == "work on" and gerund):
            return None
        if taking_part == ["make contribution"]:
            noun = next(j for j in range(i + 1, i + 4) if low[j].startswith("contribution"))
            return Weakness("participation", opening.words.start(i), opening.words.end(noun))
        first = verbs[0] if opening.phrase in taking_part else verbs[1]
        return Weakness("participation", first.start, first.end)

    def _goes_on(
        self,
        found: _Text,
        low: list[str],
        opening: Opening,
        verbs: tuple[Verb, ...],
    ) -> bool:
        """Whether a role ("acts as the first medical officer ...") goes on to name what is
        done: another verb, or a clause such as ", setting up triage"."""
        if len(verbs) > 1:
            return True
        for j in range(opening.last + 1, len(low)):
            if (
                "," in found.gap(j)
                and low[j].endswith("ing")
                and self._facts(low[j]).lemma != low[j]
            ):
                return True
        return False

    def _joined(self, text: str, end: int, start: int) -> bool:
        """Whether two verbs are joined directly by "and" or "or": "contributes to and leads"."""
        return text[end:start].strip().lower() in ("and", "or", ", and", "and/or")

    def vague_phrase(self, opening: Opening) -> str | None:
        """The vague verb or phrase the statement opens with, if any."""
        if opening.phrase in self.vague:
            return opening.phrase
        return opening.lemma if opening.lemma in self.vague else None

    def normalised_words(self, text: str, analysis: Analysis | None = None) -> list[str]:
        """The words of the text reduced to what it says: no subject or modal, the verb in its
        base form, lower case, no punctuation; "I can explain X." and "explains X" read the
        same. ``analysis``, when given, is the text's own (used unless the text needs
        normalising to NFKC first)."""
        if not text.isascii():
            text, analysis = unicodedata.normalize("NFKC", text), None
        if analysis is None:
            analysis = self.analyse(text)
        start, low = analysis.opening, analysis.lower
        if start is None:
            return low
        return [*low[: start.first], start.lemma, *low[start.at + 1 :]]


# -- the configuration -------------------------------------------------------------------------

_KEYS = {
    "verbs": 'a table of verb = band (1 to 4), [low, high], "vague" or "none"',
    "level-bands": "a table of level id = band (a number from 1 to 4)",
    "verb-tolerance": "a number of bands from 0 to 3",
    "similarity": "a percentage from 50 to 100",
    "title-max-words": "a whole number from 1 to 50",
    "proper-nouns": "a list of words",
    "text-min-words": "a whole number from 1 to 500",
    "text-max-words": "a whole number from 1 to 500",
    "text-final-period": '"either", "always" or "never"',
}


def _number(value: Any, low: float, high: float) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high


def _whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _band(value: Any) -> tuple[int, int] | str | None:
    if isinstance(value, str) and value.lower() in ("vague", "none"):
        return value.lower()
    if _whole(value, 1, 4):
        return (value, value)
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(_whole(v, 1, 4) for v in value)
        and value[0] <= value[1]
    ):
        return (value[0], value[1])
    return None


def _verb_key(raw: str) -> str:
    """A configured verb in the form the lookup uses: lower case, base form, no articles."""
    parts = [w for w in raw.lower().split() if w not in _ARTICLES]
    if parts and parts[0] in _IRREGULAR:
        parts[0] = _IRREGULAR[parts[0]]
    return " ".join(parts)


def parse_settings(table: Any) -> StatementRules:
    """Read ``[tool.skillframe.statement-rules]``; a bad value raises ValueError naming it."""
    if table is None:
        return StatementRules()
    if not isinstance(table, dict):
        raise ValueError("'statement-rules' must be a table of settings")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ValueError(
            f"unknown key 'statement-rules.{unknown[0]}' (known keys: {', '.join(_KEYS)})"
        )

    def bad(key: str) -> ValueError:
        return ValueError(f"'statement-rules.{key}' must be {_KEYS[key]}")

    verbs: dict[str, tuple[int, int] | str] = {}
    raw_verbs = table.get("verbs", {})
    if not isinstance(raw_verbs, dict):
        raise bad("verbs")
    for verb, value in raw_verbs.items():
        band = _band(value)
        key = _verb_key(verb)
        if band is None or not key or not all(_WORD.fullmatch(w) for w in key.split()):
            raise ValueError(
                f"'statement-rules.verbs.{verb}' must be a verb in its base form set to a band "
                f'(1 to 4), [low, high], "vague" or "none"'
            )
        verbs[key] = band
    bands = table.get("level-bands", {})
    if not isinstance(bands, dict) or not all(_number(v, 1, 4) for v in bands.values()):
        raise bad("level-bands")
    checks: dict[str, Callable[[Any], bool]] = {
        "verb-tolerance": lambda v: _number(v, 0, 3),
        "similarity": lambda v: _number(v, 50, 100),
        "title-max-words": lambda v: _whole(v, 1, 50),
        "text-min-words": lambda v: _whole(v, 1, 500),
        "text-max-words": lambda v: _whole(v, 1, 500),
        "text-final-period": lambda v: v in ("either", "always", "never"),
        "proper-nouns": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    }
    for key, ok in checks.items():
        if key in table and not ok(table[key]):
            raise bad(key)
    defaults = StatementRules()
    settings = StatementRules(
        verbs=verbs,
        level_bands={str(k): float(v) for k, v in bands.items()},
        verb_tolerance=float(table.get("verb-tolerance", defaults.verb_tolerance)),
        similarity=float(table.get("similarity", defaults.similarity)),
        title_max_words=table.get("title-max-words", defaults.title_max_words),
        proper_nouns=frozenset(table.get("proper-nouns", ())),
        text_min_words=table.get("text-min-words", defaults.text_min_words),
        text_max_words=table.get("text-max-words", defaults.text_max_words),
        text_final_period=table.get("text-final-period", defaults.text_final_period),
    )
    if settings.text_min_words > settings.text_max_words:
        raise ValueError(
            "'statement-rules.text-min-words' must not be more than 'statement-rules.text-max-words'"
        )
    return settings


_DEFAULT: StatementRules | None = None


def settings_of(settings: Mapping[str, Any]) -> StatementRules:
    """The statement-rule settings a rule reads from ``Context.settings``."""
    global _DEFAULT
    value = settings.get("statement-rules")
    if isinstance(value, StatementRules):
        return value
    if value is not None:
        return parse_settings(value)
    if _DEFAULT is None:
        _DEFAULT = StatementRules()
    return _DEFAULT
