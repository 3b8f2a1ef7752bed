"""Real browser: paths found by trying combinations ("Every path a user can take works").

- presenter mode shows no sidebar and no empty band, from the first paint of a server's very first request;
- the stepper's overview map covers no label and no highlighted marker, at the widths the figure is drawn at.

Play then a pause (no page error), the presenter card over a link and the buttons' tooltips over the figure are
checked on every page and mode by the explorer (``test_explorer_browser.py``), and Play and pause also by
``test_classroom_browser.py``.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, ROOT, AppPage, streamlit_server, wait_still

PAGE_FILES = sorted((ROOT / "pages").glob("*.py"))  # every page is registered (tests/test_layout.py)

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1280, "height": 720}
FIGURE = ".st-key-stepper_chart"


def figure_ready(app: AppPage, selector: str = FIGURE) -> None:
    app.page.wait_for_selector(f"{selector} .js-plotly-plot .main-svg", state="attached")
    wait_still(app.page)  # Plotly's layout settles


# --- 1. Presenter mode: no sidebar from the first paint ------------------------------------------------------------

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
    assert nav_links == len(PAGE_FILES), nav_links  # the router's navigation, every page
    assert seen and seen[-1][1] >= 200  # the sidebar is there once the page has run
    assert errors == [] and exceptions == []


# --- 2. The overview map covers no label and no highlighted marker ----------------------------------------------

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
