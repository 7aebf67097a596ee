"""What a change did to a framework, element by element rather than line by line.

``diff_frameworks(old, new)`` is a pure function of two Framework values. It returns one
:class:`Change` per changed element (the framework's own details, a level, a domain, a statement,
an anchor, an evidence item, the exposure section, a source), naming the element's id and what
changed, in a stable order: element kinds as in ``ELEMENTS``, then the new file's order, then
what was removed in the old file's order.

Elements are matched by id. An element whose id changed is matched too, when it can be told: a
statement with the same text (or else the same title), a domain or level with the same name or
holding most of the same statements. Whitespace is not compared (re-wrapping a folded text is no
change), nor is the order of a statement's citations, anchors and tags.

``read_revision(path, rev)`` reads a file as it was at a git revision, for ``diff --rev``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillframe.errors import SkillframeError
from skillframe.model import Citation, Domain, Framework, Level, Statement

#: Element kinds, in the order their changes are listed.
ELEMENTS = ("framework", "level", "domain", "statement", "anchor", "evidence", "exposure", "source")

#: What each changed field of a statement, level or domain is called in a report.
VERBS = {
    "statement": {
        "id": "new id",
        "domain": "moved",
        "level": "re-levelled",
        "title": "retitled",
        "text": "reworded",
        "cite": "re-cited",
        "anchors": "re-anchored",
        "tags": "re-tagged",
    },
    "level": {"id": "new id", "name": "renamed", "description": "re-described"},
    "domain": {
        "id": "new id",
        "name": "renamed",
        "description": "re-described",
        "statements": "statements reordered",
    },
}

#: Fields whose text is compared word by word.
WORDY = ("text", "scope", "description")
#: List fields whose order does not matter.
UNORDERED = ("cite", "anchors", "tags")


@dataclass(frozen=True)
class Change:
    """One changed element. ``fields`` maps each changed field to ``{"old": .., "new": ..}``
    (with ``"words"`` for a text compared word by word, ``"added"``/``"removed"`` for a list);
    ``value`` is the whole element when it was added or removed."""

    element: str
    id: str
    change: str  # added | removed | changed
    fields: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    old_id: str | None = None
    value: Mapping[str, Any] | None = None

    @property
    def what(self) -> list[str]:
        """What changed, in words: ``moved``, ``reworded`` ... (field names for other elements)."""
        verbs = VERBS.get(self.element, {})
        return [verbs.get(name, name) for name in self.fields]

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"element": self.element, "id": self.id, "change": self.change}
        if self.old_id is not None:
            out["old_id"] = self.old_id
        if self.fields:
            out["what"] = self.what
            out["fields"] = {name: dict(values) for name, values in self.fields.items()}
        if self.value is not None:
            out["value"] = dict(self.value)
        return out


# -- plain forms of each element ---------------------------------------------------------------


def _squash(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _cites(cites: Iterable[Citation]) -> list[str]:
    return [c.label() + (f" ({_squash(c.note)})" if c.note else "") for c in cites]


def _statement(s: Statement) -> dict[str, Any]:
    return {
        "domain": s.domain,
        "level": s.level,
        "title": _squash(s.title),
        "text": _squash(s.text),
        "cite": _cites(s.cite),
        "anchors": list(s.anchors),
        "tags": list(s.tags),
    }


def _named(item: Level | Domain) -> dict[str, Any]:
    return {"name": _squash(item.name), "description": _squash(item.description)}


def _metadata(fw: Framework) -> dict[str, Any]:
    return {
        "id": fw.id,
        "title": _squash(fw.title),
        "version": fw.version,
        "status": fw.status,
        "scope": _squash(fw.scope),
        "occupation.title": _squash(fw.occupation_title),
        "occupation.onet_soc": fw.onet_soc,
        "taxonomy": fw.taxonomy,
    }


def _anchors(fw: Framework) -> dict[str, dict[str, Any]]:
    return {
        a.id: {"source": a.source, "locator": a.locator, "text": _squash(a.text)}
        for a in fw.anchors
    }


def _evidence(fw: Framework) -> dict[str, dict[str, Any]]:
    return {
        e.id: {
            "label": _squash(e.label),
            "value": e.value,
            "unit": e.unit,
            "range": list(e.range) if e.range is not None else None,
            "cite": _cites(e.cite),
        }
        for e in fw.evidence
    }


def _exposure(fw: Framework) -> dict[str, dict[str, Any]]:
    x = fw.exposure
    if x is None:
        return {}
    tasks = [
        {
            "anchor": t.anchor,
            "text": _squash(t.text),
            "weight": t.weight,
            "likelihood": t.likelihood,
            "contribution": t.contribution,
            "horizon": t.horizon,
        }
        for t in x.tasks
    ]
    return {
        "exposure": {
            "method": _squash(x.method),
            "cite": _cites(x.cite),
            "complete": x.complete,
            "score": x.score,
            "tasks": tasks,
        }
    }


def _sources(fw: Framework) -> dict[str, dict[str, Any]]:
    return {key: dict(value) for key, value in fw.sources.items()}


# -- comparing ---------------------------------------------------------------------------------


def word_diff(old: str, new: str) -> list[list[str]]:
    """``[[op, words], ...]`` turning ``old`` into ``new``: op ``=`` kept, ``-`` gone, ``+`` new."""
    a, b = old.split(), new.split()
    out: list[list[str]] = []

    def emit(op: str, words: Sequence[str]) -> None:
        if words:
            out.append([op, " ".join(words)])

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("=", a[i1:i2])
        else:
            emit("-", a[i1:i2])
            emit("+", b[j1:j2])
    return out


def _same(name: str, old: Any, new: Any) -> bool:
    if name in UNORDERED and isinstance(old, list) and isinstance(new, list):
        return sorted(old) == sorted(new)
    return bool(old == new)


def field_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every field whose value differs, as ``{"old": .., "new": ..}`` plus detail."""
    out: dict[str, dict[str, Any]] = {}
    for name in [*old, *(k for k in new if k not in old)]:
        before, after = old.get(name), new.get(name)
        if _same(name, before, after):
            continue
        entry: dict[str, Any] = {"old": before, "new": after}
        if name in WORDY and isinstance(before, str) and isinstance(after, str):
            entry["words"] = word_diff(before, after)
        elif isinstance(before, list) and isinstance(after, list):
            added = [x for x in after if x not in before]
            removed = [x for x in before if x not in after]
            if added or removed:
                entry.update(added=added, removed=removed)
        out[name] = entry
    return out


