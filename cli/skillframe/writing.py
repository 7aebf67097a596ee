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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from skillframe.verbs import BANDED, NEUTRAL, VAGUE

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
#: A topic set before the statement: "Vital signs — measure ...", "Scene safety: check ...".
_TOPIC = re.compile(r"\s[—–-]\s|:\s")
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


class Word(NamedTuple):
    text: str
    start: int


def words(text: str) -> list[Word]:
    return [Word(m.group(), m.start()) for m in _WORD.finditer(text)]


def _lower(word: Word) -> str:
    return word.text.lower().replace("’", "'")


@dataclass(frozen=True)
class Opening:
    """How a statement starts: its first verb, the base form, and the grammatical person.

    ``phrase`` is the longest known verb phrase starting there ("be aware of", "carry out") or
    the verb's base form; ``start`` is where the statement's own words begin (the subject, or
    the verb when there is none), ``verb_start`` where the verb is and ``verb_end`` where the
    phrase ends.
    """

    verb: str
    lemma: str
    phrase: str
    person: str
    start: int
    verb_start: int
    verb_end: int
    rest: tuple[str, ...]


@dataclass(frozen=True)
class StatementRules:
    """The settings of the statement-writing rules, with their defaults."""

    verbs: Mapping[str, tuple[int, int] | str] = field(default_factory=dict)
    level_bands: Mapping[str, float] = field(default_factory=dict)
    verb_tolerance: float = 1.0
    similarity: float = 85.0
    title_max_words: int = 8
    proper_nouns: frozenset[str] = frozenset()
    text_min_words: int = 5
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
        for phrase in (*self.bands, *self.vague, *NEUTRAL, *self.verbs):
            if " " in phrase:
                by_first.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
        return {
            k: tuple(sorted(set(v), key=lambda p: -len(p.split()))) for k, v in by_first.items()
        }

    @cached_property
    def lexicon(self) -> frozenset[str]:
        """The base forms of every verb known: banded, vague, neutral or configured."""
        known = {p.split(" ", 1)[0] for p in (*self.bands, *self.vague, *NEUTRAL, *self.verbs)}
        known.update(_IRREGULAR.values())
        return frozenset(known)

    def band_of(self, phrase: str) -> tuple[int, int] | None:
        """The band of the verb phrase a statement opens with (``Opening.phrase``: the
        longest known phrase, else the verb), or None when it has none."""
        if phrase in self.verbs and not isinstance(self.verbs[phrase], tuple):
            return None
        return self.bands.get(phrase)

    # -- reading a statement ---------------------------------------------------------------

    def known(self, word: str) -> str | None:
        """The base form of ``word`` when it is a known verb in its base form, else None."""
        for form in variants(word):
            if form in self.lexicon:
                return form
        return None

    def lemma(self, word: str) -> tuple[str, bool]:
        """The base form of a verb and whether ``word`` was a third-person form of it.

        Known verbs are looked up ("analyses" -> "analyse", "focuses" -> "focus"); others are
        read by the regular patterns of English ("-ies" -> "-y", "-ches" -> "-ch", "-s")."""
        word = word.lower()
        if word in _IRREGULAR:
            return _IRREGULAR[word], word not in ("be", "have", "are", "am")
        base = self.known(word)
        if base is not None:
            return base, False
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

    @cached_property
    def _openings(self) -> dict[str, Opening | None]:
        return {}

    def opening(self, text: str) -> Opening | None:
        """How ``text`` starts, or None when it has no words (remembered: several rules ask)."""
        cache = self._openings
        if text not in cache:
            if len(cache) > 20_000:
                cache.clear()
            cache[text] = self._read_opening(text)
        return cache[text]

    def _read_opening(self, text: str) -> Opening | None:
        found = words(text)
        if not found:
            return None
        low = [_lower(w) for w in found]
        i = self._past_lead_in(text, found, low)
        start_index = i
        person = ""
        if low[i] in _SUBJECT_PRONOUNS:
            person = _SUBJECT_PRONOUNS[low[i]]
            i += 1
        elif low[i] in _DETERMINERS:
            person = "third"
            i = self._past_noun_phrase(low, i + 1)
        elif i + 1 < len(low) and low[i + 1] in _MODALS and self.known(low[i]) is None:
            person = "third"  # "Nurses can ...": a subject without a determiner
            i += 1
        i, modal = self._past_modals(low, i)
        i = self._past_adverbs(low, i)
        if i >= len(found):
            return None
        verb = found[i]
        lemma, third = self.lemma(low[i])
        if not person:
            person = "third" if third or modal else "imperative"
        following = tuple(w for w in low[i + 1 :] if w not in _ARTICLES)
        phrase = self._phrase(lemma, following)
        last, need = i, len(phrase.split()) - 1
        for j in range(i + 1, len(low)):
            if need == 0:
                break
            if low[j] not in _ARTICLES:
                last, need = j, need - 1
        return Opening(
            verb=verb.text,
            lemma=lemma,
            phrase=phrase,
            person=person,
            start=found[start_index].start,
            verb_start=verb.start,
            verb_end=found[last].start + len(found[last].text),
            rest=tuple(low[i + 1 :]),
        )

    def _past_lead_in(self, text: str, found: list[Word], low: list[str]) -> int:
        """The first word after a lead-in: "Under direct supervision, ...", "With support from a
        mentor, ...", or a topic before a dash or colon ("Vital signs — measure ...")."""
        if len(found) < 3:
            return 0
        topic = _TOPIC.search(text)
        if topic is not None and low[0] not in _SUBJECT_PRONOUNS and not self.lemma(low[0])[1]:
            after = [index for index, word in enumerate(found) if word.start >= topic.end()]
            if after and 0 < after[0] <= 6 and self._is_verb(low[after[0]]):
                return after[0]
        comma = text.find(",")
        if low[0] not in _LEAD_INS or comma < 0:
            return 0
        for index, word in enumerate(found[:9]):
            if word.start > comma:
                return index
        return 0

    def _is_verb(self, word: str) -> bool:
        """A known verb in its base or third-person form."""
        return self.known(self.lemma(word)[0]) is not None

    def _past_noun_phrase(self, low: list[str], i: int) -> int:
        """Past the subject's nouns ("learner", "emergency medical technician") to its verb."""
        for j in range(i, min(i + 5, len(low))):
            word = low[j]
            if word in _MODALS:
                return j
            lemma, third = self.lemma(word)
            if (third and self.known(lemma) is not None) or word in _IRREGULAR:
                return j
            if j > i and self.known(word) is not None:  # "The officers explain ..."
                return j
        return i + 1 if i + 1 < len(low) else i

    def _past_modals(self, low: list[str], i: int) -> tuple[int, bool]:
        modal = False
        while i < len(low):
            if low[i] in _MODALS:
                i, modal = i + 1, True
                continue
            head = _IRREGULAR.get(low[i], self.known(low[i]) or self.lemma(low[i])[0])
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
            if i + 1 >= len(low):
                return i
            word = low[i]
            is_adverb = word in _ADVERBS or (
                word.endswith("ly") and self.known(word) is None and len(word) > 4
            )
            if not is_adverb:
                return i
            i += 1
            if i < len(low) and low[i] == "and":  # "clearly and calmly explains"
                i += 1
        return i

    def _phrase(self, lemma: str, following: tuple[str, ...]) -> str:
        for phrase in self.phrases.get(lemma, ()):
            tail = tuple(phrase.split(" ")[1:])
            if following[: len(tail)] == tail:
                return phrase
        return lemma

    def vague_phrase(self, opening: Opening) -> str | None:
        """The vague verb or phrase the statement opens with, if any."""
        if opening.phrase in self.vague:
            return opening.phrase
        return opening.lemma if opening.lemma in self.vague else None

    def normalised(self, text: str) -> str:
        """The text reduced to what it says: no subject or modal, the verb in its base form,
        lower case, no punctuation; "I can explain X." and "explains X" read the same."""
        text = unicodedata.normalize("NFKC", text)
        found = words(text)
        start = self.opening(text)
        if start is None:
            return " ".join(_lower(w) for w in found)
        lead_in = [_lower(w) for w in found if w.start < start.start]
        return " ".join([*lead_in, start.lemma, *start.rest])


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
