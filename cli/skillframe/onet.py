"""O*NET data: every occupation (bundled), and O*NET's "Task Statements" file.

skillframe carries O*NET's Occupation Data (``data/onet-29.2-occupation-data.tsv``, with its
attribution in ``data/NOTICE``): every O*NET-SOC code and its title, so any framework's code can
be checked, and its title compared, with no configuration.

The file is O*NET's own tab-separated release file (``Task Statements.txt``): a header row naming
the columns, then one task a row. The columns used are ``O*NET-SOC Code``, ``Task ID`` and
``Task`` (and ``Title`` when present); the others are carried but not read. A file that cannot be
read as one is a SkillframeError naming the file and the line.

The table is read once per process for each file (and again only if the file changes), so linting
many frameworks against one release costs one read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from skillframe.errors import SkillframeError

SOC_COLUMN = "O*NET-SOC Code"
ID_COLUMN = "Task ID"
TEXT_COLUMN = "Task"
TITLE_COLUMN = "Title"
REQUIRED_COLUMNS = (SOC_COLUMN, ID_COLUMN, TEXT_COLUMN)

SOC_PATTERN = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_TASK_ID = re.compile(r"^\d+$")
#: A locator naming an O*NET task: ``task 9450`` (case and spacing forgiven here; SF202 checks
#: the exact form against the source's locator pattern).
_TASK_LOCATOR = re.compile(r"^\s*task\s+(\d+)\s*$", re.IGNORECASE)
#: Hosts of O*NET's own sites: a source whose url is on one of them is O*NET.
_ONET_HOSTS = ("onetcenter.org", "onetonline.org")
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Task:
    """One O*NET task statement."""

    id: int
    soc: str
    text: str
    title: str = ""
    line: int = 0


@dataclass(frozen=True)
class TaskTable:
    """The task statements of one file, by task ID and by occupation."""

    path: Path
    tasks: Mapping[int, Task] = field(default_factory=dict)
    #: Occupation code -> its title ("" when the file has no Title column).
    titles: Mapping[str, str] = field(default_factory=dict)

    def get(self, task_id: int) -> Task | None:
        return self.tasks.get(task_id)

    def has_occupation(self, soc: str) -> bool:
        return soc in self.titles

    def occupation_tasks(self, soc: str) -> list[Task]:
        """The occupation's tasks in the order of the file."""
        return [task for task in self.tasks.values() if task.soc == soc]


def task_id(locator: str) -> int | None:
    """The task ID a locator such as ``task 9450`` names, or None."""
    match = _TASK_LOCATOR.match(locator)
    return int(match.group(1)) if match else None


def is_onet_source(source_id: str, entry: Any) -> bool:
    """True when a source is O*NET: its id is ``onet``, or its url is on O*NET's own sites."""
    if source_id == "onet":
        return True
    url = entry.get("url") if isinstance(entry, dict) else None
    if not isinstance(url, str):
        return False
    match = _HOST.match(url.strip())
    host = match.group(1).lower() if match else ""
    return any(host == h or host.endswith("." + h) for h in _ONET_HOSTS)


def named_task(source: Any, locator: Any, sources: Mapping[str, Any]) -> int | None:
    """The O*NET task ID a reference (an anchor's or a citation's source and locator) names,
    or None when it names none; ``sources`` are the sources known to the framework."""
    if not (isinstance(source, str) and isinstance(locator, str)):
        return None
    number = task_id(locator)
    return number if number is not None and is_onet_source(source, sources.get(source)) else None


#: Runs of anything but letters and digits: punctuation, symbols, spacing (and underscores).
_NOT_WORDS = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Text reduced for comparing wordings: case, punctuation, symbols and spacing left out."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORDS.sub(" ", folded).strip()


