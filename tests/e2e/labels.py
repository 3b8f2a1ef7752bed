"""Label geometry of a rendered Plotly figure, read from its SVG in a real browser.

Plotly attaches each drawn point's data to its SVG node: ``path.point.__data__.i`` and
``g.textpoint text.__data__.i`` are the point's index in its trace. For every text label this measures the
distance from the label's box to its own marker (same trace, same index) and to every other visible marker
(every trace, the data drawn under the highlights included), and counts pairs of overlapping label boxes.

Used by the browser tests (tests/e2e) and by ``benchmarks/bench_labels.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import plotly

from tests.e2e.conftest import step_shown, wait_still

# A marker counts when its centre lies inside its own subplot (a clipped marker outside the view is not seen).
# Two markers whose centres are closer than TIE_PX are one place on screen (the seed's highlight drawn over
# the seed's data point): neither is "another marker" for the other's label.
MEASURE_JS = """
(gd) => {
  const TIE_PX = 1.0;
  const root = gd.getBoundingClientRect();
  const full = gd._fullLayout;
  const areaOf = (axName) => {
    const ax = full[axName];
    return ax ? {lo: ax._offset, hi: ax._offset + ax._length} : null;
  };
  const markers = [];
  const labels = [];
  let highlighted = 0;
  gd.querySelectorAll('g.trace.scatter').forEach((g) => {
    const cd = g.__data__;
    const tr = cd && cd[0] && cd[0].trace;
    if (!tr || tr.visible === false) return;
    const xa = 'xaxis' + (tr.xaxis || 'x').slice(1), ya = 'yaxis' + (tr.yaxis || 'y').slice(1);
    const ax = areaOf(xa), ay = areaOf(ya);
    g.querySelectorAll('path.point').forEach((p) => {
      const d = p.__data__;
      if (!d || d.i === undefined) return;
      const b = p.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) return;
      const style = getComputedStyle(p);
      if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) return;
      const painted = (paint, opacity) => paint && paint !== 'none' && parseFloat(opacity) > 0;
      const strokeWidth = parseFloat(style.strokeWidth || '0');
      if (!painted(style.fill, style.fillOpacity) && !(painted(style.stroke, style.strokeOpacity) && strokeWidth > 0)) {
        return;  // a transparent marker (an animation's not-yet-placed star)
      }
      // The marker's anchor (its data point) is the origin of its own coordinates: a triangle's box is not
      // centred on it.
      const m = p.getScreenCTM();
      const x = m.e - root.left, y = m.f - root.top;
      if (ax && (x < ax.lo - 0.5 || x > ax.hi + 0.5)) return;
      if (ay && (y < ay.lo - 0.5 || y > ay.hi + 0.5)) return;
      if (tr.name === 'highlighted points') highlighted += 1;  // drawn in view: it should carry a label
      markers.push({trace: tr.index, i: d.i, x: x, y: y, name: tr.name || ''});
    });
    g.querySelectorAll('g.textpoint text').forEach((t) => {
      const d = t.__data__;
      const text = (t.textContent || '').trim();
      if (!d || d.i === undefined || !text) return;
      const b = t.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) return;
      labels.push({trace: tr.index, i: d.i, text: text, name: tr.name || '', left: b.left - root.left, right: b.right - root.left,
                   top: b.top - root.top, bottom: b.bottom - root.top});
    });
  });
  const dist = (box, m) => {
    const dx = Math.max(box.left - m.x, 0, m.x - box.right);
    const dy = Math.max(box.top - m.y, 0, m.y - box.bottom);
    return Math.hypot(dx, dy);
  };
  const results = labels.map((lab) => {
    const own = markers.find((m) => m.trace === lab.trace && m.i === lab.i);
    if (!own) return {text: lab.text, own: null, nearer: 'no own marker drawn'};
    const ownD = dist(lab, own);
    let worst = null;
    for (const m of markers) {
      if (m === own || Math.hypot(m.x - own.x, m.y - own.y) < TIE_PX) continue;
      const d = dist(lab, m);
      if (d < ownD && (worst === null || d < worst.d)) worst = {d: d, name: m.name, i: m.i};
    }
    return {text: lab.text, own: ownD, nearer: worst};
  });
  const overlaps = [];
  for (let a = 0; a < labels.length; a++) {
    for (let b = a + 1; b < labels.length; b++) {
      const p = labels[a], q = labels[b];
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 0 && h > 0) overlaps.push([p.text, q.text]);
    }
  }
  const labelled = labels.filter((lab) => lab.name === 'highlighted points').length;
  return {labels: results, overlaps: overlaps, n_markers: markers.length, highlighted: highlighted,
          unlabelled: highlighted - labelled,
          size: [root.width, root.height]};
}
"""


@dataclass
class LabelCount:
    """Totals over many rendered figures."""

    checked: int = 0
    nearer_other: int = 0
    overlapping: int = 0
    figures: int = 0
    highlighted: int = 0  # highlighted points drawn (seed, neighbours, chosen, new) ...
    unlabelled: int = 0  # ... and how many of them carry no label (no place kept it by its own marker)
    failures: list[str] = field(default_factory=list)

    def add(self, measured: dict, where: str) -> None:
        self.figures += 1
        self.checked += len(measured["labels"])
        bad = [lab for lab in measured["labels"] if lab["nearer"]]
        self.nearer_other += len(bad)
        self.overlapping += len(measured["overlaps"])
        self.highlighted += measured["highlighted"]
        self.unlabelled += measured["unlabelled"]
        for lab in bad:
            self.failures.append(f"{where}: label {lab['text']!r} nearer {lab['nearer']} than its own marker "
                                 f"({lab['own'] if lab['own'] is None else round(lab['own'], 1)} px)")
        for a, b in measured["overlaps"]:
            self.failures.append(f"{where}: labels {a!r} and {b!r} overlap")

    def line(self) -> str:
        return (f"{self.nearer_other} of {self.checked} labels nearer another marker, {self.overlapping} "
                f"overlapping label pairs, over {self.figures} figures; {self.unlabelled} of {self.highlighted} "
                "highlighted points left unlabelled")


def measure(plot_locator) -> dict:
    """Label geometry of the Plotly chart under ``plot_locator`` (a ``.js-plotly-plot`` element)."""
    return plot_locator.evaluate(MEASURE_JS)


# The runs the label check covers, as Data page links: different shapes, overlapping and dense data.
DATASETS = {
    "blobs (default data)": "",
    "moons, noise 0.5": "shape=moons&noise=0.5",
    "ring": "shape=ring",
    "3 classes": "classes=3",
    "dense: 2000 points, 30 % minority, noise 0.6": "n=2000&minority=0.3&noise=0.6",
}
PHASES = 16  # the first phases of every run: the first four synthetic points
STEP_LINE = r"^Step (\d+) of (\d+)"
CHART = "[data-testid='stPlotlyChart'] .js-plotly-plot"


def wait_for_step(app_page, step: int | None, timeout: float = 120_000) -> tuple[int, int]:
    """Wait until the page says "Step <step> of N" (``step`` None: the last step) and has finished running."""
    shown = step_shown(app_page.page, STEP_LINE, step, timeout)
    # the step is shown: a step the browser made ran nothing, one the server made has finished or is finishing
    app_page.page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    return shown


END_BUTTON = re.compile(r"^(Go|Jump) to end")  # "Jump to end" before the classroom stepper (the benchmark's baseline)


# Pixels per data unit on x over y: 1 keeps circles round.
ASPECT_JS = """gd => { const L = gd._fullLayout, xr = L.xaxis.range, yr = L.yaxis.range;
  return (L.xaxis._length / Math.abs(xr[1] - xr[0])) / (L.yaxis._length / Math.abs(yr[1] - yr[0])); }"""


def step_through(app_page, chart, count: LabelCount, where: str, phases: int = PHASES,
                 shots: dict | None = None) -> list[float]:
    """Click Next ``phases`` times from step 0, then Go to end, measuring ``chart()`` (a locator factory) at
    every step; ``shots``: {step or "end": file} screenshots of the window with the chart scrolled into view.
    Returns the figure's aspect (px per unit on x over y) at every step."""
    page = app_page.page
    aspects = []
    wait_for_step(app_page, 0)
    for n in [*range(1, phases + 1), "end"]:
        if n == "end":
            page.get_by_role("button", name=END_BUTTON).click()
            wait_for_step(app_page, None)
        else:
            page.get_by_role("button", name="Next").click()
            wait_for_step(app_page, n)
        plot = chart()
        plot.wait_for()
        wait_still(page)
        count.add(measure(plot), f"{where}, step {n}")
        aspects.append(plot.evaluate(ASPECT_JS))
        if shots and n in shots:
            plot.scroll_into_view_if_needed()
            wait_still(page)
            page.screenshot(path=str(shots[n]))
    return aspects


