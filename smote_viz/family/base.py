"""Shared machinery of the SMOTE family's panels: building a result from a sampler's output, explaining a refusal
in one line, and guarding every panel so that a failure becomes its message instead of an exception."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
from imblearn.utils import check_sampling_strategy

from smote_viz.data.dataset import class_counts
from smote_viz.family.params import GalleryParams
from smote_viz.family.refusal import _error_text, _explain, _quiet
from smote_viz.family.replay import _Provenance
from smote_viz.family.result import VariantResult
from smote_viz.family.text import DESCRIPTIONS
from smote_viz.style import label_text, plural


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
