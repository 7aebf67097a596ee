"""The registry of rules: one module a rule, listed here explicitly, in code order."""

from __future__ import annotations

from importlib import import_module

from skillframe.codes import MODULES as _NAMES
from skillframe.rules.base import Context, Rule

_MODULES = tuple(import_module(f"skillframe.rules.{name}") for name in _NAMES)

RULES: dict[str, Rule] = {module.RULE.code: module.RULE for module in _MODULES}

#: Schema rules in the order they claim errors: the specific ones first, SF104 catches the rest.
SCHEMA_RULES: tuple[Rule, ...] = tuple(
    sorted((r for r in RULES.values() if r.sort == "schema"), key=lambda r: r.code == "SF104")
)
DATA_RULES: tuple[Rule, ...] = tuple(r for r in RULES.values() if r.sort == "data")

__all__ = ["DATA_RULES", "RULES", "SCHEMA_RULES", "Context", "Rule"]
