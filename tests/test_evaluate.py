"""The evaluation module: honest splits, pipelines inside CV, the leak, metrics, bad cases, the article replay."""

from __future__ import annotations

import math

import numpy as np
import pytest
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    confusion_matrix,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import RepeatedStratifiedKFold, train_test_split

from smote_viz.compare.evaluate import (
    CLASSIFIERS,
    TREATMENTS,
    CompareSettings,
    build_pipeline,
    code_snippet,
    compare,
    compute_metrics,
    decision_regions,
    evaluate_unit,
    make_plan,
)
from smote_viz.data import Dataset, default_dataset, generate
from smote_viz.state import from_query, to_query


def _blobs(n=300, minority=0.1, noise=0.3, seed=3, n_classes=2) -> Dataset:
    return generate("blobs", n, minority, noise, n_classes=n_classes, random_state=seed)


# --- split first ---------------------------------------------------------------------------------------------------
def test_test_part_keeps_the_real_prevalence_and_only_training_is_resampled():
    ds = _blobs(n=400, minority=0.1)  # 360 vs 40
    settings = CompareSettings(classifiers="logreg", treatments="smote", test_share=0.25, cv_folds=0, seed=5)
    plan = make_plan(ds, settings)
    # The same stratified split scikit-learn makes, before anything is resampled.
    train, test = train_test_split(np.arange(ds.n_samples), test_size=0.25, stratify=ds.y, random_state=5)
    assert np.array_equal(plan.test, test) and np.array_equal(plan.train, train)
    unit = evaluate_unit(ds, settings, "logreg", "smote", plan)
    m = unit.holdout
    # Every test row is an original row at the original prevalence: 10 of 100 are minority.
    assert m.tp + m.fn == 10 and m.tn + m.fp == 90
    assert 10 / 100 == ds.counts[1] / ds.n_samples
    # The model saw a balanced training part: 270 majority, 30 originals + 240 synthetic minority.
    assert unit.train_counts == {"0": 270, "1": 270}
    assert compare(ds, settings).train_counts == {"0": 270, "1": 30}


def test_cross_validation_refits_the_sampler_inside_every_training_fold(monkeypatch):
    ds = _blobs(n=200, minority=0.15)
    settings = CompareSettings(classifiers="knn", treatments="smote", cv_folds=5, cv_repeats=2, seed=1)
    seen: list[int] = []
    original = SMOTE.fit_resample

    def spy(self, X, y):
        seen.append(len(X))
        return original(self, X, y)

    monkeypatch.setattr(SMOTE, "fit_resample", spy)
    unit = evaluate_unit(ds, settings, "knn", "smote")
    monkeypatch.undo()
    plan = make_plan(ds, settings)
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=1)
    fold_sizes = [len(tr) for tr, _ in cv.split(ds.X, ds.y)]
    # One resample for the holdout fit, one per training fold (10), one to report the resampled counts:
    # never the whole dataset.
    assert len(plan.train) == 150 and set(fold_sizes) == {160}
    assert sorted(seen) == sorted([150, 150, *fold_sizes])
    # Same numbers as fitting the pipeline by hand in each fold.
    recalls = []
    for tr, te in cv.split(ds.X, ds.y):
        pipe = build_pipeline("knn", "smote", seed=1, k_neighbors=5).fit(ds.X[tr], ds.y[tr])
        recalls.append(recall_score(ds.y[te], pipe.predict(ds.X[te]), pos_label=1))
    assert unit.cv_mean["recall"] == pytest.approx(np.mean(recalls))
    assert unit.cv_std["recall"] == pytest.approx(np.std(recalls))


