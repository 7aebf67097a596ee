"""CSV import: a spreadsheet of statements -> a framework file.

The CSV has a header row naming its columns: ``domain``, ``level``, ``title`` and ``text`` are
needed, ``domain_name``, ``id``, ``cite``, ``anchors`` and ``tags`` are optional, in any order
(the export writes ``domain,domain_name,level,id,title,text,cite,anchors,tags``). Each further
row is one statement. Cells are read exactly as :mod:`skillframe.export.csv_export` writes them:
the apostrophe that neutralises a formula is removed, and lists follow the grammar of
:mod:`skillframe.export.cells`. A file saved with ``;`` or tabs between cells (as some
spreadsheet locales do) is read too.

A row with no id gets one made from its title. Domains keep the order of their first row;
statements keep the order of their rows. The levels are, in this order of preference: those of
the base framework (``base``; a level the CSV uses that the base does not declare is reported,
not added), those given, the usual four in their order when the CSV uses only those, else the
order of first use.

With a base framework, everything but the domains and statements (levels, anchors, sources,
evidence, descriptions of domains with the same id, domains with no statements) is taken from
it, so a framework exported to CSV, edited in a spreadsheet and imported with itself as the base
comes back whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from skillframe.errors import SkillframeError
from skillframe.export.cells import parse_citations, parse_list, restore
from skillframe.export.common import citation_data
from skillframe.export.csv_export import HEADER
from skillframe.importers import (
    DEFAULT_LEVELS,
    Ids,
    Imported,
    in_order,
    name_from_id,
    reference_notes,
    slugify,
)
from skillframe.importers.emit import dump
from skillframe.operations.common import closest

REQUIRED = ("domain", "level", "title", "text")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    if "," not in first:
        for candidate in (";", "\t"):
            if candidate in first:
                return candidate
    return ","


def _rows(text: str, path: str) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The header's row number, its column names and the (row number, cells) of every
    non-empty row after it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    number = 0
    start = 1
    # The csv module refuses cells over 131,072 characters unless told otherwise; a cell can be
    # as long as the file (an export writes texts of any length), and the file's size is bounded.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        for cells in reader:
            number += 1
            start = reader.line_num + 1
            if any(cell.strip() for cell in cells):
                records.append((number, cells))
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason:
            reason = "a double quote opened in this row is never closed"
        raise SkillframeError(
            f"row {number + 1}: the CSV cannot be read: {reason}",
            path=path,
            line=start,
            exit_code=1,
        ) from None
    finally:
        csv.field_size_limit(limit)
    if not records:
        raise SkillframeError("the file holds no rows: not even a header", path=path, exit_code=1)
    header_row, header = records[0]
    return header_row, [c.strip().lstrip("\ufeff").lower() for c in header], records[1:]


def _columns(row: int, header: list[str], path: str) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        if name not in HEADER:
            shown = name or f"number {index + 1} (no name)"
            raise SkillframeError(
                f"row {row}: column {shown!r} is not one skillframe knows; the columns are "
                + ", ".join(HEADER),
                path=path,
                exit_code=1,
            )
        if name in columns:
            raise SkillframeError(
                f"row {row}: column {name!r} appears twice", path=path, exit_code=1
            )
        columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise SkillframeError(
            f"row {row}: the header lacks the column{'s' if len(missing) > 1 else ''} "
            + ", ".join(repr(m) for m in missing)
            + " (the export's header is "
            + ",".join(HEADER)
            + ")",
            path=path,
            exit_code=1,
        )
    return columns


def import_csv(text: str, **options: Any) -> Imported:
    """The framework YAML for a CSV's text, written afresh (``options`` as :func:`read_csv`
    takes them). To update a base framework file where the CSV changed it and nowhere else,
    give :attr:`Imported.data` to :func:`skillframe.reconcile.reconcile` instead."""
    data, notes = read_csv(text, **options)
    name = Path(options["path"]).name
    header = [] if options.get("base") else [f"Imported from {name} by skillframe import csv."]
    return Imported(dump(data, header), notes, data)


def read_csv(
    text: str,
    *,
    path: str,
    framework_id: str | None = None,
    title: str | None = None,
    taxonomy: str | None = None,
    scope: str | None = None,
    levels: Sequence[str] = (),
    base: Mapping[str, Any] | None = None,
    known_sources: Collection[str] = (),
) -> tuple[dict[str, Any], list[str]]:
    """The framework data a CSV's text makes, and notes for the writer; ``path`` names the file
    in messages. Over a ``base`` (a framework's data), the data is the base's with the CSV's
    domains and statements."""
    header_row, header, rows = _rows(text, path)
    columns = _columns(header_row, header, path)
    base_domains = {
        d.get("id"): d
        for d in (base or {}).get("domains", [])
        if isinstance(d, dict) and isinstance(d.get("id"), str)
    }
    domains: dict[str, dict[str, Any]] = {}
    names: dict[str, tuple[str, int]] = {}
    used_levels: dict[str, int] = {}
    first_rows: dict[str, int] = {}
    given_ids = {
        cells[columns["id"]].strip()
        for _, cells in rows
        if "id" in columns and columns["id"] < len(cells)
    }
    ids = Ids(i for i in given_ids if i)
    for number, cells in rows:
        # A short row is fine when only optional cells at its end are left out (some
        # spreadsheets write no trailing empty cells); one that lacks a needed cell is not.
        lacking = [name for name in REQUIRED if columns[name] >= len(cells)]
        if len(cells) > len(header) or lacking:
            hint = (
                "a comma inside a cell needs the cell in double quotes"
                if len(cells) > len(header)
                else f"it has no {', '.join(repr(n) for n in lacking)}; "
                "a missing cell still needs its comma"
            )
            raise SkillframeError(
                f"row {number} has {len(cells)} cells but the header names {len(header)} "
                f"columns ({hint})",
                path=path,
                exit_code=1,
            )

        def cell(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return restore(cells[index]) if index is not None and index < len(cells) else ""

        domain_id = cell("domain").strip()
        if not domain_id:
            raise SkillframeError(
                f"row {number}, column 'domain': empty; every statement needs a domain id",
                path=path,
                exit_code=1,
            )
        domain_name = cell("domain_name")
        if domain_name:
            earlier = names.get(domain_id)
            if earlier and earlier[0] != domain_name:
                raise SkillframeError(
                    f"row {number}, column 'domain_name': {domain_name!r} differs from "
                    f"{earlier[0]!r} given for domain {domain_id!r} on row {earlier[1]}",
                    path=path,
                    exit_code=1,
                )
            names.setdefault(domain_id, (domain_name, number))
        try:
            cite = parse_citations(cell("cite"))
        except ValueError as exc:
            raise SkillframeError(
                f"row {number}, column 'cite': {exc}", path=path, exit_code=1
            ) from None
        statement_title = cell("title")
        statement_id = cell("id").strip() or ids.claim(slugify(statement_title, f"row-{number}"))
        statement: dict[str, Any] = {"id": statement_id}
        level = cell("level").strip()
        if level:
            statement["level"] = level
            used_levels.setdefault(level, number)
        if statement_title:
            statement["title"] = statement_title
        if cell("text"):
            statement["text"] = cell("text")
        if cite:
            statement["cite"] = [citation_data(c) for c in cite]
        for key in ("anchors", "tags"):
            items = parse_list(cell(key))
            if items:
                statement[key] = items
        domains.setdefault(domain_id, {"statements": []})["statements"].append(statement)
        first_rows.setdefault(domain_id, number)

    notes: list[str] = []
    data: dict[str, Any] = dict(base) if base else {"schema": "skillframe/framework@1"}
    stem = Path(path).stem
    if framework_id or not base:
        data["id"] = framework_id or slugify(stem, "framework")
    if title or not base:
        data["title"] = title or stem.replace("-", " ").replace("_", " ").strip().capitalize()
    if scope:
        data["scope"] = scope
    elif "scope" not in data:
        notes.append("the CSV gives no scope: write one under scope: (or import with --scope)")
    if taxonomy:
        data["taxonomy"] = taxonomy
    data["levels"] = _levels(base, levels, used_levels, notes)
    out_domains = []
    for domain_id, held in domains.items():
        known = base_domains.get(domain_id, {})
        domain: dict[str, Any] = {"id": domain_id}
        domain["name"] = (
            names[domain_id][0]
            if domain_id in names
            else known.get("name") or name_from_id(domain_id)
        )
        if isinstance(known.get("description"), str):
            domain["description"] = known["description"]
        domain["statements"] = held["statements"]
        out_domains.append(domain)
    if base:
        for domain_id in domains:
            near = closest(domain_id, [str(d) for d in base_domains])
            if domain_id not in base_domains and near:
                notes.append(
                    f"row {first_rows[domain_id]}: domain {domain_id!r} is not in the base "
                    f"framework, so it is added; did you mean {near!r}?"
                )
    _keep_empty_domains(base, out_domains)
    left_out = [d for d in base_domains if d not in [o["id"] for o in out_domains]]
    if left_out:
        notes.append(
            "domains of the base framework with no row in the CSV are left out: "
            + ", ".join(str(d) for d in left_out)
        )
    data["domains"] = out_domains
    data = in_order(data)
    notes += reference_notes(data, known_sources)
    return data, notes


def _keep_empty_domains(base: Mapping[str, Any] | None, domains: list[dict[str, Any]]) -> None:
    """Put back the base's domains that hold no statement: no row of a CSV can name them, so
    their absence is no change. Each goes after the domain it follows in the base."""
    listed = [d for d in (base or {}).get("domains") or [] if isinstance(d, dict)]
    for index, domain in enumerate(listed):
        ident = domain.get("id")
        if domain.get("statements") or ident in [d["id"] for d in domains]:
            continue
        ids = [d["id"] for d in domains]
        before = [d.get("id") for d in listed[:index] if d.get("id") in ids]
        domains.insert(ids.index(before[-1]) + 1 if before else 0, dict(domain))


def _levels(
    base: Mapping[str, Any] | None,
    given: Sequence[str],
    used: Mapping[str, int],
    notes: list[str],
) -> list[dict[str, Any]]:
    if base and isinstance(base.get("levels"), list):
        declared = [lv for lv in base["levels"] if isinstance(lv, dict)]
        # The base's levels are the framework's: a level it does not declare is far more likely
        # a typing slip than a new level, so it is said, not added (lint reports the statement).
        have = [str(lv.get("id")) for lv in declared]
        for level, row in used.items():
            if level not in have:
                near = closest(level, have)
                hint = f"did you mean {near!r}?" if near else f"its levels are {', '.join(have)}"
                notes.append(
                    f"row {row}: level {level!r} is not a level of the base framework ({hint}); "
                    "to add a level, use 'skillframe level add'"
                )
        return declared
    if given:
        declared = [{"id": lv, "name": name_from_id(lv)} for lv in given]
    elif set(used) <= set(DEFAULT_LEVELS):
        declared = [{"id": lv, "name": name_from_id(lv)} for lv in DEFAULT_LEVELS if lv in used]
    else:
        declared = [{"id": lv, "name": name_from_id(lv)} for lv in used]
    have_ids = {lv.get("id") for lv in declared}
    extra = [lv for lv in used if lv not in have_ids]
    if extra:
        notes.append(
            "levels used in the CSV but not declared are added after the others: "
            + ", ".join(extra)
        )
        declared += [{"id": lv, "name": name_from_id(lv)} for lv in extra]
    return declared
