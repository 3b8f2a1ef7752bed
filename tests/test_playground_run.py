"""What SMOTE and the classifier make of the playground's points: imbalanced-learn's numbers, the switches'
effects, and plain notes instead of errors."""

from __future__ import annotations

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

from smote_viz.compare.evaluate import build_pipeline
from smote_viz.playground.canvas import (
    Click,
    Play,
    PlaygroundSettings,
    Points,
    dataset_canvas,
    edit,
    preset_canvas,
    restart,
)
from smote_viz.playground.run import GRID, nearest_original_labels, run
from smote_viz.smote import trace_smote


@pytest.fixture
def twelve():
    return preset_canvas("twelve")


def test_smote_is_imbalanced_learns_smote_asked_for_the_new_points(twelve):
    points = twelve.start
    for settings, n_new in ((PlaygroundSettings(), 7), (PlaygroundSettings(balance=False, new=23, smote_seed=4), 23)):
        outcome = run(points, twelve, settings)
        assert outcome.n_new == n_new
        X_res, _ = SMOTE(k_neighbors=settings.k, sampling_strategy={1: 5 + n_new},
                         random_state=settings.smote_seed).fit_resample(points.X, points.y)
        assert np.array_equal(outcome.new_points, X_res[len(points):])  # bit for bit


def test_standardising_is_smote_in_standard_units_mapped_back(twelve):
    stretched = preset_canvas("stretched")
    points = stretched.start
    outcome = run(points, stretched, PlaygroundSettings(standardise=True))
    scaler = StandardScaler().fit(points.X)
    X_res, _ = SMOTE(k_neighbors=3, sampling_strategy={1: 30}, random_state=0).fit_resample(
        scaler.transform(points.X), points.y)
    assert np.allclose(outcome.new_points, scaler.inverse_transform(X_res[len(points):]))
    np.testing.assert_allclose(outcome.scaler.scale_, scaler.scale_)


def test_neighbours_from_every_class_is_the_traced_counterfactual(twelve):
    outcome = run(twelve.start, twelve, PlaygroundSettings(every_class=True))
    trace = trace_smote(twelve.start.X, twelve.start.y, k_neighbors=3, sampling_strategy={1: 12}, random_state=0,
                        neighbours="all")
    assert np.array_equal(outcome.new_points, trace.new_points)
    # Some seed now has a majority point among its neighbours.
    seeds = np.flatnonzero(twelve.start.y == 1)
    assert any((twelve.start.y[list(outcome.neighbours_of(int(s)))] == 0).any() for s in seeds)


def test_neighbours_of_a_seed_are_sklearns_nearest_in_its_class(twelve):
    points = twelve.start
    outcome = run(points, twelve, PlaygroundSettings(k=4))
    rows = np.flatnonzero(points.y == 1)
    expected = NearestNeighbors(n_neighbors=5).fit(points.X[rows]).kneighbors(points.X[rows], return_distance=False)
    for i, row in enumerate(rows):
        assert outcome.neighbours_of(int(row)) == tuple(int(r) for r in rows[expected[i, 1:]])
        furthest = outcome.neighbours_of(int(row))[-1]
        assert np.isclose(outcome.radius_of(int(row)), np.linalg.norm(points.X[furthest] - points.X[row]))
    assert outcome.neighbours_of(0) == ()  # a majority point has no SMOTE neighbours


def test_standardising_changes_the_neighbours_on_the_stretched_axis():
    stretched = preset_canvas("stretched")
    raw = run(stretched.start, stretched, PlaygroundSettings())
    standard = run(stretched.start, stretched, PlaygroundSettings(standardise=True))
    rows = np.flatnonzero(stretched.start.y == 1)
    changed = [int(r) for r in rows if raw.neighbours_of(int(r)) != standard.neighbours_of(int(r))]
    assert len(changed) >= len(rows) // 2
    # In raw units income decides, so young and old minority points are neighbours: new points land among the
    # middle-aged majority. Standardised, they do not.
    assert raw.landed > 0
    assert standard.landed == 0


def test_neighbours_from_every_class_put_new_points_in_majority_territory(twelve):
    smote = run(twelve.start, twelve, PlaygroundSettings())
    counterfactual = run(twelve.start, twelve, PlaygroundSettings(every_class=True))
    assert smote.landed == 0
    assert counterfactual.landed > 0


def test_nearest_original_labels_measure_each_axis_in_its_standard_deviations():
    points = Points([[0.0, 0.0], [10.0, 0.0], [0.0, 1000.0], [10.0, 1000.0]], [0, 0, 1, 1])
    # (0, 400) is 400 from class 0 and 600 from class 1 in raw units; standardised, 0.8 sd from class 0.
    assert nearest_original_labels(points, np.array([[0.0, 400.0], [9.0, 700.0]])).tolist() == [0, 1]
    assert nearest_original_labels(points, np.zeros((0, 2))).tolist() == []