def test_leaky_mode_really_leaks():
    # Heavily overlapping classes: honestly, kNN finds few minority rows. Random over-sampling before the
    # split copies each minority row into both parts, so kNN finds its copies and recall looks near perfect.
    ds = _blobs(n=400, minority=0.1, noise=1.0, seed=2)
    settings = CompareSettings(classifiers="knn", treatments="ros", cv_folds=3, leaky=True, seed=0)
    unit = evaluate_unit(ds, settings, "knn", "ros")
    assert unit.leaky_holdout is not None and unit.leaky_cv_mean is not None
    assert unit.leaky_holdout.recall > unit.holdout.recall + 0.3
    assert unit.leaky_cv_mean["recall"] > unit.cv_mean["recall"] + 0.2
    # The leaky test part is balanced, not the real prevalence.
    leaky = unit.leaky_holdout
    assert leaky.tp + leaky.fn == leaky.tn + leaky.fp
    table = compare(ds, settings).leak_table()
    assert table.loc[0, "Recall inflation"] == pytest.approx(leaky.recall - unit.holdout.recall)


def test_leaky_mode_off_computes_no_leaky_scores():
    unit = evaluate_unit(_blobs(), CompareSettings(cv_folds=0), "logreg", "smote")
    assert unit.leaky_holdout is None


# --- metrics -----------------------------------------------------------------------------------------------------------
def test_metrics_equal_sklearn_with_string_labels():
    base = _blobs(n=300, minority=0.2, noise=1.0, seed=4)
    y = np.where(base.y == 1, "churned", "stayed")
    ds = Dataset(base.X, y, base.feature_names)
    assert ds.minority == "churned"
    settings = CompareSettings(classifiers="logreg", treatments="smote", cv_folds=0, seed=3)
    plan = make_plan(ds, settings)
    unit = evaluate_unit(ds, settings, "logreg", "smote", plan)
    pipe = build_pipeline("logreg", "smote", seed=3).fit(ds.X[plan.train], y[plan.train])
    Xte, yte = ds.X[plan.test], y[plan.test]
    pred = pipe.predict(Xte)
    proba = pipe.predict_proba(Xte)[:, list(pipe.classes_).index("churned")]
    m = unit.holdout
    assert m.accuracy == accuracy_score(yte, pred)
    assert m.recall == recall_score(yte, pred, pos_label="churned")
    assert m.precision == precision_score(yte, pred, pos_label="churned")
    assert m.f1 == f1_score(yte, pred, pos_label="churned")
    assert m.balanced_accuracy == balanced_accuracy_score(yte, pred)
    assert m.roc_auc == roc_auc_score(yte == "churned", proba)
    assert m.pr_auc == average_precision_score(yte, proba, pos_label="churned")
    tn, fp, fn, tp = confusion_matrix(yte, pred, labels=["stayed", "churned"]).ravel()
    assert (m.tn, m.fp, m.fn, m.tp) == (tn, fp, fn, tp)
    assert m.fp > 0 and 0 < m.precision < 1  # a real, non-trivial case


def test_svm_scores_use_the_decision_function():
    ds = _blobs(n=200, minority=0.2, noise=0.8)
    settings = CompareSettings(classifiers="svm", treatments="none", cv_folds=0)
    plan = make_plan(ds, settings)
    pipe = build_pipeline("svm").fit(ds.X[plan.train], ds.y[plan.train])
    values = pipe.decision_function(ds.X[plan.test])
    unit = evaluate_unit(ds, settings, "svm", "none", plan)
    assert unit.holdout.roc_auc == roc_auc_score(ds.y[plan.test] == 1, values)


def test_multiclass_metrics_are_minority_against_the_rest():
    y_true = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2, 0])
    y_pred = np.array([0, 0, 2, 0, 1, 0, 1, 2, 0, 0])
    scores = np.array([0.1, 0.2, 0.7, 0.1, 0.3, 0.2, 0.4, 0.9, 0.5, 0.1])
    m = compute_metrics(y_true, y_pred, scores, positive=2)
    assert m.recall == recall_score(y_true, y_pred, labels=[2], average="macro") == 0.5
    assert m.precision == precision_score(y_true, y_pred, labels=[2], average="macro") == 0.5
    assert m.accuracy == accuracy_score(y_true, y_pred)
    assert m.balanced_accuracy == balanced_accuracy_score(y_true, y_pred)
    assert m.roc_auc == roc_auc_score(y_true == 2, scores)
    assert (m.tn, m.fp, m.fn, m.tp) == (7, 1, 1, 1)


