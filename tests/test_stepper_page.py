"""The Step through SMOTE page (AppTest): what the figure draws and the narration says at each step (stepped as the
browser steps it, ``tests/stepping.py``), the link's step, the windows of a run, the table and counts."""

from __future__ import annotations

import json

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE

from smote_viz.data import default_dataset, generate
from smote_viz.smote import trace_smote
from smote_viz.stepper.browser import WINDOW_POINTS
from smote_viz.stepper.figures import PLAN_WIDTH, stepper_figure
from smote_viz.stepper.settings import lowest_ratio
from tests.plotly_json import arr, trace_by_name
from tests.stepping import Stepping, send

PAGE = "pages/stepper.py"


def stepper_spec(at) -> dict:
    """The static figure of the current phase (first chart on the page)."""
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def animation_spec(at) -> dict:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    animated = [s for s in specs if s.get("frames")]
    assert len(animated) == 1
    return animated[0]


def text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def highlighted(spec: dict) -> np.ndarray:
    pts = trace_by_name(spec, "highlighted points")
    return np.column_stack([arr(pts["x"]), arr(pts["y"])])


def animated(spec: dict) -> dict:
    """The trace of every synthetic point of the run (those not yet placed are transparent)."""
    return next(t for t in spec["data"] if t.get("customdata") is not None and "cmin" in t.get("marker", {}))


def visible_synthetic(spec: dict) -> np.ndarray:
    """Indices of the synthetic points shown: the animated trace hides the points not yet placed by their colour
    value (above ``cmax``'s midpoint they map to transparent)."""
    t = animated(spec)
    values = arr(t["marker"]["color"])
    threshold = (t["marker"]["cmin"] + t["marker"]["cmax"]) / 2
    return np.flatnonzero(values < threshold)


def expected_default(k=5, seed=0):
    ds = default_dataset()
    X_res, _ = SMOTE(k_neighbors=k, random_state=seed).fit_resample(ds.X2, ds.y)
    return ds, X_res[len(ds.y):]


def url_step(at) -> str:
    value = at.query_params["step"]
    return value[-1] if isinstance(value, list) else value


def click(at, key: str):
    at.button(key=key).click().run()
    assert not at.exception
    return at


def test_next_previous_reset_and_jump_drive_the_figure_and_narration(app):
    ds, new = expected_default()
    at = app(PAGE)
    assert not at.exception
    assert at.title[0].value == "Step through SMOTE"
    s = Stepping(at)
    assert "Step **0** of 640" in s.text()
    assert "**Start.** SMOTE will make **160** synthetic points" in s.text()
    assert np.isnan(highlighted(s.figure())).all()
    assert not [b for b in at.button if b.key and b.key.startswith("stepper_")]  # the browser has the controls

    s.next()  # phase 1: the seed
    body = s.text()
    assert "Synthetic point 1 of 160" in body and "over-sampling **class 1**" in body
    pts = highlighted(s.figure())
    seed_rows = np.flatnonzero(np.all(np.isclose(ds.X2, pts[0], atol=1e-5), axis=1))
    assert len(seed_rows) == 1 and ds.y[seed_rows[0]] == 1
    assert f"row **{seed_rows[0]}**" in body and np.isnan(pts[1:]).all()

    s.next()  # phase 2: five neighbours, nearest first, all of class 1
    pts = highlighted(s.figure())
    neighbours = pts[1:6]
    assert not np.isnan(neighbours).any()
    d = np.hypot(*(neighbours - pts[0]).T)
    assert (np.diff(d) >= -1e-6).all()
    assert "Its k = 5 nearest neighbours within class 1" in s.text()
    # The view is zoomed onto the neighbourhood, and the words under the narration say so; the map shows where.
    view = s.step()["view"]
    assert "Zoomed onto the neighbourhood of the seed" in view and f"row {seed_rows[0]}" in view
    layout = s.figure()["layout"]
    x_range, y_range = layout["xaxis"]["range"], layout["yaxis"]["range"]
    np.testing.assert_allclose([sum(x_range) / 2, sum(y_range) / 2], pts[0], rtol=1e-4)
    assert x_range[1] - x_range[0] < 2.5 * d.max() * 1.5  # the neighbour circle fills most of the view
    rectangle = trace_by_name(s.figure(), "map view")
    assert rectangle["xaxis"] == "x2" and arr(rectangle["x"])[:5].min() <= pts[0, 0] <= arr(rectangle["x"])[:5].max()

    s.next().next()  # phase 4: the new point equals imbalanced-learn's first synthetic row
    pts = highlighted(s.figure())
    np.testing.assert_allclose(pts[-1], new[0], rtol=1e-6)
    assert visible_synthetic(s.figure()).tolist() == [0]
    assert "x_new = x_i + λ·(x_zi − x_i) = " in s.text()
    assert f"= ({new[0, 0]:.3f}, {new[0, 1]:.3f})" in s.text()

    s.prev()  # back to phase 3: the new point is gone again
    assert "Step **3** of 640" in s.text()
    assert not np.isclose(highlighted(s.figure()), new[0], rtol=1e-6).all(axis=1).any()
    assert visible_synthetic(s.figure()).tolist() == []

    s.end()  # every point placed: exactly imbalanced-learn's output (the server sends the last window)
    assert "Step **640** of 640: the whole run" in s.text() and url_step(at) == "640"
    assert "All **160** synthetic points are made" in s.text()
    assert len(highlighted(s.figure())) == 0 or np.isnan(highlighted(s.figure())).all()  # nothing highlighted
    whole = s.figure()["layout"]["xaxis"]["range"]
    trace = trace_smote(ds.X2, ds.y, k_neighbors=5, random_state=0)
    start = stepper_figure(trace, 0, height=560, width=PLAN_WIDTH).to_dict()["layout"]["xaxis"]["range"]
    np.testing.assert_allclose(whole, start, rtol=1e-3)  # the start's view of the whole data, every new point in it
    synthetic = animated(s.figure())
    np.testing.assert_allclose(arr(synthetic["x"]), new[:, 0], rtol=1e-6)
    np.testing.assert_allclose(arr(synthetic["y"]), new[:, 1], rtol=1e-6)
    assert visible_synthetic(s.figure()).tolist() == list(range(160))
    assert s.at_end()
    s.prev().next()  # the last step itself: the last point being made, zoomed in
    assert "Synthetic point 160 of 160" in s.text() and not s.whole
    assert len(highlighted(s.figure())) > 0

    s.reset()
    assert "Step **0** of 640" in s.text() and url_step(at) == "0"


