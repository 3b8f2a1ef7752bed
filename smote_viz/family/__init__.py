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

One sampler family per module, as imbalanced-learn keeps them:

- ``text``: what each panel is (``DESCRIPTIONS``); ``params``: the catalogue and the shared settings;
- ``result``: ``VariantResult``, ``Provenance`` and one state dataclass per sampler;
- ``replay``: the sampler's draws replayed, its neighbour tables recorded; ``base``: results, refusals, guards;
- ``samplers``: the imbalanced-learn sampler behind each panel;
- ``random`` (over- and under-sampling by copying or dropping rows), ``smote``, ``filter`` (Borderline-SMOTE,
  SVM-SMOTE), ``cluster`` (KMeans-SMOTE), ``adasyn``, ``combine`` (SMOTE + Tomek links, SMOTE + ENN);
- ``evaluation``: held-out scores; ``gallery``: every chosen panel on one dataset;
- ``steps``: the step-through of Borderline-SMOTE and ADASYN with the stepper's four phases;
- ``ui``: the family page's Streamlit parts (settings, grid, step-through); this package does not import it.

Nothing here imports Streamlit.
"""

from smote_viz.family.adasyn import run_adasyn
from smote_viz.family.cluster import run_kmeanssmote
from smote_viz.family.combine import run_smoteenn, run_smotetomek
from smote_viz.family.evaluation import (
    FEW_TEST_POSITIVES,
    TEST_SIZE,
    Evaluation,
    evaluate,
    evaluation_plan,
    few_positives_warning,
)
from smote_viz.family.filter import run_borderline1, run_borderline2, run_svmsmote
from smote_viz.family.gallery import RUNNERS, run_gallery, run_original, run_variant
from smote_viz.family.params import (
    CLASSIFIERS,
    CLUSTER_RANGE,
    CLUSTER_THRESHOLDS,
    K_RANGE,
    M_RANGE,
    SEED_RANGE,
    SHRINKAGE_RANGE,
    STRATEGIES,
    VARIANT_KEYS,
    GalleryParams,
)
from smote_viz.family.random import run_ros, run_ros_shrinkage, run_rus
from smote_viz.family.result import (
    AdasynState,
    BorderlineState,
    CleaningState,
    ClusterInfo,
    KMeansState,
    Provenance,
    RandomOverState,
    SvmState,
    VariantResult,
)
from smote_viz.family.samplers import make_sampler
from smote_viz.family.smote import run_smote
from smote_viz.family.steps import STEP_VARIANTS, WalkSettings, classification_text, narrate_variant, variant_trace
from smote_viz.family.text import DESCRIPTIONS, Description

__all__ = [
    "CLASSIFIERS",
    "CLUSTER_RANGE",
    "CLUSTER_THRESHOLDS",
    "DESCRIPTIONS",
    "FEW_TEST_POSITIVES",
    "K_RANGE",
    "M_RANGE",
    "RUNNERS",
    "SEED_RANGE",
    "SHRINKAGE_RANGE",
    "STEP_VARIANTS",
    "STRATEGIES",
    "TEST_SIZE",
    "VARIANT_KEYS",
    "AdasynState",
    "BorderlineState",
    "CleaningState",
    "ClusterInfo",
    "Description",
    "Evaluation",
    "GalleryParams",
    "KMeansState",
    "Provenance",
    "RandomOverState",
    "SvmState",
    "VariantResult",
    "WalkSettings",
    "classification_text",
    "evaluate",
    "evaluation_plan",
    "few_positives_warning",
    "make_sampler",
    "narrate_variant",
    "run_adasyn",
    "run_borderline1",
    "run_borderline2",
    "run_gallery",
    "run_kmeanssmote",
    "run_original",
    "run_ros",
    "run_ros_shrinkage",
    "run_rus",
    "run_smote",
    "run_smoteenn",
    "run_smotetomek",
    "run_svmsmote",
    "run_variant",
    "variant_trace",
]
