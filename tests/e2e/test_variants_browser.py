"""The SMOTE family page in a real browser: the grid renders, failures are messages, no exception."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS, step_shown, wait_still

pytestmark = pytest.mark.e2e
STEP_LINE = re.compile(r"^Step (\d+) of (\d+)")


def view_shot(page, name: str) -> None:
    """A screenshot of what the window shows (the fixture's screenshot captures the whole page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def wait_for_step(page, step, timeout=30_000):
    """Wait until the step-through says "Step <step> of N" (``step`` None: the last step); (step, N)."""
    return step_shown(page, STEP_LINE.pattern, step, timeout)


CHART = "[data-testid='stPlotlyChart'] .js-plotly-plot"


def test_gallery_renders_every_panel(app_page):
    app_page.open("")
    page = app_page.page
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text="SMOTE family").click()
    app_page.wait_idle()
    chart = page.locator(CHART).first
    chart.wait_for(timeout=60_000)
    assert app_page.exceptions() == []
    assert "Current data" in page.locator("[data-testid='stSidebar']").inner_text()
    titles = chart.locator(".annotation-text").all_text_contents()
    for name in ("Original data", "SMOTE", "BorderlineSMOTE-1", "SVMSMOTE", "KMeansSMOTE", "ADASYN",
                 "SMOTE + ENN", "RandomUnderSampler"):
        assert any(t.startswith(name) for t in titles), name
    assert chart.locator(".cartesianlayer .subplot").count() == 12
    assert chart.locator(".legendtext").filter(has_text="danger: a seed").count() == 1
    assert chart.locator(".scatterlayer .point").count() > 2000  # markers drawn in every panel
    app_page.screenshot("variants_gallery")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(app_page.screenshot("variants_gallery").with_name("variants_gallery_chart.png")))
    assert not app_page.console_errors


def test_failing_sampler_is_a_message_in_the_browser(app_page):
    app_page.open("variants?shape=ring&n=200&minority=0.1&seed=7&vpanels=smote,kmeanssmote,rus&vstrategy=minority")
    page = app_page.page
    page.locator(CHART).first.wait_for(timeout=60_000)
    assert app_page.exceptions() == []
    alerts = " ".join(page.locator("[data-testid='stAlert']").all_inner_texts())
    assert "Current data" in page.locator("[data-testid='stSidebar']").inner_text()  # the router ran
    assert "no k-means cluster" in alerts
    assert "cannot be used to under-sample" in alerts
    app_page.screenshot("variants_failures")
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(app_page.screenshot("variants_failures").with_name("variants_failures_chart.png")))


def test_step_through_adasyn_in_the_browser(app_page):
    app_page.open("variants?vwalk=adasyn&vpanels=smote")
    page = app_page.page
    page.get_by_role("tab", name="Step through BorderlineSMOTE and ADASYN").click()
    page.get_by_text("Step 0: weigh the minority points").wait_for(timeout=60_000)
    assert app_page.exceptions() == []
    app_page.screenshot("variants_walk_step0")
    for n in range(1, 5):  # the first from step 0 (the server's figure) reruns; the others are the browser's
        page.get_by_role("button", name="Next").click()
        wait_for_step(page, n)
        app_page.wait_idle()
    page.get_by_text("Phase 4 of 4").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('vstep=4')", polling=50)
    chart = page.locator(CHART).last
    chart.wait_for()
    assert chart.locator(".textpoint").filter(has_text="x_new").count() == 1
    assert app_page.exceptions() == []
    app_page.screenshot("variants_walk_step4")


def test_balanced_data_and_three_classes_in_the_browser(app_page):
    page = app_page.page
    app_page.open("variants?minority=0.5")
    chart = page.locator(CHART).first
    chart.wait_for(timeout=60_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    alerts = " ".join(page.locator("[data-testid='stAlert']").all_inner_texts())
    assert "SVMSMOTE: already balanced: nothing to make" in alerts
    assert "could not run" not in alerts
    app_page.screenshot("variants_balanced")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(app_page.screenshot("variants_balanced").with_name("variants_balanced_chart.png")))

    app_page.open("variants?classes=3&minority=0.2&n=300")
    chart = page.locator(CHART).first
    chart.wait_for(timeout=60_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    titles = chart.locator(".annotation-text").all_text_contents()
    smote = next(t for t in titles if t.startswith("SMOTE") and "Tomek" not in t and "ENN" not in t)
    assert "recall" in smote
    app_page.screenshot("variants_three_classes")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(app_page.screenshot("variants_three_classes").with_name("variants_three_chart.png")))


def test_four_classes_and_step_through_keys_on_a_small_screen(app_page):
    page = app_page.page
    page.set_viewport_size({"width": 1280, "height": 720})
    app_page.open("variants?classes=4")
    chart = page.locator(CHART).first
    chart.wait_for(timeout=60_000)
    app_page.wait_idle()
    assert app_page.exceptions() == []
    titles = chart.locator(".annotation-text").all_text_contents()
    assert sum("held-out scores unavailable" in t for t in titles) <= 1
    alerts = " ".join(page.locator("[data-testid='stAlert']").all_inner_texts())
    assert "in the test part: recall can only be 0" in alerts
    view_shot(page, "variants_four_1280_view")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(app_page.screenshot("variants_four_classes").with_name("variants_four_chart.png")))

    page.get_by_role("tab", name="Step through BorderlineSMOTE and ADASYN").click()
    wait_for_step(page, 0, 60_000)
    app_page.wait_idle()
    walk = page.locator(CHART).last
    walk.wait_for()
    # With the settings collapsed, the step buttons and the whole step-through figure fit one 1280 x 720 screen
    # (less Streamlit's 60 px header) at the same time.
    page.get_by_role("tab", name="Side by side").evaluate("el => el.scrollIntoView({block: 'start'})")
    wait_still(page)
    view_shot(page, "variants_walk_1280_view")
    box, buttons = walk.bounding_box(), page.get_by_role("button", name="Next").bounding_box()
    assert box["y"] + box["height"] - buttons["y"] <= 720 - 60, (box, buttons)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 1)
    page.keyboard.press("End")
    last = wait_for_step(page, None)
    assert last[0] == last[1] > 1
    page.keyboard.press("Home")
    wait_for_step(page, 0)
    assert app_page.exceptions() == []
    page.set_viewport_size({"width": 1400, "height": 900})
    wait_still(page)
    view_shot(page, "variants_walk_1400_view")
    assert not app_page.console_errors
