"""The Playground in a real browser at 1280 x 720: clicks and drags on the figure reach SMOTE, λ moves without
the server, and the counterfactual switch puts new points among the majority."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

from tests.e2e.conftest import ARTIFACTS, POLL_MS, AppPage, wait_still
from tests.e2e.playground_helpers import (
    CHART,
    all_points,
    empty_spots,
    slider_text,
    to_screen,
    trace_named,
    traces,
    wait_for_trace_name,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def playground(browser, app_url):
    """A 1280 x 720 tab on the playground, recording what the browser sends over the websocket."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(60_000)
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    app = AppPage(page, app_url)
    app.open("playground")
    page.wait_for_selector(CHART)
    app.sent = sent
    yield app
    assert app.console_errors == []
    context.close()


def text(app: AppPage) -> str:
    return " ".join(app.page.locator("[data-testid='stMarkdown']").all_inner_texts())


def xy(trace: dict) -> np.ndarray:
    return np.column_stack([trace["x"], trace["y"]]).astype(float)


def shot(app: AppPage, name: str) -> None:
    """What a learner sees at 1280 x 720 (the viewport, not the whole page), and the whole page."""
    ARTIFACTS.mkdir(exist_ok=True)
    app.page.evaluate("document.querySelectorAll('*').forEach(e => { if (e.scrollTop > 0) e.scrollTop = 0; })")
    wait_still(app.page)
    app.page.screenshot(path=str(ARTIFACTS / f"{name}-1280x720.png"))
    app.screenshot(name)


def click_data(app: AppPage, x: float, y: float) -> None:
    app.page.mouse.click(*to_screen(app.page, x, y))
    app.wait_idle()


def test_clicks_add_remove_and_drag_points_and_smote_answers(playground):
    page = playground.page
    assert len(trace_named(page, "class 1 (")["x"]) == 5 and "new points (7)" in traces(page)
    spots = empty_spots(page, all_points(page), count=4)
    for x, y in spots[:3]:
        click_data(playground, x, y)
    assert "class 1 (8)" in traces(page) and "new points (4)" in traces(page)
    assert "8 of class 1" in text(playground) and "SMOTE adds 4 of class 1" in text(playground)
    assert "pts=" in page.url and "start=twelve" in page.url  # the small board is in the link to share
    added = xy(trace_named(page, "class 1 ("))[-3:]
    x0, x1 = page.evaluate(f"document.querySelector('{CHART}').layout.xaxis.range")
    tolerance = 2 * (x1 - x0) / page.locator(f"{CHART} .nsewdrag").bounding_box()["width"]  # two pixels
    assert np.allclose(added, np.array(spots[:3]), atol=tolerance)
    shot(playground, "playground-three-points")

    # Drag the last added point to the fourth spot.
    start, end = to_screen(page, *spots[2]), to_screen(page, *spots[3])
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move((start[0] + end[0]) / 2, (start[1] + end[1]) / 2, steps=4)
    page.mouse.move(*end, steps=4)
    page.mouse.up()
    playground.wait_idle()
    moved = xy(trace_named(page, "class 1 (8)"))[-1]
    assert np.allclose(moved, spots[3], atol=tolerance)
    assert "Moved point 19" in " ".join(page.locator("[data-testid='stAlert']").all_inner_texts())

    # A click on a point removes it.
    click_data(playground, *spots[0])
    assert "class 1 (7)" in traces(page)
    assert playground.exceptions() == []


