"""Real browser: Step through SMOTE steps in the browser. Next, Previous, the keys, the slider and Play change the
figure and the narration with no message to the server; the link follows the step; fullscreen stays open; a pause
leaves the step shown with its own view; the next window of a long run comes from the server at its edge."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS, POLL_MS, AppPage

pytestmark = pytest.mark.e2e

CHART = ".st-key-stepper_chart .js-plotly-plot"
NARRATION_PHASE = re.compile(r"Phase (\d) of 4")
STEP_LINE = re.compile(r"^Step (\d+) of (\d+)")

# Counts the websocket messages the page sends (Streamlit's one socket): a step must send none.
SENT_JS = """(() => {
  window.__sent = 0;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function () { window.__sent += 1; return send.apply(this, arguments); };
})();"""
# The chart's view and what it draws: the x range, the highlighted points' count, the synthetic points shown.
CHART_STATE_JS = """(sel) => {
  const g = document.querySelector(sel);
  if (!g || !g._fullLayout) return null;
  const h = g._fullData.find(t => t.name === 'highlighted points');
  const s = g._fullData.find(t => t.customdata && t.marker && t.marker.cmin !== undefined);
  const m = s.marker, shown = m.color.filter(v => (v - m.cmin) / (m.cmax - m.cmin) < 0.5).length;
  return {range: g._fullLayout.xaxis.range.map(Number), highlighted: h.x.filter(v => v !== null).length, placed: shown};
}"""


# The step the stepping component shows (its "Step N of M" line, inside the component's shadow root).
STEP_JS = """() => {
  const host = [...document.querySelectorAll('.st-key-stepper_stepping *')].find(e => e.shadowRoot);
  const line = host && host.shadowRoot.querySelector('.where');
  return line ? Number(line.textContent.split(' ')[1]) : -1;
}"""


def where(page) -> tuple[int, int]:
    line = page.locator(".where").first.inner_text()
    match = STEP_LINE.match(line)
    return int(match.group(1)), int(match.group(2))


def narration(page) -> str:
    return page.locator(".narration").first.inner_text()


def wait_for_step(page, n: int) -> None:
    page.locator(".where").filter(has_text=re.compile(rf"^Step {n} of")).first.wait_for()


def chart_state(page) -> dict:
    return page.evaluate(CHART_STATE_JS, CHART)


def drawn(page, n: int, placed: int) -> dict:
    """Wait until the chart shows step ``n``: ``placed`` synthetic points, and no animation under way."""
    handle = page.wait_for_function(
        f"""() => {{ const g = document.querySelector({CHART!r});
                 const s = ({CHART_STATE_JS})({CHART!r});
                 return s && !g._transitioning && s.placed === {placed} ? s : false; }}""", polling=POLL_MS)
    return handle.json_value()


def open_stepper(app_page: AppPage, query: str = "") -> None:
    app_page.page.add_init_script(SENT_JS)
    app_page.open("stepper" + ("?" + query if query else ""))
    app_page.page.wait_for_selector(CHART + " .main-svg", state="attached")
    app_page.page.locator("[data-testid=stepping-next]").wait_for()


def test_each_step_draws_its_phase_and_says_it_with_no_message_to_the_server(app_page):
    open_stepper(app_page)
    page = app_page.page
    assert app_page.exceptions() == []
    assert page.get_by_role("heading", name="Step through SMOTE").is_visible()
    assert "Start." in narration(page) and where(page) == (0, 640)
    assert page.locator(".legend-words").first.inner_text().startswith("Legend: the seed x_i")
    sent = page.evaluate("window.__sent")
    seen, ranges = [], []
    for n in range(1, 5):
        before = narration(page)
        page.locator("[data-testid=stepping-next]").click()
        wait_for_step(page, n)
        after = narration(page)
        assert after != before
        match = NARRATION_PHASE.search(after)
        assert match and int(match.group(1)) == n
        page.wait_for_function(f"() => location.search.includes('step={n}')", polling=POLL_MS)  # the link follows
        state = drawn(page, n, 1 if n == 4 else 0)
        assert state["highlighted"] == {1: 1, 2: 6, 3: 7, 4: 3}[n]  # seed; + 5 neighbours; + x_zi; seed, x_zi, x_new
        ranges.append(state["range"])
        seen.append(after)
        app_page.screenshot(f"stepper-phase-{n}")
    assert "seed is row" in seen[0]
    assert "nearest neighbours within class 1" in seen[1]
    assert "x_zi = (" in seen[2]
    assert "x_new = x_i + λ·(x_zi − x_i) =" in seen[3]
    assert len({tuple(r) for r in ranges}) >= 2  # the view zooms with the phases
    # Previous goes back one phase; the keyboard's Right arrow goes forward again, End and Home jump.
    page.locator("[data-testid=stepping-prev]").click()
    wait_for_step(page, 3)
    assert "Phase 3 of 4" in narration(page)
    drawn(page, 3, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    wait_for_step(page, 4)
    drawn(page, 4, 1)
    assert page.evaluate("window.__sent") == sent, "a step sent a message to the server"
    # Go to end: the run's last window comes from the server (one message), and shows the whole run done: every
    # point placed, the whole data in view, nothing highlighted.
    page.keyboard.press("End")
    wait_for_step(page, 640)
    assert "The whole run" in narration(page)
    whole = drawn(page, 640, 160)
    assert whole["highlighted"] == 0 and whole["range"] != ranges[-1]
    assert page.locator("[data-testid=stepping-next]").is_disabled()
    assert page.locator("[data-testid=stepping-end]").is_disabled()
    page.keyboard.press("ArrowLeft")  # the last point being made, zoomed in again
    wait_for_step(page, 639)
    assert "Synthetic point 160 of 160" in narration(page) and drawn(page, 639, 159)["highlighted"] > 0
    page.keyboard.press("Home")
    wait_for_step(page, 0)
    drawn(page, 0, 0)
    assert app_page.exceptions() == []
    assert app_page.console_errors == []


def test_a_shared_link_opens_the_step_it_names(app_page):
    open_stepper(app_page, "step=3")
    page = app_page.page
    for _ in range(3):
        page.locator("[data-testid=stepping-next]").click()
    wait_for_step(page, 6)
    page.wait_for_function("() => location.search.includes('step=6')", polling=POLL_MS)
    link = page.url
    app_page.page.goto(link)  # a learner opens the link the address bar shows
    app_page.wait_idle()
    page.locator("[data-testid=stepping-next]").wait_for()
    assert where(page) == (6, 640)
    assert "Phase 2 of 4" in narration(page)
    assert app_page.console_errors == []


def test_fullscreen_stays_open_while_the_keys_step(app_page):
    open_stepper(app_page, "step=1")
    page = app_page.page
    page.locator(CHART).hover()
    page.locator(f"{CHART} .modebar-btn[data-title='Fullscreen']").click()
    page.locator(f"{CHART} .modebar-btn[data-title='Close fullscreen']").wait_for(state="attached")
    width = page.locator(CHART).evaluate("el => el.getBoundingClientRect().width")
    sent = page.evaluate("window.__sent")
    before = chart_state(page)
    for n in (2, 3, 4):
        page.keyboard.press("ArrowRight")
        wait_for_step(page, n)
    after = drawn(page, 4, 1)
    assert after["highlighted"] == 3 and before["highlighted"] == 1
    assert page.locator(f"{CHART} .modebar-btn[data-title='Close fullscreen']").count() == 1  # still fullscreen
    assert page.locator(CHART).evaluate("el => el.getBoundingClientRect().width") == pytest.approx(width, abs=2)
    assert page.evaluate("window.__sent") == sent
    assert app_page.console_errors == []


def test_play_glides_through_each_step_s_view_and_a_pause_stays_on_the_step_shown(app_page):
    open_stepper(app_page, "step=5&speed=fast")
    page = app_page.page
    sent = page.evaluate("window.__sent")
    page.locator("[data-testid=stepping-play]").click()
    seen = []
    for later in (14, 30):  # two points further on, each with its own neighbourhood
        page.wait_for_function(f"() => ({STEP_JS})() >= {later}", polling=POLL_MS, timeout=60_000)
        seen.append(chart_state(page)["range"])
    assert seen[0] != seen[1]  # the view moved on with the run
    page.locator("[data-testid=stepping-play]").click()  # now "Pause"
    page.locator("[data-testid=stepping-play]").filter(has_text="Play").wait_for()
    stopped, _ = where(page)
    assert stopped >= 30
    state = drawn(page, stopped, stopped // 4)
    page.wait_for_function(f"() => location.search.includes('step={stopped}')", polling=POLL_MS)
    # the pause leaves the step shown: Next goes on from it, with the next step's own view
    page.locator("[data-testid=stepping-next]").click()
    wait_for_step(page, stopped + 1)
    assert drawn(page, stopped + 1, (stopped + 1) // 4)["range"] is not None
    assert state["range"] is not None
    assert page.evaluate("window.__sent") == sent, "Play sent a message to the server"
    assert app_page.exceptions() == [] and app_page.console_errors == []


def test_play_crosses_into_the_next_window_and_goes_on_playing(app_page):
    open_stepper(app_page, "step=196&speed=fast")
    page = app_page.page
    page.locator("[data-testid=stepping-play]").click()
    # Play steps every few tens of milliseconds: a poll may fall between two steps, so it asks "at or past"
    page.wait_for_function("() => +new URLSearchParams(location.search).get('step') >= 206", polling=POLL_MS,
                           timeout=60_000)
    page.locator("[data-testid=stepping-play]").click()
    page.locator("[data-testid=stepping-play]").filter(has_text="Play").wait_for()
    stopped, _ = where(page)
    assert stopped >= 206
    drawn(page, stopped, stopped // 4)
    assert app_page.exceptions() == [] and app_page.console_errors == []


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "user_agent": ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        "Chrome/131.0.0.0 Mobile Safari/537.36")}
LAPTOP = {"viewport": {"width": 1280, "height": 720}}
# The boxes (viewport pixels) of the plot's drawing area, the Next button, the narration's first line, and the
# highlighted markers (the seed, the neighbours, x_zi, x_new; outside the plot's area they are clipped).
ONE_VIEW_JS = """() => {
  const host = [...document.querySelectorAll('.st-key-stepper_stepping *')].find(e => e.shadowRoot);
  const root = host.shadowRoot, box = (el) => { const r = el.getBoundingClientRect();
    return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const first = root.querySelector('.narration p');
  const range = document.createRange();
  range.setStart(first, 0); range.setEnd(first, Math.min(1, first.childNodes.length));
  const line = range.getClientRects()[0];
  const g = document.querySelector('.st-key-stepper_chart .js-plotly-plot');
  const markers = [...g.querySelectorAll('g.trace.scatter')].filter(t => t.__data__[0].trace.name === 'highlighted points')
      .flatMap(t => [...t.querySelectorAll('path.point')]).map(box).filter(b => b.r > b.l);
  return {plot: box(g.querySelector('.nsewdrag')), next: box(root.querySelector('[data-testid=stepping-next]')),
          line: {l: line.left, t: line.top, r: line.right, b: line.bottom}, markers,
          height: window.innerHeight, width: window.innerWidth};
}"""


def _in_view(b: dict, view: dict) -> bool:
    return b["t"] >= 0 and b["l"] >= 0 and b["b"] <= view["height"] + 0.5 and b["r"] <= view["width"] + 0.5


@pytest.mark.parametrize("screen", ["phone", "laptop"])
def test_next_the_figure_and_the_narration_s_first_line_are_in_one_view_at_every_step(browser, app_url, screen):
    """On a 390 x 844 phone and in normal mode on a 1280 x 720 laptop: no scrolling between Next, the figure
    (whose plot holds the step's highlighted markers) and the narration, at every step of two new points."""
    context = browser.new_context(**(PHONE if screen == "phone" else LAPTOP))
    page = context.new_page()
    page.set_default_timeout(60_000)
    app = AppPage(page, app_url)
    try:
        open_stepper(app)
        for n in range(1, 9):
            following = page.locator("[data-testid=stepping-next]")
            following.tap() if screen == "phone" else following.click()
            wait_for_step(page, n)
            drawn(page, n, n // 4)
            seen = page.evaluate(ONE_VIEW_JS)
            out = [name for name in ("plot", "next", "line") if not _in_view(seen[name], seen)]
            assert not out, (n, out, seen)
            plot = seen["plot"]  # the markers drawn inside the plot (a close view may leave x_zi outside it, clipped)
            inside = [m for m in seen["markers"] if m["l"] >= plot["l"] - 1 and m["r"] <= plot["r"] + 1
                      and m["t"] >= plot["t"] - 1 and m["b"] <= plot["b"] + 1]
            assert inside, (n, seen)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"stepper-one-view-{screen}.png"))
        assert app.exceptions() == [] and app.console_errors == []
    finally:
        context.close()