def test_the_classifier_regions_are_the_pipelines_answers_on_the_grid(twelve):
    points = twelve.start
    for model in ("knn", "logreg"):
        outcome = run(points, twelve, PlaygroundSettings(model=model))
        r = outcome.regions
        assert r.margin_before.shape == r.margin_after.shape == (GRID, GRID)
        gx, gy = np.meshgrid(r.xs, r.ys)
        cells = np.column_stack([gx.ravel(), gy.ravel()])
        before = build_pipeline(model, "none").fit(points.X, points.y)
        after = build_pipeline(model, "none").fit(np.vstack([points.X, outcome.new_points]),
                                                  np.append(points.y, [1] * outcome.n_new))
        assert np.isclose(r.share_before, np.mean(before.predict(cells) == 1))
        assert np.isclose(r.share_after, np.mean(after.predict(cells) == 1))
        assert np.array_equal(r.margin_after.ravel() > 0, after.predict(cells) == 1)
        assert r.xs[0] == twelve.x_range[0] and r.ys[-1] == twelve.y_range[1]
    # Balancing gives the minority more of the plane.
    assert run(points, twelve, PlaygroundSettings(model="knn")).regions.share_after > r.share_before


def test_no_classifier_means_no_regions(twelve):
    assert run(twelve.start, twelve, PlaygroundSettings(model="none")).regions is None


def test_balance_makes_the_classes_equal_and_then_nothing(twelve):
    play = restart(twelve)
    outcome = run(play.points, twelve, PlaygroundSettings())
    assert outcome.n_new == 12 - 5
    for i in range(8):  # 13 minority points against 12
        play = edit(play, Click(1.0 + 0.1 * i, 4.6, 1e-4, 1e-4), 1, twelve)
    outcome = run(play.points, twelve, PlaygroundSettings())
    assert outcome.n_new == 0 and len(outcome.new_points) == 0
    assert any("balancing makes no new points" in note for note in outcome.notes)
    # The neighbour table is still there, so a seed can be picked by hand.
    seed = int(np.flatnonzero(play.points.y == 1)[0])
    assert len(outcome.neighbours_of(seed)) == 3
    assert outcome.regions.share_after == outcome.regions.share_before


def test_k_is_lowered_for_a_small_class_with_a_note(twelve):
    outcome = run(twelve.start, twelve, PlaygroundSettings(k=8))
    assert outcome.k == 4
    assert any("k lowered from 8 to 4" in note for note in outcome.notes)


def test_boards_smote_cannot_use_give_notes_not_errors(twelve):
    points = twelve.start
    one_minority = Points(points.X[:13], points.y[:13])  # 12 majority points and a single minority point
    outcome = run(one_minority, twelve, PlaygroundSettings())
    assert outcome.trace is None and outcome.n_new == 0 and not outcome.can_pick
    assert any("at least two points of class 1" in note for note in outcome.notes)
    only_minority = Points(points.X[12:], points.y[12:])
    outcome = run(only_minority, twelve, PlaygroundSettings())
    assert outcome.trace is None and outcome.regions is None
    assert any("at least two classes" in note for note in outcome.notes)
    empty = Points(np.zeros((0, 2)), np.zeros(0, dtype=int))
    outcome = run(empty, twelve, PlaygroundSettings(model="knn"))
    assert outcome.trace is None and outcome.regions is None and outcome.notes
    few = Points(points.X[10:14], points.y[10:14])  # 2 + 2 points: SMOTE runs with k = 1, kNN (5) cannot
    outcome = run(few, twelve, PlaygroundSettings(model="knn"))
    assert outcome.k == 1 and outcome.regions is None
    assert any("needs at least 5 points" in note for note in outcome.notes)


def test_the_current_data_runs_at_200_points():
    from smote_viz.data import default_dataset

    canvas = dataset_canvas(default_dataset())
    outcome = run(canvas.start, canvas, PlaygroundSettings(start="current", k=5))
    assert outcome.n_new == 160 and outcome.new_points.shape == (160, 2)
    X_res, _ = SMOTE(k_neighbors=5, sampling_strategy={1: 180}, random_state=0).fit_resample(
        canvas.start.X, canvas.start.y)
    assert np.array_equal(outcome.new_points, X_res[200:])
    assert 0 <= outcome.regions.share_before < outcome.regions.share_after <= 1


def test_string_labels_and_three_classes_work():
    from smote_viz.data import Dataset

    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (30, 2)), rng.normal(3, 0.5, (10, 2)), rng.normal(-3, 0.5, (6, 2))])
    y = np.array(["big"] * 30 + ["mid"] * 10 + ["small"] * 6)
    canvas = dataset_canvas(Dataset(X, y, ["a", "b"]))
    assert canvas.target == "small"
    outcome = run(canvas.start, canvas, PlaygroundSettings(model="logreg"))
    assert outcome.n_new == 24  # grown to the largest class
    assert 0 <= outcome.regions.share_after <= 1
    assert Play(canvas.start).points.counts(canvas.classes) == {"big": 30, "mid": 10, "small": 6}


@pytest.mark.parametrize("k, words", [(1, "the 1st,"), (2, "the 2nd,"), (3, "the 3rd,"), (4, "the 4th,")])
def test_the_seed_text_names_the_kth_neighbour_in_english(twelve, k, words):
    from smote_viz.playground.text import pick_text

    points = twelve.start
    seed = int(np.flatnonzero(points.y == 1)[0])
    outcome = run(points, twelve, PlaygroundSettings(k=k))
    text = pick_text(Play(points, seed=seed), twelve, outcome)
    assert words in text and "-th" not in text
