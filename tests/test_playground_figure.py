"""The playground's figure, read as JSON: what it draws is what the state and the outcome say."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from scipy.interpolate import RegularGridInterpolator

from smote_viz.figures.common import PROJECTOR_FONT
from smote_viz.playground.canvas import Play, PlaygroundSettings, preset_canvas
from smote_viz.playground.figures import (
    AFTER,
    BEFORE,
    CHOSEN,
    HAND_NEW,
    HINT_NEIGHBOUR,
    HINT_SEED,
    LAMBDAS,
    NEIGHBOURHOOD,
    NEIGHBOURS,
    REGION,
    SEED,
    SEGMENT,
    START_LAMBDA,
    boundary_lines,
    formula,
    number,
    outward,
    playground_figure,
    region_path,
)
from smote_viz.playground.run import run
from smote_viz.style import class_colour, class_symbol, synthetic_symbol
from tests.plotly_json import arr, trace_by_name


def spec_of(fig: go.Figure) -> dict:
    return json.loads(fig.to_json())


@pytest.fixture
def twelve():
    return preset_canvas("twelve")


def picked(canvas, settings: PlaygroundSettings | None = None, neighbour_rank: int | None = 0):
    """The start's first target point picked as the seed, and (unless ``neighbour_rank`` is None) a neighbour."""
    play = Play(canvas.start)
    outcome = run(play.points, canvas, settings or PlaygroundSettings())
    seed = int(np.flatnonzero(play.points.y == canvas.target)[0])
    neighbour = None if neighbour_rank is None else outcome.neighbours_of(seed)[neighbour_rank]
    return Play(play.points, seed=seed, neighbour=neighbour), outcome


def test_every_figure_is_valid_plotly(twelve):
    # Traces are built without per-property validation for speed; Plotly must still accept every figure.
    play, outcome = picked(twelve)
    for state, result in ((Play(twelve.start), run(twelve.start, twelve, PlaygroundSettings())), (play, outcome)):
        fig = playground_figure(twelve, state, result)
        go.Figure(fig.to_dict())  # raises on any invalid property


def test_the_figure_draws_the_points_the_new_points_and_the_regions(twelve):
    play = Play(twelve.start)
    outcome = run(play.points, twelve, PlaygroundSettings())
    spec = spec_of(playground_figure(twelve, play, outcome))
    names = [t["name"] for t in spec["data"]]
    assert names == [BEFORE, AFTER, "new points (7)", "class 0 (12)", "class 1 (5)"]
    assert [shape["name"] for shape in spec["layout"]["shapes"]] == [REGION]
    for label, name in ((0, "class 0 (12)"), (1, "class 1 (5)")):
        t = trace_by_name(spec, name)
        rows = np.flatnonzero(play.points.y == label)
        assert np.allclose(arr(t["x"]), play.points.X[rows, 0]) and np.allclose(arr(t["y"]), play.points.X[rows, 1])
        assert t["marker"]["symbol"] == class_symbol(twelve.positions[label])
        assert t["marker"]["color"] == class_colour(twelve.positions[label])
        assert t["text"] == [str(r) for r in rows]  # hover says the point's number, as the words do
    stars = trace_by_name(spec, "new points (7)")
    assert np.allclose(arr(stars["x"]), outcome.new_points[:, 0], atol=1e-6)
    assert stars["marker"]["symbol"] == synthetic_symbol(1)
    custom = arr(stars["customdata"]).reshape(-1, 4)
    assert custom[:, 1].tolist() == outcome.trace.seed_index.tolist()  # hover names each star's seed
    # The solid line is where the classifier's margin after SMOTE crosses zero.
    r = outcome.regions
    after = trace_by_name(spec, AFTER)
    line = np.column_stack([arr(after["x"]), arr(after["y"])]).astype(float)
    line = line[~np.isnan(line).any(axis=1)]
    assert len(line) > 10
    margin = RegularGridInterpolator((r.ys, r.xs), r.margin_after)(line[:, ::-1])
    assert np.abs(margin).max() < 1e-5
    assert trace_by_name(spec, BEFORE)["line"]["dash"] == "dot"
    assert spec["layout"]["legend"]["itemclick"] is False  # a click on the legend hides nothing


def test_new_points_in_another_class_territory_are_outlined_in_black(twelve):
    outcome = run(twelve.start, twelve, PlaygroundSettings(every_class=True))
    assert 0 < outcome.landed < outcome.n_new
    stars = trace_by_name(spec_of(playground_figure(twelve, Play(twelve.start), outcome)), "new points (7)")
    outlined = [colour == "#000000" for colour in stars["marker"]["line"]["color"]]
    assert outlined == outcome.elsewhere.tolist()


