"""Real browser: run a comparison, see the metrics table, both confusion matrices and the leak."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_run_a_comparison_and_see_the_table_and_both_confusion_matrices(app_page):
    app_page.open("compare")
    page = app_page.page
    assert page.get_by_role("heading", name="Compare classifiers").first.is_visible()
    page.get_by_role("button", name="Run comparison").click()
    page.get_by_text("The accuracy paradox").first.wait_for(timeout=60_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []

    # The metrics table (a canvas grid): 10 rows, recall first after the names.
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for()
    assert table.get_attribute("data-testid") == "stDataFrame"
    assert page.get_by_text("Held-out metrics (change against no balancing)").is_visible()
    text = page.locator("[data-testid='stMarkdownContainer']").all_inner_texts()
    joined = " ".join(text)
    assert "90.0% accurate on the test part, yet its recall is 0.0%" in joined

    # Both confusion matrices, drawn by Plotly: two heatmaps with TN/FP/FN/TP labels.
    confusion = page.locator("[data-testid='stPlotlyChart']").nth(1)
    confusion.scroll_into_view_if_needed()
    confusion.locator(".js-plotly-plot").wait_for()
    titles = confusion.locator(".annotation-text").all_text_contents()
    assert any(t.startswith("No balancing (recall") for t in titles)
    assert any(t.startswith("SMOTE (recall") for t in titles)
    cells = confusion.locator("svg text").all_text_contents()
    labels = " ".join(cells)
    for name in ("TN", "FP", "FN", "TP"):
        assert labels.count(name) >= 2, name
    # Screenshots of each part (the page scrolls inside its own container, so a full-page shot shows one screen).
    folder = app_page.screenshot("compare-page").parent
    table.screenshot(path=str(folder / "compare-table.png"))
    charts = page.locator("[data-testid='stPlotlyChart']")
    assert charts.count() == 4
    for i, name in enumerate(["bars", "confusion", "regions", "cv"]):
        charts.nth(i).screenshot(path=str(folder / f"compare-{name}.png"))
    page.locator("[data-testid='stForm']").screenshot(path=str(folder / "compare-form.png"))
    code = page.locator("[data-testid='stCode']").first
    assert "from imblearn.pipeline import Pipeline" in code.inner_text()
    code.screenshot(path=str(folder / "compare-code.png"))

    # Turn on leaky mode and run again: the leak table and its explanation appear.
    page.get_by_text("Leaky mode: also resample").click()
    page.get_by_role("button", name="Run comparison").click()
    page.get_by_text("Resampling before the split puts").wait_for(timeout=60_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    assert page.locator("[data-testid='stDataFrame']").count() == 3
    assert "leaky=1" in page.url
    page.locator("[data-testid='stDataFrame']").nth(2).screenshot(path=str(folder / "compare-leak-table.png"))
    app_page.screenshot("compare-leaky")
    assert app_page.console_errors == []


def test_a_middle_class_chosen_as_minority_is_stated_truthfully(app_page):
    """Upload a CSV with three classes (stay 36, churn 16, fraud 8) and choose the middle one, churn, as minority:
    the page says it is not the smallest, scores churn against the other classes and never calls its rows the
    minority rows."""
    from pathlib import Path

    csv = Path(__file__).resolve().parents[1] / "data" / "good" / "three_classes.csv"
    app_page.open("data")
    page = app_page.page
    page.get_by_text("Upload a CSV").click()
    app_page.wait_idle()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(csv))
    page.get_by_text("class fraud (8)").first.wait_for()
    app_page.wait_idle()
    page.locator("[data-testid='stSelectbox']").filter(has_text="Minority class").locator("input").click()
    page.get_by_role("option", name="churn").click()
    app_page.wait_idle()
    page.locator("[data-testid='stSidebar']").get_by_text("Compare classifiers").click()
    page.get_by_role("heading", name="Compare classifiers").first.wait_for()
    app_page.wait_idle()
    warning = page.locator("[data-testid='stAlert']").filter(has_text="not the smallest class")
    assert "class fraud is the smallest (8 rows)" in warning.first.inner_text()
    assert page.get_by_text("one-vs-rest").first.is_visible()
    page.get_by_role("button", name="Run comparison").click()
    page.get_by_text("The accuracy paradox").first.wait_for(timeout=60_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    joined = " ".join(page.locator("[data-testid='stMarkdownContainer']").all_inner_texts())
    assert "class churn rows." in joined and "minority rows" not in joined
    assert "rows of other classes" in joined
    confusion = page.locator("[data-testid='stPlotlyChart']").nth(1)
    confusion.scroll_into_view_if_needed()
    confusion.locator(".js-plotly-plot").wait_for()
    ticks = " ".join(confusion.locator("svg text").all_text_contents())
    assert "predicted other classes" in ticks and "predicted class churn" in ticks
    folder = app_page.screenshot("compare-middle-class").parent
    warning.first.screenshot(path=str(folder / "compare-middle-warning.png"))
    page.get_by_text("The accuracy paradox").first.scroll_into_view_if_needed()
    app_page.screenshot("compare-middle-paradox")
    confusion.screenshot(path=str(folder / "compare-middle-confusion.png"))
    assert app_page.console_errors == []
