"""Browser helpers for the playground: read its Plotly figure and click at data coordinates.

Used by tests/e2e/test_playground_browser.py and benchmarks/bench_playground.py. While Streamlit redraws a
changed chart, the new chart and the old one are both in the page for a moment (the new one first), so the
readers take the first chart and the waits accept any.
"""

from __future__ import annotations

import math
import re

_POINTS = re.compile(r"^(class .+|new points) \(\d+\)$")

CHART = ".st-key-playground_figure .js-plotly-plot"

_TRACES = f"""() => {{
  const g = document.querySelector("{CHART}");
  if (!g || !g._fullData) return null;
  return g._fullData.map(t => ({{name: t.name, x: t.x ? Array.from(t.x) : [], y: t.y ? Array.from(t.y) : []}}));
}}"""


def traces(page) -> dict[str, dict]:
    """The first chart's traces by name, with x and y as lists (Plotly's decoded data)."""
    found = page.evaluate(_TRACES) or []
    return {t["name"]: t for t in found}


def trace_named(page, prefix: str) -> dict:
    """The one trace whose name starts with ``prefix`` ('class 1 (' finds 'class 1 (8)')."""
    matches = [t for name, t in traces(page).items() if name.startswith(prefix)]
    assert len(matches) == 1, f"{prefix!r} not found once in {list(traces(page))}"
    return matches[0]


def to_screen(page, x: float, y: float) -> tuple[float, float]:
    """Page coordinates of data point (x, y) in the plotting area of the first chart."""
    return tuple(page.evaluate(
        """([sel, x, y]) => { const g = document.querySelector(sel);
          const r = g.querySelector('.nsewdrag').getBoundingClientRect();
          const [x0, x1] = g.layout.xaxis.range, [y0, y1] = g.layout.yaxis.range;
          return [r.left + (x - x0) / (x1 - x0) * r.width, r.top + (y1 - y) / (y1 - y0) * r.height]; }""",
        [CHART, x, y],
    ))


def view(page) -> tuple[list[float], list[float]]:
    return tuple(page.evaluate(f"""() => {{ const g = document.querySelector("{CHART}");
        return [g.layout.xaxis.range, g.layout.yaxis.range]; }}"""))


def empty_spots(page, away_from: list[tuple[float, float]], count: int = 1,
                min_px: float = 30) -> list[tuple[float, float]]:
    """``count`` points of the view (data units), each at least ``min_px`` screen pixels from every point in
    ``away_from`` and from each other, found on a grid scanned from the edges of the view inwards."""
    (x0, x1), (y0, y1) = view(page)
    corners = [to_screen(page, x0, y0), to_screen(page, x1, y1)]
    ux = (x1 - x0) / abs(corners[1][0] - corners[0][0])
    uy = (y1 - y0) / abs(corners[1][1] - corners[0][1])
    fractions = sorted((i / 20 for i in range(1, 20)), key=lambda f: -abs(f - 0.5))
    taken = list(away_from)
    found = []
    for fy in fractions:
        for fx in fractions:
            x, y = x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)
            if all(math.hypot((x - a) / ux, (y - b) / uy) >= min_px for a, b in taken):
                found.append((x, y))
                taken.append((x, y))
                if len(found) == count:
                    return found
    raise AssertionError(f"fewer than {count} empty spots in the view")


def all_points(page) -> list[tuple[float, float]]:
    """Every marker of the class traces and of SMOTE's new points."""
    out = []
    for name, t in traces(page).items():
        if _POINTS.match(name):
            out += list(zip(t["x"], t["y"], strict=True))
    return out


def wait_for_trace_name(page, name: str, timeout: float = 60_000) -> None:
    """Wait until a chart (the new one, while the old one is still on screen) has a trace called ``name``."""
    page.wait_for_function(
        """([sel, name]) => Array.from(document.querySelectorAll(sel))
             .some(g => g._fullData && g._fullData.some(t => t.name === name))""",
        arg=[CHART, name], polling=10, timeout=timeout,
    )


def slider_text(page) -> str:
    """The λ slider's current value: the formula with the numbers (its two lines joined by a space)."""
    label = page.locator(f"{CHART} .slider-group > text.slider-label").first
    return label.evaluate("e => Array.from(e.querySelectorAll('tspan.line')).map(t => t.textContent).join(' ')"
                          " || e.textContent")
