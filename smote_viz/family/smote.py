"""Plain SMOTE as a panel: the sampler's output with every synthetic point's provenance replayed."""

from __future__ import annotations

from functools import partial

import numpy as np

from smote_viz.family.base import _guard, _key, _over_result, _requested
from smote_viz.family.params import GalleryParams
from smote_viz.family.replay import _class_neighbours, _next_table, _Provenance, _record_tables, _replay, _single_class
from smote_viz.family.result import VariantResult
from smote_viz.family.samplers import make_sampler


def _smote_provenance(X, y, sampler, params: GalleryParams, calls: list[tuple] | None = None) -> _Provenance:
    """``calls``: the sampler's recorded ``_make_samples`` calls (one per over-sampled class), whose neighbour
    tables are reused instead of querying the class neighbours again."""
    prov = _Provenance()
    k = params.k
    reuse = _single_class(sampler)
    tables = iter([args[4] for args, _ in calls or ()])
    for label, n_new in sampler.sampling_strategy_.items():
        if n_new == 0:
            continue
        idx = np.flatnonzero(y == label)
        Xc = X[idx]
        nns = _next_table(tables, Xc, partial(_class_neighbours, sampler, Xc, k, reuse))
        pts, rows, cols, gap, _ = _replay(Xc, Xc, nns, n_new, params.seed, dtype=X.dtype)
        prov.add(idx[rows], idx[nns[rows]], idx[nns[rows, cols]], gap, pts, _key(label))
    return prov


def run_smote(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("smote", params)
        calls = _record_tables(sampler)
        X_res, y_res = sampler.fit_resample(X, y)
        prov = _smote_provenance(X, y, sampler, params, calls)
        return _over_result("smote", X, y, X_res, y_res, _requested(sampler), prov, [])

    return _guard("smote", X, y, params, body)
