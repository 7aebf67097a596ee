"""A statement's text does not end cleanly (warning).

A statement is one finished sentence. A text that ends with a comma, a colon, a dash or a word
such as "and", "to" or "the" was cut off while editing; one that trails off with "etc." or an
ellipsis leaves the reader to guess what else is meant; an opened bracket or quotation mark that
is never closed hides where an aside ends. The warning points at the end of the text (at the
opened bracket for one never closed).

Whether texts end with a period is a house style: ``text-final-period = "always"`` or
``"never"`` under ``[tool.skillframe.statement-rules]`` makes it a rule (the default,
``"either"``, accepts both).

A good rewrite finishes the sentence and names what "etc." stood for.

Fails::

    - id: shift-log-entries
      text: records key events, pending referrals and open seizures in the shift log and

Passes::

    - id: shift-log-entries
      text: records key events, pending referrals and open seizures in the shift log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import rules_of, texts

_DANGLING = frozenset(
    {
        *("and", "or", "but", "nor", "to", "of", "the", "a", "an", "with", "for", "in", "on"),
        *("at", "by", "from", "into", "as", "than", "that", "which", "who", "whose", "such"),
        "including",
    }
)
#: The last word and what follows it, read from the end of the text backwards.
_LAST_WORD_BACKWARDS = re.compile(r"\W*([A-Za-z]+)")


def _last_word(body: str) -> tuple[str, int, int] | None:
    """The word at the end of ``body`` that only non-word characters follow, with where it starts
    and ends: matched on the reversed text, so the match is anchored at the end."""
    found = _LAST_WORD_BACKWARDS.match(body[::-1])
    if found is None:
        return None
    size = len(body)
    return found.group(1)[::-1], size - found.end(1), size - found.start(1)


_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))
_OPENERS = re.compile('[(\\["“]')


def problem(text: str, final_period: str) -> tuple[str, int] | None:
    """What is wrong with the end of ``text`` and where (an offset into it), or None."""
    body = text.rstrip()
    if not body:
        return None
    end = len(body) - 1
    last = body[-1]
    if (  # most texts: a sentence ending "word." with no bracket or quotation mark
        last == "."
        and body[-2:-1].isalpha()
        and body[-4:-1].lower() != "etc"
        and not _OPENERS.search(body)
    ):
        if final_period == "never":
            return 'ends with a period (the collection\'s text-final-period is "never")', end
        return None
    if body.endswith(("...", "…")):
        dots = end - 2 if body.endswith("...") else end
        return "trails off with an ellipsis: say what else is meant", dots
    # The last word is only read where it can matter: most texts have no "etc" and end with
    # a period.
    word = _last_word(body) if last.isalpha() or "etc" in body.lower() else None
    if word and word[0].lower() == "etc":
        return "ends with 'etc.': name what else is meant", word[1]
    if last in ",;:-–—/&(":
        return f"ends with '{last}': finish the sentence", end
    if word and word[2] == len(body) and word[0].lower() in _DANGLING:
        return f"ends with '{word[0]}': the sentence is cut off", word[1]
    if _OPENERS.search(body):  # most texts have no brackets or quotation marks to count
        for opened, closed in _PAIRS:
            if body.count(opened) > body.count(closed):
                return f"opens '{opened}' and never closes it", body.rindex(opened)
        if body.count('"') % 2:
            return "opens a quotation mark and never closes it", body.rindex('"')
    if final_period == "always" and last not in ".!?":
        return 'does not end with a period (the collection\'s text-final-period is "always")', end
    if final_period == "never" and last == ".":
        return 'ends with a period (the collection\'s text-final-period is "never")', end
    return None


def check(ctx: Context) -> Iterator[Finding]:
    final_period = rules_of(ctx).text_final_period
    for at, _, text in texts(ctx):
        found = problem(text, final_period)
        if found is not None:
            message, offset = found
            yield Finding(at, f"the text {message}", offset=offset)


RULE = Rule(
    code="SF509",
    name="text-ending",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
