"""What every named edit needs: finding things by id, typed errors with hints, new lists."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from skillframe import spec
from skillframe.edit import Operation as Operation
from skillframe.errors import NotFound, UsageError
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


def hint(word: str, choices: Sequence[str], listed: str = "there are") -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    if close:
        return f"; did you mean '{close[0]}'?"
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


def find_statement(data: Any, ident: str) -> Found:
    for found in statements_of(data):
        if found.statement.get("id") == ident:
            return found
    raise not_found("statement", ident, spec.statement_ids(data))


def find_domain(data: Any, ident: str) -> tuple[int, Any]:
    for index, domain in domains_of(data):
        if domain.get("id") == ident:
            return index, domain
    raise not_found("domain", ident, spec.domain_ids(data))


def find_level(data: Any, ident: str) -> int:
    ids = spec.level_ids(data)
    if ident not in ids:
        raise not_found("level", ident, ids)
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
