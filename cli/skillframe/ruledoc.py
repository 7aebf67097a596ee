"""A rule's documentation as readable Markdown, from the docstring of its module.

Rule docstrings are written in the reStructuredText habits of Python docstrings: double
backticks around code, a paragraph ending in ``::`` before an indented example, and terms
followed by an indented definition. :func:`rule_markdown` turns one into Markdown that reads well
both as plain text (``skillframe explain`` prints it) and rendered on a code host (the rule
reference in ``docs/rules.md`` is made of these entries).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable

from skillframe.rules.base import Rule

#: ``code`` in double backticks (reStructuredText's inline literal).
_LITERAL = re.compile(r"``(.+?)``", re.DOTALL)
#: Inline roles such as :func:`name` or :class:`name`: the name is kept as code.
_ROLE = re.compile(r":[a-z]+:`([^`]+)`")


def inline(text: str) -> str:
    """Inline reStructuredText (double backticks, roles) as Markdown code."""
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", text))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blocks(lines: list[str]) -> Iterable[str]:
    """Markdown blocks, one for each paragraph, example or definition of the docstring body."""
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        paragraph: list[str] = []
        while index < len(lines) and lines[index].strip() and _indent(lines[index]) == 0:
            paragraph.append(lines[index].strip())
            index += 1
        following: list[str] = []
        while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) > 0):
            following.append(lines[index])
            index += 1
        body = textwrap.dedent("\n".join(following)).strip("\n")
        text = "\n".join(paragraph)
        if text.endswith("::"):
            # A literal block follows: the example, verbatim.
            if text != "::":
                yield inline(text[:-1])
        elif paragraph and following and following[0].strip():
            # A term directly followed by its indented definition: one item of a list.
            definition = "\n  ".join(line.strip() for line in body.splitlines())
            yield f"- **{inline(text)}** {inline(definition)}"
            continue
        elif text:
            yield inline(text)
        if body:
            yield f"```yaml\n{body}\n```"


def rule_markdown(rule: Rule, level: int = 2) -> str:
    """The rule's entry: a heading (``## SF201 unknown-source``), its one-line summary, its
    severity, then the explanation and its failing and passing examples."""
    lines = rule.doc.strip().splitlines()
    body = textwrap.dedent("\n".join(lines[1:])).splitlines()
    blocks = [
        f"{'#' * level} {rule.code} {rule.name}",
        inline(rule.summary),
        f"Severity: {rule.severity.value}.",
        *_blocks(body),
    ]
    return "\n\n".join(blocks) + "\n"
