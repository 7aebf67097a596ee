"""The HTML export without a browser: valid HTML5, safe by construction, faithful to the file.

Validity is checked with html5lib's parser in strict mode (the WHATWG parsing algorithm; any
parse error raises), plus the document rules a parser does not check: ids unique, every link
inside the page landing on an id, every data cell under a column header. The browser tests in
test_html_browser.py check the rendered page in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skillframe.app import app
from skillframe.export import html
from skillframe.export.common import cited_sources, grid, source_anchor, statement_anchor
from skillframe.model import Domain, Framework, Level, read_framework

from .conftest import BUNDLED, FIXTURES, FRAMEWORKS
from .test_export import EVERY_FRAMEWORK, HOSTILE

BUNDLED_FRAMEWORKS = sorted(FRAMEWORKS.glob("*.yaml"))
BUNDLED_FRAMEWORKS.remove(FRAMEWORKS / "sources.yaml")


def parse(text: str) -> ET.Element:
    """The document tree; html5lib in strict mode raises on the first parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root: ET.Element = parser.parse(text)
    return root


def text_of(node: ET.Element) -> str:
    return " ".join("".join(node.itertext()).split())


def check_document(text: str) -> ET.Element:
    """Parse ``text`` strictly and check what a parser does not; return the tree."""
    assert text.startswith("<!DOCTYPE html>\n")
    root = parse(text)
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids)), "ids are unique"
    for e in root.iter():
        assert e.tag not in ("script", "iframe", "object", "embed", "img", "form", "base")
        for name, value in e.attrib.items():
            assert not name.lower().startswith("on"), (e.tag, name)
            assert name != "style", "no style attribute: the policy would block it"
            if name in ("href", "src", "action"):
                assert value.startswith(("#", "https://", "http://")) or (
                    e.tag == "a" and re.fullmatch(r"[a-z0-9-]+\.html", value)
                ), value
        if e.tag == "a" and e.get("href", "").startswith("#"):
            assert e.get("href")[1:] in ids, e.get("href")
    for table in root.iter("table"):
        columns = len(table.findall("./thead/tr/th"))
        assert all(th.get("scope") == "col" for th in table.findall("./thead/tr/th"))
        for row in table.findall("./tbody/tr") + table.findall("./tfoot/tr"):
            assert len(list(row)) == columns, "every row has a cell per column"
            assert row[0].tag == "th" and row[0].get("scope") == "row"
    # Landmarks: one banner header, one navigation at most, one main, one footer.
    body = root.find("body")
    assert body is not None
    assert len(list(root.iter("main"))) == 1
    assert len(list(root.iter("footer"))) == 1
    return root


