"""Step-through of BorderlineSMOTE and ADASYN: the stepper's records and figures show what the sampler did."""

from __future__ import annotations

import json

import numpy as np
import pytest
from imblearn.over_sampling import ADASYN, BorderlineSMOTE

from smote_viz.data import generate
from smote_viz.family import GalleryParams, run_variant
from smote_viz.family.figures import state_figure
from smote_viz.family.steps import narrate_variant, variant_trace
from smote_viz.stepper.figures import stepper_figure
from smote_viz.stepper.narration import position_count


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


def imblearn_borderline2_draws(X, y, seed, k=5, m=10):
    """BorderlineSMOTE(kind="borderline-2")'s draws for class 1, replayed here from imbalanced-learn 0.14.2's
    source: _make_samples (step_size 1) draws the picks, then u; _generate_samples draws s for the steps toward
    another class from a second generator started from the same seed."""
    from sklearn.neighbors import NearestNeighbors

    idx = np.flatnonzero(y == 1)
    vote = NearestNeighbors(n_neighbors=m + 1).fit(X).kneighbors(X[idx], return_distance=False)[:, 1:]
    n_other = np.sum(y[vote] != 1, axis=1)
    danger = idx[(n_other >= m / 2) & (n_other < m)]
    nns = NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X[danger], return_distance=False)[:, 1:]
    n_new = int(np.sum(y == 0) - np.sum(y == 1))
    rs = np.random.RandomState(seed)
    picks = rs.randint(low=0, high=nns.size, size=n_new)
    u = 1.0 * rs.uniform(size=n_new)
    rows, cols = picks // k, picks % k
    toward_other = y[nns[rows, cols]] != 1
    s = np.ones(n_new)
    s[toward_other] = np.random.RandomState(seed).uniform(low=0.0, high=0.5, size=int(toward_other.sum()))
    new = X[danger[rows]] + (u * s)[:, None] * (X[nns[rows, cols]] - X[danger[rows]])
    return danger[rows], nns[rows, cols], u, s, new, nns[rows]


def test_borderline2_texts_say_what_imbalanced_learn_draws(data):
    """The narration, the About box and the step-0 text name the same draws: a neighbour of any class with
    chance 1/k, u uniform in [0, 1), and toward another class a second draw s uniform in [0, 0.5), gap u x s."""
    from smote_viz.family import DESCRIPTIONS
    from smote_viz.family.text import BORDERLINE2_GAP

    X, y = data
    result, trace = walk("borderline2", X, y, seed=7)
    seeds, chosen, u, s, new, neighbours = imblearn_borderline2_draws(X, y, seed=7)
    np.testing.assert_allclose(new, trace.new_points, rtol=0, atol=1e-12)  # the replay here is the sampler
    np.testing.assert_array_equal(seeds, trace.seed_index)
    np.testing.assert_array_equal(chosen, trace.chosen_index)
    other = np.flatnonzero(s < 1)
    same = np.flatnonzero(s == 1)
    assert len(other) and len(same)
    for i in other[:5]:
        text = narrate_variant(result, trace, 4 * i + 4)
        assert f"u = {u[i]:.4f} the usual draw, uniform in [0, 1)" in text
        assert f"s = {s[i]:.4f} a second draw, uniform in [0, 0.5)" in text
        assert f"λ = **{u[i] * s[i]:.4f}**, below 0.5" in text
        n_other = int(np.sum(y[neighbours[i]] != 1))
        assert f"{n_other} of its 5 neighbours are of another class" in narrate_variant(result, trace, 4 * i + 3)
        assert f"chance {n_other}/5" in narrate_variant(result, trace, 4 * i + 3)
    for i in same[:3]:
        text = narrate_variant(result, trace, 4 * i + 4)
        assert f"λ = u = **{u[i]:.4f}**, drawn uniformly from [0, 1)" in text and "s =" not in text
    about = DESCRIPTIONS["borderline2"].changes
    start = narrate_variant(result, trace, 0)
    for words in ("chance 1/k each", "λ = u, u uniform in [0, 1)", "λ = u × s", "s uniform in [0, 0.5)"):
        assert words in BORDERLINE2_GAP
    assert BORDERLINE2_GAP in about and BORDERLINE2_GAP in start
    assert "[0, 0.5)" not in DESCRIPTIONS["borderline1"].changes + narrate_variant(
        *walk("borderline1", X, y, seed=7)[:2], 4)


def test_the_vote_stays_on_every_step_under_the_highlights(data):
    from smote_viz.family.figures import step_layers

    X, y = data
    result, trace = walk("borderline1", X, y, seed=7)
    state = result.state
    for position in (1, 2, 3, 4, 9, position_count(trace) - 1):
        fig = stepper_figure(trace, position, layers=step_layers(result, X))
        names = [t.name for t in fig.data]
        for cat, word in (("danger", "danger: a seed"), ("noise", "noise: ignored"), ("safe", "safe: ignored")):
            rows = state.rows[state.category == cat]
            if len(rows) == 0:
                continue
            name = f"{word} ({len(rows)})"
            layer = points_of(fig, name)
            np.testing.assert_array_equal(layer, X[rows].astype(np.float32))
            assert names.index(name) < names.index("highlighted points")  # under the highlights
            assert next(t for t in fig.data if t.name == name).showlegend is not False
    result, trace = walk("adasyn", X, y, seed=2)
    fig = stepper_figure(trace, 5, layers=step_layers(result, X))
    rings = next(t for t in fig.data if t.name == "hardness r_i (ring size)")
    np.testing.assert_allclose(np.asarray(rings.marker.size), 9 + 16 * result.state.hardness, rtol=1e-6)
