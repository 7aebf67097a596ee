"""A rule's documentation (its module's docstring) as plain text and as Markdown.

Docstrings are written in a small part of reStructuredText: ````literal```` words, a paragraph
ending ``::`` followed by an indented example, and a line ending ``:`` followed by indented
text (a term and its definition). Code scanning tools show these two renderings; the rule
reference (``docs/rules.md``) is made of the Markdown entries, and ``skillframe explain`` prints
a rule's entry.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from importlib import metadata

from skillframe.rules.base import Rule

#: Where the rule pages live below the repository's address.
RULES_PAGE = "docs/rules.md"

_LITERAL = re.compile(r"``(.+?)``")
_MARKDOWN_SPECIAL = re.compile(r"([\\*_<>\[\]#|])")


@dataclass(frozen=True)
class Block:
    """One part of a docstring's body: ``paragraph`` text, a ``term`` with its definition,
    or an ``example`` (literal lines, indentation kept)."""

    sort: str
    text: str
    term: str = ""


def body(rule: Rule) -> str:
    """The documentation after the one-line summary, dedented."""
    return textwrap.dedent("\n".join(rule.doc.strip().splitlines()[1:])).strip()


def blocks(rule: Rule) -> list[Block]:
    """The body split into paragraphs, definitions and examples."""
    lines = body(rule).splitlines()
    out: list[Block] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        while index < len(lines) and lines[index].strip() and not lines[index].startswith(" "):
            index += 1
        paragraph = " ".join(line.strip() for line in lines[start:index])
        indented, index = _indented(lines, index)
        if not paragraph:  # an indented block with no lead-in: an example
            out.append(Block("example", indented))
        elif paragraph.endswith("::") and indented:
            out.append(Block("paragraph", paragraph[:-1]))
            out.append(Block("example", indented))
        elif paragraph.endswith(":") and indented:
            out.append(Block("term", " ".join(indented.split()), term=paragraph))
        else:
            out.append(Block("paragraph", paragraph.rstrip(":") + ":" if indented else paragraph))
            if indented:
                out.append(Block("example", indented))
    return out


def _indented(lines: list[str], index: int) -> tuple[str, int]:
    """The indented lines from ``index`` (blank lines between them included), dedented."""
    taken: list[str] = []
    while index < len(lines):
        line = lines[index]
        if line.startswith(" "):
            taken.append(line)
        elif not line.strip() and index + 1 < len(lines) and lines[index + 1].startswith(" "):
            taken.append("")
        else:
            break
        index += 1
    return textwrap.dedent("\n".join(taken)).strip("\n").rstrip(), index


def summary(rule: Rule) -> str:
    """The one-line summary as plain text."""
    return _plain(rule.summary)


def plain_text(rule: Rule) -> str:
    """The documentation for a reader of plain text: summary, prose, examples indented."""
    parts = [summary(rule)]
    for block in blocks(rule):
        if block.sort == "example":
            parts.append(textwrap.indent(block.text, "    "))
        elif block.sort == "term":
            parts.append(f"{_plain(block.term)} {_plain(block.text)}")
        else:
            parts.append(_plain(block.text))
    return "\n\n".join(parts) + "\n"


def description(rule: Rule) -> str:
    """What the rule checks and why: the summary and the first paragraph, plain text."""
    first = next((b for b in blocks(rule) if b.sort == "paragraph"), None)
    return summary(rule) if first is None else f"{summary(rule)} {_plain(first.text)}"


def markdown(rule: Rule) -> str:
    """The documentation as Markdown: prose, definitions as a list, examples as YAML blocks."""
    parts = [f"**{rule.code} {rule.name}** ({rule.severity.value}): {_inline(rule.summary)}"]
    previous = ""
    for block in blocks(rule):
        if block.sort == "example":
            parts.append(f"```yaml\n{block.text}\n```")
        elif block.sort == "term":
            item = f"- **{_inline(block.term)}** {_inline(block.text)}"
            if previous == "term":  # one list, not a list of paragraphs
                parts[-1] += "\n" + item
            else:
                parts.append(item)
        else:
            parts.append(_inline(block.text))
        previous = block.sort
    return "\n\n".join(parts) + "\n"


def anchor(rule: Rule) -> str:
    """The id of the rule's section on the rule reference page (its heading is the code)."""
    return rule.code.lower()


def entry(rule: Rule) -> str:
    """The rule's section of the rule reference: a heading, then its Markdown."""
    return f"## {rule.code}\n\n{markdown(rule)}"


def table_row(rule: Rule) -> str:
    """The rule's row in the reference's table of rules."""
    return (
        f"| [{rule.code}](#{anchor(rule)}) | {rule.name} | {rule.severity.value} | "
        f"{_inline(rule.summary)} |"
    )


def _plain(text: str) -> str:
    return _LITERAL.sub(r"`\1`", text)


def _inline(text: str) -> str:
    """Prose as Markdown: literals as code spans, characters Markdown would read escaped."""
    out = []
    position = 0
    for match in _LITERAL.finditer(text):
        out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[position : match.start()]))
        literal = match.group(1)
        fence = "``" if "`" in literal else "`"
        pad = " " if literal.startswith("`") or literal.endswith("`") else ""
        out.append(f"{fence}{pad}{literal}{pad}{fence}")
        position = match.end()
    out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[position:]))
    return "".join(out)


def repository_url() -> str | None:
    """The project's repository address, from the installed package's metadata."""
    try:
        entries: list[str] = metadata.metadata("skillframe").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("repository", "source", "source code"):
            return url.strip().rstrip("/")
    return None


def help_uri(rule: Rule) -> str | None:
    """The address of the rule's section in the documentation, or None when unknown."""
    base = repository_url()
    if base is None:
        return None
    return f"{base}/blob/main/{RULES_PAGE}#{anchor(rule)}"
