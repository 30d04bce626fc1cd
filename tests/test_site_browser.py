"""The static site in a real browser: headless Chromium from the system's packages,
driven by Selenium through the system's chromedriver (nothing is downloaded).

Skips on a machine without Chromium (or Selenium) and fails under CI (``CI`` set),
where ``.ci/run`` installs them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import jobarchitecture as ja

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
BUNDLED = ("ondersteuners", "managementondersteuning", "adviseurs", "organisatieondersteuning")


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A headless Chromium with a fresh profile, its console log kept."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        _missing(
            f"{CHROMIUM} and {CHROMEDRIVER} are needed (apt-get install chromium chromium-driver)"
        )
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is needed (it is in the dev dependency group)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1280,1800",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Dutch site of the four bundled families."""
    out = tmp_path_factory.mktemp("browser-site") / "site"
    ja.build_site(out, [ja.get_family(code) for code in BUNDLED])
    return out


def _errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _a_task_word() -> tuple[str, str, str]:
    """A word that occurs in exactly one task of the bundled families, its task and family."""
    counts: dict[str, list[tuple[str, str]]] = {}
    for code in BUNDLED:
        for area in ja.get_family(code).result_areas:
            for task in area.tasks:
                for word in set(re.findall(r"[a-z]{9,}", task.nl.lower())):
                    counts.setdefault(word, []).append((code, task.nl))
    word, [(code, task)] = next((w, hits) for w, hits in sorted(counts.items()) if len(hits) == 1)
    return word, code, task


def test_the_index_opens_from_file_without_console_errors(browser: Any, site: Path) -> None:
    """index.html opens from file:// with its styles and scripts loaded and nothing in the console."""
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert browser.execute_script("return Array.isArray(window.JA_SEARCH)")
    color = browser.execute_script(
        "return getComputedStyle(document.querySelector('thead th')).backgroundColor"
    )
    assert color not in ("", "rgba(0, 0, 0, 0)"), "the stylesheet did not load"
    assert _errors(browser) == []