def policy_of(root: ET.Element) -> str:
    metas = [m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1
    return metas[0].get("content", "")


@pytest.mark.parametrize("path", [*EVERY_FRAMEWORK, *BUNDLED_FRAMEWORKS], ids=lambda p: p.stem)
def test_pages_are_valid_and_self_contained(path: Path) -> None:
    fw = read_framework(path)
    page = html.render(fw)
    root = check_document(page)
    policy = policy_of(root)
    for directive in ("default-src 'none'", "script-src 'none'", "img-src 'none'"):
        assert directive in policy
    assert "unsafe-inline" not in policy
    # The one style sheet is the one the policy pins by its hash.
    styles = list(root.iter("style"))
    assert len(styles) == 1
    digest = hashlib.sha256((styles[0].text or "").encode("utf-8")).digest()
    assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy
    # The head starts with the charset, then the policy, before anything that could load.
    head = root.find("head")
    assert head is not None
    assert [e.tag for e in head][:2] == ["meta", "meta"] and head[0].get("charset") == "utf-8"
    assert head[1].get("http-equiv") == "Content-Security-Policy"
    assert html.render(read_framework(path)) == page, "the same framework gives the same bytes"


@pytest.mark.parametrize("path", [*EVERY_FRAMEWORK, *BUNDLED_FRAMEWORKS], ids=lambda p: p.stem)
def test_page_holds_the_whole_framework(path: Path) -> None:
    fw = read_framework(path)
    root = parse(html.render(fw))
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    articles = [e for e in root.iter("article")]
    assert [a.get("id") for a in articles] == [
        statement_anchor(s.id) for row in grid(fw) for _, here in row.cells for s in here
    ]
    for s in fw.statements():
        article = by_id[statement_anchor(s.id)]
        text = text_of(article)
        assert " ".join(html.clean(s.title).split()) in text
        for line in s.text.splitlines():
            assert " ".join(html.clean(line).split()) in text
        chips = [a for a in article.iter("a") if a.get("class") == "chip"]
        assert [c.get("href") for c in chips] == ["#" + source_anchor(c.source) for c in s.cite]
        for tag in s.tags:
            assert tag in text
        for anchor_id in s.anchors:
            anchor = fw.anchor(anchor_id)
            if anchor is not None:
                assert " ".join(anchor.text.split()) in text, "the anchor's wording is shown"
    # Every cited source has one bibliography entry, in the order first cited.
    entries = root.findall(".//ol[@class='bibliography']/li")
    assert [e.get("id") for e in entries] == [source_anchor(s) for s in cited_sources(fw)]
    # The grid: a row per domain, a cell per level, each the titles of its statements.
    assert grid_of(root) == expected_grid(fw)


def grid_of(root: ET.Element) -> list[list[list[str]]]:
    table = root.find(".//table[@class='cards grid']")
    assert table is not None
    rows = []
    for tr in table.findall("./tbody/tr"):
        cells = []
        for td in tr.findall("td"):
            if td.get("class") == "empty":
                assert text_of(td) == "No statement"
                cells.append([])
            else:
                cells.append([text_of(a) for a in td.iter("a")])
        rows.append([text_of(tr[0]), *cells])  # type: ignore[list-item]
    return rows  # type: ignore[return-value]


def expected_grid(fw: Framework) -> list[list[object]]:
    return [
        [
            " ".join(html.clean(row.domain.name).split()),
            *([" ".join(html.clean(s.title).split()) for s in here] for _, here in row.cells),
        ]
        for row in grid(fw)
    ]


def test_empty_cells_are_marked_in_words() -> None:
    minimal = read_framework(FIXTURES / "valid" / "minimal.yaml")
    # A level no statement is at, and a domain with no statements: five empty cells of six.
    fw = replace(
        minimal,
        levels=(minimal.levels[0], Level("intermediate", "Intermediate"), minimal.levels[1]),
        domains=(*minimal.domains, Domain("leadership", "Leadership")),
    )
    root = parse(html.render(fw))
    empty = root.findall(".//td[@class='empty']")
    assert empty and all(text_of(td) == "No statement" for td in empty)
    gaps = sum(1 for row in grid(fw) for _, here in row.cells if not here)
    assert gaps == 4
    assert len(empty) == gaps
    notes = root.findall(".//p[@class='level-note']")
    assert len(notes) == gaps


def test_hostile_text_is_text() -> None:
    page = html.render(read_framework(HOSTILE))
    root = check_document(page)
    body = text_of(root)
    assert (
        "runs <script>alert('text')</script> and <img src=x onerror=alert(1)> in a statement."
        in body
    )
    assert 'Handle <div onclick="alert(1)">clicks</div> and | pipes |' in body
    assert "Testers [of](javascript:alert(1)) things" in body
    assert "javascript:" not in "".join(a.get("href", "") for a in root.iter("a"))
    # A url that holds markup is not a safe address: that source is listed without a link.
    entry = root.find(".//li[@id='source-tricky']")
    assert entry is not None and entry.find("a") is None
    assert "example.org/<script>" not in "".join(a.get("href", "") for a in root.iter("a"))
    assert "<script" not in page.lower().replace("&lt;script", "")


def test_the_onet_code_links_to_its_onet_page() -> None:
    root = parse(html.render(read_framework(BUNDLED)))
    links = [a for a in root.iter("a") if "O*NET-SOC" in text_of(a)]
    assert [a.get("href") for a in links] == ["https://www.onetonline.org/link/summary/33-3051.04"]
    assert links[0].get("rel") == "external noreferrer"


def test_exposure_bars_follow_the_contributions() -> None:
    fw = read_framework(BUNDLED)
    page = html.render(fw)
    root = parse(page)
    section = root.find(".//section[@id='exposure']")
    assert section is not None
    widths = dict(re.findall(r"\.bar>span\.(w[0-9-]+)\{width:([0-9.]+)%\}", page))
    shown = []
    for tr in section.findall(".//tbody/tr"):
        contribution = float(text_of(tr[3]))
        fill = tr[3].find(".//span[@class='bar']/span")
        assert fill is not None
        shown.append((contribution, float(widths[fill.get("class", "")])))
    largest = max(c for c, _ in shown)
    assert shown == [(c, round(c * 100 / largest, 1)) for c, _ in shown]
    assert shown[0][1] == 100.0


def test_characters_html_does_not_allow_are_replaced() -> None:
    fw = read_framework(BUNDLED)
    odd = "bell\x07 null\x00 nonchar\ufffe lone\ud800 escape\x1b[31m"
    page = html.render(replace(fw, title=odd))
    check_document(page)
    assert "bell\ufffd null\ufffd nonchar\ufffd lone\ufffd escape\ufffd[31m" in page
    page.encode("utf-8")  # no lone surrogate left


def test_the_validator_rejects_invalid_html() -> None:
    """The strict parser is the check: it must fail on markup a browser would repair."""
    good = html.render(read_framework(FIXTURES / "valid" / "minimal.yaml"))
    for broken in (
        good.replace("<main", "<td><main", 1),
        good.replace("</h1>", "</h2>", 1),
        good.replace("<!DOCTYPE html>", "", 1),
        good.replace("<title>", "<title>\x01", 1),
    ):
        with pytest.raises(html5lib.html5parser.ParseError):
            parse(broken)


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list("<>&\"'`\n")),
    min_size=1,
    max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_TEXT, text=_TEXT, name=_TEXT, locator=_TEXT)
