"""Random re-sampling: RandomOverSampler (plain copies, or a smoothed bootstrap with shrinkage) and
RandomUnderSampler; the output is read from the sampler's fitted ``sample_indices_``."""

from __future__ import annotations

import numpy as np

from smote_viz.data.dataset import class_counts
from smote_viz.family.base import _guard, _key, _over_result, _requested, _with
from smote_viz.family.params import GalleryParams
from smote_viz.family.result import Provenance, RandomOverState, VariantResult
from smote_viz.family.samplers import make_sampler


def _run_ros(key: str, X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler(key, params)
        X_res, y_res = sampler.fit_resample(X, y)
        n = len(X)
        source = sampler.sample_indices_[n:].astype(int)  # fitted attribute: the drawn rows
        copies = np.bincount(source, minlength=n)
        bandwidth = {}
        shrink = sampler.shrinkage_
        if shrink is not None:
            n_samples, n_features = X.shape
            constant = (4 / ((n_features + 2) * n_samples)) ** (1 / (n_features + 4))
            for label in sampler.sampling_strategy_:
                std = np.std(X[y == label], axis=0)
                bandwidth[_key(label)] = shrink[label] * constant * std
        provenance = Provenance(
            rows=np.arange(n, len(X_res)),
            seed=source,
            neighbours=np.zeros((len(source), 0), dtype=int),
            chosen=np.full(len(source), -1),
            gap=np.zeros(len(source)),
            points=X_res[n:],
            label=y[source].astype(object),
        )
        state = RandomOverState(
            shrinkage=None if shrink is None else float(params.shrinkage), copies=copies, bandwidth=bandwidth
        )
        result = _over_result(key, X, y, X_res, y_res, _requested(sampler), None, [], state)
        return _with(result, provenance=provenance)

    return _guard(key, X, y, params, body)


def run_ros(X, y, params: GalleryParams) -> VariantResult:
    return _run_ros("ros", X, y, params)


def run_ros_shrinkage(X, y, params: GalleryParams) -> VariantResult:
    return _run_ros("ros_shrinkage", X, y, params)


def run_rus(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("rus", params)
        X_res, y_res = sampler.fit_resample(X, y)
        kept = np.asarray(sampler.sample_indices_)  # fitted attribute
        removed = np.setdiff1d(np.arange(len(X)), kept)
        return VariantResult(
            key="rus",
            ok=True,
            message="",
            X=X_res,
            y=y_res,
            origin=kept,
            removed=removed,
            counts_before=class_counts(y),
            counts_after=class_counts(y_res),
            requested={_key(k_): int(v) for k_, v in sampler.sampling_strategy_.items()},
        )

    return _guard("rus", X, y, params, body)
