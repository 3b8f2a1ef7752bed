"""How much work a page is about to start, estimated before it starts.

A shared link restores settings, and some settings mean many minutes of CPU on a server that 40 students share
(the Compare page with every model, every treatment, 10 folds x 5 repeats and leaky mode on 5 000 rows: 2 756
model fits, which used 241 CPU-seconds in their first 4 minutes). The pages ask these functions first: work
estimated above ``LINK_BUDGET_S`` waits for a click that says how long it will take.

The estimates count the fits the work makes (``evaluate.pair_fit_count``, the same count the Compare page
shows) and price each one by the rows it is fitted on, with per-model costs measured by
``benchmarks/bench_cost.py --calibrate`` (CPU-seconds on the 2-core development machine; fit + scoring, as
``a + b n + c n^2`` for n training rows). They are kept conservative: every figure is multiplied by
``SAFETY``, training parts are priced at their resampled size under 'auto' (the largest a strategy can make),
and ``bench_cost.py`` checks that the estimate stays above the measured work.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from smote_viz.compare.evaluate import (
    SAMPLER_TREATMENTS,
    CompareSettings,
    pair_fit_count,
    treatment_problem,
    work_units,
)
from smote_viz.data import Dataset

LINK_BUDGET_S = 10.0  # a link alone never starts more work than this
SAFETY = 1.5

# CPU-seconds of one Compare-page fit + scoring on n training rows: (a, b, c) of a + b n + c n^2.
FIT_COST: dict[str, tuple[float, float, float]] = {
    "logreg": (0.0121, 2.88e-07, 1.98e-11),
    "knn": (0.0119, 1.12e-06, 3.66e-11),
    "tree": (0.00952, 1.99e-06, 9.56e-11),
    "forest": (0.1, 6.15e-05, 3.66e-09),
    "hgb": (0.0624, 1.22e-05, 0.0),
    "svm": (0.0104, 0.0, 1.84e-08),
    "dummy": (0.0129, 0.0, 2.11e-11),
    "xgb": (0.0883, 7.9e-06, 0.0),  # xgboost-cpu 3.2.0, offered only where it imports
}
# CPU-seconds of one SMOTE-family panel on n rows (the sampler, its internal state, logistic-regression scoring).
PANEL_COST: dict[str, tuple[float, float, float]] = {
    "original": (0.0129, 4.6e-08, 9.1e-11),
    "ros": (0.0155, 1.26e-06, 0.0),
    "ros_shrinkage": (0.0155, 1.23e-06, 0.0),
    "smote": (0.0201, 6.9e-07, 1.29e-10),
    "borderline1": (0.0189, 3.59e-06, 0.0),
    "borderline2": (0.022, 3.89e-06, 0.0),
    "svmsmote": (0.0271, 0.0, 2.17e-08),
    "kmeanssmote": (0.0393, 9.85e-07, 2.39e-10),
    "adasyn": (0.0188, 3.76e-06, 9.83e-12),
    "smotetomek": (0.0261, 5.99e-06, 0.0),
    "smoteenn": (0.0332, 3.06e-06, 3.65e-10),
    "rus": (0.0195, 0.0, 1.35e-10),
}
# Fits on more than the two features the costs were measured on: decision trees, forests and gradient boosting
# slow down with the feature count (about (d / 2) ** 0.55 measured on 20 and 199 features); the estimate scales by
# (d / 2) ** FEATURE_EXPONENT.
FEATURE_EXPONENT = 0.6
FIGURE_COST_PER_POINT = 7e-6  # building and serialising the family grid, per drawn point
PROBABILITY_FITS = 6  # an SVM with probabilities (decision regions) is calibrated by 5-fold CV plus a refit
TEST_SHARE_FAMILY = CompareSettings.test_share  # the SMOTE family scores on the Compare page's default split


def _poly(coef: tuple[float, float, float], n: float) -> float:
    a, b, c = coef
    return a + b * n + c * n * n


def fit_seconds(classifier: str, n_rows: float) -> float:
    """One fit + scoring of ``classifier`` on ``n_rows`` training rows (before ``SAFETY``)."""
    return _poly(FIT_COST[classifier], n_rows)


def feature_factor(n_features: int) -> float:
    """How much slower a fit on ``n_features`` features is than on the two the costs were measured on."""
    return max(1.0, n_features / 2) ** FEATURE_EXPONENT


def resampled_rows(counts: Mapping[object, int], fraction: float, treatment: str) -> float:
    """Rows a model is fitted on: ``fraction`` of every class, then grown to the largest class (over-samplers,
    the 'auto' strategy), cut to the smallest (under-sampler) or left as they are."""
    sizes = [c * fraction for c in counts.values()]
    if not sizes:
        return 0.0
    if treatment in ("smote", "ros"):
        return max(sizes) * len(sizes)
    if treatment == "rus":
        return min(sizes) * len(sizes)
    return float(sum(sizes))


def compare_seconds(settings: CompareSettings, dataset: Dataset) -> float:
    """Estimated CPU-seconds of a Compare run: every fit of every model and treatment (on every feature), and the
    decision regions (on the two viewed features)."""
    counts = dataset.counts
    n_classes = len(counts)
    folds = settings.cv_folds if settings.cv_folds >= 2 else 0
    fraction = max(1 - settings.test_share, 1 - 1 / folds if folds else 0.0)
    total = 0.0
    for classifier, treatment in work_units(settings):
        if treatment_problem(classifier, treatment, n_classes):
            continue
        leaky = settings.leaky and treatment in SAMPLER_TREATMENTS
        rows = resampled_rows(counts, 1.0 if leaky else fraction, treatment)
        total += pair_fit_count(settings, classifier, treatment, n_classes) * fit_seconds(classifier, rows)
    total *= feature_factor(dataset.n_features)
    # the decision regions: the chosen model on the 2-D view, before and after SMOTE
    regions = max(
        (fit_seconds(c, resampled_rows(counts, 1 - settings.test_share, t)) * (PROBABILITY_FITS if c == "svm" else 1)
         for c in settings.classifier_keys for t in ("none", "smote")),
        default=0.0,
    )
    return SAFETY * (total + 2 * regions)


def gallery_seconds(params, dataset: Dataset) -> float:
    """Estimated CPU-seconds of the SMOTE family grid: every panel's sampler, its held-out scoring with the
    chosen classifier, and the figure."""
    counts = dataset.counts
    n = dataset.n_samples
    total = 0.0
    for key in params.panel_keys():
        treatment = "rus" if key == "rus" else "none" if key == "original" else "smote"
        out_rows = resampled_rows(counts, 1.0, treatment)
        scoring = fit_seconds(params.classifier, resampled_rows(counts, 1 - TEST_SHARE_FAMILY, treatment))
        total += _poly(PANEL_COST.get(key, PANEL_COST["svmsmote"]), n) + scoring + FIGURE_COST_PER_POINT * out_rows
    return SAFETY * total


def over_budget(seconds: float) -> bool:
    return seconds > LINK_BUDGET_S


def duration_text(seconds: float) -> str:
    """'about 40 s', 'about 4 min': rounded up, never 'about 0 s'."""
    if seconds < 90:
        return f"about {max(1, math.ceil(seconds))} s"
    return f"about {math.ceil(seconds / 60)} min"
