"""The SMOTE family on one dataset: every sampler's output plus the internal state it computed.

Each ``run_*`` function fits one imbalanced-learn sampler on (X, y) and returns a ``VariantResult``: the
sampler's real output, which output rows are original and which synthetic, which originals were removed, the
counts after, a note whenever the sampler made more or fewer points than asked (and why), and the sampler's
internal state (``BorderlineState``, ``AdasynState``, ...).

The state is read from the fitted sampler where imbalanced-learn exposes it (``sample_indices_``,
``svm_estimator_.support_``, ``kmeans_estimator_.labels_``, ``nn_m_``) and recomputed with scikit-learn
otherwise, exactly as imbalanced-learn computes it. Where imbalanced-learn draws random numbers, the draws are
replayed from the same seed, which tells for every synthetic point its seed, its candidate neighbours, the
chosen neighbour and the gap (``Provenance``); the replayed points are compared with the sampler's real output
and the provenance is dropped, with a note, if they ever differ.

A sampler that cannot run on the data (k too large, no danger points, no cluster passes the threshold, ...)
gives a result with ``ok=False`` and a one-line ``message`` instead of raising.

Nothing here imports Streamlit.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import partial

import numpy as np
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import ADASYN, SMOTE, SVMSMOTE, BorderlineSMOTE, KMeansSMOTE, RandomOverSampler
from imblearn.under_sampling import EditedNearestNeighbours, RandomUnderSampler, TomekLinks
from imblearn.utils import check_sampling_strategy
from sklearn.cluster import MiniBatchKMeans
from sklearn.metrics.pairwise import euclidean_distances
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import check_random_state

from . import evaluate as compare
from .data import Dataset
from .data.dataset import class_counts
from .smote import clamp_k
from .state import param
from .style import label_text, plural
from .threads import one_native_thread

# --- the catalogue -------------------------------------------------------------------------------------------

VARIANT_KEYS = (
    "original",
    "ros",
    "ros_shrinkage",
    "smote",
    "borderline1",
    "borderline2",
    "svmsmote",
    "kmeanssmote",
    "adasyn",
    "smotetomek",
    "smoteenn",
    "rus",
)

STRATEGIES = ("auto", "minority", "not majority", "all", "0.25", "0.5", "0.75")
CLUSTER_THRESHOLDS = ("auto", "0.05", "0.1", "0.2", "0.3", "0.5")
# The held-out scores use the Compare page's classifiers, split and metrics (smote_viz.evaluate).
CLASSIFIERS = compare.CLASSIFIERS
TEST_SIZE = compare.CompareSettings.test_share  # the Compare page's default test share


@dataclass(frozen=True)
class Description:
    title: str
    changes: str  # what it changes in SMOTE
    helps: str
    hurts: str
    source: str  # the paper


DESCRIPTIONS: dict[str, Description] = {
    "original": Description(
        "Original data",
        "Nothing: the data as it is, for reference.",
        "Shows what every sampler starts from.",
        "A classifier trained on it tends to ignore the rare class.",
        "",
    ),
    "ros": Description(
        "RandomOverSampler",
        "No new positions at all: it copies randomly drawn minority rows until the classes balance.",
        "Simple, fast, keeps every value real; fine for models that do not care about duplicates.",
        "Copies add no new information; trees and kNN over-fit to the repeated points.",
        "Random over-sampling (bootstrap), e.g. Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
    "ros_shrinkage": Description(
        "RandomOverSampler (shrinkage)",
        "A smoothed bootstrap: each copy is moved by Gaussian noise scaled by the class's spread "
        "(shrinkage x a rule-of-thumb bandwidth), so copies become a cloud around each original.",
        "No exact duplicates; a cheap generative model of the minority class.",
        "Noise ignores the other class: with a large shrinkage the cloud spills into majority regions.",
        "ROSE: Menardi & Torelli, \"Training and assessing classification rules with imbalanced data\", "
        "Data Mining and Knowledge Discovery 28, 2014.",
    ),
    "smote": Description(
        "SMOTE",
        "The baseline: a random minority seed, one of its k nearest minority neighbours, a new point at a "
        "random gap on the segment between them.",
        "Fills the space between minority points instead of stacking copies.",
        "Ignores the majority class: segments between distant minority points cut through majority regions, "
        "and noisy minority points are used as seeds like any other.",
        "Chawla, Bowyer, Hall & Kegelmeyer, JAIR 16, 2002 (arXiv:1106.1813).",
    ),
    "borderline1": Description(
        "BorderlineSMOTE-1",
        "Looks at each minority point's m nearest neighbours over ALL data: if all are other-class it is "
        "noise, if at least half are it is in danger, else safe. Only danger points are used as seeds; "
        "neighbours are minority points.",
        "Strengthens the class border, where errors happen; ignores isolated noise.",
        "If no point is in danger nothing is generated; the border can become crowded and over-fit.",
        "Han, Wang & Mao, \"Borderline-SMOTE\", ICIC 2005, LNCS 3644.",
    ),
    "borderline2": Description(
        "BorderlineSMOTE-2",
        "Like borderline-1, but the neighbour may be of any class; toward an other-class neighbour the gap "
        "is drawn in [0, 0.5) so the new point stays nearer the seed.",
        "Pushes the minority region a little into the border zone.",
        "New minority points inside majority territory can add label noise.",
        "Han, Wang & Mao, \"Borderline-SMOTE\", ICIC 2005, LNCS 3644.",
    ),
    "svmsmote": Description(
        "SVMSMOTE",
        "Fits an SVM and uses only the minority support vectors as seeds (minus noise ones). Support vectors "
        "in danger interpolate toward minority neighbours; safe ones extrapolate away from them.",
        "Concentrates on the decision boundary an SVM actually uses; can widen the minority region.",
        "Costs an SVM fit; with few or only noisy support vectors it fails or makes fewer points.",
        "Nguyen, Cooper & Kamei, \"Borderline over-sampling for imbalanced data classification\", "
        "Int. J. Knowledge Engineering and Soft Data Paradigms 3(1), 2011.",
    ),
    "kmeanssmote": Description(
        "KMeansSMOTE",
        "Clusters ALL data with k-means, keeps clusters whose minority share passes a threshold, and runs "
        "SMOTE inside each kept cluster, more in sparse clusters (weight = sparsity).",
        "Avoids segments across majority regions; fills sparse minority areas.",
        "Fragile on small data: often no cluster passes the threshold or holds k + 1 minority points.",
        "Last, Douzas & Bacao, \"Oversampling for imbalanced learning based on k-means and SMOTE\", "
        "arXiv:1711.00837, 2017.",
    ),
    "adasyn": Description(
        "ADASYN",
        "Gives each minority point a hardness r_i, the share of other-class points among its k nearest "
        "neighbours (ALL data), and makes g_i = round(r_i / sum r x n) new points from it.",
        "Adapts to difficulty: more points where the minority class is hard to learn.",
        "Outliers deep in the majority are the hardest points, so noise gets the most copies; the total can "
        "differ from the request by rounding.",
        "He, Bai, Garcia & Li, \"ADASYN\", IEEE IJCNN 2008.",
    ),
    "smotetomek": Description(
        "SMOTE + Tomek links",
        "SMOTE, then removes both points of every Tomek link (two points of different classes that are each "
        "other's nearest neighbour), synthetic points included.",
        "Cleans the border after over-sampling.",
        "Removes few points; the final counts are no longer exactly balanced.",
        "Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
    "smoteenn": Description(
        "SMOTE + ENN",
        "SMOTE, then Edited Nearest Neighbours removes every point whose 3 nearest neighbours mostly "
        "disagree with its label, synthetic points included.",
        "Cleans more aggressively than Tomek links; smooths the border.",
        "Can remove many majority points near the border; the final counts are unbalanced.",
        "Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
    "rus": Description(
        "RandomUnderSampler",
        "The opposite: no new points; drops random majority rows until the classes balance.",
        "Fast, no invented data.",
        "Throws information away, badly so when the minority is small.",
        "Random under-sampling, e.g. Batista, Prati & Monard, SIGKDD Explorations 6(1), 2004.",
    ),
}


K_RANGE = (1, 15)
M_RANGE = (2, 30)
CLUSTER_RANGE = (2, 20)
SHRINKAGE_RANGE = (0.0, 5.0)
SEED_RANGE = (0, 2**31 - 1)


@dataclass(frozen=True)
class GalleryParams:
    """Choices shared by all panels (where they apply); every field round-trips through the URL."""

    k: int = field(default=5, metadata=param("vk", lo=K_RANGE[0], hi=K_RANGE[1]))  # SMOTE-style neighbours
    m: int = field(default=10, metadata=param("vm", lo=M_RANGE[0], hi=M_RANGE[1]))  # Borderline/SVMSMOTE vote
    strategy: str = field(default="auto", metadata=param("vstrategy", choices=STRATEGIES))
    seed: int = field(default=0, metadata=param("vseed", lo=SEED_RANGE[0], hi=SEED_RANGE[1]))
    classifier: str = field(default="logreg", metadata=param("vclf", choices=tuple(CLASSIFIERS)))
    shrinkage: float = field(default=1.0, metadata=param("vshrink", lo=SHRINKAGE_RANGE[0], hi=SHRINKAGE_RANGE[1]))
    n_clusters: int = field(default=8, metadata=param("vclusters", lo=CLUSTER_RANGE[0], hi=CLUSTER_RANGE[1]))
    cluster_threshold: str = field(default="auto", metadata=param("vthreshold", choices=CLUSTER_THRESHOLDS))
    panels: str = field(default=",".join(VARIANT_KEYS), metadata=param("vpanels"))

    def panel_keys(self) -> tuple[str, ...]:
        """The chosen panels in catalogue order; unknown names are ignored."""
        chosen = {p.strip() for p in self.panels.split(",")}
        return tuple(k for k in VARIANT_KEYS if k in chosen)

    def strategy_value(self) -> str | float:
        try:
            return float(self.strategy)
        except ValueError:
            return self.strategy

    def threshold_value(self) -> str | float:
        try:
            return float(self.cluster_threshold)
        except ValueError:
            return self.cluster_threshold


# --- results -------------------------------------------------------------------------------------------------


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
class Evaluation:
    classifier: str
    recall: float
    precision: float
    balanced_accuracy: float
    n_train: int
    n_train_resampled: int
    n_test: int
    positive: object
    message: str = ""
    k_used: int | None = None  # k of the training-part run, when lower than the panel's k
    k_note: str = ""  # why k was lowered on the training part
    n_test_positive: int = 0  # rows of class ``positive`` in the test part

    @property
    def ok(self) -> bool:
        return not self.message

    def sentence(self) -> str:
        if self.message:
            return self.message
        return (
            f"Held-out ({plural(self.n_test, 'test row')}, {self.n_test_positive} of them "
            f"class {label_text(self.positive)}, {self.classifier}): recall {self.recall:.2f}, precision "
            f"{self.precision:.2f}, balanced accuracy {self.balanced_accuracy:.2f}."
        )

    def notes(self) -> tuple[str, ...]:
        """What belongs in the panel's explanation besides the scores: k lowered on the training part.
        (Too few positive test rows is the same for every panel: ``few_positives_warning``.)"""
        if self.ok and self.k_note:
            return (f"Held-out scores: on the training part, {self.k_note}",)
        return ()


FEW_TEST_POSITIVES = 10  # below this many positive test rows, recall moves in coarse steps: say so


def few_positives_warning(n_positive: int) -> str:
    """'only 3 minority rows in the test part: recall can only be 0, 1/3, 2/3 or 1.' (or '' for 10 and more)."""
    if n_positive >= FEW_TEST_POSITIVES or n_positive <= 0:
        return ""
    values = ["0"] + [str(Fraction(i, n_positive)) for i in range(1, n_positive)] + ["1"]
    return (
        f"Only {plural(n_positive, 'minority row')} in the test part: recall can only be "
        f"{', '.join(values[:-1])} or {values[-1]}."
    )


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


# --- helpers -------------------------------------------------------------------------------------------------


def _key(label: object) -> object:
    return label.item() if hasattr(label, "item") else label


def _failed(key: str, message: str, X: np.ndarray, y: np.ndarray) -> VariantResult:
    empty = np.zeros((0,), dtype=int)
    return VariantResult(
        key=key,
        ok=False,
        message=f"{DESCRIPTIONS[key].title} could not run: {message}",
        X=np.zeros((0, X.shape[1])),
        y=y[:0],
        origin=empty,
        removed=empty,
        counts_before=class_counts(y),
        counts_after={},
        requested={},
    )


def _explain(exc: Exception, key: str, params: GalleryParams, y: np.ndarray) -> str:
    """A one-line, plain explanation of why imbalanced-learn refused."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    counts = class_counts(y)
    if "n_neighbors <= n_samples" in text or "n_samples_fit" in text:
        smallest = min(counts, key=counts.get)
        return (
            f"k = {params.k} needs at least {params.k + 1} points in every class it over-samples; class "
            f"{label_text(smallest)} has {counts[smallest]}. Lower k."
        )
    if "No clusters found" in text:
        return (
            "no k-means cluster holds enough minority points (minority share at or above the threshold and at "
            f"least k + 1 = {params.k + 1} of them). Lower the cluster balance threshold, raise the number of "
            "clusters or lower k."
        )
    if "Not any neigbours belong to the majority" in text or "Not any neighbours" in text:
        return "no minority point has an other-class neighbour, so every hardness is 0 and ADASYN has no weights."
    if "No samples will be generated" in text:
        return "after rounding, every per-point count g_i is 0: nothing to generate. Ask for more points."
    if "All support vectors are considered as noise" in text:
        return "every minority support vector is noise (all its m neighbours are other-class)."
    if "cannot be used with under-sampler" in text or (
        "'sampling_strategy' parameter of RandomUnderSampler" in text and "minority" in text
    ):
        return f"the sampling strategy '{params.strategy}' cannot be used to under-sample."
    if "should be used for binary classification" in text or ("binary" in text and "float" in text):
        return f"a ratio like {params.strategy} works only with two classes; pick a named strategy."
    if "required to remove samples" in text or "required to generate new sample" in text:
        values = sorted(counts.values())
        if key == "rus":
            return (
                f"a ratio of {params.strategy} would keep more majority points than there are (minority / majority "
                f"is already {values[0] / values[-1]:.2f}); pick a larger ratio or a named strategy."
            )
        return (
            f"a ratio of {params.strategy} would need to shrink the class it should grow (minority / majority is "
            f"already {values[0] / values[-1]:.2f}); pick a larger ratio or a named strategy."
        )
    if "n_samples=" in text and "n_clusters=" in text:
        return f"{params.n_clusters} clusters need at least {params.n_clusters} points."
    return text


