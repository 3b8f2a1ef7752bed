"""SMOTE with every step recorded, bit-identical to imbalanced-learn's ``SMOTE.fit_resample``.

imbalanced-learn returns only the resampled data; it never says which original points made each synthetic
point. ``trace_smote`` follows imbalanced-learn's recipe line by line (same neighbour search, same random draws
in the same order, same arithmetic in the same dtype), so its output equals ``SMOTE(...).fit_resample`` exactly,
and it also keeps, for every synthetic point, the seed, its k neighbours with their distances, the chosen
neighbour and the gap lambda.

The recipe, one class at a time in sorted label order::

    nns   = NearestNeighbors(n_neighbors=k + 1).fit(Xc).kneighbors(Xc, return_distance=False)[:, 1:]
    rng   = check_random_state(random_state)          # an int seed gives a fresh RandomState per class
    flat  = rng.randint(0, nns.size, size=n_new)      # every (seed, neighbour) pick first,
    gaps  = rng.uniform(size=n_new)[:, None]          # then every gap
    rows, cols = flat // k, flat % k
    X_new = (Xc[rows] + gaps * (Xc[nns[rows, cols]] - Xc[rows])).astype(X.dtype)
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd
from imblearn.utils import check_sampling_strategy
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_array, check_random_state, column_or_1d
from sklearn.utils.multiclass import check_classification_targets

from smote_viz.style import label_text

PHASES_PER_POINT = 4
PHASE_NAMES = {
    1: "pick a seed",
    2: "find its k nearest neighbours",
    3: "choose one neighbour",
    4: "place the new point",
}


@dataclass(frozen=True)
class SmoteStep:
    """How one synthetic point was made. Indices are row numbers in the original ``X``."""

    step: int  # position among the synthetic points, 0-based, in output order
    class_label: object
    seed_index: int
    chosen_index: int
    chosen_rank: int  # 1 = the nearest neighbour was chosen
    neighbor_indices: tuple[int, ...]  # nearest first
    neighbor_distances: tuple[float, ...]  # Euclidean, same order
    gap: float  # lambda, uniform in [0, 1)
    new_point: tuple[float, ...]


@dataclass(frozen=True, eq=False)
class ClassDraws:
    """What imbalanced-learn computes for one over-sampled class, kept as it is (no copies)."""

    label: object
    rows: np.ndarray  # (n_c,) row numbers of the class in the original X
    nns: np.ndarray  # (n_c, k) neighbours of each class point, as positions within ``pool``, nearest first
    seed_pos: np.ndarray  # (n_new_c,) seed positions within the class (imbalanced-learn's ``rows``)
    rank_pos: np.ndarray  # (n_new_c,) which neighbour was chosen, 0-based (imbalanced-learn's ``cols``)
    gaps: np.ndarray  # (n_new_c, 1) float64 (imbalanced-learn's ``steps``)
    pool: np.ndarray | None = None  # rows the neighbours are searched among; None: the class itself (SMOTE)

    @property
    def pool_rows(self) -> np.ndarray:
        return self.rows if self.pool is None else self.pool

    def cut(self, n: int) -> ClassDraws:
        return replace(self, seed_pos=self.seed_pos[:n], rank_pos=self.rank_pos[:n], gaps=self.gaps[:n])


@dataclass(frozen=True, eq=False)
class SmoteTrace:
    """The result of ``trace_smote``: the resampled data and how each synthetic point was made.

    ``draws`` keeps, per over-sampled class, exactly the arrays imbalanced-learn computes; the per-step arrays
    (one row per synthetic point, in output order: the rows appended after the original data in
    ``X_resampled``) are derived from them on first use, so tracing costs almost nothing over plain SMOTE.
    ``steps`` turns them into ``SmoteStep`` records.
    """

    X: np.ndarray  # the input, as validated (its dtype is the output dtype)
    y: np.ndarray
    k_neighbors: int
    sampling_strategy: dict  # {label: number of new points}, sorted by label: imbalanced-learn's order
    X_resampled: np.ndarray
    y_resampled: np.ndarray
    draws: tuple[ClassDraws, ...]
    neighbours: str = "class"  # "class": SMOTE; "all": the counterfactual with neighbours from every class

    def _per_step(self, part, dtype=None, width: int | None = None) -> np.ndarray:
        chunks = [part(d) for d in self.draws]
        if not chunks:
            shape = (0,) if width is None else (0, width)
            return np.zeros(shape, dtype=dtype or np.int64)
        out = np.concatenate(chunks)
        out.setflags(write=False)
        return out

    @cached_property
    def step_class(self) -> np.ndarray:
        """(n_new,) the class of each synthetic point (y's dtype)."""
        return self._per_step(lambda d: np.full(len(d.seed_pos), d.label, dtype=self.y.dtype), dtype=self.y.dtype)

    @cached_property
    def seed_index(self) -> np.ndarray:
        """(n_new,) row of the seed x_i in the original X."""
        return self._per_step(lambda d: d.rows[d.seed_pos])

    @cached_property
    def chosen_index(self) -> np.ndarray:
        """(n_new,) row of the chosen neighbour x_zi in the original X."""
        return self._per_step(lambda d: d.pool_rows[d.nns[d.seed_pos, d.rank_pos]])

    @cached_property
    def chosen_rank(self) -> np.ndarray:
        """(n_new,) which neighbour was chosen, 1 = the nearest."""
        return self._per_step(lambda d: d.rank_pos + 1)

    @cached_property
    def neighbor_indices(self) -> np.ndarray:
        """(n_new, k) rows of the seed's k neighbours in the original X, nearest first."""
        return self._per_step(lambda d: d.pool_rows[d.nns[d.seed_pos]], width=self.k_neighbors)

    @cached_property
    def gap(self) -> np.ndarray:
        """(n_new,) lambda of each synthetic point, uniform in [0, 1)."""
        return self._per_step(lambda d: d.gaps[:, 0], dtype=np.float64)

    @property
    def new_points(self) -> np.ndarray:
        """(n_new, d) the synthetic points (X's dtype): the rows after the original data."""
        return self.X_resampled[self.n_original:]

    @property
    def n_new(self) -> int:
        return int(len(self.X_resampled) - len(self.y))

    @property
    def n_original(self) -> int:
        return int(len(self.y))

    @cached_property
    def neighbor_distances(self) -> np.ndarray:
        """(n_new, k) Euclidean distances from each seed to its neighbours, in float64."""
        if self.n_new == 0:
            return np.zeros((0, self.k_neighbors))
        X = np.asarray(self.X, dtype=np.float64)
        diff = X[self.neighbor_indices] - X[self.seed_index][:, None, :]
        return np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))

    @cached_property
    def steps(self) -> tuple[SmoteStep, ...]:
        """One record per synthetic point, in output order."""
        labels = self.step_class.tolist()
        seeds = self.seed_index.tolist()
        chosen = self.chosen_index.tolist()
        ranks = self.chosen_rank.tolist()
        neigh = self.neighbor_indices.tolist()
        dist = self.neighbor_distances.tolist()
        gaps = self.gap.tolist()
        new = self.new_points.tolist()
        return tuple(
            SmoteStep(i, labels[i], seeds[i], chosen[i], ranks[i], tuple(neigh[i]), tuple(dist[i]), gaps[i],
                      tuple(new[i]))
            for i in range(self.n_new)
        )

    def steps_frame(self, feature_names: list[str] | None = None) -> pd.DataFrame:
        """Every synthetic point with its parents, one row each: the table imbalanced-learn does not expose."""
        d = self.X.shape[1]
        names = list(feature_names) if feature_names is not None else [f"x{j + 1}" for j in range(d)]
        X = self.X
        frame = {
            "point": np.arange(1, self.n_new + 1),
            "class": [label_text(v) for v in self.step_class.tolist()],
            "seed_row": self.seed_index,
            "chosen_row": self.chosen_index,
            "chosen_rank": self.chosen_rank,
            "gap": self.gap,
        }
        for j, name in enumerate(names):
            frame[f"seed_{name}"] = X[self.seed_index, j] if self.n_new else np.zeros(0, X.dtype)
            frame[f"chosen_{name}"] = X[self.chosen_index, j] if self.n_new else np.zeros(0, X.dtype)
            frame[f"new_{name}"] = self.new_points[:, j]
        frame["neighbor_rows"] = [" ".join(map(str, r)) for r in self.neighbor_indices.tolist()]
        frame["neighbor_distances"] = [" ".join(f"{v:.6g}" for v in r) for r in self.neighbor_distances.tolist()]
        return pd.DataFrame(frame)

    def head(self, n: int) -> SmoteTrace:
        """The same run cut after its first ``n`` synthetic points (for animating a long run in part)."""
        n = int(min(max(n, 0), self.n_new))
        if n == self.n_new:
            return self
        draws, kept, left = [], {}, n
        for d in self.draws:
            take = min(left, len(d.seed_pos))
            left -= take
            kept[d.label] = take
            if take:
                draws.append(d.cut(take))
        return SmoteTrace(
            X=self.X, y=self.y, k_neighbors=self.k_neighbors,
            sampling_strategy={label: kept.get(label, 0) for label in self.sampling_strategy},
            X_resampled=self.X_resampled[: self.n_original + n], y_resampled=self.y_resampled[: self.n_original + n],
            draws=tuple(draws), neighbours=self.neighbours,
        )

    def class_steps(self, label: object) -> np.ndarray:
        """Positions (0-based, output order) of the synthetic points of class ``label``."""
        return np.flatnonzero(self.step_class == label)

    def unused_seeds(self) -> dict:
        """For every over-sampled class, the rows that were never picked as a seed (seeds are drawn with
        replacement, so some points are picked several times and others never)."""
        out = {}
        for label, n_new in self.sampling_strategy.items():
            if n_new == 0:
                continue
            rows = np.flatnonzero(self.y == label)
            used = np.unique(self.seed_index[self.step_class == label])
            out[label] = np.setdiff1d(rows, used)
        return out

    def unused_seed_counts(self) -> dict:
        """``{label: (never used as seed, class size)}`` for every over-sampled class."""
        return {label: (len(rows), int(np.sum(self.y == label))) for label, rows in self.unused_seeds().items()}


