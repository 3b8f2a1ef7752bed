"""Every chosen panel on one dataset, in catalogue order, all scored on one held-out split."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..data.dataset import class_counts
from ..threads import one_native_thread
from .adasyn import run_adasyn
from .base import _unchanged, _with
from .cluster import run_kmeanssmote
from .combine import run_smoteenn, run_smotetomek
from .evaluation import evaluate, evaluation_plan
from .filter import run_borderline1, run_borderline2, run_svmsmote
from .params import GalleryParams
from .random import run_ros, run_ros_shrinkage, run_rus
from .result import VariantResult
from .smote import run_smote


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
