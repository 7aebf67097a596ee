"""The real pre-commit running this repository's hook (.pre-commit-hooks.yaml) in a repository
of frameworks that also holds other YAML files: a pre-commit configuration, a CI workflow.

pre-commit clones the hook's repository (here a file:// repository holding this checkout's
.pre-commit-hooks.yaml, at a commit) and reads the hook from it: its entry, its file types and
its flags are the ones users get. The configuration sets ``language: system`` so that pre-commit
runs the skillframe installed with these tests instead of building an environment from the
network (which ``language: python`` does on a user's machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Writer",
    "GIT_AUTHOR_EMAIL": "writer@example.org",
    "GIT_COMMITTER_NAME": "Writer",
    "GIT_COMMITTER_EMAIL": "writer@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout.strip()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A writer's repository, committed, using the hook at a commit of a file:// repository."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml")
    git(hooks, "init", "-q")
    git(hooks, "add", ".")
    git(hooks, "commit", "-q", "-m", "hooks")
    rev = git(hooks, "rev-parse", "HEAD")

    repo = tmp_path / "frameworks-repo"
    (repo / "frameworks" / "taxonomies").mkdir(parents=True)
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", repo / "frameworks" / "minimal.yaml")
    shutil.copy(FIXTURES / "shared" / "sources.yaml", repo / "frameworks" / "sources.yaml")
    shutil.copy(
        FIXTURES / "shared" / "taxonomies" / "mini.yaml",
        repo / "frameworks" / "taxonomies" / "mini.yaml",
    )
    (repo / "skillframe.toml").write_text(
        'paths = ["frameworks"]\nsources = "frameworks/sources.yaml"\n'
        'taxonomies = "frameworks/taxonomies"\nexclude = ["frameworks/drafts/*"]\n',
        encoding="utf-8",
    )
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks.as_uri()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: skillframe-lint\n"
        "        language: system\n",
        encoding="utf-8",
    )
    (repo / ".github" / "workflows" / "ci.yml").write_text(
        "name: CI\non: [push, pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n      - run: skillframe lint\n",
        encoding="utf-8",
    )
    (repo / "frameworks" / "drafts").mkdir()
    (repo / "frameworks" / "drafts" / "idea.yaml").write_text("half: a thought\n", "utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "frameworks")
    return repo


def pre_commit(repo: Path, *args: str) -> tuple[int, str]:
    """Run the real pre-commit in ``repo``, with this Python's skillframe first on PATH."""
    env = {
        **os.environ,
        **GIT_ENV,
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
    }
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
    )
    return done.returncode, done.stdout + done.stderr


def test_a_clean_collection_passes(repository: Path) -> None:
    code, out = pre_commit(repository, "--all-files")
    assert code == 0, out
    assert "skillframe lint" in out and "Passed" in out


def test_a_broken_framework_fails_at_its_line(repository: Path) -> None:
    framework = repository / "frameworks" / "minimal.yaml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace("cite: [pathsmith]", "cite: [pathsmit]", 1), "utf-8")
    git(repository, "add", "frameworks/minimal.yaml")
    code, out = pre_commit(repository)
    assert code == 1, out
    assert "Failed" in out
    assert (
        "frameworks/minimal.yaml:19:16: SF201 error: citation 'pathsmit' names no known source; "
        "did you mean 'pathsmith'?"
    ) in out


def test_a_broken_sources_file_staged_alone_fails(repository: Path) -> None:
    """Renaming a source in the shared registry breaks every framework citing it: the hook,
    handed only sources.yaml, checks the frameworks that use it."""
    registry = repository / "frameworks" / "sources.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("  pathsmith:", "  pathsmith-dsf:"), encoding="utf-8")
    git(repository, "add", "frameworks/sources.yaml")
    assert git(repository, "diff", "--cached", "--name-only") == "frameworks/sources.yaml"
    code, out = pre_commit(repository)
    assert code == 1, out
    assert "Failed" in out
    assert (
        "frameworks/minimal.yaml:19:16: SF201 error: citation 'pathsmith' names no known source"
        in out
    )
    assert "frameworks/minimal.yaml:24:16: SF201" in out


def test_other_yaml_files_and_excluded_drafts_are_left_alone(repository: Path) -> None:
    """Staged on their own, the workflow, the pre-commit configuration and an excluded draft
    (none of them a skillframe file) pass."""
    (repository / ".github" / "workflows" / "ci.yml").write_text("name: CI 2\non: push\n", "utf-8")
    (repository / "frameworks" / "drafts" / "idea.yaml").write_text("half: two\n", "utf-8")
    config = repository / ".pre-commit-config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    git(repository, "add", ".")
    code, out = pre_commit(repository)
    assert code == 0, out
    assert "Passed" in out


# The lint options the hook relies on, through the command itself -----------------------------


def lint_json(repo: Path, *args: str) -> tuple[int, dict[str, object]]:
    import json

    from typer.testing import CliRunner

    from skillframe.app import app

    cwd = Path.cwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(app, ["lint", "--format", "json", *args])
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)