def _check_k(k_neighbors: object) -> int:
    if isinstance(k_neighbors, bool) or not isinstance(k_neighbors, numbers.Integral) or k_neighbors < 1:
        raise ValueError(f"k_neighbors must be an integer of at least 1, got {k_neighbors!r}.")
    return int(k_neighbors)


def _check_xy(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = check_array(X, dtype="numeric")
    y = column_or_1d(y)
    check_classification_targets(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels.")
    return X, y


def resolve_strategy(y, sampling_strategy: object = "auto") -> dict:
    """``{label: number of new points}`` in imbalanced-learn's processing order, resolved by imbalanced-learn.

    Raises ``ValueError`` (imbalanced-learn's own message) for a strategy it rejects: one class only, a ratio
    or a dict asking for fewer points than a class has, a float for multi-class data, an unknown string.
    """
    y = column_or_1d(y)
    if isinstance(sampling_strategy, Mapping):
        sampling_strategy = dict(sampling_strategy)
    return dict(check_sampling_strategy(sampling_strategy, y, "over-sampling"))


def _too_few_message(label: object, size: int, k: int) -> str:
    return (
        f"k_neighbors={k} needs at least {k + 1} points in class {label_text(label)} (the point itself and its "
        f"{k} neighbours), but that class has {size}. "
        + (f"Use k_neighbors <= {size - 1}." if size > 1 else "A class with one point cannot be over-sampled by SMOTE.")
    )


NEIGHBOURS = ("class", "all")


def trace_smote(X, y, *, k_neighbors: int = 5, sampling_strategy: object = "auto", random_state=None,
                neighbours: str = "class") -> SmoteTrace:
    """Run SMOTE exactly as ``imblearn.over_sampling.SMOTE(k_neighbors, sampling_strategy, random_state)
    .fit_resample(X, y)`` does, and record how every synthetic point was made.

    ``neighbours="all"`` is a counterfactual for teaching, not SMOTE: each seed's k nearest neighbours are
    searched among the points of every class (the seed itself excluded), with the same random draws, so a
    synthetic "minority" point can be made towards a majority point. It shows why SMOTE looks only within the
    class being over-sampled.

    Raises ``ValueError`` with a plain message for parameters imbalanced-learn rejects.
    """
    if neighbours not in NEIGHBOURS:
        raise ValueError(f"neighbours must be one of {NEIGHBOURS}, got {neighbours!r}.")
    k = _check_k(k_neighbors)
    X, y = _check_xy(X, y)
    strategy = resolve_strategy(y, sampling_strategy)
    X_parts = [X.copy()]
    y_parts = [y.copy()]
    draws = []
    for label, n_new in strategy.items():
        if n_new == 0:
            continue
        class_rows = np.flatnonzero(y == label)
        Xc = X[class_rows]
        if len(Xc) < k + 1:
            raise ValueError(_too_few_message(label, len(Xc), k))
        if neighbours == "class":
            pool = None
            nns = NearestNeighbors(n_neighbors=k + 1).fit(Xc).kneighbors(Xc, return_distance=False)[:, 1:]
        else:
            pool = np.arange(len(X))
            nns = _other_neighbours(X, class_rows, k)
        rng = check_random_state(random_state)
        flat = rng.randint(low=0, high=nns.size, size=n_new)
        steps = 1.0 * rng.uniform(size=n_new)[:, np.newaxis]
        rows = np.floor_divide(flat, nns.shape[1])
        cols = np.mod(flat, nns.shape[1])
        X_pool = Xc if pool is None else X
        diffs = X_pool[nns[rows, cols]] - Xc[rows]
        X_parts.append((Xc[rows] + steps * diffs).astype(X.dtype))
        y_parts.append(np.full(n_new, fill_value=label, dtype=y.dtype))
        draws.append(ClassDraws(label, class_rows, nns, rows, cols, steps, pool))
    X_res = np.vstack(X_parts)
    y_res = np.hstack(y_parts)
    for arr in (X, y, X_res, y_res):
        arr.setflags(write=False)
    return SmoteTrace(
        X=X, y=y, k_neighbors=k, sampling_strategy=strategy, X_resampled=X_res, y_resampled=y_res,
        draws=tuple(draws), neighbours=neighbours,
    )


def _other_neighbours(X: np.ndarray, class_rows: np.ndarray, k: int) -> np.ndarray:
    """(n_c, k) rows of X nearest to each point of the class, among all points but the point itself."""
    found = NearestNeighbors(n_neighbors=k + 1).fit(X).kneighbors(X[class_rows], return_distance=False)
    # The point itself is normally first; with exact duplicates it may come later, so drop it by row number.
    keep = found != class_rows[:, None]
    return np.vstack([row[mask][:k] for row, mask in zip(found, keep)])


def clamp_k(y, k_neighbors: int, sampling_strategy: object = "auto") -> tuple[int, str | None]:
    """The largest usable k not above ``k_neighbors``, and a message when it had to be lowered.

    Only classes that will receive new points count (imbalanced-learn skips the others). A class of one point
    cannot be over-sampled at all: k stays at 1 and the message says so (``trace_smote`` will then raise).
    Raises ``ValueError`` if the sampling strategy itself is invalid.
    """
    k = _check_k(k_neighbors)
    y = column_or_1d(y)
    strategy = resolve_strategy(y, sampling_strategy)
    sizes = {label: int(np.sum(y == label)) for label, n in strategy.items() if n > 0}
    if not sizes:
        return k, None
    label, smallest = min(sizes.items(), key=lambda item: item[1])
    if smallest - 1 >= k:
        return k, None
    if smallest <= 1:
        return 1, (f"Class {label_text(label)} has only {smallest} point: SMOTE needs at least two points of a "
                   f"class to draw a segment between them.")
    return smallest - 1, (
        f"k lowered from {k} to {smallest - 1}: class {label_text(label)} has only {smallest} points, and each "
        f"point needs {k} other points of its class as neighbours."
    )