def _pair(
    removed: Sequence[str], added: Sequence[str], alike: Sequence[Callable[[str, str], bool]]
) -> dict[str, str]:
    """Old id -> new id for elements whose id changed: each test of ``alike`` in turn."""
    pairs: dict[str, str] = {}
    for test in alike:
        for old_id in removed:
            if old_id in pairs:
                continue
            taken = set(pairs.values())
            match = next((a for a in added if a not in taken and test(old_id, a)), None)
            if match is not None:
                pairs[old_id] = match
    return pairs


def _keyed(
    element: str,
    old: Mapping[str, Mapping[str, Any]],
    new: Mapping[str, Mapping[str, Any]],
    renamed: Mapping[str, str] | None = None,
    translate: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = None,
) -> list[Change]:
    """Changes of elements keyed by id. ``renamed`` maps old ids to new ones; ``translate``
    rewrites an old element in the new file's terms before comparing (the reported old values
    stay as they were)."""
    renamed = renamed or {}
    back = {new_id: old_id for old_id, new_id in renamed.items()}
    changes = []
    for key, value in new.items():
        old_key = back.get(key, key)
        if old_key not in old:
            changes.append(Change(element, key, "added", value=value))
            continue
        before = old[old_key]
        found = field_changes(translate(before) if translate else before, value)
        for name, entry in found.items():
            entry["old"] = before.get(name)
        if old_key != key:
            found = {"id": {"old": old_key, "new": key}, **found}
        if found:
            changes.append(
                Change(element, key, "changed", found, old_id=old_key if old_key != key else None)
            )
    for key, value in old.items():
        if key not in new and key not in renamed:
            changes.append(Change(element, key, "removed", value=value))
    return changes


def _majority(
    members_old: Mapping[str, set[str]], members_new: Mapping[str, set[str]]
) -> Callable[[str, str], bool]:
    """A test: does the new element hold most of the old one's statements?"""

    def test(old_id: str, new_id: str) -> bool:
        before = members_old.get(old_id, set())
        return bool(before) and len(before & members_new.get(new_id, set())) * 2 > len(before)

    return test


def _order(old: Sequence[str], new: Sequence[str], renamed: Mapping[str, str]) -> bool:
    """Whether the ids kept from ``old`` (renamed as in ``renamed``) come in another order."""
    kept_new = set(new)
    before = [renamed.get(i, i) for i in old if renamed.get(i, i) in kept_new]
    kept_old = set(before)
    return before != [i for i in new if i in kept_old]


