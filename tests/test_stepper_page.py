"""The Step through SMOTE page (AppTest): buttons, URL step, what the figures draw, narration numbers."""

from __future__ import annotations

import json

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE

from smote_viz.data import default_dataset, generate
from smote_viz.stepper.settings import lowest_ratio
from tests.plotly_json import arr, trace_by_name

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


def highlighted(at) -> np.ndarray:
    pts = trace_by_name(stepper_spec(at), "highlighted points")
    return np.column_stack([arr(pts["x"]), arr(pts["y"])])


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


def test_next_previous_reset_and_jump_drive_the_figure_narration_and_url(app):
    ds, new = expected_default()
    at = app(PAGE)
    assert not at.exception
    assert at.title[0].value == "Step through SMOTE"
    assert "Step **0** of 640" in text(at)
    assert "**Start.** SMOTE will make **160** synthetic points" in text(at)
    assert np.isnan(highlighted(at)).all()

    click(at, "stepper_next")  # phase 1: the seed
    assert url_step(at) == "1"
    body = text(at)
    assert "Synthetic point 1 of 160" in body and "over-sampling **class 1**" in body
    pts = highlighted(at)
    seed_rows = np.flatnonzero(np.all(np.isclose(ds.X2, pts[0], atol=1e-5), axis=1))
    assert len(seed_rows) == 1 and ds.y[seed_rows[0]] == 1
    assert f"row **{seed_rows[0]}**" in body and np.isnan(pts[1:]).all()

    click(at, "stepper_next")  # phase 2: five neighbours, nearest first, all of class 1
    pts = highlighted(at)
    neighbours = pts[1:6]
    assert not np.isnan(neighbours).any()
    d = np.hypot(*(neighbours - pts[0]).T)
    assert (np.diff(d) >= -1e-6).all()
    assert "Its k = 5 nearest neighbours within class 1" in text(at)
    # The view is zoomed onto the neighbourhood, and the caption says so; the map shows where it lies.
    captions = " ".join(c.value for c in at.caption)
    assert "Zoomed onto the neighbourhood of the seed" in captions and f"row {seed_rows[0]}" in captions
    layout = stepper_spec(at)["layout"]
    x_range, y_range = layout["xaxis"]["range"], layout["yaxis"]["range"]
    np.testing.assert_allclose([sum(x_range) / 2, sum(y_range) / 2], pts[0], rtol=1e-5)
    assert x_range[1] - x_range[0] < 2.5 * d.max() * 1.5  # the neighbour circle fills most of the view
    rectangle = trace_by_name(stepper_spec(at), "map view")
    assert rectangle["xaxis"] == "x2" and arr(rectangle["x"])[:5].min() <= pts[0, 0] <= arr(rectangle["x"])[:5].max()

    click(at, "stepper_next")
    click(at, "stepper_next")  # phase 4: the new point equals imbalanced-learn's first synthetic row
    pts = highlighted(at)
    np.testing.assert_allclose(pts[-1], new[0], rtol=1e-6)
    synthetic = trace_by_name(stepper_spec(at), "synthetic 1")
    np.testing.assert_allclose(arr(synthetic["x"]), [new[0, 0]], rtol=1e-6)
    assert "x_new = x_i + λ·(x_zi − x_i) = " in text(at)
    assert f"= ({new[0, 0]:.3f}, {new[0, 1]:.3f})" in text(at)

    click(at, "stepper_prev")  # back to phase 3: the new point is gone again
    assert "Step **3** of 640" in text(at)
    assert np.isnan(highlighted(at)[-1]).all()
    assert len(arr(trace_by_name(stepper_spec(at), "synthetic 1")["x"])) == 0

    click(at, "stepper_end")  # every point placed: exactly imbalanced-learn's output
    assert "Step **640** of 640" in text(at) and url_step(at) == "640"
    synthetic = trace_by_name(stepper_spec(at), "synthetic 1")
    np.testing.assert_allclose(arr(synthetic["x"]), new[:, 0], rtol=1e-6)
    np.testing.assert_allclose(arr(synthetic["y"]), new[:, 1], rtol=1e-6)
    assert at.button(key="stepper_next").disabled

    click(at, "stepper_reset")
    assert "Step **0** of 640" in text(at) and url_step(at) == "0"
    assert at.button(key="stepper_prev").disabled


def test_a_shared_link_opens_at_its_step_with_its_settings(app):
    at = app(PAGE, query={"step": "7", "k": "3", "rs": "4"})
    assert not at.exception
    assert "Step **7** of 640" in text(at)
    ds = default_dataset()
    new = SMOTE(k_neighbors=3, random_state=4).fit_resample(ds.X2, ds.y)[0][len(ds.y):]
    # Position 7 is phase 3 of point 2: point 1 is already placed.
    np.testing.assert_allclose(arr(trace_by_name(stepper_spec(at), "synthetic 1")["x"]), [new[0, 0]], rtol=1e-6)
    assert "k = 3" in text(at)


def test_animation_table_counts_and_paper_note(app):
    at = app(PAGE, query={"amount": "number", "new": "12", "rs": "2"})
    assert not at.exception
    ds = default_dataset()
    expected = SMOTE(sampling_strategy={1: 32}, random_state=2).fit_resample(ds.X2, ds.y)[0][len(ds.y):]
    assert not [c for c in at.get("plotly_chart") if json.loads(c.proto.spec).get("frames")]  # not playing yet
    click(at, "stepper_play")  # the stepper's figure area becomes the animation, from step 0
    spec = animation_spec(at)
    assert len(spec["frames"]) == 4 * 12 + 1
    assert len(spec["layout"]["sliders"][0]["steps"]) == 49
    assert [b["label"] for b in spec["layout"]["updatemenus"][0]["buttons"]] == ["▶ Play", "❚❚ Pause"]
    animated = [t for t in spec["data"] if t.get("customdata") is not None]
    np.testing.assert_allclose(arr(animated[0]["x"]), expected[:, 0], rtol=1e-6)
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
    click(at, "stepper_next")
    assert "over-sampling **class 1**" in text(at)
    click(at, "stepper_end")
    assert "over-sampling **class 2**" in text(at)
    spec = stepper_spec(at)
    parts = [trace_by_name(spec, f"synthetic {c}") for c in (1, 2)]
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