def test_the_view_is_fixed_and_zooming_is_off(twelve):
    spec = spec_of(playground_figure(twelve, Play(twelve.start), run(twelve.start, twelve, PlaygroundSettings())))
    layout = spec["layout"]
    assert layout["xaxis"]["range"] == list(twelve.x_range) and layout["yaxis"]["range"] == list(twelve.y_range)
    assert layout["xaxis"]["fixedrange"] and layout["yaxis"]["fixedrange"] and layout["dragmode"] is False
    assert layout["yaxis"]["scaleanchor"] == "x"  # equal scale: circles are round
    stretched = preset_canvas("stretched")
    layout = spec_of(playground_figure(stretched, Play(stretched.start),
                                       run(stretched.start, stretched, PlaygroundSettings())))["layout"]
    assert "scaleanchor" not in layout["yaxis"]  # income against age: no equal scale
    assert layout["xaxis"]["title"]["text"] == "age (years)"


def test_a_picked_seed_shows_its_neighbours_and_their_circle(twelve):
    play, outcome = picked(twelve, neighbour_rank=None)
    spec = spec_of(playground_figure(twelve, play, outcome))
    names = [t["name"] for t in spec["data"]]
    assert names[-3:] == [NEIGHBOURHOOD, NEIGHBOURS, SEED] and "frames" not in spec
    seed = play.points.X[play.seed]
    neighbours = play.points.X[list(outcome.neighbours_of(play.seed))]
    t = trace_by_name(spec, NEIGHBOURS)
    assert np.allclose(np.column_stack([arr(t["x"]), arr(t["y"])]), neighbours, atol=1e-6)
    assert t["text"] == ["1", "2", "3"]
    lines = trace_by_name(spec, NEIGHBOURHOOD)
    x, y = arr(lines["x"]), arr(lines["y"])
    circle = np.column_stack([x[9:], y[9:]])  # after k (seed, neighbour, gap) triples
    radius = np.linalg.norm(circle - seed, axis=1)
    assert np.allclose(radius, outcome.radius_of(play.seed), atol=1e-5)
    assert np.isclose(outcome.radius_of(play.seed), np.linalg.norm(neighbours[-1] - seed))


def test_standardised_distances_draw_an_ellipse_in_raw_units():
    stretched = preset_canvas("stretched")
    play, outcome = picked(stretched, PlaygroundSettings(standardise=True), neighbour_rank=None)
    lines = trace_by_name(spec_of(playground_figure(stretched, play, outcome)), NEIGHBOURHOOD)
    x, y = arr(lines["x"])[9:].astype(float), arr(lines["y"])[9:].astype(float)
    seed, scale = play.points.X[play.seed], outcome.scaler.scale_
    in_sd = np.hypot((x - seed[0]) / scale[0], (y - seed[1]) / scale[1])
    assert np.allclose(in_sd, outcome.radius_of(play.seed), rtol=1e-4)
    assert np.ptp(y) / np.ptp(x) > 100  # wide in euros, narrow in years: an ellipse, not a circle


def test_a_chosen_neighbour_gets_a_segment_and_a_lambda_slider_in_the_browser(twelve):
    play, outcome = picked(twelve)
    fig = playground_figure(twelve, play, outcome)
    spec = spec_of(fig)
    names = [t["name"] for t in spec["data"]]
    assert names[-3:] == [SEGMENT, CHOSEN, HAND_NEW]
    seed, chosen = play.points.X[play.seed], play.points.X[play.neighbour]
    moving = names.index(HAND_NEW)
    frames = spec["frames"]
    assert [f["name"] for f in frames] == [f"{lam:.2f}" for lam in LAMBDAS]
    assert LAMBDAS[0] == 0 and LAMBDAS[-1] == 0.99  # λ in [0, 1): never 1
    for frame in frames:
        lam = float(frame["name"])
        assert frame["traces"] == [moving] and len(frame["data"]) == 1
        point = np.array([frame["data"][0]["x"][0], frame["data"][0]["y"][0]])
        assert np.allclose(point, seed + lam * (chosen - seed))
    slider = spec["layout"]["sliders"][0]
    assert slider["active"] == START_LAMBDA and len(slider["steps"]) == len(LAMBDAS)
    step = slider["steps"][37]
    assert step["method"] == "animate" and step["args"][0] == ["0.37"]
    assert step["args"][1]["frame"]["redraw"] is False  # SVG markers move without a redraw
    assert step["label"] == formula(seed, chosen, 0.37)
    start = trace_by_name(spec, HAND_NEW)
    assert np.allclose([start["x"][0], start["y"][0]], seed + 0.5 * (chosen - seed))
    plain = playground_figure(twelve, Play(twelve.start), outcome)
    # The slider takes the band the hint held: same size, so the plot never moves under the pointer.
    assert fig.layout.height == plain.layout.height and fig.layout.margin.t == plain.layout.margin.t
    assert [a.text for a in plain.layout.annotations] == [HINT_SEED] and not fig.layout.annotations
    waiting = playground_figure(twelve, Play(twelve.start, seed=play.seed), outcome)
    assert [a.text for a in waiting.layout.annotations] == [HINT_NEIGHBOUR]


