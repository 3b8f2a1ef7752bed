"""Shared machinery of the SMOTE family's panels: building a result from a sampler's output, explaining a refusal
in one line, and guarding every panel so that a failure becomes its message instead of an exception."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from imblearn.utils import check_sampling_strategy

from ..data.dataset import class_counts
from ..style import label_text, plural
from .params import GalleryParams
from .replay import _Provenance
from .result import VariantResult
from .text import DESCRIPTIONS


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


def _unchanged(key: str, X: np.ndarray, y: np.ndarray, message: str = "") -> VariantResult:
    """The data as it is: a panel that adds and removes nothing (the original data, or nothing to make)."""
    n = len(X)
    return VariantResult(
        key=key,
        ok=True,
        message=message,
        X=np.asarray(X),
        y=np.asarray(y),
        origin=np.arange(n),
        removed=np.zeros(0, dtype=int),
        counts_before=class_counts(y),
        counts_after=class_counts(y),
        requested={},
    )


def _already_balanced(key: str, X: np.ndarray, y: np.ndarray) -> VariantResult:
    return _unchanged(key, X, y, f"{DESCRIPTIONS[key].title}: already balanced: nothing to make (every class the "
                                 "strategy would grow already has the size it asks for).")


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


def _with(result: VariantResult, **changes) -> VariantResult:
    return replace(result, **changes)
