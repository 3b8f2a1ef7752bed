"""Real browser: the bank-churn file on the Data page, and the article replayed on the Compare page.

Every action waits for the app to be idle first (script state ``notRunning``, and still so a moment later, so a
rerun that follows a run is not mistaken for the end), then waits for its own effect. An action whose effect never
starts while the app is idle again (a click that landed during a rerun and was lost) is repeated, a bounded number
of times. No fixed sleeps.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHURN = Path(__file__).resolve().parents[1] / "data" / "good" / "bank_churn_like.csv"
ATTEMPTS = 4  # an action is tried at most this many times
EFFECT_TIMEOUT = 20_000  # ms an action's effect has to start before the action is looked at again
QUIET_MS = 600  # the script must stay "notRunning" this long to count as idle

IDLE_JS = """([quiet, token]) => {
    const app = document.querySelector("[data-testid='stApp']");
    const idle = !!app && app.getAttribute("data-test-script-state") === "notRunning";
    const now = performance.now();
    const since = window.__articleIdle;
    if (!idle) { window.__articleIdle = {token, at: null}; return false; }
    if (!since || since.token !== token || since.at === null) { window.__articleIdle = {token, at: now}; return false; }
    return now - since.at >= quiet;
}"""
_tokens = iter(range(1_000_000))


def wait_idle(page, timeout: float = 60_000) -> None:
    """Until the script is not running and has stayed so for QUIET_MS (polled every 100 ms)."""
    page.wait_for_function(IDLE_JS, arg=[QUIET_MS, next(_tokens)], timeout=timeout, polling=100)


def act_until(page, action: Callable[[], None], effect, *, what: str, state: str = "visible",
              timeout: float = 60_000) -> None:
    """Run ``action`` once the app is idle, then wait for ``effect`` (a locator) to reach ``state``. If it does
    not, and the app is idle again without it, the action was lost (it landed during a rerun): run it again, at
    most ATTEMPTS times. An effect already there when the app is idle is not acted on again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for _ in range(ATTEMPTS):
        wait_idle(page, timeout)
        if effect.count() and (state != "visible" or effect.first.is_visible()):
            return  # the previous attempt's effect arrived late
        action()
        try:
            effect.first.wait_for(state=state, timeout=EFFECT_TIMEOUT)
            return
        except PlaywrightTimeoutError:
            continue  # lost, or slow: the next round waits for idle and looks again before acting
    raise AssertionError(f"{what}: no effect after {ATTEMPTS} attempts")


def open_page(page, base_url: str, path: str, heading: str) -> None:
    """Go to ``path`` and wait for its title and for the app to be idle."""
    page.goto(f"{base_url}/{path}")
    page.get_by_role("heading", name=heading).first.wait_for(timeout=60_000)
    wait_idle(page)


def test_the_churn_file_gets_the_articles_features_and_two_different_axes(app_page):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app_page.base_url, "data", "Data")
    act_until(page, lambda: page.get_by_text("Upload a CSV").click(),
              page.locator("[data-testid='stFileUploaderDropzone']"), what="choosing 'Upload a CSV'")
    act_until(page, lambda: page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(CHURN)),
              page.get_by_text("look like row numbers or identifiers"), what="uploading the churn file")
    wait_idle(page)
    assert app_page.exceptions() == []
    features = page.locator("[data-testid='stMultiSelect']").first.inner_text()
    for name in ("CreditScore", "Age", "Tenure", "Balance", "NumOfProducts", "HasCrCard", "IsActiveMember",
                 "EstimatedSalary"):
        assert name in features
    assert "CustomerId" not in features and "RowNumber" not in features
    axes = [page.locator("[data-testid='stSelectbox']").filter(has_text=name).locator("input").input_value()
            for name in ("Horizontal axis", "Vertical axis")]
    assert axes == ["CreditScore", "Age"]
    notices = page.locator("[data-testid='stAlert']").first.inner_text()
    assert "SMOTENC" in notices and "CustomerId (its name" in notices
    folder = app_page.screenshot("article-data-page").parent
    page.get_by_text("Horizontal axis").first.scroll_into_view_if_needed()
    page.screenshot(path=str(folder / "article-data-page-1280.png"))
    assert app_page.console_errors == []


def test_replay_the_article_from_the_compare_page_with_the_sample(app_page):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app_page.base_url, "compare", "Compare classifiers")
    act_until(page, lambda: page.get_by_text("Replay the article: bank churn").click(),
              page.get_by_text("The replay needs the article's data"), what="opening the replay")
    act_until(page, lambda: page.get_by_role("button", name="Load the bank-churn-shaped sample and replay").click(),
              page.get_by_text("Loaded the bank-churn-shaped sample"), what="loading the sample")
    page.get_by_text("One lucky split?").first.wait_for(timeout=180_000)
    wait_idle(page, timeout=180_000)
    assert app_page.exceptions() == []
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "as in the article" in main or "is not installed here" in main
    assert "It is now the data on every page" in main
    assert page.get_by_role("button", name="Back to the previous data").is_visible()
    assert "XGBoost's defaults changed" in main and "bank-churn-shaped sample" in main
    assert "Why this run's figures can differ from the article's" in main
    table = page.locator("[data-testid='stDataFrame']").first
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    charts = page.locator("[data-testid='stPlotlyChart']")
    assert charts.count() == 2
    spread = charts.nth(0)
    spread.scroll_into_view_if_needed()
    labels = spread.locator(".annotation-text").all_text_contents()
    assert labels == ["article before: 44.82 %", "article after: 63.61 %"]
    folder = app_page.screenshot("article-compare-replay").parent
    page.get_by_text("Replay the article: bank churn").scroll_into_view_if_needed()
    page.screenshot(path=str(folder / "article-compare-1280.png"))
    table.screenshot(path=str(folder / "article-table.png"))
    spread.screenshot(path=str(folder / "article-spread.png"))
    charts.nth(1).screenshot(path=str(folder / "article-confusion.png"))
    assert app_page.console_errors == []
