"""Real browser, 1280 x 720: every label of the stepper figures sits nearer its own marker than any other marker
drawn, and no two labels overlap, read from the rendered SVG (tests/e2e/labels.py).

The Step through page over its first 16 phases and its end (stepped in the browser: each step is one of the frames
Play plays too), on four datasets of different shapes (blobs, moons with noise 0.5, a ring, three classes); the SMOTE family step-through
(Borderline-2, whose neighbours may be of any class, and ADASYN, with their layers) on overlapping data.
``benchmarks/bench_labels.py`` prints the same counts, with a dense dataset and a baseline.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.labels import CHART, DATASETS, PHASES, LabelCount, step_through, wait_for_step

pytestmark = pytest.mark.e2e

FOUR = list(DATASETS.items())[:4]


@pytest.fixture
def small_screen(app_page):
    app_page.page.set_viewport_size({"width": 1280, "height": 720})
    app_page.page.set_default_timeout(120_000)
    return app_page


@pytest.mark.parametrize(("name", "query"), FOUR, ids=[name.split(" ")[0] for name, _ in FOUR])
def test_stepper_labels_sit_by_their_own_markers(small_screen, name, query):
    app_page = small_screen
    page = app_page.page
    app_page.open("stepper?" + query)
    count = LabelCount()
    ARTIFACTS.mkdir(exist_ok=True)
    stem = name.split(" ")[0]
    shots = {n: ARTIFACTS / f"labels-{stem}-{n}.png" for n in (1, 2, 3, 4, "end")}
    aspects = step_through(app_page, lambda: page.locator(CHART).first, count, name, shots=shots)
    assert count.figures == PHASES + 1 and count.checked >= 2 * PHASES  # the labels really were read
    assert count.nearer_other == 0 and count.overlapping == 0, "\n".join(count.failures)
    # A label is left out only where no place keeps it by its own marker: in crowds (the ring: 9 of 70).
    assert count.unlabelled <= count.highlighted // 5, count.line()
    steps = [*range(1, PHASES + 1), "end"]
    off = [(n, a) for n, a in zip(steps, aspects, strict=True) if abs(a - 1) >= 0.01]
    assert not off, off  # one scale on both axes: circles stay round
    assert app_page.exceptions() == []


@pytest.mark.parametrize("walk", ["borderline2", "adasyn"])
def test_family_step_through_labels_sit_by_their_own_markers(small_screen, walk):
    app_page = small_screen
    page = app_page.page
    app_page.open(f"variants?vwalk={walk}&vpanels=smote&shape=moons&noise=0.5")
    page.get_by_role("tab", name="Step through BorderlineSMOTE and ADASYN").click()
    wait_for_step(app_page, 0)
    count = LabelCount()
    step_through(app_page, lambda: page.locator(CHART).last, count, walk, phases=8)
    assert count.checked >= 16
    assert count.nearer_other == 0 and count.overlapping == 0, "\n".join(count.failures)
    layer = "danger: a seed" if walk == "borderline2" else "hardness r_i"
    assert page.locator(CHART).last.locator(".legendtext").filter(has_text=layer).count() == 1
    assert app_page.exceptions() == []


def test_the_neighbour_circle_is_round_fills_the_view_and_clears_the_map(small_screen):
    app_page = small_screen
    app_page.open("stepper?step=2")
    plot = app_page.page.locator(CHART).first
    plot.wait_for()
    geometry = plot.evaluate("""gd => {
        // The guides trace draws one path per piece (seed to each neighbour, then the circle): their union.
        const pieces = [...[...gd.querySelectorAll('g.trace.scatter')]
                       .find(g => g.__data__[0].trace.name === 'guides').querySelectorAll('path.js-line')]
                       .map(p => p.getBoundingClientRect());
        const line = {left: Math.min(...pieces.map(b => b.left)), right: Math.max(...pieces.map(b => b.right)),
                      top: Math.min(...pieces.map(b => b.top)), bottom: Math.max(...pieces.map(b => b.bottom))};
        line.width = line.right - line.left;
        line.height = line.bottom - line.top;
        const root = gd.getBoundingClientRect(), L = gd._fullLayout;
        return {w: line.width, h: line.height, left: line.left - root.left, top: line.top - root.top,
                right: line.right - root.left, bottom: line.bottom - root.top,
                plot: [L.xaxis._offset, L.yaxis._offset, L.xaxis._offset + L.xaxis._length,
                       L.yaxis._offset + L.yaxis._length],
                map: [L.xaxis2._offset, L.yaxis2._offset, L.xaxis2._offset + L.xaxis2._length,
                      L.yaxis2._offset + L.yaxis2._length]};
    }""")
    assert abs(geometry["w"] - geometry["h"]) < 2  # one scale on both axes: round
    side = min(geometry["plot"][2] - geometry["plot"][0], geometry["plot"][3] - geometry["plot"][1])
    assert geometry["w"] >= 0.75 * side  # it fills most of the view
    assert geometry["left"] >= geometry["plot"][0] and geometry["right"] <= geometry["plot"][2]
    assert geometry["top"] >= geometry["plot"][1] and geometry["bottom"] <= geometry["plot"][3]
    # The circle's box may reach under the map's corner, the circle itself not: its nearest point to the map's
    # lower left corner is farther from the centre than the radius.
    cx, cy = (geometry["left"] + geometry["right"]) / 2, (geometry["top"] + geometry["bottom"]) / 2
    mx, my = geometry["map"][0], geometry["map"][3]
    assert ((mx - cx) ** 2 + (my - cy) ** 2) ** 0.5 > geometry["w"] / 2 or mx > geometry["right"]
    assert app_page.exceptions() == []