def test_pick_a_seed_and_a_neighbour_then_move_lambda_in_the_browser_only(playground):
    page = playground.page
    page.get_by_role("radio", name="Pick a seed").click()
    playground.wait_idle()
    plot_box = page.locator(f"{CHART} .nsewdrag").bounding_box()
    seed = xy(trace_named(page, "class 1 ("))[0]
    click_data(playground, *seed)
    wait_for_trace_name(page, "neighbours")  # the rerun has drawn them, not only started
    neighbours = xy(traces(page)["neighbours"])
    assert len(neighbours) == 3
    click_data(playground, *neighbours[0])
    wait_for_trace_name(page, "chosen neighbour x_zi")
    shown = traces(page)
    assert np.allclose(xy(shown["seed x_i"])[0], seed, atol=1e-5)
    chosen = xy(shown["chosen neighbour x_zi"])[0]
    assert np.allclose(chosen, neighbours[0], atol=1e-5)
    assert slider_text(page).startswith("λ = 0.50")
    assert page.locator(f"{CHART} .nsewdrag").bounding_box() == plot_box  # the slider never moves the plot
    shot(playground, "playground-seed-and-neighbour")

    region = page.locator(f"{CHART} .shapelayer path")
    assert region.count() == 1  # the classifier's region, tinted
    page.evaluate("""() => { window.__states = [];
        const app = document.querySelector("[data-testid='stApp']");
        new MutationObserver(() => window.__states.push(app.getAttribute('data-test-script-state')))
          .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }""")
    playground.sent.clear()
    grip = page.locator(f"{CHART} .slider-grip-rect").first
    grip.scroll_into_view_if_needed()
    rail = page.locator(f"{CHART} .slider-rail-rect").first.bounding_box()
    box = grip.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    for fraction in np.linspace(0.5, 0.8, 8):
        page.mouse.move(rail["x"] + rail["width"] * fraction, y, steps=3)
    page.mouse.up()
    playground.wait_idle()  # a message sent by the drag would have started a rerun within its grace
    assert playground.sent == []  # not one websocket message: no round trip to the server
    assert page.evaluate("window.__states") == []  # and no script run
    assert region.count() == 1  # the region and its boundaries stay drawn while λ moves
    assert page.locator(f"{CHART} .scatterlayer .trace path.js-line").count() >= 2

    label = slider_text(page)
    lam = float(re.match(r"λ = (\d\.\d\d)", label).group(1))
    assert 0.7 <= lam <= 0.9
    x_new = xy(traces(page)["your x_new"])[0]
    assert np.allclose(x_new, seed + lam * (chosen - seed), atol=1e-4)  # the figure's x_new, by the formula
    shown_new = re.search(r"= \(([-\d.e]+), ([-\d.e]+)\)$", label)
    assert np.allclose([float(shown_new.group(1)), float(shown_new.group(2))], x_new, rtol=1e-3)
    page.mouse.click(rail["x"] + 2, y)  # the far left of the rail: λ = 0, x_new on the seed
    page.wait_for_function("([chart]) => { const e = document.querySelector(chart + ' .slider-group > text.slider-label');"
                           " return !!e && e.textContent.includes('λ = 0.00'); }", arg=[CHART],
                           polling=POLL_MS)
    assert slider_text(page).startswith("λ = 0.00")
    assert np.allclose(xy(traces(page)["your x_new"])[0], seed, atol=1e-5)
    assert playground.sent == []
    shot(playground, "playground-lambda-moved")


def landed_among_majority(page) -> int:
    """New points whose nearest original point (each axis in its standard deviations) is a class 0 point."""
    majority, minority = xy(trace_named(page, "class 0 (")), xy(trace_named(page, "class 1 ("))
    new = xy(trace_named(page, "new points ("))
    originals = np.vstack([majority, minority])
    labels = np.array([0] * len(majority) + [1] * len(minority))
    scaler = StandardScaler().fit(originals)
    nearest = NearestNeighbors(n_neighbors=1).fit(scaler.transform(originals)).kneighbors(
        scaler.transform(new), return_distance=False)[:, 0]
    return int(np.sum(labels[nearest] == 0))


def test_neighbours_from_every_class_put_new_points_among_the_majority(playground):
    page = playground.page
    assert landed_among_majority(page) == 0
    assert "0 lie nearer to a point of another class" in text(playground)
    page.get_by_text("Neighbours from every class").click()
    playground.wait_idle()
    landed = landed_among_majority(page)
    assert landed > 0
    assert f"{landed} lie nearer to a point of another class" in text(playground)
    shot(playground, "playground-every-class")
    page.get_by_text("Neighbours from every class").click()
    playground.wait_idle()
    assert landed_among_majority(page) == 0
    assert playground.exceptions() == []
