"""Time skillframe against the baselines, side by side on the same synthetic collection.

    python bench/run.py                 # 1,000 frameworks, 3 runs of each whole-collection step
    python bench/run.py --files 200 --runs 5

Measured, each as the wall time of a whole process (median of the runs, steps interleaved):

- ``skillframe lint`` over the collection (every check, default output);
- ``check-jsonschema --schemafile schemas/framework.schema.json`` over the same files (the
  schema-only check users would otherwise reach for), installed into this environment if missing;
- the floor: one Python process composing every file with ruamel's C parser;
- start-up: ``skillframe --version`` and ``--help`` against ``python -c "import typer"``;
- an edit of a 170-statement file against one round-trip load and dump of it.

The collection is written by bench/generate.py into bench/corpus/ (git-ignored) when it is
missing or was written with other settings. Other programs running on the machine slow every
step: the CPU time of each step (user + system, all its processes) is shown beside the wall time.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.metadata
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCHEMA = ROOT / "schemas" / "framework.schema.json"

FLOOR = """
import io, sys
from pathlib import Path
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
yaml = YAML(typ="safe", pure=False)
_, parser = yaml.get_constructor_parser(io.StringIO(""))
if type(parser).__name__ != "XLoader" or "CParser" not in [c.__name__ for c in type(parser).__mro__]:
    sys.exit("the C parser is not in use: install ruamel.yaml.clib")
parser.dispose()
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    try:
        yaml.compose(io.StringIO(path.read_bytes().decode("utf-8")))
    except YAMLError:
        pass
"""

ROUND_TRIP = """
import io, sys
from ruamel.yaml import YAML
text = open(sys.argv[1], encoding="utf-8").read()
yaml = YAML()
yaml.preserve_quotes = True
yaml.width = 4096
yaml.indent(mapping=2, sequence=4, offset=2)
out = io.StringIO()
yaml.dump(yaml.load(text), out)
"""


@dataclass
class Step:
    """One command timed several times: wall and CPU seconds, peak memory."""

    name: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    max_rss: int = 0  # KiB, the largest single process
    tree_rss: int = 0  # KiB, the largest sum over the process and its children at one time
    codes: set[int] = field(default_factory=set)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def _tree_rss(root: int) -> int:
    """The resident memory (KiB) of ``root`` and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    family = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    total = 0
    for pid in family:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(found.group(1)) if found else 0
    return total


def run(step: Step, argv: Sequence[str], cwd: Path | None = None, sample: bool = False) -> str:
    """Run a command once, adding its wall time, CPU time and memory to ``step``; its output."""
    peak = [0]
    done = threading.Event()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        child = subprocess.Popen(list(argv), cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        sampler: threading.Thread | None = None
        if sample and Path("/proc").is_dir():

            def watch() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], _tree_rss(child.pid))
                    done.wait(0.05)

            sampler = threading.Thread(target=watch, daemon=True)
            sampler.start()
        # wait4 gives the usage of the process and of every child it waited for: CPU time
        # summed, and the largest resident memory any one of them reached.
        _, status, usage = os.wait4(child.pid, 0)
        step.walls.append(time.perf_counter() - start)
        done.set()
        child.returncode = os.waitstatus_to_exitcode(status)
        if sampler is not None:
            sampler.join()
        out.seek(0)
        output = out.read()
    step.codes.add(child.returncode)
    step.cpus.append(usage.ru_utime + usage.ru_stime)
    scale = 1 if sys.platform.startswith("linux") else 1024  # macOS counts bytes
    step.max_rss = max(step.max_rss, usage.ru_maxrss // scale)
    step.tree_rss = max(step.tree_rss, peak[0])
    return output


def ensure_check_jsonschema() -> Path:
    tool = BIN / "check-jsonschema"
    if not tool.exists():
        print("installing check-jsonschema into this environment (the baseline) ...")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "check-jsonschema"], check=True
        )
    return tool


