"""Real browser: the stepper's buttons and keyboard change the narration and the URL; the animation plays."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import POLL_MS

pytestmark = pytest.mark.e2e

NARRATION_PHASE = re.compile(r"Phase (\d) of 4")

ANIMATED_PLOT = "[data-testid='stPlotlyChart'] .js-plotly-plot:has(.updatemenu-button)"


def narration(page) -> str:
    """The markdown that holds the narration of the current phase (or the start text)."""
    blocks = page.locator("[data-testid='stMarkdown']").filter(has_text=re.compile(r"Synthetic point|\*?Start\.?"))
    return blocks.first.inner_text()


def step_line(page) -> str:
    return page.locator("[data-testid='stMarkdown']").filter(has_text=re.compile(r"^Step \d+ of")).first.inner_text()


def wait_for_step(app_page, n: int) -> None:
    app_page.page.locator("[data-testid='stMarkdown']").filter(has_text=re.compile(rf"^Step {n} of")).first.wait_for()
    app_page.wait_idle()


def test_next_changes_the_narration_and_each_phase_is_drawn(app_page):
    app_page.open("stepper")
    page = app_page.page
    assert app_page.exceptions() == []
    assert page.get_by_role("heading", name="Step through SMOTE").is_visible()
    assert "Start." in narration(page)
    assert step_line(page).startswith("Step 0 of 640")
    seen = []
    for n in range(1, 5):
        before = narration(page)
        page.get_by_role("button", name="Next").click()
        wait_for_step(app_page, n)
        after = narration(page)
        assert after != before
        match = NARRATION_PHASE.search(after)
        assert match and int(match.group(1)) == n
        assert f"step={n}" in page.url
        seen.append(after)
        app_page.screenshot(f"stepper-phase-{n}")
    assert "seed is row" in seen[0]
    assert "nearest neighbours within class 1" in seen[1]
    assert "x_zi = (" in seen[2]
    assert "x_new = x_i + λ·(x_zi − x_i) =" in seen[3]
    # Previous goes back one phase; the keyboard's Right arrow goes forward again.
    page.get_by_role("button", name="Previous").click()
    wait_for_step(app_page, 3)
    assert "Phase 3 of 4" in narration(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    wait_for_step(app_page, 4)
    assert app_page.exceptions() == []
    assert app_page.console_errors == []


def test_play_advances_the_animation_in_the_stepper_s_figure_area(app_page):
    app_page.open("stepper")
    page = app_page.page
    page.get_by_role("button", name="Play").click()  # the figure area becomes the animation, and it plays
    plot = page.locator(ANIMATED_PLOT)
    plot.wait_for()
    visible_stars = (
        "el => { const i = el._fullData.findIndex(t => t.customdata && t.visible !== false && !t.showlegend);"
        " const vals = el._fullData[i].marker.color, m = el._fullData[i].marker;"
        " return vals.filter(v => (v - m.cmin) / (m.cmax - m.cmin) < 0.5).length; }"
    )
    page.wait_for_function(
        "sel => document.querySelector(sel)._fullLayout.sliders[0].active >= 6", arg=ANIMATED_PLOT, polling=POLL_MS,
        timeout=30_000
    )
    # While it plays, the points placed so far are shown: one per completed fourth phase.
    shown = plot.evaluate(
        "el => { const s = el._fullLayout.sliders[0]; return Number(s.steps[s.active].args[0][0]); }"
    )
    assert plot.evaluate(visible_stars) >= (shown // 4) - 1
    app_page.screenshot("stepper-animation-playing")
    plot.locator(".updatemenu-button").filter(has_text="Pause").click()
    page.get_by_role("button", name="Next").wait_for()  # paused: the stepper carries on from there
    app_page.wait_idle()
    assert int(step_line(page).split()[1]) >= 6
    assert app_page.exceptions() == []
    # Pause interrupts Plotly.animate, whose promise is then rejected with no reason; the updatemenu button
    # does not catch it, the playback component does: no page error at all.
    assert app_page.console_errors == []


# The frame on screen while playing (its name: the position in the run), and whether the axes show that frame's own
# view (each frame carries the axis ranges of its zoom; a frame without them keeps the previous view).
FRAME_VIEW_JS = """(sel) => {
  const g = document.querySelector(sel);
  if (!g || !g._fullLayout || !g._fullLayout.sliders || !g._transitionData) return null;
  const s = g._fullLayout.sliders[0], name = s.steps[s.active].args[0][0];
  let want = null;
  for (const f of g._transitionData._frames) {
    if (f.layout && f.layout.xaxis && f.layout.xaxis.range) want = f.layout.xaxis.range;
    if (f.name === name) break;
  }
  const shown = g._fullLayout.xaxis.range;
  return {position: Number(name), matches: !!want && Math.abs(shown[0] - want[0]) < 1e-6 && Math.abs(shown[1] - want[1]) < 1e-6,
          shown: shown.map(Number)};
}"""


# Records, for every Plotly.animate call of one named frame, how long its transition really lasts: Plotly cuts the
# transition to the frame's duration (each defaults to 500 ms).
ANIMATE_CALLS_JS = """(() => {
  window.__animateCalls = [];
  const timer = setInterval(() => {
    if (!window.Plotly || !window.Plotly.animate) return;
    clearInterval(timer);
    const animate = window.Plotly.animate;
    window.Plotly.animate = function (gd, frames, options) {
      if (Array.isArray(frames) && frames.length === 1 && typeof frames[0] === "string") {
        const o = options || {}, f = o.frame || {}, t = o.transition || {};
        window.__animateCalls.push(Math.min(f.duration === undefined ? 500 : f.duration,
                                            t.duration === undefined ? 500 : t.duration));
      }
      return animate.apply(this, arguments);
    };
  }, 10);
})();"""


def test_play_shows_every_frame_s_own_view_not_only_the_first(app_page):
    """Plotly's own sequence stopped applying the frames' axis ranges after the first few: the zoom stayed on the
    first neighbourhood while the run played on. Played frame by frame, the axes show each frame's view."""
    page = app_page.page
    page.add_init_script(ANIMATE_CALLS_JS)
    app_page.open("stepper?step=5&speed=fast")
    page.get_by_role("button", name="Play").click()
    page.locator(ANIMATED_PLOT).wait_for()
    seen = []
    for later in (14, 30):  # two points further on, each with its own neighbourhood
        handle = page.wait_for_function(
            f"""() => {{ const v = ({FRAME_VIEW_JS})({ANIMATED_PLOT!r});
                 return v && v.position >= {later} && v.matches ? v : false; }}""", polling="raf", timeout=60_000)
        seen.append(handle.json_value())
    assert seen[0]["shown"] != seen[1]["shown"], seen  # the view moved on with the run
    assert app_page.console_errors == []
    # Plotly cuts a transition to its frame's duration; a glide of 0 ms divides 0 by 0 now and then (the axes and
    # labels got transforms of NaN): every frame played glides for a positive time
    glides = page.evaluate("window.__animateCalls")
    assert len(glides) >= 14 and min(glides) > 0, glides
