"""The distributions: built from the source tree, checked, installed alone and run.

Every other test runs skillframe from the source tree, where a missing package-data line or a
file that only the repository has would go unnoticed. This test builds the source archive and the
wheel, checks their metadata with twine, installs the wheel into a fresh virtual environment in a
folder outside the source tree, and runs the main job and a few commands from there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from skillframe import __version__
from tests.conftest import ROOT

#: What the source tree holds that is not part of a distribution: work folders and caches.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv*",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "node_modules",
)


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command and return its standard output; the test fails with its output if it
    fails."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The source archive and the wheel, built from a copy of the source tree."""
    source = tmp_path_factory.mktemp("source") / "skillframe"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE, symlinks=True)
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, source, cwd=source)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_metadata_passes_twine_check(dists: dict[str, Path]) -> None:
    output = _run(
        sys.executable,
        "-m",
        "twine",
        "check",
        "--strict",
        *dists.values(),
        cwd=dists["wheel"].parent,
    )
    assert output.count("PASSED") == 2, output


def test_wheel_holds_the_package_its_data_and_licence_and_nothing_else(
    dists: dict[str, Path],
) -> None:
    names = zipfile.ZipFile(dists["wheel"]).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"skillframe", f"skillframe-{__version__}.dist-info"}
    assert not [n for n in names if "/tests/" in n or "bench" in n or "__pycache__" in n]
    assert f"skillframe-{__version__}.dist-info/licenses/LICENSE" in names
    for schema in ("framework", "sources", "taxonomy", "export"):
        assert f"skillframe/schemas/{schema}.schema.json" in names
    data = [n for n in names if n.startswith("skillframe/data/")]
    assert "skillframe/data/NOTICE" in data
    assert any(n.endswith(".tsv") for n in data)
    metadata = zipfile.ZipFile(dists["wheel"]).read(f"skillframe-{__version__}.dist-info/METADATA")
    assert b"License-Expression: MIT" in metadata


def test_source_archive_carries_the_licence_and_notice(dists: dict[str, Path]) -> None:
    with tarfile.open(dists["sdist"]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "NOTICE", "CHANGELOG.md", "pyproject.toml"} <= names
    assert "cli/skillframe/data/NOTICE" in names


def test_installed_wheel_runs_alone(
    dists: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The wheel, alone in a new environment, checks a copy of the bundled collection, prints a
    schema, explains a rule, exports and shows its notices."""
    place = tmp_path_factory.mktemp("installed")
    venv = place / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=place)
    _run(venv / "bin" / "python", "-m", "pip", "install", "-q", dists["wheel"], cwd=place)
    work = place / "collection"
    shutil.copytree(ROOT / "frameworks", work / "frameworks")
    (work / "skillframe.toml").write_text(
        'paths = ["frameworks"]\n'
        'sources = "frameworks/sources.yaml"\n'
        'taxonomies = "frameworks/taxonomies"\n'
        'onet-tasks = "frameworks/data/onet-task-statements-33-3051.04.tsv"\n',
        encoding="utf-8",
    )
    # Nothing from the source tree may leak in: no PYTHONPATH, a folder outside the tree.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    skillframe = venv / "bin" / "skillframe"
    lint = _run(skillframe, "lint", cwd=work, env=env)
    assert "All checks passed" in lint
    schema = _run(skillframe, "schema", "framework", cwd=work, env=env)
    assert '"$schema": "https://json-schema.org/draft/2020-12/schema"' in schema
    explain = _run(skillframe, "explain", "SF201", cwd=work, env=env)
    assert "SF201" in explain
    export = work / "framework.md"
    _run(
        skillframe,
        "export",
        "frameworks/customs-border-protection-officers.yaml",
        "--format",
        "md",
        "-o",
        export,
        cwd=work,
        env=env,
    )
    assert "Customs and Border Protection Officers" in export.read_text(encoding="utf-8")
    about = _run(skillframe, "about", cwd=work, env=env)
    assert f"skillframe {__version__}" in about
    assert "MIT" in about
    assert "CC BY 4.0" in about
    assert "USDOL/ETA" in about
    where = _run(
        venv / "bin" / "python", "-c", "import skillframe; print(skillframe.__file__)", cwd=work
    )
    assert Path(where.strip()).is_relative_to(venv)
