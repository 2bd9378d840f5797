"""The HTML report in a real browser: headless Chromium driven by Playwright.

Structural tests can prove the markup is escaped, but only a browser proves the things editors
feel: that the CSP hashes really let our script run (and nothing else), that clicking a misquote
shows its correction, that the verdict chips filter, and that a keyboard reaches and opens a
figure. One browser launch serves the whole module to keep it fast.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_helpers import make_result

from pipeline.report.html import render

pytestmark = pytest.mark.browser

#: another distribution's binary (chromium-browser, google-chrome) can be named here
CHROMIUM = os.environ.get("CLAIMLEDGER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
    "--disable-quic", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


def _skip_loudly(reason: str) -> None:
    """CI always has Chromium; a machine without it must say so, not pass quietly."""
    msg = f"BROWSER TESTS SKIPPED: {reason}"
    warnings.warn(msg, stacklevel=2)
    pytest.skip(msg)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        _skip_loudly(f"{CHROMIUM} is absent (apt-get install chromium, or set CLAIMLEDGER_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the machine
        _skip_loudly(f"the playwright package is not importable ({exc})")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(make_result()), encoding="utf-8")
    return path.as_uri()


@pytest.fixture
def page(browser: Any, report_url: str) -> Iterator[Any]:
    """A fresh page on the report, recording console messages (CSP violations land there)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.console_log = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.console_log.append(f"{m.type}: {m.text}"))  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.console_log.append(f"pageerror: {exc}"))  # type: ignore[attr-defined]
    pg.goto(report_url)
    yield pg
    context.close()


def test_misquote_click_shows_the_suggestion(page: Any) -> None:
    mark = page.locator("mark.fig.v-misquote")
    assert page.locator("#popover").is_hidden()
    mark.click()
    pop = page.locator("#popover")
    pop.wait_for(state="visible", timeout=2000)
    assert pop.locator(".suggest ins").inner_text() == "62%"
    assert pop.locator("strong.hit").inner_text() == "62%"
    assert mark.get_attribute("aria-expanded") == "true"
    # the popover sits by the figure, not somewhere off screen
    mbox, pbox = mark.bounding_box(), pop.bounding_box()
    assert 0 <= pbox["y"] - (mbox["y"] + mbox["height"]) < 40
    # clicking elsewhere closes it
    page.locator("h1").click()
    assert pop.is_hidden()
    assert mark.get_attribute("aria-expanded") == "false"


def test_our_script_runs_under_the_csp_and_nothing_injected_does(page: Any) -> None:
    # our own script ran (the CSP hash matched): a click opens details
    page.locator("mark.fig.v-verified").first.click()
    assert page.locator("#popover").is_visible()
    # the popover shows the source's <script> as text, and it did not run
    assert "window.__pwned=1" in page.locator("#popover").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned"
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert not [m for m in page.console_log if "Content Security Policy" in m or "pageerror" in m]


def test_filtering_by_verdict_hides_the_others(page: Any) -> None:
    chip = page.locator('button.chip[data-verdict="misquote"]')
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    assert page.locator('li.detail[data-verdict="misquote"]').first.is_visible()
    for v in ("verified", "approximate", "unavailable", "uncited", "not_found"):
        for li in page.locator(f'li.detail[data-verdict="{v}"]').all():
            assert li.is_hidden(), v
    verified = page.locator("mark.fig.v-verified").first
    assert "off" in (verified.get_attribute("class") or "")
    assert verified.evaluate("m => getComputedStyle(m).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert verified.get_attribute("tabindex") == "-1"
    misquote = page.locator("mark.fig.v-misquote")
    assert misquote.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "1 of" in page.locator("#filter-status").inner_text()
    # a second chip widens the filter; "show all" restores everything
    page.locator('button.chip[data-verdict="verified"]').click()
    assert page.locator('li.detail[data-verdict="verified"]').first.is_visible()
    assert page.locator('li.detail[data-verdict="uncited"]').first.is_hidden()
    page.locator("#filter-reset").click()
    assert page.locator('li.detail[data-verdict="uncited"]').first.is_visible()
    assert chip.get_attribute("aria-pressed") == "false"


def test_keyboard_tab_reaches_a_figure_and_enter_opens_it(page: Any) -> None:
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.fig')"):
            break
    else:
        pytest.fail("Tab never reached a highlighted figure")
    page.keyboard.press("Enter")
    pop = page.locator("#popover")
    assert pop.is_visible()
    active_id = page.evaluate("document.activeElement.id")
    assert page.locator(f"#{active_id}").get_attribute("aria-expanded") == "true"
    assert pop.locator(".badge").inner_text().strip() != ""
    # Tab moves into the popover (its links and close button come right after the figure)
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('popover').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert pop.is_hidden()
    assert page.evaluate("document.activeElement.id") == active_id
    # Tab to the next figure moves the details along with the focus
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    nxt = page.evaluate("document.activeElement.id")
    assert nxt != active_id and nxt.startswith("m-")
    assert pop.is_visible()
    assert page.locator(f"#{nxt}").get_attribute("aria-expanded") == "true"
    assert page.locator(f"#{active_id}").get_attribute("aria-expanded") == "false"


def test_print_media_shows_every_detail_and_hides_controls(page: Any) -> None:
    page.locator('button.chip[data-verdict="misquote"]').click()  # filtered on screen...
    page.emulate_media(media="print")
    assert page.locator(".controls").is_hidden()
    assert page.locator('li.detail[data-verdict="uncited"]').first.is_visible()  # ...but all in print


def test_screenshot_artifact(page: Any) -> None:
    page.locator("mark.fig.v-misquote").click()
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / "report.png"
    page.screenshot(path=str(out), full_page=False)
    assert out.stat().st_size > 10_000
