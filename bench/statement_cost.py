"""Time the statement-writing rules (SF5xx) against composing the same file.

    python bench/statement_cost.py              # 40 generated frameworks, best of 3 passes
    python bench/statement_cost.py --files 100
    python bench/statement_cost.py frameworks/*officers.yaml frameworks/*technicians.yaml

Each generated framework (bench/generate.py: 150-200 statements) is composed with the C parser
and the table resolver lint uses, and, separately, checked by every statement rule. The
statements' analysis is cleared before each file, so every file pays for reading each of its
texts, even where the generator repeats a text in another file. Figures are CPU milliseconds a file, the best of the
passes (other programs on the machine only ever add time).

SF503 scores the pairs of a file's texts one by one until its process has scored some 500,000
pairs or has numpy loaded, then filters the pairs first (``skillframe.nearby.best_earlier``).
numpy is loaded here before timing, as in a lint of many files; ``--one-by-one`` times the
scoring of every pair, as in a lint of a few files.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generate
from skillframe import load, nearby, writing
from skillframe.rules import DATA_RULES, Context, Rule

STATEMENT_RULES: tuple[Rule, ...] = tuple(r for r in DATA_RULES if r.code.startswith("SF5"))


def fresh_texts() -> None:
    """Forget every statement text read before: each file pays for reading its own texts (the
    base forms of words looked up stay known, as they do in a process linting many files)."""
    writing.settings_of({}).__dict__.pop("_analyses", None)


def best(passes: int, work: Callable[[], Any]) -> float:
    """The least CPU time of ``passes`` runs of ``work``, Python's cycle collector paused during
    each as lint pauses it while a file is read and checked (``lint._collector_paused``)."""
    times = []
    for _ in range(passes):
        gc.collect()
        gc.disable()
        start = time.process_time()
        try:
            work()
        finally:
            times.append(time.process_time() - start)
            gc.enable()
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument(
        "frameworks", nargs="*", type=Path, help="framework files to time instead of generated ones"
    )
    parser.add_argument(
        "--one-by-one", action="store_true", help="SF503 scores every pair, as for a few files"
    )
    args = parser.parse_args(argv)
    if args.one_by_one:
        nearby.FILTER_AFTER = sys.maxsize
        nearby._numpy_loaded = lambda: False
    else:
        import numpy  # noqa: F401  (loaded, as in a lint of many files)
    rng = random.Random(7)
    if args.frameworks:
        texts = [path.read_text(encoding="utf-8") for path in args.frameworks]
    else:
        texts = [
            generate.framework_text(rng, f"Harbor Inspectors {n}", 170) for n in range(args.files)
        ]
    docs = [load.load_text(text, f"f{n}.yaml") for n, text in enumerate(texts)]
    yaml = load._yaml()

    def compose() -> None:
        for text in texts:
            yaml.compose(io.StringIO(text))

    per_rule: dict[str, float] = {rule.code: 0.0 for rule in STATEMENT_RULES}

    def rules() -> None:
        for doc in docs:
            fresh_texts()
            ctx = Context(data=doc.data, kind="framework")
            for rule in STATEMENT_RULES:
                start = time.process_time()
                assert rule.check is not None
                for _ in rule.check(ctx):
                    pass
                per_rule[rule.code] += time.process_time() - start

    composed = best(args.passes, compose) / len(texts) * 1000
    for code in per_rule:
        per_rule[code] = 0.0
    checked = best(args.passes, rules) / len(texts) * 1000
    count = sum(len(list(Context(data=d.data, kind="framework").statements())) for d in docs)
    statements = count / len(texts)
    print(f"{len(texts)} frameworks, about {statements:.0f} statements each; CPU ms a file")
    print(f"  compose (C parser, lint's resolver)   {composed:7.2f}")
    print(
        f"  every statement rule (SF5xx)          {checked:7.2f}  = {checked / composed:.2f} x compose"
    )
    for code, spent in sorted(per_rule.items(), key=lambda item: -item[1]):
        share = spent / args.passes / len(texts) * 1000
        print(f"    {code}  {share:6.2f} (mean of the passes)")
    target = checked <= 0.5 * composed
    print(f"target: statement rules <= 0.5 x compose: {'holds' if target else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
