"""The imbalanced-learn sampler behind every panel, built from the shared settings."""

from __future__ import annotations

from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import ADASYN, SMOTE, SVMSMOTE, BorderlineSMOTE, KMeansSMOTE, RandomOverSampler
from imblearn.under_sampling import EditedNearestNeighbours, RandomUnderSampler, TomekLinks
from sklearn.cluster import MiniBatchKMeans

from smote_viz.family.params import GalleryParams


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