def test_any_text_stays_text(title: str, text: str, name: str, locator: str) -> None:
    fw = read_framework(FIXTURES / "valid" / "minimal.yaml")
    domain = fw.domains[0]
    first = replace(
        domain.statements[0],
        title=title,
        text=text,
        cite=(replace(domain.statements[0].cite[0], locator=locator),),
    )
    changed = replace(
        fw, domains=(replace(domain, name=name, statements=(first, *domain.statements[1:])),)
    )
    root = check_document(html.render(changed))
    article = root.find(f".//article[@id='{statement_anchor(first.id)}']")
    assert article is not None
    heading = article.find("h4")
    assert heading is not None
    assert " ".join(html.clean(title).split()) in text_of(heading)
    chip = article.find(".//a[@class='chip']")
    assert chip is not None and text_of(chip) == " ".join(
        html.clean(f"{first.cite[0].source}, {locator}").split()
    )
    assert grid_of(root) == expected_grid(changed)


def test_is_ours() -> None:
    fw = read_framework(BUNDLED)
    page = html.render(fw)
    assert html.is_ours(page, html.render(replace(fw, title="Another title")))
    other = html.render(read_framework(HOSTILE))
    assert not html.is_ours(other, page)
    assert not html.is_ours("<!DOCTYPE html>\n<p>my own page</p>\n", page)


# The command ------------------------------------------------------------------------------------


