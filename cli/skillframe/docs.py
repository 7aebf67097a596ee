"""The generated reference pages of ``docs/``: the rules and the commands.

``python -m skillframe.docs`` writes them from the rule modules' documentation and the commands'
own help; ``python -m skillframe.docs --check`` only says which are out of date (exit 1). The
output depends on nothing but the code: the width is fixed and there is no colour. Run it after
changing a rule's docstring, a command, an option or a help text, and commit the pages.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

#: The one command that regenerates every generated page (the docs test prints it).
REGENERATE = "python -m skillframe.docs"
#: The note at the top of a generated page.
_GENERATED = (
    "<!-- Generated from {source} by `" + REGENERATE + "`: edit the source and run it again "
    "rather than editing this page. -->"
)


def rules_page() -> str:
    """The rule reference: a table of every rule, then each rule's entry."""
    from skillframe.ruledoc import entry, table_row
    from skillframe.rules import RULES

    rows = [table_row(rule) for rule in RULES.values()]
    head = [
        "# Rule reference",
        _GENERATED.format(source="the documentation of the rule modules"),
        "`skillframe lint` reports each problem under one of these codes. "
        "`skillframe explain CODE` prints a rule's entry as it stands here, and "
        "`skillframe rules` lists them all. How to choose the rules that run, and how to "
        "silence one line, is in [Checking files](linting.md).",
        "| code | name | severity | checks |\n|---|---|---|---|\n" + "\n".join(rows),
    ]
    return "\n\n".join(head) + "\n\n" + "\n".join(entry(rule) for rule in RULES.values())


def commands_page() -> str:
    """The command reference: every command's help, as ``skillframe ... --help`` prints it."""
    from skillframe.commands.reference import command_help

    entries = command_help()
    rows = [
        f"| [`{name}`](#{name.replace(' ', '-')}) | {summary.replace('|', chr(92) + '|')} |"
        for name, summary, _ in entries
    ]
    head = [
        "# Command reference",
        _GENERATED.format(source="the commands' own help"),
        "Every command and sub-command of `skillframe`, with the help that `--help` shows. "
        "The guides in this folder show them at work.",
        "| command | what it does |\n|---|---|\n" + "\n".join(rows),
    ]
    body = [f"## {name}\n\n```text\n{text.rstrip()}\n```\n" for name, _, text in entries]
    return "\n\n".join(head) + "\n\n" + "\n".join(body)


#: Each generated page, by its file name in docs/.
PAGES: dict[str, Callable[[], str]] = {"rules.md": rules_page, "commands.md": commands_page}


def stale(folder: Path) -> list[str]:
    """The generated pages in ``folder`` that are missing or differ from what the code makes."""
    out = []
    for name, make in PAGES.items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != make():
            out.append(name)
    return out


def _default_folder() -> Path | None:
    """The docs/ folder of the source checkout this module runs from, if it is one."""
    root = Path(__file__).resolve().parents[2]
    return root / "docs" if (root / "pyproject.toml").is_file() else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=REGENERATE, description="Write the generated pages of the documentation."
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="the docs folder (default: docs/ of the source checkout)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a page is out of date"
    )
    args = parser.parse_args(argv)
    folder = args.folder or _default_folder()
    if folder is None or not folder.is_dir():
        parser.error("name the docs folder to write into")
    if args.check:
        pages = stale(folder)
        for name in pages:
            print(f"{folder / name} is out of date: run {REGENERATE}", file=sys.stderr)
        return 1 if pages else 0
    for name, make in PAGES.items():
        path = folder / name
        text = make()
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
