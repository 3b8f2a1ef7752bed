"""trace_smote: bit-identical to imbalanced-learn's SMOTE, and every recorded step is geometrically right."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE
from sklearn.neighbors import NearestNeighbors

from smote_viz.data import generate
from smote_viz.smote import clamp_k, resolve_strategy, trace_smote

GOLDEN_MAJORITY = [[0, 0], [1, .2], [.3, 1.1], [1.4, 1.3], [2.2, .1], [.9, 2.4], [3, 3], [2.5, 1.7], [4.1, .6],
                   [3.6, 2.2]]
GOLDEN_MINORITY = [[1.6, .9], [2.1, 1.2], [1.8, 2.0], [2.6, .8]]
# (seed, neighbours nearest first, chosen, lambda) from DESIGN.md section 3.
GOLDEN_TRACE = [
    (12, [11, 10, 13], 11, 0.445833),
    (11, [10, 13, 12], 10, 0.099975),
    (13, [11, 10, 12], 10, 0.459249),
    (12, [11, 10, 13], 10, 0.333709),
    (11, [10, 13, 12], 13, 0.142867),
    (12, [11, 10, 13], 11, 0.650888),
]


def golden():
    X = np.array(GOLDEN_MAJORITY + GOLDEN_MINORITY, dtype=float)
    y = np.array([0] * 10 + [1] * 4)
    return X, y


def assert_same_as_imblearn(X, y, k, strategy, seed):
    expected_X, expected_y = SMOTE(k_neighbors=k, sampling_strategy=strategy, random_state=seed).fit_resample(X, y)
    trace = trace_smote(X, y, k_neighbors=k, sampling_strategy=strategy, random_state=seed)
    assert trace.X_resampled.dtype == expected_X.dtype
    assert trace.y_resampled.dtype == expected_y.dtype
    assert np.array_equal(trace.X_resampled, expected_X), (k, strategy, seed)
    assert np.array_equal(trace.y_resampled, expected_y), (k, strategy, seed)
    assert trace.n_new == len(expected_y) - len(y)
    return trace


def test_golden_vector_from_the_design_notes():
    X, y = golden()
    trace = assert_same_as_imblearn(X, y, 3, "auto", 42)
    assert trace.sampling_strategy == {1: 6}
    got = [(s.seed_index, list(s.neighbor_indices), s.chosen_index, round(s.gap, 6)) for s in trace.steps]
    assert got == GOLDEN_TRACE
    np.testing.assert_allclose(trace.steps[0].new_point, [1.93375, 1.643334], atol=5e-7)
    # Row 10 is never a seed on this run: seeds are drawn with replacement.
    assert {int(k): v for k, v in trace.unused_seed_counts().items()} == {1: (1, 4)}
    assert trace.unused_seeds()[1].tolist() == [10]


def test_steps_frame_has_one_row_per_synthetic_point_with_parents():
    X, y = golden()
    trace = trace_smote(X, y, k_neighbors=3, random_state=42)
    frame = trace.steps_frame(["a", "b"])
    assert len(frame) == 6
    assert frame["seed_row"].tolist() == [g[0] for g in GOLDEN_TRACE]
    assert frame["chosen_row"].tolist() == [g[2] for g in GOLDEN_TRACE]
    assert frame["neighbor_rows"].iloc[0] == "11 10 13"
    np.testing.assert_array_equal(frame[["new_a", "new_b"]].to_numpy(), trace.X_resampled[len(y):])
    np.testing.assert_array_equal(frame["seed_a"].to_numpy(), X[frame["seed_row"], 0])
    assert frame["chosen_rank"].tolist() == [1, 1, 2, 2, 2, 1]


SHAPES = [("blobs", 2), ("moons", 2), ("ring", 2), ("blobs", 3), ("moons", 4), ("xor", 3)]


@pytest.mark.parametrize(("shape", "n_classes"), SHAPES)
def test_bit_identical_to_imblearn_over_seeds_and_strategies(shape, n_classes):
    ds = generate(shape, 120, 0.3, 0.3, n_classes=n_classes, random_state=3)
    X, y = ds.X, ds.y
    strategies: list = ["auto", "minority", "not minority", "not majority", "all"]
    counts = ds.counts
    majority = ds.majority_label
    if n_classes == 2:
        strategies += [0.5, 0.75, 1.0]
    strategies.append({label: counts[label] + 7 * (i + 1) for i, label in enumerate(counts) if label != majority})
    for strategy in strategies:
        # 25 seeds for the default strategy, fewer for the others (each run costs two neighbour searches).
        for seed in range(25 if strategy == "auto" else 5):
            assert_same_as_imblearn(X, y, 5, strategy, seed)
    for k in (1, 2, 4):
        assert_same_as_imblearn(X, y, k, "auto", 11)


@pytest.mark.parametrize("kind", ["str", "int_x", "float32"])
def test_bit_identical_for_string_labels_float32_and_integer_x(kind):
    ds = generate("blobs", 100, 0.3, 0.4, n_classes=3, random_state=5)
    X, y = ds.X, ds.y
    if kind == "str":
        y = np.array(["zebra", "ant", "moth"])[y]  # sorted label order differs from the class numbers
    elif kind == "int_x":
        X = np.round(X * 10).astype(np.int64)
    else:
        X = X.astype(np.float32)
    for strategy in ("not minority", "all", "auto"):
        for seed in range(25 if strategy == "auto" else 5):
            trace = assert_same_as_imblearn(X, y, 5, strategy, seed)
    assert trace.new_points.dtype == X.dtype
    if kind == "str":
        # 'auto' over-samples every class but the majority ("zebra"), in sorted label order.
        assert list(trace.sampling_strategy) == ["ant", "moth"]
        assert trace.step_class[0] == "ant" and trace.step_class[-1] == "moth"
        assert set(trace.step_class.tolist()) <= {"ant", "moth", "zebra"}


def test_bit_identical_on_tied_integer_grid_with_duplicates():
    # Many exactly tied distances: only scikit-learn's own neighbour order reproduces imbalanced-learn.
    gx, gy = np.meshgrid(np.arange(4), np.arange(4))
    minority = np.column_stack([gx.ravel(), gy.ravel()])
    minority = np.vstack([minority, minority[:3]])  # duplicates: distance 0 ties
    majority = np.column_stack([np.arange(40) % 8, np.arange(40) // 8 + 5])
    for dtype in (np.int64, np.float64):
        X = np.vstack([majority, minority]).astype(dtype)
        y = np.array([0] * len(majority) + [1] * len(minority))
        for seed in range(25):
            for k in (3, 5):
                trace = assert_same_as_imblearn(X, y, k, "auto", seed)
    # Integer X: the interpolated points are truncated toward zero (imbalanced-learn issue #1093).
    exact = X[trace.seed_index] + trace.gap[:, None] * (X[trace.chosen_index] - X[trace.seed_index])
    assert np.array_equal(trace.new_points, exact.astype(X.dtype))


def test_random_state_instance_is_consumed_like_imblearn():
    ds = generate("moons", 80, 0.3, 0.2, n_classes=3, random_state=1)
    expected, _ = SMOTE(random_state=np.random.RandomState(9)).fit_resample(ds.X, ds.y)
    trace = trace_smote(ds.X, ds.y, random_state=np.random.RandomState(9))
    assert np.array_equal(trace.X_resampled, expected)


def test_each_step_lies_on_its_segment_and_uses_sklearn_neighbours():
    ds = generate("ring", 150, 0.2, 0.3, n_classes=3, random_state=2)
    X, y = ds.X, ds.y
    k = 4
    trace = trace_smote(X, y, k_neighbors=k, random_state=0)
    assert trace.n_new > 0
    for label in trace.sampling_strategy:
        rows = np.flatnonzero(y == label)
        if trace.sampling_strategy[label] == 0:
            assert len(trace.class_steps(label)) == 0
            continue
        nn = NearestNeighbors(n_neighbors=k + 1).fit(X[rows])
        dist, idx = nn.kneighbors(X[rows])
        for s in (trace.steps[i] for i in trace.class_steps(label)):
            assert s.class_label == label
            assert y[s.seed_index] == label and y[s.chosen_index] == label
            pos = int(np.flatnonzero(rows == s.seed_index)[0])
            assert list(s.neighbor_indices) == rows[idx[pos, 1:]].tolist()
            np.testing.assert_allclose(s.neighbor_distances, dist[pos, 1:], rtol=1e-12)
            assert list(s.neighbor_distances) == sorted(s.neighbor_distances)
            assert s.neighbor_indices[s.chosen_rank - 1] == s.chosen_index
            assert 0.0 <= s.gap < 1.0
            seed, chosen, new = X[s.seed_index], X[s.chosen_index], np.array(s.new_point)
            np.testing.assert_allclose(new, seed + s.gap * (chosen - seed), rtol=0, atol=1e-12)
            # On the segment: collinear, and between the ends.
            along, across = chosen - seed, new - seed
            assert abs(along[0] * across[1] - along[1] * across[0]) < 1e-9
            assert np.dot(across, along) >= -1e-12 and np.dot(across, across) <= np.dot(along, along) + 1e-12
    # Classes are processed in sorted label order, each class's points together.
    order = [v for i, v in enumerate(trace.step_class.tolist()) if i == 0 or trace.step_class[i - 1] != v]
    assert order == sorted(set(order))


def test_no_new_points_when_already_balanced():
    X = np.array([[0.0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6]])
    y = np.array([0, 0, 0, 1, 1, 1])
    trace = trace_smote(X, y, k_neighbors=2, random_state=0)
    assert trace.n_new == 0 and trace.steps == () and len(trace.steps_frame()) == 0
    assert np.array_equal(trace.X_resampled, SMOTE(k_neighbors=2, random_state=0).fit_resample(X, y)[0])


def test_errors_are_clear_value_errors():
    X, y = golden()
    with pytest.raises(ValueError, match="needs at least 5 points in class 1.*has 4.*k_neighbors <= 3"):
        trace_smote(X, y, k_neighbors=4)
    with pytest.raises(ValueError):  # imbalanced-learn raises too
        SMOTE(k_neighbors=4).fit_resample(X, y)
    with pytest.raises(ValueError, match="remove samples"):
        trace_smote(X, y, k_neighbors=3, sampling_strategy=0.2)
    with pytest.raises(ValueError, match="greater or equal to the original"):
        trace_smote(X, y, k_neighbors=3, sampling_strategy={1: 2})
    with pytest.raises(ValueError, match="more than 1 class"):
        trace_smote(X, np.zeros(len(y), dtype=int))
    with pytest.raises(ValueError, match="k_neighbors must be an integer of at least 1"):
        trace_smote(X, y, k_neighbors=0)
    with pytest.raises(ValueError, match="float only when the type of target is binary"):
        ds = generate("blobs", 60, 0.3, 0.2, n_classes=3)
        trace_smote(ds.X, ds.y, sampling_strategy=0.8)


def test_a_one_point_class_gets_a_message_without_an_impossible_k():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [5.0, 5.0]])
    y = np.array([0, 0, 0, 0, 1])
    with pytest.raises(ValueError) as error:
        trace_smote(X, y, k_neighbors=1)
    assert "cannot be over-sampled" in str(error.value)
    assert "<= 0" not in str(error.value)


def test_clamp_k_uses_the_smallest_class_that_is_over_sampled():
    X, y = golden()
    assert clamp_k(y, 3) == (3, None)
    k, message = clamp_k(y, 5)
    assert k == 3 and "lowered from 5 to 3" in message and "class 1 has only 4 points" in message
    assert trace_smote(X, y, k_neighbors=k, random_state=0).k_neighbors == 3
    # 'not minority' over-samples nothing here (two classes: only the majority, which needs no new points).
    assert clamp_k(y, 50, "not minority") == (50, None)
    k, message = clamp_k(np.array([0, 0, 0, 1]), 5)
    assert k == 1 and "only 1 point" in message
    assert resolve_strategy(y, 1.0) == {1: 6}
    # int(90 * 0.7 - 10): 90 * 0.7 is 62.999..., so 52 new points, not 53.
    assert resolve_strategy(np.array([0] * 90 + [1] * 10), 0.7) == {1: 52}
    assert resolve_strategy(np.array([0] * 100 + [1] * 10), 0.7) == {1: 60}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n_min=st.integers(2, 12),
    n_maj=st.integers(13, 30),
    k=st.integers(1, 6),
    seed=st.integers(0, 2**31 - 1),
    grid=st.booleans(),
)
def test_property_identical_to_imblearn(n_min, n_maj, k, seed, grid):
    rng = np.random.default_rng(seed)
    n = n_min + n_maj
    X = rng.integers(0, 4, (n, 2)).astype(float) if grid else rng.normal(size=(n, 2))
    y = np.array([0] * n_maj + [1] * n_min)
    k_used, _ = clamp_k(y, k)
    assert k_used == min(k, n_min - 1)
    trace = assert_same_as_imblearn(X, y, k_used, "auto", seed)
    assert (trace.neighbor_distances[:, 1:] >= trace.neighbor_distances[:, :-1]).all()


def test_neighbours_from_every_class_is_a_counterfactual_that_reaches_into_the_majority():
    """neighbours="all" keeps the seeds and the random draws but searches neighbours among every class: some
    synthetic minority points are then made towards majority points and land nearer the majority."""
    from smote_viz.data import generate

    ds = generate("blobs", 300, 0.1, 0.5, 2, 3)
    X, y = ds.X2, ds.y
    own = trace_smote(X, y, k_neighbors=5, random_state=0)
    every = trace_smote(X, y, k_neighbors=5, random_state=0, neighbours="all")
    minority = ds.minority
    np.testing.assert_array_equal(own.seed_index, every.seed_index)  # same seeds, same draws
    np.testing.assert_array_equal(own.gap, every.gap)
    assert np.all(y[own.neighbor_indices] == minority)
    towards_majority = y[every.chosen_index] != minority
    assert towards_majority.any()
    # Every listed neighbour is one of the seed's k nearest points of any class, the seed itself excluded.
    d = np.linalg.norm(X[every.neighbor_indices] - X[every.seed_index][:, None, :], axis=2)
    for i in range(every.n_new):
        others = np.delete(np.linalg.norm(X - X[every.seed_index[i]], axis=1), every.seed_index[i])
        assert np.allclose(np.sort(d[i]), np.sort(others)[:5])

    def nearest_is_majority(points):
        nearest = NearestNeighbors(n_neighbors=1).fit(X).kneighbors(points, return_distance=False)[:, 0]
        return int(np.sum(y[nearest] != minority))

    assert nearest_is_majority(every.new_points) > nearest_is_majority(own.new_points)
    with pytest.raises(ValueError, match="neighbours must be"):
        trace_smote(X, y, neighbours="majority")
