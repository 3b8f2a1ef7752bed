"""What a panel hands back: the sampler's output, where every synthetic row came from, and each sampler's
internal state (one small dataclass per sampler family)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from smote_viz.family.text import DESCRIPTIONS
from smote_viz.style import label_text, plural

if TYPE_CHECKING:
    from smote_viz.family.evaluation import Evaluation


@dataclass(frozen=True, eq=False)
class Provenance:
    """Where every synthetic output row came from (parallel arrays, one entry per synthetic row).

    ``new = X[seed] + gap * (X[chosen] - X[seed])`` up to floating-point rounding; a negative gap is an
    extrapolation away from the neighbour. ``neighbours`` holds the seed's candidate neighbours (original row
    indices, the chosen one among them); ``chosen`` is -1 when there is no neighbour (bootstrap copies).
    """

    rows: np.ndarray  # positions in the resampled output
    seed: np.ndarray
    neighbours: np.ndarray  # n x k
    chosen: np.ndarray
    gap: np.ndarray
    points: np.ndarray  # the new points, n x d
    label: np.ndarray
    # Borderline-2: the second draw s (uniform in [0, 0.5)) that shortens a step toward an other-class
    # neighbour, ``gap = u x s``; 1 where the step is not shortened. None: not recorded.
    shrink: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class BorderlineState:
    kind: str  # "borderline-1" or "borderline-2"
    m: int
    rows: np.ndarray  # original rows of the over-sampled classes
    labels: np.ndarray
    n_other: np.ndarray  # other-class points among each row's m neighbours (all data)
    category: np.ndarray  # "noise", "danger" or "safe"
    danger_rows_fitted: dict  # imbalanced-learn's own in_danger_indices (label -> rows)


@dataclass(frozen=True, eq=False)
class AdasynState:
    n_neighbors: int
    rows: np.ndarray
    labels: np.ndarray
    hardness: np.ndarray  # r_i: share of other-class points among the n_neighbors neighbours (all data)
    weight: np.ndarray  # r_i / sum r_i within its class
    generated: np.ndarray  # g_i = rint(weight * n): new points made from this row


@dataclass(frozen=True, eq=False)
class SvmState:
    support_rows: np.ndarray  # every support vector of the fitted SVM (original rows)
    class_support_rows: np.ndarray  # support vectors of the over-sampled classes
    labels: np.ndarray
    category: np.ndarray  # per class support vector: "noise", "danger" or "safe"
    fraction: dict  # label -> the Beta(10, 10) draw that splits danger and safe points
    out_step: float
    extrapolated: np.ndarray  # per synthetic point (provenance order): True when extrapolated


@dataclass(frozen=True, eq=False)
class ClusterInfo:
    label: object  # the class being over-sampled
    cluster: int
    size: int
    n_class: int  # points of that class in the cluster
    share: float
    kept: bool
    reason: str
    weight: float
    n_new: int


@dataclass(frozen=True, eq=False)
class KMeansState:
    assignment: np.ndarray  # cluster of every original row (kmeans_estimator_.labels_)
    centres: np.ndarray
    threshold: float
    clusters: tuple[ClusterInfo, ...]


@dataclass(frozen=True, eq=False)
class RandomOverState:
    shrinkage: float | None
    copies: np.ndarray  # per original row: how many extra copies were drawn
    bandwidth: dict  # label -> per-feature standard deviation of the smoothing noise (shrinkage only)


@dataclass(frozen=True, eq=False)
class CleaningState:
    cleaner: str
    n_before_cleaning: int  # rows after SMOTE, before cleaning
    removed_original: np.ndarray  # original rows removed
    removed_synthetic: np.ndarray  # synthetic points removed (n x d)
    removed_synthetic_labels: np.ndarray


@dataclass(frozen=True, eq=False)
class VariantResult:
    key: str
    ok: bool
    message: str  # one line: why the sampler failed (ok False) or made nothing although asked (ok True)
    X: np.ndarray  # resampled output (the sampler's own)
    y: np.ndarray
    origin: np.ndarray  # per output row: original row index, -1 for synthetic rows
    removed: np.ndarray  # original rows absent from the output
    counts_before: dict
    counts_after: dict
    requested: dict  # label -> new points asked for (over-sampling) or rows to keep (under-sampling)
    notes: tuple[str, ...] = ()
    state: object = None
    provenance: Provenance | None = None
    evaluation: Evaluation | None = None

    @property
    def title(self) -> str:
        return DESCRIPTIONS[self.key].title

    @property
    def synthetic(self) -> np.ndarray:
        return self.origin < 0

    @property
    def n_synthetic(self) -> int:
        return int(np.count_nonzero(self.origin < 0))

    def counts_sentence(self) -> str:
        if not self.ok:
            return self.message
        after = ", ".join(f"{label_text(k)}: {v}" for k, v in self.counts_after.items())
        parts = [f"After: {after}"]
        if self.n_synthetic:
            parts.append(f"{self.n_synthetic} synthetic")
        if len(self.removed):
            parts.append(f"{plural(len(self.removed), 'original')} removed")
        return "; ".join(parts)