def test_the_browser_gets_the_run_in_windows_and_asks_for_the_next_one_at_its_edge(app):
    at = app(PAGE)
    s = Stepping(at)
    data = s.data
    assert (data["first"], data["last"], data["total"]) == (0, 4 * WINDOW_POINTS, 641)
    assert len(data["frames"]) == len(data["steps"]) == 4 * WINDOW_POINTS + 1
    assert [f["name"] for f in data["frames"][:3]] == ["0", "1", "2"]
    assert len(at.get("bidi_component")[0].proto.json) < 500_000  # a window, not the run: bytes stay bounded
    s.go(4 * WINDOW_POINTS)  # the window's last step: still the browser's
    assert s.data["first"] == 0
    s.next()  # one past it: the server sends the window holding it, standing there, and the link follows
    assert s.data["first"] == 4 * WINDOW_POINTS and s.position == 4 * WINDOW_POINTS + 1
    assert url_step(at) == str(4 * WINDOW_POINTS + 1)
    assert f"Synthetic point {WINDOW_POINTS + 1} of 160" in s.text()
    # Play crossing into the window goes on playing there, once.
    send(at, "moved", {"position": 8 * WINDOW_POINTS + 1, "playing": True})
    assert Stepping(at).data["autoplay"] is True and Stepping(at).data["first"] == 8 * WINDOW_POINTS
    at.run()
    assert Stepping(at).data["autoplay"] is False


@pytest.mark.parametrize("value", [None, "abc", float("nan"), -5, 10**30, {"position": "x"}, [1, 2],
                                   {"position": 1e400}, {"position": 3.5}])
def test_a_forged_move_is_ignored(app, value):
    at = app(PAGE, query={"step": "5"})
    send(at, "moved", value)
    assert not at.exception
    assert Stepping(at).position == 5