def load_tasks(path: Path) -> TaskTable:
    """The task table in ``path``, read once per process while the file is unchanged.

    Raises SkillframeError (exit 2) when the file cannot be read or is not a task statements file.
    """
    try:
        resolved = path.resolve()
        stat = resolved.stat()
    except OSError as exc:
        raise SkillframeError(
            f"cannot read the O*NET tasks file: {exc.strerror or exc}", path=str(path)
        ) from None
    return _load_cached(resolved, stat.st_mtime_ns, stat.st_size, str(path))


@lru_cache(maxsize=8)
def _load_cached(resolved: Path, mtime_ns: int, size: int, shown: str) -> TaskTable:
    from skillframe.load import MAX_DATA_BYTES, read_bytes

    try:
        raw = read_bytes(resolved, MAX_DATA_BYTES)
    except OSError as exc:
        raise SkillframeError(
            f"cannot read the O*NET tasks file: {exc.strerror or exc}", path=shown
        ) from None
    if not isinstance(raw, bytes):
        raise SkillframeError(f"the O*NET tasks file is too large: {raw.message}", path=shown)
    return parse_tasks(raw, resolved, shown)


def parse_tasks(raw: bytes, path: Path, shown: str | None = None) -> TaskTable:
    """Parse the bytes of a task statements file (``shown`` is the path used in messages)."""
    where = shown if shown is not None else str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SkillframeError(
            "the O*NET tasks file is not UTF-8 text",
            path=where,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise SkillframeError(
            "the O*NET tasks file has no header row (expected the columns "
            f"{', '.join(REQUIRED_COLUMNS)}, separated by tabs)",
            path=where,
            line=1,
        )
    header = [name.strip() for name in lines[0].split("\t")]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise SkillframeError(
            f"the O*NET tasks file's header has no '{missing[0]}' column (expected the columns "
            f"{', '.join(REQUIRED_COLUMNS)}, separated by tabs)",
            path=where,
            line=1,
        )
    at = {name: header.index(name) for name in (*REQUIRED_COLUMNS, TITLE_COLUMN) if name in header}
    tasks: dict[int, Task] = {}
    titles: dict[str, str] = {}
    for number, row in enumerate(lines[1:], start=2):
        if not row.strip():
            continue
        fields = row.split("\t")
        if len(fields) != len(header):
            raise SkillframeError(
                f"{len(fields)} tab-separated fields where the header has {len(header)}",
                path=where,
                line=number,
            )
        soc = fields[at[SOC_COLUMN]].strip()
        raw_id = fields[at[ID_COLUMN]].strip()
        wording = fields[at[TEXT_COLUMN]].strip()
        title = fields[at[TITLE_COLUMN]].strip() if TITLE_COLUMN in at else ""
        if not SOC_PATTERN.match(soc):
            raise SkillframeError(
                f"'{soc}' is not an O*NET-SOC code (like 33-3051.04)", path=where, line=number
            )
        if not _TASK_ID.match(raw_id):
            raise SkillframeError(
                f"task ID '{raw_id}' is not a whole number", path=where, line=number
            )
        if not wording:
            raise SkillframeError(f"task {raw_id} has no text", path=where, line=number)
        task = Task(int(raw_id), soc, wording, title, number)
        earlier = tasks.get(task.id)
        if earlier is not None:
            if (earlier.soc, earlier.text) != (soc, wording):
                raise SkillframeError(
                    f"task ID {task.id} is also on line {earlier.line}, with another "
                    "occupation or wording",
                    path=where,
                    line=number,
                )
            continue
        tasks[task.id] = task
        if title or soc not in titles:
            titles[soc] = title
    return TaskTable(path, tasks, titles)


def anchor_id(task: Task) -> str:
    """The id an imported O*NET task gets as an anchor: ``onet-task-9450``."""
    return f"onet-task-{task.id}"


def anchors_to_add(
    table: TaskTable,
    soc: str,
    anchors: Iterable[Mapping[str, Any]],
    sources: Mapping[str, Any],
) -> list[dict[str, str]]:
    """The occupation's tasks as new anchors (in task ID order), leaving out each task the
    framework already has: an anchor with its id, or an O*NET anchor whose locator names it.

    Raises SkillframeError (exit 2) when the file lists no tasks for ``soc``: saying how to add
    them for a real occupation, and naming the closest real codes for one that is not.
    """
    if not table.has_occupation(soc):
        known = known_occupations(table)
        if soc in known:
            raise SkillframeError(missing_tasks_message(table, soc, known[soc]))
        raise SkillframeError(
            f"O*NET-SOC code '{soc}' is not an O*NET occupation"
            + closest_occupations(known, soc, most=3)
        )
    ids: set[str] = set()
    tasks: set[int] = set()
    for anchor in anchors:
        if isinstance(anchor.get("id"), str):
            ids.add(anchor["id"])
        number = named_task(anchor.get("source"), anchor.get("locator"), sources)
        if number is not None:
            tasks.add(number)
    return [
        {"id": anchor_id(task), "source": "onet", "locator": f"task {task.id}", "text": task.text}
        for task in sorted(table.occupation_tasks(soc), key=lambda t: t.id)
        if anchor_id(task) not in ids and task.id not in tasks
    ]


# -- every occupation ----------------------------------------------------------------------------

#: O*NET's "Occupation Data" file, shipped inside the package (its attribution is data/NOTICE).
OCCUPATIONS_FILE = "onet-29.2-occupation-data.tsv"


@lru_cache(maxsize=1)
def occupation_titles() -> Mapping[str, str]:
    """Every O*NET occupation's title by its O*NET-SOC code, from the bundled Occupation Data."""
    from importlib import resources

    text = (
        resources.files("skillframe")
        .joinpath("data")
        .joinpath(OCCUPATIONS_FILE)
        .read_text(encoding="utf-8-sig")
    )
    lines = text.splitlines()
    header = lines[0].split("\t")
    code, title = header.index(SOC_COLUMN), header.index(TITLE_COLUMN)
    return {
        fields[code]: fields[title]
        for fields in (line.split("\t") for line in lines[1:] if line.strip())
    }


def known_occupations(table: TaskTable | None) -> Mapping[str, str]:
    """The real occupations: O*NET's whole list, plus any occupation the configured tasks file
    lists (a newer release may have codes the bundled list has not); O*NET's title wins."""
    titles = occupation_titles()
    if table is None or all(code in titles for code in table.titles):
        return titles
    return {**table.titles, **titles}


#: How many typing slips away a code may be and still be offered as the one meant.
_MOST_SLIPS = 4


def _digits(code: str) -> int:
    return int("".join(ch for ch in code if ch.isdigit()) or 0)


def closest_occupations(titles: Mapping[str, str], soc: str, most: int = 1) -> str:
    """A hint naming up to ``most`` occupations whose codes are close to ``soc`` (the fewest
    typing slips away, a swap of two digits counting as one; the numerically nearest first):
    ``; did you mean '33-3051.04' (Customs and Border Protection Officers)?``, or ``""`` when
    none is within four slips."""
    from rapidfuzz.distance import DamerauLevenshtein

    ranked = sorted(
        (DamerauLevenshtein.distance(soc, code), abs(_digits(soc) - _digits(code)), code)
        for code in titles
    )
    close = [code for slips, _, code in ranked[:most] if slips <= _MOST_SLIPS]
    if not close:
        return ""
    named = [f"'{code}'" + (f" ({titles[code]})" if titles[code] else "") for code in close]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"
    return f"; did you mean {listed}?"


def missing_tasks_message(table: TaskTable, soc: str, title: str) -> str:
    """Why an occupation's tasks cannot be used, and how to add them."""
    return (
        f"the O*NET tasks file ({table.path.name}) has no tasks of {soc} ({title}); to add "
        "them, copy the occupation's rows from O*NET's Task Statements file into it, or point "
        "onet-tasks at a whole release's Task Statements.txt (download it from "
        "https://www.onetcenter.org/database.html)"
    )
