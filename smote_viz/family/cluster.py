"""KMeans-SMOTE: k-means over all data, clusters kept by minority share, SMOTE inside each kept cluster weighted
by its sparsity."""

from __future__ import annotations

import math

import numpy as np
from sklearn.metrics.pairwise import euclidean_distances
from sklearn.neighbors import NearestNeighbors

from smote_viz.family.base import _failed, _guard, _key, _over_result, _with
from smote_viz.family.params import GalleryParams
from smote_viz.family.refusal import _explain
from smote_viz.family.replay import _Provenance, _record_calls, _replay
from smote_viz.family.result import ClusterInfo, KMeansState, VariantResult
from smote_viz.family.samplers import make_sampler
from smote_viz.style import label_text, plural


def _cluster_sparsity(Xc: np.ndarray, density_exponent) -> float:
    """imbalanced-learn's ``KMeansSMOTE._find_cluster_sparsity``, recomputed the way it computes it: one n x n
    matrix of Euclidean distances (never an n x n x d array of differences) with a zero diagonal."""
    d = euclidean_distances(Xc)
    np.fill_diagonal(d, 0.0)
    n = len(Xc)
    mean_distance = d.sum() / (n**2 - n)
    exponent = math.log(n, 1.6) ** 1.8 * 0.16 if density_exponent == "auto" else density_exponent
    return float((mean_distance**exponent) / n)


def run_kmeanssmote(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("kmeanssmote", params)
        # Reused from the fit instead of recomputed: imbalanced-learn computes one sparsity per kept cluster (an
        # n x n distance matrix) and one neighbour table per kept cluster (a NearestNeighbors fit + kneighbors),
        # in the same (class, cluster) order as the loop below. Recording them saves both per kept cluster.
        sparsity_calls = _record_calls(sampler, "_find_cluster_sparsity")
        sample_calls = _record_calls(sampler, "_make_samples")
        fit_error = None
        try:
            X_res, y_res = sampler.fit_resample(X, y)
        except RuntimeError as exc:  # no cluster passed: keep the clustering to draw it anyway
            fit_error = exc
        km = sampler.kmeans_estimator_
        if not hasattr(km, "labels_"):
            raise fit_error or RuntimeError("k-means did not run")
        assignment = np.asarray(km.labels_)  # fitted attribute
        centres = np.asarray(km.cluster_centers_)
        requested = {_key(k_): int(v) for k_, v in sampler.sampling_strategy_.items() if int(v) > 0}
        total_asked = sum(int(v) for v in sampler.sampling_strategy_.values())
        k1 = sampler.nn_k_.n_neighbors
        infos: list[ClusterInfo] = []
        prov = _Provenance()
        threshold_used = 0.0
        sparsities = iter([float(result) for _, result in sparsity_calls])
        neighbour_tables = iter([args[4] for args, _ in sample_calls])  # (X, y_dtype, y_type, nn_data, nn_num, ...)
        for label, n_new in sampler.sampling_strategy_.items():
            if n_new == 0:
                continue
            thr = sampler.cluster_balance_threshold_
            threshold = n_new / total_asked / 2 if thr == "auto" else float(thr)
            threshold_used = threshold
            candidates = []
            for c in range(km.n_clusters):
                members = np.flatnonzero(assignment == c)
                if members.size == 0:
                    continue
                in_class = members[y[members] == label]
                share = float((y[members] == label).mean())
                if share < threshold:
                    reason = f"minority share {share:.2f} < threshold {threshold:.2f}"
                    candidates.append((c, members, in_class, share, False, reason, 0.0))
                elif share * members.size < k1:
                    reason = f"{plural(len(in_class), 'class point')}, SMOTE needs k + 1 = {k1}"
                    candidates.append((c, members, in_class, share, False, reason, 0.0))
                else:
                    candidates.append((c, members, in_class, share, True, "kept", next(sparsities, None)))
            # the sampler's own values; recomputed only if the recording does not line up (it always should)
            for i, cand in enumerate(candidates):
                if cand[4] and cand[6] is None:
                    candidates[i] = cand[:6] + (_cluster_sparsity(X[cand[2]], sampler.density_exponent),)
            sparsity = np.array([cand[6] for cand in candidates if cand[4]])
            weights = sparsity / sparsity.sum() if len(sparsity) else sparsity
            w_iter = iter(weights)
            for c, members, in_class, share, kept, reason, _ in candidates:
                weight = float(next(w_iter)) if kept else 0.0
                n_c = int(math.ceil(n_new * weight)) if kept else 0
                infos.append(ClusterInfo(_key(label), c, members.size, len(in_class), share, kept, reason, weight, n_c))
                if kept and fit_error is None:
                    Xc = X[in_class]
                    nns = next(neighbour_tables, None)  # nn_num passed to the sampler's _make_samples
                    if nns is None or len(nns) != len(Xc):
                        nns = NearestNeighbors(n_neighbors=k1).fit(Xc).kneighbors(Xc, return_distance=False)[:, 1:]
                    pts, rows, cols, gap, _ = _replay(Xc, Xc, nns, n_c, params.seed, dtype=X.dtype)
                    prov.add(in_class[rows], in_class[nns[rows]], in_class[nns[rows, cols]], gap, pts, _key(label))
        state = KMeansState(assignment, centres, threshold_used, tuple(infos))
        if fit_error is not None:
            failed = _failed("kmeanssmote", _explain(fit_error, "kmeanssmote", params, y), X, y)
            return _with(failed, state=state)
        notes = []
        for label, asked in requested.items():
            made = int(np.sum(y_res[len(X):] == label))
            kept = [i for i in infos if i.label == label and i.kept]
            if made != asked:
                notes.append(
                    f"class {label_text(label)}: asked for {plural(asked, 'new point')}, made {made}: each of the "
                    f"{plural(len(kept), 'kept cluster')} rounds its share ceil(n x weight) up."
                )
        return _over_result("kmeanssmote", X, y, X_res, y_res, requested, prov, notes, state)

    return _guard("kmeanssmote", X, y, params, body)
