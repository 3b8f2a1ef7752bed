"""Real browser: paths found by trying combinations ("Every path a user can take works").

- Play, then a pause (an arrow key or the figure's Pause button), raises no page error;
- presenter mode shows no sidebar and no empty band, from the first paint of a server's very first request;
- the stepper's overview map covers no label and no highlighted marker, at the widths the figure is drawn at;
- nothing floating covers a link of the lesson (or of Home) in presenter mode at 1280 x 720;
- no tooltip of the stepper's buttons covers the figure (its legend and labels) while the learner clicks on.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS, AppPage, next_frame, streamlit_server, tooltip_shown, wait_still

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1280, "height": 720}
PLAY_CHART = ".st-key-stepper_play_chart .js-plotly-plot"
FIGURE = ".st-key-stepper_figure"


def blur(page) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")


def wait_for_step(app: AppPage, n: int) -> None:
    app.page.locator("[data-testid='stMarkdown']").filter(has_text=re.compile(rf"^Step {n} of")).first.wait_for()
    app.wait_idle()


def figure_ready(app: AppPage, selector: str = FIGURE) -> None:
    app.page.wait_for_selector(f"{selector} .js-plotly-plot .main-svg", state="attached")
    wait_still(app.page)  # Plotly's layout settles


# --- 1. Play, then pause: no page error --------------------------------------------------------------------------

@pytest.mark.parametrize("pause", ["arrow key", "Pause button"])
def test_play_then_pause_raises_no_page_error(app_page, pause):
    """Pausing interrupts Plotly.animate, which rejects the interrupted animation's promise without a reason;
    the figure's Play button left it unhandled, and the page reported an uncaught "undefined" every time."""
    app_page.open("stepper?step=10&speed=normal")
    page = app_page.page
    for _ in range(2):
        page.get_by_role("button", name="Play").click()
        page.wait_for_selector(PLAY_CHART, state="attached")
        page.wait_for_function(
            f"() => {{ const g = document.querySelector('{PLAY_CHART}');"
            " return g && g._fullLayout && g._fullLayout.sliders && g._fullLayout.sliders[0].active >= 2; }"
        )
        if pause == "arrow key":
            blur(page)
            page.keyboard.press("ArrowRight")
        else:
            page.locator(f"{PLAY_CHART} .updatemenu-button").filter(has_text="Pause").click()
        page.get_by_role("button", name="Next").wait_for()  # paused: the stepper carries on from there
        app_page.wait_idle()
        next_frame(page)  # an unhandled rejection is reported once the microtasks have run
        assert app_page.console_errors == [], (pause, app_page.console_errors)
    assert app_page.exceptions() == []


# --- 2. Presenter mode: no sidebar from the first paint ------------------------------------------------------------

# Every animation frame from the document's start: was a sidebar drawn, or the page pushed right of an empty band?
WATCH_SIDEBAR_JS = """(() => {
  window.__sidebarSeen = [];
  const look = () => {
    const bar = document.querySelector('[data-testid=stSidebar]');
    const main = document.querySelector('[data-testid=stMain]');
    const width = bar ? bar.getBoundingClientRect().width : 0;
    const left = main ? main.getBoundingClientRect().left : 0;
    if (bar || left > 0) window.__sidebarSeen.push([Math.round(performance.now()), width, left]);
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();"""


def _first_request(browser, path: str, viewport: dict):
    """A fresh server whose very first request is ``path``: what every painted frame showed, and the tab."""
    with streamlit_server(".e2e-streamlit-first-request.log") as url:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.add_init_script(WATCH_SIDEBAR_JS)
        app = AppPage(page, url)
        app.open(path)
        figure_ready(app)
        seen = page.evaluate("() => window.__sidebarSeen")
        nav_links = page.locator("[data-testid='stSidebarNavLink']").count()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"first-request-{path.split('?')[0]}-{'present' if 'present=1' in path else 'normal'}.png"))
        errors, exceptions = app.console_errors, app.exceptions()
        context.close()
    return seen, nav_links, errors, exceptions


def test_presenter_mode_has_no_sidebar_from_the_first_paint(browser):
    """The first request after a server start runs in Streamlit's old pages-folder mode, which drew its own
    sidebar navigation for the seconds before the router's hidden navigation arrived."""
    seen, nav_links, errors, exceptions = _first_request(browser, "stepper?present=1&step=2", PROJECTOR)
    assert seen == [], f"a sidebar or an empty band was painted: {seen[:3]} ... ({len(seen)} frames)"
    assert nav_links == 0 and errors == [] and exceptions == []