def test_multiclass_comparison_runs_and_says_threshold_moving_needs_two_classes():
    ds = _blobs(n=300, minority=0.3, n_classes=3)
    result = compare(ds, CompareSettings(classifiers="logreg", treatments="smote,threshold", cv_folds=3))
    assert result.unit("logreg", "smote").holdout is not None
    assert "two classes only" in result.unit("logreg", "threshold").error
    smote_counts = result.unit("logreg", "smote").train_counts
    assert len(set(smote_counts.values())) == 1  # every class balanced


# --- bad cases become messages -------------------------------------------------------------------------------------------
def test_too_few_minority_rows_lower_k_and_the_folds_with_notices():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 1, (60, 3)), rng.normal(2, 1, (6, 3))])
    ds = Dataset(X, np.array([0] * 60 + [1] * 6), ["a", "b", "c"])
    settings = CompareSettings(classifiers="logreg,knn", treatments="smote,rus", cv_folds=10, k_neighbors=5)
    plan = make_plan(ds, settings)
    assert plan.cv_folds == 6
    assert plan.k_neighbors == 3  # 4 minority rows in the holdout training part, 5 in a CV training fold
    text = " ".join(plan.notices)
    assert "cross-validation uses 6 folds" in text and "using k = 3" in text
    result = compare(ds, settings)
    assert result.unit("logreg", "smote").holdout is not None
    assert result.unit("logreg", "smote").cv_mean is not None


def test_a_single_row_class_is_an_error_message_not_an_exception():
    X = np.arange(40, dtype=float).reshape(20, 2)
    ds = Dataset(X, np.array([0] * 19 + [1]), ["a", "b"])
    result = compare(ds, CompareSettings(classifiers="logreg", treatments="smote"))
    assert not result.plan.ok
    assert "single row" in result.messages[0]
    assert all(u.holdout is None and u.error for u in result.units)


def test_a_model_that_fails_to_fit_is_reported_per_model():
    # 3 minority rows: 2 in training; under-sampling leaves 4 training rows, fewer than kNN's 5 neighbours.
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal(0, 1, (100, 2)), rng.normal(3, 1, (3, 2))])
    ds = Dataset(X, np.array([0] * 100 + [1] * 3), ["a", "b"])
    result = compare(ds, CompareSettings(classifiers="knn,logreg", treatments="rus", cv_folds=0))
    failed = result.unit("knn", "rus")
    assert failed.holdout is None and failed.error.startswith("Fitting failed:")
    assert "n_neighbors" in failed.error
    assert result.unit("logreg", "rus").holdout is not None  # the others still run
    assert any("k-nearest neighbours + Random under-sampling: Fitting failed" in m for m in result.messages)


def test_class_weight_where_unsupported_is_explained():
    result = compare(_blobs(), CompareSettings(classifiers="knn,tree,dummy", treatments="weight", cv_folds=0))
    assert "no class_weight option" in result.unit("knn", "weight").error
    assert "no class_weight option" in result.unit("dummy", "weight").error
    assert result.unit("tree", "weight").holdout is not None


def test_settings_drop_unknown_names_and_round_trip_through_the_url():
    settings, problems = CompareSettings(classifiers="knn,xgboost", treatments="smote,magic").validated()
    assert settings.classifier_keys == ("knn",)
    assert settings.treatment_keys == ("none", "smote")
    assert any("xgboost" in p for p in problems) and any("magic" in p for p in problems)
    back, problems = from_query(CompareSettings, to_query(CompareSettings(seed=9, leaky=True, cv_folds=3)))
    assert back == CompareSettings(seed=9, leaky=True, cv_folds=3) and problems == []


