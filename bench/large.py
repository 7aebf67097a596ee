"""How cost grows with one file's size: lint, an edit and a CSV import, small against large.

    python bench/large.py                    # 1,000 against 10,000 statements; 10,000 against
                                             # 100,000 CSV rows; one run of each
    python bench/large.py --runs 3

Each step runs the installed ``skillframe`` as a whole process on files written into a temporary
folder: a framework of 1,000 and one of 10,000 statements of the same shape (bench/generate.py,
same seed), and CSV files of 10,000 and 100,000 rows (the 1,000-statement framework's export,
its rows repeated under new ids). The growth factor is large / small, of wall and of CPU time
(user + system): cost that grows with the file gives about 10. Other programs running on the
machine slow every step; the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

import generate
from run import BIN, Step, run

SKILLFRAME = str(BIN / "skillframe")


def framework(folder: Path, statements: int, seed: int) -> Path:
    """A framework of ``statements`` statements, beside the shared files it resolves."""
    path = folder / f"statements-{statements}.yaml"
    text = generate.framework_text(random.Random(seed), "Port Officers", statements)
    path.write_text(text, encoding="utf-8")
    return path


def shared(folder: Path) -> None:
    (folder / "taxonomies").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(generate.BUNDLED / "sources.yaml", folder / "sources.yaml")
    for taxonomy in sorted((generate.BUNDLED / "taxonomies").glob("*.yaml")):
        shutil.copyfile(taxonomy, folder / "taxonomies" / taxonomy.name)


def csv_rows(exported: str, rows: int) -> str:
    """The export's rows repeated until there are ``rows``, each under an id of its own."""
    table = list(csv.reader(io.StringIO(exported)))
    header, body = table[0], table[1:]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for index in range(rows):
        row = list(body[index % len(body)])
        row[header.index("id")] = f"{row[header.index('id')]}-{index}"
        writer.writerow(row)
    return out.getvalue()


def middle_statement(path: Path) -> str:
    ids: list[str] = re.findall(
        r"^      - id: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE
    )
    return ids[len(ids) // 2]


def timed(name: str, argv: list[str], runs: int, cwd: Path, prepare: object = None) -> Step:
    step = Step(name)
    for _ in range(runs):
        if callable(prepare):
            prepare()
        run(step, argv, cwd=cwd, sample=False)
    return step


def show(small: Step, large: Step) -> None:
    for step in (small, large):
        codes = ",".join(str(c) for c in sorted(step.codes))
        print(
            f"  {step.name:<38} wall {step.wall:7.2f} s   cpu {step.cpu:7.2f} s   "
            f"peak {step.max_rss / 1024:6.0f} MiB   exit {codes}"
        )
    print(
        f"  {'growth (large / small)':<38} wall {large.wall / small.wall:7.1f} x   "
        f"cpu {large.cpu / small.cpu:7.1f} x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--small", type=int, default=1_000, help="statements in the small file")
    parser.add_argument("--large", type=int, default=10_000, help="statements in the large file")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the large CSV")
    parser.add_argument("--runs", type=int, default=1, help="runs of each step (median shown)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(
        f"load before: {os.getloadavg()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory(prefix="skillframe-large-") as raw:
        folder = Path(raw)
        shared(folder)
        small = framework(folder, args.small, args.seed)
        large = framework(folder, args.large, args.seed)

        print(f"lint, {args.small:,} against {args.large:,} statements")
        steps = [
            timed(f"lint {p.name}", [SKILLFRAME, "lint", p.name], args.runs, folder)
            for p in (small, large)
        ]
        show(*steps)
        print("lint without SF503 (compares every statement with every other)")
        steps = [
            timed(
                f"lint --ignore SF503 {p.name}",
                [SKILLFRAME, "lint", "--ignore", "SF503", p.name],
                args.runs,
                folder,
            )
            for p in (small, large)
        ]
        show(*steps)

        print(f"statement edit (a title), {args.small:,} against {args.large:,} statements")
        steps = []
        for path in (small, large):
            copy = path.with_name("edited-" + path.name)
            ident = middle_statement(path)

            def fresh(source: Path = path, target: Path = copy) -> None:
                shutil.copyfile(source, target)

            command = [SKILLFRAME, "statement", "edit", copy.name, ident, "--title", "Revised"]
            steps.append(timed(f"statement edit {path.name}", command, args.runs, folder, fresh))
        show(*steps)

        exported = run(Step("export"), [SKILLFRAME, "export", small.name, "-f", "csv"], folder)
        sizes = (args.rows // 10, args.rows)
        print(f"import csv, {sizes[0]:,} against {sizes[1]:,} rows")
        steps = []
        for rows in sizes:
            table = folder / f"rows-{rows}.csv"
            table.write_text(csv_rows(exported, rows), encoding="utf-8")
            out = folder / f"imported-{rows}.yaml"

            def clear(target: Path = out) -> None:
                target.unlink(missing_ok=True)

            command = [SKILLFRAME, "import", "csv", table.name, "-o", out.name, "--title", "Port"]
            steps.append(timed(f"import csv {table.name}", command, args.runs, folder, clear))
        show(*steps)
    print(f"load after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
