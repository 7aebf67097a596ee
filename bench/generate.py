"""Write a synthetic collection of competency frameworks for benchmarking.

Each framework is shaped like the bundled one (frameworks/customs-border-protection-officers.yaml):
comments, the ten durable skill domains plus two occupation domains, four levels, 150-200
statements citing shared and local sources, O*NET task anchors, evidence and, in about half of the
files, an exposure section. A seeded share of the files carries the mistakes writers really make:
a misspelt source, an undeclared level, a duplicated id, a misspelt key, a duplicate key, an
O*NET code missing a digit, an unquoted colon ... The same seed always writes the same bytes.

    python bench/generate.py --files 1000 --seed 1 bench/corpus

The output folder holds ``skillframe.toml``, ``shared/`` (copies of the bundled sources and
taxonomies) and ``frameworks/<id>.yaml``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skillframe.onet import occupation_titles as onet_occupations

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "frameworks"
DEFAULT_OUT = Path(__file__).resolve().parent / "corpus"
#: Written into the output folder; a folder without it is never cleared.
MARKER = ".skillframe-bench"

DURABLE = [
    ("communication", "Communication", "Exchanges information clearly in speech and in writing."),
    ("leadership", "Leadership", "Gives direction and takes responsibility for outcomes."),
    ("metacognition", "Metacognition", "Notices how one works and learns, and adjusts."),
    ("critical-thinking", "Critical Thinking", "Weighs evidence and reaches sound conclusions."),
    ("collaboration", "Collaboration", "Works with others toward shared goals."),
    ("character", "Character", "Acts with integrity, fairness and accountability."),
    ("creativity", "Creativity", "Generates ideas and turns them into workable approaches."),
    ("growth-mindset", "Growth Mindset", "Treats ability as something that grows with practice."),
    ("mindfulness", "Mindfulness", "Pays deliberate attention to the present moment."),
    ("fortitude", "Fortitude", "Keeps going through difficulty and pressure."),
]

LEVELS = [
    ("foundational", "Foundational", "Works under direct supervision on routine cases."),
    ("intermediate", "Intermediate", "Handles routine cases independently."),
    ("advanced", "Advanced", "Handles complex cases and leads a team or shift."),
    ("expert", "Expert", "Sets direction and standards across the organization."),
]

VERBS = {
    "foundational": ["states", "records", "follows", "describes", "identifies", "checks", "lists"],
    "intermediate": ["handles", "uses", "explains", "compares", "resolves", "prepares", "adapts"],
    "advanced": ["coordinates", "evaluates", "leads", "mentors", "designs", "improves", "reviews"],
    "expert": ["sets", "establishes", "directs", "shapes", "defines", "governs", "sponsors"],
}

QUALIFIERS = [
    "Agricultural", "Marine", "Clinical", "Retail", "Industrial", "Municipal", "Aviation",
    "Dental", "Forest", "Hotel", "Railway", "Pharmacy", "Laboratory", "Construction", "Transit",
    "Veterinary", "Library", "Warehouse", "Court", "Museum",
]  # fmt: skip
FIELDS = [
    "Equipment", "Safety", "Records", "Quality", "Maintenance", "Inventory", "Compliance",
    "Logistics", "Service", "Systems", "Inspection", "Scheduling", "Procurement", "Security",
    "Training",
]  # fmt: skip
ROLES = [
    "Technicians", "Inspectors", "Coordinators", "Specialists", "Supervisors", "Analysts",
    "Officers", "Operators", "Managers", "Assistants",
]  # fmt: skip

OBJECTS = [
    "work orders", "safety checks", "client records", "shift handovers", "quality reviews",
    "incident reports", "equipment logs", "inspection findings", "training plans",
    "budget requests", "service requests", "team schedules", "supplier contacts",
    "compliance audits", "risk assessments", "customer complaints", "maintenance records",
    "handover notes", "stock counts", "permit applications", "case files", "delivery routes",
    "test results", "calibration records", "access requests", "feedback surveys",
    "emergency drills", "procedure updates", "peer reviews", "progress reports",
]  # fmt: skip
CONTEXTS = [
    "with clients", "across the team", "during peak periods", "under time pressure",
    "with partner agencies", "on every shift", "for new colleagues", "in plain language",
    "when procedures change", "in line with policy", "at the start of each task",
    "with supervisors", "across sites", "during audits",
]  # fmt: skip
PURPOSES = [
    "so that the next person can act on them",
    "so that errors are caught early",
    "so that decisions can be traced later",
    "so that the work meets the required standard",
    "so that risks are raised before they grow",
    "so that colleagues know what is expected",
    "so that the organization learns from each case",
]
TAGS = ["interview", "records", "safety", "teamwork", "planning", "quality", "tools", "policy"]


# -- the output: a small YAML writer for exactly these shapes -----------------------------------


@dataclass(frozen=True)
class Raw:
    """A value written exactly as given (to plant syntax errors)."""

    text: str


#: A mapping key starting with this is written without it: the way to repeat a key.
DUP = "\x00"
#: A mapping key starting with this writes a comment line (its value) at that place.
NOTE = "#"

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()'/@*-]*$")


def scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in ("yes", "no", "true", "false", "null", "on"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def is_flow(items: list[Any]) -> bool:
    return all(not isinstance(i, (dict, list)) for i in items)


def mapping_lines(data: dict[str, Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for raw_key, value in data.items():
        if raw_key.startswith(NOTE):
            yield f"{pad}# {value}" if value else ""
            continue
        key = raw_key.lstrip(DUP)
        if isinstance(value, dict):
            if indent and len(value) <= 3 and is_flow(list(value.values())):
                inner = ", ".join(f"{k}: {scalar(v)}" for k, v in value.items())
                yield f"{pad}{key}: {{{inner}}}"
            else:
                yield f"{pad}{key}:"
                yield from mapping_lines(value, indent + 2)
        elif isinstance(value, list):
            if is_flow(value):
                yield f"{pad}{key}: [{', '.join(scalar(v) for v in value)}]"
            else:
                yield f"{pad}{key}:"
                yield from sequence_lines(value, indent + 2)
        elif isinstance(value, str) and len(value) > 60:
            yield f"{pad}{key}: >-"
            width = 100 - indent - 2
            for line in textwrap.wrap(value, width=width, break_on_hyphens=False):
                yield f"{pad}  {line}"
        else:
            yield f"{pad}{key}: {scalar(value)}"


def sequence_lines(items: list[Any], indent: int) -> Iterator[str]:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            notes = [k for k in item if k.startswith(NOTE)]
            for note in notes:
                yield f"{pad}# {item[note]}" if item[note] else ""
            body = {k: v for k, v in item.items() if not k.startswith(NOTE)}
            lines = list(mapping_lines(body, indent + 2))
            yield f"{pad}- {lines[0][indent + 2 :]}"
            yield from lines[1:]
        else:
            yield f"{pad}- {scalar(item)}"


# -- one framework ---------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


#: Every O*NET-SOC code, in order: a generated framework's occupation is one of them.
OCCUPATION_CODES = sorted(onet_occupations())


class Framework:
    """The plain data of one generated framework, before mistakes are planted."""

    def __init__(self, rng: random.Random, title: str, statements: int) -> None:
        self.rng = rng
        self.title = title
        self.id = slug(title)
        self.field = title.split()[1]
        self.statement_ids: set[str] = set()
        self.anchor_ids = [f"onet-task-{n}" for n in sorted(rng.sample(range(1000, 26000), 11))]
        self.local_source = rng.random() < 0.2
        self.data = self.build(statements)

    def build(self, statements: int) -> dict[str, Any]:
        rng = self.rng
        # A real O*NET occupation, as O*NET names it (lint checks both against O*NET's list).
        code = rng.choice(OCCUPATION_CODES)
        occupation = {"title": onet_occupations()[code], "onet_soc": code}
        data: dict[str, Any] = {
            "schema": "skillframe/framework@1",
            "id": self.id,
            "title": self.title,
            "version": f"2026.{rng.randint(1, 9)}",
            "status": rng.choice(["draft", "published"]),
            "occupation": occupation,
            "scope": (
                f"{self.title} working in public and private organizations: "
                + ", ".join(rng.sample(OBJECTS, 6))
                + "; the ten durable skill domains are interpreted for this work, and "
                f"occupation tasks are anchored to O*NET {occupation['onet_soc']}."
            ),
            "taxonomy": "durable-skills",
            "levels": [{"id": i, "name": n, "description": d} for i, n, d in LEVELS],
        }
        if self.local_source:
            data["sources"] = {
                "trade-handbook": {
                    "title": f"{self.field} Trade Handbook",
                    "type": "report",
                    "publisher": f"{self.field} Trade Association",
                }
            }
        data["#anchors"] = ""
        data["#anchors-note"] = (
            f"Task statements for {occupation['onet_soc']} from O*NET, in O*NET's own wording."
        )
        data["anchors"] = [
            {
                "id": anchor,
                "source": "onet",
                "locator": f"task {anchor.rsplit('-', 1)[1]}",
                "text": sentence(self.task_text()),
            }
            for anchor in self.anchor_ids
        ]
        data["#domains"] = ""
        domains = [(i, n, d) for i, n, d in DURABLE]
        domains.append((f"{slug(self.field)}-operations", f"{self.field} Operations", ""))
        domains.append(("ai-at-work", "AI at Work", "Uses automated tools responsibly."))
        counts = self.split(statements, len(domains))
        data["domains"] = [
            self.domain(ident, name, about, count)
            for (ident, name, about), count in zip(domains, counts, strict=True)
        ]
        data["#evidence"] = ""
        data["#evidence-note"] = "Measured facts taken from O*NET and the Pathsmith framework."
        data["evidence"] = self.evidence()
        if rng.random() < 0.5:
            data["exposure"] = self.exposure()
        return data

    def split(self, total: int, parts: int) -> list[int]:
        counts = [total // parts] * parts
        for index in self.rng.sample(range(parts), total % parts):
            counts[index] += 1
        return counts

    def task_text(self) -> str:
        rng = self.rng
        return (
            f"{rng.choice(VERBS['intermediate'])} {rng.choice(OBJECTS)} and "
            f"{rng.choice(OBJECTS)} {rng.choice(CONTEXTS)}."
        )

    def domain(self, ident: str, name: str, about: str, count: int) -> dict[str, Any]:
        levels = [lv[0] for lv in LEVELS]
        placed = levels + [self.rng.choice(levels) for _ in range(count - len(levels))]
        placed.sort(key=levels.index)
        domain: dict[str, Any] = {"#": name, "id": ident, "name": name}
        description = about or f"Carries out the core {self.field.lower()} work of the occupation."
        domain["description"] = f"{description} Interpreted for {self.title.lower()}."
        domain["statements"] = [self.statement(ident, level) for level in placed]
        return domain

    def statement(self, domain: str, level: str) -> dict[str, Any]:
        rng = self.rng
        obj = rng.choice(OBJECTS)
        verb = rng.choice(VERBS[level])
        title = sentence(f"{obj} {rng.choice(['review', 'practice', 'standards', 'checks'])}")
        ident = slug(title)
        while ident in self.statement_ids:
            ident = f"{slug(title)}-{rng.randint(2, 999)}"
        self.statement_ids.add(ident)
        text = (
            f"{verb} {obj} {rng.choice(CONTEXTS)} and {rng.choice(VERBS[level])} "
            f"{rng.choice(OBJECTS)} {rng.choice(PURPOSES)}."
        )
        result: dict[str, Any] = {"id": ident, "level": level, "title": title, "text": text}
        durable = domain in {d[0] for d in DURABLE}
        cites: list[Any] = ["pathsmith" if durable else "aei"]
        anchors: list[str] = []
        if rng.random() < 0.5:
            anchor = rng.choice(self.anchor_ids)
            anchors.append(anchor)
            cites.append({"source": "onet", "locator": f"task {anchor.rsplit('-', 1)[1]}"})
        if self.local_source and rng.random() < 0.2:
            cites.append("trade-handbook")
        if domain == "ai-at-work" and rng.random() < 0.5:
            cites.append("safi")
        result["cite"] = cites
        if anchors:
            result["anchors"] = anchors
        if rng.random() < 0.15:
            result["tags"] = sorted(rng.sample(TAGS, 2))
        return result

    def evidence(self) -> list[dict[str, Any]]:
        rng = self.rng
        return [
            {
                "id": "onet-task-count",
                "label": "O*NET task statements listed",
                "value": len(self.anchor_ids),
                "unit": "count",
                "range": [0, None],
                "cite": ["onet"],
            },
            {
                "id": "automation-share",
                "label": "Share of tasks seen in automated use",
                "value": rng.randint(1, 99),
                "unit": "percent",
                "range": [0, 100],
                "cite": ["aei"],
            },
            {
                "id": "onet-task-ratings-date",
                "label": "Date of the O*NET task ratings",
                "value": f"{rng.randint(1, 12):02d}/20{rng.randint(10, 25)}",
                "unit": "text",
                "cite": ["onet"],
            },
            {
                "id": "durable-skill-domains",
                "label": "Domains in the Pathsmith Durable Skills Framework",
                "value": 10,
                "unit": "count",
                "range": [0, None],
                "cite": ["pathsmith"],
            },
        ]

    def exposure(self) -> dict[str, Any]:
        rng = self.rng
        tasks = []
        total = 0.0
        for anchor in rng.sample(self.anchor_ids, 4):
            weight, likelihood = rng.randint(5, 25), rng.randint(10, 90)
            contribution = round(weight * likelihood / 100, 1)
            total += contribution
            tasks.append(
                {
                    "anchor": anchor,
                    "weight": weight,
                    "likelihood": likelihood,
                    "contribution": contribution,
                }
            )
        return {
            "method": "Contribution = weight x likelihood; score = sum of contributions",
            "cite": ["aei"],
            "complete": False,
            "score": round(total),
            "tasks": tasks,
        }


# -- mistakes --------------------------------------------------------------------------------


def _statements(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for d in data["domains"] for s in d["statements"]]


def _renamed(mapping: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    return {(new if k == old else k): v for k, v in mapping.items()}


def _replace(items: list[dict[str, Any]], item: dict[str, Any], new: dict[str, Any]) -> None:
    items[next(i for i, x in enumerate(items) if x is item)] = new


def unknown_source(rng: random.Random, data: dict[str, Any]) -> None:
    statement = rng.choice(_statements(data))
    statement["cite"][0] = rng.choice(["pathsmth", "onet2", "aie", "wef"])


def undeclared_level(rng: random.Random, data: dict[str, Any]) -> None:
    rng.choice(_statements(data))["level"] = rng.choice(["master", "beginner", "advance"])


def duplicate_id(rng: random.Random, data: dict[str, Any]) -> None:
    first, second = rng.sample(_statements(data), 2)
    second["id"] = first["id"]


def typo_key(rng: random.Random, data: dict[str, Any]) -> None:
    domain = rng.choice(data["domains"])
    statement = rng.choice(domain["statements"])
    old, new = rng.choice([("title", "titel"), ("text", "txt"), ("cite", "cites")])
    _replace(domain["statements"], statement, _renamed(statement, old, new))


def duplicate_key(rng: random.Random, data: dict[str, Any]) -> None:
    statement = rng.choice(_statements(data))
    statement[DUP + "level"] = statement["level"]


def unknown_anchor(rng: random.Random, data: dict[str, Any]) -> None:
    statement = rng.choice(_statements(data))
    statement["anchors"] = [*statement.get("anchors", []), "onet-task-99999"]


def bad_locator(rng: random.Random, data: dict[str, Any]) -> None:
    for statement in _statements(data):
        for cite in statement["cite"]:
            if isinstance(cite, dict):
                cite["locator"] = cite["locator"].replace("task", "Task #")
                return


def bad_onet_code(rng: random.Random, data: dict[str, Any]) -> None:
    code = data["occupation"]["onet_soc"]
    data["occupation"]["onet_soc"] = code[:5] + code[6:]


def evidence_out_of_range(rng: random.Random, data: dict[str, Any]) -> None:
    data["evidence"][1]["value"] = rng.randint(101, 180)


def unquoted_colon(rng: random.Random, data: dict[str, Any]) -> None:
    statement = rng.choice(_statements(data))
    statement["title"] = Raw(f"{statement['title']}: daily")


MISTAKES: dict[str, Callable[[random.Random, dict[str, Any]], None]] = {
    "unknown-source": unknown_source,
    "undeclared-level": undeclared_level,
    "duplicate-id": duplicate_id,
    "typo-key": typo_key,
    "duplicate-key": duplicate_key,
    "unknown-anchor": unknown_anchor,
    "bad-locator": bad_locator,
    "bad-onet-code": bad_onet_code,
    "evidence-out-of-range": evidence_out_of_range,
    "unquoted-colon": unquoted_colon,
}
#: How often each mistake is picked: syntax errors are rarer than slips in the data.
WEIGHTS = [10, 8, 8, 8, 4, 6, 6, 4, 4, 2]


# -- the collection --------------------------------------------------------------------------


def occupation_titles(rng: random.Random, count: int) -> list[str]:
    titles: list[str] = []
    seen: set[str] = set()
    while len(titles) < count:
        title = f"{rng.choice(QUALIFIERS)} {rng.choice(FIELDS)} {rng.choice(ROLES)}"
        if title in seen:
            title = f"{title} {len(titles) + 1}"
        seen.add(title)
        titles.append(title)
    return titles


def framework_text(
    rng: random.Random, title: str, statements: int, mistakes: Sequence[str] = ()
) -> str:
    """The YAML text of one framework with the named mistakes planted."""
    framework = Framework(rng, title, statements)
    for name in mistakes:
        MISTAKES[name](rng, framework.data)
    header = [
        f"# {title}: a competency framework covering the durable skill domains plus",
        f"# {framework.field.lower()} operations and AI at work.",
        "#",
        "# Includes information from the O*NET Database by the U.S. Department of Labor,",
        "# Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license.",
    ]
    lines = header + list(mapping_lines(framework.data, 0))
    return "\n".join(lines) + "\n"


def stamp(files: int, seed: int, mistake_share: float) -> str:
    """What the marker file says of the collection it marks."""
    return f"written by bench/generate.py: files={files} seed={seed} mistakes={mistake_share}\n"


def generate(out: Path, files: int, seed: int, mistake_share: float) -> dict[str, int]:
    """Write the collection into ``out``; returns how many times each mistake was planted."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SystemExit(f"{out} is not empty and was not written by this generator: refusing")
    target = out / "frameworks"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (out / MARKER).write_text(stamp(files, seed, mistake_share), encoding="utf-8")
    shared = out / "shared"
    (shared / "taxonomies").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BUNDLED / "sources.yaml", shared / "sources.yaml")
    for taxonomy in sorted((BUNDLED / "taxonomies").glob("*.yaml")):
        shutil.copyfile(taxonomy, shared / "taxonomies" / taxonomy.name)
    (out / "skillframe.toml").write_text(
        "# A synthetic collection written by bench/generate.py.\n"
        'paths = ["frameworks"]\n'
        'sources = "shared/sources.yaml"\n'
        'taxonomies = "shared/taxonomies"\n',
        encoding="utf-8",
    )
    planted = dict.fromkeys(MISTAKES, 0)
    titles = occupation_titles(random.Random(f"titles:{seed}"), files)
    for index, title in enumerate(titles):
        rng = random.Random(f"{seed}:{index}")
        chosen: list[str] = []
        if rng.random() < mistake_share:
            chosen = rng.choices(list(MISTAKES), weights=WEIGHTS, k=rng.randint(1, 3))
        for name in chosen:
            planted[name] += 1
        text = framework_text(rng, title, rng.randint(150, 200), chosen)
        (target / f"{slug(title)}.yaml").write_text(text, encoding="utf-8")
    return planted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--files", type=int, default=1000, help="frameworks to write")
    parser.add_argument("--seed", type=int, default=1, help="the same seed writes the same files")
    parser.add_argument(
        "--mistakes", type=float, default=0.3, help="share of files with planted mistakes"
    )
    args = parser.parse_args(argv)
    planted = generate(args.out, args.files, args.seed, args.mistakes)
    shown = ", ".join(f"{name} {count}" for name, count in planted.items() if count)
    print(f"wrote {args.files} frameworks to {args.out / 'frameworks'} (mistakes: {shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