# --- every classifier and treatment fits on small data ---------------------------------------------------------------------
def test_every_classifier_and_treatment_fits_or_says_why():
    ds = _blobs(n=120, minority=0.25, noise=0.6)
    settings = CompareSettings(classifiers=",".join(CLASSIFIERS), treatments=",".join(TREATMENTS), cv_folds=0)
    result = compare(ds, settings)
    assert len(result.units) == len(CLASSIFIERS) * len(TREATMENTS)
    for u in result.units:
        assert (u.holdout is None) == bool(u.error), (u.classifier, u.treatment, u.error)
    failed = {(u.classifier, u.treatment) for u in result.units if u.error}
    assert failed == {("knn", "weight"), ("dummy", "weight"), ("dummy", "threshold")}
    table = result.table()
    assert list(table.columns[2:4]) == ["Recall", "Δ Recall"]
    dummy = result.unit("dummy", "none").holdout
    assert dummy.recall == 0 and dummy.accuracy == pytest.approx(ds.counts[0] / ds.n_samples, abs=0.02)


# --- decision regions and the snippet ------------------------------------------------------------------------------------
def test_decision_regions_mark_the_synthetic_points():
    ds = default_dataset()
    settings = CompareSettings()
    before, after = decision_regions(ds, settings, "knn", grid=30)
    assert before.z.shape == after.z.shape == (30, 30)
    assert np.all((after.z >= 0) & (after.z <= 1))
    assert len(before.synthetic_X) == 0
    plan = make_plan(ds, settings)
    counts = np.bincount(ds.y[plan.train])
    assert len(after.synthetic_X) == counts[0] - counts[1] and set(after.synthetic_y) == {1}
    # SMOTE's points lie on segments between minority points: inside their bounding box.
    minority = ds.X2[plan.train][ds.y[plan.train] == 1]
    assert np.all(after.synthetic_X >= minority.min(axis=0) - 1e-9)
    assert np.all(after.synthetic_X <= minority.max(axis=0) + 1e-9)
    # Balancing widens the minority region.
    assert (after.z >= 0.5).mean() > (before.z >= 0.5).mean()


def test_code_snippet_reproduces_the_app_numbers():
    ds = _blobs(n=200, minority=0.15, noise=0.6)
    settings = CompareSettings(
        classifiers="knn", treatments="smote,threshold", cv_folds=2, seed=2, threshold_metric="f1"
    )
    result = compare(ds, settings)
    code = code_snippet(ds, settings)
    namespace = {"X": np.array(ds.X), "y": np.array(ds.y)}
    exec(compile(code, "snippet", "exec"), namespace)  # noqa: S102 - our own generated code
    for u in result.units:
        name = f"{CLASSIFIERS[u.classifier]} + {TREATMENTS[u.treatment]}"
        assert namespace["results"][name] == pytest.approx(u.holdout.recall)
        assert namespace["cv_results"][name][0] == pytest.approx(u.cv_mean["recall"])


# --- the article's flow, replayed ---------------------------------------------------------------------------------------------
def test_article_replay_smote_raises_gradient_boosting_recall_not_accuracy():
    # Like the bank-churn article: 10 000 rows, 8 numeric features, about 20 % positive.
    X, y = make_classification(
        n_samples=10_000, n_features=8, n_informative=5, n_redundant=2, weights=[0.8], flip_y=0.02,
        class_sep=0.8, random_state=0,
    )
    ds = Dataset(X, y, [f"f{i}" for i in range(8)], name="churn-like")
    assert 0.19 < ds.counts[1] / ds.n_samples < 0.22
    result = compare(ds, CompareSettings(classifiers="hgb", treatments="smote", cv_folds=0, seed=0))
    before, after = result.unit("hgb", "none").holdout, result.unit("hgb", "smote").holdout
    assert after.recall > before.recall + 0.05
    assert after.accuracy <= before.accuracy
    assert not math.isnan(after.roc_auc)