def test_a_folder_exports_a_site_with_an_index(in_tmp: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(FRAMEWORKS), "--format", "html", "-o", "site/"])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in Path("site").iterdir())
    ids = sorted(read_framework(p).id for p in BUNDLED_FRAMEWORKS)
    assert names == sorted([*(f"{i}.html" for i in ids), "index.html"])
    assert result.stderr == (
        "wrote site/customs-border-protection-officers.html\n"
        "wrote site/emergency-medical-technicians.html\n"
        "wrote site/index.html\n"
    )
    for path in BUNDLED_FRAMEWORKS:
        fw = read_framework(path)
        assert Path("site", f"{fw.id}.html").read_text("utf-8") == html.render(fw)
    by_page = {f"{fw.id}.html": fw for fw in map(read_framework, BUNDLED_FRAMEWORKS)}
    index = Path("site/index.html").read_text("utf-8")
    root = check_document(index)
    rows = root.findall(".//tbody/tr")
    assert len(rows) == len(ids)
    for tr in rows:
        link = tr.find("th/a")
        assert link is not None and Path("site", link.get("href", "")).is_file()
        fw = by_page[link.get("href", "")]
        assert text_of(link) == fw.title
        assert text_of(tr[4]) == str(sum(1 for _ in fw.statements()))
        cells = len(fw.domains) * len(fw.levels)
        filled = sum(1 for row in grid(fw) for _, here in row.cells if here)
        assert text_of(tr[5]).startswith(f"{filled} of {cells} cells")
    again = runner.invoke(app, ["export", str(FRAMEWORKS), "--format", "html", "-o", "site/"])
    assert again.exit_code == 0
    assert all(line.startswith("unchanged ") for line in again.stderr.splitlines())


def test_an_index_that_is_not_ours_is_left_alone(in_tmp: Path) -> None:
    Path("site").mkdir()
    Path("site/index.html").write_text("<!DOCTYPE html>\n<p>our home page</p>\n", "utf-8")
    result = CliRunner().invoke(app, ["export", str(FRAMEWORKS), "-f", "html", "-o", "site/"])
    assert result.exit_code == 1
    assert result.stderr == (
        "skillframe: error: 'site/index.html' exists and is not an index page written by "
        "skillframe export: it is left as it is (use --force to replace it)\n"
    )
    assert Path("site/index.html").read_text("utf-8") == "<!DOCTYPE html>\n<p>our home page</p>\n"
    assert sorted(p.name for p in Path("site").iterdir()) == ["index.html"]


def test_a_framework_named_index_is_refused_in_a_site(in_tmp: Path) -> None:
    text = BUNDLED.read_text("utf-8").replace(
        "id: customs-border-protection-officers", "id: index", 1
    )
    Path("frameworks").mkdir()
    Path("frameworks/index.yaml").write_text(text, "utf-8")
    for name in ("sources.yaml", "taxonomies", "data"):
        source = FRAMEWORKS / name
        target = Path("frameworks", name)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.write_bytes(source.read_bytes())
    result = CliRunner().invoke(app, ["export", "frameworks", "-f", "html", "-o", "site/"])
    assert result.exit_code == 1
    assert result.stderr.startswith("skillframe: error: frameworks/index.yaml")
    assert "the framework id 'index' would export to index.html" in result.stderr
    assert not Path("site").exists()
    # On its own, to a file, the id is no problem.
    alone = CliRunner().invoke(
        app, ["export", "frameworks/index.yaml", "-f", "html", "-o", "i.html"]
    )
    assert alone.exit_code == 0, alone.stderr


def test_one_page_to_a_file_and_a_wrong_ending(in_tmp: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(BUNDLED), "-f", "html", "-o", "cbp.html"])
    assert result.exit_code == 0 and result.stderr == "wrote cbp.html\n"
    assert not Path("index.html").exists()
    wrong = runner.invoke(app, ["export", str(BUNDLED), "-f", "md", "-o", "cbp.html"])
    assert wrong.exit_code == 2
    assert "the name ends in .html but --format is md" in wrong.stderr
    assert Path("cbp.html").read_text("utf-8") == html.render(read_framework(BUNDLED))
