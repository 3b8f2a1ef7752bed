"""Numbers of the lesson that no other module computes: a reliability diagram's points before and after
balancing, and where a seed's nearest other-class point lies. Models, splits and metrics come from
``smote_viz.compare.evaluate`` and scikit-learn."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss

from smote_viz.compare.evaluate import CompareSettings, make_plan, minority_scores, pipeline_for
from smote_viz.data import Dataset
from smote_viz.threads import one_native_thread


@dataclass(frozen=True, eq=False)
class Reliability:
    """One model under one treatment, scored on the held-out part: its reliability curve and Brier score."""

    treatment: str
    predicted: np.ndarray  # mean predicted probability of the positive class, per bin
    observed: np.ndarray  # observed share of the positive class, per bin
    brier: float
    mean_predicted: float  # over the test part
    prevalence: float  # the positive class's real share of the test part


def reliability(dataset: Dataset, classifier: str = "logreg", treatments: tuple[str, ...] = ("none", "smote"),
                *, seed: int = 0, n_bins: int = 8) -> list[Reliability]:
    """Fit ``classifier`` under each treatment on the honest split (``evaluate.make_plan``: split first, resample
    the training part only) and compare its predicted probabilities on the untouched test part with what
    happened: scikit-learn's ``calibration_curve`` (equal-count bins) and ``brier_score_loss``."""
    one_native_thread()
    settings = CompareSettings(classifiers=classifier, treatments=",".join(treatments), cv_folds=0, seed=seed)
    plan = make_plan(dataset, settings)
    if not plan.ok:
        raise ValueError(" ".join(plan.errors))
    X, y = dataset.X, dataset.y
    truth = y[plan.test] == plan.positive
    out = []
    for treatment in treatments:
        pipe = pipeline_for(classifier, treatment, plan, settings, probability=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pipe.fit(X[plan.train], y[plan.train])
        proba = minority_scores(pipe, X[plan.test], plan.positive)
        observed, predicted = calibration_curve(truth, proba, n_bins=n_bins, strategy="quantile")
        out.append(Reliability(treatment, predicted, observed, float(brier_score_loss(truth, proba)),
                               float(np.mean(proba)), float(np.mean(truth))))
    return out


def nearest_other(X2: np.ndarray, y: np.ndarray, row: int) -> tuple[int, float]:
    """The row of the point of another class nearest to ``row``, and its distance."""
    X2 = np.asarray(X2, dtype=np.float64)
    others = np.flatnonzero(np.asarray(y) != y[row])
    distances = np.linalg.norm(X2[others] - X2[row], axis=1)
    best = int(np.argmin(distances))
    return int(others[best]), float(distances[best])
