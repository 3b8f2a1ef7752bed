"""Real browser, 1280 x 720: every label of the stepper figures sits nearer its own marker than any other marker
drawn, and no two labels overlap, read from the rendered SVG (tests/e2e/labels.py).

The Step through page over its first 16 phases and its end on four datasets of different shapes (blobs,
moons with noise 0.5, a ring, three classes), with the animation's frames; the SMOTE family step-through
(Borderline-2, whose neighbours may be of any class, and ADASYN, with their layers) on overlapping data.
``benchmarks/bench_labels.py`` prints the same counts, with a dense dataset and a baseline.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.labels import CHART, DATASETS, PHASES, LabelCount, replay_animation, step_through, wait_for_step

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
    step_through(app_page, lambda: page.locator(CHART).first, count, name, shots=shots)
    assert count.figures == PHASES + 1 and count.checked >= 2 * PHASES  # the labels really were read
    assert count.nearer_other == 0 and count.overlapping == 0, "\n".join(count.failures)
    assert count.unlabelled <= count.highlighted // 10, count.line()  # a label is left out only when crowded
    # The animation's frames carry the same label positions and zoom.
    animated = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot:has(.updatemenu-button)")
    last = animated.evaluate("gd => gd._transitionData._frames.length - 1")
    frames = LabelCount()
    positions = [*range(1, PHASES + 1), last]
    for p, measured in zip(positions, replay_animation(page, animated, positions), strict=True):
        frames.add(measured, f"{name}, animation frame {p}")
    assert frames.checked >= 2 * PHASES
    assert frames.nearer_other == 0 and frames.overlapping == 0, "\n".join(frames.failures)
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
