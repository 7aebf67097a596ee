"""A statement's title is not in sentence case (warning; ``lint --fix`` rewrites it).

Titles are written in sentence case: a capital for the first word and for names, lower case for
the rest ("Plain-language traveler directions"). Sentence case reads faster than Title Case,
keeps names recognisable (a capital then means a name) and matches the style of most
curriculum and government style guides. The warning is given when the title starts with a
lower-case letter, or when most of its longer words after the first are capitalised; it points
at the first word to change and gives the title in sentence case.

Acronyms ("AI", "O*NET") and words with capitals inside ("eBay") count as names. Other names
are listed under ``[tool.skillframe.statement-rules]``: ``proper-nouns = ["Narcan",
"Border Patrol"]``.

A good rewrite keeps the capital of the first word and of names and lowers the rest: "Use Of
AI In Secondary Inspection" becomes "Use of AI in secondary inspection". ``lint --fix`` writes
exactly the title the message gives (a safe fix: names listed in ``proper-nouns`` keep their
capitals, so list any name first).

Fails::

    - id: traveler-directions
      title: Plain-Language Traveler Directions

Passes::

    - id: traveler-directions
      title: Plain-language traveler directions
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from skillframe.diagnostics import Finding, Fix, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import rules_of, texts

_WORD = re.compile(r"[^\s/]+")
_PART = re.compile(r"[^-]+")
_STRIP = ".,:;()\"'"


def _capitalised(part: str) -> bool:
    """'Traveler': a capital, then only lower-case letters ('AI' and 'eBay' are names)."""
    letters = [c for c in part if c.isalpha()]
    return len(letters) > 1 and letters[0].isupper() and all(c.islower() for c in letters[1:])


def _name_words(names: frozenset[str]) -> set[str]:
    return {w.strip(_STRIP).lower() for name in names for w in name.split()}


def _to_lower(title: str, names: set[str]) -> list[tuple[int, int]]:
    """The spans sentence case writes in lower case: capitalised words after the first (not
    just after a colon) and capitalised parts after a hyphen ("Plain-Language"), less names."""
    spans = []
    words = list(_WORD.finditer(title))
    for index, word in enumerate(words):
        if word.group().strip(_STRIP).lower() in names:
            continue
        after_colon = index > 0 and words[index - 1].group().endswith(":")
        for number, part in enumerate(_PART.finditer(word.group())):
            if (index == 0 or after_colon) and number == 0:
                continue
            if _capitalised(part.group()) and part.group().strip(_STRIP).lower() not in names:
                spans.append((word.start() + part.start(), word.start() + part.end()))
    return spans


def _title_case(title: str, spans: list[tuple[int, int]]) -> bool:
    """Most words of four letters or more after the first are capitalised (two at least)."""
    words = list(_WORD.finditer(title))[1:]
    long = [w for w in words if sum(c.isalpha() for c in w.group()) >= 4]
    starts = {start for start, _ in spans}
    capitals = [w for w in long if w.start() in starts]
    return len(capitals) >= 2 and 2 * len(capitals) >= len(long)


def check(ctx: Context) -> Iterator[Finding]:
    names = _name_words(rules_of(ctx).proper_nouns)
    for at, _, title in texts(ctx, "title"):
        if title[:1].isupper() and title[1:].islower():
            continue  # most titles: a capital, then nothing but lower case
        first = _WORD.search(title)
        if first is None:
            continue
        word = first.group()
        if word[0].islower() and word == word.lower() and word.strip(_STRIP) not in names:
            fixed = f"{title[: first.start()]}{word[0].upper()}{title[first.start() + 1 :]}"
            yield Finding(
                at,
                f"the title starts with a lower-case letter: write it in sentence case ('{fixed}')",
                offset=first.start(),
                fix=Fix(at, "wrote the title's first letter as a capital", value=fixed),
            )
            continue
        rest = title[first.end() :]
        if rest == rest.lower():
            continue  # no capital after the first word: nothing to lower
        spans = _to_lower(title, names)
        if _title_case(title, spans):
            fixed = title
            for start, end in spans:
                fixed = fixed[:start] + fixed[start:end].lower() + fixed[end:]
            yield Finding(
                at,
                f"the title is in Title Case: write it in sentence case ('{fixed}'), "
                "with capitals only for the first word and for names",
                offset=spans[0][0],
                fix=Fix(at, "wrote the title in sentence case", value=fixed),
            )


RULE = Rule(
    code="SF506",
    name="title-case",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    fix="safe",
)