REPLAY_JS = """
async (gd, [positions, measureSource]) => {
  const measureFn = eval(measureSource);
  const div = document.createElement('div');
  div.style.cssText = `position:absolute; left:0; top:0; width:${gd.offsetWidth}px; height:${gd.offsetHeight}px;`;
  document.body.appendChild(div);
  const layout = structuredClone(gd.layout);
  layout.width = gd._fullLayout.width;
  layout.height = gd._fullLayout.height;
  await window.Plotly.newPlot(div, structuredClone(gd.data), layout, {staticPlot: true});
  await window.Plotly.addFrames(div, structuredClone(gd._transitionData._frames));
  const out = [];
  for (const p of positions) {
    await window.Plotly.animate(div, [String(p)], {frame: {duration: 0, redraw: false},
                                                   transition: {duration: 0}, mode: 'immediate'});
    const L = div._fullLayout, xr = L.xaxis.range, yr = L.yaxis.range;
    const aspect = (L.xaxis._length / Math.abs(xr[1] - xr[0])) / (L.yaxis._length / Math.abs(yr[1] - yr[0]));
    out.push({...measureFn(div), aspect: aspect});  // px per unit on x over y: 1 keeps circles round
  }
  window.Plotly.purge(div);
  div.remove();
  return out;
}
"""


def replay_animation(page, plot, positions) -> list[dict]:
    """Label geometry of an animation's frames: the chart's own data, layout and frames (as Streamlit themed
    them, in its fonts) plotted again in the same page by plotly.js and moved frame by frame with
    ``Plotly.animate``, as its slider does. (Streamlit keeps its plotly.js to itself.)"""
    if not page.evaluate("() => !!window.Plotly"):
        page.add_script_tag(content=(Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text())
    return plot.evaluate(REPLAY_JS, [list(positions), MEASURE_JS])
