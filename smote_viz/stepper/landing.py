"""Where synthetic points land: among their own class, or in another class's territory.

Two teaching measurements on a traced run (``smote_viz.smote.SmoteTrace``):

- ``landed_among_others``: a synthetic point whose nearest original point belongs to another class lies in that
  class's territory. With neighbours taken from every class (``trace_smote(..., neighbours="all")``, the
  counterfactual) more synthetic "minority" points land there than with SMOTE's minority-only neighbours: that
  is why SMOTE searches neighbours within the class only.
- ``cuts_through_majority``: a segment that passes closer to the majority's centre than half of the majority's
  points cuts through the majority (the ring: a thin minority ring round a majority disc).

Nearest neighbours are scikit-learn's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.neighbors import NearestNeighbors

from smote_viz.smote import SmoteTrace, trace_smote
from smote_viz.style import escape_markdown, label_text


def nearest_original_label(trace: SmoteTrace) -> np.ndarray:
    """(n_new,) the label of the original point nearest to each synthetic point."""
    if trace.n_new == 0:
        return trace.y[:0]
    X = np.asarray(trace.X, dtype=np.float64)
    nearest = NearestNeighbors(n_neighbors=1).fit(X).kneighbors(
        np.asarray(trace.new_points, dtype=np.float64), return_distance=False)[:, 0]
    return trace.y[nearest]


def landed_among_others(trace: SmoteTrace) -> np.ndarray:
    """(n_new,) True where a synthetic point's nearest original point is of another class than the point."""
    return nearest_original_label(trace) != trace.step_class


def chose_other_class(trace: SmoteTrace) -> np.ndarray:
    """(n_new,) True where the chosen neighbour belongs to another class (only possible with neighbours="all")."""
    return trace.y[trace.chosen_index] != trace.step_class


@dataclass(frozen=True, eq=False)
class MinorityOnly:
    """The same run twice: SMOTE (neighbours within the class) and the counterfactual (neighbours from every
    class), with the same seeds and the same random draws."""

    smote: SmoteTrace
    every: SmoteTrace

    @property
    def landed_smote(self) -> int:
        return int(landed_among_others(self.smote).sum())

    @property
    def landed_every(self) -> int:
        return int(landed_among_others(self.every).sum())

    @property
    def chose_other(self) -> int:
        return int(chose_other_class(self.every).sum())

    @property
    def shown_step(self) -> int:
        """The synthetic point to draw in full: of the counterfactual's points made towards another class that
        land nearer another class (else of all made towards another class), the one with the longest segment,
        which is easiest to see; the first point when no neighbour is of another class."""
        other = chose_other_class(self.every)
        X = np.asarray(self.every.X, dtype=np.float64)
        length = np.linalg.norm(X[self.every.chosen_index] - X[self.every.seed_index], axis=1)
        for candidates in (other & landed_among_others(self.every), other):
            found = np.flatnonzero(candidates)
            if len(found):
                return int(found[np.argmax(length[found])])
        return 0


def minority_only(X2, y, *, k_neighbors: int, sampling_strategy: object = "auto", random_state=0) -> MinorityOnly:
    """SMOTE and its every-class counterfactual on the same data, settings and seed."""
    kwargs = {"k_neighbors": k_neighbors, "sampling_strategy": sampling_strategy, "random_state": random_state}
    return MinorityOnly(trace_smote(X2, y, **kwargs), trace_smote(X2, y, neighbours="all", **kwargs))


def minority_only_sentence(result: MinorityOnly) -> str:
    """The two panels in words, with their numbers (markdown, labels escaped)."""
    n = result.smote.n_new
    classes = sorted({label_text(v) for v in result.smote.step_class.tolist()})
    which = "class " + ", ".join(escape_markdown(c) for c in classes)
    return (
        f"With neighbours from every class, {result.chose_other} of the {n} synthetic points of {which} were made "
        f"towards a point of another class, and **{result.landed_every} of {n}** land nearer to another class's "
        f"point than to any of their own class's (with SMOTE's own-class neighbours: **{result.landed_smote}**). "
        "This is why SMOTE looks for neighbours only among the minority: a segment between two minority points "
        "stays in minority territory far more often than a segment towards any nearby point."
    )


# --- segments through the majority ------------------------------------------------------------------------------
def closest_approach(starts: np.ndarray, ends: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """(n,) the shortest distance from ``centre`` to each segment start -> end."""
    a = np.asarray(starts, dtype=np.float64)
    d = np.asarray(ends, dtype=np.float64) - a
    length2 = np.einsum("ij,ij->i", d, d)
    t = np.clip(np.einsum("ij,ij->i", centre - a, d) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
    return np.linalg.norm(a + t[:, None] * d - centre, axis=1)


@dataclass(frozen=True)
class Crossings:
    n_segments: int
    n_crossing: int
    centre: tuple[float, ...]
    radius: float  # the median distance of majority points from their centre

    @property
    def share(self) -> float:
        return self.n_crossing / self.n_segments if self.n_segments else 0.0


def _inner_half(trace: SmoteTrace, majority: object) -> tuple[np.ndarray, float]:
    """The majority's centre, and the median distance of its points from it."""
    members = np.asarray(trace.X, dtype=np.float64)[np.asarray(trace.y) == majority]
    centre = members.mean(axis=0)
    return centre, float(np.median(np.linalg.norm(members - centre, axis=1)))


def through_majority(trace: SmoteTrace, majority: object) -> np.ndarray:
    """(n_new,) True where the segment from seed to chosen neighbour passes closer to the centre of the majority
    class than half of the majority's points: it cuts through the majority, not along its edge."""
    centre, radius = _inner_half(trace, majority)
    if trace.n_new == 0:
        return np.zeros(0, dtype=bool)
    X = np.asarray(trace.X, dtype=np.float64)
    return closest_approach(X[trace.seed_index], X[trace.chosen_index], centre) < radius


def cuts_through_majority(trace: SmoteTrace, majority: object) -> Crossings:
    """How many of the run's segments cut through the majority (``through_majority``), and the circle round the
    majority's inner half."""
    centre, radius = _inner_half(trace, majority)
    return Crossings(trace.n_new, int(through_majority(trace, majority).sum()), tuple(centre.tolist()), radius)


def crossings_sentence(crossings: Crossings, majority: object) -> str:
    return (
        f"**{crossings.n_crossing} of the {crossings.n_segments} segments** ({crossings.share:.0%}) pass closer to "
        f"the centre of class {escape_markdown(label_text(majority))} than half of its points: they cut through "
        "the majority, and the new points on them land inside it."
    )
