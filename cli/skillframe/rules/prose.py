"""What the statement-writing rules (SF5xx) share: the statements' texts and titles, the band of
mastery each level stands for, and suggestions worded in the statement's own style."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from skillframe.diagnostics import At, Finding
from skillframe.rules.base import Context
from skillframe.verbs import SUGGESTIONS
from skillframe.writing import Analysis, StatementRules, settings_of, third_person


def rules_of(ctx: Context) -> StatementRules:
    return settings_of(ctx.settings)


def texts(ctx: Context, key: str = "text") -> Iterator[tuple[At, dict[str, Any], str]]:
    """Every statement whose ``key`` (text or title) is text, as (path of that value, statement,
    value); listed once a file, as most statement rules walk them."""
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = [
            ((*at, key), statement, value)
            for at, statement, _ in ctx.statements()
            if isinstance(value := statement.get(key), str)
        ]
    return iter(found)


def analysed(ctx: Context) -> list[tuple[At, dict[str, Any], str, Analysis]]:
    """Every statement with a text, as (path of the text, statement, text, its analysis):
    each text analysed once a file, for all the rules that read it."""
    found = ctx.memo.get("analysed")
    if found is None:
        analyse = rules_of(ctx).analyse
        found = ctx.memo["analysed"] = [
            (at, statement, text, analyse(text)) for at, statement, text in texts(ctx)
        ]
    return found


def _weak(ctx: Context) -> dict[str, list[tuple[At, dict[str, Any], str, Analysis]]]:
    """The statements whose opening names something other than behaviour, by what it names
    (``Weakness.kind``): worked out once for the four rules that report them."""
    found = ctx.memo.get("weak")
    if found is None:
        found = ctx.memo["weak"] = {}
        for entry in analysed(ctx):
            weakness = entry[3].weakness
            if weakness is not None:
                found.setdefault(weakness.kind, []).append(entry)
    return found


def level_bands(ctx: Context, rules: StatementRules) -> dict[str, float]:
    """The band of mastery (1 to 4) of each declared level: configured, or spread evenly from
    the lowest level (1) to the highest (4). With a single level, only configured bands count."""
    ids = ctx.level_ids()
    bands: dict[str, float] = {}
    for index, ident in enumerate(ids):
        if ident in rules.level_bands:
            bands[ident] = rules.level_bands[ident]
        elif len(ids) > 1:
            bands[ident] = 1 + 3 * index / (len(ids) - 1)
    return bands


def nearest_band(band: float) -> int:
    return min(4, max(1, int(band + 0.5)))


def in_style(lemma: str, person: str) -> str:
    """A verb as the statement would write it: 'explains' in the third person, else 'explain'."""
    return third_person(lemma) if person == "third" else lemma


def suggestions(band: float, person: str, rules: StatementRules) -> str:
    """Measurable verbs for a band, in the statement's style: "identifies, describes or follows"
    (less any the configuration calls vague)."""
    verbs = [in_style(v, person) for v in SUGGESTIONS[nearest_band(band)] if v not in rules.vague]
    if len(verbs) < 2:
        return "".join(verbs)
    return f"{', '.join(verbs[:-1])} or {verbs[-1]}"


def weak_openings(ctx: Context, kind: str) -> Iterator[Finding]:
    """A warning for each statement whose opening names ``kind`` instead of behaviour (see
    ``Weakness``), at the words that say it, with measurable verbs for the statement's level
    in its own style. ``kind`` selects the wording of the reason."""
    rules = rules_of(ctx)
    bands = level_bands(ctx, rules)
    reason = _REASONS[kind]
    for at, statement, text, analysis in _weak(ctx).get(kind, ()):
        weakness = analysis.weakness
        if weakness is None or analysis.opening is None:
            continue
        written = text[weakness.start : weakness.end]
        level = statement.get("level")
        band = bands.get(level, 2.5) if isinstance(level, str) else 2.5
        where = f" for level '{level}'" if isinstance(level, str) and level in bands else ""
        verbs = suggestions(band, analysis.opening.person, rules)
        yield Finding(
            at,
            f"'{written}' {reason}; say what is done that shows it, with a verb{where} such "
            f"as {verbs}",
            offset=weakness.start,
        )


_REASONS = {
    "vague": "is vague: it names no behaviour anyone can observe",
    "state": "names a state, a quality or a role, not behaviour: no one can watch it",
    "experience": "claims experience: what was done, or for how long, is not what can be done now",
    "participation": "names taking part, not what is done: it says nothing anyone could assess",
}
