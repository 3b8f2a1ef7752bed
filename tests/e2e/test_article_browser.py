"""Real browser: the bank-churn file on the Data page, and the article replayed on the Compare page."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHURN = Path(__file__).resolve().parents[1] / "data" / "good" / "bank_churn_like.csv"


def test_the_churn_file_gets_the_articles_features_and_two_different_axes(app_page):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    app_page.open("data")
    page.get_by_text("Upload a CSV").click()
    app_page.wait_idle()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(CHURN))
    page.get_by_text("look like row numbers or identifiers").first.wait_for(timeout=60_000)
    app_page.wait_idle()
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
    app_page.open("compare")
    page.get_by_text("Replay the article: bank churn").click()
    page.get_by_text("The replay needs the article's data").first.wait_for()
    page.get_by_role("button", name="Load the bank-churn-shaped sample and replay").click()
    page.get_by_text("One lucky split?").first.wait_for(timeout=180_000)
    app_page.wait_idle(timeout=180_000)
    assert app_page.exceptions() == []
    main = page.locator("[data-testid='stMain']").inner_text()
    assert "as in the article" in main or "is not installed here" in main
    assert "XGBoost's defaults changed" in main and "bank-churn-shaped sample" in main
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
