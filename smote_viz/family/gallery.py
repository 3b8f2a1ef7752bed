"""Every chosen panel on one dataset, in catalogue order, all scored on one held-out split."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from smote_viz.data.dataset import class_counts
from smote_viz.family.adasyn import run_adasyn
from smote_viz.family.base import _unchanged, _with
from smote_viz.family.cluster import run_kmeanssmote
from smote_viz.family.combine import run_smoteenn, run_smotetomek
from smote_viz.family.evaluation import evaluate, evaluation_plan
from smote_viz.family.filter import run_borderline1, run_borderline2, run_svmsmote
from smote_viz.family.params import GalleryParams
from smote_viz.family.random import run_ros, run_ros_shrinkage, run_rus
from smote_viz.family.result import VariantResult
from smote_viz.family.smote import run_smote
from smote_viz.threads import one_native_thread


def run_original(X, y, params: GalleryParams) -> VariantResult:
    return _unchanged("original", X, y)


RUNNERS: dict[str, Callable[..., VariantResult]] = {
    "original": run_original,
    "ros": run_ros,
    "ros_shrinkage": run_ros_shrinkage,
    "smote": run_smote,
    "borderline1": run_borderline1,
    "borderline2": run_borderline2,
    "svmsmote": run_svmsmote,
    "kmeanssmote": run_kmeanssmote,
    "adasyn": run_adasyn,
    "smotetomek": run_smotetomek,
    "smoteenn": run_smoteenn,
    "rus": run_rus,
}


def run_variant(key: str, X, y, params: GalleryParams, positive=None, with_evaluation: bool = True) -> VariantResult:
    """One panel: the sampler on all of (X, y) for the picture, and its held-out scores.

    Native thread pools (OpenMP in k-means, BLAS) run with one thread (``threads.one_native_thread``).
    """
    return run_gallery(X, y, (key,), params, positive, with_evaluation)[0]


def run_gallery(X, y, keys, params: GalleryParams, positive=None, with_evaluation: bool = True) -> list[VariantResult]:
    """Every chosen panel, in order, all scored on one held-out split (``positive``: the minority by default)."""
    one_native_thread()
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if positive is None:
        counts = class_counts(y)
        positive = min(counts, key=counts.get)
    plan = None
    if with_evaluation:
        try:
            plan = evaluation_plan(X, y, positive, params.seed)
        except Exception:  # noqa: BLE001 - evaluate() below then reports why, panel by panel
            plan = None
    results = []
    for key in keys:
        result = RUNNERS[key](X, y, params)
        if with_evaluation:
            result = _with(result, evaluation=evaluate(key, X, y, positive, params, plan))
        results.append(result)
    return results