def test_a_first_request_outside_presenter_mode_still_gets_the_sidebar(browser):
    seen, nav_links, errors, exceptions = _first_request(browser, "stepper?step=2", {"width": 1400, "height": 900})
    assert nav_links == 7, nav_links  # the router's navigation, every page
    assert seen and seen[-1][1] >= 200  # the sidebar is there once the page has run
    assert errors == [] and exceptions == []


# --- 3. The overview map covers no label and no highlighted marker ----------------------------------------------

# The map's box (its axes), and the box of every label and marker of the highlighted points, in page pixels.
HIGHLIGHTS_JS = """(gd) => {
  const L = gd._fullLayout, root = gd.getBoundingClientRect();
  const map = {l: root.left + L.xaxis2._offset, t: root.top + L.yaxis2._offset,
               r: root.left + L.xaxis2._offset + L.xaxis2._length, b: root.top + L.yaxis2._offset + L.yaxis2._length};
  const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const out = {map, labels: [], markers: [], width: L.width};
  gd.querySelectorAll('g.trace.scatter').forEach((g) => {
    const tr = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!tr || tr.name !== 'highlighted points') return;
    g.querySelectorAll('.textpoint text').forEach((t) => {
      if (t.textContent.trim()) out.labels.push({text: t.textContent, ...box(t)});
    });
    g.querySelectorAll('path.point').forEach((p) => {
      const b = box(p);
      if (b.r > b.l) out.markers.push({text: 'marker ' + p.__data__.i, ...b});
    });
  });
  return out;
}"""


def _overlaps(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]


# (data in the link, step, browser width: the figure is 0.6 * width - 284 px wide beside the sidebar). The first
# four had the map over a label (x_zi, or x_i for the last of them), in a figure wider than the 480 px its labels
# are placed for; then the planned width itself and presenter mode at 1280 x 720.
MAP_CASES = [
    ("", 132, 1340),
    ("shape=circles&seed=0&", 96, 1400),
    ("shape=moons&seed=7&", 152, 1400),
    ("shape=moons&seed=0&", 56, 1360),
    ("", 2, 1280),
    ("present=1&", 132, 1280),
    ("present=1&shape=moons&seed=7&", 152, 1280),
]