def test_the_region_path_covers_the_cells_with_a_positive_margin_and_keeps_holes():
    xs = ys = np.linspace(-2, 2, 41)
    gx, gy = np.meshgrid(xs, ys)
    ring = 1.0 - np.abs(np.hypot(gx, gy) - 1.2) * 4  # positive on a ring of radius 1.2: a disc with a hole
    path = region_path(xs, ys, ring)
    assert path.count("M") == 2 and path.count("Z") == 2  # the outer outline and the hole
    x, y = boundary_lines(xs, ys, ring)
    radius = np.hypot(x[~np.isnan(x)], y[~np.isnan(y)])
    assert np.all((np.abs(radius - 0.95) < 0.03) | (np.abs(radius - 1.45) < 0.03))
    assert region_path(xs, ys, -np.ones_like(ring)) == "" and len(boundary_lines(xs, ys, -np.ones_like(ring))[0]) == 0


def test_formula_substitutes_the_numbers():
    text = formula(np.array([1.0, 2.0]), np.array([3.0, 6.0]), 0.25)
    assert text == "λ = 0.25   x_new = x_i + λ·(x_zi − x_i)<br>= (1, 2) + 0.25·((3, 6) − (1, 2)) = (1.5, 3)"
    income = formula(np.array([23.0, 78000.0]), np.array([65.0, 84000.0]), 0.5)
    assert income.endswith("= (44, 81000)") and "e+" not in income  # no exponent form for euros
    assert number(0.0001234) == "0.00012" and number(0.0) == "0" and number(-12345.6) == "-12346"


@pytest.mark.parametrize(("dx", "dy", "position"), [
    (1, 0, "middle right"), (-1, 0.1, "middle left"), (0, 1, "top center"), (0.1, -1, "bottom center"),
    (1, 1, "top right"), (-1, -1, "bottom left"), (0, 0, "top right"), (np.nan, 1, "top right"),
])
def test_labels_sit_on_the_side_facing_away(dx, dy, position):
    assert outward(dx, dy) == position


def test_presenter_mode_enlarges_the_playground_figure(twelve):
    play, outcome = picked(twelve)
    plain = playground_figure(twelve, play, outcome)
    fig = playground_figure(twelve, play, outcome, projector=True)
    assert fig.layout.font.size >= PROJECTOR_FONT
    assert fig.layout.sliders[0].currentvalue.font.size == PROJECTOR_FONT  # the formula too
    assert fig.layout.legend.font.size > plain.layout.legend.font.size
    assert fig.layout.margin.t > plain.layout.margin.t  # a taller band for the larger legend and formula


def test_labels_from_a_file_are_plain_text_in_the_figure():
    from smote_viz.data import Dataset
    from smote_viz.playground.canvas import dataset_canvas

    X = np.vstack([np.random.default_rng(0).normal(0, 1, (20, 2)), np.random.default_rng(1).normal(3, 1, (6, 2))])
    y = np.array(["<b>bold</b>"] * 20 + ["<i>x</i>"] * 6)
    canvas = dataset_canvas(Dataset(X, y, ["<script>", "y"]))
    spec = spec_of(playground_figure(canvas, Play(canvas.start), run(canvas.start, canvas, PlaygroundSettings())))
    names = [t["name"] for t in spec["data"]]
    assert "class &lt;b&gt;bold&lt;/b&gt; (20)" in names and "class &lt;i&gt;x&lt;/i&gt; (6)" in names
    assert spec["layout"]["xaxis"]["title"]["text"] == "&lt;script&gt;"
