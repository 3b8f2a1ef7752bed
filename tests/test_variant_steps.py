"""Step-through of BorderlineSMOTE and ADASYN: the stepper's records and figures show what the sampler did."""

from __future__ import annotations

import json

import numpy as np
import pytest
from imblearn.over_sampling import ADASYN, BorderlineSMOTE

from smote_viz.data import generate
from smote_viz.family import GalleryParams, run_variant
from smote_viz.family.steps import narrate_variant, variant_trace
from smote_viz.figures.stepper import stepper_figure
from smote_viz.figures.variants import state_figure
from smote_viz.narration import position_count


@pytest.fixture(scope="module")
def data():
    ds = generate("blobs", 160, 0.15, 0.6, random_state=3)
    return np.asarray(ds.X2), np.asarray(ds.y)


def assert_records_make_the_points(trace, X):
    """seed + gap x (chosen - seed) is the sampler's real new point, for every step of the stepper record."""
    made = X[trace.seed_index] + trace.gap[:, None] * (X[trace.chosen_index] - X[trace.seed_index])
    np.testing.assert_allclose(made, trace.new_points, rtol=0, atol=1e-12)


def walk(key, X, y, **kw):
    result = run_variant(key, X, y, GalleryParams(**kw), positive=1, with_evaluation=False)
    return result, variant_trace(result, X, y)


def points_of(fig, name):
    trace = next(t for t in fig.data if t.name == name)
    return np.column_stack([trace.x, trace.y]).astype(float)


@pytest.mark.parametrize("kind", ["borderline-1", "borderline-2"])
def test_borderline_trace_is_the_samplers_run(data, kind):
    X, y = data
    key = "borderline1" if kind == "borderline-1" else "borderline2"
    result, trace = walk(key, X, y, k=5, m=10, seed=7)
    X_real, _ = BorderlineSMOTE(k_neighbors=5, m_neighbors=10, kind=kind, random_state=7).fit_resample(X, y)
    np.testing.assert_array_equal(trace.new_points, X_real[len(X):])
    assert_records_make_the_points(trace, X)
    assert position_count(trace) == 4 * (len(X_real) - len(X)) + 1
    danger = set(result.state.rows[result.state.category == "danger"].tolist())
    assert set(trace.seed_index.tolist()) == danger
    # The chosen neighbour is the rank-th of the listed neighbours, and the neighbours are nearest first.
    for i in range(0, trace.n_new, 17):
        assert trace.neighbor_indices[i, trace.chosen_rank[i] - 1] == trace.chosen_index[i]
        assert np.all(np.diff(trace.neighbor_distances[i]) >= 0)
    if kind == "borderline-1":
        assert np.all(y[trace.neighbor_indices] == 1)  # minority neighbours only
    else:
        assert np.any(y[trace.neighbor_indices] == 0)  # any class


def test_stepper_figure_places_the_samplers_points(data):
    X, y = data
    result, trace = walk("borderline2", X, y, seed=7)
    X_real, _ = BorderlineSMOTE(kind="borderline-2", random_state=7).fit_resample(X, y)
    fig = stepper_figure(trace, 4 * 3)  # phase 4 of the third point: three points placed
    placed = points_of(fig, "synthetic 1")
    np.testing.assert_allclose(placed, X_real[len(X):len(X) + 3], rtol=1e-6)


def test_borderline2_narration_explains_the_shrunk_step(data):
    X, y = data
    result, trace = walk("borderline2", X, y, seed=7)
    other = np.flatnonzero(y[trace.chosen_index] != 1)
    i = int(other[0])
    text = narrate_variant(result, trace, 4 * i + 4)
    assert "another class" in text and f"λ = **{trace.gap[i]:.4f}**" in text
    assert trace.gap[i] < 0.5
    phase2 = narrate_variant(result, trace, 4 * i + 2)
    assert "among **all** points, any class" in phase2 and "class 0" in phase2


def test_adasyn_trace_walks_seeds_in_order_with_their_counts(data):
    X, y = data
    result, trace = walk("adasyn", X, y, k=5, seed=2)
    X_real, _ = ADASYN(n_neighbors=5, random_state=2).fit_resample(X, y)
    np.testing.assert_array_equal(trace.new_points, X_real[len(X):])
    assert_records_make_the_points(trace, X)
    state = result.state
    expected_seeds = np.repeat(state.rows, state.generated)
    np.testing.assert_array_equal(trace.seed_index, expected_seeds)
    first = int(np.flatnonzero(state.generated > 0)[0])
    text = narrate_variant(result, trace, 1)
    assert f"Seed row **{state.rows[first]}**" in text and f"of g = {state.generated[first]}" in text
    start = narrate_variant(result, trace, 0)
    assert "hardness r_i" in start and f"In total {int(state.generated.sum())} points" in start


def test_step_zero_figure_shows_the_classification_without_synthetic_points(data):
    X, y = data
    result, _ = walk("borderline1", X, y, m=10)
    fig = state_figure(result, X, y)
    spec = json.loads(fig.to_json())
    names = [t["name"] for t in spec["data"]]
    assert "danger: a seed" in names and "noise: ignored" in names
    assert not any(n.startswith("synthetic") for n in names)
    danger = points_of(fig, "danger: a seed")
    np.testing.assert_array_equal(danger, X[result.state.rows[result.state.category == "danger"]].astype(np.float32))


def test_a_run_without_points_cannot_be_stepped_through():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.3, (60, 2)), rng.normal(8, 0.3, (12, 2))])
    y = np.array([0] * 60 + [1] * 12)
    result = run_variant("adasyn", X, y, GalleryParams(), positive=1, with_evaluation=False)
    with pytest.raises(ValueError, match="hardness is 0"):
        variant_trace(result, X, y)