def test_a_test_share_too_small_for_the_classes_is_explained():
    rng = np.random.default_rng(2)
    X = rng.normal(0, 1, (30, 2))
    y = np.array([0] * 18 + [1] * 6 + [2] * 3 + [3] * 3)
    result = compare(Dataset(X, y, ["a", "b"]), CompareSettings(classifiers="logreg", test_share=0.1))
    assert not result.plan.ok
    assert "leaves 3 test and 27 training rows, fewer than the 4 classes" in result.messages[0]


@pytest.mark.parametrize(
    "header",
    [
        "b\nimport os; print('INJECTED')",
        "b\r\nimport os; print('INJECTED')",
        "b\u2028import os; print('INJECTED')",
        "b'] ; import os; print('INJECTED') #",
        'b""" + __import__("os").getcwd() + """',
        "b\\",
    ],
)
def test_code_snippet_keeps_user_names_as_data(header):
    """A CSV header with a newline or quotes stays one string literal: the snippet compiles and runs no user text."""
    import ast
    import io

    from smote_viz.data.csv_loader import load_csv

    quoted = '"' + header.replace('"', '""') + '"'
    rows = "".join(f"{i % 7}.5,{i % 5}.25,{int(i % 5 == 0)}\n" for i in range(40))
    ds = load_csv(io.BytesIO(f"a,{quoted},label\n{rows}".encode()), label="label")
    assert ds.feature_names[1] == header  # the loader keeps the header as it is
    code = code_snippet(ds, CompareSettings(classifiers="logreg", cv_folds=2))
    tree = ast.parse(compile(code, "snippet", "exec", flags=ast.PyCF_ONLY_AST))  # compiles; never executed here
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"imblearn", "sklearn"}
    assert "INJECTED" not in "".join(
        ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "print"
    )
    assert not any(line.lstrip().startswith("import os") for line in code.splitlines())
    assert not any(isinstance(n, ast.Name) and n.id == "__import__" for n in ast.walk(tree))
    features = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "FEATURES")
    assert ast.literal_eval(features) == ["a", header]


# --- the larger sample, changes with their spread, pooled counts, calibration, the leak measured ---------------------------
def test_generated_data_is_compared_on_a_larger_sample_of_the_same_settings():
    from dataclasses import replace

    from smote_viz.compare.evaluate import LARGER_SAMPLE, larger_sample
    from smote_viz.state import GeneratorSettings

    small = GeneratorSettings(shape="moons", minority_fraction=0.2, noise=0.4, seed=3)
    assert larger_sample(small, CompareSettings()) == replace(small, n_samples=LARGER_SAMPLE)
    assert larger_sample(small, CompareSettings(larger_sample=False)) is None  # switched off
    assert larger_sample(None, CompareSettings()) is None  # an upload has no larger sample
    assert larger_sample(replace(small, n_samples=3000), CompareSettings()) is None  # already large
    # The switch travels in the link and does not split the per-model cache key (the data itself does).
    assert to_query(CompareSettings(larger_sample=False))["big"] == "0"
    from smote_viz.compare.evaluate import unit_settings

    assert unit_settings(CompareSettings(larger_sample=False), "knn", "smote") == unit_settings(
        CompareSettings(), "knn", "smote")


def test_a_change_is_paired_over_the_same_folds():
    from sklearn.model_selection import cross_validate

    from smote_viz.compare.evaluate import Change, change, pipeline_for

    ds = _blobs(n=400)
    settings = CompareSettings(classifiers="knn", cv_folds=4, cv_repeats=2)
    result = compare(ds, settings)
    plan = result.plan
    folds = {}
    for t in ("none", "smote"):  # the same splitter for both: fold i of one is fold i of the other
        cv = RepeatedStratifiedKFold(n_splits=4, n_repeats=2, random_state=0)
        folds[t] = cross_validate(pipeline_for("knn", t, plan, settings), ds.X, ds.y, cv=cv,
                                  scoring=lambda est, X, y: recall_score(y == 1, est.predict(X) == 1))["test_score"]
    ch = change(result, "knn", "smote", "recall")
    assert ch.folds == 8
    assert ch.change == pytest.approx((folds["smote"] - folds["none"]).mean())
    assert ch.spread == pytest.approx(np.std(folds["smote"] - folds["none"]))
    # The paired spread is not the spread of either side.
    assert ch.spread != pytest.approx(np.std(folds["smote"]))
    # Without cross-validation: held-out scores, no spread.
    held = change(compare(ds, CompareSettings(classifiers="knn", cv_folds=0)), "knn", "smote", "recall")
    assert held.spread is None and held.folds == 0 and held.clear is False
    assert Change("recall", 0.5, 0.7, 0.05, 5).clear and not Change("recall", 0.5, 0.55, 0.05, 5).clear


