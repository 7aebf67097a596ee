"""What an installed skillframe is: its version, licence, formats, bundled data and notices.

Everything here is read from the installed package itself (its metadata and its data folder), so
``skillframe about`` tells the truth about the copy that runs, not about a source tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata, resources

from skillframe import __version__
from skillframe.onet import OCCUPATIONS_FILE

#: The file formats this version reads and writes (the ``schema:`` values).
FORMATS = ("skillframe/framework@1", "skillframe/sources@1", "skillframe/taxonomy@1")

#: The standards the exports and reports follow, with their versions.
STANDARDS = (
    ("CASE export and import", "IMS Global CASE 1.1 (CFPackage); CASE 1.0 packages are read too"),
    ("SARIF report", "OASIS SARIF 2.1.0"),
    ("Language server (skillframe lsp)", "Language Server Protocol 3.17, over stdio"),
    ("JSON Schemas", "JSON Schema draft 2020-12"),
)


@dataclass(frozen=True)
class BundledData:
    """One data file shipped inside the package."""

    name: str
    release: str
    file: str
    licence: str


#: The data files inside the package's ``data`` folder. Their attribution is in ``data/NOTICE``.
BUNDLED_DATA = (
    BundledData(
        name="O*NET Occupation Data (every O*NET-SOC code, title and description)",
        release="O*NET 29.2",
        file=OCCUPATIONS_FILE,
        licence="CC BY 4.0",
    ),
)


def licence() -> str:
    """The licence the installed distribution declares (its SPDX expression)."""
    try:
        meta = metadata.metadata("skillframe")
    except metadata.PackageNotFoundError:
        return "MIT"
    return meta["License-Expression"] or meta["License"] or "MIT"


def notice() -> str:
    """The notices of the bundled data, as shipped beside it."""
    return (
        resources.files("skillframe")
        .joinpath("data")
        .joinpath("NOTICE")
        .read_text(encoding="utf-8")
    )


def summary() -> str:
    """Everything ``skillframe about`` prints, as plain text."""
    lines = [
        f"skillframe {__version__}",
        f"Licence: {licence()} (the LICENSE file in the package's metadata and its repository)",
        "",
        "File formats:",
        *(f"  {name}" for name in FORMATS),
        "",
        "Standards:",
        *(f"  {what}: {version}" for what, version in STANDARDS),
        "",
        "Bundled data:",
        *(f"  {d.name}: {d.release}, {d.licence} ({d.file})" for d in BUNDLED_DATA),
        "",
        "Notices:",
        "",
        notice().rstrip("\n"),
    ]
    return "\n".join(lines) + "\n"