@pytest.mark.parametrize(("data", "step", "width"), MAP_CASES, ids=[f"{d or 'default&'}{s}@{w}" for d, s, w in MAP_CASES])
def test_the_overview_map_covers_no_label_and_no_highlighted_marker(browser, app_url, data, step, width):
    context = browser.new_context(viewport={"width": width, "height": 720 if "present" in data else 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    app = AppPage(page, app_url)
    try:
        app.open(f"stepper?{data}step={step}")
        figure_ready(app)
        measured = page.locator(f"{FIGURE} .js-plotly-plot").evaluate(HIGHLIGHTS_JS)
        assert measured["labels"] and measured["markers"], measured  # the highlights really were read
        covered = [item["text"] for item in measured["labels"] + measured["markers"] if _overlaps(item, measured["map"])]
        if covered:
            ARTIFACTS.mkdir(exist_ok=True)
            page.locator(FIGURE).screenshot(path=str(ARTIFACTS / f"map-covers-{step}-{width}.png"))
        assert covered == [], (measured["width"], measured["map"], covered)
        assert app.exceptions() == []
    finally:
        context.close()


# --- 4. Nothing floating covers a link (presenter mode, 1280 x 720) --------------------------------------------------

# Every link in the page's main area that is on screen: is it what the browser finds at points across it (a tenth,
# half and nine tenths of its width, at half its height)? A floating card over it would be found instead.
COVERED_LINKS_JS = """() => {
  const out = [];
  document.querySelectorAll('[data-testid=stMain] a[href]').forEach((a) => {
    if (a.closest('.st-key-smote-lab-exit') || !a.textContent.trim()) return;  // not a heading's hidden anchor
    if (getComputedStyle(a).visibility === 'hidden') return;
    const r = a.getBoundingClientRect();
    if (r.width === 0 || r.bottom <= 0 || r.top >= innerHeight) return;
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    for (const share of [0.1, 0.5, 0.9]) {
      const x = r.left + share * r.width, hit = document.elementFromPoint(x, y);
      if (!a.contains(hit)) out.push({link: a.textContent.trim(), at: [Math.round(x), Math.round(y)],
                                      found: hit ? (hit.closest('[class*=st-key-]') || hit).className : null});
    }
  });
  return out;
}"""
SCROLL = "where => { const m = document.querySelector('[data-testid=stMain]'); m.scrollTop = where === 'top' ? 0 : m.scrollHeight; }"


def _links_covered(page) -> list:
    """Covered links at the top of the page, at its bottom, and with each link scrolled into view."""
    covered = []
    for where in ("top", "bottom"):
        page.evaluate(SCROLL, where)
        next_frame(page)
        covered += [(where, c) for c in page.evaluate(COVERED_LINKS_JS)]
    links = page.locator("[data-testid='stMain'] a[href]")
    for n in range(links.count()):
        link = links.nth(n)
        if not link.is_visible() or not link.inner_text().strip():
            continue
        link.scroll_into_view_if_needed()
        next_frame(page)
        covered += [(f"link {n} in view", c) for c in page.evaluate(COVERED_LINKS_JS)]
    return covered


@pytest.fixture
def projector(browser, app_url):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield AppPage(page, app_url)
    context.close()


def test_nothing_floating_covers_a_lesson_link_in_presenter_mode(projector):
    from smote_viz.lesson.chapters import CHAPTERS

    page = projector.page
    checked = 0
    for ch in CHAPTERS:
        projector.open(f"lesson?present=1&chapter={ch.number}")
        page.locator("[data-testid='stRadio'] [role='radiogroup'] label").first.click()
        projector.wait_idle()
        links = page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a")
        links.first.wait_for()
        assert links.count() == len(ch.links)
        checked += links.count()
        covered = _links_covered(page)
        if covered:
            page.screenshot(path=str(ARTIFACTS / f"presenter-lesson-{ch.number}-covered.png"))
        assert covered == [], (ch.number, covered)
        # The way around and out stays on the page, and is itself not covered.
        page.evaluate(SCROLL, "top")
        exit_button = page.get_by_role("button", name="Exit presenter mode")
        assert exit_button.evaluate(
            "el => { const r = el.getBoundingClientRect();"
            " return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }")
    assert checked >= len(CHAPTERS)
    assert projector.exceptions() == [] and projector.console_errors == []


def test_nothing_floating_covers_a_home_link_in_presenter_mode(projector):
    projector.open("?present=1")
    page = projector.page
    page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a").first.wait_for()
    assert _links_covered(page) == []


# --- 5. No tooltip of the stepper's buttons over its figure -----------------------------------------------------

TOOLTIPS_JS = """() => [...document.querySelectorAll('[data-testid=stTooltipContent], [role=tooltip]')]
  .map((t) => { const r = t.getBoundingClientRect(); return {text: t.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom}; })
  .filter((b) => b.r > b.l && b.b > b.t)"""
LEGEND_JS = """(gd) => [...gd.querySelectorAll('.legend, .textpoint text, .g-xtitle, .g-ytitle')]
  .map((e) => { const r = e.getBoundingClientRect(); return {what: e.getAttribute('class') || e.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom}; })
  .filter((b) => b.r > b.l)"""


@pytest.mark.parametrize("present", [True, False], ids=["presenter", "normal"])
def test_no_button_tooltip_covers_the_stepper_figure(projector, present):
    """Clicking Next again and again keeps the mouse over it: its tooltip ("Next phase (→ key)") then sat on the
    figure's legend, right below the buttons."""
    page = projector.page
    projector.open(f"stepper?step=2{'&present=1' if present else ''}")
    figure_ready(projector)
    next_button = page.locator(".st-key-stepper_buttons").get_by_role("button", name="Next")
    next_button.evaluate("(el, top) => { el.scrollIntoView({block: 'start'});"
                         " document.querySelector('[data-testid=stMain]').scrollTop -= top; }", 0 if present else 70)
    covering = []
    for n in range(3, 6):
        next_button.hover()
        next_button.click()
        wait_for_step(projector, n)
        figure_ready(projector)
        next_button.hover()
        tooltip_shown(page)
        marks = page.locator(f"{FIGURE} .js-plotly-plot").evaluate(LEGEND_JS)
        assert any("legend" in m["what"] for m in marks)
        covering += [(n, tip["text"], mark["what"]) for tip in page.evaluate(TOOLTIPS_JS) for mark in marks
                     if _overlaps(tip, mark)]
    row = page.locator(".st-key-stepper_buttons")
    for name in ("Previous", "Play", "Reset", "Go to end"):  # the other buttons of the row, hovered
        row.get_by_role("button", name=name).hover()
        tooltip_shown(page)
        marks = page.locator(f"{FIGURE} .js-plotly-plot").evaluate(LEGEND_JS)
        covering += [(name, tip["text"], mark["what"]) for tip in page.evaluate(TOOLTIPS_JS) for mark in marks
                     if _overlaps(tip, mark)]
    if covering:
        page.screenshot(path=str(ARTIFACTS / f"tooltip-over-figure-{'present' if present else 'normal'}.png"))
    assert covering == []
    assert projector.exceptions() == []
