"""Benchmark: the work-cost model (``smote_viz.compare.cost``) against the work it predicts, measured in the same run.

A shared link may restore any settings, but work above ``cost.LINK_BUDGET_S`` waits for a click. That decision
rests on estimates, so this script checks them:

- ``--calibrate``: CPU-seconds of one Compare-page fit (pipeline fit on n training rows + scoring n / 3 test
  rows) per classifier, and of one SMOTE-family panel (sampler on n rows + its held-out scoring) per sampler, at
  several n; prints least-squares (a, b, c) of ``a + b n + c n^2`` to paste into ``smote_viz/compare/cost.py``.
- default: for a set of settings (the issue's heavy link among them), the estimate against the measured
  CPU-seconds of the real work (``evaluate_unit`` for every pair + the decision regions; ``run_variant`` for
  every panel); prints estimate / measured, which must stay at or above 1 (conservative).

CPU time (``time.process_time``) of this process, with the one-thread limit the app sets, so a busy machine
disturbs the figures less than wall time would.

    python benchmarks/bench_cost.py [--calibrate]
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
from scipy.optimize import nnls

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smote_viz.compare import (
    cost,
    evaluate,  # noqa: E402
)
from smote_viz.data import Dataset, generate  # noqa: E402
from smote_viz.family import VARIANT_KEYS, GalleryParams, run_variant  # noqa: E402
from smote_viz.threads import one_native_thread  # noqa: E402

SIZES = (300, 1000, 3000, 8000)


def data(n: int, classes: int = 2, minority: float = 0.2):
    return generate(shape="moons", n_samples=min(n, 5000), minority_fraction=minority, noise=0.5,
                    n_classes=classes, random_state=1)


def two_class_rows(n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, 2))
    y = (rng.random(n) < 0.3).astype(int)
    X[y == 1] += 0.8
    return X, y


def cpu(fn) -> float:
    start = time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fn()
    return time.process_time() - start


def fit_seconds(classifier: str, n: int, rng) -> float:
    X, y = two_class_rows(n + n // 3, rng)
    Xtr, ytr, Xte, yte = X[:n], y[:n], X[n:], y[n:]

    def work():
        pipe = evaluate.build_pipeline(classifier, "none", seed=0).fit(Xtr, ytr)
        evaluate.evaluate_fitted(pipe, Xte, yte, 1)

    return min(cpu(work) for _ in range(2))


def panel_seconds(key: str, n: int, rng) -> float:
    X, y = two_class_rows(n, rng)
    return min(cpu(lambda: run_variant(key, X, y, GalleryParams(classifier="logreg"), positive=1)) for _ in range(2))


def fit_curve(ns, seconds) -> tuple[float, float, float]:
    """Non-negative (a, b, c) of a + b n + c n^2, fitted to relative errors (every size counts the same)."""
    ns = np.asarray(ns, dtype=float)
    seconds = np.asarray(seconds, dtype=float)
    A = np.column_stack([np.ones(len(ns)), ns, ns**2]) / seconds[:, None]
    coef, _ = nnls(A, np.ones(len(ns)))
    return tuple(float(f"{c:.3g}") for c in coef)


def calibrate() -> None:
    rng = np.random.default_rng(0)
    print("Compare fits: CPU-s of one fit + scoring, at n =", SIZES)
    for c in evaluate.CLASSIFIERS:
        secs = [fit_seconds(c, n, rng) for n in SIZES]
        print(f"  {c:8s} {[round(s, 4) for s in secs]}  a, b, c = {fit_curve(SIZES, secs)}")
    print("Family panels (sampler + logistic-regression scoring): CPU-s at n =", SIZES)
    for key in VARIANT_KEYS:
        secs = [panel_seconds(key, n, rng) for n in SIZES]
        print(f"  {key:14s} {[round(s, 4) for s in secs]}  a, b, c = {fit_curve(SIZES, secs)}")
    print("Family scoring per classifier is the Compare fit above, on 75 % of the resampled rows.")


def check_compare(label: str, dataset, settings: evaluate.CompareSettings) -> None:
    estimate = cost.compare_seconds(settings, dataset)
    plan = evaluate.make_plan(dataset, settings)

    def work():
        for c, t in evaluate.work_units(settings):
            evaluate.evaluate_unit(dataset, evaluate.unit_settings(settings, c, t), c, t)
        evaluate.decision_regions(dataset, evaluate.unit_settings(settings, "logreg", "smote"), "logreg")

    measured = cpu(work) if plan.ok else 0.0
    print(f"  {label:58s} estimate {estimate:7.1f} s  measured {measured:7.1f} s  "
          f"ratio {estimate / max(measured, 1e-9):5.2f}")


def check_gallery(label: str, dataset, params: GalleryParams) -> None:
    estimate = cost.gallery_seconds(params, dataset)

    def work():
        for key in params.panel_keys():
            run_variant(key, dataset.X2, dataset.y, params, positive=dataset.minority)

    measured = cpu(work)
    print(f"  {label:58s} estimate {estimate:7.1f} s  measured {measured:7.1f} s  "
          f"ratio {estimate / max(measured, 1e-9):5.2f}")


def check() -> None:
    S = evaluate.CompareSettings
    print("Compare page: estimate against the measured work (ratio >= 1 is conservative)")
    check_compare("default settings, default data", data(200, minority=0.1), S())
    check_compare("default settings, 5000 rows", data(5000), S())
    check_compare("all models, smote + weight, 5 folds, 2000 rows", data(2000),
                  S(classifiers=",".join(evaluate.CLASSIFIERS), treatments="none,smote,weight"))
    check_compare("svm + forest, every treatment, 3000 rows, 4 classes", data(3000, 4, 0.3),
                  S(classifiers="svm,forest", treatments=",".join(evaluate.TREATMENTS), cv_folds=3))
    check_compare("the issue's link, cut to 2 folds x 1 repeat, no leak", data(5000, 4, 0.3),
                  S(classifiers=",".join(evaluate.CLASSIFIERS), treatments=",".join(evaluate.TREATMENTS),
                    cv_folds=2, cv_repeats=1))
    rng = np.random.default_rng(0)
    y = (rng.random(3000) < 0.15).astype(int)
    X = rng.normal(size=(3000, 100)) + 0.5 * y[:, None]
    wide = Dataset(X, y, [f"f{i}" for i in range(100)])
    check_compare("tree, forest, hgb, 5 folds, 3000 rows x 100 features", wide,
                  S(classifiers="tree,forest,hgb", treatments="none,smote"))
    heavy = S(classifiers=",".join(evaluate.CLASSIFIERS), treatments=",".join(evaluate.TREATMENTS), cv_folds=10,
              cv_repeats=5, leaky=True)
    print(f"  the issue's link (not run: minutes): estimate {cost.compare_seconds(heavy, data(5000, 4, 0.3)):.0f} s, "
          f"{evaluate.fit_count(heavy, 4)} fits")
    print("SMOTE family: estimate against the measured work")
    check_gallery("every panel, logistic regression, default data", data(200, minority=0.1), GalleryParams())
    check_gallery("every panel, logistic regression, 5000 rows", data(5000), GalleryParams())
    check_gallery("every panel, random forest, 3000 rows, 4 classes", data(3000, 4, 0.3),
                  GalleryParams(classifier="forest"))
    check_gallery("every panel, SVM, 3000 rows", data(3000), GalleryParams(classifier="svm"))


if __name__ == "__main__":
    one_native_thread()
    if "--calibrate" in sys.argv:
        calibrate()
    else:
        check()
