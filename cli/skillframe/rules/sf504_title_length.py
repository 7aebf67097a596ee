"""A statement's title is too long to serve as a name (warning).

A title is the statement's short name: it labels the statement in tables of contents, exports,
checklists and diffs, where long titles are cut off or wrap. When a title runs past a few words
it is usually a second copy of the text. The limit is ``title-max-words = 8`` under
``[tool.skillframe.statement-rules]``; the warning points at the title.

A good rewrite names the behaviour in a noun phrase and leaves the how to the text: "Explains
duty, declaration and admissibility rules to travelers in plain terms" becomes "Regulation
explanations for travelers".

Fails::

    - id: regulation-explanations
      title: Explains duty, declaration and admissibility rules to travelers in plain terms

Passes::

    - id: regulation-explanations
      title: Regulation explanations for travelers
"""

from __future__ import annotations

from collections.abc import Iterator

from skillframe.diagnostics import Finding, Severity
from skillframe.rules.base import Context, Rule
from skillframe.rules.prose import rules_of, texts
from skillframe.writing import word_count


def check(ctx: Context) -> Iterator[Finding]:
    limit = rules_of(ctx).title_max_words
    for at, _, title in texts(ctx, "title"):
        count = word_count(title)
        if count > limit:
            yield Finding(
                at,
                f"the title has {count} words, more than {limit}: make it a short name and "
                "leave the detail to the text",
            )


RULE = Rule(
    code="SF504",
    name="title-length",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
