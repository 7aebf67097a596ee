"""The rule codes there are, known without importing the rules, and checking codes a user gives.

The rules are one module each (:mod:`skillframe.rules`), named by their code; their list lives
here so that reading a configuration or a command line can check codes cheaply, and both check
them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from skillframe.errors import UsageError

#: The rule modules of :mod:`skillframe.rules`, in code order.
MODULES = (
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

#: Every rule code: ``SF001`` ...
CODES: tuple[str, ...] = tuple(name.split("_", 1)[0].upper() for name in MODULES)


def check_codes(codes: Iterable[str], where: str) -> tuple[str, ...]:
    """Upper-cased codes (a list may also separate them by commas), each the prefix of at
    least one rule code (or ``ALL``); else a usage error naming ``where`` they were given."""
    result = []
    for raw in codes:
        for part in raw.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if code != "ALL" and not any(c.startswith(code) for c in CODES):
                raise UsageError(f"{where}: '{code}' is not a rule code (see 'skillframe rules')")
            result.append(code)
    return tuple(result)