def _domain_forms(
    old: Framework, new: Framework, s_renamed: Mapping[str, str], d_renamed: Mapping[str, str]
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Plain domains; ``statements`` lists, for a domain in both files, the statements it holds
    in both (in each file's order, so only a new order shows), else all of its statements."""
    old_forms: dict[str, dict[str, Any]] = {}
    new_forms: dict[str, dict[str, Any]] = {}
    new_ids = {d.id: [s.id for s in d.statements] for d in new.domains}
    for domain in old.domains:
        mine = [s_renamed.get(s.id, s.id) for s in domain.statements]
        theirs = new_ids.get(d_renamed.get(domain.id, domain.id))
        if theirs is not None:
            both = set(mine) & set(theirs)
            mine = [i for i in mine if i in both]
            new_forms[d_renamed.get(domain.id, domain.id)] = {
                "statements": [i for i in theirs if i in both]
            }
        old_forms[domain.id] = {**_named(domain), "statements": mine}
    for domain in new.domains:
        ordered = new_forms.get(domain.id, {"statements": new_ids[domain.id]})
        new_forms[domain.id] = {**_named(domain), **ordered}
    return old_forms, {d.id: new_forms[d.id] for d in new.domains}


def diff_frameworks(old: Framework, new: Framework) -> list[Change]:
    """Every change from ``old`` to ``new``; an empty list when they mean the same."""
    old_statements = {s.id: s for s in old.statements()}
    new_statements = {s.id: s for s in new.statements()}

    # Statements whose id changed: the same text, or else the same title.
    gone = [i for i in old_statements if i not in new_statements]
    came = [i for i in new_statements if i not in old_statements]
    s_renamed = _pair(
        gone,
        came,
        [
            lambda o, n: _squash(old_statements[o].text) == _squash(new_statements[n].text),
            lambda o, n: (
                bool(old_statements[o].title)
                and old_statements[o].title.casefold() == new_statements[n].title.casefold()
            ),
        ],
    )

    def members(
        statements: Mapping[str, Statement], attr: str, rename: bool
    ) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for sid, s in statements.items():
            out.setdefault(getattr(s, attr), set()).add(s_renamed.get(sid, sid) if rename else sid)
        return out

    def renames(attr: str, old_items: Sequence[Any], new_items: Sequence[Any]) -> dict[str, str]:
        new_ids = {i.id for i in new_items}
        old_ids = {i.id for i in old_items}
        old_names = {i.id: (i.name or "").casefold() for i in old_items}
        new_names = {i.id: (i.name or "").casefold() for i in new_items}
        return _pair(
            [i.id for i in old_items if i.id not in new_ids],
            [i.id for i in new_items if i.id not in old_ids],
            [
                lambda o, n: bool(old_names[o]) and old_names[o] == new_names[n],
                _majority(
                    members(old_statements, attr, True), members(new_statements, attr, False)
                ),
            ],
        )

    d_renamed = renames("domain", old.domains, new.domains)
    l_renamed = renames("level", old.levels, new.levels)

    changes: list[Change] = []
    meta = field_changes(_metadata(old), _metadata(new))
    old_levels, new_levels = [lv.id for lv in old.levels], [lv.id for lv in new.levels]
    if _order(old_levels, new_levels, l_renamed):
        meta["level order"] = {"old": old_levels, "new": new_levels}
    old_domains, new_domains = [d.id for d in old.domains], [d.id for d in new.domains]
    if _order(old_domains, new_domains, d_renamed):
        meta["domain order"] = {"old": old_domains, "new": new_domains}
    if meta:
        changes.append(Change("framework", new.id, "changed", meta))

    changes += _keyed(
        "level",
        {lv.id: _named(lv) for lv in old.levels},
        {lv.id: _named(lv) for lv in new.levels},
        l_renamed,
    )

    old_d, new_d = _domain_forms(old, new, s_renamed, d_renamed)
    changes += _keyed("domain", old_d, new_d, d_renamed)

    def in_new_terms(before: Mapping[str, Any]) -> Mapping[str, Any]:
        return {
            **before,
            "domain": d_renamed.get(before["domain"], before["domain"]),
            "level": l_renamed.get(before["level"], before["level"]),
        }

    changes += _keyed(
        "statement",
        {sid: _statement(s) for sid, s in old_statements.items()},
        {sid: _statement(s) for sid, s in new_statements.items()},
        s_renamed,
        in_new_terms,
    )
    changes += _keyed("anchor", _anchors(old), _anchors(new))
    changes += _keyed("evidence", _evidence(old), _evidence(new))
    changes += _keyed("exposure", _exposure(old), _exposure(new))
    changes += _keyed("source", _sources(old), _sources(new))
    return changes


PLURALS = {"evidence": "evidence items", "exposure": "exposure sections"}


def summary(changes: Sequence[Change]) -> list[str]:
    """One phrase per kind of element changed, such as
    ``statements: 2 added, 3 changed (2 reworded, 1 moved)``."""
    parts = []
    for element in ELEMENTS:
        mine = [c for c in changes if c.element == element]
        if not mine:
            continue
        if element == "framework":
            parts.append("framework: " + ", ".join(mine[0].fields) + " changed")
            continue
        counts = []
        for kind in ("added", "removed", "changed"):
            these = [c for c in mine if c.change == kind]
            if these:
                counts.append(f"{len(these)} {kind}")
        changed = [w for c in mine if c.change == "changed" for w in c.what]
        if changed and element in VERBS:
            tally = {w: changed.count(w) for w in dict.fromkeys(changed)}
            counts[-1] += " (" + ", ".join(f"{n} {w}" for w, n in tally.items()) + ")"
        parts.append(f"{PLURALS.get(element, element + 's')}: {', '.join(counts)}")
    return parts


def read_pair(old_path: Path, new_path: Path) -> tuple[Framework, Framework, str | None]:
    """OLD and NEW, each resolved against its shared sources, and a note when OLD's could not
    be: then OLD is resolved as NEW's collection resolves it (an old copy saved outside the
    collection would otherwise show every shared source as added).

    OLD keeps its own shared sources when it has any (a configuration naming them, or a
    ``sources.yaml`` beside it): two collections are then compared as they are.
    """
    from skillframe.collection import Resolver, display_path, open_document
    from skillframe.config import discover
    from skillframe.model import read_framework, view_document

    new = read_framework(new_path)
    old_config = discover(old_path)
    old_doc = open_document(old_path, display_path(old_path), old_config.max_file_size)
    why = None
    try:
        own = Resolver().shared_for(old_path, old_config)
    except SkillframeError as exc:
        why = f"its shared files could not be read ({exc.message})"
    else:
        if own.sources:
            return view_document(old_doc, old_path, old_config), new, None
        why = "it has no shared sources of its own (no configuration, no sources.yaml beside it)"
    new_config = discover(new_path)
    if not Resolver().shared_for(new_path, new_config).sources:
        return view_document(old_doc, new_path, new_config), new, None
    note = (
        f"{old_doc.path}: {why}; its citations were resolved with the shared sources of "
        f"{new.path}, as in its collection"
    )
    return view_document(old_doc, new_path, new_config), new, note


def read_revision(path: Path, rev: str, shown: str) -> bytes:
    """The bytes of the file at ``path`` as they were at git revision ``rev``.

    Raises SkillframeError (exit 2) outside a git repository, for an unknown revision, or when
    the file is not in that revision.
    """
    import subprocess

    if not rev.strip() or rev.startswith("-"):
        raise SkillframeError(f"--rev: '{rev}' is not a git revision")
    folder = path.resolve().parent

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", "-C", str(folder), *args], capture_output=True, check=False
            )
        except FileNotFoundError:
            raise SkillframeError("--rev needs git, and git is not installed") from None

    top = git("rev-parse", "--show-toplevel")
    if top.returncode != 0:
        said = top.stderr.decode("utf-8", "replace").strip().splitlines()
        if not said or "not a git repository" in said[0]:
            raise SkillframeError(
                f"'{shown}' is not in a git repository, so --rev cannot be used "
                "(compare two files instead: skillframe diff OLD NEW)"
            )
        raise SkillframeError(f"git: {said[0].removeprefix('fatal: ')}")
    if git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise SkillframeError(f"--rev: unknown git revision '{rev}'")
    root = Path(top.stdout.decode("utf-8", "replace").strip()).resolve()
    try:
        inside = path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise SkillframeError(f"'{shown}' is not inside its git repository {root}") from None
    found = git("show", f"{rev}:{inside}")
    if found.returncode != 0:
        raise SkillframeError(f"'{inside}' is not in git revision '{rev}'")
    return found.stdout
