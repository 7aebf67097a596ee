"""HTML export: one self-contained page a reviewer opens in a browser, prints or reads on a phone.

The page has a header (occupation with its O*NET-SOC code linked to O*NET, scope, version,
status), an overview grid of domains by levels whose cells link to the statements, the levels,
every domain's statements by level with a citation chip per citation (linking to its
bibliography entry), the O*NET tasks each statement is anchored to in O*NET's words and its tags,
then the anchors, the evidence pack, the exposure table with contribution bars drawn in CSS, and
the bibliography, whose entries link to the sources.

Safety by construction: every piece of text from the framework goes through :func:`el`, which
escapes it (``&``, ``<``, ``>``, quotes) and replaces characters HTML does not allow (controls,
noncharacters, lone surrogates); the only links to other hosts are http(s) addresses checked by
:func:`~skillframe.export.common.http_link` and the O*NET page of a well-formed O*NET-SOC code.
The page carries no script, and its Content-Security-Policy forbids scripts, every remote load
and every style but its own (pinned by hash), so even a mistake here could not run code or
reach another host. The same framework always gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeAlias

from skillframe.export.common import (
    cited_sources,
    fragment,
    grid,
    number,
    range_text,
    reference,
    source_anchor,
    statement_anchor,
)
from skillframe.export.markdown import marker
from skillframe.exposure import exposure_table, shown, summary
from skillframe.model import Citation, Framework, Statement

# -- building markup ------------------------------------------------------------------------------


class Html(str):
    """Markup that is already safe: built by :func:`el` or :func:`raw` only."""


#: Text (escaped when written), markup (an Html), nothing, or a sequence of these.
Content: TypeAlias = str | Iterable["Content"] | None

# Characters HTML does not allow in a document (C0/C1 controls but tab, line feed, form feed
# and carriage return; noncharacters; lone surrogates): each becomes U+FFFD.
_NOT_ALLOWED = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff"
    + "".join(
        f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
    )
    + "]"
)
_VOID = frozenset({"meta", "br", "col", "hr", "wbr"})
#: Elements written on lines of their own, so that the page diffs line by line.
_BLOCK = frozenset(
    {
        "html", "head", "body", "header", "nav", "main", "footer", "section", "article", "div",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "ul", "ol", "li", "dl", "dt", "dd",
        "p", "h1", "h2", "h3", "h4", "style", "title", "meta", "blockquote",
    }
)  # fmt: skip
_CONTAINER = frozenset(
    {"html", "head", "body", "header", "nav", "main", "footer", "section", "article", "table",
     "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl"}
)  # fmt: skip


def clean(text: str) -> str:
    """Text without the characters HTML does not allow in a document."""
    if text.isascii() and text.isprintable():
        return text  # the common case, and much cheaper to test than to search
    return _NOT_ALLOWED.sub("\ufffd", text)


def esc(text: str) -> Html:
    """Text escaped for an HTML text node or a quoted attribute value."""
    return Html(
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def raw(markup: str) -> Html:
    """Markup written by this module itself (never text from a framework)."""
    return Html(markup)


def _collect(content: Content, out: list[str]) -> None:
    if content is None:
        return
    if isinstance(content, str):
        out.append(content if isinstance(content, Html) else esc(content))
        return
    for part in content:
        _collect(part, out)


def join(*content: Content) -> Html:
    """Content as markup: text escaped, markup kept, None and nesting flattened."""
    out: list[str] = []
    _collect(content, out)
    return Html("".join(out))


def el(tag: str, attrs: Mapping[str, str | None] | None = None, *content: Content) -> Html:
    """An element; attribute values and text are escaped, a None attribute is left out."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is not None:
            parts.append(f'{name}="{esc(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag in _VOID:
        return Html(opening + "\n")
    inside = join(*content)
    if tag in _CONTAINER:
        opening += "\n"
    return Html(f"{opening}{inside}</{tag}>" + ("\n" if tag in _BLOCK else ""))


def lines(text: str) -> Html:
    """A text's own lines, each escaped, with a line break between them."""
    return Html(
        "<br>".join(esc(" ".join(line.split())) for line in text.splitlines() if line.strip())
    )


# -- the page's links and ids ---------------------------------------------------------------------

_SOC = re.compile(r"^\d{2}-\d{4}\.\d{2}$")


def onet_page(code: str) -> str | None:
    """The O*NET OnLine page of a well-formed O*NET-SOC code."""
    return f"https://www.onetonline.org/link/summary/{code}" if _SOC.match(code) else None


def domain_anchor(domain_id: str) -> str:
    return "domain-" + fragment(domain_id)


def level_anchor(domain_id: str, level_id: str) -> str:
    # Slugs never hold "--", so "domain-a--b" cannot be another domain's anchor.
    return f"{domain_anchor(domain_id)}--{fragment(level_id)}"


def anchor_anchor(anchor_id: str) -> str:
    return "anchor-" + fragment(anchor_id)


def evidence_anchor(evidence_id: str) -> str:
    return "evidence-" + fragment(evidence_id)


def external(url: str, content: Content, cls: str | None = None) -> Html:
    """A link to another host; no referrer is sent."""
    return el("a", {"href": url, "rel": "external noreferrer", "class": cls}, content)


# -- the style sheet ------------------------------------------------------------------------------

STYLE = """
:root{--ink:#1b1f24;--muted:#4a5360;--line:#c9cfd6;--soft:#f3f5f7;--link:#0a58a8;
--chip:#e6effa;--chip-ink:#093d73;--bar:#1f6f5c;--empty:#eceef1;--focus:#b35c00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
a{color:var(--link);text-underline-offset:2px}
a:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
code{font:0.9em ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;overflow-wrap:anywhere}
.skip{position:absolute;left:-100vw;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:1rem;z-index:1}
.page{max-width:72rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
header.top{border-bottom:3px solid var(--ink);padding-bottom:1rem;margin-bottom:1.5rem}
.kind{margin:0;color:var(--muted);font-size:.85rem;letter-spacing:.06em;text-transform:uppercase}
h1{font-size:2rem;line-height:1.2;margin:.2rem 0 .8rem;overflow-wrap:anywhere}
h2{font-size:1.45rem;line-height:1.25;margin:2.5rem 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:0 0 .25rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
.facts dt{font-weight:600}
.facts dd{margin:0;overflow-wrap:anywhere}
.soc{white-space:nowrap}
.scope{max-width:48rem;margin:0}
.status{display:inline-block;padding:0 .5rem;border:1px solid currentColor;border-radius:.25rem;font-weight:600}
.status-draft{color:#7a4a00;background:#fff4dc}
.status-published{color:#0f5a2d;background:#e3f4e8}
.status-deprecated{color:#8a1c1c;background:#fde8e8}
nav.toc{background:var(--soft);border:1px solid var(--line);border-radius:.4rem;padding:.75rem 1rem;margin-bottom:1.5rem}
nav.toc h2{font-size:1rem;margin:0 0 .4rem;border:0;padding:0}
nav.toc ul.sections{list-style:none;margin:0 0 .6rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.toc-label{margin:0 0 .2rem;font-weight:600}
nav.toc ol.domains{margin:0;padding-left:1.6rem;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));column-gap:2.5rem}
table{border-collapse:collapse;width:100%;margin:0 0 1rem}
caption{text-align:left;color:var(--muted);padding:.25rem 0 .5rem}
th,td{border:1px solid var(--line);padding:.45rem .55rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
tbody th,tfoot th{font-weight:400}
tfoot th,tfoot td{font-weight:600;background:var(--soft)}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.nowrap{white-space:nowrap}
.grid tbody th{background:var(--soft);width:14rem;font-weight:600}
.grid ul{list-style:none;margin:0;padding:0}
.grid li+li{margin-top:.35rem;padding-top:.35rem;border-top:1px dotted var(--line)}
.grid td.empty{background:repeating-linear-gradient(135deg,var(--empty) 0 6px,#fff 6px 12px)}
.empty-mark{display:inline-block;background:#fff;color:var(--muted);font-style:italic;padding:0 .3rem;border:1px dashed var(--muted);border-radius:.2rem}
.levels{margin:0}
.levels dt{font-weight:600}
.levels dd{margin:0 0 .5rem 0;color:var(--muted)}
.domain-intro{color:var(--muted);max-width:48rem}
.level-rank{color:var(--muted);font-weight:400;font-size:.85rem}
.level-note{margin:.25rem 0 1rem}
article.statement{border:1px solid var(--line);border-left:4px solid var(--ink);border-radius:.3rem;padding:.75rem 1rem;margin:0 0 .75rem}
article.statement:target,tr:target,.bibliography li:target{outline:3px solid var(--focus);outline-offset:2px}
.statement-id{color:var(--muted);font-weight:400;font-size:.8rem}
.statement-text{margin:.1rem 0 .6rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .75rem;margin:0;font-size:.92rem}
.meta dt{color:var(--muted)}
.meta dd{margin:0}
.chips{list-style:none;margin:0;padding:0;display:inline-flex;flex-wrap:wrap;gap:.35rem;vertical-align:top}
a.chip{display:inline-block;background:var(--chip);color:var(--chip-ink);border:1px solid #a9c3e6;border-radius:1rem;padding:0 .6rem;text-decoration:none;font-size:.88rem;line-height:1.6;white-space:nowrap}
a.chip:hover{text-decoration:underline}
.chip-note{color:var(--muted);font-size:.85rem;margin-left:.25rem}
.sources-line{margin:0 0 1rem}
.tasks{margin:0;padding-left:1.1rem}
.inline-list{display:inline;margin:0;padding:0;list-style:none}
.inline-list li{display:inline}
.inline-list li:not(:last-child)::after{content:"\\a0·"}
.tags{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.tags li{border:1px solid var(--line);border-radius:.25rem;padding:0 .4rem;font-size:.85rem}
.tags li::before{content:"#";color:var(--muted)}
.bar{display:inline-block;vertical-align:middle;width:8rem;height:.8rem;border:1px solid var(--ink);background:#fff;margin-left:.5rem}
.bar>span{display:block;height:100%;background:var(--bar);-webkit-print-color-adjust:exact;print-color-adjust:exact}
.bibliography li{margin-bottom:.6rem;overflow-wrap:anywhere}
.muted{color:var(--muted)}
footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}
@media (max-width:40rem){
body{font-size:15px}
.page{padding:1rem .8rem 2rem}
h1{font-size:1.55rem}
.meta{grid-template-columns:1fr}
.meta dd{margin-bottom:.4rem}
.statement-id{display:block}
a.chip{white-space:normal}
table.cards,.cards caption,.cards tbody,.cards tfoot,.cards tr,.cards th,.cards td{display:block;width:auto}
.cards thead{position:absolute;left:-100vw}
.cards tr{border:1px solid var(--line);margin-bottom:.75rem}
.cards th,.cards td{border:0;border-top:1px solid var(--line);text-align:left}
.cards tr>:first-child{border-top:0}
.cards tbody th{background:var(--soft)}
.cards td::before{content:attr(data-label);display:block;font-weight:600;font-size:.85rem;color:var(--muted)}
.cards td:empty{display:none}
.cards td.num{display:flex;justify-content:space-between;align-items:baseline;gap:.75rem}
.cards td.num::before{display:inline}
.grid tbody th{width:auto}
.bar{width:5rem}
}
@media print{
body{font-size:10.5pt;color:#000}
.page{max-width:none;padding:0}
.skip,nav.toc{display:none}
a{color:inherit;text-decoration:none}
a.chip{border-color:#777;background:none;color:#000}
a.soc::after{content:" <" attr(href) ">"}
h2,h3,h4{break-after:avoid}
article.statement,tr,.bibliography li{break-inside:avoid}
thead{display:table-header-group}
@page{margin:16mm 14mm}
}
""".strip()


def page(title: str, comment: str, body: Html, extra_style: str = "") -> str:
    """A whole document: doctype, marker comment, head with the policy and styles, body."""
    style = STYLE + ("\n" + extra_style if extra_style else "")
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    policy = (
        "default-src 'none'; script-src 'none'; "
        f"style-src 'sha256-{digest}'; img-src 'none'; font-src 'none'; connect-src 'none'; "
        "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
        "manifest-src 'none'; base-uri 'none'; form-action 'none'"
    )
    head = el(
        "head",
        None,
        el("meta", {"charset": "utf-8"}),
        el("meta", {"http-equiv": "Content-Security-Policy", "content": policy}),
        el("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        el("meta", {"name": "referrer", "content": "no-referrer"}),
        el("meta", {"name": "color-scheme", "content": "light"}),
        el("meta", {"name": "generator", "content": "skillframe"}),
        el("title", None, title),
        raw(f"<style>{style}</style>\n"),
    )
    return "<!DOCTYPE html>\n" + comment + "\n" + el("html", {"lang": "en"}, head, body)


# -- pieces of the framework page -----------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    """What the parts of one page need to know about the whole."""

    fw: Framework
    numbers: dict[str, int]  # source id -> its number in the bibliography

    def chip(self, citation: Citation) -> Html:
        record = self.fw.sources.get(citation.source)
        title = record.get("title") if record else None
        label = citation.source + (f", {citation.locator}" if citation.locator else "")
        link = el(
            "a",
            {
                "class": "chip",
                "href": "#" + source_anchor(citation.source),
                "title": str(title) if title else None,
            },
            label,
        )
        if citation.note:
            return join(link, el("span", {"class": "chip-note"}, f"({citation.note})"))
        return link

    def chips(self, citations: Sequence[Citation]) -> Html:
        return el("ul", {"class": "chips"}, (el("li", None, self.chip(c)) for c in citations))


def _header(fw: Framework) -> Html:
    facts: list[Html] = []
    if fw.occupation_title or fw.onet_soc:
        occupation: list[Content] = [fw.occupation_title or ""]
        if fw.onet_soc:
            soc = "O*NET-SOC " + fw.onet_soc
            link = onet_page(fw.onet_soc)
            occupation += [
                " (" if fw.occupation_title else "",
                external(link, soc, "soc") if link else soc,
                ")" if fw.occupation_title else "",
            ]
        facts.append(join(el("dt", None, "Occupation"), el("dd", None, occupation)))
    if fw.version:
        facts.append(join(el("dt", None, "Version"), el("dd", None, fw.version)))
    if fw.status:
        status_class = (
            f"status status-{fw.status}" if re.match(r"^[a-z]+$", fw.status) else "status"
        )
        facts.append(
            join(
                el("dt", None, "Status"),
                el("dd", None, el("span", {"class": status_class}, fw.status.capitalize())),
            )
        )
    if fw.taxonomy:
        facts.append(
            join(el("dt", None, "Taxonomy"), el("dd", None, el("code", None, fw.taxonomy)))
        )
    facts.append(join(el("dt", None, "Framework id"), el("dd", None, el("code", None, fw.id))))
    return el(
        "header",
        {"class": "top"},
        el("p", {"class": "kind"}, "Competency framework"),
        el("h1", None, fw.title),
        el("dl", {"class": "facts"}, facts),
        el("p", {"class": "scope"}, el("strong", None, "Scope: "), lines(fw.scope)),
    )


def _contents(fw: Framework, closing: Sequence[tuple[str, str]]) -> Html:
    def link(anchor: str, name: str) -> Html:
        return el("li", None, el("a", {"href": "#" + anchor}, name))

    parts = [link("overview", "Overview"), link("levels", "Levels")]
    parts += [link(anchor, name) for anchor, name in closing]
    return el(
        "nav",
        {"class": "toc", "aria-labelledby": "contents-title"},
        el("h2", {"id": "contents-title"}, "Contents"),
        el("ul", {"class": "sections"}, parts),
        el("p", {"class": "toc-label", "id": "toc-domains"}, "Statements by domain"),
        el(
            "ol",
            {"class": "domains", "aria-labelledby": "toc-domains"},
            (link(domain_anchor(d.id), d.name) for d in fw.domains),
        ),
    )


@dataclass(frozen=True)
class Cell:
    """One cell of a data table; its column's name labels it when a phone shows rows as cards."""

    content: Content
    cls: str | None = None
    row_header: bool = False


def _table(
    caption: str,
    header: Sequence[tuple[str, str | None]],
    rows: Iterable[tuple[str | None, Sequence[Cell]]],
    foot: Sequence[Cell] | None = None,
    cls: str = "cards",
) -> Html:
    """A data table with a caption and column headers; ``rows`` are (row id, cells)."""

    def row(row_id: str | None, cells: Sequence[Cell]) -> Html:
        out = []
        for (name, _), cell in zip(header, cells, strict=True):
            if cell.row_header:
                out.append(el("th", {"scope": "row", "class": cell.cls}, cell.content))
            else:
                attrs = {"class": cell.cls, "data-label": name}
                out.append(el("td", attrs, cell.content))
        return el("tr", {"id": row_id}, out)

    head = el(
        "thead",
        None,
        el("tr", None, (el("th", {"scope": "col", "class": c}, name) for name, c in header)),
    )
    return el(
        "table",
        {"class": cls},
        el("caption", None, caption),
        head,
        el("tbody", None, (row(row_id, cells) for row_id, cells in rows)),
        el("tfoot", None, row(None, foot)) if foot is not None else None,
    )


def _overview(fw: Framework) -> Html:
    rows = []
    cells_filled = 0
    for line in grid(fw):
        cells = [
            Cell(
                el("a", {"href": "#" + domain_anchor(line.domain.id)}, line.domain.name), None, True
            )
        ]
        for _, here in line.cells:
            if here:
                cells_filled += 1
                links = (
                    el("li", None, el("a", {"href": "#" + statement_anchor(s.id)}, s.title or s.id))
                    for s in here
                )
                cells.append(Cell(el("ul", None, links)))
            else:
                cells.append(Cell(el("span", {"class": "empty-mark"}, "No statement"), "empty"))
        rows.append((None, cells))
    total = len(fw.domains) * len(fw.levels)
    caption = (
        f"Domains by level: {cells_filled} of {total} cells hold statements. "
        "Each title links to the statement's full text."
    )
    header = [("Domain", None), *((lv.name, None) for lv in fw.levels)]
    return _section("overview", "Overview", _table(caption, header, rows, cls="cards grid"))


def _levels(fw: Framework) -> Html:
    items = (
        join(
            el("dt", None, f"{index}. {lv.name}"),
            el("dd", None, lines(lv.description) if lv.description else "No description."),
        )
        for index, lv in enumerate(fw.levels, start=1)
    )
    return _section(
        "levels",
        "Levels",
        el("p", {"class": "muted"}, "Ordered from the lowest mastery to the highest."),
        el("dl", {"class": "levels"}, items),
    )


def _statement(p: _Page, s: Statement) -> Html:
    meta: list[Html] = []
    if s.cite:
        meta.append(join(el("dt", None, "Sources"), el("dd", None, p.chips(s.cite))))
    if s.anchors:
        tasks = []
        for anchor_id in s.anchors:
            anchor = p.fw.anchor(anchor_id)
            if anchor is None:
                tasks.append(
                    el("li", None, el("code", None, anchor_id), " (not declared in the framework)")
                )
                continue
            tasks.append(
                el(
                    "li",
                    None,
                    el("a", {"href": "#" + anchor_anchor(anchor.id)}, anchor.locator or anchor.id),
                    ": ",
                    el("q", None, " ".join(anchor.text.split())),
                )
            )
        meta.append(
            join(el("dt", None, "Anchored to"), el("dd", None, el("ul", {"class": "tasks"}, tasks)))
        )
    if s.tags:
        tags = el("ul", {"class": "tags"}, (el("li", None, t) for t in s.tags))
        meta.append(join(el("dt", None, "Tags"), el("dd", None, tags)))
    title_id = statement_anchor(s.id) + "-title"
    return el(
        "article",
        {"class": "statement", "id": statement_anchor(s.id), "aria-labelledby": title_id},
        el(
            "h4",
            {"id": title_id},
            s.title or s.id,
            " ",
            el("code", {"class": "statement-id"}, s.id),
        ),
        el("p", {"class": "statement-text"}, lines(s.text)),
        el("dl", {"class": "meta"}, meta) if meta else None,
    )


def _domains(p: _Page) -> Html:
    sections = []
    count = len(p.fw.levels)
    for line in grid(p.fw):
        domain = line.domain
        parts: list[Content] = []
        if domain.description:
            parts.append(el("p", {"class": "domain-intro"}, lines(domain.description)))
        for index, (level, here) in enumerate(line.cells, start=1):
            heading = el(
                "h3",
                {"id": level_anchor(domain.id, level.id)},
                level.name,
                " ",
                el("span", {"class": "level-rank"}, f"level {index} of {count}"),
            )
            if here:
                parts += [heading, (_statement(p, s) for s in here)]
            else:
                note = el(
                    "p",
                    {"class": "level-note"},
                    el("span", {"class": "empty-mark"}, "No statement"),
                    f" at the {level.name} level in this domain.",
                )
                parts += [heading, note]
        sections.append(_section(domain_anchor(domain.id), domain.name, parts))
    return el("div", {"class": "domains"}, sections)


def _section(anchor: str, title: str, *content: Content) -> Html:
    return el(
        "section",
        {"id": anchor, "aria-labelledby": anchor + "-title"},
        el("h2", {"id": anchor + "-title"}, title),
        *content,
    )


def _anchors(p: _Page) -> Html:
    users: dict[str, list[Statement]] = {}
    for s in p.fw.statements():
        for anchor_id in s.anchors:
            users.setdefault(anchor_id, []).append(s)
    rows = []
    for a in p.fw.anchors:
        used = users.get(a.id, [])
        links = (
            el("li", None, el("a", {"href": "#" + statement_anchor(s.id)}, s.title or s.id))
            for s in used
        )
        statements = (
            join(f"{len(used)}: ", el("ul", {"class": "inline-list"}, links)) if used else "None"
        )
        rows.append(
            (
                anchor_anchor(a.id),
                [
                    Cell(el("code", None, a.id), "nowrap", True),
                    Cell(" ".join(a.text.split())),
                    Cell(p.chip(Citation(a.source, a.locator)) if a.source else None),
                    Cell(statements),
                ],
            )
        )
    header = [
        ("Anchor", None),
        ("Task, in the source's words", None),
        ("Source", None),
        ("Statements anchored to it", None),
    ]
    return _section(
        "anchors",
        "Anchors",
        _table(
            "The tasks that ground the framework, and the statements anchored to each.",
            header,
            rows,
        ),
    )


def _evidence(p: _Page) -> Html:
    with_notes = any(e.note for e in p.fw.evidence)
    rows = []
    for e in p.fw.evidence:
        cells = [
            Cell(e.label or e.id, None, True),
            Cell(str(number(e.value)), "num"),
            Cell(e.unit or ""),
            Cell(range_text(e.range)),
            Cell(p.chips(e.cite) if e.cite else ""),
        ]
        if with_notes:
            cells.append(Cell(lines(e.note) if e.note else ""))
        rows.append((evidence_anchor(e.id), cells))
    header: list[tuple[str, str | None]] = [
        ("Evidence", None),
        ("Value", "num"),
        ("Unit", None),
        ("Range", None),
        ("Sources", None),
    ]
    if with_notes:
        header.append(("Note", None))
    return _section(
        "evidence",
        "Evidence pack",
        _table("Measured facts about the occupation, each with its source.", header, rows),
    )


class _Bars:
    """Bars drawn in CSS: the policy allows no style attribute, so each width is a class whose
    rule goes in the page's style sheet."""

    def __init__(self) -> None:
        self.widths: dict[str, Decimal] = {}

    def bar(self, percent: Decimal) -> Html:
        """A bar filled to ``percent`` (0-100, to one decimal); hidden from screen readers,
        since the number beside it says the same."""
        width = percent.quantize(Decimal("0.1"))
        name = "w" + format(width, "f").replace(".", "-")
        self.widths[name] = width
        return el("span", {"class": "bar", "aria-hidden": "true"}, el("span", {"class": name}))

    def rules(self) -> str:
        return "\n".join(f".bar>span.{n}{{width:{w}%}}" for n, w in sorted(self.widths.items()))


def _exposure(p: _Page) -> tuple[Html, str]:
    """The exposure section, and the style rules that size its bars."""
    table = exposure_table(p.fw)
    assert table is not None and p.fw.exposure is not None
    largest = max((row.contribution for row in table.rows), default=Decimal(0))
    bars = _Bars()
    horizon = any(row.horizon for row in table.rows)
    rows = []
    for row in table.rows:
        task: list[Content] = [" ".join(row.task.split())]
        if row.anchor:
            if p.fw.anchor(row.anchor) is not None:
                task += [" ", el("a", {"href": "#" + anchor_anchor(row.anchor)}, f"({row.anchor})")]
            else:
                task += [" ", el("code", None, f"({row.anchor})")]
        bar = bars.bar(row.contribution * 100 / largest if largest > 0 else Decimal(0))
        cells = [
            Cell(task, None, True),
            Cell(f"{shown(row.weight)}%", "num"),
            Cell(f"{shown(row.likelihood)}%", "num"),
            Cell(el("span", None, f"{row.contribution:.1f}", bar), "num"),
        ]
        if horizon:
            cells.append(Cell(row.horizon or ""))
        rows.append((None, cells))
    foot = [
        Cell("Total", None, True),
        Cell(f"{shown(table.weights)}%", "num"),
        Cell(""),
        Cell(f"{table.total:.1f}", "num"),
    ]
    header: list[tuple[str, str | None]] = [
        ("Task", None),
        ("Weight (share of working time)", "num"),
        ("Likelihood of automation", "num"),
        ("Contribution", "num"),
    ]
    if horizon:
        header.append(("Horizon", None))
        foot.append(Cell(""))
    x = p.fw.exposure
    intro: list[Html] = [el("p", None, summary(table))]
    if x.method:
        intro.append(el("p", None, el("strong", None, "Method: "), lines(x.method)))
    if x.cite:
        intro.append(
            el("div", {"class": "sources-line"}, el("span", None, "Sources: "), p.chips(x.cite))
        )
    caption = (
        "Tasks by contribution (weight × likelihood ÷ 100), largest first; "
        "each bar is drawn against the largest contribution."
    )
    section = _section(
        "exposure", "Automation exposure", intro, _table(caption, header, rows, foot)
    )
    return section, bars.rules()


def _bibliography(p: _Page) -> Html:
    items = []
    for sid in p.numbers:
        record = p.fw.sources.get(sid)
        attrs = {"id": source_anchor(sid)}
        if record is None:
            items.append(
                el("li", attrs, el("code", None, sid), ": not found in any source registry.")
            )
            continue
        ref = reference(sid, record)
        parts: list[Content] = []
        if ref.authors:
            parts.append(", ".join(ref.authors) + (f" ({ref.year}). " if ref.year else ". "))
        parts.append(el("cite", None, ref.title))
        if ref.year and not ref.authors:
            parts.append(f" ({ref.year})")
        parts.append(". ")
        details = []
        if ref.publisher:
            details.append(ref.publisher)
        edition = ", ".join(
            e for e in (f"Version {ref.version}" if ref.version else "", ref.date or "") if e
        )
        if edition:
            details.append(edition)
        if ref.kind:
            details.append(ref.kind)
        details += [f"{label}: {value}" for label, value in ref.identifiers]
        if ref.licence:
            details.append(f"Licence: {ref.licence}")
        if details:
            parts.append(". ".join(details) + ". ")
        if ref.link:
            parts.append(external(ref.link, ref.link))
        parts.append(el("span", {"class": "muted"}, " (", el("code", None, sid), ")"))
        items.append(el("li", attrs, parts))
    return _section(
        "bibliography",
        "Bibliography",
        el("ol", {"class": "bibliography"}, items),
    )


# -- the framework page ---------------------------------------------------------------------------


def _body(top: Html, main: Content, footer: Content) -> Html:
    """The body every page shares: a skip link, the top, the main landmark, the footer."""
    return el(
        "body",
        None,
        el("a", {"class": "skip", "href": "#main"}, "Skip to the content"),
        el(
            "div",
            {"class": "page"},
            top,
            el("main", {"id": "main"}, main),
            el("footer", None, el("p", None, footer)),
        ),
    )


def render(fw: Framework) -> str:
    """The framework as one self-contained HTML page."""
    p = _Page(fw, {sid: n for n, sid in enumerate(cited_sources(fw), start=1)})
    closing: list[tuple[str, str]] = []
    sections: list[Html] = []
    extra_style = ""
    if fw.anchors:
        closing.append(("anchors", "Anchors"))
        sections.append(_anchors(p))
    if fw.evidence:
        closing.append(("evidence", "Evidence pack"))
        sections.append(_evidence(p))
    if fw.exposure is not None:
        closing.append(("exposure", "Automation exposure"))
        section, extra_style = _exposure(p)
        sections.append(section)
    if p.numbers:
        closing.append(("bibliography", "Bibliography"))
        sections.append(_bibliography(p))
    body = _body(
        join(_header(fw), _contents(fw, closing)),
        [_overview(fw), _levels(fw), _domains(p), sections],
        [
            "Generated by skillframe from the framework ",
            el("code", None, fw.id),
            ". Edit the framework's YAML file, not this page.",
        ],
    )
    return page(f"{fw.title}: competency framework", marker(fw), body, extra_style)


def is_ours(existing: str, new: str) -> bool:
    """An earlier HTML export of the same framework: the same doctype and marker lines."""
    return existing.split("\n", 2)[:2] == new.split("\n", 2)[:2]


# -- the index page of a site ---------------------------------------------------------------------

#: The file name of a site's index page; no framework may export to it.
INDEX = "index.html"
_INDEX_MARKER = (
    "<!-- Generated by skillframe export: the index of a folder of framework pages. "
    "Edit the frameworks' YAML files, not this page. -->"
)


def render_index(frameworks: Sequence[tuple[Framework, str]]) -> str:
    """The index of a site: each framework (with the file name of its page), its occupation,
    version, status, statement count and coverage of its domains-by-levels grid."""
    from skillframe.stats import framework_stats

    rows = []
    bars = _Bars()
    for fw, file_name in frameworks:
        figures = framework_stats(fw).totals()
        cells, gaps = figures["cells"], figures["gaps"]
        filled = cells - gaps
        share = (Decimal(filled * 100) / cells).quantize(Decimal("0.1")) if cells else Decimal(0)
        bar = bars.bar(share)
        occupation: list[Content] = [fw.occupation_title or ""]
        if fw.onet_soc:
            link = onet_page(fw.onet_soc)
            soc = "O*NET-SOC " + fw.onet_soc
            occupation += [" ", external(link, soc, "soc") if link else soc]
        coverage = f"{filled} of {cells} cells ({shown(share)}%)"
        if gaps:
            coverage += f"; {gaps} empty"
        rows.append(
            (
                None,
                [
                    Cell(el("a", {"href": file_name}, fw.title), None, True),
                    Cell(occupation),
                    Cell(fw.version or ""),
                    Cell(fw.status.capitalize() if fw.status else ""),
                    Cell(str(figures["statements"]), "num"),
                    Cell(el("span", None, coverage, bar)),
                ],
            )
        )
    table_header: list[tuple[str, str | None]] = [
        ("Framework", None),
        ("Occupation", None),
        ("Version", None),
        ("Status", None),
        ("Statements", "num"),
        ("Coverage of domains by levels", None),
    ]
    count = len(frameworks)
    caption = (
        f"{count} framework{'s' if count != 1 else ''}. Coverage counts the cells of the "
        "domains-by-levels grid that hold at least one statement."
    )
    header = el(
        "header",
        {"class": "top"},
        el("p", {"class": "kind"}, "Competency frameworks"),
        el("h1", None, "Frameworks"),
    )
    body = _body(
        header,
        _table(caption, table_header, rows),
        "Generated by skillframe. Edit the frameworks' YAML files, not this page.",
    )
    return page("Competency frameworks", _INDEX_MARKER, body, bars.rules())