def test_search_finds_a_task_by_a_word_in_it(browser: Any, site: Path) -> None:
    """Typing a word of a task lists the result area holding it, and the link leads to that task."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    word, code, task = _a_task_word()
    browser.get((site / "index.html").as_uri())
    box = browser.find_element(By.ID, "search-box")
    box.send_keys(word)
    link = WebDriverWait(browser, 10).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "#search-results a"))
    )
    assert f"{code}/index.html#ra-" in link.get_attribute("href")
    link.click()
    WebDriverWait(browser, 10).until(lambda d: f"/{code}/index.html" in d.current_url)
    assert task in browser.find_element(By.TAG_NAME, "main").text
    assert _errors(browser) == []


@pytest.mark.parametrize(("code", "level"), [("adviseurs", "15/16"), ("ondersteuners", "C")])
def test_a_house_cell_leads_to_its_profile(browser: Any, site: Path, code: str, level: str) -> None:
    """Clicking a cell of the function house opens the job profile of that family and level."""
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    cell = browser.find_element(
        By.CSS_SELECTOR, f'td.level-cell[data-family="{code}"][data-level="{level}"] a'
    )
    cell.click()
    family = ja.get_family(code)
    lvl = family.scale.level(level)
    assert browser.current_url.endswith(f"/{code}/{level.replace('/', '-')}.html")
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert family.name.nl in heading
    assert lvl.name.nl in heading
    assert _errors(browser) == []


@pytest.fixture(scope="module")
def pages(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every page of the site in each language, with the standalone comparison
    of each family's lowest and highest level."""
    out: dict[str, list[Path]] = {}
    for lang in ("nl", "fr", "en"):
        root = site
        if lang != "nl":
            root = tmp_path_factory.mktemp(f"browser-site-{lang}") / "site"
            ja.build_site(root, [ja.get_family(code) for code in BUNDLED], lang=lang)
        out[lang] = sorted(root.rglob("*.html"))
        for code in BUNDLED:
            family = ja.get_family(code)
            low, high = family.scale.levels[0], family.scale.levels[-1]
            page = root / f"compare-{code}.html"
            page.write_text(ja.render_html(ja.compare(family, low, high), lang), "utf-8")
            out[lang].append(page)
    return out


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_no_page_scrolls_sideways_on_a_phone(
    browser: Any, pages: dict[str, list[Path]], lang: str
) -> None:
    """At a phone's 390 px no page is wider than the screen: a wide table scrolls in its own box."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    wide = []
    try:
        for page in pages[lang]:
            browser.get(page.as_uri())
            scroll, client = browser.execute_script(
                "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];"
            )
            if scroll > client:
                wide.append(f"{page.parent.name}/{page.name}: {scroll} px")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert wide == []


def test_a_printed_table_breaks_between_rows_not_inside_them(browser: Any, site: Path) -> None:
    """In print a table longer than a page may break between its rows (it is not pushed
    whole to the next page, leaving this one empty), never inside a row, and repeats its header."""
    browser.get((site / "adviseurs" / "index.html").as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        styles = browser.execute_script(
            "const t = document.querySelector('table.levels-table.criteria');"
            "const s = e => getComputedStyle(e);"
            "return [t.getBoundingClientRect().height, s(t).breakInside,"
            " s(t.querySelector('tbody tr')).breakInside, s(t.tHead).display];"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    height, table, row, head = styles
    assert height > 1123, "the criteria table is no longer than an A4 page; pick a longer one"
    assert (table, row, head) == ("auto", "avoid", "table-header-group")


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_printed_heading_stays_on_the_page_of_what_it_heads(
    browser: Any, pages: dict[str, list[Path]], lang: str
) -> None:
    """Printed, no heading, nor a label that introduces what follows it (a paragraph
    ending in a colon: "Voorbeelden van taken:", "Wat verschilt van Niveau C:"), ends
    a page with what it heads on the next: each is kept with the next block and not
    broken inside; and every table repeats its header row on each page and keeps each
    row whole. (A requirement's "What differs from …:" under its heading ended page 6
    of the English adviseurs 15/16, its difference on page 7.)"""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    loose = []
    try:
        for page in pages[lang]:
            browser.get(page.as_uri())
            found = browser.execute_script(
                "const s = e => getComputedStyle(e), out = [];"
                "for (const e of document.querySelectorAll('main h1, main h2, main h3, main p')) {"
                "  if (!e.nextElementSibling || e.offsetParent === null) continue;"
                "  if (e.tagName === 'P' && !e.textContent.trim().endsWith(':')) continue;"
                "  if (s(e).breakAfter !== 'avoid' || s(e).breakInside !== 'avoid')"
                "    out.push(e.tagName + ' ' + e.textContent.trim().slice(0, 40));"
                "}"
                "for (const t of document.querySelectorAll('main table')) {"
                "  if (t.tHead && s(t.tHead).display !== 'table-header-group') out.push('thead');"
                "  for (const r of t.rows) if (s(r).breakInside !== 'avoid') { out.push('tr'); break; }"
                "}"
                "return out;"
            )
            loose += [f"{page.parent.name}/{page.name}: {what}" for what in found]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert loose == []


def test_a_printed_block_of_a_profile_is_kept_on_one_page(
    browser: Any, pages: dict[str, list[Path]]
) -> None:
    """Printed, a result area, a criterion, a requirement (its heading, the label
    "Wat verschilt van …:" and the marked-up difference) and a list item are each
    kept on one page when they fit on one: a requirement of organisatieondersteuning
    17/18 broke between the last two lines of its difference, page 7 to 8, and the
    last line of a note of ondersteuners B stood alone on a page. (A block longer
    than a page still breaks: "avoid" is a preference, not a rule.)"""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    loose = []
    try:
        for page in pages["nl"]:
            browser.get(page.as_uri())
            found = browser.execute_script(
                "const out = [];"
                "for (const e of document.querySelectorAll("
                "    'main .result-area, main .criterion, main .requirement, main li'))"
                "  if (getComputedStyle(e).breakInside !== 'avoid')"
                "    out.push(e.className + ' ' + e.textContent.trim().slice(0, 30));"
                "return out;"
            )
            loose += [f"{page.parent.name}/{page.name}: {what}" for what in found]
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert any("requirement" in p.read_text("utf-8") for p in pages["nl"])
    assert loose == []


def test_an_inferred_mark_stands_apart_from_the_text_before_it(browser: Any, site: Path) -> None:
    """The "afgeleid" mark after a descriptor or behavioural level is set off from the
    last word by a visible gap ("werk afgeleid", not "werkafgeleid")."""
    browser.get((site / "adviseurs" / "index.html").as_uri())
    gaps = browser.execute_script(
        "const out = [];"
        "for (const mark of document.querySelectorAll('.inferred')) {"
        "  const before = mark.previousSibling;"
        "  if (!before || before.nodeType !== Node.ELEMENT_NODE && !before.textContent.trim()) continue;"
        "  const range = document.createRange(); range.selectNodeContents(before);"
        "  const rects = range.getClientRects(); if (!rects.length) continue;"
        "  const last = rects[rects.length - 1], box = mark.getBoundingClientRect();"
        "  if (Math.abs(last.top - box.top) < box.height) out.push(box.left - last.right);"
        "}"
        "return out;"
    )
    assert gaps, "no inferred mark on the same line as text"
    assert min(gaps) >= 3


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_a_printed_page_fits_its_tables_on_the_paper(
    browser: Any, pages: dict[str, list[Path]], lang: str
) -> None:
    """Printed, no table runs past the page: on paper nothing scrolls, so a column cut
    off at the edge is text lost (the criteria of organisatieondersteuning ran 60-300
    px past an A4 page). 680 px is A4's width inside the pages' 1.4 cm margins, less."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 680, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
    )
    wide = []
    try:
        for page in pages[lang]:
            browser.get(page.as_uri())
            over = browser.execute_script(
                "const edge = document.documentElement.clientWidth;"
                "return [...document.querySelectorAll('table')]"
                "  .map(t => [t.className, Math.ceil(t.getBoundingClientRect().right - edge)])"
                "  .filter(([, past]) => past > 0);"
            )
            wide += [f"{page.parent.name}/{page.name} {cls}: {px} px" for cls, px in over]
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert wide == []


