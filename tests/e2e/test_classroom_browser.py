"""Real browser: presenter mode fits a 1280 x 720 projector, the steppers fit a 390 x 844 phone, predict-first
answers are taken on the figure and scored."""

from __future__ import annotations

import re

import numpy as np
import pytest

from smote_viz.data import default_dataset
from smote_viz.smote import trace_smote
from tests.e2e.conftest import ARTIFACTS, POLL_MS, AppPage, wait_still

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
# A phone's browser says so in its User-Agent ("Mobile"), which the app reads (ui.on_phone).
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/131.0.0.0 Mobile Safari/537.36")
STEP_LINE = re.compile(r"^Step (\d+) of")

# (name, path, selector of the main figure, has a Next button)
PRESENTER_PAGES = [
    ("stepper", "stepper?present=1&step=2", ".st-key-stepper_chart", True),
    ("family-grid", "variants?present=1", ".st-key-variants_gallery", False),
    ("family-walk", "variants?present=1&vtab=walk&vstep=2", ".st-key-variants-walk_chart", True),
]
PHONE_PAGES = [
    ("stepper", "stepper?step=2", ".st-key-stepper_chart"),
    ("family-walk", "variants?vtab=walk&vstep=2", ".st-key-variants-walk_chart"),
]

# (inside a component's shadow root, ask that root: the document only knows the root's host)
ON_TOP = ("el => { const r = el.getBoundingClientRect();"
          " return el.contains(el.getRootNode().elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }")
BOX = "el => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; }"
FONTS = """root => {
  const sizes = sel => [...root.querySelectorAll(sel)]
      .filter(e => e.textContent.trim() && getComputedStyle(e).display !== 'none')
      .map(e => parseFloat(getComputedStyle(e).fontSize));
  return {ticks: sizes('.xtick text, .ytick text'),
          labels: sizes('.legendtext, .g-xtitle text, .g-ytitle text, .textpoint text, .annotation-text, .gtitle')};
}"""
SCROLLS = """() => [document.scrollingElement, ...document.querySelectorAll('[data-testid=stMain], section')]
    .filter(Boolean).some(e => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'hidden')"""


@pytest.fixture
def screen(browser, app_url, request):
    """A tab of the viewport given by the test's ``viewport`` parameter (a phone is emulated with touch)."""
    viewport = request.param
    phone = viewport == PHONE
    agent = {"user_agent": PHONE_AGENT} if phone else {}
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, **agent)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield AppPage(page, app_url)
    context.close()


