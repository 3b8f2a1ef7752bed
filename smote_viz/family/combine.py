"""SMOTE followed by cleaning: SMOTE + Tomek links and SMOTE + Edited Nearest Neighbours, with what the cleaning
removed (synthetic points included)."""

from __future__ import annotations

import numpy as np

from smote_viz.data.dataset import class_counts
from smote_viz.family.base import _guard, _requested
from smote_viz.family.params import GalleryParams
from smote_viz.family.replay import _record_built
from smote_viz.family.result import CleaningState, Provenance, VariantResult
from smote_viz.family.samplers import make_sampler
from smote_viz.family.smote import _smote_provenance
from smote_viz.family.text import DESCRIPTIONS
from smote_viz.style import plural


def _run_cleaning(key: str, X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler(key, params)
        # smote_ (the inner SMOTE) is built inside the fit: record its _make_samples calls as soon as it exists,
        # so the replay below reuses its neighbour tables instead of querying the class neighbours again.
        calls = _record_built(sampler, "smote_", "_make_samples")
        X_res, y_res = sampler.fit_resample(X, y)
        n = len(X)
        smote = sampler.smote_
        cleaner = sampler.tomek_ if key == "smotetomek" else sampler.enn_
        kept = np.asarray(cleaner.sample_indices_)  # fitted attribute: rows of SMOTE's output that survive
        # SMOTE's intermediate output, replayed from the same seed (SMOTE is deterministic for an int seed)
        prov_all = _smote_provenance(X, y, smote, params, calls).build(np.zeros(0, dtype=int), X.shape[1])
        X_mid = np.vstack([X, prov_all.points]) if len(prov_all.points) else np.asarray(X)
        n_mid = len(X_mid)
        notes = []
        replayed = bool(np.array_equal(X_mid[kept], X_res))
        if not replayed:
            notes.append("SMOTE's intermediate output could not be replayed here; removed synthetic points not shown.")
        keep_mask = np.zeros(n_mid, dtype=bool)
        keep_mask[kept] = True
        removed_original = np.flatnonzero(~keep_mask[:n])
        removed_syn_idx = np.flatnonzero(~keep_mask[n:])
        origin = np.where(kept < n, kept, -1)
        syn_kept = kept[kept >= n] - n
        provenance = Provenance(
            rows=np.flatnonzero(kept >= n),
            seed=prov_all.seed[syn_kept],
            neighbours=prov_all.neighbours[syn_kept],
            chosen=prov_all.chosen[syn_kept],
            gap=prov_all.gap[syn_kept],
            points=prov_all.points[syn_kept],
            label=prov_all.label[syn_kept],
        )
        state = CleaningState(
            cleaner="Tomek links" if key == "smotetomek" else "Edited nearest neighbours (3)",
            n_before_cleaning=n_mid,
            removed_original=removed_original,
            removed_synthetic=prov_all.points[removed_syn_idx],
            removed_synthetic_labels=prov_all.label[removed_syn_idx],
        )
        requested = _requested(smote)
        message = ""
        if not requested:
            message = (
                f"{DESCRIPTIONS[key].title}: already balanced: nothing to make; {state.cleaner} then removes "
                f"{plural(len(removed_original), 'original')} all the same."
            )
        notes.append(
            f"SMOTE made {plural(n_mid - n, 'new point')}; {state.cleaner} then removed {len(removed_syn_idx)} of them "
            f"and {plural(len(removed_original), 'original')}, so the classes are no longer exactly balanced."
        )
        return VariantResult(
            key=key,
            ok=True,
            message=message,
            X=X_res,
            y=y_res,
            origin=origin,
            removed=removed_original,
            counts_before=class_counts(y),
            counts_after=class_counts(y_res),
            requested=requested,
            notes=tuple(notes),
            state=state,
            provenance=provenance if replayed else None,
        )

    return _guard(key, X, y, params, body)


def run_smotetomek(X, y, params: GalleryParams) -> VariantResult:
    return _run_cleaning("smotetomek", X, y, params)


def run_smoteenn(X, y, params: GalleryParams) -> VariantResult:
    return _run_cleaning("smoteenn", X, y, params)
