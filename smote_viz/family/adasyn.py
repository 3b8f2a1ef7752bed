"""ADASYN: each minority point's hardness (other-class share among its k neighbours over all data) decides how
many new points it makes."""

from __future__ import annotations

import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state

from smote_viz.family.base import _guard, _key, _over_result
from smote_viz.family.params import GalleryParams
from smote_viz.family.replay import _Provenance, _record_built, _single_class
from smote_viz.family.result import AdasynState, VariantResult
from smote_viz.family.samplers import make_sampler
from smote_viz.style import label_text, plural


def run_adasyn(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("adasyn", params)
        # Reused from the fit instead of recomputed: per class, imbalanced-learn's nn_ answers two kneighbors
        # calls, first fitted on all of X (the hardness vote), then on the class (the neighbour table). nn_ is
        # created inside the fit.
        kneighbors_calls = _record_built(sampler, "nn_", "kneighbors")
        X_res, y_res = sampler.fit_resample(X, y)
        recorded = iter([result for _, result in kneighbors_calls])
        k = params.k
        rng = check_random_state(params.seed)  # ADASYN draws from one generator for all classes
        prov = _Provenance()
        rows_all, labels_all, hard_all, weight_all, gen_all = [], [], [], [], []
        notes = []
        requested = {}
        nn_all = None  # only if the recording does not line up (it always should)
        single = _single_class(sampler)
        for label, n_new in sampler.sampling_strategy_.items():
            if n_new == 0:
                continue
            requested[_key(label)] = int(n_new)
            idx = np.flatnonzero(y == label)
            neigh = next(recorded, None)  # all-data neighbours of the class points, self first
            if neigh is None or len(neigh) != len(idx):
                nn_all = nn_all or NearestNeighbors(n_neighbors=k + 1).fit(X)
                neigh = nn_all.kneighbors(X[idx], return_distance=False)
            neigh = neigh[:, 1:]
            hardness = np.sum(y[neigh] != label, axis=1) / k
            weight = hardness / hardness.sum()
            generated = np.rint(weight * n_new).astype(int)
            total = int(generated.sum())
            rows_all.append(idx)
            labels_all.append(np.full(len(idx), _key(label), dtype=object))
            hard_all.append(hardness)
            weight_all.append(weight)
            gen_all.append(generated)
            if total != n_new:
                notes.append(
                    f"class {label_text(label)}: asked for {plural(n_new, 'new point')}, made {total}: each g_i is "
                    f"rounded on its own, and the rounded counts add up to {total}."
                )
            Xc = X[idx]
            nns = next(recorded, None)  # class neighbours of the class points, self first
            if nns is None or len(nns) != len(Xc):
                nn_class = sampler.nn_ if single and sampler.nn_.n_samples_fit_ == len(Xc) else None  # fitted on Xc
                nn_class = nn_class or NearestNeighbors(n_neighbors=k + 1).fit(Xc)
                nns = nn_class.kneighbors(Xc, return_distance=False)
            nns = nns[:, 1:]
            rows = np.repeat(np.arange(len(idx)), generated)
            cols = rng.choice(k, size=total)
            diffs = Xc[nns[rows, cols]] - Xc[rows]
            steps = rng.uniform(size=(total, 1))
            pts = (Xc[rows] + steps * diffs).astype(X.dtype)
            prov.add(idx[rows], idx[nns[rows]], idx[nns[rows, cols]], steps[:, 0], pts, _key(label))
        state = AdasynState(
            n_neighbors=k,
            rows=np.concatenate(rows_all),
            labels=np.concatenate(labels_all),
            hardness=np.concatenate(hard_all),
            weight=np.concatenate(weight_all),
            generated=np.concatenate(gen_all),
        )
        return _over_result("adasyn", X, y, X_res, y_res, requested, prov, notes, state)

    return _guard("adasyn", X, y, params, body)