def shoot(page, name: str) -> None:
    """A screenshot of what the viewport shows, into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def figure_ready(app: AppPage, selector: str) -> None:
    app.page.wait_for_selector(f"{selector} .js-plotly-plot .main-svg", state="attached")
    wait_still(app.page)  # Plotly's layout settles


# The step line: the stepping component's (Step through SMOTE) or a markdown paragraph (the family's step-through).
STEP_LINES = "[data-testid='stMarkdown'], .where:visible"


def step_of(page) -> int:
    line = page.locator(STEP_LINES).filter(has_text=STEP_LINE).first.inner_text()
    return int(STEP_LINE.match(line).group(1))


def wait_for_step(app: AppPage, n: int) -> None:
    app.page.locator(STEP_LINES).filter(has_text=re.compile(rf"^Step {n} of")).first.wait_for()
    app.wait_idle()


def inside(box: dict, viewport: dict) -> bool:
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["w"] <= viewport["width"] + 0.5 \
        and box["y"] + box["h"] <= viewport["height"] + 0.5


@pytest.mark.parametrize("screen", [PROJECTOR], indirect=True)
@pytest.mark.parametrize(("name", "path", "selector", "has_next"), PRESENTER_PAGES, ids=[p[0] for p in PRESENTER_PAGES])
def test_presenter_mode_fits_a_projector_screen(screen, name, path, selector, has_next):
    screen.open(path)
    page = screen.page
    figure_ready(screen, selector)
    assert screen.exceptions() == []
    assert page.locator("[data-testid='stSidebar']").count() == 0  # no sidebar
    assert page.get_by_role("button", name="Exit presenter mode").is_visible()
    chart = page.locator(f"{selector} [data-testid='stPlotlyChart']").first
    box = chart.evaluate(BOX)
    assert inside(box, PROJECTOR), box
    assert box["w"] >= 720, box
    if has_next:
        assert inside(page.get_by_role("button", name="Next").evaluate(BOX), PROJECTOR)
        assert page.get_by_role("button", name="Next").evaluate(ON_TOP), "Next is covered"
        narration = page.locator(".narration:visible").first  # the stepping component's
    else:
        narration = page.locator(".st-key-variants-present-row [data-testid='stMarkdown']").first
    assert narration.inner_text().strip()
    assert inside(narration.evaluate(BOX), PROJECTOR)
    assert not page.evaluate(SCROLLS), "the page scrolls"
    fonts = chart.evaluate(FONTS)
    assert fonts["ticks"] and min(fonts["ticks"]) >= 16, fonts
    assert fonts["labels"] and min(fonts["labels"]) >= 18, fonts
    shoot(page, f"presenter-{name}-1280x720.png")
    if has_next:  # the keyboard still steps
        before = step_of(page)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        page.keyboard.press("ArrowRight")
        wait_for_step(screen, before + 1)
        page.keyboard.press("Home")
        wait_for_step(screen, 0)
        assert "present=1" in page.url
    assert screen.console_errors == []


@pytest.mark.parametrize("screen", [PHONE], indirect=True)
@pytest.mark.parametrize(("name", "path", "selector"), PHONE_PAGES, ids=[p[0] for p in PHONE_PAGES])
def test_a_phone_shows_next_and_the_figure_together(screen, name, path, selector):
    screen.open(path)
    page = screen.page
    figure_ready(screen, selector)
    assert screen.exceptions() == []
    for _ in range(2):  # before and after a Next click, without scrolling
        chart = page.locator(f"{selector} [data-testid='stPlotlyChart']").first.evaluate(BOX)
        shown = min(chart["y"] + chart["h"], PHONE["height"]) - max(chart["y"], 0)
        assert shown >= 300, chart
        # ... most of it the plot itself (its square of axes), not an empty band above it
        plot = page.locator(f"{selector} .draglayer .xy .nsewdrag").first.evaluate(BOX)
        assert plot["w"] >= 200 and min(plot["y"] + plot["h"], PHONE["height"]) - plot["y"] >= 0.7 * plot["h"], plot
        previous = page.get_by_role("button", name="Previous").evaluate(BOX)
        following = page.get_by_role("button", name="Next").evaluate(BOX)
        if name == "stepper":  # right under the figure, near the top of the page (the family's: after one scroll)
            assert inside(following, PHONE) and inside(previous, PHONE)
        assert abs(previous["y"] - following["y"]) < 2, (previous, following)  # one row
        before = step_of(page)
        page.get_by_role("button", name="Next").tap()
        wait_for_step(screen, before + 1)
        figure_ready(screen, selector)
    shoot(page, f"phone-{name}-390x844.png")
    # Scrolled once so that the figure starts just below Streamlit's header (a 60 px bar over the top of the page;
    # a tap there lands on the header), the learner has the whole plot and Next under it in view, and keeps them
    # at each Next.
    header = page.locator("[data-testid='stHeader']").evaluate(BOX)
    page.locator(selector).first.evaluate(
        "(el, top) => { el.scrollIntoView({block: 'start'});"
        " document.querySelector('[data-testid=stMain]').scrollTop -= top; }", header["h"] + 8)
    for _ in range(2):
        plot = page.locator(f"{selector} .draglayer .xy .nsewdrag").first.evaluate(BOX)
        following = page.get_by_role("button", name="Next")
        assert inside(plot, PHONE) and plot["y"] >= header["h"], plot
        assert inside(following.evaluate(BOX), PHONE), following.evaluate(BOX)
        assert following.evaluate(ON_TOP), "Next is covered"
        before = step_of(page)
        page.get_by_role("button", name="Next").tap()
        wait_for_step(screen, before + 1)
        figure_ready(screen, selector)
    shoot(page, f"phone-{name}-390x844-scrolled.png")


CLICK_AT = """([selector, x, y]) => {
  const g = document.querySelector(selector + ' .js-plotly-plot'), L = g._fullLayout, r = g.getBoundingClientRect();
  return [r.left + L.xaxis._offset + L.xaxis.l2p(x), r.top + L.yaxis._offset + L.yaxis.l2p(y)];
}"""


SINCE_LAST_CLICK = """(selector) => {
  const g = document.querySelector(selector + ' .js-plotly-plot');
  return !window.__lastClick || performance.now() - window.__lastClick > (g._context.doubleClickDelay || 300) + 50;
}"""


def picked(page) -> int:
    """How many points the narration says are picked ("Your answer so far: ...")."""
    line = page.locator("[data-testid='stCaptionContainer']").filter(has_text="Your answer so far").first.inner_text()
    found = re.search(r"(\d+) points?", line)
    return int(found.group(1)) if found else 0


def pick(app: AppPage, selector: str, points) -> None:
    """Click each point of ``points`` on the figure, shift-clicking all but the first (a multiple selection), and
    check after each click that the narration counts it; a click that fell during a redraw is made again, as a
    learner who sees the count unchanged would."""
    page = app.page
    for n, (x, y) in enumerate(points):
        for _attempt in range(3):
            # two clicks closer than Plotly's double-click delay are a double click (which resets the zoom)
            page.wait_for_function(SINCE_LAST_CLICK, arg=selector, polling=POLL_MS)
            px, py = page.evaluate(CLICK_AT, [selector, float(x), float(y)])
            if n:
                page.keyboard.down("Shift")
            page.mouse.click(px, py)
            page.evaluate("() => { window.__lastClick = performance.now(); }")
            if n:
                page.keyboard.up("Shift")
            app.wait_idle()
            if picked(page) == n + 1:
                break
        assert picked(page) == n + 1, f"click {n + 1} was not counted"


@pytest.mark.parametrize("screen", [PROJECTOR], indirect=True)
def test_predict_first_takes_the_answer_on_the_figure_and_scores_it(screen):
    ds = default_dataset()
    trace = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
    truth = [int(r) for r in trace.neighbor_indices[0]]
    seed = int(trace.seed_index[0])
    minority = np.flatnonzero(ds.y == 1)
    by_distance = minority[np.argsort(np.linalg.norm(ds.X2[minority] - ds.X2[seed], axis=1), kind="stable")]
    # a plausible wrong guess, in the zoomed view at step 1: the 6th nearest (the nearest that is not chosen)
    wrong = next(int(r) for r in by_distance if r not in truth and r != seed)
    screen.open("stepper?present=1&predict=1&step=1")
    page = screen.page
    figure_ready(screen, ".st-key-stepper_figure")
    narration = page.locator(".st-key-smote-lab-narration")
    assert "which 5 points of class 1 are the nearest neighbours" in narration.inner_text()
    pick(screen, ".st-key-stepper_figure", [ds.X2[r] for r in truth[:4] + [wrong]])
    page.get_by_role("button", name="Next").click()
    wait_for_step(screen, 2)
    text = narration.inner_text()
    assert "4 of your 5 were right." in text and f"row {wrong} is only the" in text
    assert "which of the 5 neighbours will be chosen?" in text
    assert "predict=1" in page.url and "step=2" in page.url
    shoot(page, "predict-stepper-1280x720.png")
    # SMOTE family: which points are in danger? One pick, scored against the vote on the next click.
    screen.open("variants?predict=1&vtab=walk")
    figure_ready(screen, ".st-key-variants-walk_figure")
    assert "which minority points are in danger?" in page.locator(".st-key-smote-lab-narration").inner_text()
    assert "vtab=walk" in page.url and "predict=1" in page.url
    minority = ds.X2[np.flatnonzero(ds.y == 1)[0]]
    pick(screen, ".st-key-variants-walk_figure", [minority])
    page.get_by_role("button", name="Reveal").click()
    page.locator(".st-key-smote-lab-narration").filter(has_text=re.compile(r"of your 1 was right")).wait_for()
    assert screen.exceptions() == [] and screen.console_errors == []
