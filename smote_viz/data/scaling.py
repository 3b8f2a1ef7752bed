"""Why scale first: one minority point's k nearest minority neighbours under raw Euclidean distance and after
standardising.

SMOTE (and imbalanced-learn) measure plain Euclidean distance on the features as given. When one feature's
range dwarfs another's (an income in the 100 000s next to an age in the 10s, or here x2 stretched by 100), that
feature alone decides who is a neighbour. Standardising (scikit-learn's ``StandardScaler``: mean 0, standard
deviation 1 per feature, fitted on all rows as a pipeline would) puts both on the same footing.

A circle of radius r in one set of units is an ellipse in the other: in raw units the standardised neighbourhood
has half-axes r x the standard deviation of each feature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

from smote_viz.style import escape_markdown, label_text

# Above this ratio of standard deviations, one feature decides raw distances almost alone.
SPREAD_RATIO = 3.0


@dataclass(frozen=True, eq=False)
class Neighbourhoods:
    """One seed's k nearest neighbours of its own class, measured two ways. Rows are rows of the data."""

    seed_row: int
    label: object  # the seed's class
    raw_rows: tuple[int, ...]  # nearest first, raw Euclidean distance
    scaled_rows: tuple[int, ...]  # nearest first, after standardising
    raw_radius: float  # distance to the k-th raw neighbour, in raw units
    scaled_radius: float  # distance to the k-th standardised neighbour, in standardised units
    mean: np.ndarray  # (2,) the scaler's mean per feature
    scale: np.ndarray  # (2,) the scaler's standard deviation per feature
    mean_changed: float  # over every point of the class: neighbours that change, on average
    class_size: int

    @property
    def k(self) -> int:
        return len(self.raw_rows)

    @property
    def changed(self) -> int:
        """How many of the seed's k neighbours are not the same under the two distances."""
        return self.k - len(set(self.raw_rows) & set(self.scaled_rows))

    def standardise(self, points: np.ndarray) -> np.ndarray:
        return (np.asarray(points, dtype=np.float64) - self.mean) / self.scale


def _neighbours(points: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(n, k) positions and distances of each point's k nearest others, nearest first (scikit-learn's order)."""
    dist, idx = NearestNeighbors(n_neighbors=k + 1).fit(points).kneighbors(points)
    return idx[:, 1:], dist[:, 1:]


def central_row(X2: np.ndarray, y: np.ndarray, label: object) -> int:
    """The point of class ``label`` nearest its class's centre in standardised units: a typical seed, not one
    picked for how much its neighbours change."""
    rows = np.flatnonzero(np.asarray(y) == label)
    scaled = StandardScaler().fit(X2).transform(X2)[rows]
    return int(rows[np.argmin(np.linalg.norm(scaled - scaled.mean(axis=0), axis=1))])


def neighbourhoods(X2, y, label: object, k: int = 5, seed_row: int | None = None) -> Neighbourhoods:
    """The k nearest neighbours of class ``label`` of one of its points (default: ``central_row``), under raw
    and under standardised Euclidean distance. ``k`` is lowered to the class size minus one when needed.
    Raises ``ValueError`` when the class has fewer than two points."""
    X2 = np.asarray(X2, dtype=np.float64)
    y = np.asarray(y)
    rows = np.flatnonzero(y == label)
    if len(rows) < 2:
        raise ValueError(f"Class {label_text(label)} has fewer than two points: it has no neighbours to compare.")
    k = int(min(k, len(rows) - 1))
    seed_row = central_row(X2, y, label) if seed_row is None else int(seed_row)
    if seed_row not in set(rows.tolist()):
        raise ValueError(f"Row {seed_row} is not a point of class {label_text(label)}.")
    scaler = StandardScaler().fit(X2)
    raw_idx, raw_dist = _neighbours(X2[rows], k)
    scaled_idx, scaled_dist = _neighbours(scaler.transform(X2)[rows], k)
    at = int(np.flatnonzero(rows == seed_row)[0])
    kept = [len(set(a) & set(b)) for a, b in zip(raw_idx.tolist(), scaled_idx.tolist(), strict=True)]
    return Neighbourhoods(
        seed_row=seed_row,
        label=label,
        raw_rows=tuple(int(r) for r in rows[raw_idx[at]]),
        scaled_rows=tuple(int(r) for r in rows[scaled_idx[at]]),
        raw_radius=float(raw_dist[at, -1]),
        scaled_radius=float(scaled_dist[at, -1]),
        mean=scaler.mean_.copy(),
        scale=scaler.scale_.copy(),
        mean_changed=float(k - np.mean(kept)),
        class_size=len(rows),
    )


def ellipse(centre: np.ndarray, half_axes: np.ndarray, n: int = 61) -> tuple[np.ndarray, np.ndarray]:
    """x and y of an axis-aligned ellipse (a circle when both half-axes are equal)."""
    t = np.linspace(0.0, 2.0 * np.pi, n)
    return centre[0] + half_axes[0] * np.cos(t), centre[1] + half_axes[1] * np.sin(t)


def scaling_sentence(nb: Neighbourhoods, names: tuple[str, str] = ("x1", "x2")) -> str:
    """The figure in words (markdown; names escaped): how many neighbours changed, which, and why."""
    a, b = (escape_markdown(n) for n in names)
    wide, narrow = (b, a) if nb.scale[1] >= nb.scale[0] else (a, b)
    ratio = max(nb.scale) / min(nb.scale)
    changed = nb.changed
    verdict = (
        f"**{changed} of its {nb.k} nearest neighbours change** when the features are standardised"
        if changed else f"**none of its {nb.k} nearest neighbours change** when the features are standardised"
    )
    if ratio >= SPREAD_RATIO:
        why = (
            f" The standard deviation of {wide} is {ratio:.0f} times that of {narrow}, so raw distance is decided "
            f"by {wide} almost alone: the raw neighbourhood (a circle in raw units) is a flat band in the picture, "
            "and the standardised circle is an ellipse in raw units."
        )
    else:
        why = (
            f" The two features have similar spreads (standard deviations {nb.scale[0]:.3g} and {nb.scale[1]:.3g}), "
            "so standardising changes the picture little."
        )
    return (
        f"For the seed (row {nb.seed_row}, class {escape_markdown(label_text(nb.label))}), {verdict}: raw distance "
        f"picks rows {', '.join(map(str, nb.raw_rows))}; standardised distance picks rows "
        f"{', '.join(map(str, nb.scaled_rows))}. Over all {nb.class_size} points of the class, "
        f"{nb.mean_changed:.1f} of {nb.k} neighbours change on average." + why
    )
