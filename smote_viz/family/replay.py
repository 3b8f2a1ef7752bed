"""Reading and replaying a sampler's own work: its random draws replayed from the same seed (which tell every
synthetic point's seed, neighbours, chosen neighbour and gap), and its neighbour tables recorded during the fit
so they need not be computed a second time."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state

from smote_viz.family.result import Provenance


def _replay(X_seed, nn_data, nns, n, seed, step_size=1.0, y_all=None, y_type=None, dtype=np.float64):
    """imbalanced-learn's ``BaseSMOTE._make_samples`` replayed from the same seed, with the draws returned:
    ``(new points, seed positions, neighbour columns, gap, shrink)``.

    The gap is ``step_size x u``, u uniform in [0, 1) (one draw per point, after all the neighbour picks).
    Borderline-2 (``y_all`` given) multiplies the step toward an other-class neighbour by a second draw s,
    uniform in [0, 0.5), from a second generator started from the same seed (``_generate_samples``): its gap is
    then ``u x s``. ``shrink`` holds s per point (1 where the step is not shortened)."""
    rs = check_random_state(seed)
    picks = rs.randint(low=0, high=nns.size, size=n)
    steps = step_size * rs.uniform(size=n)[:, np.newaxis]
    rows = np.floor_divide(picks, nns.shape[1])
    cols = np.mod(picks, nns.shape[1])
    diffs = nn_data[nns[rows, cols]] - X_seed[rows]
    factor = np.ones(n)
    if y_all is not None:  # borderline-2: a second generator from the same seed shrinks other-class steps
        rs2 = check_random_state(seed)
        mask = y_all[nns[rows, cols]] != y_type
        shrink = rs2.uniform(low=0.0, high=0.5, size=(mask.sum(), 1))
        diffs[mask] *= shrink
        factor[mask] = shrink[:, 0]
    X_new = (X_seed[rows] + steps * diffs).astype(dtype)
    return X_new, rows, cols, steps[:, 0] * factor, factor


class _Provenance:
    """Collects provenance pieces class by class, in output order."""

    def __init__(self) -> None:
        self.parts: list[tuple] = []

    def add(self, seed, neighbours, chosen, gap, points, label, shrink=None) -> None:
        n = len(seed)
        self.parts.append(
            (
                np.asarray(seed, dtype=int),
                np.asarray(neighbours, dtype=int).reshape(n, -1),
                np.asarray(chosen, dtype=int),
                np.asarray(gap, dtype=float),
                np.asarray(points, dtype=float).reshape(n, -1),
                np.full(n, label, dtype=object),
                np.ones(n) if shrink is None else np.asarray(shrink, dtype=float),
            )
        )

    def build(self, rows: np.ndarray, d: int) -> Provenance:
        if not self.parts:
            z = np.zeros(0, dtype=int)
            return Provenance(rows, z, np.zeros((0, 0), dtype=int), z, np.zeros(0), np.zeros((0, d)), z.astype(object))
        width = max(p[1].shape[1] for p in self.parts)
        padded = [np.pad(p[1], ((0, 0), (0, width - p[1].shape[1])), constant_values=-1) for p in self.parts]
        return Provenance(
            rows=rows,
            seed=np.concatenate([p[0] for p in self.parts]),
            neighbours=np.concatenate(padded),
            chosen=np.concatenate([p[2] for p in self.parts]),
            gap=np.concatenate([p[3] for p in self.parts]),
            points=np.concatenate([p[4] for p in self.parts]),
            label=np.concatenate([p[5] for p in self.parts]),
            shrink=np.concatenate([p[6] for p in self.parts]),
        )


def _record_calls(sampler, name: str, calls: list | None = None) -> list[tuple]:
    """Wrap the bound method ``name`` on this one sampler instance so that every call's arguments and result are
    kept, in call order, in the returned list (``calls`` when given). The method itself runs unchanged: this only
    lets the page read the values the sampler computed instead of computing them a second time."""
    calls = [] if calls is None else calls
    method = getattr(sampler, name)

    def recorded(*args, **kwargs):
        result = method(*args, **kwargs)
        calls.append((args, result))
        return result

    setattr(sampler, name, recorded)
    return calls


def _record_built(sampler, attribute: str, name: str) -> list[tuple]:
    """Like ``_record_calls`` for an estimator the sampler only builds inside its fit (``nn_``, ``nn_m_``,
    ``smote_``): the method ``name`` of ``sampler.<attribute>`` is wrapped as soon as ``_validate_estimator``,
    the first step of every imbalanced-learn fit, has built it."""
    calls: list[tuple] = []
    validate = sampler._validate_estimator

    def validate_and_record():
        validate()
        _record_calls(getattr(sampler, attribute), name, calls)

    sampler._validate_estimator = validate_and_record
    return calls


def _record_tables(sampler) -> list[tuple]:
    """Record the sampler's ``_make_samples`` calls: each carries the neighbour table (``nn_num``, the 5th
    argument) the sampler queried for its seed points, so the page need not query it again."""
    return _record_calls(sampler, "_make_samples")


def _next_table(tables, X_seed: np.ndarray, search: Callable[[], NearestNeighbors]) -> np.ndarray:
    """The next recorded neighbour table (self excluded) when it has one row per seed point, else the seeds'
    neighbours queried from ``search()``: the fallback only runs if the recording does not line up with the
    page's loop (it always should)."""
    nns = next(tables, None)
    if nns is not None and len(nns) == len(X_seed):
        return nns
    return search().kneighbors(X_seed, return_distance=False)[:, 1:]


def _single_class(sampler) -> bool:
    """True when the sampler over-sampled one class only: its fitted neighbour search is then that class's."""
    return sum(1 for v in sampler.sampling_strategy_.values() if int(v) > 0) == 1


def _class_neighbours(sampler, X_fit, k: int, reuse: bool) -> NearestNeighbors:
    """The sampler's own fitted ``nn_k_`` when it was last fitted on ``X_fit``, else a new identical search."""
    if reuse and getattr(sampler, "nn_k_", None) is not None and hasattr(sampler.nn_k_, "n_samples_fit_"):
        if sampler.nn_k_.n_samples_fit_ == len(X_fit):
            return sampler.nn_k_
    return NearestNeighbors(n_neighbors=k + 1).fit(X_fit)
