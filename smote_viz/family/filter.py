"""SMOTE on filtered seeds: Borderline-SMOTE (the m-neighbour noise / danger / safe vote over all data; only
danger points seed) and SVM-SMOTE (only minority support vectors seed; safe ones extrapolate)."""

from __future__ import annotations

from functools import partial

import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state

from smote_viz.family.base import _guard, _key, _over_result, _requested
from smote_viz.family.params import GalleryParams
from smote_viz.family.replay import (
    _class_neighbours,
    _next_table,
    _Provenance,
    _record_built,
    _record_tables,
    _replay,
    _single_class,
)
from smote_viz.family.result import BorderlineState, SvmState, VariantResult
from smote_viz.family.samplers import make_sampler
from smote_viz.style import label_text, plural


def _vote(nn_m: NearestNeighbors, X, y, rows, label, recorded=None) -> tuple[np.ndarray, np.ndarray]:
    """imbalanced-learn's ``_in_danger_noise``: other-class count among m neighbours -> category. ``recorded``:
    the sampler's own ``nn_m_.kneighbors`` answers, in call order; the next one is reused (instead of querying
    ``nn_m`` again) when it has one row per point of ``rows``."""
    m = nn_m.n_neighbors - 1
    neigh = next(recorded, None) if recorded is not None else None
    if neigh is None or len(neigh) != len(rows):
        neigh = nn_m.kneighbors(X[rows], return_distance=False)
    neigh = neigh[:, 1:]
    n_other = np.sum(y[neigh] != label, axis=1)
    danger = (n_other >= m / 2) & (n_other < m)
    noise = n_other == m
    category = np.where(noise, "noise", np.where(danger, "danger", "safe"))
    return n_other, category