def test_pooled_confusion_counts_every_row_once_per_repeat():
    from smote_viz.compare.evaluate import pooled_confusion

    ds = _blobs(n=300)
    result = compare(ds, CompareSettings(classifiers="logreg", cv_folds=3, cv_repeats=2))
    for t in ("none", "smote"):
        counts = pooled_confusion(result.unit("logreg", t))
        assert counts.confusion.sum() == 2 * ds.n_samples
        assert counts.fn + counts.tp == 2 * ds.counts[1]
    assert pooled_confusion(compare(ds, CompareSettings(classifiers="logreg", cv_folds=0)).unit("logreg", "none")) is None


def test_reliability_is_sklearns_calibration_curve_on_the_held_out_part():
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import brier_score_loss

    from smote_viz.compare.evaluate import reliability

    ds = _blobs(n=600, noise=0.6)
    settings = CompareSettings(classifiers="logreg,svm", treatments="smote,threshold", cv_folds=0)
    result = compare(ds, settings)
    truth = ds.y[result.plan.test] == 1
    for t in ("none", "smote", "threshold"):
        pipe = build_pipeline("logreg", t, seed=0, k_neighbors=5, positive=1).fit(ds.X[result.plan.train],
                                                                                   ds.y[result.plan.train])
        proba = pipe.predict_proba(ds.X[result.plan.test])[:, 1]
        r = reliability(result, ds, "logreg", t)
        fraction, mean = calibration_curve(truth, proba, n_bins=10)
        np.testing.assert_allclose(r.mean_predicted, mean)
        np.testing.assert_allclose(r.fraction_positive, fraction)
        assert r.counts.sum() == len(truth) and len(r.counts) == len(mean)
        assert r.brier == pytest.approx(brier_score_loss(truth, proba))
        assert r.prevalence == pytest.approx(truth.mean())
    # SMOTE inflates the probabilities; moving the threshold leaves them as they were.
    none, smote, threshold = (reliability(result, ds, "logreg", t) for t in ("none", "smote", "threshold"))
    assert smote.average_probability > none.average_probability + 0.05
    assert threshold.average_probability == pytest.approx(none.average_probability)
    assert reliability(result, ds, "svm", "none") is None  # an SVM gives decision values, not probabilities


def test_the_leak_picture_finds_near_copies_in_the_leaky_split_only():
    from smote_viz.compare.evaluate import leak_picture

    ds = _blobs(n=600)
    settings = CompareSettings(classifiers="logreg", treatments="smote,ros,rus", leaky=True, cv_folds=0)
    smote = leak_picture(ds, settings, "logreg", "smote")
    assert smote.error is None
    assert np.median(smote.leaky.distance) < np.median(smote.honest.distance) / 3
    assert smote.leaky.test_synthetic.any() and not smote.honest.test_synthetic.any()
    assert len(smote.honest.distance) == (ds.y[make_plan(ds, settings).test] == 1).sum()
    # Random over-sampling copies rows: in the leaky split many test rows have an exact copy in training; split
    # first, none has (a copy of a training row never lands in the test part).
    ros = leak_picture(ds, settings, "logreg", "ros")
    assert (ros.leaky.distance == 0).mean() > 0.5 and (ros.honest.distance > 0).all()
    rus = leak_picture(ds, settings, "logreg", "rus")
    assert rus.leaky is None and "adds no rows" in rus.error
