"""Held-out scores of a panel: split first, resample the training part only, score on the untouched test part,
with the Compare page's split, classifiers and metrics (``smote_viz.compare.evaluate``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np

from smote_viz.compare import evaluate as compare
from smote_viz.data import Dataset
from smote_viz.family.params import CLASSIFIERS, GalleryParams
from smote_viz.family.refusal import _error_text, _explain, _quiet
from smote_viz.family.samplers import make_sampler
from smote_viz.smote import clamp_k
from smote_viz.style import label_text, plural

TEST_SIZE = compare.CompareSettings.test_share  # the Compare page's default test share


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


def evaluation_plan(X, y, positive, seed: int) -> compare.Plan:
    """The Compare page's plan for a held-out split: stratified, its default test share, or why it is impossible."""
    dataset = Dataset(X=X, y=y, feature_names=[f"x{i}" for i in range(np.shape(X)[1])], minority_label=positive)
    settings = compare.CompareSettings(treatments="none", test_share=TEST_SIZE, seed=seed, cv_folds=0)
    return compare.make_plan(dataset, settings)


def evaluate(key: str, X, y, positive, params: GalleryParams, plan: compare.Plan | None = None) -> Evaluation:
    """Split first, resample the training part only, score the chosen classifier on the untouched test part.

    The Compare page's recipe (``smote_viz.compare.evaluate``): its split (``make_plan``), its classifiers
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