def _run_borderline(key: str, X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler(key, params)
        tables = _record_tables(sampler)  # one call per class with danger points: its nn_k_ table over them
        votes = _record_built(sampler, "nn_m_", "kneighbors")  # one call per over-sampled class: its m-neighbours
        X_res, y_res = sampler.fit_resample(X, y)
        tables = iter([args[4] for args, _ in tables])
        votes = iter([result for _, result in votes])
        kind = sampler.kind
        k = params.k
        nn_m = sampler.nn_m_  # fitted attribute: the m-neighbour search over ALL data
        reuse = _single_class(sampler)
        all_rows, all_labels, all_other, all_cat = [], [], [], []
        prov = _Provenance()
        notes = []
        for label, n_new in sampler.sampling_strategy_.items():
            if n_new == 0:
                continue
            idx = np.flatnonzero(y == label)
            n_other, category = _vote(nn_m, X, y, idx, label, votes)
            all_rows.append(idx)
            all_labels.append(np.full(len(idx), _key(label), dtype=object))
            all_other.append(n_other)
            all_cat.append(category)
            danger = idx[category == "danger"]
            if len(danger) == 0:
                n_noise = int(np.sum(category == "noise"))
                notes.append(
                    f"class {label_text(label)}: asked for {plural(n_new, 'new point')}, made 0: no point is in danger "
                    f"({n_noise} noise, {len(idx) - n_noise} safe among {params.m} neighbours)."
                )
                continue
            if kind == "borderline-1":
                pool = idx
                nns = _next_table(tables, X[danger], partial(_class_neighbours, sampler, X[pool], k, reuse))
                pts, rows, cols, gap, shrink = _replay(X[danger], X[pool], nns, n_new, params.seed, dtype=X.dtype)
            else:
                pool = np.arange(len(X))
                nns = _next_table(tables, X[danger], partial(_class_neighbours, sampler, X, k, True))
                pts, rows, cols, gap, shrink = _replay(
                    X[danger], X, nns, n_new, params.seed, y_all=y, y_type=label, dtype=X.dtype
                )
            prov.add(danger[rows], pool[nns[rows]], pool[nns[rows, cols]], gap, pts, _key(label), shrink)
        state = BorderlineState(
            kind=kind,
            m=params.m,
            rows=np.concatenate(all_rows) if all_rows else np.zeros(0, dtype=int),
            labels=np.concatenate(all_labels) if all_labels else np.zeros(0, dtype=object),
            n_other=np.concatenate(all_other) if all_other else np.zeros(0, dtype=int),
            category=np.concatenate(all_cat) if all_cat else np.zeros(0, dtype=str),
            danger_rows_fitted={_key(k_): np.asarray(v) for k_, v in sampler.in_danger_indices.items()},
        )
        return _over_result(key, X, y, X_res, y_res, _requested(sampler), prov, notes, state)

    return _guard(key, X, y, params, body)


def run_borderline1(X, y, params: GalleryParams) -> VariantResult:
    return _run_borderline("borderline1", X, y, params)


def run_borderline2(X, y, params: GalleryParams) -> VariantResult:
    return _run_borderline("borderline2", X, y, params)


def run_svmsmote(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("svmsmote", params)
        tables = _record_tables(sampler)  # per class: danger then safe support vectors, each when non-empty
        # per over-sampled class, two nn_m_ queries: all its support vectors (the noise vote), then the non-noise
        # ones (the danger vote); the page's vote is the first of each pair
        votes = _record_built(sampler, "nn_m_", "kneighbors")
        X_res, y_res = sampler.fit_resample(X, y)
        tables = iter([args[4] for args, _ in tables])
        votes = iter([result for _, result in votes][0::2])
        k = params.k
        support = np.asarray(sampler.svm_estimator_.support_)  # fitted attribute
        nn_m = sampler.nn_m_  # fitted attribute: the m-neighbour search over ALL data
        reuse = _single_class(sampler)
        beta_rng = check_random_state(params.seed)
        prov = _Provenance()
        extrapolated = []
        rows_all, labels_all, cats_all = [], [], []
        fraction = {}
        notes = []
        for label, n_new in sampler.sampling_strategy_.items():
            if n_new == 0:
                continue
            idx = np.flatnonzero(y == label)
            sv = support[y[support] == label]
            _, category = _vote(nn_m, X, y, sv, label, votes)
            rows_all.append(sv)
            labels_all.append(np.full(len(sv), _key(label), dtype=object))
            cats_all.append(category)
            kept = sv[category != "noise"]
            danger = kept[category[category != "noise"] == "danger"]
            safe = kept[category[category != "noise"] == "safe"]
            frac = beta_rng.beta(10, 10)
            fraction[_key(label)] = float(frac)
            n_inter = int(frac * (n_new + 1))
            for group, count, step in ((danger, n_inter, 1.0), (safe, n_new - n_inter, -sampler.out_step)):
                if len(group) == 0:
                    continue
                nns = _next_table(tables, X[group], partial(_class_neighbours, sampler, X[idx], k, reuse))
                pts, rows, cols, gap, _ = _replay(X[group], X[idx], nns, count, params.seed, step_size=step, dtype=X.dtype)
                prov.add(group[rows], idx[nns[rows]], idx[nns[rows, cols]], gap, pts, _key(label))
                extrapolated.append(np.full(count, step < 0))
            if len(danger) == 0:
                notes.append(
                    f"class {label_text(label)}: asked for {plural(n_new, 'new point')}, made {n_new - n_inter}: no support "
                    f"vector is in danger, so the {n_inter} interpolated points were never made."
                )
            elif len(safe) == 0:
                notes.append(
                    f"class {label_text(label)}: asked for {plural(n_new, 'new point')}, made {n_inter}: no support vector "
                    f"is safe, so the {n_new - n_inter} extrapolated points were never made."
                )
        state = SvmState(
            support_rows=support,
            class_support_rows=np.concatenate(rows_all) if rows_all else np.zeros(0, dtype=int),
            labels=np.concatenate(labels_all) if labels_all else np.zeros(0, dtype=object),
            category=np.concatenate(cats_all) if cats_all else np.zeros(0, dtype=str),
            fraction=fraction,
            out_step=float(sampler.out_step),
            extrapolated=np.concatenate(extrapolated) if extrapolated else np.zeros(0, dtype=bool),
        )
        return _over_result("svmsmote", X, y, X_res, y_res, _requested(sampler), prov, notes, state)

    return _guard("svmsmote", X, y, params, body)
