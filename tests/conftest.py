"""Test helpers: paths to the fixtures, the bundled frameworks and the reference data."""

from __future__ import annotations

import os
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from skillframe.errors import SkillframeError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FRAMEWORKS = ROOT / "frameworks"
BUNDLED = FRAMEWORKS / "customs-border-protection-officers.yaml"
#: Reference data the tests read (CASE schemas and packages), with its licences.
DATA = ROOT / "tests" / "data"
#: The rule fixture collections: the main one, and one whose skillframe.toml sets onet-tasks (the
#: O*NET grounding rules run only with a task statements file). Each has invalid/<CODE>/ and valid/.
FIXTURE_COLLECTIONS = (FIXTURES, FIXTURES / "onet")


def invalid_fixtures(code: str) -> list[Path]:
    """The failing fixtures of a rule, in whichever collection they are."""
    return sorted(p for c in FIXTURE_COLLECTIONS for p in (c / "invalid" / code).glob("*.yaml"))


def _folder(path: str | Path) -> str:
    """``path`` made absolute and real, ending with the separator (for prefix tests)."""
    return os.path.join(os.path.realpath(path), "")


_TEMP = Path(tempfile.gettempdir())
#: Where the tests may read: the repository, the folders the tests and the tool make in the
#: temporary folder (pytest's, and skillframe's locks and fuzz workspaces), Python's own
#: installation, and the operating system's folders. A fresh clone has all of these.
_INSIDE = tuple(
    {
        _folder(path)
        for path in (
            ROOT,
            sys.prefix,
            sys.base_prefix,
            sys.exec_prefix,
            sys.base_exec_prefix,
            *sysconfig.get_paths().values(),
            "/dev",
            "/proc",
            "/sys",
            "/etc",
            "/usr",
        )
    }
)
#: Names the tool and the tests give what they make directly in the temporary folder.
_TEMP_PREFIXES = (_folder(_TEMP) + "pytest-of-", _folder(_TEMP) + "skillframe-")
#: The audit events that read a file or a folder.
_READS = frozenset({"open", "os.listdir", "os.scandir", "glob.glob", "shutil.copytree"})
#: Every read outside those places since the last check (the check empties it).
OUTSIDE_READS: list[str] = []


def is_inside(path: str) -> bool:
    """Whether the tests may read ``path`` (relative paths are taken from the working folder)."""
    full = os.path.join(os.path.abspath(path), "")
    if full.startswith(_INSIDE) or full.startswith(_TEMP_PREFIXES):
        return True
    real = os.path.join(os.path.realpath(full), "")
    return real.startswith(_INSIDE) or real.startswith(_TEMP_PREFIXES)


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event not in _READS or not args or args[0] is None or isinstance(args[0], int):
        return
    try:
        path = os.fsdecode(args[0])  # type: ignore[arg-type]
    except TypeError:
        return
    if not is_inside(path):
        OUTSIDE_READS.append(f"{event} {os.path.abspath(path)}")


# Installed once, at collection: a hook cannot be removed, and every later read passes by it.
sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def _reads_stay_in_the_repository() -> Iterator[None]:
    """Fails a test that read a file outside the repository (or that found such a read left
    over from collecting the test modules)."""
    yield
    if OUTSIDE_READS:
        found = sorted(set(OUTSIDE_READS))
        OUTSIDE_READS.clear()
        pytest.fail("read outside the repository: " + "; ".join(found), pytrace=False)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside an empty temporary folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def error_of(call: Callable[[], object]) -> SkillframeError:
    """The SkillframeError that ``call`` raises (the test fails if it raises none)."""
    with pytest.raises(SkillframeError) as caught:
        call()
    return caught.value
