"""Playing the stepper's animation from any step, its speeds, and presenter mode's figures and narration."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from smote_viz.data import default_dataset
from smote_viz.figures.common import PROJECTOR_FONT, PROJECTOR_TICKS, projector_sized
from smote_viz.smote import trace_smote
from smote_viz.stepper.figures import animation_figure, stepper_figure
from smote_viz.stepper.narration import narrate_short, position_count
from smote_viz.stepper.playback import play_from
from smote_viz.stepper.settings import SPEEDS, play_seconds
from tests.plotly_json import arr


@pytest.fixture(scope="module")
def trace():
    ds = default_dataset()
    return trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)


def _changing(spec: dict) -> list:
    """The drawn points (x, y, text position) and visibility limits of every trace, and the view's axis ranges:
    what a frame may change. Hidden points (None) are left out: a frame may list fewer of them."""
    def values(a):
        return [None if v != v else round(float(v), 6) for v in arr(a if a is not None else []).tolist()]

    out = []
    for t in spec["data"]:
        marker = t.get("marker", {})
        xs, ys = values(t.get("x")), values(t.get("y"))
        sides = t.get("textposition")
        sides = sides if isinstance(sides, list) else [sides] * len(xs)
        drawn = [(x, y, side) for x, y, side in zip(xs, ys, sides) if x is not None and y is not None]
        out.append((drawn, marker.get("cmin"), marker.get("cmax")))
    layout = spec["layout"]
    # Frames carry their ranges rounded to a ten-thousandth of the span: compared with that tolerance.
    ranges = [[float(v) for v in layout[axis].get("range") or []] for axis in ("xaxis", "yaxis")]
    return [out, ranges]


def same_view(a: dict, b: dict) -> bool:
    (drawn_a, ranges_a), (drawn_b, ranges_b) = _changing(a), _changing(b)
    return drawn_a == drawn_b and np.allclose(ranges_a, ranges_b, rtol=0, atol=1e-3)


@pytest.mark.parametrize("start", [0, 1, 7, 42])
def test_play_from_stands_exactly_where_an_animation_built_from_that_step_stands(trace, start):
    small = trace.head(12)
    spec = json.loads(animation_figure(small).to_json())
    built = json.loads(animation_figure(small, start=start).to_json())
    moved = play_from(spec, start)
    assert same_view(moved, built)
    assert moved["frames"] == spec["frames"][start:]  # only the frames still to come
    steps = moved["layout"]["sliders"][0]["steps"]
    assert moved["layout"]["sliders"][0]["active"] == 0 and steps[0]["args"][0] == [str(start)]
    play = moved["layout"]["updatemenus"][0]["buttons"][0]["args"]
    assert play[0] == [str(p) for p in range(start + 1, position_count(small))]
    assert play[1]["frame"]["redraw"] is False
    assert spec["layout"]["sliders"][0]["active"] == 0 and len(spec["frames"]) == position_count(small)  # untouched


def test_the_default_run_plays_in_under_a_minute_at_normal_speed(trace):
    n = position_count(trace)
    assert n == 641
    assert play_seconds(n, "normal") <= 60
    assert play_seconds(n, "slow") > play_seconds(n, "normal") > play_seconds(n, "fast")
    assert list(SPEEDS) == ["slow", "normal", "fast"]


def test_projector_sized_sets_every_text_the_chart_theme_would_shrink(trace):
    fig = projector_sized(stepper_figure(trace, 6))
    layout = fig.layout
    assert layout.legend.font.size >= PROJECTOR_FONT
    assert layout.xaxis.title.font.size >= PROJECTOR_FONT and layout.yaxis.title.font.size >= PROJECTOR_FONT
    assert layout.xaxis.tickfont.size >= PROJECTOR_TICKS and layout.yaxis.tickfont.size >= PROJECTOR_TICKS
    labels = next(t for t in fig.data if t.name == "highlighted points")
    assert labels.textfont.size >= PROJECTOR_FONT
    animated = projector_sized(animation_figure(trace.head(5)))
    assert animated.layout.sliders[0].currentvalue.font.size >= PROJECTOR_FONT
    assert animated.layout.updatemenus[0].font.size >= PROJECTOR_FONT
    plain = go.Figure(go.Scatter(x=[0], y=[0], marker={"size": np.array([10.0])}))
    assert projector_sized(plain).data[0].marker.size[0] > 10


def test_the_short_narration_has_the_numbers_of_each_phase(trace):
    assert narrate_short(trace, 0).startswith("**Start.** 160 new points")
    seed = int(trace.seed_index[0])
    assert f"row {seed}" in narrate_short(trace, 1)
    assert "5 nearest neighbours in class 1" in narrate_short(trace, 2)
    assert f"row {int(trace.chosen_index[0])}, is x_zi" in narrate_short(trace, 3)
    assert f"λ = {trace.gap[0]:.4f}" in narrate_short(trace, 4)
    assert all(len(narrate_short(trace, p)) < 220 for p in range(9))  # short enough for a projector
