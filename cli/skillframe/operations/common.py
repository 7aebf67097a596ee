"""What every named edit needs: finding things by id, typed errors with hints, new lists."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from skillframe import spec
from skillframe.edit import Operation as Operation
from skillframe.errors import NotFound, Refusal, UsageError
from skillframe.tree import add_key, unfold_item


def plural(count: int, word: str) -> str:
    """``1 statement``, ``2 statements``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def usage(message: str, *options: str) -> UsageError:
    """A usage error whose message names ``options`` in backquotes."""
    return UsageError(message, options=options)


def check_slug(value: str, what: str) -> str:
    if not spec.is_slug(value):
        raise usage(
            f"{what} '{value}' is not a valid id: use lowercase letters and digits with single "
            f"hyphens between words (for example '{spec.slugify(value) or 'plain-answers'}')"
        )
    return value


def closest(word: str, choices: Sequence[str]) -> str | None:
    """The choice a typo most likely meant, if one is close enough."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def hint(word: str, choices: Sequence[str], listed: str = "there are") -> str:
    near = closest(word, choices)
    if near:
        return f"; did you mean '{near}'?"
    if choices:
        shown = ", ".join(list(choices)[:12])
        more = ", ..." if len(choices) > 12 else ""
        return f" ({listed}: {shown}{more})"
    return f" ({listed}: none)"


def not_found(
    what: str, ident: str, choices: Sequence[str], where: str = "in this framework"
) -> NotFound:
    return NotFound(
        f"no {what} '{ident}' {where}{hint(ident, choices)}",
        what=what,
        ident=ident,
        choices=choices,
    )


def unknown(what: str, ident: str, known: Sequence[str]) -> None:
    """Refuse (a usage error) an id that is not among ``known``, suggesting the closest."""
    if ident not in known:
        raise not_found(what, ident, known)


def _line_of(node: Any) -> int | None:
    """The 1-based line of a round-trip node (None for plain data)."""
    lc = getattr(node, "lc", None)
    return lc.line + 1 if lc is not None and lc.line is not None else None


def refuse_ambiguous(what: str, ident: str, lines: Sequence[int | None]) -> Refusal:
    """The refusal of an id that names more than one thing: which would be a guess."""
    known = [str(line) for line in lines if line is not None]
    where = f" (lines {', '.join(known[:-1])} and {known[-1]})" if len(known) == len(lines) else ""
    message = (
        f"{what} id '{ident}' is used {len(lines)} times{where}: the edit would have to guess "
        f"which one is meant, so nothing is changed; give each its own id first"
    )
    if what == "statement" and where:
        # The one edit that can tell them apart: a new id for the copy at a given line.
        message += f" (`statement edit` FILE {ident} `line` {known[-1]} `new_id` NEW-ID)"
        return Refusal(message, options=("statement edit", "line", "new_id"))
    return Refusal(message)


# -- finding things ---------------------------------------------------------------------------


def domains_of(data: Any) -> list[tuple[int, Any]]:
    return [(at[1], domain) for at, domain in spec.items(data, "domains")]


@dataclass
class Found:
    """A statement and where it is."""

    domain_index: int
    domain: Any
    seq: Any
    index: int
    statement: Any

    @property
    def at(self) -> tuple[str | int, ...]:
        return ("domains", self.domain_index, "statements", self.index)

    @property
    def owner(self) -> tuple[Any, str]:
        return (self.domain, "statements")


def statements_of(data: Any) -> Iterator[Found]:
    for at, statement, domain in spec.statements(data):
        yield Found(at[1], domain, domain["statements"], at[3], statement)


def find_statement(
    data: Any,
    ident: str,
    line_of: Callable[[Found], int | None] | None = None,
    line: int | None = None,
) -> Found:
    """The one statement with id ``ident`` (of several with that id, the one at ``line``); an
    unknown id, or one used twice, is refused (``line_of`` names the lines of plain data;
    round-trip nodes know their own)."""
    matches = [found for found in statements_of(data) if found.statement.get("id") == ident]
    if line is not None and matches:
        lines = [line_of(f) if line_of else _line_of(f.statement) for f in matches]
        here = [found for found, at in zip(matches, lines, strict=True) if at == line]
        if not here:
            shown = ", ".join(str(at) for at in lines if at is not None)
            raise usage(f"no statement '{ident}' at line {line} (it is at line {shown})", "line")
        matches = here
    if len(matches) > 1:
        lines = [line_of(f) if line_of else _line_of(f.statement) for f in matches]
        raise refuse_ambiguous("statement", ident, lines)
    if matches:
        return matches[0]
    raise not_found("statement", ident, spec.statement_ids(data))


def find_domain(data: Any, ident: str) -> tuple[int, Any]:
    """The one domain with id ``ident`` and its index; unknown or used twice is refused."""
    matches = [(index, domain) for index, domain in domains_of(data) if domain.get("id") == ident]
    if len(matches) > 1:
        raise refuse_ambiguous("domain", ident, [_line_of(domain) for _, domain in matches])
    if matches:
        return matches[0]
    raise not_found("domain", ident, spec.domain_ids(data))


def find_level(data: Any, ident: str) -> int:
    ids = spec.level_ids(data)
    unknown("level", ident, ids)
    return ids.index(ident)


def ensure_list(
    mapping: Any, key: str, order: Sequence[str], flow: bool = False, comment: str = ""
) -> Any:
    """``mapping[key]`` as a list to add to, created (after its neighbours in ``order``, below
    ``comment`` when it is a new key) if absent or empty (null)."""
    from ruamel.yaml.comments import CommentedSeq

    value = mapping.get(key)
    if isinstance(value, list):
        return value
    seq = CommentedSeq()
    if flow:
        seq.fa.set_flow_style()
    if key in mapping:
        mapping[key] = seq
    else:
        add_key(mapping, key, seq, after=order[: order.index(key)], comment=comment)
    return seq


def statements_list(data: Any, index: int) -> Any:
    """The statements of domain ``index``, to add to (a domain written as ``{id: ..., name:
    ...}`` is unfolded first: it cannot hold block statements)."""
    unfold_item(data["domains"], index)
    return ensure_list(data["domains"][index], "statements", spec.DOMAIN_KEYS)