def ensure_corpus(corpus: Path, files: int, seed: int, share: float = 0.3) -> None:
    marker = corpus / generate.MARKER
    if marker.exists() and marker.read_text(encoding="utf-8") == generate.stamp(files, seed, share):
        return
    print(f"writing {files} frameworks into {corpus} (seed {seed}) ...")
    planted = generate.generate(corpus, files, seed, share)
    print("  planted mistakes: " + ", ".join(f"{k} {v}" for k, v in planted.items() if v))


def median_of(runs: int, argv: Sequence[str], cwd: Path | None = None) -> float:
    step = Step("")
    for _ in range(runs):
        run(step, argv, cwd)
    return step.wall


def edit_file(folder: Path) -> tuple[Path, str]:
    """A clean 170-statement framework in its own collection, and one statement id in it."""
    shared = folder / "shared"
    (shared / "taxonomies").mkdir(parents=True)
    shutil.copyfile(generate.BUNDLED / "sources.yaml", shared / "sources.yaml")
    for taxonomy in (generate.BUNDLED / "taxonomies").glob("*.yaml"):
        shutil.copyfile(taxonomy, shared / "taxonomies" / taxonomy.name)
    (folder / "skillframe.toml").write_text(
        'sources = "shared/sources.yaml"\ntaxonomies = "shared/taxonomies"\n', encoding="utf-8"
    )
    rng = random.Random("edit")
    text = generate.framework_text(rng, "Harbor Safety Inspectors", 170)
    path = folder / "harbor-safety-inspectors.yaml"
    path.write_text(text, encoding="utf-8")
    found = re.search(r"^      - id: (\S+)", text, re.MULTILINE)
    assert found is not None
    return path, found.group(1)


