"""The registry of rules: one module a rule, listed here explicitly, in code order."""

from __future__ import annotations

from importlib import import_module

from skillframe.rules.base import Context, Rule

_NAMES = (
    "sf001_yaml_syntax",
    "sf002_duplicate_key",
    "sf003_tab_indent",
    "sf004_encoding",
    "sf005_empty_file",
    "sf006_unknown_kind",
    "sf007_yaml_tag",
    "sf008_too_large",
    "sf009_control_characters",
    "sf101_missing_key",
    "sf102_unknown_key",
    "sf103_wrong_type",
    "sf104_bad_value",
    "sf105_onet_soc",
    "sf106_bad_id",
    "sf107_unquoted_date",
    "sf201_unknown_source",
    "sf202_locator_pattern",
    "sf203_source_fields",
    "sf204_unknown_anchor",
    "sf205_unused_source",
    "sf206_unused_anchor",
    "sf207_unknown_taxonomy",
    "sf301_duplicate_id",
    "sf302_undeclared_level",
    "sf303_level_coverage",
    "sf304_taxonomy_coverage",
    "sf401_evidence_range",
    "sf501_vague_verb",
    "sf502_level_verb",
    "sf503_near_duplicate",
    "sf504_title_length",
    "sf505_title_period",
    "sf506_title_case",
    "sf507_text_length",
    "sf508_whitespace",
    "sf509_text_ending",
    "sf510_mixed_person",
    "sf511_level_order",
    "sf512_state_not_behaviour",
    "sf513_experience_claim",
    "sf514_vague_participation",
    "sf601_exposure_contribution",
    "sf602_exposure_weights",
    "sf603_exposure_score",
    "sf701_onet_occupation",
    "sf702_onet_task",
    "sf703_onet_task_text",
    "sf704_onet_title",
    "sf705_onet_tasks_missing",
)
_MODULES = tuple(import_module(f"skillframe.rules.{name}") for name in _NAMES)

RULES: dict[str, Rule] = {module.RULE.code: module.RULE for module in _MODULES}

#: Schema rules in the order they claim errors: the specific ones first, SF104 catches the rest.
SCHEMA_RULES: tuple[Rule, ...] = tuple(
    sorted((r for r in RULES.values() if r.sort == "schema"), key=lambda r: r.code == "SF104")
)
DATA_RULES: tuple[Rule, ...] = tuple(r for r in RULES.values() if r.sort == "data")

__all__ = ["DATA_RULES", "RULES", "SCHEMA_RULES", "Context", "Rule"]
