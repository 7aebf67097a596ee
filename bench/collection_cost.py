"""Time ``lint --collection`` against a plain ``lint`` of the same generated collection, and
measure how many of the pairwise comparison's findings the candidate index keeps.

    python bench/collection_cost.py                  # 1,000 frameworks (170,000 statements)
    python bench/collection_cost.py --files 100 --recall 40

The collection is written by bench/generate.py into bench/corpus/ as bench/run.py does. Both
commands run as whole processes (wall and CPU seconds, all their processes). ``--recall N``
also compares, on the first N frameworks, the near-duplicates found with the index narrowing
every window against those found comparing every pair.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import generate
import run as bench
from skillframe import load
from skillframe.rules import Context
from skillframe.rules.sf503_near_duplicate import Entry, across, comparable


def recall(files: list[Path]) -> tuple[int, int, int, float, float]:
    """(pairwise findings, index findings, findings with the same message, seconds pairwise,
    seconds with the index) on these files, every window narrowed by the index."""
    groups = []
    for path in files:
        doc = load.load_text(path.read_text(encoding="utf-8"), str(path))
        if not doc.parsed or doc.kind != "framework":
            continue
        ctx = Context(data=doc.data, kind="framework")
        groups.append(
            [Entry(str(path), name, text, 1, 1, 1, 85.0, True) for _, name, text in comparable(ctx)]
        )
    start = time.process_time()
    pairwise = {(i, e.name): m for i, e, m in across(groups, exact_window=sys.maxsize)}
    middle = time.process_time()
    indexed = {(i, e.name): m for i, e, m in across(groups, exact_window=0)}
    end = time.process_time()
    same = sum(1 for key, text in pairwise.items() if indexed.get(key) == text)
    return len(pairwise), len(indexed), same, middle - start, end - middle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--recall", type=int, default=0, help="frameworks to measure recall on")
    parser.add_argument("--corpus", type=Path, default=generate.DEFAULT_OUT)
    args = parser.parse_args(argv)
    skillframe = bench.BIN / "skillframe"
    bench.ensure_corpus(args.corpus, args.files, args.seed)
    frameworks = args.corpus / "frameworks"
    files = sorted(frameworks.glob("*.yaml"))
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()}")
    plain = bench.Step("lint")
    collection = bench.Step("lint --collection")
    bench.run(plain, [str(skillframe), "lint", "--format", "json", str(frameworks)])
    bench.run(
        collection, [str(skillframe), "lint", "--collection", "--format", "json", str(frameworks)]
    )
    print(f"{len(files)} frameworks")
    for step in (plain, collection):
        print(f"  {step.name:20} wall {step.wall:8.1f} s   cpu {step.cpu:8.1f} s")
    ratio = collection.wall / plain.wall
    print(f"target: lint --collection <= 2 x lint: {ratio:.2f} x  {bench.verdict(ratio <= 2)}")
    if args.recall:
        found, kept, same, alone, indexed = recall(files[: args.recall])
        print(
            f"on {args.recall} frameworks, every window narrowed by the index: {kept} of the "
            f"{found} findings of the pairwise comparison ({same} with the same message); "
            f"{alone:.1f} s pairwise, {indexed:.1f} s with the index (cpu)"
        )
    print(f"load at the end {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