def _quiet(fn: Callable[[], object]) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn()


def _replay(X_seed, nn_data, nns, n, seed, step_size=1.0, y_all=None, y_type=None, dtype=np.float64):
    """imbalanced-learn's ``BaseSMOTE._make_samples`` replayed from the same seed, with the draws returned."""
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
    return X_new, rows, cols, steps[:, 0] * factor


class _Provenance:
    """Collects provenance pieces class by class, in output order."""

    def __init__(self) -> None:
        self.parts: list[tuple] = []

    def add(self, seed, neighbours, chosen, gap, points, label) -> None:
        n = len(seed)
        self.parts.append(
            (
                np.asarray(seed, dtype=int),
                np.asarray(neighbours, dtype=int).reshape(n, -1),
                np.asarray(chosen, dtype=int),
                np.asarray(gap, dtype=float),
                np.asarray(points, dtype=float).reshape(n, -1),
                np.full(n, label, dtype=object),
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
        )


def _over_result(key, X, y, X_res, y_res, requested, prov: _Provenance | None, notes, state=None):
    """Result of an over-sampler whose output is the originals followed by the synthetic rows."""
    n = len(X)
    origin = np.concatenate([np.arange(n), np.full(len(X_res) - n, -1)])
    notes = list(notes)
    provenance = None
    if prov is not None:
        provenance = prov.build(np.arange(n, len(X_res)), X.shape[1])
        if len(provenance.points) != len(X_res) - n or not np.array_equal(provenance.points, X_res[n:]):
            notes.append("The sampler's random draws could not be replayed here, so seeds are not shown.")
            provenance = None
    produced = class_counts(y_res[n:]) if len(y_res) > n else {}
    for label, asked in requested.items():
        made = produced.get(label, 0)
        if made != asked and not any(f"class {label_text(label)}:" in s for s in notes):
            notes.append(f"class {label_text(label)}: asked for {plural(asked, 'new point')}, made {made}.")
    message = ""
    if requested and len(X_res) == n:
        # imbalanced-learn returned the data unchanged: the reason becomes the panel's one-line message.
        message = f"{DESCRIPTIONS[key].title} made no new points. " + " ".join(notes)
    return VariantResult(
        key=key,
        ok=True,
        message=message,
        X=X_res,
        y=y_res,
        origin=origin,
        removed=np.zeros(0, dtype=int),
        counts_before=class_counts(y),
        counts_after=class_counts(y_res),
        requested=requested,
        notes=tuple(notes),
        state=state,
        provenance=provenance,
    )


def _requested(sampler) -> dict:
    return {_key(k): int(v) for k, v in sampler.sampling_strategy_.items() if int(v) > 0}


def _error_text(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _asks_for_nothing(params: GalleryParams, y: np.ndarray) -> bool:
    """True when the sampling strategy, resolved on ``y`` as imbalanced-learn resolves it, asks for no new point.

    A strategy imbalanced-learn refuses (a ratio below the current balance) is not "nothing": the sampler then
    raises, and that error is explained."""
    try:
        wanted = check_sampling_strategy(params.strategy_value(), y, "over-sampling")
    except ValueError:
        return False
    return sum(int(v) for v in wanted.values()) == 0


def _already_balanced(key: str, X: np.ndarray, y: np.ndarray) -> VariantResult:
    n = len(X)
    return VariantResult(
        key=key,
        ok=True,
        message=(
            f"{DESCRIPTIONS[key].title}: already balanced: nothing to make (every class the strategy would grow "
            "already has the size it asks for)."
        ),
        X=np.asarray(X),
        y=np.asarray(y),
        origin=np.arange(n),
        removed=np.zeros(0, dtype=int),
        counts_before=class_counts(y),
        counts_after=class_counts(y),
        requested={},
    )


OVER_SAMPLERS = ("ros", "ros_shrinkage", "smote", "borderline1", "borderline2", "svmsmote", "kmeanssmote", "adasyn")


def _guard(key: str, X, y, params: GalleryParams, body: Callable[[], VariantResult]) -> VariantResult:
    """Run one panel; every failure becomes the panel's one-line message, never an exception.

    An over-sampler asked for no new point returns the data unchanged before any fitted state is read (some
    fitted attributes do not exist when imbalanced-learn had nothing to do)."""
    if key in OVER_SAMPLERS and _asks_for_nothing(params, y):
        return _already_balanced(key, X, y)
    try:
        return _quiet(body)
    except (ValueError, RuntimeError, IndexError) as exc:
        return _failed(key, _explain(exc, key, params, y), X, y)
    except Exception as exc:  # noqa: BLE001 - an unexpected failure of one panel must not take the page down
        return _failed(key, _error_text(exc), X, y)


# --- samplers ------------------------------------------------------------------------------------------------


def make_sampler(key: str, params: GalleryParams):
    """The imbalanced-learn sampler behind a panel (None for the original data)."""
    s = params.strategy_value()
    seed = params.seed
    k = params.k
    if key == "original":
        return None
    if key == "ros":
        return RandomOverSampler(sampling_strategy=s, random_state=seed)
    if key == "ros_shrinkage":
        return RandomOverSampler(sampling_strategy=s, random_state=seed, shrinkage=params.shrinkage)
    if key == "smote":
        return SMOTE(sampling_strategy=s, random_state=seed, k_neighbors=k)
    if key in ("borderline1", "borderline2"):
        kind = "borderline-1" if key == "borderline1" else "borderline-2"
        return BorderlineSMOTE(sampling_strategy=s, random_state=seed, k_neighbors=k, m_neighbors=params.m, kind=kind)
    if key == "svmsmote":
        return SVMSMOTE(sampling_strategy=s, random_state=seed, k_neighbors=k, m_neighbors=params.m)
    if key == "kmeanssmote":
        return KMeansSMOTE(
            sampling_strategy=s,
            random_state=seed,
            k_neighbors=k,
            kmeans_estimator=MiniBatchKMeans(n_clusters=params.n_clusters, random_state=seed, n_init=3),
            cluster_balance_threshold=params.threshold_value(),
        )
    if key == "adasyn":
        return ADASYN(sampling_strategy=s, random_state=seed, n_neighbors=k)
    if key == "smotetomek":
        return SMOTETomek(
            sampling_strategy=s,
            random_state=seed,
            smote=SMOTE(sampling_strategy=s, random_state=seed, k_neighbors=k),
            tomek=TomekLinks(sampling_strategy="all"),
        )
    if key == "smoteenn":
        return SMOTEENN(
            sampling_strategy=s,
            random_state=seed,
            smote=SMOTE(sampling_strategy=s, random_state=seed, k_neighbors=k),
            enn=EditedNearestNeighbours(sampling_strategy="all"),
        )
    if key == "rus":
        return RandomUnderSampler(sampling_strategy=s, random_state=seed)
    raise KeyError(key)


def run_original(X, y, params: GalleryParams) -> VariantResult:
    n = len(X)
    return VariantResult(
        key="original",
        ok=True,
        message="",
        X=np.asarray(X),
        y=np.asarray(y),
        origin=np.arange(n),
        removed=np.zeros(0, dtype=int),
        counts_before=class_counts(y),
        counts_after=class_counts(y),
        requested={},
    )


def _run_ros(key: str, X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler(key, params)
        X_res, y_res = sampler.fit_resample(X, y)
        n = len(X)
        source = sampler.sample_indices_[n:].astype(int)  # fitted attribute: the drawn rows
        copies = np.bincount(source, minlength=n)
        bandwidth = {}
        shrink = sampler.shrinkage_
        if shrink is not None:
            n_samples, n_features = X.shape
            constant = (4 / ((n_features + 2) * n_samples)) ** (1 / (n_features + 4))
            for label in sampler.sampling_strategy_:
                std = np.std(X[y == label], axis=0)
                bandwidth[_key(label)] = shrink[label] * constant * std
        provenance = Provenance(
            rows=np.arange(n, len(X_res)),
            seed=source,
            neighbours=np.zeros((len(source), 0), dtype=int),
            chosen=np.full(len(source), -1),
            gap=np.zeros(len(source)),
            points=X_res[n:],
            label=y[source].astype(object),
        )
        state = RandomOverState(
            shrinkage=None if shrink is None else float(params.shrinkage), copies=copies, bandwidth=bandwidth
        )
        result = _over_result(key, X, y, X_res, y_res, _requested(sampler), None, [], state)
        return _with(result, provenance=provenance)

    return _guard(key, X, y, params, body)


def _with(result: VariantResult, **changes) -> VariantResult:
    return replace(result, **changes)


def run_ros(X, y, params: GalleryParams) -> VariantResult:
    return _run_ros("ros", X, y, params)


def run_ros_shrinkage(X, y, params: GalleryParams) -> VariantResult:
    return _run_ros("ros_shrinkage", X, y, params)


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


def _smote_provenance(X, y, sampler, params: GalleryParams, calls: list[tuple] | None = None) -> _Provenance:
    """``calls``: the sampler's recorded ``_make_samples`` calls (one per over-sampled class), whose neighbour
    tables are reused instead of querying the class neighbours again."""
    prov = _Provenance()
    k = params.k
    reuse = _single_class(sampler)
    tables = iter([args[4] for args, _ in calls or ()])
    for label, n_new in sampler.sampling_strategy_.items():
        if n_new == 0:
            continue
        idx = np.flatnonzero(y == label)
        Xc = X[idx]
        nns = _next_table(tables, Xc, partial(_class_neighbours, sampler, Xc, k, reuse))
        pts, rows, cols, gap = _replay(Xc, Xc, nns, n_new, params.seed, dtype=X.dtype)
        prov.add(idx[rows], idx[nns[rows]], idx[nns[rows, cols]], gap, pts, _key(label))
    return prov


def run_smote(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("smote", params)
        calls = _record_tables(sampler)
        X_res, y_res = sampler.fit_resample(X, y)
        prov = _smote_provenance(X, y, sampler, params, calls)
        return _over_result("smote", X, y, X_res, y_res, _requested(sampler), prov, [])

    return _guard("smote", X, y, params, body)


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
                pts, rows, cols, gap = _replay(X[danger], X[pool], nns, n_new, params.seed, dtype=X.dtype)
            else:
                pool = np.arange(len(X))
                nns = _next_table(tables, X[danger], partial(_class_neighbours, sampler, X, k, True))
                pts, rows, cols, gap = _replay(
                    X[danger], X, nns, n_new, params.seed, y_all=y, y_type=label, dtype=X.dtype
                )
            prov.add(danger[rows], pool[nns[rows]], pool[nns[rows, cols]], gap, pts, _key(label))
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
                pts, rows, cols, gap = _replay(X[group], X[idx], nns, count, params.seed, step_size=step, dtype=X.dtype)
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
                    pts, rows, cols, gap = _replay(Xc, Xc, nns, n_c, params.seed, dtype=X.dtype)
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


def run_adasyn(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("adasyn", params)
        # Reused from the fit instead of recomputed: per class, imbalanced-learn's nn_ answers two kneighbors
        # calls, first fitted on all of X (the hardness vote), then on the class (the neighbour table). nn_ is
        # created inside the fit.
        kneighbors_calls = _record_built(sampler, "nn_", "kneighbors")
        X_res, y_res = sampler.fit_resample(X, y)
        recorded = iter([result for _, result in kneighbors_calls])
        k = params.k
        rng = check_random_state(params.seed)  # ADASYN draws from one generator for all classes
        prov = _Provenance()
        rows_all, labels_all, hard_all, weight_all, gen_all = [], [], [], [], []
        notes = []
        requested = {}
        nn_all = None  # only if the recording does not line up (it always should)
        single = _single_class(sampler)
        for label, n_new in sampler.sampling_strategy_.items():
            if n_new == 0:
                continue
            requested[_key(label)] = int(n_new)
            idx = np.flatnonzero(y == label)
            neigh = next(recorded, None)  # all-data neighbours of the class points, self first
            if neigh is None or len(neigh) != len(idx):
                nn_all = nn_all or NearestNeighbors(n_neighbors=k + 1).fit(X)
                neigh = nn_all.kneighbors(X[idx], return_distance=False)
            neigh = neigh[:, 1:]
            hardness = np.sum(y[neigh] != label, axis=1) / k
            weight = hardness / hardness.sum()
            generated = np.rint(weight * n_new).astype(int)
            total = int(generated.sum())
            rows_all.append(idx)
            labels_all.append(np.full(len(idx), _key(label), dtype=object))
            hard_all.append(hardness)
            weight_all.append(weight)
            gen_all.append(generated)
            if total != n_new:
                notes.append(
                    f"class {label_text(label)}: asked for {plural(n_new, 'new point')}, made {total}: each g_i is "
                    f"rounded on its own, and the rounded counts add up to {total}."
                )
            Xc = X[idx]
            nns = next(recorded, None)  # class neighbours of the class points, self first
            if nns is None or len(nns) != len(Xc):
                nn_class = sampler.nn_ if single and sampler.nn_.n_samples_fit_ == len(Xc) else None  # fitted on Xc
                nn_class = nn_class or NearestNeighbors(n_neighbors=k + 1).fit(Xc)
                nns = nn_class.kneighbors(Xc, return_distance=False)
            nns = nns[:, 1:]
            rows = np.repeat(np.arange(len(idx)), generated)
            cols = rng.choice(k, size=total)
            diffs = Xc[nns[rows, cols]] - Xc[rows]
            steps = rng.uniform(size=(total, 1))
            pts = (Xc[rows] + steps * diffs).astype(X.dtype)
            prov.add(idx[rows], idx[nns[rows]], idx[nns[rows, cols]], steps[:, 0], pts, _key(label))
        state = AdasynState(
            n_neighbors=k,
            rows=np.concatenate(rows_all),
            labels=np.concatenate(labels_all),
            hardness=np.concatenate(hard_all),
            weight=np.concatenate(weight_all),
            generated=np.concatenate(gen_all),
        )
        return _over_result("adasyn", X, y, X_res, y_res, requested, prov, notes, state)

    return _guard("adasyn", X, y, params, body)


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
        if not np.array_equal(X_mid[kept], X_res):
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
        requested = {_key(k_): int(v) for k_, v in smote.sampling_strategy_.items() if int(v) > 0}
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
            provenance=provenance if not notes[0].startswith("SMOTE's intermediate") else None,
        )

    return _guard(key, X, y, params, body)


def run_smotetomek(X, y, params: GalleryParams) -> VariantResult:
    return _run_cleaning("smotetomek", X, y, params)


def run_smoteenn(X, y, params: GalleryParams) -> VariantResult:
    return _run_cleaning("smoteenn", X, y, params)


def run_rus(X, y, params: GalleryParams) -> VariantResult:
    def body():
        sampler = make_sampler("rus", params)
        X_res, y_res = sampler.fit_resample(X, y)
        kept = np.asarray(sampler.sample_indices_)  # fitted attribute
        removed = np.setdiff1d(np.arange(len(X)), kept)
        return VariantResult(
            key="rus",
            ok=True,
            message="",
            X=X_res,
            y=y_res,
            origin=kept,
            removed=removed,
            counts_before=class_counts(y),
            counts_after=class_counts(y_res),
            requested={_key(k_): int(v) for k_, v in sampler.sampling_strategy_.items()},
        )

    return _guard("rus", X, y, params, body)


RUNNERS: dict[str, Callable[..., VariantResult]] = {
    "original": run_original,
    "ros": run_ros,
    "ros_shrinkage": run_ros_shrinkage,
    "smote": run_smote,
    "borderline1": run_borderline1,
    "borderline2": run_borderline2,
    "svmsmote": run_svmsmote,
    "kmeanssmote": run_kmeanssmote,
    "adasyn": run_adasyn,
    "smotetomek": run_smotetomek,
    "smoteenn": run_smoteenn,
    "rus": run_rus,
}


# --- held-out evaluation -------------------------------------------------------------------------------------


def evaluation_plan(X, y, positive, seed: int) -> compare.Plan:
    """The Compare page's plan for a held-out split: stratified, its default test share, or why it is impossible."""
    dataset = Dataset(X=X, y=y, feature_names=[f"x{i}" for i in range(np.shape(X)[1])], minority_label=positive)
    settings = compare.CompareSettings(treatments="none", test_share=TEST_SIZE, seed=seed, cv_folds=0)
    return compare.make_plan(dataset, settings)


def evaluate(key: str, X, y, positive, params: GalleryParams, plan: compare.Plan | None = None) -> Evaluation:
    """Split first, resample the training part only, score the chosen classifier on the untouched test part.

    The Compare page's recipe (``smote_viz.evaluate``): its split (``make_plan``), its classifiers
    (``build_pipeline``: features standardised first for distance- and margin-based models, then the sampler,
    then the model) and its metrics (``compute_metrics``). Recall and precision are those of class ``positive``.
    Every failure is a message in the result."""
    name = CLASSIFIERS[params.classifier]

    def failed(message: str) -> Evaluation:
        return Evaluation(name, math.nan, math.nan, math.nan, 0, 0, 0, positive, message)

    try:
        plan = plan or evaluation_plan(X, y, positive, params.seed)
        if not plan.ok:
            return failed("Held-out scores unavailable: " + " ".join(plan.errors))
        X_train, X_test, y_train, y_test = X[plan.train], X[plan.test], y[plan.train], y[plan.test]
        pipe = compare.build_pipeline(params.classifier, "none", seed=params.seed)
        scaler, model = pipe.named_steps.get("scale"), pipe.named_steps["model"]
        if scaler is not None:  # the Compare page's order: scale, then resample, then fit
            X_train = scaler.fit_transform(X_train)
            X_test = scaler.transform(X_test)
        k_used, k_note = _training_k(key, params, y_train)
        sampler = make_sampler(key, replace(params, k=k_used) if k_used is not None else params)
        X_fit, y_fit = X_train, y_train
        if sampler is not None:
            try:
                X_fit, y_fit = _quiet(lambda: sampler.fit_resample(X_train, y_train))
            except Exception as exc:  # noqa: BLE001
                reason = _explain(exc, key, params, y_train) if isinstance(exc, ValueError | RuntimeError) else (
                    _error_text(exc)
                )
                return failed(f"Held-out scores unavailable: on the {1 - TEST_SIZE:.0%} training part, {reason}")
        if len(np.unique(y_fit)) < 2:
            return failed("Held-out scores unavailable: the resampled training part has one class only.")
        _quiet(lambda: model.fit(X_fit, y_fit))
        # The Compare page's metrics; the panel shows no ROC/PR-AUC, so no scores are computed for them.
        metrics = _quiet(lambda: compare.compute_metrics(y_test, model.predict(X_test), None, plan.positive))
    except Exception as exc:  # noqa: BLE001 - held-out scores are extra: their failure is a message
        return failed(f"Held-out scores unavailable: {_error_text(exc)}")
    return Evaluation(
        classifier=name,
        recall=metrics.recall,
        precision=metrics.precision,
        balanced_accuracy=metrics.balanced_accuracy,
        n_train=len(y_train),
        n_train_resampled=len(y_fit),
        n_test=len(y_test),
        positive=plan.positive,
        k_used=k_used,
        k_note=k_note,
        n_test_positive=int(np.sum(y_test == plan.positive)),
    )


USES_K = ("smote", "borderline1", "borderline2", "svmsmote", "kmeanssmote", "adasyn", "smotetomek", "smoteenn")


def _training_k(key: str, params: GalleryParams, y_train) -> tuple[int | None, str]:
    """k for the training part, lowered as on the Compare page (``smote.clamp_k``) when a class it grows has
    too few training rows; ``(None, "")`` when k stays (or the sampler has no k)."""
    if key not in USES_K:
        return None, ""
    try:
        k, note = clamp_k(y_train, params.k, params.strategy_value())
    except ValueError:  # a strategy imbalanced-learn refuses: the sampler's own error explains it below
        return None, ""
    if note is None or k >= params.k:
        return None, ""
    return k, note


def run_variant(key: str, X, y, params: GalleryParams, positive=None, with_evaluation: bool = True) -> VariantResult:
    """One panel: the sampler on all of (X, y) for the picture, and its held-out scores.

    Native thread pools (OpenMP in k-means, BLAS) run with one thread (``threads.one_native_thread``).
    """
    return run_gallery(X, y, (key,), params, positive, with_evaluation)[0]


def run_gallery(X, y, keys, params: GalleryParams, positive=None, with_evaluation: bool = True) -> list[VariantResult]:
    """Every chosen panel, in order, all scored on one held-out split (``positive``: the minority by default)."""
    one_native_thread()
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if positive is None:
        counts = class_counts(y)
        positive = min(counts, key=counts.get)
    plan = None
    if with_evaluation:
        try:
            plan = evaluation_plan(X, y, positive, params.seed)
        except Exception:  # noqa: BLE001 - evaluate() below then reports why, panel by panel
            plan = None
    results = []
    for key in keys:
        result = RUNNERS[key](X, y, params)
        if with_evaluation:
            result = _with(result, evaluation=evaluate(key, X, y, positive, params, plan))
        results.append(result)
    return results