def test_a_printed_family_page_is_landscape_and_fits_every_word_whole(
    browser: Any, site: Path
) -> None:
    """A family's page prints on A4's long side (its levels side by side), where the
    criteria table fits without breaking a word: upright, 4-5 level columns left about
    130 px each, and "beleidsontwikkeling" broke mid-word. 1,000 px is A4's long side
    inside the 1.4 cm margins, less."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1000, "height": 700, "deviceScaleFactor": 1, "mobile": False},
    )
    found = {}
    try:
        for code in BUNDLED:
            browser.get((site / code / "index.html").as_uri())
            found[code] = browser.execute_script(
                "const page = getComputedStyle(document.querySelector('article.family')).page;"
                "for (const td of document.querySelectorAll('td')) td.style.overflowWrap = 'normal';"
                "const edge = document.documentElement.clientWidth;"
                "const past = [...document.querySelectorAll('table')]"
                "  .map(t => Math.ceil(t.getBoundingClientRect().right - edge));"
                "return [page, Math.max(...past) <= 0];"
            )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert found == {code: ["family", True] for code in BUNDLED}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_on_a_phone_tables_of_names_fit_the_screen_and_facts_stack(
    browser: Any, pages: dict[str, list[Path]], lang: str
) -> None:
    """At 390 px the competency tables, comparisons and the function house fit the
    screen, no column hidden past its edge (a comparison's criterion name across the
    row, not a column a letter wide; a competency a block, its name broken between
    words only and each cell under it named by its column),
    and a profile's facts stack, label over value, rather than leave the value a third
    of the width."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    found: list[str] = []
    try:
        for page in pages[lang]:
            browser.get(page.as_uri())
            found += browser.execute_script(
                """
                const out = [];
                const name = location.pathname.split('/').slice(-2).join('/');
                for (const t of document.querySelectorAll(
                    'table.competencies, table.comparison-table, table.house-table')) {
                  const box = t.closest('.table-wrap');
                  if (box.scrollWidth > box.clientWidth + 1)
                    out.push(`${name}: ${t.className} ${box.scrollWidth} > ${box.clientWidth} px`);
                }
                for (const th of document.querySelectorAll('table.comparison-table th[scope=row]')) {
                  const t = th.closest('table');
                  if (th.getBoundingClientRect().width < 0.9 * t.getBoundingClientRect().width)
                    out.push(`${name}: criterion ${th.textContent.trim()} is a narrow column`);
                }
                // Each filled cell under a competency says which column it is.
                for (const td of document.querySelectorAll('table.competencies tbody td')) {
                  if (td.textContent.trim() && !td.dataset.label)
                    out.push(`${name}: '${td.textContent.trim()}' without its column's name`);
                }
                // A competency's name breaks between its words, never inside one.
                for (const th of document.querySelectorAll('table.competencies tbody th')) {
                  const text = th.firstChild;
                  if (!text || text.nodeType !== Node.TEXT_NODE) continue;
                  let at = 0;
                  for (const word of text.data.split(" ")) {
                    const start = text.data.indexOf(word, at);
                    at = start + word.length;
                    if (!word) continue;
                    const range = document.createRange();
                    range.setStart(text, start);
                    range.setEnd(text, at);
                    if (range.getClientRects().length > 1)
                      out.push(`${name}: competency '${text.data}' broken inside '${word}'`);
                  }
                }
                for (const dd of document.querySelectorAll('.facts dd')) {
                  const dt = dd.previousElementSibling;
                  if (dd.getBoundingClientRect().left > dt.getBoundingClientRect().left + 1)
                    out.push(`${name}: '${dt.textContent}' beside its value`);
                }
                return out;
                """
            )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert found == []
