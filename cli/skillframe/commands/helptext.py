"""Help that reads as prose for people, and a plain answer to a flag given a value.

Typer's help names values in programmer notation (``<bool>``, ``<list[Path]>``,
``<int range> [x>=0]``, ``{file}``). Here every value is named in capitals after what it is
(``--title TITLE``, ``--format text|json``, ``FILE``, ``PATH...``), a switch such as
``--strict`` shows no value at all, and writing ``--strict true`` (a value given to a switch)
is a usage error that says so, instead of reading ``true`` as a path.

:func:`install` adjusts Typer's parameter classes once, before any help is printed; it is the
one place that knows how a value is named.
"""

from __future__ import annotations

import itertools
from typing import Any

#: Words a writer may put after a switch, meaning "on" or "off".
SWITCH_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "1", "0"})

#: Parameter names that are not words a reader knows, and what to call their values instead.
_NAMES = {"ident": "ID", "paths": "PATH", "new_id": "ID"}


def value_name(param: Any) -> str | None:
    """The name of the value a parameter takes, in words; None for a switch."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar is not None:
        return str(param.metavar)
    if param.param_type_name == "argument":
        name = str(param.name or "value")
        return _NAMES.get(name, name.upper())
    descriptor = param.type_descriptor
    choices = descriptor.choices
    if choices:
        return "|".join(str(getattr(choice, "value", choice)) for choice in choices)
    if descriptor.is_ranged or descriptor.annotation in (int, float):
        return "NUMBER"
    long_flags = [opt for opt in param.opts if opt.startswith("--")]
    return (long_flags[0][2:] if long_flags else str(param.name)).replace("-", "_").upper()


def _argument_name(param: Any) -> str:
    name = str(param.display_name_raw)
    return name + ("..." if param.nargs != 1 else "")


def _usage_name(param: Any) -> str:
    name = _argument_name(param)
    return name if param.required else f"[{name}]"


def _option_type(param: Any, ctx: Any) -> str | None:
    return value_name(param)


def _argument_type(param: Any, ctx: Any) -> str | None:
    return None  # the name column already says what the value is


def _no_range(param: Any) -> str | None:
    return None  # the help text says what the number means


def _refusing_switch_values(parse_args: Any) -> Any:
    """Wrap a command's ``parse_args``: a switch followed by true/false/yes/no ... is a usage
    error naming the switch, rather than a value taken for the next argument."""

    def parse(self: Any, ctx: Any, args: list[str]) -> Any:
        switches = {
            opt
            for param in self.get_params(ctx)
            if getattr(param, "is_flag", False)
            for opt in param.opts
        }
        for before, after in itertools.pairwise(args):
            if before == "--":
                break
            if before in switches and after.lower() in SWITCH_WORDS:
                ctx.fail(
                    f"{before} takes no value: write {before} alone to turn it on, "
                    f"or leave it out (remove '{after}')"
                )
        return parse_args(self, ctx, args)

    return parse


def install() -> None:
    """Name values in words in every command's help and refuse values given to switches."""
    from typer import core

    if getattr(core.TyperCommand, "_skillframe_humane", False):
        return
    replacements: list[tuple[type, str, Any]] = [
        (core.TyperOption, "display_type_rich", _option_type),
        (core.TyperOption, "_get_number_range_help_str", _no_range),
        (core.TyperArgument, "display_name_raw", property(value_name)),
        (core.TyperArgument, "display_type_rich", _argument_type),
        (core.TyperArgument, "_rich_display_name", _argument_name),
        (core.TyperArgument, "_usage_display_name", _usage_name),
        (core.TyperArgument, "_get_number_range_help_str", _no_range),
        (core.TyperCommand, "parse_args", _refusing_switch_values(core.TyperCommand.parse_args)),
    ]
    for cls, name, replacement in replacements:
        setattr(cls, name, replacement)
    setattr(core.TyperCommand, "_skillframe_humane", True)  # noqa: B010
