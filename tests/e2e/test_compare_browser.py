"""Real browser at 1280 x 720: run a comparison, see the first screen (headline, bars, confusion matrices), open the
detail tabs, presenter mode with everything that matters in view, the leak and calibration figures, and no table
that scrolls sideways."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import wait_still

pytestmark = pytest.mark.e2e

IN_VIEW = """e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width,
            height: window.innerHeight}; }"""
TABLES_FIT = """() => [...document.querySelectorAll('[data-testid=stDataFrame] .dvn-scroller')]
    .map(e => [e.scrollWidth, e.clientWidth])"""


def assert_in_view(box: dict, what: str) -> None:
    assert box["top"] >= 0 and box["bottom"] <= box["height"], (what, box)


def open_tab(app_page, name: str) -> None:
    app_page.page.get_by_role("tab", name=name).click()
    app_page.wait_idle()
    assert app_page.exceptions() == []


def tables_fit(app_page) -> list:
    """Every table on the page as [scrollWidth, clientWidth]; asserts none scrolls sideways."""
    widths = app_page.page.evaluate(TABLES_FIT)
    assert all(scroll <= client + 1 for scroll, client in widths), widths
    return widths


def test_run_a_comparison_and_read_the_first_screen_and_every_tab_at_1280_px(app_page):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    app_page.open("compare")
    assert page.get_by_role("heading", name="Compare classifiers").first.is_visible()
    page.get_by_role("button", name="Run comparison").click()
    page.get_by_text("The accuracy paradox").first.wait_for(timeout=120_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    folder = app_page.screenshot("compare-page").parent
    page.screenshot(path=str(folder / "compare-1280-after-run.png"))
    # The settings folded away: the headline is high on the page, the bars and matrices one scroll below.
    assert not page.get_by_text("Cross-validation folds (0 = off)").is_visible()
    metrics = page.locator("[data-testid='stMetric']")
    assert metrics.count() == 3
    assert_in_view(metrics.first.evaluate(IN_VIEW), "headline")
    assert "→" in metrics.first.inner_text() and "±" in metrics.first.inner_text()
    charts = page.locator("[data-testid='stPlotlyChart']")
    assert charts.count() == 2
    confusion = charts.nth(1)
    confusion.scroll_into_view_if_needed()
    confusion.locator(".js-plotly-plot").wait_for()
    cells = " ".join(confusion.locator("svg text").all_text_contents())
    for name in ("TN", "FP", "FN", "TP"):
        assert cells.count(name) >= 2, name
    assert "No balancing" in cells and "finds" in cells
    page.screenshot(path=str(folder / "compare-1280-first-screen.png"))
    # Every tab opens; no table scrolls sideways; the calibration figure renders.
    for tab in ("Held-out split", "Changes ± spread", "Cross-validation", "Decision regions", "Calibration",
                "Leak", "Caveats", "Code"):
        open_tab(app_page, tab)
        tables_fit(app_page)
    open_tab(app_page, "Held-out split")
    assert "90.0% accurate on the test part, yet its recall is 0.0%" in page.locator("[data-testid='stMain']").inner_text()
    open_tab(app_page, "Calibration")
    calibration = charts.last
    calibration.scroll_into_view_if_needed()
    calibration.locator(".js-plotly-plot").wait_for()
    assert calibration.locator("g.scatterlayer g.trace").count() == 3  # the diagonal, before, after
    assert "Brier" in " ".join(calibration.locator("svg text").all_text_contents())
    page.screenshot(path=str(folder / "compare-1280-calibration.png"))
    open_tab(app_page, "Code")
    assert "from imblearn.pipeline import Pipeline" in page.locator("[data-testid='stCode']").first.inner_text()
    assert app_page.console_errors == []


def presenter_view_fits(app_page) -> None:
    """The main figure entirely in view and at least 720 px wide, the Run button and the narration in view, with
    the page unscrolled; tick labels projector-sized."""
    page = app_page.page
    bars = page.locator("[data-testid='stPlotlyChart']").first
    bars.locator(".js-plotly-plot .main-svg").first.wait_for()
    wait_still(page)
    assert page.locator("[data-testid='stMain']").evaluate("e => e.scrollTop") == 0  # nothing was scrolled
    figure = bars.evaluate(IN_VIEW)
    assert_in_view(figure, "main figure")
    assert figure["width"] >= 720, figure
    assert_in_view(page.get_by_role("button", name="Run comparison").first.evaluate(IN_VIEW), "Run button")
    assert_in_view(page.get_by_text("raised Logistic regression").first.evaluate(IN_VIEW), "narration")
    sizes = bars.locator(".xtick text, .ytick text").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 16, sizes


def test_presenter_mode_shows_the_run_button_the_narration_and_the_main_figure_without_scrolling(app_page):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    # With predict first too: the question, then the verdict in one line that leaves the figure in view.
    app_page.open("compare?present=1&predict=1")
    page.get_by_role("button", name="Run comparison").first.click()
    page.get_by_role("button", name="Reveal").wait_for(timeout=120_000)
    app_page.wait_idle()
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0  # held back
    radios = page.locator("[data-testid='stRadio']")
    radios.nth(0).get_by_text("up", exact=True).click()
    radios.nth(1).get_by_text("down", exact=True).click()
    page.get_by_role("button", name="Reveal").click()
    page.get_by_text("2 of 2 right.").first.wait_for(timeout=60_000)
    app_page.wait_idle()
    presenter_view_fits(app_page)
    assert_in_view(page.get_by_text("2 of 2 right.").first.evaluate(IN_VIEW), "verdict")
    folder = app_page.screenshot("compare-present-predict").parent
    page.screenshot(path=str(folder / "compare-1280-presenter-predict.png"))

    page.goto(app_page.base_url + "/compare?present=1")  # a fresh session: presenter mode alone
    app_page.wait_idle()
    page.get_by_role("button", name="Run comparison").first.click()
    page.get_by_text("raised Logistic regression").first.wait_for(timeout=120_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    presenter_view_fits(app_page)
    # The explanatory paragraphs and the settings are not on the page (the settings wait behind a button).
    assert not page.get_by_text("Does balancing the training data help").is_visible()
    assert page.locator("[data-testid='stMain'] [data-testid='stForm']").count() == 0
    folder = app_page.screenshot("compare-present").parent
    page.screenshot(path=str(folder / "compare-1280-presenter.png"))
    assert app_page.console_errors == []


def test_leaky_mode_draws_the_leak_and_its_table_fits(app_page):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    app_page.open("compare?leaky=1")  # a shared link runs at once
    page.get_by_text("The accuracy paradox").first.wait_for(timeout=120_000)
    app_page.wait_idle()
    assert "leaky=1" in page.url
    open_tab(app_page, "Leak")
    page.get_by_text("Resampling before the split puts").wait_for(timeout=60_000)
    widths = tables_fit(app_page)
    assert len(widths) == 1
    leak = page.locator("[data-testid='stPlotlyChart']").last
    leak.scroll_into_view_if_needed()
    leak.locator(".js-plotly-plot").wait_for()
    titles = " ".join(leak.locator(".annotation-text, .gtitle").all_text_contents())
    assert "Leaky: resampled, then split" in titles and "Honest: split, then resampled" in titles
    assert leak.locator("g.boxlayer g.trace").count() == 2  # leaky and honest distances
    words = page.get_by_text("lie closer than the median honest test row").first.inner_text()
    assert "standard deviations" in words
    leak.scroll_into_view_if_needed()
    wait_still(page)
    from tests.e2e.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compare-1280-leak.png"))
    app_page.screenshot("compare-leaky")
    # The settings open again to change a choice and run once more.
    page.get_by_text("Settings:").first.click()
    page.get_by_text("Leaky mode: also resample").click()
    page.get_by_role("button", name="Run comparison").click()
    # The new run ends by writing its settings to the link: wait for that (a busy machine may start the rerun
    # after wait_idle's first look), then for the run to settle.
    page.wait_for_url(re.compile(r"[?&]leaky=0(&|$)"), timeout=120_000)
    app_page.wait_idle(timeout=120_000)
    assert "leaky=0" in page.url
    assert app_page.exceptions() == [] and app_page.console_errors == []


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
    assert "other classes" in ticks and "class churn" in ticks and "predicted" in ticks
    folder = app_page.screenshot("compare-middle-class").parent
    warning.first.screenshot(path=str(folder / "compare-middle-warning.png"))
    page.get_by_text("The accuracy paradox").first.scroll_into_view_if_needed()
    app_page.screenshot("compare-middle-paradox")
    confusion.screenshot(path=str(folder / "compare-middle-confusion.png"))
    assert app_page.console_errors == []


def test_ring_data_with_every_treatment_reads_cleanly_at_1280_px(app_page):
    """Ring data, 5 % minority, every treatment and leaky mode, from a shared link at 1280 x 720: no table scrolls
    sideways in any tab, the held-out bars carry no run-together labels, the few test positives are warned about
    and the dummy's tie-break is explained once."""
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    app_page.open("compare?shape=ring&minority=0.05&treat=none,smote,ros,rus,weight,threshold&folds=0&leaky=1&big=0")
    page.get_by_text("The accuracy paradox").first.wait_for(timeout=120_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    joined = page.locator("[data-testid='stMain']").inner_text()
    assert "so recall on it can only be 0%, 50%, 100%" in joined
    assert "Compared on the current data (200 rows), as chosen" in joined
    bars = page.locator("[data-testid='stPlotlyChart']").first
    bars.scroll_into_view_if_needed()
    bars.locator(".js-plotly-plot").wait_for()
    assert bars.locator("text.bartext").count() == 0  # 6 treatments: no value labels
    folder = app_page.screenshot("compare-ring-1280").parent
    bars.screenshot(path=str(folder / "compare-ring-bars-1280.png"))
    # The dummy's tie-break is explained once on the whole page: under the bars or in one tab, never twice.
    main = page.locator("[data-testid='stMain']")
    open_tab(app_page, "Held-out split")
    first_screen = main.inner_text().count("The dummy after balancing")  # the held-out tab itself has no note
    notes = first_screen
    for tab in ("Held-out split", "Changes ± spread", "Cross-validation", "Leak", "Caveats"):
        open_tab(app_page, tab)
        tables_fit(app_page)
        page.screenshot(path=str(folder / f"compare-ring-{tab.split()[0].lower()}-1280.png"))
        if tab != "Held-out split":
            notes += main.inner_text().count("The dummy after balancing") - first_screen
    assert notes == 1
    leak_text = page.get_by_text("Resampling before the split puts").first
    open_tab(app_page, "Leak")
    assert "dummy" not in leak_text.inner_text()
    assert app_page.console_errors == []