def in_process_round_trip(path: Path, runs: int) -> float:
    from ruamel.yaml import YAML

    text = path.read_text(encoding="utf-8")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=4, offset=2)
        yaml.dump(yaml.load(text), io.StringIO())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def where_time_goes(files: list[str], sample: int = 100) -> list[tuple[str, float]]:
    """CPU milliseconds a file for each stage of lint, in this process, on a sample of files
    (the best of three passes, to keep other programs' noise out)."""
    from ruamel.yaml import YAML

    from skillframe import load, schema
    from skillframe.config import discover
    from skillframe.lint import Linter, findings

    chosen = files[:: max(1, len(files) // sample)][:sample]
    texts = [Path(f).read_bytes().decode("utf-8") for f in chosen]
    stock = YAML(typ="safe", pure=False)
    docs = [load.load_text(t, f) for t, f in zip(texts, chosen, strict=True)]
    parsed = [d for d in docs if d.parsed and d.kind == "framework"]
    texts = [d.text for d in parsed]  # YAML syntax errors stop the stock composer
    invalid = [d for d in parsed if schema.errors("framework", d.data)]
    linter = Linter()
    shared = linter.resolver.shared_for(Path(chosen[0]), discover(Path(chosen[0])))

    def best(items: Sequence[object], work: Callable[[object], object]) -> float:
        passes = []
        for _ in range(3):
            start = time.process_time()
            for item in items:
                work(item)
            passes.append(time.process_time() - start)
        return min(passes) / max(1, len(items)) * 1000

    def compose_stock(text: object) -> object:
        return stock.compose(io.StringIO(str(text)))

    def compose_table(text: object) -> object:
        return load._yaml().compose(io.StringIO(str(text)))

    def load_text(text: object) -> object:
        return load.load_text(str(text), "x")

    def rs_valid(doc: object) -> object:
        return schema._fast("framework").is_valid(getattr(doc, "data", None))

    def errors_pruned(doc: object) -> object:
        return list(schema._full("framework").iter_errors(getattr(doc, "data", None)))

    def errors_whole(doc: object) -> object:
        return list(schema._full("framework", False).iter_errors(getattr(doc, "data", None)))

    def all_findings(doc: object) -> object:
        assert isinstance(doc, load.Document)
        return list(findings(doc, shared))

    # Each data rule alone: findings() with only that rule, less findings() with none.
    from skillframe import lint as lint_module
    from skillframe.rules import DATA_RULES

    names = lint_module.__dict__
    per_rule = []
    try:
        names["DATA_RULES"] = ()
        base = best(parsed, all_findings)
        for rule in DATA_RULES:
            names["DATA_RULES"] = (rule,)
            per_rule.append((f"  rule {rule.code} {rule.name}", best(parsed, all_findings) - base))
    finally:
        names["DATA_RULES"] = DATA_RULES
    costly = sorted((r for r in per_rule if r[1] >= 0.5), key=lambda r: -r[1])
    return [
        ("compose, stock resolver (the floor)", best(texts, compose_stock)),
        ("compose, table resolver (lint)", best(texts, compose_table)),
        ("load: compose + walk to data and positions", best(texts, load_text)),
        ("schema: jsonschema-rs is_valid", best(parsed, rs_valid)),
        (f"schema errors, {len(invalid)} invalid files, pruned", best(invalid, errors_pruned)),
        (f"schema errors, {len(invalid)} invalid files, whole", best(invalid, errors_whole)),
        ("schema + every rule (findings)", best(parsed, all_findings)),
        *costly,
    ]


def versions() -> str:
    names = ["ruamel.yaml", "ruamel.yaml.clib", "jsonschema-rs", "jsonschema", "typer"]
    names.append("check-jsonschema")
    found = []
    for name in names:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} (missing)")
    return ", ".join(found)


def verdict(ok: bool) -> str:
    return "holds" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=1000, help="frameworks in the collection")
    parser.add_argument("--seed", type=int, default=1, help="seed of the collection")
    parser.add_argument("--runs", type=int, default=3, help="runs of each collection step")
    parser.add_argument("--startup-runs", type=int, default=15, help="runs of each start-up")
    parser.add_argument("--corpus", type=Path, default=generate.DEFAULT_OUT, help="folder")
    args = parser.parse_args(argv)

    skillframe = BIN / "skillframe"
    if not skillframe.exists():
        sys.exit(f"no {skillframe}: install skillframe first (pip install -e .)")
    checker = ensure_check_jsonschema()
    ensure_corpus(args.corpus, args.files, args.seed)
    # Python keeps compiled bytecode beside the sources it imports; with PYTHONDONTWRITEBYTECODE
    # set it never writes it, and every start would compile skillframe again. Write it once.
    import skillframe as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)

    frameworks = args.corpus / "frameworks"
    files = sorted(str(p) for p in frameworks.glob("*.yaml"))
    size = sum(Path(f).stat().st_size for f in files)
    cpus = os.cpu_count() or 1
    print(f"machine: {cpus} cores, Python {sys.version.split()[0]}, load {os.getloadavg()}")
    print(f"versions: {versions()}")
    print(f"collection: {len(files)} frameworks, {size / 1e6:.1f} MB, in {frameworks}")
    for file in files:  # read once so that every step finds the files in the page cache
        Path(file).read_bytes()

    lint = Step("skillframe lint")
    schema_only = Step("check-jsonschema")
    floor = Step("compose floor (1 process)")
    summary = ""
    for index in range(args.runs):
        print(f"run {index + 1}/{args.runs} ...", flush=True)
        output = run(lint, [str(skillframe), "lint", str(frameworks)], sample=True)
        summary = output.strip().splitlines()[-1] if output.strip() else "(no output)"
        run(
            schema_only,
            [str(checker), "--schemafile", str(SCHEMA), *files],
            sample=True,
        )
        run(floor, [sys.executable, "-c", FLOOR, str(frameworks)])

    start_python = [sys.executable, "-c", "pass"]
    start_typer = [sys.executable, "-c", "import typer"]
    start_version = [str(skillframe), "--version"]
    start_help = [str(skillframe), "--help"]
    startup = {name: Step(name) for name in ("python", "typer", "version", "help")}
    for _ in range(args.startup_runs):
        for name, command in zip(
            startup, (start_python, start_typer, start_version, start_help), strict=True
        ):
            run(startup[name], command)

    with tempfile.TemporaryDirectory() as temp:
        path, statement = edit_file(Path(temp))
        round_trip = in_process_round_trip(path, 7)
        round_trip_process = median_of(7, [sys.executable, "-c", ROUND_TRIP, str(path)])
        has_statement = (
            subprocess.run(
                [str(skillframe), "statement", "--help"],
                capture_output=True,
            ).returncode
            == 0
        )
        edit = Step("statement edit")
        edit_note = ""
        if has_statement:
            for index in range(7):
                words = "reviews" if index % 2 else "checks"
                command = [str(skillframe), "statement", "edit", str(path), statement]
                command += ["--text", f"{words} every harbor safety record before sign-off."]
                run(edit, command, cwd=Path(temp))
            if edit.codes != {0}:
                edit_note = f" (exit status {sorted(edit.codes)}: the edit failed)"

    stages = where_time_goes(files)

    ratio = lint.wall / schema_only.wall
    floor_ratio = lint.wall / floor.wall
    version_ratio = startup["version"].wall / startup["typer"].wall
    print()
    print(f"lint says: {summary}")
    print(f"{'step':38} {'wall s':>8} {'cpu s':>8} {'ms/file':>8} {'peak RSS MB':>12}")
    for step in (lint, schema_only, floor):
        peak = f"{step.tree_rss / 1024:.0f}" if step.tree_rss else "-"
        per_file = step.wall / len(files) * 1000
        print(f"{step.name:38} {step.wall:8.2f} {step.cpu:8.2f} {per_file:8.2f} {peak:>12}")
    print(f"  (runs: lint {_fmt(lint.walls)}; check-jsonschema {_fmt(schema_only.walls)}; ")
    print(f"   floor {_fmt(floor.walls)}; exit status lint {sorted(lint.codes)}, ", end="")
    print(f"check-jsonschema {sorted(schema_only.codes)})")
    print(
        f"lint memory: largest process {lint.max_rss / 1024:.0f} MB, "
        f"all its processes together at most {lint.tree_rss / 1024:.0f} MB (sampled)"
    )
    print()
    print("where the time goes (CPU ms a file, in one process, on a sample of the files)")
    for label, value in stages:
        print(f"  {label:50} {value:8.2f}")
    print()
    print(f"start-up (median of {args.startup_runs})")
    labels = {
        "python": 'python -c "pass"',
        "typer": 'python -c "import typer"',
        "version": "skillframe --version",
        "help": "skillframe --help",
    }
    for name, step in startup.items():
        print(f"  {labels[name]:34} {step.wall * 1000:8.1f} ms")
    print()
    print("edit of a 170-statement file (median of 7)")
    print(f"  round-trip load+dump, in process    {round_trip * 1000:8.1f} ms")
    print(f"  round-trip load+dump, whole process {round_trip_process * 1000:8.1f} ms")
    if has_statement:
        print(f"  skillframe statement edit           {edit.wall * 1000:8.1f} ms{edit_note}")
    else:
        print("  skillframe statement edit           not measured: no statement command")
    print()
    print("targets")
    print(f"  lint <= 0.5 x check-jsonschema: {ratio:.3f} x  {verdict(ratio <= 0.5)}")
    print(f"  lint <= 1.5 x compose floor:    {floor_ratio:.3f} x  {verdict(floor_ratio <= 1.5)}")
    print(
        f"  --version <= 1.5 x import typer: {version_ratio:.3f} x  {verdict(version_ratio <= 1.5)}"
    )
    if has_statement and not edit_note:
        edit_ratio = edit.wall / round_trip
        print(
            f"  edit <= 2 x round trip:          {edit_ratio:.3f} x  {verdict(edit_ratio <= 2)}"
            f" ({edit.wall / round_trip_process:.3f} x the whole-process round trip)"
        )
    else:
        print("  edit <= 2 x round trip:          not measured")
    print(
        f"  memory: lint peak {lint.tree_rss / 1024:.0f} MB for {len(files)} files "
        f"({lint.max_rss / 1024:.0f} MB the largest process)"
    )
    print(f"  cpu: lint {lint.cpu / schema_only.cpu:.3f} x check-jsonschema, ", end="")
    print(f"{lint.cpu / floor.cpu:.3f} x floor; load at the end {os.getloadavg()}")
    return 0


def _fmt(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