def test_animation_table_counts_and_paper_note(app):
    at = app(PAGE, query={"amount": "number", "new": "12", "rs": "2"})
    assert not at.exception
    ds = default_dataset()
    expected = SMOTE(sampling_strategy={1: 32}, random_state=2).fit_resample(ds.X2, ds.y)[0][len(ds.y):]
    s = Stepping(at)  # the whole run (12 points) fits one window: every frame is in the browser, Play included
    assert (s.data["first"], s.data["last"], len(s.data["frames"])) == (0, 48, 49)
    assert s.data["frame_ms"] == 90 and 0 < s.data["glide_ms"] <= s.data["frame_ms"]
    np.testing.assert_allclose(arr(animated(s.figure())["x"]), expected[:, 0], rtol=1e-6)
    assert visible_synthetic(s.end().figure()).tolist() == list(range(12))
    # The trace table: one row per synthetic point, with its parents.
    table = at.dataframe[0].value
    assert len(table) == 12
    np.testing.assert_allclose(table[["new_x1", "new_x2"]].to_numpy(), expected)
    assert set(ds.y[table["seed_row"]]) == {1} and set(ds.y[table["chosen_row"]]) == {1}
    assert at.get("download_button")
    # Class sizes before and after.
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = [s for s in specs if s["data"][0]["type"] == "bar"]
    assert [list(arr(b["data"][0]["x"]).astype(int)) for b in bars] == [[180, 20], [180, 32]]
    # Paper vs library: the unused seeds of this run, counted.
    unused = 20 - len(set(table["seed_row"]))
    assert f"class 1: {unused} of its 20 points never used" in text(at)
    assert "issue #1093" in text(at)


def test_k_too_large_is_lowered_with_a_notice(app):
    # 6 points of class 1 in a 60-point dataset: k = 10 cannot work, k = 5 can.
    at = app(PAGE, query={"shape": "moons", "n": "60", "minority": "0.1", "classes": "2", "seed": "1", "k": "10"})
    assert not at.exception
    info = " ".join(i.value for i in at.info)
    assert "k lowered from 10 to 5" in info and "class 1 has only 6 points" in info
    assert "k = 5" in text(at)


def test_a_ratio_that_would_remove_points_is_raised_to_the_lowest_valid_one(app):
    at = app(PAGE, query={"amount": "ratio", "ratio": "0.05"})
    assert not at.exception
    # int(180 * 0.10) = 18 and int(180 * 0.15) = 27: 0.15 is the lowest slider value keeping the 20 points.
    assert lowest_ratio(default_dataset()) == pytest.approx(0.15)
    notice = " ".join(i.value for i in at.info)
    assert "removing minority points" in notice and "0.15" in notice
    slider = at.slider(key="stepper_ratio")
    assert slider.min == pytest.approx(0.15) and slider.value == pytest.approx(0.15)
    assert "int\\(0\\.15 × 180\\)" in text(at)  # escaped for markdown
    assert not at.error


def test_multi_class_runs_classes_in_imblearn_order_and_says_which(app):
    query = {"shape": "blobs", "n": "120", "minority": "0.3", "classes": "3", "seed": "3"}
    at = app(PAGE, query=query)
    assert not at.exception
    ds = generate("blobs", 120, 0.3, 0.3, n_classes=3, random_state=3)
    new = SMOTE(random_state=0).fit_resample(ds.X2, ds.y)[0][len(ds.y):]
    counts = ds.counts
    assert f"class 1: {counts[1]} → {counts[0]}" in text(at) and f"class 2: {counts[2]} → {counts[0]}" in text(at)
    assert "one at a time, in sorted label order" in text(at)
    s = Stepping(at)
    assert "over-sampling **class 1**" in s.next().text()
    assert "over-sampling **class 2**" in s.go(s.data["total"] - 1).text()  # the last step
    spec = s.figure()
    parts = [t for t in spec["data"] if t.get("customdata") is not None and "cmin" in t.get("marker", {})]
    assert len(parts) == 2
    placed = np.vstack([np.column_stack([arr(t["x"]), arr(t["y"])]) for t in parts])
    np.testing.assert_allclose(placed, new, rtol=1e-6)


def test_balanced_data_needs_no_new_points(app):
    at = app(PAGE, query={"shape": "moons", "n": "60", "minority": "0.5", "classes": "2", "seed": "2"})
    assert not at.exception
    assert "makes no new points" in " ".join(i.value for i in at.info)
    assert "0 synthetic points" in text(at)
    assert not at.get("plotly_chart") and not at.button


@pytest.mark.parametrize("query", [{"step": "3"}, {"step": "1", "predict": "1"}], ids=["step", "predict first"])
def test_a_double_click_returns_to_the_step_s_own_view(app, query):
    """Plotly's default double click shows the whole data (the overview map then sits over points); the step's
    figure returns to the view the step chose instead, also while it takes a predict-first answer."""
    at = app(PAGE, query)
    chart = at.get("plotly_chart")[0].proto
    assert json.loads(chart.config).get("doubleClick") == "reset"
    assert stepper_spec(at)["layout"]["xaxis"].get("range")  # the step's own view: a range of its choosing
