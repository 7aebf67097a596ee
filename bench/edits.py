"""Time editing and start-up against the floor every command pays: a one-command Typer app.

    python bench/edits.py              # 9 runs of each step, interleaved
    python bench/edits.py --runs 15

Measured, each as the whole process (median of the runs; CPU time, user + system, beside it,
which other programs on a shared machine disturb less than wall time):

- the floor: a Typer app of one command with one option, run, and asked for its ``--help``;
- ``skillframe statement edit`` of one statement's text in a 170-statement file;
- ``skillframe apply`` of a script of 40 ``statement add`` lines to the same file;
- ``skillframe --help`` and ``skillframe GROUP --help`` for every group.

Targets: ``statement edit`` <= 2 x the floor; ``apply`` of 40 adds <= 1.5 x one ``statement
edit``; every help <= 1.2 x the floor app's ``--help``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
from pathlib import Path

from run import BIN, Step, edit_file, run, verdict

FLOOR_APP = '''
import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str = typer.Option("world", "--name", help="Who to greet.")) -> None:
    """Greet someone."""
    typer.echo(f"hello {name}")


app()
'''

GROUPS = ("statement", "cite", "source", "domain", "level", "anchors", "import")


def script_of_adds(count: int) -> str:
    """``count`` lines of ``statement add``, each a new statement in a domain of the file."""
    lines = ["# statements added in one go"]
    for number in range(count):
        lines.append(
            "statement add --domain communication --level foundational "
            f'--title "Batch statement {number}" '
            f'--text "checks batch record {number} before each harbor inspection." --cite onet'
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=9, help="runs of each step")
    args = parser.parse_args(argv)
    skillframe = BIN / "skillframe"
    if not skillframe.exists():
        sys.exit(f"no {skillframe}: install skillframe first (pip install -e .)")
    import skillframe as package

    compileall.compile_dir(str(Path(package.__file__).parent), quiet=1)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"load at the start: {os.getloadavg()}")

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        floor_app = folder / "floor_app.py"
        floor_app.write_text(FLOOR_APP, encoding="utf-8")
        path, statement = edit_file(folder)
        pristine = path.read_bytes()
        script = folder / "adds.txt"
        script.write_text(script_of_adds(40), encoding="utf-8")
        scratch = folder / "scratch.yaml"

        steps = {
            name: Step(name)
            for name in ("floor", "floor --help", "statement edit", "apply 40 adds", "--help")
        }
        helps = {group: Step(f"{group} --help") for group in GROUPS}
        for index in range(args.runs):
            print(f"run {index + 1}/{args.runs} ...", flush=True)
            run(steps["floor"], [sys.executable, str(floor_app), "--name", "x"])
            run(steps["floor --help"], [sys.executable, str(floor_app), "--help"])
            words = "reviews" if index % 2 else "checks"
            command = [str(skillframe), "statement", "edit", str(path), statement]
            command += ["--text", f"{words} every harbor safety record before sign-off."]
            run(steps["statement edit"], command, cwd=folder)
            shutil.copyfile(path, scratch)
            run(
                steps["apply 40 adds"],
                [str(skillframe), "apply", str(scratch), str(script)],
                folder,
            )
            run(steps["--help"], [str(skillframe), "--help"])
            for group, step in helps.items():
                run(step, [str(skillframe), group, "--help"])
        added = scratch.read_text(encoding="utf-8").count("id: batch-statement-")
        path.write_bytes(pristine)

    failed = {s.name: sorted(s.codes) for s in (*steps.values(), *helps.values()) if s.codes != {0}}
    print()
    print(f"{'step (whole process)':34} {'wall ms':>9} {'cpu ms':>9} {'x floor':>8}")
    floor, floor_help = steps["floor"], steps["floor --help"]
    for step in (*steps.values(), *helps.values()):
        base = floor_help if "help" in step.name else floor
        print(
            f"{step.name:34} {step.wall * 1000:9.1f} {step.cpu * 1000:9.1f} "
            f"{step.wall / base.wall:8.2f}"
        )
    print(f"(apply wrote {added} of 40 statements; exit statuses other than 0: {failed or 'none'})")
    print()
    edit, batch = steps["statement edit"], steps["apply 40 adds"]
    worst = max((*helps.values(), steps["--help"]), key=lambda s: s.wall)
    targets = (
        ("statement edit <= 2 x floor", edit.wall / floor.wall, edit.cpu / floor.cpu, 2.0),
        ("apply 40 adds <= 1.5 x edit", batch.wall / edit.wall, batch.cpu / edit.cpu, 1.5),
        (
            f"slowest help ({worst.name}) <= 1.2 x floor --help",
            worst.wall / floor_help.wall,
            worst.cpu / floor_help.cpu,
            1.2,
        ),
    )
    print("targets (wall ratio; cpu ratio)")
    for label, wall, cpu, limit in targets:
        print(f"  {label:46} {wall:6.2f} x; {cpu:6.2f} x  {verdict(wall <= limit)}")
    print(f"load at the end: {os.getloadavg()}")
    return 1 if failed or added != 40 else 0


if __name__ == "__main__":
    sys.exit(main())
