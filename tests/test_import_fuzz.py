"""Any input to the importers is either imported or refused in one line: never a traceback."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.errors import SkillframeError
from skillframe.importers.case_import import import_case
from skillframe.importers.csv_import import import_csv
from skillframe.load import load_text

CELL = st.text(st.sampled_from(list("ab =-+@;|\\\"\n,\t'é")), max_size=8)
REQUIRED = ["domain", "level", "title", "text"]
HEADERS = st.lists(
    st.sampled_from(["domain_name", "id", "cite", "anchors", "tags", "x"]), max_size=3
).flatmap(lambda extra: st.permutations(REQUIRED + extra))


def _imported_or_refused(run: Any) -> None:
    try:
        result = run()
    except SkillframeError as exc:
        assert "\n" not in str(exc) and exc.exit_code == 1
        return
    doc = load_text(result.text, "x.yaml")
    assert doc.data is not None and not [p for p in doc.problems if p.code != "SF006"]


@settings(max_examples=150, deadline=None)
@given(HEADERS, st.lists(st.lists(CELL, max_size=7), max_size=4))
def test_any_csv(header: list[str], rows: list[list[str]]) -> None:
    text = "\n".join(",".join(row) for row in [header, *rows]) + "\n"
    _imported_or_refused(lambda: import_csv(text, path="x.csv"))


KEYS = [
    "CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFItemTypes", "identifier",
    "title", "fullStatement", "associationType", "originNodeURI", "destinationNodeURI",
    "sequenceNumber", "humanCodingScheme", "notes", "CFItemType", "CFItemTypeURI", "extensions",
    "skillframe", "conceptKeywords", "abbreviatedStatement",
]  # fmt: skip
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["", "d", "x", "isChildOf"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_any_case_package(package: Any) -> None:
    _imported_or_refused(lambda: import_case(json.dumps(package), path="p.json"))


IDS = st.sampled_from(["doc", "a", "b", "c"])
TEXT = st.text(st.sampled_from(list("ab :;|=\\\n-")), max_size=10)
ANY = JSON | TEXT
NODE = st.fixed_dictionaries({"identifier": IDS}, optional={"title": ANY})
ITEM = st.fixed_dictionaries(
    {"identifier": IDS, "fullStatement": TEXT},
    optional={
        "humanCodingScheme": TEXT | st.none(),
        "abbreviatedStatement": TEXT,
        "notes": st.sampled_from(["cite: x=1 | n; y", "anchors: a; b", "cite: |", "other"]) | TEXT,
        "CFItemType": TEXT,
        "CFItemTypeURI": NODE | ANY,
        "conceptKeywords": st.lists(TEXT, max_size=2),
        "educationLevel": ANY,
    },
)
ASSOCIATION = st.fixed_dictionaries(
    {
        "associationType": st.sampled_from(["isChildOf", "hasSkillLevel", "isRelatedTo", "x"]),
        "originNodeURI": NODE,
        "destinationNodeURI": NODE,
    },
    optional={"sequenceNumber": st.integers(-2, 2) | TEXT},
)
EXTENSION = st.fixed_dictionaries(
    {},
    optional={
        key: ANY | st.lists(ANY, max_size=2) | st.dictionaries(TEXT, ANY, max_size=2)
        for key in ("id", "occupation", "taxonomy", "sources", "anchors", "evidence", "exposure")
    },
)
PACKAGE = st.fixed_dictionaries(
    {
        "CFDocument": st.fixed_dictionaries(
            {"identifier": st.just("doc"), "title": TEXT},
            optional={
                "notes": st.sampled_from(["Framework: f\nTaxonomy: t", "Occupation: o"]) | TEXT,
                "adoptionStatus": TEXT,
                "description": TEXT,
                "extensions": st.fixed_dictionaries({"skillframe": EXTENSION}),
            },
        ),
        "CFItems": st.lists(ITEM, max_size=4),
        "CFAssociations": st.lists(ASSOCIATION, max_size=5),
    },
    optional={
        "CFDefinitions": st.fixed_dictionaries(
            {"CFItemTypes": st.lists(st.fixed_dictionaries({"identifier": IDS, "title": TEXT}, optional={"hierarchyCode": ANY, "typeCode": ANY, "description": ANY}), max_size=2)}
        )
    },
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(PACKAGE)
def test_any_package_shaped_input(package: Any) -> None:
    _imported_or_refused(lambda: import_case(json.dumps(package), path="p.json"))
