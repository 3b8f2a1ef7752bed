"""The Dataset value every page works on, and the error every bad input becomes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np


def class_counts(y) -> dict:
    """Rows per label, in sorted label order, with plain Python labels (numpy scalars unwrapped)."""
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    return {label.item() if hasattr(label, "item") else label: int(c) for label, c in zip(labels, counts)}


def style_positions(counts: dict) -> dict:
    """Label -> style position: the largest class is 0, the next 1, and so on, ties in the order given."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    return {label: position for position, (label, _) in enumerate(ranked)}


def two_axes(names: list[str], x: str | None = None, y: str | None = None,
             previous: tuple[str, str] | None = None) -> tuple[str, str]:
    """Two different columns for the 2-D view, as close to the wanted ``x`` and ``y`` as the names allow.

    ``x`` is kept when it is one of ``names`` (else the first name). ``y`` is kept when it is another name;
    when it equals ``x`` and ``previous`` is the pair shown before (the user just moved the old vertical
    column to the horizontal axis), the axes swap; otherwise ``y`` is the first name that is not ``x``.
    With a single name both axes show it, the only choice there is.
    """
    if not names:
        raise ValueError("no column to show")
    x = x if x in names else names[0]
    if len(names) == 1:
        return x, x
    if y in names and y != x:
        return x, y
    if previous is not None and previous[0] in names and previous[0] != x:
        return x, previous[0]
    return x, next(n for n in names if n != x)


class DataError(ValueError):
    """Bad input data. ``str(error)`` is a message for the user: what is wrong and what to do."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """A labelled table of numeric features.

    ``X`` is float64 (n x d), ``y`` a 1-D array of labels (integers or strings). ``view`` names the two feature
    columns drawn in 2-D figures; ``minority_label`` is the class the user calls "minority" (default: the
    smallest). ``notices`` lists everything the loader or generator changed, in plain words.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: list[str]
    notices: list[str] = field(default_factory=list)
    name: str = "data"
    label_name: str = "label"
    view: tuple[int, int] = (0, 1)
    minority_label: object = None

    def __post_init__(self) -> None:
        X = np.array(self.X, dtype=np.float64, copy=True)
        y = np.array(self.y, copy=True)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D, got shape {X.shape}")
        if y.ndim != 1 or len(y) != len(X):
            raise ValueError(f"y must be 1-D with one label per row of X ({len(X)}), got shape {y.shape}")
        if len(self.feature_names) != X.shape[1]:
            raise ValueError("feature_names must name every column of X")
        if X.shape[1] < 1:
            raise ValueError("X needs at least one feature column")
        view = tuple(int(v) for v in self.view)
        if len(view) != 2 or not all(0 <= v < X.shape[1] for v in view):
            raise ValueError(f"view {self.view} is not a pair of column positions of X")
        if view[0] == view[1] and X.shape[1] > 1:
            raise ValueError(f"view {self.view} shows one column twice; with {X.shape[1]} features it needs two")
        X.setflags(write=False)
        y.setflags(write=False)
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)
        object.__setattr__(self, "feature_names", [str(f) for f in self.feature_names])
        object.__setattr__(self, "notices", list(self.notices))
        object.__setattr__(self, "view", view)
        if self.minority_label is not None and self.minority_label not in set(self.y.tolist()):
            raise ValueError(f"minority_label {self.minority_label!r} is not one of the labels")

    # --- classes -------------------------------------------------------------------------------------------
    @cached_property
    def classes(self) -> np.ndarray:
        """Labels in sorted order: the order imbalanced-learn processes them in."""
        return np.unique(self.y)

    @cached_property
    def counts(self) -> dict:
        """Rows per class, in sorted label order."""
        return class_counts(self.y)

    @property
    def majority_label(self) -> object:
        """The first label (in sorted order) with the most rows: imbalanced-learn's rule."""
        counts = self.counts
        top = max(counts.values())
        return next(label for label, c in counts.items() if c == top)

    @property
    def minority(self) -> object:
        """The chosen minority class, or the first smallest class."""
        if self.minority_label is not None:
            return self.minority_label
        counts = self.counts
        low = min(counts.values())
        return next(label for label, c in counts.items() if c == low)

    @property
    def imbalance_ratio(self) -> float:
        """Largest class count divided by the smallest."""
        values = list(self.counts.values())
        return max(values) / min(values)

    @cached_property
    def class_positions(self) -> dict:
        """Each label's style position: the largest class is 0 (blue circles), the next 1 (vermillion
        triangles), and so on, ties in sorted label order. Pass it to figures so a class keeps its colour and
        symbol on every page, even after resampling changes the counts."""
        return style_positions(self.counts)

    def class_position(self, label: object) -> int:
        """Style position of one label (see ``class_positions``)."""
        return self.class_positions[label.item() if hasattr(label, "item") else label]

    # --- the 2-D view --------------------------------------------------------------------------------------
    @property
    def X2(self) -> np.ndarray:
        """The two viewed feature columns, n x 2 (read-only)."""
        out = self.X[:, list(self.view)]
        out.setflags(write=False)
        return out

    @property
    def view_names(self) -> tuple[str, str]:
        return self.feature_names[self.view[0]], self.feature_names[self.view[1]]

    @property
    def n_samples(self) -> int:
        return len(self.y)

    @property
    def n_features(self) -> int:
        return self.X.shape[1]

    def with_view(self, first: int, second: int) -> Dataset:
        return replace(self, view=(first, second))

    def with_minority(self, label: object) -> Dataset:
        return replace(self, minority_label=label)

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the data (values, labels, names, view, minority): a cache key that never mixes two
        datasets. Each part is hashed with its length in front and text parts as JSON, so no choice of names or
        labels (separators, quotes, control characters included) can make two different datasets collide."""
        h = hashlib.sha256()
        parts = (
            np.ascontiguousarray(self.X).tobytes(),
            json.dumps([list(self.X.shape), self.X.dtype.str, self.y.dtype.kind]).encode(),
            json.dumps(self.y.tolist(), ensure_ascii=False).encode("utf-8", "surrogatepass"),
            json.dumps(self.feature_names, ensure_ascii=False).encode("utf-8", "surrogatepass"),
            json.dumps([list(self.view), repr(self.minority_label), self.label_name], ensure_ascii=False)
            .encode("utf-8", "surrogatepass"),
        )
        for part in parts:
            h.update(len(part).to_bytes(8, "little"))
            h.update(part)
        return h.hexdigest()[:32]
