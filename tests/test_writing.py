"""Reading statements: the verb a text opens with, its base form and grammatical person, and
positions inside text values."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from skillframe.load import load_text
from skillframe.verbs import BANDED, NEUTRAL, VAGUE
from skillframe.writing import StatementRules, _split, third_person, word_count

RULES = StatementRules()


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("explains", "explain"),
        ("identifies", "identify"),
        ("analyses", "analyse"),
        ("analyzes", "analyse"),
        ("leads", "lead"),
        ("assesses", "assess"),
        ("focuses", "focus"),
        ("teaches", "teach"),
        ("establishes", "establish"),
        ("carries", "carry"),
        ("prioritizes", "prioritise"),
        ("organizes", "organise"),
        ("processes", "process"),
        ("does", "do"),
        ("has", "have"),
        ("is", "be"),
        ("intubates", "intubate"),
        ("triages", "triage"),
        # Not in any list: read by the regular patterns of English.
        ("wrangles", "wrangle"),
        ("reshuffles", "reshuffle"),
        ("polishes", "polish"),
        ("tidies", "tidy"),
    ],
)
def test_third_person_forms_have_their_base_form(form: str, lemma: str) -> None:
    found, third = RULES.lemma(form)
    assert (found, third) == (lemma, True)


@pytest.mark.parametrize("base", ["assess", "address", "focus", "process", "explain", "comply"])
def test_base_forms_are_not_third_person(base: str) -> None:
    assert RULES.lemma(base) == (base, False)


@pytest.mark.parametrize(
    ("text", "verb", "phrase", "person"),
    [
        ("explains duty rules to travelers.", "explains", "explain", "third"),
        ("clearly explains duty rules.", "explains", "explain", "third"),
        ("Clearly and calmly explains duty rules.", "explains", "explain", "third"),
        ("The learner explains duty rules.", "explains", "explain", "third"),
        ("The emergency medical technician checks the airway.", "checks", "check", "third"),
        ("Officers can explain duty rules.", "explain", "explain", "third"),
        ("can explain duty rules.", "explain", "explain", "third"),
        ("Is able to explain duty rules.", "explain", "explain", "third"),
        ("Able to explain duty rules.", "explain", "explain", "third"),
        ("demonstrates the ability to assess a patient.", "assess", "assess", "third"),
        ("I can explain duty rules.", "explain", "explain", "first"),
        ("I will be able to explain duty rules.", "explain", "explain", "first"),
        ("We review the shift log together.", "review", "review", "first"),
        ("You explain duty rules.", "explain", "explain", "second"),
        ("Explain duty rules to travelers.", "Explain", "explain", "imperative"),
        ("Under direct supervision, applies the rules.", "applies", "apply", "third"),
        ("With support from a mentor, I can plan a shift.", "plan", "plan", "first"),
        ("Vital signs — measure and record them.", "measure", "measure", "imperative"),
        ("Scene safety: check the scene first.", "check", "check", "imperative"),
        ("carries out checks at the booth.", "carries", "carry out", "third"),
        ("is aware of the rules.", "is", "be aware of", "third"),
        (
            "Demonstrates an understanding of triage.",
            "Demonstrates",
            "demonstrate understanding",
            "third",
        ),
        (
            "recognises the importance of hand hygiene.",
            "recognises",
            "recognise importance",
            "third",
        ),
        ("I can set up the monitor.", "set", "set up", "first"),
        ("sets enforcement priorities for a region.", "sets", "set", "third"),
        ("complies with the search procedure.", "complies", "comply", "third"),
    ],
)
def test_opening(text: str, verb: str, phrase: str, person: str) -> None:
    opening = RULES.opening(text)
    assert opening is not None
    assert (opening.verb, opening.phrase, opening.person) == (verb, phrase, person)
    assert text[opening.verb_start :].startswith(verb)


def test_opening_of_text_without_words() -> None:
    assert RULES.opening("... --") is None


def test_normalised_text_reads_the_same_in_every_style() -> None:
    forms = [
        "explains the duty rules to travelers.",
        "I can explain the duty rules to travelers",
        "Explain the duty rules to travelers!",
        "The officer explains the duty rules to travelers.",
    ]
    assert {" ".join(RULES.normalised_words(f)) for f in forms} == {
        "explain the duty rules to travelers"
    }


def test_verb_lists_name_each_verb_once() -> None:
    banded, neutral, vague = set(BANDED), set(NEUTRAL), set(VAGUE)
    assert not banded & neutral
    assert not banded & vague
    assert not neutral & vague


_VERBS = sorted(v for v in BANDED if " " not in v)
_OBJECT = st.lists(
    st.sampled_from(["the", "rules", "log", "travelers", "port", "shift"]), min_size=1, max_size=6
)


@settings(max_examples=60, deadline=None)
@given(verb=st.sampled_from(_VERBS), tail=_OBJECT, style=st.sampled_from(range(5)))
def test_every_built_in_verb_is_found_in_every_style(
    verb: str, tail: list[str], style: int
) -> None:
    rest = " ".join(tail)
    text, person = [
        (f"{third_person(verb)} {rest}.", "third"),
        (f"clearly {third_person(verb)} {rest}.", "third"),
        (f"The learner {third_person(verb)} {rest}.", "third"),
        (f"I can {verb} {rest}", "first"),
        (f"{verb.capitalize()} {rest}.", "imperative"),
    ][style]
    opening = RULES.opening(text)
    assert opening is not None
    assert (opening.lemma, opening.person) == (verb, person)


# -- positions inside text values -----------------------------------------------------------

_WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz'.,", min_size=1, max_size=9).filter(
        lambda w: w[0].isalpha()
    ),
    min_size=1,
    max_size=30,
)


def _render(value_words: list[str], style: str) -> str:
    if style == "plain":
        return "text: " + " ".join(value_words)
    if style == "plain-lines":
        lines = [" ".join(value_words[i : i + 4]) for i in range(0, len(value_words), 4)]
        return "text: " + "\n  ".join(lines)
    if style == "double":
        return 'text: "' + " ".join(value_words) + '"'
    if style == "single":
        return "text: '" + " ".join(value_words).replace("'", "''") + "'"
    lines = [" ".join(value_words[i : i + 5]) for i in range(0, len(value_words), 5)]
    return "text: >-  # folded\n" + "".join(f"  {line}\n" for line in lines)


@settings(max_examples=80, deadline=None)
@given(
    value_words=_WORDS,
    style=st.sampled_from(["plain", "plain-lines", "double", "single", "folded"]),
    pick=st.integers(min_value=0, max_value=29),
)
def test_locate_within_points_at_the_word(value_words: list[str], style: str, pick: int) -> None:
    source = _render(value_words, style)
    doc = load_text(source, "t.yaml")
    value = doc.data["text"]
    assume(isinstance(value, str))
    starts = [m.start() for m in re.finditer(r"\S+", value)]
    offset = starts[pick % len(starts)]
    word = value[offset:].split()[0]
    line, column = doc.locate_within(("text",), offset)
    spelled = word.replace("'", "''") if style == "single" else word
    assert source.splitlines()[line - 1][column - 1 :].startswith(spelled)


def test_every_known_verb_comes_back_from_its_third_person_form() -> None:
    wrong = {}
    for verb in sorted(RULES.lexicon - {"be", "have"}):
        found = RULES.lemma(third_person(verb))
        if found != (verb, True):
            wrong[verb] = found
    assert wrong == {}


_PIECES = st.sampled_from(
    [
        "explains",
        "Rules",
        "don't",
        "officer’s",
        "a",
        "I",
        " ",
        "  ",
        ",",
        ", ",
        ".",
        "-",
        "é",
        "3",
        "'",
        "’",
        ";",
        "İ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_texts_split_as_the_word_pattern_splits_them(text: str) -> None:
    """An ASCII text is read through one byte table, any other by the word pattern; either way
    it must come out as the word pattern splits it: the same words, starting at the same
    places, and the same words after a clause mark."""
    pattern = re.compile(r"([A-Za-z]+(?:['’][A-Za-z]+)*)")
    found = _split(text)
    parts = pattern.split(text)
    assert found.parts == parts
    assert found.low == [w.lower().replace("’", "'") for w in parts[1::2]]
    assert word_count(text) == len(parts[1::2])
    assert [found.start(i) for i in range(len(found.low))] == found.starts()
    assert found.starts() == [m.start() for m in pattern.finditer(text)]
    between = range(1, len(found.low))
    marks = [k for k in between if re.search("[,;.:]", parts[2 * k])]
    assert sorted({k for k in found.marks if k in between}) == marks


def test_where_the_words_of_a_statement_are_is_found_when_asked() -> None:
    text = "Under supervision, the officer clearly explains, and then records, the duty rules."
    analysis = RULES.analyse(text)
    opening = analysis.opening
    assert opening is not None
    assert text[opening.start : opening.verb_start] == "the officer clearly "
    assert text[opening.verb_start : opening.verb_end] == "explains"
    assert [(v.phrase, text[v.start : v.end]) for v in analysis.verbs] == [
        ("explain", "explains"),
        ("record", "records"),
    ]
