"""Measure the statement-writing rules against the labelled corpus in bench/statements/.

    python bench/evaluate.py                   # the tuning part
    python bench/evaluate.py --part held-out   # the part kept apart while the rules were tuned
    python bench/evaluate.py --part all --misses

Each corpus file holds statements quoted from one public framework, each labelled as a reviewer
would (bench/statements/README.md). The statements are checked in frameworks shaped like their
source (its levels, its domains) by the rules that judge a statement's text, and every rule's
warnings are compared with the labels:

- a rule's **precision** is the share of its warnings given to statements labelled weak (any
  weakness); its **recall** is the share of the statements labelled with its own weakness that it
  warns about;
- **all rules**: a statement counts as flagged when any of these rules warns about it; precision
  and recall are over every statement labelled weak.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from skillframe.rules import RULES, Context

CORPUS = Path(__file__).resolve().parent / "statements"

#: The rules that judge one statement's text, and the label each is meant to find.
MEASURED = {
    "SF501": ("vague",),
    "SF502": (),
    "SF507": ("long",),
    "SF509": ("ending",),
    "SF512": ("state",),
    "SF513": ("experience",),
    "SF514": ("participation",),
}


@dataclass(frozen=True)
class Statement:
    ident: str
    framework: str
    domain: str
    level: str
    text: str
    label: str

    @property
    def weak(self) -> bool:
        return self.label != "ok"

    @property
    def part(self) -> str:
        number = int(hashlib.sha256(self.text.encode("utf-8")).hexdigest(), 16)
        return "held-out" if number % 3 == 0 else "tuning"


def corpus() -> Iterator[tuple[dict[str, Any], list[Statement]]]:
    """Each corpus file's header and its statements."""
    yaml = YAML(typ="safe", pure=False)
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        statements = [
            Statement(s["id"], data["framework"], s["domain"], s["level"], s["text"], s["label"])
            for s in data["statements"]
        ]
        yield data, statements


def frameworks(header: dict[str, Any], statements: list[Statement]) -> Iterator[dict[str, Any]]:
    """The statements as framework data: one framework, or one a ladder where the source has
    several ladders with their own levels."""
    ladders = header.get("ladders") or {None: header["levels"]}
    for ladder, levels in ladders.items():
        mine = [s for s in statements if ladder is None or s.domain == ladder]
        domains: dict[str, list[dict[str, str]]] = {}
        for s in mine:
            domains.setdefault(s.domain, []).append(
                {"id": s.ident, "level": s.level, "title": s.ident, "text": s.text}
            )
        yield {
            "schema": "skillframe/framework@1",
            "id": header["framework"],
            "levels": [{"id": level, "name": level} for level in levels],
            "domains": [{"id": d, "name": d, "statements": ss} for d, ss in domains.items()],
        }


def warnings(data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(statement id, rule code) for every warning of the measured rules."""
    ctx = Context(data=data, kind="framework")
    for code in MEASURED:
        rule = RULES.get(code)
        if rule is None or rule.check is None:
            continue
        for finding in rule.check(ctx):
            _, domain, _, index, *_ = finding.at
            statement = data["domains"][int(domain)]["statements"][int(index)]
            yield statement["id"], code


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.2f}" if total else "  - "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--part", choices=("tuning", "held-out", "all"), default="tuning")
    parser.add_argument("--misses", action="store_true", help="list missed and wrong flags")
    args = parser.parse_args(argv)

    flagged: dict[str, set[str]] = {}
    chosen: list[Statement] = []
    for header, statements in corpus():
        for data in frameworks(header, statements):
            for ident, code in warnings(data):
                flagged.setdefault(ident, set()).add(code)
        chosen += [s for s in statements if args.part == "all" or s.part == args.part]

    labels = Counter(s.label for s in chosen)
    print(f"part: {args.part}, {len(chosen)} statements; labels: {dict(sorted(labels.items()))}")
    print(
        f"{'rule':8} {'warns':>6} {'on weak':>8} {'precision':>10} {'own label':>10} {'recall':>7}"
    )
    for code, kinds in MEASURED.items():
        if code not in RULES:
            continue
        warned = [s for s in chosen if code in flagged.get(s.ident, ())]
        right = sum(1 for s in warned if s.weak)
        own = [s for s in chosen if s.label in kinds]
        found = sum(1 for s in own if code in flagged.get(s.ident, ()))
        own_text = f"{found}/{len(own)}" if kinds else "-"
        recall = ratio(found, len(own)) if kinds else "  - "
        print(
            f"{code:8} {len(warned):6} {right:8} {ratio(right, len(warned)):>10} "
            f"{own_text:>10} {recall:>7}"
        )
    weak = [s for s in chosen if s.weak]
    any_flag = [s for s in chosen if flagged.get(s.ident)]
    hits = sum(1 for s in any_flag if s.weak)
    print(
        f"all rules: {len(any_flag)} statements warned, {hits} of them weak: precision "
        f"{ratio(hits, len(any_flag))}; {hits} of {len(weak)} weak statements found: recall "
        f"{ratio(hits, len(weak))}"
    )
    if args.misses:
        print("\nmissed (labelled weak, no warning):")
        for s in weak:
            if not flagged.get(s.ident):
                print(f"  {s.ident:16} {s.label:13} {s.text[:100]}")
        print("\nwrong (labelled ok, warned):")
        for s in any_flag:
            if not s.weak:
                codes = ",".join(sorted(flagged[s.ident]))
                print(f"  {s.ident:16} {codes:13} {s.text[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
