"""A statement's text is too short or too long (warning).

A statement needs enough words to say what is done, on what, and to what standard ("explains
duty rules to travelers in plain terms"); a text of two or three words ("checks passports") is a
title, not a statement. A very long text usually holds two or three statements that learners
would be assessed on separately, or procedure that belongs in a guide. The bounds are
``text-min-words = 4`` and ``text-max-words = 50`` under ``[tool.skillframe.statement-rules]``;
the warning points at the start of the text.

A good rewrite of a short text adds the object, the situation or the standard; a long one is
split into statements, one behaviour each.

Fails::

    - id: passport-checks
      text: checks passports.

Passes::

    - id: passport-checks
      text: checks passports and visas at primary inspection using the prescribed queries.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import analysed, rules_of


def check(ctx: Context) -> Iterator[Finding]:
    rules = rules_of(ctx)
    for at, _, _, analysis in analysed(ctx):
        count = len(analysis.lower)
        if count == 0:
            continue
        if count < rules.text_min_words:
            yield Finding(
                at,
                f"the text has {count} word{'s' if count > 1 else ''}, fewer than "
                f"{rules.text_min_words}: say what is done, on what, and to what standard",
                offset=0,
            )
        elif count > rules.text_max_words:
            yield Finding(
                at,
                f"the text has {count} words, more than {rules.text_max_words}: split it into "
                "statements of one behaviour each, or cut procedure that belongs elsewhere",
                offset=0,
            )


RULE = Rule(
    code="SF507",
    name="text-length",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