def codes_at(report: dict[str, object]) -> list[tuple[str, str]]:
    diagnostics = report["diagnostics"]
    assert isinstance(diagnostics, list)
    return [(d["path"], d["code"]) for d in diagnostics]


def test_a_file_that_is_not_a_skillframe_file_is_skipped_only_under_hook(
    repository: Path,
) -> None:
    (repository / "notes.yaml").write_text("title: my notes\n", encoding="utf-8")
    assert lint_json(repository, "notes.yaml") == (
        1,
        {
            "files": 1,
            "diagnostics": [
                {
                    "path": "notes.yaml",
                    "line": 1,
                    "column": 1,
                    "code": "SF006",
                    "severity": "error",
                    "message": "the file has no 'schema:' key; it must name one of: "
                    "skillframe/framework@1, skillframe/sources@1, skillframe/taxonomy@1",
                }
            ],
            "summary": {"errors": 1, "warnings": 0},
        },
    )
    code, report = lint_json(
        repository, "--hook", "notes.yaml", ".pre-commit-config.yaml", ".github/workflows/ci.yml"
    )
    assert (code, report["files"], report["diagnostics"]) == (0, 0, [])


def test_under_hook_a_file_in_the_configured_paths_must_say_what_it_is(repository: Path) -> None:
    (repository / "frameworks" / "forgot.yaml").write_text("id: forgot\n", encoding="utf-8")
    code, report = lint_json(repository, "--hook", "frameworks/forgot.yaml")
    assert code == 1
    assert codes_at(report) == [("frameworks/forgot.yaml", "SF006")]


def test_under_hook_a_file_that_says_it_is_a_framework_is_reported_even_unreadable(
    tmp_path: Path,
) -> None:
    (tmp_path / "broken.yaml").write_text(
        "schema: skillframe/framework@1\nid: [unclosed\n", encoding="utf-8"
    )
    code, report = lint_json(tmp_path, "--hook", "broken.yaml")
    assert code == 1
    assert codes_at(report) == [("broken.yaml", "SF001")]


def test_exclude_applies_to_named_files_under_hook(repository: Path) -> None:
    assert lint_json(repository, "--hook", "frameworks/drafts/idea.yaml")[1]["files"] == 0
    code, report = lint_json(repository, "frameworks/drafts/idea.yaml")
    assert code == 1
    assert codes_at(report) == [("frameworks/drafts/idea.yaml", "SF006")]


def test_a_named_shared_file_checks_the_frameworks_of_the_collection(repository: Path) -> None:
    code, report = lint_json(repository, "frameworks/sources.yaml")
    assert (code, report["files"]) == (0, 2)
    code, report = lint_json(repository, "frameworks/taxonomies/mini.yaml")
    assert (code, report["files"]) == (0, 2)


def test_without_configuration_a_shared_file_checks_the_frameworks_beside_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "taxonomies").mkdir()
    shutil.copy(FIXTURES / "shared" / "taxonomies" / "mini.yaml", tmp_path / "taxonomies")
    registry = (FIXTURES / "shared" / "sources.yaml").read_text(encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        registry.replace("pathsmith:", "pathsmith-dsf:"), "utf-8"
    )
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", tmp_path / "fw.yaml")
    (tmp_path / "nested").mkdir()  # a folder below has its own sources.yaml, if any
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", tmp_path / "nested" / "other.yaml")
    code, report = lint_json(tmp_path, "sources.yaml")
    assert code == 1
    assert report["files"] == 2
    assert codes_at(report) == [("fw.yaml", "SF201"), ("fw.yaml", "SF201")]
    code, report = lint_json(tmp_path, "taxonomies/mini.yaml")
    assert (code, report["files"]) == (1, 2)


def test_shared_file_users_are_the_same_in_parallel(repository: Path) -> None:
    """With enough files for the process pool, the frameworks a named sources file brings in
    are checked (and the other files left out) exactly as in one process."""
    from skillframe.lint import PARALLEL_MIN_FILES, lint_paths

    registry = repository / "frameworks" / "sources.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("  pathsmith:", "  pathsmith-dsf:"), "utf-8"
    )
    text = (repository / "frameworks" / "minimal.yaml").read_text(encoding="utf-8")
    for n in range(PARALLEL_MIN_FILES):
        (repository / "frameworks" / f"copy-{n:02}.yaml").write_text(
            text.replace("id: minimal", f"id: copy-{n:02}"), encoding="utf-8"
        )
    named = [repository / "frameworks" / "sources.yaml", repository / ".pre-commit-config.yaml"]
    one = lint_paths(named, jobs=1, hook=True)
    two = lint_paths(named, jobs=2, hook=True)
    assert one.files == two.files == PARALLEL_MIN_FILES + 2  # sources.yaml, the frameworks
    assert one.diagnostics == two.diagnostics
    assert len(one.diagnostics) == 2 * (PARALLEL_MIN_FILES + 1)
    assert {d.code for d in one.diagnostics} == {"SF201"}
