"""The HTML export in a real browser: Chromium from the system packages, driven by Playwright.

Playwright drives the Chromium that the system's package manager installed (``.ci/run``
installs it when missing); it never downloads a browser. Each test session starts Chromium
headless with a fresh profile folder, opens the exported pages from files and checks the
rendered DOM, the browser's network log and its console. Screenshots at desktop and phone
widths are written for people to look at (not compared pixel by pixel): into pytest's temporary
folder, or into the folder named by ``SKILLFRAME_SCREENSHOTS``.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from skillframe.export import html
from skillframe.export.common import cited_sources, grid, source_anchor, statement_anchor
from skillframe.model import Framework, read_framework

from .conftest import BUNDLED, FRAMEWORKS
from .test_export import HOSTILE

#: The switches the browser runs with: headless, no sandbox (CI runs as root), and none of the
#: background traffic a fresh profile would make (updates, sync, first-run pages).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = 1280
PHONE = 390
BUNDLED_FRAMEWORKS = sorted(p for p in FRAMEWORKS.glob("*.yaml") if p.name != "sources.yaml")


def chromium() -> str:
    found = os.environ.get("SKILLFRAME_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "Chromium is not installed: install the system package 'chromium' "
            "(.ci/run does it) or set SKILLFRAME_CHROMIUM to its path"
        )
    return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=chromium(), args=CHROMIUM_ARGS, headless=True
        )
        context.set_default_timeout(10_000)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exported pages of the bundled frameworks, the hostile fixture, and the index."""
    folder = tmp_path_factory.mktemp("site")
    frameworks = []
    for path in [*BUNDLED_FRAMEWORKS, HOSTILE]:
        fw = read_framework(path)
        (folder / f"{fw.id}.html").write_text(html.render(fw), "utf-8")
        frameworks.append((fw, f"{fw.id}.html"))
    (folder / html.INDEX).write_text(html.render_index(frameworks), "utf-8")
    return folder


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("SKILLFRAME_SCREENSHOTS")
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        return Path(chosen)
    return tmp_path_factory.mktemp("screenshots")


