"""The statement-writing rules (SF5xx) as a writer uses them: configuration, --collection, their
documentation, and their precision on the bundled frameworks."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe import lint as lint_module
from skillframe.app import app
from skillframe.config import discover
from skillframe.diagnostics import Fix
from skillframe.lint import Linter, lint_paths, offered_fixes, selection_for
from skillframe.load import load_path
from skillframe.rules import RULES
from skillframe.rules import sf503_near_duplicate as near_duplicate

from .conftest import BUNDLED, FIXTURES, FRAMEWORKS

STATEMENT_RULES = [code for code in RULES if code.startswith("SF5")]

HEAD = """\
schema: skillframe/framework@1
id: {ident}
title: Fixture
scope: A fixture.
levels:
  - {{id: foundational, name: Foundational}}
  - {{id: expert, name: Expert}}
domains:
  - id: communication
    name: Communication
    statements:
"""
STATEMENT = """\
      - id: {ident}
        level: {level}
        title: {title}
        text: {text}
        cite: [pathsmith]
"""


def framework(ident: str, *statements: tuple[str, str, str, str]) -> str:
    """A one-domain framework: statements as (id, level, title, text)."""
    body = "".join(
        STATEMENT.format(ident=s, level=lv, title=t, text=x) for s, lv, t, x in statements
    )
    return HEAD.format(ident=ident) + body


PLAIN = (
    (
        "plain-answers",
        "foundational",
        "Plain answers",
        "answers travelers' questions in plain words.",
    ),
    (
        "standards",
        "expert",
        "Communication standards",
        "establishes the port's standards for signage.",
    ),
)


def collection(root: Path, settings: str = "", **files: str) -> Path:
    """A collection folder with a skillframe.toml (shared files from the fixtures)."""
    shared = FIXTURES / "shared"
    root.mkdir(parents=True, exist_ok=True)
    (root / "skillframe.toml").write_text(
        f'sources = "{shared / "sources.yaml"}"\ntaxonomies = "{shared / "taxonomies"}"\n'
        + (f"[statement-rules]\n{settings}\n" if settings else ""),
        encoding="utf-8",
    )
    for name, text in files.items():
        (root / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def lines_of(path: Path) -> list[str]:
    return [f"{d.line}:{d.column}: {d.code} {d.message}" for d in Linter().lint_file(path)]


# -- configuration ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("similarity = 120", "'statement-rules.similarity' must be a percentage from 50 to 100"),
        ("similarity = true", "'statement-rules.similarity' must be a percentage from 50 to 100"),
        (
            "verb-tolerance = -1",
            "'statement-rules.verb-tolerance' must be a number of bands from 0 to 3",
        ),
        (
            "title-max-words = 0",
            "'statement-rules.title-max-words' must be a whole number from 1 to 50",
        ),
        (
            'text-final-period = "sometimes"',
            '\'statement-rules.text-final-period\' must be "either", "always" or "never"',
        ),
        ('proper-nouns = "Narcan"', "'statement-rules.proper-nouns' must be a list of words"),
        (
            "level-bands = {expert = 5}",
            "'statement-rules.level-bands' must be a table of level id = band (a number from 1 to 4)",
        ),
        (
            "verbs = {triage = 5}",
            '\'statement-rules.verbs.triage\' must be a verb in its base form set to a band (1 to 4), [low, high], "vague" or "none"',
        ),
        (
            "verbs = {triage = [3, 2]}",
            '\'statement-rules.verbs.triage\' must be a verb in its base form set to a band (1 to 4), [low, high], "vague" or "none"',
        ),
        (
            'verbs = {"tri-age!" = 2}',
            '\'statement-rules.verbs.tri-age!\' must be a verb in its base form set to a band (1 to 4), [low, high], "vague" or "none"',
        ),
        (
            "text-min-words = 20\ntext-max-words = 10",
            "'statement-rules.text-min-words' must not be more than 'statement-rules.text-max-words'",
        ),
        (
            "similarty = 90",
            "unknown key 'statement-rules.similarty' (known keys: verbs, level-bands, verb-tolerance, similarity, title-max-words, proper-nouns, text-min-words, text-max-words, text-final-period)",
        ),
    ],
)
def test_bad_settings_are_refused_with_one_line(in_tmp: Path, settings: str, message: str) -> None:
    collection(in_tmp, settings, fixture=framework("fixture", *PLAIN))
    result = CliRunner().invoke(app, ["lint", "fixture.yaml"])
    assert result.exit_code == 2
    assert result.stderr == f"skillframe: error: {in_tmp / 'skillframe.toml'}: {message}\n"


def test_verbs_can_be_moved_between_bands_and_off_the_vague_list(in_tmp: Path) -> None:
    text = framework(
        "fixture",
        (
            "plain-answers",
            "foundational",
            "Plain answers",
            "understands travelers' questions about entry.",
        ),
        ("triage", "foundational", "Triage", "triages patients at the scene of a collision."),
        ("standards", "expert", "Standards", "establishes the port's standards for signage."),
    )
    default = collection(in_tmp / "default", fixture=text)
    assert [line.split(" ")[1] for line in lines_of(default / "fixture.yaml")] == ["SF501"]
    moved = collection(
        in_tmp / "moved",
        'verbs = {understand = 1, triage = 4, "establish" = "vague"}',
        fixture=text,
    )
    assert lines_of(moved / "fixture.yaml") == [
        "20:15: SF502 'triages' asks more than level 'foundational' does: it is a verb for work "
        "that sets direction across the organisation; at this level try identifies, describes, "
        "follows or records",
        "25:15: SF501 'establishes' is vague: it names no behaviour anyone can observe; say what "
        "is done that shows it, with a verb for level 'expert' such as designs, sets or formulates",
    ]


def test_thresholds_come_from_the_configuration(in_tmp: Path) -> None:
    text = framework(
        "fixture",
        (
            "answers",
            "foundational",
            "Plain answers for Border Patrol agents",
            "answers travelers' questions in plain words",
        ),
        (
            "answers-again",
            "foundational",
            "Answers",
            "answers the questions of travelers in plain words",
        ),
        (
            "standards",
            "expert",
            "Port Communication Standards",
            "identifies the port's standards for signage.",
        ),
    )
    default = collection(in_tmp / "default", fixture=text)
    assert [line.split(" ")[1] for line in lines_of(default / "fixture.yaml")] == [
        "SF506",
        "SF503",
        "SF506",
        "SF502",
    ]
    strict = collection(
        in_tmp / "strict",
        'similarity = 99\ntitle-max-words = 4\ntext-final-period = "always"\n'
        'proper-nouns = ["Border Patrol", "Port Communication"]\nlevel-bands = {expert = 2.5}\n'
        "text-max-words = 6",
        fixture=text,
    )
    assert lines_of(strict / "fixture.yaml") == [
        "14:16: SF504 the title has 6 words, more than 4: make it a short name and leave the "
        "detail to the text",
        "15:57: SF509 the text does not end with a period (the collection's text-final-period is "
        '"always")',
        "20:15: SF507 the text has 8 words, more than 6: split it into statements of one "
        "behaviour each, or cut procedure that belongs elsewhere",
        "20:63: SF509 the text does not end with a period (the collection's text-final-period is "
        '"always")',
    ]


def test_verb_tolerance_zero_reports_every_verb_outside_its_range(in_tmp: Path) -> None:
    text = framework(
        "fixture",
        (
            "answers",
            "foundational",
            "Answers",
            "explains the entry rules to travelers in plain words.",
        ),
        (
            "standards",
            "expert",
            "Standards",
            "leads the review of the port's standards for signage.",
        ),
        ("reviews", "expert", "Reviews", "reviews the port's standards for signage each year."),
    )
    default = collection(in_tmp / "default", fixture=text)
    assert lines_of(default / "fixture.yaml") == []
    strict = collection(in_tmp / "strict", "verb-tolerance = 0", fixture=text)
    assert lines_of(strict / "fixture.yaml") == [
        "25:15: SF502 'reviews' asks less than level 'expert' does: it is a verb for work that "
        "applies independently, or analyses, evaluates or leads a team; at this level try "
        "designs, establishes, sets or formulates",
    ]


# -- near-duplicates across a collection ------------------------------------------------------


def _copies(in_tmp: Path) -> Path:
    first = framework(
        "first",
        (
            "log",
            "foundational",
            "Shift log",
            "records key events and open seizures in the shift log.",
        ),
        ("standards", "expert", "Standards", "establishes the port's standards for signage."),
    )
    second = framework(
        "second",
        (
            "log-copy",
            "foundational",
            "Shift log",
            "records open seizures and key events in the shift log",
        ),
        ("strategy", "expert", "Strategy", "sets the regional strategy for staffing the ports."),
    )
    third = framework(
        "third",
        (
            "log-too",
            "foundational",
            "Log",
            "I can record key events and open seizures in the shift log.",
        ),
        ("plan", "expert", "Plan", "I can design the port's plan for peak season with partners."),
    )
    return collection(in_tmp, a=first, b=second, c=third)


def test_collection_reports_copies_in_the_later_file(in_tmp: Path) -> None:
    _copies(in_tmp)
    alone = CliRunner().invoke(app, ["lint", "--format", "json", "."])
    assert json.loads(alone.stdout)["diagnostics"] == []
    result = CliRunner().invoke(app, ["lint", "--collection", "--format", "json", "."])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["diagnostics"] == [
        {
            "path": "b.yaml",
            "line": 15,
            "column": 15,
            "code": "SF503",
            "severity": "warning",
            "message": "statement 'log-copy' says the same as statement 'log' (a.yaml, line 12, "
            "100% alike): merge them, or make plain what this one adds",
        },
        {
            "path": "c.yaml",
            "line": 15,
            "column": 15,
            "code": "SF503",
            "severity": "warning",
            "message": "statement 'log-too' says the same as statement 'log' (a.yaml, line 12, "
            "100% alike): merge them, or make plain what this one adds",
        },
    ]
    strict = CliRunner().invoke(app, ["lint", "--collection", "--strict", "."])
    assert strict.exit_code == 1


def test_collection_respects_ignores_and_suppressions(in_tmp: Path) -> None:
    _copies(in_tmp)
    c = in_tmp / "c.yaml"
    c.write_text(
        c.read_text().replace("shift log.\n", "shift log.  # skillframe: ignore[SF503]\n"),
        encoding="utf-8",
    )
    result = lint_paths([in_tmp], collection=True)
    assert [(d.path, d.code) for d in result.diagnostics] == [("b.yaml", "SF503")]
    assert lint_paths([in_tmp], collection=True, ignore=["SF503"]).diagnostics == []


def test_collection_gives_the_same_result_with_worker_processes(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copies(in_tmp)
    one = lint_paths([in_tmp], collection=True, jobs=1).diagnostics
    monkeypatch.setattr(lint_module, "PARALLEL_MIN_FILES", 2)
    several = lint_paths([in_tmp], collection=True, jobs=2).diagnostics
    assert len(one) == 2
    assert several == one


# -- documentation and precision --------------------------------------------------------------


@pytest.mark.parametrize("code", STATEMENT_RULES)
def test_each_statement_rule_explains_why_with_a_rewrite_and_examples(code: str) -> None:
    result = CliRunner().invoke(app, ["explain", code])
    assert result.exit_code == 0
    text = result.stdout
    assert RULES[code].severity.value == "warning"
    assert "rewrite" in text
    assert "\nFails:\n" in text
    assert "\nPasses:\n" in text
    assert text.index("\nFails:\n") < text.index("\nPasses:\n")


def _counts(path: Path) -> Counter[str]:
    return Counter(d.code for d in Linter().lint_file(path))


def test_precision_on_the_bundled_frameworks() -> None:
    """Well-written statements in two styles raise no statement-rule warning."""
    assert _counts(BUNDLED) == Counter()
    assert _counts(FRAMEWORKS / "emergency-medical-technicians.yaml") == Counter()


def test_the_documented_example_configuration_is_accepted(in_tmp: Path) -> None:
    readme = (FRAMEWORKS.parent / "docs" / "statement-writing.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n[tool.skillframe.statement-rules]\n")[1].split("```")[0]
    root = collection(in_tmp, example, fixture=framework("fixture", *PLAIN))
    assert lines_of(root / "fixture.yaml") == []
    settings = discover(root / "fixture.yaml").extra["statement-rules"]
    assert settings.verbs["triage"] == (1, 3)
    assert settings.verbs["be conversant with"] == "vague"
    assert settings.proper_nouns == frozenset({"Narcan", "Border Patrol"})


@settings(max_examples=40, deadline=None)
@given(
    files=st.lists(
        st.lists(st.text(alphabet="abcde ", min_size=1, max_size=30), min_size=1, max_size=5),
        min_size=2,
        max_size=4,
    ),
    similarity=st.sampled_from([50.0, 70.0, 85.0, 100.0]),
)
def test_collection_pass_finds_what_comparing_every_pair_finds(
    files: list[list[str]], similarity: float
) -> None:
    from rapidfuzz import fuzz

    entries = [
        [
            near_duplicate.Entry("f", f"s{i}-{j}", t, 1, 1, 1, similarity, True)
            for j, t in enumerate(f)
        ]
        for i, f in enumerate(files)
    ]
    found = {(index, entry.name) for index, entry, _ in near_duplicate.across(entries)}
    expected = {
        (index, entry.name)
        for index, group in enumerate(entries)
        for entry in group
        if any(
            fuzz.ratio(entry.text, earlier.text) >= similarity
            for before in entries[:index]
            for earlier in before
        )
    }
    assert found == expected


# -- fixes offered ------------------------------------------------------------------------------


def _offered(path: Path) -> list[tuple[int, int, str, Fix]]:
    config = discover(path)
    linter = Linter()
    shared = linter.resolver.shared_for(path, config)
    offered = offered_fixes(load_path(path), shared, selection_for(config), config.extra)
    return [(d.line, d.column, d.code, fix) for d, fix in offered]


def test_fixes_are_offered_for_periods_spaces_and_order() -> None:
    invalid = FIXTURES / "invalid"
    assert _offered(invalid / "SF505" / "final-period.yaml") == [
        (
            15,
            33,
            "SF505",
            Fix(_TITLE0, "removed the title's final period", value="Shift log entries"),
        ),
        (
            25,
            40,
            "SF505",
            Fix(
                (*_STATEMENTS, 2, "title"),
                "removed the title's final period",
                value="Communication standards",
            ),
        ),
    ]
    assert _offered(invalid / "SF508" / "stray-spaces.yaml") == [
        (
            15,
            34,
            "SF508",
            Fix(_TITLE0, "tidied the spaces of the title", value="Shift log entries"),
        ),
        (
            16,
            33,
            "SF508",
            Fix(
                (*_STATEMENTS, 0, "text"),
                "tidied the spaces of the text",
                value="records key events in the shift log using the required format.",
            ),
        ),
        (
            23,
            22,
            "SF508",
            Fix(
                (*_STATEMENTS, 1, "text"),
                "tidied the spaces of the text",
                value="states inspection instructions to travelers in plain language and checks that each person knows where to go next.",
            ),
        ),
    ]
    assert _offered(invalid / "SF511" / "out-of-order.yaml") == [
        (
            21,
            16,
            "SF511",
            Fix(_STATEMENTS, "ordered the domain's statements by level", order=(1, 4, 2, 0, 3)),
        ),
    ]


def test_no_order_is_offered_when_a_level_is_undeclared(in_tmp: Path) -> None:
    text = framework(
        "fixture",
        ("standards", "expert", "Standards", "establishes the port's standards for signage."),
        ("answers", "foundational", "Answers", "answers travelers' questions in plain words."),
        ("odd", "master", "Odd", "answers the odd question that no one else can answer."),
    )
    root = collection(in_tmp, fixture=text)
    assert "SF511" in {line.split(" ")[1] for line in lines_of(root / "fixture.yaml")}
    assert _offered(root / "fixture.yaml") == []


_STATEMENTS = ("domains", 0, "statements")
_TITLE0 = (*_STATEMENTS, 0, "title")
