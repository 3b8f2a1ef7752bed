"""Why a sampler refused, in one plain line, and running a sampler without its warnings. Used by the panels
(``base``) and by the held-out scores (``evaluation``), so neither imports the other."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from smote_viz.data.dataset import class_counts
from smote_viz.family.params import GalleryParams
from smote_viz.style import label_text


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


def _error_text(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