@dataclass
class Opened:
    """A page as the browser showed it, with everything it tried to load, say or pop up."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser: BrowserContext) -> Iterator[object]:
    opened: list[Opened] = []

    def open_(path: Path, width: int = DESKTOP) -> Opened:
        page = browser.new_page()
        page.set_viewport_size({"width": width, "height": 900})
        record = Opened(page, path.resolve().as_uri())
        page.on("request", lambda r: record.requests.append(r.url))
        page.on("requestfailed", lambda r: record.failed.append((r.url, r.failure or "")))
        page.on("console", lambda m: record.console.append(m.text))
        page.on("dialog", lambda d: (record.dialogs.append(d.message), d.dismiss()))
        page.goto(record.url, wait_until="load")
        opened.append(record)
        return record

    yield open_
    for record in opened:
        record.page.close()


def framework_of(site: Path, path: Path) -> tuple[Framework, Path]:
    fw = read_framework(path)
    return fw, site / f"{fw.id}.html"


PAGES = [*BUNDLED_FRAMEWORKS, HOSTILE]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_every_statement_once_and_every_link_lands(site: Path, open_page, path: Path) -> None:
    fw, file = framework_of(site, path)
    shown = open_page(file)
    page = shown.page
    ids = [statement_anchor(s.id) for s in fw.statements()]
    found = page.eval_on_selector_all("article.statement", "els => els.map(e => e.id)")
    assert sorted(found) == sorted(ids) and len(found) == len(set(found))
    for statement in fw.statements():
        article = page.locator(f"article#{statement_anchor(statement.id)}")
        assert article.count() == 1
        assert " ".join(statement.title.split()) in " ".join(article.inner_text().split())
    # Every chip names a source and its link lands on that source's bibliography entry.
    chips = page.eval_on_selector_all(
        "a.chip",
        "els => els.map(a => [a.getAttribute('href'), "
        "!!document.getElementById(a.getAttribute('href').slice(1)), "
        "(document.getElementById(a.getAttribute('href').slice(1)) || {}).tagName])",
    )
    assert chips, "the page has citation chips"
    assert all(lands and tag == "LI" for _, lands, tag in chips), chips
    assert {href for href, _, _ in chips} == {"#" + source_anchor(s) for s in cited_sources(fw)}
    # Every link inside the page lands on an element; every other link is http(s).
    links = page.eval_on_selector_all(
        "a[href]",
        "els => els.map(a => [a.getAttribute('href'), a.getAttribute('href').startsWith('#') "
        "? !!document.getElementById(a.getAttribute('href').slice(1)) : null, a.protocol])",
    )
    for href, lands, protocol in links:
        if href.startswith("#"):
            assert lands, href
        else:
            assert protocol in ("http:", "https:"), href
    # Following a chip scrolls its bibliography entry into view.
    first = page.locator("a.chip").first
    target = first.get_attribute("href") or ""
    first.click()
    assert page.evaluate("() => location.hash") == target
    assert page.locator(f"li{target}").is_visible()
    assert page.locator(f"li{target}").evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }"
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_the_grid_matches_the_framework(site: Path, open_page, path: Path) -> None:
    fw, file = framework_of(site, path)
    page = open_page(file).page
    header = page.eval_on_selector_all("table.grid thead th", "els => els.map(e => e.innerText)")
    assert header == ["Domain", *(" ".join(lv.name.split()) for lv in fw.levels)]
    rows = page.eval_on_selector_all(
        "table.grid tbody tr",
        """rows => rows.map(tr => [tr.querySelector('th').innerText,
             [...tr.querySelectorAll('td')].map(td => td.classList.contains('empty')
               ? null : [...td.querySelectorAll('a')].map(a => [a.innerText, a.hash]))])""",
    )
    expected = [
        [
            " ".join(row.domain.name.split()),
            [
                [[" ".join(s.title.split()), "#" + statement_anchor(s.id)] for s in here]
                if here
                else None
                for _, here in row.cells
            ],
        ]
        for row in grid(fw)
    ]
    assert rows == expected


def test_empty_cells_are_visibly_marked(site: Path, open_page, tmp_path: Path) -> None:
    from dataclasses import replace

    from skillframe.model import Domain, Level

    fw = read_framework(BUNDLED)
    gappy = replace(
        fw,
        levels=(*fw.levels, Level("master", "Master")),
        domains=(*fw.domains, Domain("empty-domain", "Empty domain")),
    )
    file = tmp_path / "gappy.html"
    file.write_text(html.render(gappy), "utf-8")
    for width in (DESKTOP, PHONE):
        page = open_page(file, width).page
        empty = page.locator("table.grid td.empty")
        assert empty.count() == len(fw.domains) + 1 + len(fw.levels)
        for i in range(empty.count()):
            cell = empty.nth(i)
            assert cell.is_visible()
            assert cell.inner_text().strip().endswith("No statement")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_no_request_leaves_the_file(site: Path, open_page, path: Path) -> None:
    _, file = framework_of(site, path)
    shown = open_page(file)
    shown.page.wait_for_load_state("networkidle")
    assert shown.requests == [shown.url]
    assert shown.failed == []
    assert shown.console == [], "no policy violation, no error"


def test_the_network_log_sees_requests_and_the_policy_blocks_them(
    site: Path, open_page, tmp_path: Path
) -> None:
    # Without the policy, a remote image is requested: the log would catch a leak.
    plain = tmp_path / "plain.html"
    plain.write_text('<!DOCTYPE html><title>t</title><img src="http://127.0.0.1:9/x.png">', "utf-8")
    unprotected = open_page(plain)
    unprotected.page.wait_for_load_state("networkidle")
    assert "http://127.0.0.1:9/x.png" in unprotected.requests
    # In an exported page, markup added after the fact can neither load nor run anything.
    shown = open_page(site / "customs-border-protection-officers.html")
    shown.page.evaluate(
        """() => {
          document.body.insertAdjacentHTML('beforeend',
            '<img src="http://127.0.0.1:9/y.png"><link rel="stylesheet" href="http://127.0.0.1:9/s.css">'
            + '<img src="x" onerror="window.ranHandler = 1">');
          const s = document.createElement('script');
          s.textContent = 'window.ranScript = 1';
          document.body.appendChild(s);
        }"""
    )
    shown.page.wait_for_load_state("networkidle")
    assert shown.page.evaluate("() => [window.ranScript, window.ranHandler]") == [None, None]
    # Chromium reports each load it refused as failed with reason "csp"; none got through.
    blocked = {url for url, failure in shown.failed if failure == "csp"}
    assert {"http://127.0.0.1:9/y.png", "http://127.0.0.1:9/s.css"} <= blocked
    assert set(shown.requests) - blocked == {shown.url}
    assert any("Content Security Policy" in line for line in shown.console)


def test_hostile_text_is_inert(site: Path, open_page) -> None:
    shown = open_page(site / "hostile-text.html")
    page = shown.page
    assert page.locator("script, img, iframe, object, embed").count() == 0
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    text = page.locator("body").inner_text()
    assert (
        "runs <script>alert('text')</script> and <img src=x onerror=alert(1)> in a statement."
        in text
    )
    assert "Novice <img src=x onerror=alert(1)>" in text
    assert "Testers [of](javascript:alert(1)) things" in text
    # Clicking every link inside the page opens nothing and runs nothing.
    for link in page.locator("main a[href^='#']").all()[:40]:
        link.click()
    assert shown.dialogs == []
    assert page.url.startswith(shown.url)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_layout_and_screenshots(
    site: Path, open_page, screenshots: Path, path: Path, width: int
) -> None:
    fw, file = framework_of(site, path)
    page = open_page(file, width).page
    # Nothing is wider than the screen: no sideways scrolling, on a phone either.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    # The overview's statement links are large enough to tap and read.
    font = page.eval_on_selector("table.grid a", "a => parseFloat(getComputedStyle(a).fontSize)")
    assert font >= 14
    shot = screenshots / f"{fw.id}-{width}.png"
    page.screenshot(path=str(shot), full_page=True, timeout=120_000)
    shot_width, shot_height = _png_size(shot)
    assert shot_width == width and shot_height > 900
    print(f"screenshot: {shot}")


#: Contrast of every piece of text against the background it is drawn on (WCAG 2 formula):
#: at least 4.5:1, or 3:1 for large text.
CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = e => { for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length) continue;
    const style = getComputedStyle(e);
    const a = lum(rgb(style.color)), b = lum(background(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) out.push([e.tagName, e.className, ratio.toFixed(2), e.textContent.slice(0, 40)]);
  }
  return out;
}"""


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_screen_readers_and_contrast(site: Path, open_page, width: int) -> None:
    fw = read_framework(BUNDLED)
    page = open_page(site / f"{fw.id}.html", width).page
    for role in ("banner", "navigation", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    assert page.get_by_role("heading", level=1).inner_text() == fw.title
    # Tables keep their semantics, also when a phone shows their rows as cards.
    assert page.get_by_role("table").count() == 4
    overview = page.get_by_role("table", name="Domains by level")
    assert overview.get_by_role("columnheader").count() == 1 + len(fw.levels)
    assert overview.get_by_role("rowheader").count() == len(fw.domains)
    assert page.get_by_role("article").count() == sum(1 for _ in fw.statements())
    assert page.evaluate(CONTRAST) == []
    # The check finds faint text (set through the CSSOM, which the policy allows).
    page.evaluate("() => { document.querySelector('footer p').style.color = '#b0b0b0' }")
    assert {tag for tag, *_ in page.evaluate(CONTRAST)} == {"P", "CODE"}
    # The status says its meaning in words, not by colour alone.
    assert page.locator(".status").inner_text() == "Draft"
    # The skip link is the first thing a keyboard reaches, and it leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#main"


def test_print_styles_and_pdf(site: Path, open_page, screenshots: Path) -> None:
    page = open_page(site / "customs-border-protection-officers.html").page
    page.emulate_media(media="print")
    assert not page.locator("nav.toc").is_visible()
    assert page.locator("#bibliography").is_visible()
    # Paper cannot follow links: the O*NET link prints its address; the bibliography's links
    # are their addresses already.
    after = page.eval_on_selector("a.soc", "a => getComputedStyle(a, '::after').content")
    assert after == '" <https://www.onetonline.org/link/summary/33-3051.04>"'
    for link in page.locator("#bibliography a").all():
        assert link.inner_text() == link.get_attribute("href")
    pdf = screenshots / "customs-border-protection-officers.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    print(f"pdf: {pdf}")


def test_the_index_links_every_page(site: Path, open_page, screenshots: Path) -> None:
    for width in (DESKTOP, PHONE):
        shown = open_page(site / html.INDEX, width)
        page = shown.page
        hrefs = page.eval_on_selector_all(
            "tbody th a", "els => els.map(a => a.getAttribute('href'))"
        )
        assert sorted(hrefs) == sorted(
            p.name for p in site.glob("*.html") if p.name != "index.html"
        )
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        assert shown.requests == [shown.url]
        page.screenshot(path=str(screenshots / f"index-{width}.png"), full_page=True)
    # Following a link opens the framework's page, from the same folder.
    page.locator("tbody th a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(site.resolve().as_uri()) and page.url.endswith(".html")
    assert page.locator("h1").count() == 1
