"""What SMOTE and a classifier make of the playground's points: one pure function, ``run``, called after every
change (about ten milliseconds at 200 points).

SMOTE is ``trace_smote`` (imbalanced-learn's SMOTE, step for step), asked for ``n_new`` points of the canvas's
target class. Two counterfactual switches change what it searches: ``every_class`` takes neighbours among all
points (``trace_smote(neighbours="all")``, same draws), ``standardise`` searches in standard-deviation units
(scikit-learn's ``StandardScaler`` fitted on all points; new points are mapped back with ``inverse_transform``).
The classifier (``evaluate.build_pipeline``: scaler and model, as on the compare page) is fitted before and after
SMOTE's points are added, and asked about every cell of a grid over the view.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

from smote_viz.compare.evaluate import build_pipeline
from smote_viz.playground.canvas import Canvas, PlaygroundSettings, Points
from smote_viz.smote import SmoteTrace, clamp_k, trace_smote
from smote_viz.threads import one_native_thread

GRID = 64  # cells per side of the classifier's grid


@dataclass(frozen=True, eq=False)
class Regions:
    """A classifier asked about every cell of the view's grid, before and after SMOTE's points.

    ``margin_*`` is P(target) minus the largest other class's probability: the model assigns a cell to the
    target class where it is positive, so its zero line is the decision boundary."""

    model: str
    xs: np.ndarray
    ys: np.ndarray
    margin_before: np.ndarray  # (len(ys), len(xs))
    margin_after: np.ndarray
    share_before: float  # share of the grid's cells assigned to the target class
    share_after: float


@dataclass(frozen=True, eq=False)
class Outcome:
    """Everything drawn and said about one state of the playground."""

    settings: PlaygroundSettings
    k: int  # the k SMOTE used (lowered when the target class is small)
    n_new: int  # synthetic points made
    # The run in the searched space (standardised or raw), None when SMOTE cannot run. It has max(n_new, 1)
    # points: with none asked for, one is still made so that its neighbour table exists for picking by hand.
    trace: SmoteTrace | None
    new_points: np.ndarray  # (n_new, 2) in raw units
    scaler: StandardScaler | None  # fitted on all points when standardising, else None
    regions: Regions | None
    notes: tuple[str, ...]  # why k was lowered, why SMOTE or the classifier could not run
    # Per new point: its nearest original point (each axis in standard deviations) is of another class than the
    # one it was made for, i.e. it landed in another class's territory.
    elsewhere: np.ndarray

    @property
    def landed(self) -> int:
        """How many new points landed in another class's territory."""
        return int(np.sum(self.elsewhere))

    @cached_property
    def _table(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Rows of the target class, each one's k neighbours (rows, nearest first) and their distances, from
        the same neighbour search SMOTE made."""
        if self.trace is None or not self.trace.draws:
            return None
        d = self.trace.draws[0]
        neighbours = d.pool_rows[d.nns]
        X = np.asarray(self.trace.X, dtype=np.float64)
        diff = X[neighbours] - X[d.rows][:, None, :]
        return d.rows, neighbours, np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))

    def neighbours_of(self, row: int) -> tuple[int, ...]:
        """The k neighbours SMOTE would choose among for seed ``row``, nearest first (empty when ``row`` is not
        a point of the target class)."""
        table = self._table
        if table is None:
            return ()
        rows, neighbours, _ = table
        where = np.flatnonzero(rows == row)
        return tuple(int(r) for r in neighbours[where[0]]) if len(where) else ()

    def radius_of(self, row: int) -> float:
        """Distance from seed ``row`` to its k-th neighbour, in the searched space (standard deviations when
        standardising)."""
        rows, _, distances = self._table
        return float(distances[np.flatnonzero(rows == row)[0], -1])

    @property
    def can_pick(self) -> bool:
        return self._table is not None


def _new_count(points: Points, canvas: Canvas, settings: PlaygroundSettings) -> int:
    """How many points SMOTE is asked for: enough to match the largest other class, or the chosen number."""
    if not settings.balance:
        return settings.new
    counts = points.counts(canvas.classes)
    others = [n for label, n in counts.items() if label != canvas.target]
    return max(max(others, default=0) - counts[canvas.target], 0)


def _smote(points: Points, canvas: Canvas, settings: PlaygroundSettings, n_new: int):
    """The traced run for ``n_new`` points (at least one is always made, so the neighbour table exists for
    picking by hand; the run is then cut to ``n_new``)."""
    X = points.X
    scaler = None
    if settings.standardise:
        scaler = StandardScaler().fit(X)
        X = scaler.transform(X)
    size = int(np.sum(points.y == canvas.target))
    strategy = {canvas.target: size + max(n_new, 1)}
    k, k_note = clamp_k(points.y, settings.k, strategy)
    trace = trace_smote(X, points.y, k_neighbors=k, sampling_strategy=strategy, random_state=settings.smote_seed,
                        neighbours="all" if settings.every_class else "class")
    return trace, scaler, k, k_note


def _regions(points: Points, new_points: np.ndarray, canvas: Canvas, model: str) -> Regions:
    xs = np.linspace(*canvas.x_range, GRID)
    ys = np.linspace(*canvas.y_range, GRID)
    gx, gy = np.meshgrid(xs, ys)
    cells = np.column_stack([gx.ravel(), gy.ravel()])
    out = []
    for X, y in ((points.X, points.y),
                 (np.vstack([points.X, new_points]), np.append(points.y, [canvas.target] * len(new_points)))):
        pipe = build_pipeline(model, "none")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pipe.fit(X, y)
            proba = pipe.predict_proba(cells)
        classes = list(pipe.classes_)
        col = classes.index(canvas.target)
        others = np.delete(proba, col, axis=1)
        margin = proba[:, col] - others.max(axis=1)
        assigned = np.asarray(pipe.classes_)[np.argmax(proba, axis=1)] == canvas.target
        out.append((margin.reshape(gx.shape), float(assigned.mean())))
    (m0, s0), (m1, s1) = out
    return Regions(model, xs, ys, m0, m1, s0, s1)


def _classifier_problem(points: Points, canvas: Canvas, model: str) -> str | None:
    counts = points.counts(canvas.classes)
    present = [label for label, n in counts.items() if n]
    if canvas.target not in present or len(present) < 2:
        return ("The classifier needs points of at least two classes, one of them "
                f"{canvas.class_words(canvas.target)}: add some.")
    if model == "knn" and len(points) < 5:
        return "k-nearest neighbours (5) needs at least 5 points: add some."
    return None


def run(points: Points, canvas: Canvas, settings: PlaygroundSettings) -> Outcome:
    """SMOTE and the classifier on the current points. Never raises for a board a learner can make: what
    cannot run is said in ``notes``."""
    one_native_thread()
    notes: list[str] = []
    n_new = _new_count(points, canvas, settings)
    trace, scaler, k = None, None, settings.k
    new_points = np.zeros((0, 2))
    counts = points.counts(canvas.classes)
    target = canvas.class_words(canvas.target)
    if counts[canvas.target] < 2:
        notes.append(f"SMOTE needs at least two points of {target} to draw a segment between them: add some.")
    elif len([n for n in counts.values() if n]) < 2:
        notes.append("SMOTE needs points of at least two classes: add some of another class.")
    else:
        try:
            full, scaler, k, k_note = _smote(points, canvas, settings, n_new)
        except ValueError as error:  # imbalanced-learn's own message
            notes.append(f"SMOTE cannot run here: {error}")
        else:
            if k_note:
                notes.append(k_note)
            trace = full
            new = np.asarray(full.new_points[:n_new], dtype=np.float64)
            new_points = scaler.inverse_transform(new) if scaler is not None and n_new else new
    if trace is None:
        n_new = 0
    elif n_new == 0:
        notes.append(f"{target} already has as many points as the largest other class: balancing makes no new "
                     "points. Switch off 'balance' to ask for some.")
    regions = None
    if settings.model != "none":
        problem = _classifier_problem(points, canvas, settings.model)
        if problem:
            notes.append(problem)
        else:
            regions = _regions(points, new_points, canvas, settings.model)
    elsewhere = nearest_original_labels(points, new_points) != canvas.target
    return Outcome(settings, k, n_new, trace, new_points, scaler, regions, tuple(notes), elsewhere)


def nearest_original_labels(points: Points, new_points: np.ndarray) -> np.ndarray:
    """For each synthetic point, the class of the nearest original point, each axis measured in its standard
    deviations over the original points (so an axis in euros does not outvote an axis in years)."""
    if not len(new_points) or not len(points):
        return points.y[:0]
    scaler = StandardScaler().fit(points.X)
    search = NearestNeighbors(n_neighbors=1).fit(scaler.transform(points.X))
    nearest = search.kneighbors(scaler.transform(new_points), return_distance=False)[:, 0]
    return points.y[nearest]
