"""The SMOTE family: every panel's internal state is checked against what the sampler actually produced."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import pytest
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import ADASYN, SMOTE, SVMSMOTE, BorderlineSMOTE, KMeansSMOTE, RandomOverSampler
from imblearn.under_sampling import RandomUnderSampler
from scipy.spatial import Delaunay
from sklearn.cluster import MiniBatchKMeans
from sklearn.svm import SVC

from smote_viz.compare import evaluate
from smote_viz.compare.evaluate import CompareSettings
from smote_viz.data import Dataset, generate
from smote_viz.family import (
    DESCRIPTIONS,
    TEST_SIZE,
    VARIANT_KEYS,
    AdasynState,
    BorderlineState,
    CleaningState,
    GalleryParams,
    KMeansState,
    RandomOverState,
    SvmState,
    evaluation_plan,
    few_positives_warning,
    run_gallery,
    run_variant,
)
from smote_viz.family.figures import (
    COPIES_LEGEND,
    LABEL_BOX,
    gallery_figure,
    panel_explanation,
    spread_labels,
)
from smote_viz.style import CLASS_COLOURS, plural


@pytest.fixture(scope="module")
def overlap():
    """Overlapping blobs: the minority has noise, danger and safe points."""
    ds = generate("blobs", 160, 0.15, 0.6, random_state=3)
    return np.asarray(ds.X2), np.asarray(ds.y)


@pytest.fixture(scope="module")
def separated():
    """Far-apart classes: every minority point is safe, nothing is in danger."""
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 0.3, (60, 2)), rng.normal(8, 0.3, (12, 2))])
    y = np.array([0] * 60 + [1] * 12)
    return X, y


def run(key, X, y, **kw):
    return run_variant(key, X, y, GalleryParams(**kw), positive=1, with_evaluation=False)


def brute_neighbours(X, rows, m):
    """The m nearest other rows of each of ``rows`` by brute force (no ties in continuous data)."""
    d = np.linalg.norm(X[rows][:, None, :] - X[None, :, :], axis=2)
    d[np.arange(len(rows)), rows] = np.inf
    return np.argsort(d, axis=1)[:, :m]


def on_segment(p, a, b, lo=0.0, hi=1.0, tol=1e-9):
    """True when p = a + t (b - a) for some t in [lo, hi]."""
    d = b - a
    denom = float(d @ d)
    if denom == 0:
        return np.allclose(p, a, atol=tol)
    t = float((p - a) @ d) / denom
    return lo - 1e-9 <= t <= hi + 1e-9 and np.allclose(a + t * d, p, atol=1e-7)


# --- Borderline ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["borderline1", "borderline2"])
def test_borderline_danger_points_are_exactly_the_seeds(overlap, key):
    X, y = overlap
    result = run(key, X, y, m=10, k=5, seed=4)
    kind = "borderline-1" if key == "borderline1" else "borderline-2"
    X_real, y_real = BorderlineSMOTE(k_neighbors=5, m_neighbors=10, kind=kind, random_state=4).fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    np.testing.assert_array_equal(result.y, y_real)

    state = result.state
    assert isinstance(state, BorderlineState)
    minority = np.flatnonzero(y == 1)
    np.testing.assert_array_equal(state.rows, minority)
    # The vote, recomputed here by brute force: other-class share among the m nearest over ALL data.
    n_other = (y[brute_neighbours(X, minority, 10)] != 1).sum(axis=1)
    np.testing.assert_array_equal(state.n_other, n_other)
    expected = np.where(n_other == 10, "noise", np.where(n_other >= 5, "danger", "safe"))
    np.testing.assert_array_equal(state.category, expected)
    assert {"noise", "danger", "safe"} <= set(state.category)  # the fixture exercises all three

    danger = set(minority[state.category == "danger"].tolist())
    assert set(state.danger_rows_fitted[1].tolist()) == danger  # imblearn's own in_danger_indices
    prov = result.provenance
    assert prov is not None and len(prov.seed) == result.n_synthetic == len(X_real) - len(X)
    np.testing.assert_array_equal(prov.points, X_real[len(X):])  # replayed draws give the real points
    assert set(prov.seed.tolist()) <= danger
    assert set(prov.seed.tolist()) == danger  # with 235 draws every danger point is used


def test_borderline1_points_lie_between_a_danger_seed_and_a_minority_neighbour(overlap):
    """Geometry, without the replay: every new point is on a segment from a danger point to a minority point."""
    X, y = overlap
    result = run("borderline1", X, y, m=10, k=5, seed=1)
    danger = result.state.rows[result.state.category == "danger"]
    minority = np.flatnonzero(y == 1)
    for p in result.X[len(X):][:40]:
        assert any(on_segment(p, X[d], X[c]) for d in danger for c in minority if c != d)


def test_borderline2_steps_toward_other_class_stay_below_half(overlap):
    X, y = overlap
    result = run("borderline2", X, y, m=10, k=5, seed=2)
    prov = result.provenance
    toward_other = y[prov.chosen] != 1
    assert toward_other.any() and (~toward_other).any()
    assert np.all(prov.gap[toward_other] < 0.5)
    for p, s, c in zip(prov.points[toward_other][:30], prov.seed[toward_other], prov.chosen[toward_other], strict=False):
        assert on_segment(p, X[s], X[c], 0.0, 0.5)


def test_borderline_without_danger_points_says_so(separated):
    X, y = separated
    result = run("borderline1", X, y, m=10, k=5)
    assert result.ok and result.n_synthetic == 0
    assert set(result.state.category) == {"safe"}
    assert "no point is in danger" in result.message
    real, _ = BorderlineSMOTE(random_state=0).fit_resample(X, y)
    assert len(real) == len(X)  # imblearn silently returns the data unchanged


# --- ADASYN ----------------------------------------------------------------------------------------------------


def test_adasyn_counts_sum_to_the_new_points_and_match_each_seed(overlap):
    X, y = overlap
    result = run("adasyn", X, y, k=5, seed=0)
    X_real, _ = ADASYN(n_neighbors=5, random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    state = result.state
    assert isinstance(state, AdasynState)
    assert state.generated.sum() == len(X_real) - len(X) == result.n_synthetic
    minority = np.flatnonzero(y == 1)
    hardness = (y[brute_neighbours(X, minority, 5)] != 1).mean(axis=1)
    np.testing.assert_allclose(state.hardness, hardness)
    n_new = (y == 0).sum() - (y == 1).sum()
    np.testing.assert_array_equal(state.generated, np.rint(hardness / hardness.sum() * n_new).astype(int))
    # Every seed made exactly g_i points, and each lies between its seed and a minority neighbour.
    made = np.bincount(result.provenance.seed, minlength=len(X))[minority]
    np.testing.assert_array_equal(made, state.generated)
    for p, s, c in zip(result.provenance.points[:40], result.provenance.seed, result.provenance.chosen, strict=False):
        assert y[c] == 1 and on_segment(p, X[s], X[c])


def test_adasyn_total_differing_from_the_request_is_explained():
    # Three equally hard points share 10 new points: each gets rint(10 / 3) = 3, so 9 are made.
    X = np.array([[0, 0], [0.1, 0], [0, 0.1], [3, 3], [3.1, 3], [3, 3.1], [1.5, 1.5], [1.6, 1.5], [1.5, 1.6],
                  [1.55, 1.55], [5, 5], [5.1, 5], [5, 5.1]], dtype=float)
    y = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0])
    result = run("adasyn", X, y, k=2, seed=0)
    asked = (y == 0).sum() - (y == 1).sum()
    assert result.n_synthetic == result.state.generated.sum() != asked
    assert f"asked for {asked} new points, made {result.n_synthetic}" in " ".join(result.notes)


def test_adasyn_without_hard_points_fails_with_a_message(separated):
    X, y = separated
    result = run("adasyn", X, y, k=5)
    assert not result.ok
    assert "hardness is 0" in result.message


# --- SVMSMOTE --------------------------------------------------------------------------------------------------


def test_svmsmote_support_vectors_and_extrapolation(overlap):
    X, y = overlap
    result = run("svmsmote", X, y, k=5, m=10, seed=0)
    X_real, _ = SVMSMOTE(k_neighbors=5, m_neighbors=10, random_state=0).fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    state = result.state
    assert isinstance(state, SvmState)
    support = SVC(gamma="scale").fit(X, y).support_
    np.testing.assert_array_equal(np.sort(state.support_rows), np.sort(support))
    np.testing.assert_array_equal(np.sort(state.class_support_rows), np.sort(support[y[support] == 1]))
    prov = result.provenance
    assert len(state.extrapolated) == result.n_synthetic
    assert state.extrapolated.any() and (~state.extrapolated).any()
    np.testing.assert_array_equal(state.extrapolated, prov.gap < 0)
    safe = set(state.class_support_rows[state.category == "safe"].tolist())
    danger = set(state.class_support_rows[state.category == "danger"].tolist())
    assert set(prov.seed[state.extrapolated].tolist()) <= safe
    assert set(prov.seed[~state.extrapolated].tolist()) <= danger
    for p, s, c in zip(prov.points[state.extrapolated][:30], prov.seed[state.extrapolated], prov.chosen[state.extrapolated], strict=False):
        assert on_segment(p, X[s], X[c], -0.5, 0.0)  # beyond the seed, away from the neighbour


# --- KMeansSMOTE -----------------------------------------------------------------------------------------------


def test_kmeanssmote_clusters_weights_and_points(overlap):
    X, y = overlap
    result = run("kmeanssmote", X, y, k=3, n_clusters=6, cluster_threshold="0.1", seed=0)
    real = KMeansSMOTE(
        k_neighbors=3, cluster_balance_threshold=0.1, random_state=0,
        kmeans_estimator=MiniBatchKMeans(n_clusters=6, random_state=0, n_init=3),
    )
    X_real, _ = real.fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    state = result.state
    assert isinstance(state, KMeansState)
    np.testing.assert_array_equal(state.assignment, real.kmeans_estimator_.labels_)
    kept = [c for c in state.clusters if c.kept]
    assert kept and math.isclose(sum(c.weight for c in kept), 1.0)
    n_new = (y == 0).sum() - (y == 1).sum()
    assert sum(c.n_new for c in kept) == result.n_synthetic
    for c in state.clusters:
        assert c.kept == (c.share >= 0.1 and c.n_class >= 4), c
        members = np.flatnonzero(state.assignment == c.cluster)
        assert c.size == len(members) and c.n_class == int((y[members] == 1).sum())
        if c.kept:
            assert c.n_new == math.ceil(n_new * c.weight)
    # Each synthetic point lies inside the hull of its own cluster's minority points.
    prov = result.provenance
    for info in kept:
        rows = np.flatnonzero((state.assignment == info.cluster) & (y == 1))
        mine = np.isin(prov.seed, rows)
        assert mine.sum() == info.n_new
        assert set(prov.chosen[mine].tolist()) <= set(rows.tolist())
        if len(rows) >= 3:
            assert np.all(Delaunay(X[rows]).find_simplex(prov.points[mine], tol=1e-9) >= 0)


def test_kmeanssmote_without_a_kept_cluster_becomes_a_message_with_the_clusters(overlap):
    X, y = overlap
    result = run("kmeanssmote", X, y, k=5, n_clusters=3, cluster_threshold="0.5")
    with pytest.raises(RuntimeError, match="No clusters found"):
        KMeansSMOTE(k_neighbors=5, random_state=0, cluster_balance_threshold=0.5,
                    kmeans_estimator=MiniBatchKMeans(n_clusters=3, random_state=0, n_init=3)).fit_resample(X, y)
    assert not result.ok
    assert "no k-means cluster" in result.message
    assert isinstance(result.state, KMeansState) and not any(c.kept for c in result.state.clusters)


# --- RandomOverSampler -----------------------------------------------------------------------------------------


def test_random_oversampler_duplicates_are_counted(overlap):
    X, y = overlap
    result = run("ros", X, y, seed=5)
    sampler = RandomOverSampler(random_state=5)
    X_real, _ = sampler.fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    state = result.state
    assert isinstance(state, RandomOverState) and state.shrinkage is None
    assert state.copies.sum() == result.n_synthetic
    np.testing.assert_array_equal(result.X[len(X):], X[result.provenance.seed])
    # Copy counts recomputed from the output by matching coordinates (continuous data: no ties).
    assert len(np.unique(X, axis=0)) == len(X)
    for row in np.flatnonzero(y == 1):
        assert np.all(result.X[len(X):] == X[row], axis=1).sum() == state.copies[row]
    assert state.copies.max() > 1  # several rows are stacked more than once
    fig = gallery_figure([result], X, y)
    labels = next(t for t in fig.data if t.name == COPIES_LEGEND)
    shown = {int(r): (int(n), int(d)) for r, n, d in labels.customdata}
    # the label counts the stacked copies: the original and its duplicates
    assert shown and all(state.copies[r] + 1 == n and state.copies[r] == d for r, (n, d) in shown.items())
    assert [f"×{n}" for n, _ in shown.values()] == list(labels.text)
    assert int(np.argmax(state.copies)) in shown  # the most-copied row is always labelled
    assert fig.data[-1] is labels  # drawn last: no star covers a label
    # no two labels overlap: each pair is at least one label box apart in x or in y
    x_range, y_range = fig.layout.xaxis.range, fig.layout.yaxis.range
    wx, wy = LABEL_BOX[0] * (x_range[1] - x_range[0]), LABEL_BOX[1] * (y_range[1] - y_range[0])
    pts = np.column_stack([labels.x, labels.y])
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            assert abs(pts[i, 0] - pts[j, 0]) >= wx * 0.999 or abs(pts[i, 1] - pts[j, 1]) >= wy * 0.999
    explanation = panel_explanation(result)
    most = int(state.copies.max())
    assert f"stacked {most + 1} deep ({most + 1} copies: the original and {most} duplicates)" in explanation


def test_spread_labels_keeps_the_most_important_of_colliding_labels():
    pts = np.array([[0.0, 0.0], [0.01, 0.01], [0.5, 0.5], [0.5, 0.52], [0.9, 0.0]])
    order = np.array([1, 0, 3, 2, 4])  # row 1 and row 3 first: they win their collisions
    kept = spread_labels(pts, order, (0.0, 1.0), (0.0, 1.0))
    assert list(kept) == [1, 3, 4]


def test_random_oversampler_shrinkage_is_a_smoothed_bootstrap(overlap):
    X, y = overlap
    result = run("ros_shrinkage", X, y, seed=5, shrinkage=0.8)
    X_real, _ = RandomOverSampler(random_state=5, shrinkage=0.8).fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    state = result.state
    noise = result.X[len(X):] - X[result.provenance.seed]
    assert np.all(np.abs(noise).sum(axis=1) > 0)  # no exact copies
    bandwidth = state.bandwidth[1]
    expected = 0.8 * (4 / (4 * len(X))) ** (1 / 6) * X[y == 1].std(axis=0)
    np.testing.assert_allclose(bandwidth, expected)
    z = noise / bandwidth
    assert np.all(np.abs(z) < 6) and 0.6 < z.std() < 1.4  # standard normal noise scaled by the bandwidth


# --- removals --------------------------------------------------------------------------------------------------


def _rows_in(points, X):
    return np.array([np.any(np.all(X == p, axis=1)) for p in points], dtype=bool)


@pytest.mark.parametrize("key,cls", [("smotetomek", SMOTETomek), ("smoteenn", SMOTEENN)])
def test_cleaning_removes_points_absent_from_the_output(overlap, key, cls):
    X, y = overlap
    result = run(key, X, y, k=5, seed=0)
    X_real, _ = cls(random_state=0, smote=SMOTE(k_neighbors=5, random_state=0)).fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    state = result.state
    assert isinstance(state, CleaningState)
    X_mid, _ = SMOTE(k_neighbors=5, random_state=0).fit_resample(X, y)
    assert state.n_before_cleaning == len(X_mid)
    assert len(state.removed_original) + len(state.removed_synthetic) == len(X_mid) - len(X_real)
    assert len(state.removed_original) > 0 and len(state.removed_synthetic) > 0
    assert not _rows_in(X[state.removed_original], X_real).any()
    assert not _rows_in(state.removed_synthetic, X_real).any()
    assert _rows_in(state.removed_synthetic, X_mid[len(X):]).all()
    np.testing.assert_array_equal(result.removed, state.removed_original)
    # The synthetic rows of the output are exactly the provenance points.
    np.testing.assert_array_equal(result.X[result.synthetic], result.provenance.points)


def test_random_undersampler_removed_rows_are_gone(overlap):
    X, y = overlap
    result = run("rus", X, y, seed=3)
    X_real, y_real = RandomUnderSampler(random_state=3).fit_resample(X, y)
    np.testing.assert_array_equal(result.X, X_real)
    assert len(result.removed) == len(X) - len(X_real) > 0
    assert not _rows_in(X[result.removed], X_real).any()
    assert result.counts_after == {0: int((y == 1).sum()), 1: int((y == 1).sum())}


# --- failures --------------------------------------------------------------------------------------------------


def test_k_too_large_becomes_a_one_line_message():
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal(0, 1, (30, 2)), rng.normal(2, 1, (4, 2))])
    y = np.array([0] * 30 + [1] * 4)
    with pytest.raises(ValueError):
        SMOTE(k_neighbors=5).fit_resample(X, y)
    for key in ("smote", "borderline1", "svmsmote", "adasyn", "smotetomek"):
        result = run(key, X, y, k=5)
        assert not result.ok, key
        assert "k = 5 needs at least 6 points" in result.message and "class 1 has 4" in result.message
        assert "\n" not in result.message


def test_minority_strategy_cannot_under_sample(overlap):
    X, y = overlap
    result = run("rus", X, y, strategy="minority")
    assert not result.ok and "cannot be used to under-sample" in result.message


# --- evaluation ------------------------------------------------------------------------------------------------


def test_evaluation_is_the_compare_pages_recipe(overlap):
    """Same split (the Compare page's default test share), same classifier, same metrics as smote_viz.compare.evaluate."""
    X, y = overlap
    params = GalleryParams(classifier="logreg", seed=2)
    base = run_variant("original", X, y, params, positive=1).evaluation
    over = run_variant("ros", X, y, params, positive=1).evaluation
    n_test = math.ceil(CompareSettings().test_share * len(y))
    assert base.n_test == over.n_test == n_test
    assert base.n_train_resampled == base.n_train == len(y) - n_test
    assert over.n_train_resampled > over.n_train
    assert over.classifier == evaluate.CLASSIFIERS["logreg"]
    # Independent recomputation with the Compare page's own pipeline: scaler -> RandomOverSampler -> model.
    ds = Dataset(X=X, y=y, feature_names=["x", "y"], minority_label=1)
    settings = CompareSettings(classifiers="logreg", treatments="ros", seed=2, cv_folds=0)
    plan = evaluate.make_plan(ds, settings)
    pipe = evaluate.build_pipeline("logreg", "ros", seed=2).fit(X[plan.train], y[plan.train])
    expected = evaluate.evaluate_fitted(pipe, X[plan.test], y[plan.test], 1)
    assert over.recall == pytest.approx(expected.recall)
    assert over.precision == pytest.approx(expected.precision)
    assert over.balanced_accuracy == pytest.approx(expected.balanced_accuracy)


@pytest.mark.parametrize("classifier", list(evaluate.CLASSIFIERS))
def test_every_compare_page_classifier_scores_a_panel(overlap, classifier):
    X, y = overlap
    result = run_variant("smote", X, y, GalleryParams(classifier=classifier), positive=1)
    assert result.evaluation.ok, result.evaluation.message
    assert 0 <= result.evaluation.balanced_accuracy <= 1


def test_an_impossible_split_is_a_message_not_an_exception():
    X = np.array([[0, 0], [1, 0], [5, 5], [6, 5], [0, 9], [1, 9]], dtype=float)
    y = np.array([0, 0, 1, 1, 2, 2])
    results = run_gallery(X, y, VARIANT_KEYS, GalleryParams(k=1), positive=2)
    assert [r.key for r in results] == list(VARIANT_KEYS)
    for r in results:
        assert not r.evaluation.ok
        assert "leaves 2 test and 4 training rows, fewer than the 3 classes" in r.evaluation.sentence()
    assert results[3].ok and results[3].n_synthetic == 0  # SMOTE itself runs: the classes are balanced


@pytest.fixture(scope="module")
def four_classes():
    ds = generate("blobs", 200, 0.1, 0.3, n_classes=4, random_state=0)
    assert ds.counts == {0: 177, 1: 11, 2: 6, 3: 6}
    return ds


def test_held_out_k_is_lowered_per_panel_as_on_the_compare_page(four_classes):
    ds = four_classes
    X, y = np.asarray(ds.X2), np.asarray(ds.y)
    results = {r.key: r for r in run_gallery(X, y, VARIANT_KEYS, GalleryParams(k=5), positive=ds.minority)}
    # The Compare page's plan on the same data and split lowers SMOTE's k the same way.
    settings = CompareSettings(treatments="smote", test_share=TEST_SIZE, seed=0, cv_folds=0, k_neighbors=5)
    plan = evaluate.make_plan(Dataset(X=X, y=y, feature_names=["x", "y"], minority_label=ds.minority), settings)
    smallest_train = min(np.bincount(y[plan.train].astype(int))[1:])
    assert plan.k_neighbors == smallest_train - 1 < 5
    for key in ("smote", "borderline1", "borderline2", "svmsmote", "smotetomek", "smoteenn"):
        ev = results[key].evaluation
        assert ev.ok, (key, ev.message)
        assert ev.k_used == plan.k_neighbors
        assert f"k lowered from 5 to {plan.k_neighbors}" in panel_explanation(results[key])
    title = next(a.text for a in gallery_figure([results["smote"]], X, y).layout.annotations if a.xref == "paper")
    assert f"· k = {plan.k_neighbors}" in title
    for key in ("original", "ros", "rus"):  # no k: nothing lowered, nothing said
        assert results[key].evaluation.k_used is None
        assert "k lowered" not in panel_explanation(results[key])
    # The lowered k gives the same scores as running SMOTE with that k by hand on the training part.
    manual = evaluate.build_pipeline("logreg", "smote", seed=0, k_neighbors=plan.k_neighbors)
    manual.fit(X[plan.train], y[plan.train])
    expected = evaluate.evaluate_fitted(manual, X[plan.test], y[plan.test], ds.minority)
    assert results["smote"].evaluation.recall == pytest.approx(expected.recall)
    assert results["smote"].evaluation.balanced_accuracy == pytest.approx(expected.balanced_accuracy)


def test_held_out_k_stays_when_the_training_part_allows_it(overlap):
    X, y = overlap
    ev = run_variant("smote", X, y, GalleryParams(k=5), positive=1).evaluation
    assert ev.ok and ev.k_used is None and ev.notes() == ()


def test_few_positive_test_rows_are_flagged_with_the_possible_recalls(four_classes):
    assert few_positives_warning(3) == (
        "Only 3 minority rows in the test part: recall can only be 0, 1/3, 2/3 or 1."
    )
    assert few_positives_warning(1) == "Only 1 minority row in the test part: recall can only be 0 or 1."
    assert few_positives_warning(4).endswith("0, 1/4, 1/2, 3/4 or 1.")
    assert few_positives_warning(10) == "" and few_positives_warning(0) == ""
    ds = four_classes
    X, y = np.asarray(ds.X2), np.asarray(ds.y)
    ev = run_variant("smote", X, y, GalleryParams(), positive=ds.minority).evaluation
    plan = evaluation_plan(X, y, ds.minority, 0)
    assert ev.n_test_positive == int(np.sum(y[plan.test] == ds.minority)) < 10
    assert f"{ev.n_test_positive} of them class {ds.minority}" in ev.sentence()


def test_plural():
    assert [plural(n, "point") for n in (0, 1, 2)] == ["0 points", "1 point", "2 points"]
    assert plural(1, "copy", "copies") == "1 copy" and plural(3, "copy", "copies") == "3 copies"


# --- balanced data ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def balanced():
    ds = generate("blobs", 120, 0.5, 0.3, random_state=0)
    assert ds.counts == {0: 60, 1: 60}
    return np.asarray(ds.X2), np.asarray(ds.y)


@pytest.mark.parametrize("key", VARIANT_KEYS)
def test_balanced_data_every_panel_runs_and_says_why_nothing_changed(balanced, key):
    X, y = balanced
    result = run_variant(key, X, y, GalleryParams(), positive=1)
    assert result.ok, result.message
    assert result.evaluation.ok, result.evaluation.message
    assert result.n_synthetic == 0
    if key in ("original", "rus"):
        assert result.message == "" and len(result.removed) == 0
        np.testing.assert_array_equal(result.X, X[result.origin])  # RandomUnderSampler keeps all, reordered
        np.testing.assert_array_equal(np.sort(result.origin), np.arange(len(X)))
    elif key in ("smotetomek", "smoteenn"):
        assert result.message.startswith(f"{result.title}: already balanced: nothing to make")
        assert "then removes" in result.message
    else:
        assert result.message.startswith(f"{result.title}: already balanced: nothing to make")
        np.testing.assert_array_equal(result.X, X)
        assert result.message in panel_explanation(result)


def test_balanced_ratio_strategy_is_still_explained(balanced):
    X, y = balanced
    result = run("smote", X, y, strategy="0.5")
    assert not result.ok and "shrink the class it should grow" in result.message


def test_any_other_exception_becomes_a_panel_message(overlap, monkeypatch):
    import smote_viz.family.filter as variants

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(variants, "_vote", broken)
    X, y = overlap
    result = run("borderline1", X, y)
    assert not result.ok
    assert result.message == "BorderlineSMOTE-1 could not run: KeyError: 'boom'"
    assert run("smote", X, y).ok  # the other panels are unaffected


# --- memory ----------------------------------------------------------------------------------------------------


def test_kmeans_sparsity_needs_no_n_by_n_by_d_array():
    """One 1 500-point cluster: recomputing its sparsity must cost about imbalanced-learn's own n x n distances,
    not a dense n x n x d difference array (4 x larger for d = 2, and its square as well)."""
    import tracemalloc

    rng = np.random.default_rng(0)
    n = 1500
    X = np.vstack([rng.normal(0, 1, (n, 2)), rng.normal(0, 1, (n + 200, 2))])
    y = np.array([1] * n + [0] * (n + 200))
    params = GalleryParams(k=3, n_clusters=2, cluster_threshold="0.05")
    sampler = KMeansSMOTE(k_neighbors=3, cluster_balance_threshold=0.05, random_state=0,
                          kmeans_estimator=MiniBatchKMeans(n_clusters=2, random_state=0, n_init=3))
    tracemalloc.start()
    try:
        sampler.fit_resample(X, y)
        _, bare_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = run("kmeanssmote", X, y, k=3, n_clusters=2, cluster_threshold="0.05")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok and result.n_synthetic >= 200  # each kept cluster rounds its share up
    assert params.cluster_threshold == "0.05"
    biggest = max(c.n_class for c in result.state.clusters)
    assert biggest > 600
    assert peak < 1.5 * bare_peak, (peak, bare_peak)


# --- figure and descriptions -----------------------------------------------------------------------------------


def test_gallery_figure_draws_state_and_failures(overlap):
    X, y = overlap
    params = GalleryParams(k=5, m=10, n_clusters=3, cluster_threshold="0.5")
    results = [run_variant(key, X, y, params, positive=1) for key in VARIANT_KEYS]
    fig = gallery_figure(results, X, y)
    go.Figure(fig.to_dict())  # the gallery is built without Plotly's validation: validate it in full here
    names = {t.name for t in fig.data}
    for expected in ("class 0", "class 1", "synthetic 1", "danger: a seed", "noise: ignored", "safe: ignored",
                     "removed original", "removed synthetic", "hardness r_i (ring size)", "cluster dropped",
                     "synthetic 1, extrapolated", "support vector, safe: extrapolates"):
        assert expected in names, expected
    syn = [t for t in fig.data if t.name.startswith("synthetic") and "extrapolated" not in t.name]
    assert {t.marker.symbol for t in syn} == {"star"}
    titles = [a.text for a in fig.layout.annotations if a.xref == "paper"]
    assert len(titles) == len(VARIANT_KEYS)
    assert "recall" in titles[3] and "+" in titles[3]
    failed = [a.text for a in fig.layout.annotations if a.xref != "paper"]
    kmeans = next(r for r in results if r.key == "kmeanssmote")
    assert not kmeans.ok and any("no k-means cluster" in t.replace("<br>", " ") for t in failed)
    # One legend entry per name across all panels.
    shown = [t.name for t in fig.data if t.showlegend]
    assert len(shown) == len(set(shown))
    adasyn = results[8]
    assert adasyn.key == "adasyn"
    # Hardness recomputed here by brute force: other-class share among the k = 5 nearest over ALL data.
    minority = np.flatnonzero(y == 1)
    hardness = (y[brute_neighbours(X, minority, 5)] != 1).mean(axis=1)
    top = int(np.argmax(hardness))
    made = int(np.sum(adasyn.provenance.seed == minority[top]))
    n_none = sum(int(np.sum(adasyn.provenance.seed == r) == 0) for r in minority)
    assert panel_explanation(adasyn).startswith(
        f"After: 0: {(y == 0).sum()}, 1: {(y == 1).sum() + adasyn.n_synthetic}; {adasyn.n_synthetic} synthetic. "
        f"Hardness ranges {hardness.min():.2f} to {hardness.max():.2f}; the hardest point (row {minority[top]}) "
        f"made {made} point{'s' if made != 1 else ''}; "
        + ("every point made at least one." if n_none == 0 else f"{n_none} point{'s' if n_none != 1 else ''} made none.")
    )
    # The vote marks are black / dark grey, never a class colour, and differ by shape.
    class_colours = [c.lower() for c in CLASS_COLOURS]
    votes = [t for t in fig.data if t.name in ("danger: a seed", "noise: ignored", "safe: ignored")]
    assert {t.name for t in votes} == {"danger: a seed", "noise: ignored", "safe: ignored"}
    assert len({t.marker.symbol for t in votes}) == 3
    for t in votes:
        rgb = [int(t.marker.color[i:i + 2], 16) for i in (1, 3, 5)]
        assert len(set(rgb)) == 1 and rgb[0] <= 0x60, t.name  # a dark grey, no hue
        assert t.marker.color.lower() not in class_colours[:4], t.name  # none of the first four class colours
    # Panel subtitles (counts, scores) are large and dark enough for a projector.
    for a in fig.layout.annotations:
        if a.xref == "paper":
            assert a.font.size >= 13 and a.font.color == "#1a1a1a"


def test_every_variant_has_a_description_with_its_paper():
    for key in VARIANT_KEYS:
        d = DESCRIPTIONS[key]
        assert d.changes and d.helps and d.hurts
    papers = {"borderline1": "Han", "adasyn": "He", "svmsmote": "Nguyen", "kmeanssmote": "Last",
              "smotetomek": "Batista", "smoteenn": "Batista", "ros_shrinkage": "Menardi"}
    for key, author in papers.items():
        assert author in DESCRIPTIONS[key].source


def test_webgl_gallery_is_a_valid_plotly_figure(overlap, monkeypatch):
    import smote_viz.family.figures as figures

    X, y = overlap
    monkeypatch.setattr(figures, "GL_THRESHOLD", 0)  # large data switches to WebGL traces
    results = [run_variant(key, X, y, GalleryParams(), positive=1, with_evaluation=False) for key in VARIANT_KEYS]
    fig = figures.gallery_figure(results, X, y)
    assert {t.type for t in fig.data if t.mode == "markers"} == {"scattergl"}
    go.Figure(fig.to_dict())


def test_a_ratio_below_the_current_balance_is_explained_for_over_and_under_sampling():
    ds = generate("moons", 100, 0.4, 0.3, random_state=1)  # minority / majority is already 0.67
    X, y = np.asarray(ds.X2), np.asarray(ds.y)
    smote = run("smote", X, y, strategy="0.25")
    rus = run("rus", X, y, strategy="0.25")
    assert not smote.ok and "shrink the class it should grow" in smote.message and "0.67" in smote.message
    assert not rus.ok and "more majority points than there are" in rus.message


def test_the_one_thread_limit_is_process_wide_and_never_restored(overlap):
    """Limits set and restored per call interleave across concurrent sessions; the gallery only ever sets one
    thread, so nothing it does can bring back another session's stale limits."""
    from threadpoolctl import ThreadpoolController

    controller = ThreadpoolController()
    if not controller.lib_controllers:
        pytest.skip("no native thread pool loaded")
    controller.limit(limits=2)  # what another session's context manager may restore in the meantime
    X, y = overlap
    run("kmeanssmote", X, y, k=3, n_clusters=6, cluster_threshold="0.1")
    assert {lib["num_threads"] for lib in ThreadpoolController().info()} == {1}
